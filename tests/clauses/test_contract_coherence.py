"""Clauses a lawyer reads against each other: a figure stated in one must be the figure another relies
on, a duty must fall on the party the answers name, and a defined term must cover what the contract
later allows."""

from datetime import UTC, date, datetime
from decimal import Decimal

import icalendar

from contracts.clauses.assemble import assemble
from contracts.clauses.files import read_library_files
from contracts.clauses.samples import context_for, patched, sample_document
from contracts.clauses.tables import build_table
from contracts.rendering.html import print_model
from contracts.rendering.ics import ics_calendar
from contracts.terms import build_terms
from contracts.terms.keydates import key_dates
from tests.terms.sample_answers import complete_answers

LIBRARY = read_library_files()
EXTENSION_DAYS = [{"below_pct": "99.9", "credit": "3"}, {"below_pct": "99", "credit": "7"}]
SMS = {"name": "短信包", "estimated_fee_year": "3600", "alert_pct": "80"}


def contract_for(patch: dict, sample: str = "standard"):
    context = context_for(patched(sample_document(sample), patch))
    return context, assemble(context, LIBRARY)


def text(document, key: str, lang: str) -> str:
    clause = next(c for s in document.sections for c in s.clauses if c.key == key)
    return " ".join(clause.text.get(lang))


def test_a_usage_add_on_is_billed_on_use_and_stays_out_of_the_fees_the_contract_charges():
    context, contract = contract_for({"pricing": {"usage_addons": [SMS]}})
    pricing = context["pricing"]
    # 50 users at 1,200 a year: the SMS estimate is not part of the seat fee, the monthly fee or the cap
    assert "首个服务年度的年度服务费为人民币60,000.00元" in text(contract, "pricing.per_seat", "zh")
    assert "the recurring Fee for the first service year is CNY 60,000.00" in text(contract, "pricing.per_seat", "en")
    assert pricing["monthly_fee"] == Decimal("5000") and pricing["liability_cap_amount"] == Decimal("60000")
    # 60,000 a year from the Fee Start Date (14 April) to the end of the term + 20,000 one-time
    assert pricing["total_contract_value"] == Decimal("62903.23")
    assert "excluding the add-on usage charges under Section 5." in text(contract, "pricing.fee_schedule", "en")
    addons = text(contract, "pricing.usage_addons", "zh")
    assert "按实际用量付费，由乙方在每个自然月结束后就该月的实际用量开具发票" in addons
    assert "不计入第5." in addons and "亦不计入用于计算服务补偿和责任限额的服务费" in addons
    # the budget still sees it: three years of seats at the 5 % cap, plus 3,600 a year of SMS, escalated alike
    assert [row["recurring"] for row in pricing["tco_by_year"]] == [
        Decimal("63600"),
        Decimal("66780"),
        Decimal("70119"),
    ]
    assert build_table("tco_by_year", context, "en").headers[1] == "Recurring fees and estimated add-on usage (CNY)"


def test_a_usage_based_fee_is_an_estimate_settled_on_actual_use_not_a_ceiling():
    _context, contract = contract_for(
        {
            "pricing": {
                "pricing_model": "usage_based",
                "unit_price_per_seat_year": None,
                "usage_metric": "API调用（千次）",
                "included_units": 1000,
                "overage_rate": "2",
                "estimated_usage_fee_year": "48000",
                "spend_alert_pct": "80",
            }
        }
    )
    schedule = text(contract, "pricing.fee_schedule", "zh")
    assert "实际费用不得高于下表金额" not in schedule  # it would cap the overage the clause before bills
    assert "经常性费用为预估用量费用，按实际用量结算" in schedule
    payment = text(contract, "pricing.payment", "en")
    assert (
        "within 30 days after the end of each service year the Vendor shall give the Customer the "
        "details of that year's actual usage" in payment
    )
    assert "the Vendor shall refund the difference" in payment
    standard = assemble(context_for(sample_document("standard")), LIBRARY)
    assert "实际费用不得高于下表金额" in text(standard, "pricing.fee_schedule", "zh")  # a seat price is a ceiling
    assert "actual usage" not in text(standard, "pricing.payment", "en")


def test_payment_goes_to_an_account_named_under_seal_and_an_emailed_change_is_void():
    _context, contract = contract_for({})
    zh, en = text(contract, "pricing.payment", "zh"), text(contract, "pricing.payment", "en")
    assert "本合同中列明的银行账户" not in zh  # the contract names none
    assert "以电子邮件或其他方式发出的账户变更通知无效" in zh
    assert "notice of a change of account sent by email or in any other form is void" in en


def test_deemed_acceptance_is_within_the_definition_of_accepted():
    _context, strict = contract_for({})
    assert "“验收合格”仅指甲方签署书面验收合格确认文件。" in text(strict, "definitions.terms", "zh")
    _context, deemed = contract_for({"implementation": {"deemed_acceptance": True}})
    definitions = text(deemed, "definitions.terms", "en")
    assert (
        '"Accepted" means only that the Customer has signed a written acceptance certificate, or that '
        "Acceptance is deemed under the second paragraph of Section 3." in definitions
    )


def test_credit_amounts_in_the_table_stop_at_the_monthly_cap_the_annex_states():
    context, _contract = contract_for({"sla": {"remedy_form": "refund", "credit_cap_pct": "50"}})
    table = build_table("credit_tiers", context, "en")
    assert table.headers[2] == "Amount in the first service year (within the monthly cap) (CNY)"
    assert [row[2] for row in table.rows] == ["1,250.00", "2,500.00", "2,500.00"]  # 100 % tier capped at 50 %
    assert (
        build_table("credit_tiers", context_for(sample_document("standard")), "en").headers[2]
        == "Amount in the first service year (CNY)"
    )


def test_when_the_buyer_migrates_the_vendor_is_not_made_to_report_and_re_migrate():
    migration = {
        "migrating": True,
        "migration_source": "legacy_crm",
        "record_count": 20000,
        "migration_owner": "buyer",
        "migration_method": "csv_import",
        "reconciliation_threshold_pct": "99.5",
        "parallel_run_days": 0,
        "data_loss_remedy": "remigrate_plus_damages",
    }
    _context, contract = contract_for({"implementation": migration})
    quality = text(contract, "implementation.migration_quality", "zh")
    assert "乙方应向甲方提交书面核对报告" not in quality
    # a defect in the vendor's tools: the vendor re-migrates, as the data-loss clause says (or pays the buyer's staff)
    assert "因乙方提供的迁移工具、模板或技术支持存在缺陷而未达到该标准的，乙方应自费修复缺陷，并依照第" in quality
    assert "乙方提供迁移工具、模板和技术支持的费用已包含在本合同约定的服务费中" in text(
        contract, "implementation.migration", "zh"
    )
    # the buyer's duties are a closed list: its migration must be on it
    assert "and migrating the data under Section 3." in text(contract, "implementation.cooperation", "en")
    _context, vendor_led = contract_for({"implementation": {**migration, "migration_owner": "vendor"}})
    assert "乙方应向甲方提交书面核对报告" in text(vendor_led, "implementation.migration_quality", "zh")
    assert "migrating the data" not in text(vendor_led, "implementation.cooperation", "en")


def test_the_indemnity_and_all_liability_clauses_survive_termination():
    _context, contract = contract_for({})
    survival = text(contract, "term.refund", "en")
    indemnity = next(c.number for s in contract.sections for c in s.clauses if c.key == "ip.indemnity")
    assert f"Section {indemnity}, " in survival
    assert "Section 10.1 to Section 10.3" in survival  # the cap, the data-breach cap and the uncapped items


def test_a_renewal_price_is_announced_a_month_before_the_buyer_must_decide():
    _context, contract = contract_for({})
    assert "应至迟在当期不续约通知期限届满前30日以书面形式将调整后的价格通知甲方" in text(
        contract, "term.renewal", "zh"
    )
    assert "at least 30 days before the deadline for notice of non-renewal" in text(
        contract, "pricing.adjustment", "en"
    )


def test_the_standard_terms_notice_lists_the_termination_clause_it_highlights():
    _context, contract = contract_for({})
    termination = next(c for s in contract.sections for c in s.clauses if c.key == "term.termination")
    assert termination.highlight
    assert f"第{termination.number}条" in text(contract, "general.standard_terms", "zh")


def test_a_foreign_currency_is_not_written_with_yuan_after_the_figure():
    _context, contract = contract_for({"pricing": {"currency": "USD"}})
    per_seat = text(contract, "pricing.per_seat", "zh")
    assert "美元60,000.00（大写：美元陆万元整）" in per_seat and "美元60,000.00元" not in per_seat


def test_the_english_cover_uses_english_punctuation():
    document = assemble(context_for(sample_document("standard")), LIBRARY)
    assert print_model(document, "en")["colon"] == ": "
    assert print_model(document, "zh")["colon"] == "：" == print_model(document, "bilingual")["colon"]


def test_credits_follow_the_fee_of_the_year_not_the_first_years_figure():
    _context, contract = contract_for({})  # fees rise by up to 5 % a year after the first
    credits = text(contract, "sla.credits", "zh")
    assert "当月服务费为该月所在服务年度经常性费用的十二分之一（首个服务年度为人民币5,000.00元" in credits
    assert "（首个服务年度即人民币5,000.00元" in credits  # the 100 % cap, in money, for the first year
    assert (
        "the monthly Fee being one twelfth of the recurring Fees of the service year in which the month falls"
        in text(contract, "sla.credits", "en")
    )


def test_data_kept_abroad_waits_for_the_export_formalities_and_the_buyer_may_leave_if_they_fail():
    context, contract = contract_for({}, sample="all_options")  # data in the EU
    assert context["data"]["pipl_route"] != "exempt"
    zh, en = text(contract, "data.cross_border", "zh"), text(contract, "data.cross_border", "en")
    assert "本服务的开通日期以及服务期限和经常性费用的起算日相应推迟至手续完成之日" in zh
    assert "自本合同生效之日起90日内出境手续仍未完成的（非因甲方原因），甲方有权书面通知乙方解除本合同" in zh
    assert "obtain their separate consent under Article 39 of that law" in en
    assert "prior personal information protection impact assessment under Article 55" in en
    cross_border = next(c.number for s in contract.sections for c in s.clauses if c.key == "data.cross_border")
    assert f"Section {cross_border}, " in text(contract, "term.termination", "en")  # the list of exits names it
    assert f"Section {cross_border}," in text(contract, "term.refund", "en")  # and its full refund
    _context, standard = contract_for({})
    assert "Save where Section 3.6 or Section 10.5 provides for a full refund" in text(standard, "term.refund", "en")


def number(document, key: str) -> str:
    return next(c.number for s in document.sections for c in s.clauses if c.key == key)


def test_the_allowed_downtime_names_the_clauses_that_exclude_time():
    _context, contract = contract_for({})
    exclusions, maintenance = number(contract, "sla.exclusions"), number(contract, "sla.maintenance")
    assert f"除依照第{exclusions}条排除的时间及依照第{maintenance}条进行的计划维护时间外" in text(
        contract, "sla.availability", "zh"
    )
    assert (
        f"apart from the time excluded under Section {exclusions} and Scheduled Maintenance under Section "
        f"{maintenance}, the Downtime allowed" in text(contract, "sla.availability", "en")
    )


def test_the_contract_takes_effect_on_one_rule():
    _context, contract = contract_for({})  # effective date 2026-12-15
    zh, en = text(contract, "general.effectiveness", "zh"), text(contract, "general.effectiveness", "en")
    assert (
        "本合同自2026年12月15日起生效；双方法定代表人或授权代表签字并加盖公章或合同专用章晚于该日完成的，"
        "自后一方签章完成之日起生效。" in zh
    )
    assert "This Agreement takes effect on 15 December 2026 or, if the signatures" in en
    assert "本合同自双方法定代表人" not in zh  # not also "on signing", which may be earlier


def test_fees_and_service_years_are_defined_for_the_pricing_model():
    _context, perpetual = contract_for({}, sample="perpetual")
    zh = text(perpetual, "definitions.terms", "zh")
    assert "“经常性费用”指按服务年度计收的服务费，即维护费" in zh and "包括许可费" in zh
    assert "“服务年度”指自计费起始日起每连续十二个月的期间，最后一个服务年度至服务期限届满之日止" in zh
    # the maintenance fee is a share of the licence in the first year only; the price clause decides the rest
    licence = text(perpetual, "pricing.perpetual", "zh")
    assert "首个服务年度的维护费为许可费的20%" in licence and "每年的维护费为许可费的" not in licence
    assert f"此后各服务年度的金额依照第{number(perpetual, 'pricing.adjustment')}条确定" in licence
    _context, seats = contract_for({"pricing": {"usage_addons": [SMS]}})
    en = text(seats, "definitions.terms", "en")
    assert (
        '"recurring Fees" means the Fees charged per service year, and "one-time Fees" means the Fees other '
        f"than the recurring Fees and the add-on usage charges under Section {number(seats, 'pricing.usage_addons')}."
        in en
    )


def test_the_vendors_breach_may_cost_the_buyer_its_profits_within_the_caps():
    _context, contract = contract_for({})
    zh, en = text(contract, "liability.indirect", "zh"), text(contract, "liability.indirect", "en")
    assert "任何一方均不对对方的商誉损失等间接损失承担责任" in zh and "利润损失、商誉损失" not in zh
    assert f"乙方违约给甲方造成利润损失等可得利益损失的，乙方在第{number(contract, 'liability.cap')}条" in zh
    assert "the Customer is not liable for the Vendor's loss of profits, save for the Fees payable" in en


def test_a_breach_of_any_data_clause_is_one_range_of_sections():
    _context, every = contract_for({}, sample="all_options")  # sensitive data, export and GDPR
    first, last = number(every, "data.ownership"), number(every, "data.gdpr")
    assert f"For any breach by the Vendor of Section {first} to Section {last} or any other" in text(
        every, "liability.data_breach", "en"
    )
    _context, standard = contract_for({})
    assert f"乙方违反第{number(standard, 'data.ownership')}条至第{number(standard, 'data.pipl')}条或其他" in text(
        standard, "liability.data_breach", "zh"
    )


def test_the_buyer_is_party_to_the_escrow_and_holds_its_licence_from_signing():
    _context, contract = contract_for({}, sample="all_options")
    deposit, release = text(contract, "annex_escrow.deposit", "en"), text(contract, "annex_escrow.release", "en")
    assert "tripartite escrow agreement with the Customer and the independent third-party escrow agent" in deposit
    assert "unless within 10 Working Days the Vendor objects in writing with evidence" in deposit
    assert "is granted by the Vendor on the signing of this Agreement, exercisable from the release" in release


def test_postponed_export_formalities_move_every_date_counted_from_the_start():
    _context, contract = contract_for({}, sample="all_options")
    en = text(contract, "data.cross_border", "en")
    assert (
        "(including the end of the initial term, the deadline for notice of non-renewal and the price lock) "
        "moves by the same period; the go-live date and the milestone dates also move" in en
    )
    assert "unless the delay in the formalities is attributable to the Vendor or the foreign recipient" in en


def test_sub_processors_are_a_warranty_not_a_duty_due_before_the_contract_exists():
    _context, contract = contract_for({})
    zh, en = text(contract, "data.subprocessors", "zh"), text(contract, "data.subprocessors", "en")
    assert "乙方保证，其在本合同签署前向甲方书面提供的分包商清单真实、完整" in zh and "乙方应在本合同签署前" not in zh
    assert en.startswith("The Vendor warrants that the written list of subcontractors")


def test_a_should_requirement_is_not_labelled_with_the_chinese_word_for_shall():
    context, contract = contract_for({})
    assert "优先级为“期望”的需求未通过验收测试的，不妨碍验收合格" in text(contract, "annex_requirements.list", "zh")
    rows = build_table("requirements", context, "zh").rows
    assert [row[2] for row in rows] == ["必须", "必须", "期望"]


def test_a_perpetual_licence_bought_from_a_vendor_who_fails_can_be_handed_back_for_its_unamortised_fee():
    _context, perpetual = contract_for({}, sample="perpetual")
    refund = text(perpetual, "term.refund", "zh")
    assert "本合同因乙方违约、乙方破产或乙方停止提供本服务而提前终止的，甲方还可选择放弃永久许可" in refund
    assert "按自本服务全部验收合格之日起六十个月平均摊销后尚未摊销的部分" in refund
    assert f"甲方依照第{number(perpetual, 'term.refund')}条放弃永久许可的除外" in text(
        perpetual, "pricing.perpetual", "zh"
    )
    _context, subscription = contract_for({})
    assert "永久许可" not in text(subscription, "term.refund", "zh")


def test_a_perpetual_licences_first_maintenance_is_not_due_before_the_software_is_accepted():
    _context, perpetual = contract_for({}, sample="perpetual")
    acceptance = number(perpetual, "implementation.acceptance")
    # maintenance is the recurring fee: it waits for the Fee Start Date, acceptance, like any recurring fee
    assert f"“计费起始日”指本服务依照第{acceptance}条全部验收合格之日" in text(perpetual, "definitions.terms", "zh")
    assert "计费起始日前（包括实施期间）甲方无需支付任何经常性费用，乙方不得在计费起始日前就经常性费用开具发票" in text(
        perpetual, "pricing.payment", "zh"
    )
    assert "the Vendor shall not invoice recurring Fees before it" in text(perpetual, "pricing.payment", "en")


BUYER_MIGRATES = {
    "implementation": {
        "migrating": True,
        "migration_source": "spreadsheet",
        "record_count": 40000,
        "migration_owner": "buyer",
        "migration_method": "csv_import",
        "reconciliation_threshold_pct": "99.9",
        "parallel_run_days": 0,
        "data_loss_remedy": "remigrate_at_vendor_cost",
    }
}
USAGE = {
    "pricing": {
        "pricing_model": "usage_based",
        "unit_price_per_seat_year": None,
        "usage_metric": "API调用（千次）",
        "included_units": 1000,
        "overage_rate": "2",
        "estimated_usage_fee_year": "48000",
        "spend_alert_pct": "80",
    }
}


def test_a_migration_the_buyer_runs_is_not_also_the_vendors_work():
    _context, contract = contract_for(BUYER_MIGRATES)
    migration = number(contract, "implementation.migration")
    plan = text(contract, "implementation.plan", "zh")
    assert f"为甲方的数据迁移提供第{migration}条约定的迁移工具、模板和技术支持" in plan and "、数据迁移、" not in plan
    assert "相关的实施、数据迁移支持、" in text(contract, "definitions.terms", "zh")
    assert (
        f"providing the migration tools, templates and technical support agreed in Section {migration} for the "
        "Customer's data migration" in text(contract, "implementation.plan", "en")
    )
    quality = text(contract, "implementation.migration_quality", "zh")  # one remedy: the vendor re-migrates
    assert f"并依照第{number(contract, 'implementation.migration_loss')}条自费重新完成相应批次的迁移" in quality
    assert "协助甲方重新迁移" not in quality
    _context, vendor_runs = contract_for(
        {"implementation": BUYER_MIGRATES["implementation"] | {"migration_owner": "vendor"}}
    )
    assert "测试、用户培训" in text(vendor_runs, "implementation.plan", "zh") and "、数据迁移、测试" in text(
        vendor_runs, "implementation.plan", "zh"
    )


def test_a_milestone_is_done_when_the_vendor_submits_what_then_passes_not_when_the_buyer_signs():
    _context, contract = contract_for({})
    zh, en = text(contract, "implementation.milestones", "zh"), text(contract, "implementation.milestones", "en")
    assert "且该次提交依照第" in zh and "以该次提交之日为该里程碑的完成之日" in zh
    assert (
        "A milestone is completed on the date on which the Vendor submitted it for Acceptance, provided that it "
        "is Accepted" in en
    )
    assert "书面确认验收合格之日为完成之日" not in zh
    article = next(s for s in contract.sections if s.key == "implementation")
    assert (article.title_zh, article.title_en) == (
        "实施与验收",
        "Implementation and Acceptance",
    )  # with or without migration


def test_the_fee_tables_count_service_years_the_defined_term():
    context, _contract = contract_for({})
    assert build_table("yearly_fees", context, "zh").headers[0] == "服务年度"
    assert build_table("yearly_fees", context, "en").headers[0] == "Service year"


def test_the_fee_ceiling_leaves_room_for_users_added_later():
    _context, contract = contract_for({})
    assert (
        f"save that the Fees for Users added under Section {number(contract, 'pricing.per_seat')} are payable in "
        "addition" in text(contract, "pricing.fee_schedule", "en")
    )


def test_usage_pricing_opens_any_number_of_users_and_does_not_take_the_vendors_count_as_final():
    _context, contract = contract_for(USAGE)
    usage = number(contract, "pricing.usage_based")
    licence = text(contract, "scope.licence", "zh")
    assert (
        f"本服务按用量计费，甲方可开通的用户账号数量不受限制，增加用户不产生第{usage}条约定的用量费用以外的任何费用"
        in licence
    )
    assert "个指定用户（记名账号）" not in licence
    priced = text(contract, "pricing.usage_based", "zh")
    assert "甲方有证据证明乙方记录有误的，以甲方的证据为准" in priced and "以乙方系统记录为准" not in priced
    assert f"接口调用费（第{usage}条约定的用量费用除外）" in text(contract, "pricing.fee_schedule", "zh")
    _context, seats = contract_for({})
    assert "本服务的授权用户为50个指定用户（记名账号）" in text(seats, "scope.licence", "zh")


def test_the_requirements_annex_says_what_acceptance_requires_in_plain_english():
    _context, contract = contract_for({})
    assert 'Acceptance requires that every requirement with priority "must" passes its acceptance test;' in text(
        contract, "annex_requirements.list", "en"
    )


def test_usage_pricing_settles_on_actual_use_at_an_early_end_and_its_cap_grows_with_the_fees():
    _context, contract = contract_for(USAGE)
    payment = number(contract, "pricing.payment")
    assert f"按用量计费的服务费，于本合同提前终止时按终止生效之日前的实际用量依照第{payment}条结算" in text(
        contract, "term.refund", "zh"
    )
    cap = text(contract, "liability.cap", "en")
    assert "being CNY 48,000.00, the monthly Fee, on the estimated usage charges, being CNY 4,000.00" in cap
    assert (
        "(b) the recurring Fees paid and payable by the Customer in respect of the twelve months before the date on which "
        "the claim is made" in cap
    )
    _context, seats = contract_for({})
    assert "estimated usage" not in text(seats, "liability.cap", "en") and "实际用量" not in text(
        seats, "term.refund", "zh"
    )


def test_the_continuity_escrow_is_funded_and_its_agent_bound_as_a_sub_processor():
    _context, contract = contract_for({"legal": {"escrow": "saas_continuity"}})
    deposit = text(contract, "annex_escrow.deposit", "zh")
    assert "足额存入托管机构的专用账户，或提供以甲方为受益人的不可撤销银行保函" in deposit
    assert (
        "托管机构及持续运行服务商处理个人信息构成转委托处理，须事先取得甲方就其名称和处理范围作出的书面明确同意"
        in deposit
        and "以托管安排为该等费用提供担保" not in deposit
    )


def test_the_data_breach_cap_of_usage_pricing_is_a_multiple_of_the_general_cap_as_it_grows():
    _context, contract = contract_for(USAGE)
    assert "而以一般上限的3倍为上限，且该上限不低于人民币144,000.00元" in text(contract, "liability.data_breach", "zh")
    assert (
        "capped at 3 times the general cap, that cap being no less than CNY 144,000.00 (on the estimated usage charges)"
        in text(contract, "liability.data_breach", "en")
    )


def test_a_buyer_led_migration_gets_the_vendors_tools_by_a_date_and_help_with_each_report():
    _context, contract = contract_for(BUYER_MIGRATES)
    assert "乙方应在本合同生效之日起15个工作日内向甲方交付迁移工具、导入模板、字段说明及操作指引" in text(
        contract, "implementation.migration", "zh"
    )
    steps = text(contract, "annex_migration.plan", "zh")
    assert steps.count("由乙方协助甲方编制核对报告") == 2 and "并提交核对报告" not in steps
    _context, vendor_led = contract_for(
        {"implementation": BUYER_MIGRATES["implementation"] | {"migration_owner": "vendor"}}
    )
    assert "由乙方提交核对报告" in text(vendor_led, "annex_migration.plan", "zh")


def test_a_perpetual_licences_later_years_are_more_maintenance_not_a_renewal():
    context, perpetual = contract_for({}, sample="perpetual")
    assert [row[0] for row in build_table("tco_by_year", context, "zh").rows][:3] == [
        "1",
        "2（续购维护）",
        "3（续购维护）",
    ]
    assert "初始服务期限届满后的年度假定甲方继续购买维护服务" in text(perpetual, "annex_price.tco", "zh")


def test_recurring_fees_and_the_first_service_year_wait_for_acceptance_and_run_pro_rata():
    # the standard sample: term 1 Jan – 31 Dec 2027, go-live 31 March, 10 Working Days of acceptance to 14 April
    context, contract = contract_for({})
    pricing = context["pricing"]
    assert pricing["fees_start_date"] == date(2027, 4, 14)
    # 14 April – 31 December: 8 whole months and 18 of the 31 days of the ninth, at 60,000 a year
    assert [row["recurring"] for row in pricing["yearly_fees"]] == [Decimal("42903.23")]
    assert pricing["total_contract_value"] == Decimal("62903.23")
    assert build_table("yearly_fees", context, "en").rows[0][1] == "42,903.23"
    acceptance = number(contract, "implementation.acceptance")
    assert (
        f"“计费起始日”指本服务依照第{acceptance}条全部验收合格之日；“服务年度”指自计费起始日起每连续十二个月的期间"
        in text(contract, "definitions.terms", "zh")
    )
    payment = text(contract, "pricing.payment", "zh")
    assert (
        "计费起始日前（包括实施期间）甲方无需支付任何经常性费用，乙方不得在计费起始日前就经常性费用开具发票" in payment
    )
    assert "不足一个月的部分按实际天数占该月天数的比例折算" in payment
    assert "The table assumes a Fee Start Date of 14 April 2027" in text(contract, "pricing.fee_schedule", "en")
    assert "自计费起始日起12个月内为价格锁定期" in text(contract, "pricing.adjustment", "zh")
    assert "credits are calculated on the monthly Fee of the first service year" in text(contract, "sla.credits", "en")
    # the TCO counts full service years from the Fee Start Date; the second is already a renewal year
    assert pricing["tco"] == Decimal("209150.00")
    assert [row[0] for row in build_table("tco_by_year", context, "zh").rows][:2] == ["1", "2（续约）"]
    # the key dates and the calendar: the term starts on 1 January, the fees on 14 April
    dates = {k.kind: k for k in key_dates(build_terms(complete_answers()))}
    assert "经常性费用自计费起始日起算" in dates["start"].description.zh
    assert dates["fee_start"].date == date(2027, 4, 14)
    calendar = ics_calendar(
        key_dates(build_terms(complete_answers())), uid_prefix="x", name="x", dtstamp=datetime(2026, 12, 1, tzinfo=UTC)
    )
    assert "计费起始日（预计）" in icalendar.Calendar.from_ical(calendar).to_ical().decode()


def test_recurring_fees_from_go_live_or_from_the_start_without_an_implementation():
    context, contract = contract_for({"implementation": {"recurring_fees_from": "go_live"}})
    assert context["pricing"]["fees_start_date"] == date(2027, 3, 31)
    assert context["pricing"]["yearly_fees"][0]["recurring"] == Decimal("45161.29")  # 9 months and 1 day of 31
    assert "本服务在生产环境中正式上线运行之日" in text(contract, "definitions.terms", "zh")
    context, contract = contract_for(
        {"implementation": {"has_implementation": False, "go_live_date": None, "milestones": []}}
    )
    assert context["pricing"]["yearly_fees"][0]["recurring"] == Decimal("60000.00")
    assert "“计费起始日”指服务期限起算之日" in text(contract, "definitions.terms", "zh")
    assert "计费起始日前" not in text(contract, "pricing.payment", "zh")
    assert "自2027年1月1日起12个月内为价格锁定期" in text(contract, "pricing.adjustment", "zh")


def test_the_buyers_invoicing_details_and_the_vendors_account_print_and_a_change_needs_a_call_back():
    _context, blank = contract_for({})
    assert "地址、电话：________；开户行及账号：________" in text(blank, "pricing.tax_invoice", "zh")
    assert "开户行：________；账号：________" in text(blank, "pricing.payment", "zh")
    _context, contract = contract_for(
        {
            "pricing": {
                "buyer_invoice_address_phone": "上海市浦东新区某路1号 021-12345678",
                "buyer_invoice_bank_account": "招商银行上海分行 121900000000001",
                "vendor_bank_name": "中国工商银行杭州分行",
                "vendor_bank_account": "1202000000000000001",
            }
        }
    )
    invoice = text(contract, "pricing.tax_invoice", "zh")
    assert "甲方的开票信息如下：名称：上海某某贸易有限公司；纳税人识别号：91310115MA1K4L8X24" in invoice
    assert "开户行及账号：招商银行上海分行 121900000000001" in invoice
    payment_zh, payment_en = text(contract, "pricing.payment", "zh"), text(contract, "pricing.payment", "en")
    assert "户名：杭州某某云软件有限公司；开户行：中国工商银行杭州分行；账号：1202000000000000001" in payment_zh
    assert "经甲方回拨本合同列明的乙方联系人电话（而非变更通知所载的电话）核实后方才生效" in payment_zh
    assert "核实完成前甲方无需向新账户付款" in payment_zh
    assert "signed by the Vendor's legal or authorised representative and bears the Vendor's company seal" in payment_en
    _context, foreign = contract_for(
        {"pricing": {"invoice_type": "commercial_invoice", "buyer_invoice_address_phone": "上海"}}
    )
    assert "开票信息" not in text(foreign, "pricing.tax_invoice", "zh")  # no fapiao, no fapiao details


def test_free_service_days_follow_the_term_and_leave_its_printed_end_and_notice_deadline():
    _context, perpetual = contract_for({}, sample="perpetual")  # term extension as the SLA remedy, no renewal
    credits = text(perpetual, "sla.credits", "zh")
    assert "免费服务期不改变本合同所载的服务期限届满日及不续约通知截止日" in credits
    assert "相应顺延" not in credits and "续约期限的最初相应天数" not in credits
    assert "2027年12月31日止" in text(perpetual, "term.initial", "zh")
    _context, renewing = contract_for(
        {"sla": {"remedy_form": "term_extension", "credit_table": EXTENSION_DAYS, "credit_cap_pct": None}}
    )
    en = text(renewing, "sla.credits", "en")
    assert "if this Agreement renews, the free period is the first days of the renewal term" in en
    assert "does not change the end date of the term or the deadline for notice of non-renewal" in en
    assert "free period of service after the term" in text(renewing, "annex_sla.credits", "en")
    assert "whose end moves accordingly" not in en


def test_a_usage_based_partial_service_year_includes_its_share_of_the_units():
    _context, contract = contract_for(USAGE)
    payment = number(contract, "pricing.payment")
    assert f"不足一个服务年度的期间，包含用量按第{payment}条约定的比例折算" in text(
        contract, "pricing.usage_based", "zh"
    )
    assert "the included units are pro-rated as provided in" in text(contract, "pricing.usage_based", "en")


def test_acceptance_after_a_parallel_run_waits_for_its_end_in_the_clause_and_the_figures():
    migration = {
        "migrating": True,
        "migration_source": "legacy_crm",
        "record_count": 20000,
        "migration_owner": "vendor",
        "migration_method": "etl",
        "reconciliation_threshold_pct": "99.5",
        "parallel_run_days": 30,
        "data_loss_remedy": "remigrate_plus_damages",
    }
    context, contract = contract_for({"implementation": migration})
    assert "上述验收期限自并行运行期满之日起算，甲方在并行运行期满前无须出具验收结论" in text(
        contract, "implementation.acceptance", "zh"
    )
    assert "that period runs from the day the parallel run ends" in text(contract, "implementation.acceptance", "en")
    # the fees start at acceptance (the default): the figures assume the end of the run, not go-live
    assert context["pricing"]["fees_start_date"] == date(2027, 5, 14)
    _context, no_run = contract_for({"implementation": {**migration, "parallel_run_days": 0}})
    assert "并行运行期满" not in text(no_run, "implementation.acceptance", "zh")
