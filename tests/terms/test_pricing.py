from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from contracts.terms import build_terms
from contracts.terms.pricing import escalations_up_to, fee_months, fees_start_date, vat_split
from tests.terms.sample_answers import complete_answers

D = Decimal


def terms_with(pricing=None, term=None, implementation=None, legal=None, scope=None):
    """The sample with changes; without an implementation (unless one is given) the recurring fees run from the
    term's start, so the figures below are the escalation arithmetic alone (the Fee Start Date is tested apart)."""
    answers = complete_answers()
    if implementation is None:
        implementation = {"has_implementation": False, "go_live_date": None, "milestones": ()}
    for step, changes in (
        ("pricing", pricing),
        ("term", term),
        ("implementation", implementation),
        ("legal", legal),
        ("scope", scope),
    ):
        answers[step].update(changes or {})
    return build_terms(answers)


def recurring(terms):
    return [row.recurring for row in terms.pricing.yearly_fees]


def test_per_seat_with_a_capped_increase_after_the_first_year():
    terms = terms_with(term={"initial_term_months": 36})
    p = terms.pricing
    assert p.annual_recurring_fee == D("60000")
    assert recurring(terms) == [D("60000"), D("63000"), D("66150")]
    assert [row.one_time for row in p.yearly_fees] == [D("20000"), D("0"), D("0")]
    assert [row.total for row in p.yearly_fees] == [D("80000"), D("63000"), D("66150")]
    assert p.one_time_total == D("20000")
    assert p.total_contract_value == D("209150")
    assert p.tco == D("209150")


def test_a_longer_price_lock_delays_the_increase():
    terms = terms_with(term={"initial_term_months": 36}, pricing={"price_lock_months": 24})
    assert recurring(terms) == [D("60000"), D("60000"), D("63000")]
    assert terms.pricing.tco == D("20000") + D("183000")


def test_escalations_counted_only_after_the_lock():
    assert [escalations_up_to(year, 12) for year in (1, 2, 3, 4)] == [0, 1, 2, 3]
    assert [escalations_up_to(year, 0) for year in (1, 2, 3)] == [0, 1, 2]
    assert [escalations_up_to(year, 36) for year in (1, 2, 3, 4, 5)] == [0, 0, 0, 1, 2]
    assert [escalations_up_to(year, 18) for year in (1, 2, 3)] == [0, 0, 1]


def test_no_escalation_keeps_the_price_flat():
    terms = terms_with(term={"initial_term_months": 36}, pricing={"escalation_type": "none"})
    assert recurring(terms) == [D("60000")] * 3
    assert terms.pricing.tco == D("200000")


def test_cpi_capped_is_costed_at_its_cap_and_fixed_at_its_rate():
    for kind in ("cpi_capped", "fixed"):
        terms = terms_with(
            term={"initial_term_months": 24},
            pricing={"escalation_type": kind, "escalation_cap_pct": D("3")},
        )
        assert recurring(terms) == [D("60000"), D("61800")]


def test_a_last_partial_year_is_pro_rated():
    terms = terms_with(term={"initial_term_months": 18})
    assert recurring(terms) == [D("60000"), D("31500")]
    assert terms.pricing.total_contract_value == D("20000") + D("91500")


def test_tco_counts_full_years_beyond_the_initial_term():
    terms = terms_with(term={"initial_term_months": 12}, pricing={"tco_years": 5})
    # 60,000 + 63,000 + 66,150 + 69,457.50 + 72,930.38 (rounded each year)
    assert terms.pricing.tco == D("20000") + D("331537.88")
    assert terms.pricing.total_contract_value == D("80000")


def test_per_module():
    terms = terms_with(
        pricing={
            "pricing_model": "per_module",
            "module_prices": [
                {"module": "contacts", "quantity": 1, "unit_price_year": D("20000")},
                {"module": "analytics", "quantity": 2, "unit_price_year": D("5000")},
            ],
        }
    )
    assert terms.pricing.annual_recurring_fee == D("30000")
    assert terms.pricing.unit_price_per_seat_year is None  # not asked for this model


def test_usage_addons_are_in_the_tco_but_not_in_the_fees_the_contract_charges():
    terms = terms_with(
        pricing={
            "pricing_model": "usage_based",
            "estimated_usage_fee_year": D("48000"),
            "usage_addons": [{"name": "短信", "estimated_fee_year": D("6000"), "alert_pct": D("80")}],
            "escalation_type": "none",
            "tco_years": 3,
            "one_time_fees": [],
        }
    )
    p = terms.pricing
    assert p.annual_recurring_fee == D("48000")
    assert p.usage_addons_year == D("6000")
    assert p.monthly_fee == D("4000")  # credits and the liability cap rest on the fees charged
    assert [y.recurring for y in p.yearly_fees] == [D("48000")]
    assert [y.recurring for y in p.tco_by_year] == [D("54000")] * 3
    assert p.tco == D("162000")


def test_usage_addons_add_to_a_seat_price_only_in_the_tco():
    terms = terms_with(
        pricing={
            "usage_addons": [
                {"name": "存储扩容", "estimated_fee_year": D("2400"), "alert_pct": None},
                {"name": "API调用", "estimated_fee_year": None, "alert_pct": None},
            ]
        }
    )
    assert terms.pricing.annual_recurring_fee == D("60000")
    assert terms.pricing.usage_addons_year == D("2400")
    assert terms.pricing.tco_by_year[0].recurring == D("62400")


PERPETUAL = {
    "pricing_model": "perpetual",
    "licence_fee": D("500000"),
    "maintenance_pct": D("20"),
    "hosting_fee_year": D("20000"),
    "tco_years": 5,
    "one_time_fees": [{"name": "实施费", "amount": D("50000")}],
}


def test_perpetual_licence_is_paid_once_and_maintenance_yearly():
    terms = terms_with(pricing={**PERPETUAL, "escalation_type": "none"})
    p = terms.pricing
    assert p.annual_recurring_fee == D("120000")
    assert p.one_time_total == D("550000")
    assert p.total_contract_value == D("670000")
    assert p.tco == D("550000") + 5 * D("120000")


def test_perpetual_tco_with_escalating_maintenance():
    terms = terms_with(pricing={**PERPETUAL, "escalation_type": "capped_pct"})
    # 120,000 + 126,000 + 132,300 + 138,915 + 145,860.75
    assert terms.pricing.tco == D("550000") + D("663075.75")


def test_monthly_fee_and_caps_from_the_annual_fee():
    p = terms_with(legal={"liability_cap_months": 24, "data_breach_supercap_multiple": 3}).pricing
    assert p.monthly_fee == D("5000")
    assert p.liability_cap_amount == D("120000")
    assert p.breach_cap_amount == D("360000")


def test_monthly_fee_rounds_to_the_fen():
    terms = terms_with(scope={"seat_count": 1}, pricing={"unit_price_per_seat_year": D("1000")})
    assert terms.pricing.monthly_fee == D("83.33")


def test_sla_credit_amounts_and_cap_in_money():
    terms = terms_with()
    assert [t.amount for t in terms.sla.credit_tiers] == [D("1250"), D("2500"), D("5000")]
    assert terms.sla.credit_cap_amount == D("5000")


def test_vat_inclusive_split():
    p = terms_with().pricing
    assert (p.vat_net, p.vat_tax, p.vat_gross) == (D("75471.70"), D("4528.30"), D("80000"))


def test_vat_exclusive_split():
    p = terms_with(pricing={"tax_inclusive": False}).pricing
    assert (p.vat_net, p.vat_tax, p.vat_gross) == (D("80000"), D("4800"), D("84800"))


def test_milestone_payments_share_the_one_time_fees():
    payments = terms_with(implementation={}).pricing.milestone_payments
    assert [(m.name, m.payment_pct, m.amount) for m in payments] == [
        ("需求确认", D("30"), D("6000")),
        ("配置与集成完成", D("40"), D("8000")),
        ("上线验收", D("30"), D("6000")),
    ]
    assert payments[0].due_date == date(2027, 1, 29)


def test_milestone_rounding_remainder_goes_to_the_last_milestone():
    terms = terms_with(
        pricing={"one_time_fees": [{"name": "实施费", "amount": D("100")}]},
        implementation={
            "milestones": [
                {"name": name, "due_date": date(2027, 2, 1), "payment_pct": pct}
                for name, pct in (("a", D("33.33")), ("b", D("33.33")), ("c", D("33.34")))
            ]
        },
    )
    amounts = [m.amount for m in terms.pricing.milestone_payments]
    assert amounts == [D("33.33"), D("33.33"), D("33.34")]
    assert sum(amounts) == D("100")


def test_missing_prices_count_as_zero():
    terms = terms_with(
        pricing={
            "unit_price_per_seat_year": None,
            "one_time_fees": None,
            "vat_rate_pct": None,
            "escalation_cap_pct": None,
        }
    )
    assert terms.pricing.annual_recurring_fee == D("0")
    assert terms.pricing.tco == D("0")


money = st.decimals(min_value=0, max_value=10**10, places=2)


@given(money, st.decimals(min_value=0, max_value=20, places=2), st.booleans())
def test_vat_parts_always_add_up(value, rate, inclusive):
    split = vat_split(value, vat_rate_pct=rate, tax_inclusive=inclusive)
    assert split.net + split.tax == split.gross
    assert (split.gross if inclusive else split.net) == value
    assert split.tax >= 0


@given(st.integers(1, 10), st.decimals(min_value=0, max_value=10, places=1), st.integers(0, 60))
def test_tco_grows_with_the_years_and_fees_never_fall(years, cap, lock):
    def tco(n):
        return terms_with(
            term={"initial_term_months": 60},
            pricing={"tco_years": n, "escalation_cap_pct": cap, "price_lock_months": lock},
        )

    shorter, longer = tco(years), tco(years + 1)
    assert longer.pricing.tco > shorter.pricing.tco
    fees = recurring(shorter)
    assert fees == sorted(fees)


def test_fee_months_count_whole_months_and_the_days_of_the_last_month():
    assert fee_months(date(2027, 1, 1), date(2027, 12, 31), initial_term_months=12) == 12
    assert fee_months(date(2027, 4, 14), date(2027, 12, 31), initial_term_months=12) == 8 + D(18) / 31
    assert fee_months(date(2027, 3, 31), date(2027, 12, 31), initial_term_months=12) == 9 + D(1) / 31
    assert fee_months(None, date(2027, 12, 31), initial_term_months=18) == 18  # no dates: the term's months
    assert fee_months(date(2028, 2, 1), date(2027, 12, 31), initial_term_months=12) == 0  # fees after the term


def test_the_fee_start_date_never_precedes_the_term_and_falls_back_to_its_start():
    start, go_live, accepted = date(2027, 1, 1), date(2027, 3, 31), date(2027, 4, 14)
    dates = {"start_date": start, "go_live_date": go_live, "acceptance_end": accepted}
    assert fees_start_date("acceptance", **dates) == accepted
    assert fees_start_date("go_live", **dates) == go_live
    assert fees_start_date("start", **dates) == start
    assert fees_start_date("go_live", **{**dates, "go_live_date": date(2026, 12, 1)}) == start
    assert fees_start_date("acceptance", **{**dates, "acceptance_end": None}) == start  # the worst case


def test_recurring_fees_wait_for_acceptance_and_the_last_service_year_is_pro_rated():
    terms = terms_with(term={"initial_term_months": 24}, implementation={})  # go-live 31 March, accepted 14 April
    assert terms.pricing.fees_start == "acceptance"
    assert terms.pricing.fees_start_date == date(2027, 4, 14)
    # year 1 from 14 April 2027 is a full year; year 2 runs to the end of the term, 8 months and 18 days
    assert recurring(terms) == [D("60000"), D("45048.39")]
    assert terms.pricing.tco == D("209150")  # full service years: the TCO does not change
