"""Issue 18, drafting round two: each class of defect the lawyer found, read in the printed contract in
every language and layout (HTML, the one print template that PDF and the page share)."""

import html
import re

import pytest

from contracts.clauses.assemble import assemble
from contracts.clauses.files import read_library_files
from contracts.clauses.samples import context_for, patched, sample_document
from contracts.clauses.tables import build_table
from contracts.problems import validate_answers
from contracts.rendering.html import print_model, render_html
from contracts.terms import build_terms, hints_for, terms_context
from contracts.terms.model import OtherModule, Requirement
from contracts.terms.sensitive import sensitive_categories

LIBRARY = read_library_files()
PRINTS = (("zh", "columns"), ("en", "columns"), ("bilingual", "columns"), ("bilingual", "paragraphs"))
TAG = re.compile(r"<[^>]+>")
MLPS2_HELD = {"parties": {"vendor_certifications": ["iso27001", "mlps_level2"]}}


def document_for(patch: dict, sample: str = "standard", number: str = "CRM-2027-0001"):
    if number == "CRM-2027-0001":
        return assemble(context_for(patched(sample_document(sample), patch)), LIBRARY)
    typed, problems = validate_answers(patched(sample_document(sample), patch))
    assert not problems
    return assemble(terms_context(build_terms(typed, contract_number=number)), LIBRARY)


def printed(document) -> dict[tuple[str, str], str]:
    """The visible text of each print, tags removed and white space squeezed."""
    out = {}
    for language, layout in PRINTS:
        page = render_html(document, language, layout=layout)
        body = page[page.index("<body") :]
        out[(language, layout)] = re.sub(r"\s+", " ", html.unescape(TAG.sub(" ", body)))
    return out


def langs(language: str) -> tuple[str, ...]:
    return ("zh", "en") if language == "bilingual" else (language,)


def clause(document, key: str):
    return next(c for s in document.sections for c in s.clauses if c.key == key)


def body(document, key: str, lang: str) -> str:
    return " ".join(clause(document, key).text.get(lang))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


# 2. Core Functions and Material Obligations -------------------------------------------------------


def test_core_functions_and_material_obligations_are_defined_from_the_answers_and_decide_the_remedies():
    document = document_for({})
    definitions = clause(document, "definitions.terms")
    assert definitions.number.startswith("1.")  # the definitions article
    expected = {
        "zh": [
            "“核心功能”指本服务的下列功能：用户登录及身份认证；",
            "客户与联系人管理、线索与商机管理、报价与订单管理、报表与数据分析、移动端应用、经销商门户",
            "优先级为“必须”的每一项需求，即R1、R2；",  # R3 is only "should"
            "与用友U8 ERP、企业微信的系统集成",
            "“重要义务”指乙方在本合同项下的下列义务：（1）提供核心功能并达到第6.1条约定的可用率",
        ],
        "en": [
            '"Core Functions" means the following functions of the Service: User sign-in and authentication;',
            'each requirement marked "must" in the Annex "Requirements and Acceptance Tests", namely R1, R2;',
            "the integrations with ",  # each system by its name in the column's language
            '"Material Obligations" means the following obligations of the Vendor under this Agreement:',
        ],
    }
    for (language, layout), text in printed(document).items():
        for lang in langs(language):
            for phrase in expected[lang]:
                assert phrase in text, (language, layout, phrase)
        if "zh" in langs(language):
            assert "且全部核心功能能够按照本合同" in text  # Available
            assert "P1指本服务不可用或任一核心功能无法使用" in text and "非核心功能" not in text  # severity
            assert "乙方违反任何重要义务，且未在收到甲方书面通知之日起30日内纠正的" in text  # termination
        if "en" in langs(language):
            assert "all Core Functions operate properly" in text
            assert "P1 means the Service is unavailable or any Core Function cannot be used" in text
            assert "the Vendor breaches any Material Obligation and fails to cure" in text
            assert "core function" not in text and "material obligation" not in text


def test_core_functions_leave_out_what_the_draft_does_not_have():
    document = document_for({"scope": {"integrations": [], "requirements": [], "other_modules": []}})
    zh, en = body(document, "definitions.terms", "zh"), body(document, "definitions.terms", "en")
    assert "移动端应用；" not in zh and "移动端应用。" in zh  # modules end the list
    assert "系统集成" not in zh.split("“核心功能”")[1].split("（十三）")[0]
    assert "must" not in en.split('"Core Functions"')[1].split("(m)")[0]


# 3. Buyer silence at acceptance -------------------------------------------------------------------


def test_buyer_silence_is_no_inspection_period_and_after_a_reminder_only_stops_the_delay_clock():
    document = document_for({})
    acceptance = clause(document, "implementation.acceptance").number
    delay = clause(document, "liability.delay").number
    for (language, _layout), text in printed(document).items():
        if "zh" in langs(language):
            assert "不是《中华人民共和国民法典》第六百二十条、第六百二十一条所称的检验期限" in text
            assert "甲方应自收到催告之日起10个工作日内出具验收结论" in text
            assert f"不计入乙方依照第{delay}条承担违约金的逾期期间，但本服务不因此视为验收合格" in text
            assert f"以及依照第{acceptance}条不计入逾期期间的期间除外" in text  # the delay clause agrees
            assert "，视为验收合格" not in text  # never deemed
        if "en" in langs(language):
            assert "it is not an inspection period within the meaning of Articles 620 and 621 of the Civil Code" in text
            assert f"does not count as delay for which the Vendor owes liquidated damages under Section {delay}" in text
            assert "Acceptance is deemed to have occurred" not in text


def test_deemed_acceptance_prints_only_when_the_buyer_chose_it():
    document = document_for({"implementation": {"deemed_acceptance": True}})
    zh = body(document, "implementation.acceptance", "zh")
    assert "不是《中华人民共和国民法典》第六百二十条、第六百二十一条所称的检验期限" in zh
    assert "仍未出具验收结论且未提出书面异议的，视为验收合格。" in zh
    assert "不计入逾期期间" not in body(document, "liability.delay", "zh")


# 4. Individually negotiated terms -----------------------------------------------------------------


@pytest.mark.parametrize("sample", ["standard", "all_options", "perpetual"])
def test_the_buyer_is_never_labelled_the_supplier_of_standard_terms(sample):
    document = document_for({}, sample=sample)
    for (language, layout), text in printed(document).items():
        assert "甲方提供的文本" not in text and "text provided by the Customer" not in text, (language, layout)
        if "zh" in langs(language):
            assert "本合同全部条款均由双方在平等、自愿的基础上逐条协商确定" in text
        if "en" in langs(language):
            assert "Every provision of this Agreement has been individually negotiated by the parties" in text
    page = render_html(document, "bilingual")
    assert 'class="clause pair highlight" id="liability.cap"' in page  # the liability clauses stay in bold


# 5. A certification required but not held ------------------------------------------------------------


def test_a_required_certification_not_held_gets_a_date_termination_and_refund_and_no_lower_warranty():
    document = document_for(MLPS2_HELD)
    security = clause(document, "data.security").number
    for (language, layout), text in printed(document).items():
        assert "第二级" not in text and "Level 2" not in text, (language, layout)
        if "zh" in langs(language):
            assert "乙方确认其在本合同签署时尚未取得下列资质或认证：网络安全等级保护第三级备案及测评。" in text
            assert "乙方应不晚于2027年3月31日自费取得该等资质或认证" in text  # go-live by default
            assert "乙方未能按期取得的，甲方有权书面通知乙方解除本合同" in text
            assert "全额退还甲方已支付的全部款项" in text
            assert f"第{security}条、" in squeeze(body(document, "term.termination", "zh"))
        if "en" in langs(language):
            assert "does not yet hold the following qualifications or certifications: Multi-Level" in text
            assert "no later than 31 March 2027" in text
    held = document_for({})
    assert "尚未取得" not in body(held, "data.security", "zh")
    assert "网络安全等级保护第三级备案及测评" in body(held, "exit.warranties", "zh")


def test_the_certification_date_is_the_buyers_answer_when_given():
    document = document_for({**MLPS2_HELD, "data": {"certification_deadline": "2027-02-15"}})
    assert "不晚于2027年2月15日" in body(document, "data.security", "zh")
    assert "no later than 15 February 2027" in body(document, "data.security", "en")


def test_without_implementation_the_certification_is_due_when_the_service_starts():
    no_project = {
        "has_implementation": False,
        "go_live_date": None,
        "status_report_frequency": None,
        "milestones": [],
    }
    patch = {**MLPS2_HELD, "implementation": no_project, "pricing": {"payment_schedule": "annual_advance"}}
    document = document_for(patch)
    assert "不晚于2027年1月1日" in body(document, "data.security", "zh")


# 10. Smaller gaps -----------------------------------------------------------------------------------


def test_force_majeure_excludes_government_action_the_party_brought_on_itself():
    document = document_for({})
    for (language, _layout), text in printed(document).items():
        if "zh" in langs(language):
            assert (
                "因主张不可抗力的一方（或其分包商、云服务商）自身违反法律法规、监管要求或本合同而引起的政府行为" in text
            )
        if "en" in langs(language):
            assert "acts of government caused by the party claiming force majeure" in text


def test_anti_bribery_and_export_control_are_agreed_and_give_the_buyer_a_way_out():
    document = document_for({})
    termination = squeeze(body(document, "term.termination", "zh"))
    for key in ("general.integrity", "general.export_control"):
        assert f"第{clause(document, key).number}条" in termination
    for (language, _layout), text in printed(document).items():
        if "zh" in langs(language):
            assert "廉洁" in text and "不得直接或间接向甲方的员工、顾问或其近亲属提供或承诺提供回扣" in text
            assert "出口管制" in text and "《中华人民共和国出口管制法》" in text
        if "en" in langs(language):
            assert "Anti-Bribery" in text and "commercial bribery" in text
            assert "Export Control Law of the People's Republic of China" in text


def test_a_contract_without_a_number_prints_a_blank_to_fill_in():
    document = document_for({}, number="")
    assert print_model(document, "zh")["number"] == "________"
    for (language, _layout), text in printed(document).items():
        assert re.search(r"(合同编号|Contract No\.)[：:] ?________", text), language


def test_resolution_times_of_a_day_or_more_print_in_working_days():
    context = context_for(sample_document("standard"))  # 5×8, P1 round the clock; P3 56 support hours
    zh, en = build_table("severity_targets", context, "zh"), build_table("severity_targets", context, "en")
    assert [row[2] for row in zh.rows] == ["4小时", "1.5个工作日", "7个工作日", "不适用（随下一版本修复）"]
    assert [row[2] for row in en.rows][1:3] == ["1.5 Working Days", "7 Working Days"]
    document = document_for({})
    assert "下表以工作日表示的时限按每一工作日8个支持小时计算" in body(document, "support.severity", "zh")
    assert "counting eight support hours for each Working Day" in body(document, "support.severity", "en")
    for (language, _layout), text in printed(document).items():
        assert "56小时" not in text and "56 h" not in text, language
    # round the clock a Working Day would stretch the time over weekends: it stays in hours
    clock = context_for(patched(sample_document("standard"), {"sla": {"support_hours": "7x24"}}))
    assert build_table("severity_targets", clock, "zh").rows[2][2] == "56小时"


@pytest.mark.parametrize("sample", ["standard", "all_options", "perpetual"])
def test_no_awkward_month_compounds_and_the_cap_follows_the_last_twelve_months_of_fees(sample):
    document = document_for({}, sample=sample)
    for (language, layout), text in printed(document).items():
        assert "月月" not in text, (language, layout)
        if "zh" in langs(language):
            assert "（二）甲方就索赔提出之日前十二个月期间已支付及应支付的经常性费用" in text
        if "en" in langs(language):
            assert "(b) the recurring Fees paid and payable by the Customer in respect of the twelve months" in text


def test_a_longer_cap_scales_the_last_twelve_months_to_its_months():
    document = document_for({"legal": {"liability_cap_months": 24}})
    assert "经常性费用按月平均计算后的24倍" in body(document, "liability.cap", "zh")
    assert "(b) 24 times the monthly average of the recurring Fees" in body(document, "liability.cap", "en")


# 6. Migration responsibilities ----------------------------------------------------------------------

MIGRATING = {
    "migrating": True,
    "migration_source": "legacy_crm",
    "record_count": 50000,
    "migration_method": "api",
    "reconciliation_threshold_pct": "99.5",
    "data_loss_remedy": "remigrate_at_vendor_cost",
}


@pytest.mark.parametrize(
    ("owner", "buyer_tasks"),
    [("vendor", 4), ("joint", 5), ("buyer", 9)],
)
def test_the_migration_annex_splits_the_work_into_tasks_owners_and_deadlines(owner, buyer_tasks):
    document = document_for({"implementation": {**MIGRATING, "migration_owner": owner}})
    tasks = build_table(
        "migration_tasks",
        context_for(patched(sample_document("standard"), {"implementation": {**MIGRATING, "migration_owner": owner}})),
        "zh",
    )
    assert [row[2] for row in tasks.rows].count("甲方") == buyer_tasks
    assert tasks.rows[0][1:] == (
        "提供源系统的只读访问权限（API凭证）及数据字典",
        "甲方",
        "2027年2月17日（上线日前42日）",  # go-live 31 March 2027
    )
    assert tasks.rows[-1][3] == "2027年3月31日（上线日前）"
    tools = "本合同生效之日起15个工作日内" if owner == "buyer" else "2027年2月17日（上线日前42日）"
    assert tasks.rows[1][2:] == ("乙方", tools)  # the buyer-led date is implementation.migration's
    for (language, layout), text in printed(document).items():
        if "zh" in langs(language):
            assert "甲方在数据迁移中的协助义务仅限于下表列明由甲方负责的事项" in text, (language, layout)
            assert "完成期限" in text
            assert "提供导入工具、模板、目标数据结构说明及技术支持 乙方" in text
        if "en" in langs(language):
            assert "The Customer's duty to cooperate in the migration is limited to the tasks the table assigns" in text
            assert (
                "give read-only access to the source system (API credentials), with a data dictionary Customer" in text
            )
            assert "17 February 2027 (42 days before go-live)" in text


def test_migration_deadlines_shrink_rather_than_fall_before_the_contract_takes_effect():
    patch = {
        "implementation": {**MIGRATING, "migration_owner": "joint", "go_live_date": "2027-01-05", "milestones": []}
    }
    rows = build_table("migration_tasks", context_for(patched(sample_document("standard"), patch)), "en").rows
    assert rows[0][3] == "15 December 2026 (21 days before go-live)"  # the effective date
    assert rows[-1][3] == "5 January 2027 (by go-live)"


# 8. Sensitive personal information the scope implies --------------------------------------------------


@pytest.mark.parametrize(
    ("modules", "texts", "expected"),
    [
        (["mobile"], [], ("location",)),
        (["contacts"], ["外勤人员GPS打卡并记录拜访轨迹"], ("location",)),
        (["contacts"], ["Sales reps check in at customer sites"], ("location",)),
        (
            ["contacts"],
            ["员工刷脸登录", "Store customers' bank account numbers for refunds"],
            ("biometrics", "financial_account"),
        ),
        (["contacts", "analytics"], ["按区域统计商机漏斗。", "Dashboards of the pipeline by region"], ()),
    ],
)
def test_sensitive_information_is_detected_from_modules_requirements_and_further_modules(modules, texts, expected):
    requirements = [Requirement(id=f"R{i}", text=t, priority="must") for i, t in enumerate(texts, 1)]
    assert sensitive_categories(modules, requirements) == expected
    assert sensitive_categories([], [], [OtherModule("指纹考勤", "门店员工指纹打卡")]) == ("location", "biometrics")


def test_location_the_buyer_did_not_mark_sensitive_is_excluded_from_collection_and_the_wizard_says_so():
    document = document_for({})  # the mobile module: check-in by location; sensitive_pi is false
    pipl = clause(document, "data.pipl").number
    for (language, layout), text in printed(document).items():
        if "zh" in langs(language):
            assert "双方确认，本服务不处理敏感个人信息。本服务的模块或甲方的需求虽涉及行踪轨迹及精确位置信息" in text
            assert "不获取设备定位" in text
            assert f"不包括任何敏感个人信息（见第{pipl}条）" in text, (language, layout)
        if "en" in langs(language):
            assert "The parties confirm that the Service processes no Sensitive Personal Information" in text
            assert f"but no Sensitive Personal Information (see Section {pipl})" in text
    answers = sample_document("standard")
    hint = hints_for("data", answers["data"], answers)["sensitive_pi"]
    assert "涉及行踪轨迹及精确位置信息" in hint.zh and "合同将约定本服务不收集" in hint.zh
    assert "the contract states that the service will not collect it" in hint.en
    plain = {"scope": {"modules": ["contacts"], "requirements": [], "other_modules": []}}
    assert "不处理敏感个人信息" not in body(document_for(plain), "data.pipl", "zh")


def test_sensitive_information_the_buyer_declared_is_named_necessary_and_separately_consented():
    requirements = [
        {"id": "R1", "text": "门店员工刷脸签到。", "priority": "must", "acceptance_test": "10人各签到一次。"},
        {"id": "R2", "text": "Record customers' bank account for refunds.", "priority": "should"},
    ]
    document = document_for({"data": {"sensitive_pi": True}, "scope": {"requirements": requirements}})
    for (language, layout), text in printed(document).items():
        assert "不处理敏感个人信息" not in text and "processes no Sensitive" not in text, (language, layout)
        if "zh" in langs(language):
            assert (
                "其中包括行踪轨迹及精确位置信息（如移动端定位签到、外勤拜访定位）、生物识别信息（如人脸、指纹、声纹）、"
                "金融账户信息（如银行账号、支付账户）等敏感个人信息" in text
            )
            assert "乙方仅在实现委托处理目的所必需的范围内处理敏感个人信息（位置信息仅在用户主动签到" in text
            assert "第二十九条、第三十条取得个人的单独同意" in text
        if "en" in langs(language):
            assert (
                "biometric data (such as facial images, fingerprints and voiceprints) and financial account data"
                in text
            )
            assert "only to the extent necessary for the purpose of the entrusted processing" in text
    answers = patched(sample_document("standard"), {"data": {"sensitive_pi": True}})
    hint = hints_for("data", answers["data"], answers)["sensitive_pi"]
    assert hint.en.startswith("The contract lists location data as sensitive personal information")


# 9. Escrow that protects in practice ------------------------------------------------------------------

CONTINUITY = {"legal": {"escrow": "saas_continuity"}}


def test_continuity_escrow_refreshes_data_daily_splits_the_credentials_and_needs_consent_for_sub_processing():
    document = document_for(CONTINUITY)
    court = clause(document, "disputes.court").number
    for (language, layout), text in printed(document).items():
        if "zh" in langs(language):
            assert "与甲方及独立第三方托管机构________签署三方托管协议" in text, (
                language,
                layout,
            )
            assert "客户数据的备份应至少每24小时更新一次" in text and "最新备份" not in text
            assert "应急访问凭证应实行双人控制" in text and "任何一方均不能单独使用" in text
            assert "须事先取得甲方就其名称和处理范围作出的书面明确同意" in text
            assert "视为经甲方同意的转委托处理者" not in text
            assert "释放条件是否成就由专家裁定" in text and "专家应自受指定之日起15个工作日内作出书面裁定" in text
            assert f"依照第{court}条就双方之间的争议寻求解决" in text
        if "en" in langs(language):
            assert "the independent third-party escrow agent ________, to which the Customer is a party" in text
            assert "the backup being refreshed at least every 24 hours" in text
            assert "The emergency access credentials shall be under dual control" in text
            assert "requires the Customer's prior express written consent naming them" in text
            assert "sub-processors to which the Customer consents" not in text
            assert "the expert shall give a written determination within 15 Working Days of the appointment" in text


def test_the_escrow_agent_and_the_refresh_interval_are_the_buyers_answers():
    document = document_for(
        {"legal": {**CONTINUITY["legal"], "escrow_agent": "北京某某托管服务有限公司", "escrow_data_refresh_hours": 4}}
    )
    zh, en = body(document, "annex_escrow.deposit", "zh"), body(document, "annex_escrow.deposit", "en")
    assert "独立第三方托管机构北京某某托管服务有限公司签署" in zh and "________" not in zh
    assert "至少每4小时更新一次" in zh and "at least every 4 hours" in en
    source = document_for({"legal": {"escrow_data_refresh_hours": 4}}, sample="all_options")  # arbitration
    text = body(source, "annex_escrow.deposit", "zh")
    assert "小时更新" not in text  # no data deposit in a source-code escrow
    assert f"依照第{clause(source, 'disputes.arbitration').number}条" in text


# 10. A perpetual licence: warranty before maintenance, and renewal of maintenance at a capped increase --


def test_a_perpetual_licence_has_a_warranty_before_maintenance_is_payable_and_the_figures_follow():
    patch = {"pricing": {"warranty_months": 6}}  # licence 300,000, maintenance 20 % a year
    document = document_for(patch, sample="perpetual")
    context = context_for(patched(sample_document("perpetual"), patch))
    # half of 60,000 waived, from the 42,903.23 of maintenance between acceptance (14 April) and the end of 2027
    assert build_table("yearly_fees", context, "zh").rows[0][1] == "12,903.23"
    assert build_table("tco_by_year", context, "en").rows[0][1] == "30,000.00"
    perpetual = clause(document, "pricing.perpetual").number
    for (language, layout), text in printed(document).items():
        if "zh" in langs(language):
            assert "自首个服务年度开始之日起6个月为质保期" in text, (language, layout)
            assert "首个服务年度的维护费相应减免人民币30,000.00元" in text
            assert (
                f"首个服务年度的维护费中，人民币30,000.00元（大写：人民币叁万元整）依照第{perpetual}条在质保期内免收"
                in text
            )
        if "en" in langs(language):
            assert "The first 6 months from the start of the first service year are a warranty period" in text
            assert f"CNY 30,000.00 is waived for the warranty period under Section {perpetual}" in text
    none = document_for({"pricing": {"warranty_months": 0}}, sample="perpetual")
    assert "质保期" not in body(none, "pricing.perpetual", "zh")
    assert "质保期" not in body(none, "annex_price.summary", "zh")


def test_the_buyer_may_renew_maintenance_and_its_price_follows_the_adjustment_cap():
    document = document_for({}, sample="perpetual")
    adjustment = clause(document, "pricing.adjustment").number
    zh, en = body(document, "pricing.perpetual", "zh"), body(document, "pricing.perpetual", "en")
    assert "甲方有权选择按服务年度续购维护，乙方不得拒绝" in zh
    assert f"续购期间的费用依照第{adjustment}条的调价规则和上限确定" in zh
    assert "乙方对全部客户停止维护许可版本的，应至少提前12个月书面通知甲方" in zh
    assert f"determined under the adjustment rules and caps of Section {adjustment}" in en
