"""Issue 18, drafting round two: each class of defect the lawyer found, read in the printed contract in
every language and layout (HTML, the one print template that PDF and the page share)."""

import html
import re

import pytest

from contracts.clauses.assemble import assemble
from contracts.clauses.files import read_library_files
from contracts.clauses.samples import context_for, patched, sample_document
from contracts.clauses.tables import build_table
from contracts.rendering.html import print_model, render_html
from contracts.terms import build_terms, terms_context
from contracts.wizard.steps import validate_answers

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
            "the integrations with 用友U8 ERP",
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
