"""Live hints next to the wizard's fields, read from the same Terms the contract uses."""

from datetime import date
from decimal import Decimal

import pytest

from contracts.terms import STEP_GUIDANCE, hints_for
from contracts.terms.model import STEPS
from tests.terms.sample_answers import complete_answers

D = Decimal


def hints(step, **changes):
    answers = complete_answers()
    step_answers = {**answers[step], **changes}  # the form's current, unsaved values
    return hints_for(step, step_answers, answers)


@pytest.mark.parametrize(
    "target, minutes_en, minutes_zh",
    [
        (D("99.0"), "432 min (7 h 12 min)", "432分钟（7小时12分钟）"),
        (D("99.9"), "43.2 min of downtime", "43.2分钟"),
        (D("99.99"), "4.32 min", "4.32分钟"),
    ],
)
def test_allowed_downtime_for_the_chosen_target(target, minutes_en, minutes_zh):
    hint = hints("sla", availability_target_pct=target)["availability_target_pct"]
    assert minutes_en in hint.en and minutes_zh in hint.zh


def test_credit_tiers_in_money_from_the_monthly_fee():
    hint = hints("sla")["credit_table"]  # 50 seats × 1,200 = 60,000 a year → 5,000 a month
    assert "CNY 5,000.00" in hint.en
    assert "below 99.9%, 25% = CNY 1,250.00" in hint.en
    assert "低于95%补偿100%即人民币5,000.00元" in hint.zh


def test_term_extension_credits_are_told_in_days_not_money():
    hint = hints("sla", remedy_form="term_extension")["credit_table"]
    assert (
        hint.en == "Credits are days of free service after the term (its end date and notice deadline stay): "
        "below 99.9%, 25 days; below 99%, 50 days; below 95%, 100 days."
    )
    assert hint.zh == (
        "补偿为服务期限届满后的免费服务天数（服务期限届满日和不续约通知截止日不变）："
        "低于99.9%免费服务25天；低于99%免费服务50天；低于95%免费服务100天。"
    )
    assert "CNY" not in hint.en


def test_no_money_hint_without_a_price():
    answers = complete_answers()
    answers["pricing"]["unit_price_per_seat_year"] = None
    hint = hints_for("sla", answers["sla"], answers)["credit_table"]  # says when the money will show
    assert hint.en.startswith("The amount of each tier's credit appears here once the price is known")
    assert "CNY" not in hint.en and "元" not in hint.zh


def test_yearly_fees_with_escalation_and_tco():
    pricing = hints("pricing", escalation_cap_pct=D("3"))
    assert "year 2 CNY 61,800.00" in pricing["escalation_cap_pct"].en
    assert "year 3 CNY 63,654.00" in pricing["escalation_cap_pct"].en
    assert "CNY 205,454.00" in pricing["tco_years"].en  # 20,000 + 60,000 + 61,800 + 63,654
    assert "monthly fee CNY 5,000.00" in pricing["unit_price_per_seat_year"].en


def test_term_end_and_non_renewal_deadline_follow_the_unsaved_answers():
    term = hints("term", initial_term_months=24, non_renewal_notice_days=60)
    assert term["initial_term_months"].en == "The initial term ends on 31 December 2028."
    assert "1 November 2028" in term["non_renewal_notice_days"].en
    assert "2028年11月1日" in term["non_renewal_notice_days"].zh
    assert "non_renewal_notice_days" not in hints("term", auto_renew=False)


def test_pipl_route_for_cross_border_volumes():
    data = hints("data", data_location="us", cn_individuals_per_year=150_000, cn_sensitive_per_year=0, is_ciio=False)
    assert "standard contract" in data["cn_individuals_per_year"].en
    assert "cn_individuals_per_year" not in hints("data")  # data stays in mainland China


def test_acceptance_deadline_and_milestone_amounts():
    implementation = hints("implementation")
    assert "14 April 2027" in implementation["acceptance_days"].en
    assert "an estimate" in implementation["acceptance_days"].en  # 2027: beyond the holiday calendar
    assert "估算日期：" in implementation["acceptance_days"].zh
    in_2026 = hints("implementation", go_live_date=date(2026, 9, 25))["acceptance_days"]
    assert "15 October 2026" in in_2026.en and "make-up working days counted" in in_2026.en
    # the sample pays yearly in advance: its milestone percentages pay nothing, and the hint says so
    assert "apply only when the price step pays by milestones" in implementation["milestones"].en
    assert "人民币" not in implementation["milestones"].zh
    answers = complete_answers()
    answers["pricing"]["payment_schedule"] = "milestones"
    by_milestones = hints_for("implementation", answers["implementation"], answers)
    assert "需求确认人民币6,000.00元" in by_milestones["milestones"].zh  # 30 % of 20,000


def test_liability_caps_in_money():
    legal = hints("legal", liability_cap_months=24)
    assert legal["liability_cap_months"].en == "General cap: CNY 120,000.00."
    assert legal["data_breach_supercap_multiple"].en == "Data-security cap: CNY 360,000.00."


def test_guidance_for_every_step_in_both_languages():
    assert set(STEP_GUIDANCE) == {step for step, _ in STEPS}
    for text in STEP_GUIDANCE.values():
        assert text.zh and text.en and text.zh != text.en


def test_unknown_step_has_no_hints():
    assert hints_for("review", {}, complete_answers()) == {}


def test_the_start_date_says_when_the_recurring_fees_start():
    # start 1 January 2027, go-live 31 March 2027, the acceptance period ends on 14 April: 103 days free
    hint = hints("term")["start_date"]
    assert (
        hint.en
        == "Recurring fees run from acceptance (expected on 14 April 2027), not for the first 103 days of the term."
    )
    assert hint.zh == "经常性费用自验收合格起计算（预计2027年4月14日），服务期限开始后的前103日不计经常性费用。"
    assert "start_date" not in hints("term", start_date=date(2027, 4, 14))
    answers = complete_answers()
    answers["implementation"]["has_implementation"] = False
    assert "start_date" not in hints_for("term", answers["term"], answers)


def test_a_module_priced_for_fewer_users_than_the_contract_licenses_is_pointed_out():
    per_module = {"pricing_model": "per_module", "unit_price_per_seat_year": None}
    short = hints(
        "pricing",
        **per_module,
        module_prices=[
            {"module": "Sales", "quantity": 40, "unit_price_year": Decimal("1500")},
            {"module": "Dealer portal", "quantity": 1, "unit_price_year": Decimal("24000")},
        ],
    )["module_prices"]
    assert short.en.startswith("First-year recurring fee CNY 84,000.00")
    assert "\u201cSales\u201d is priced for 40 users, while the contract licenses 50 users (scope step)" in short.en
    assert "Dealer portal" not in short.en  # a quantity of 1 is a flat fee
    assert "“Sales”按40个用户计价，而合同授权50个用户" in short.zh
    whole = hints(
        "pricing", **per_module, module_prices=[{"module": "Sales", "quantity": 50, "unit_price_year": Decimal("1500")}]
    )["module_prices"]
    assert "priced for" not in whole.en


def test_the_acceptance_hint_counts_from_the_end_of_a_parallel_run():
    hint = hints("implementation", migrating=True, parallel_run_days=30)["acceptance_days"]
    assert "counted from the end of the 30-day parallel run, ends on 14 May 2027" in hint.en
    assert "验收期自30日并行运行期满之日起算，至2027年5月14日届满" in hint.zh


def test_a_foreign_vendors_tax_hint_tells_the_withheld_taxes_not_vat_on_a_net_price():
    answers = complete_answers()
    answers["parties"] |= {"vendor_is_foreign": True, "vendor_uscc": "", "vendor_country": "DE"}
    pricing = hints_for("pricing", answers["pricing"], answers)
    assert "vat_rate_pct" not in pricing  # the domestic VAT answers do not decide a foreign vendor's tax
    hint = pricing["withholding_eit_pct"]
    assert "You withhold VAT of CNY" in hint.en and "the vendor receives CNY" in hint.en
    assert "net" not in hint.en and "代扣代缴增值税人民币" in hint.zh
