"""Comparing offers: one TCO horizon for all, coverage against one requirement list, best marks."""

from decimal import Decimal

import pytest

from contracts.terms import Offer, build_terms, compare_offers, vendor_stability
from contracts.terms.text import Text
from tests.terms.sample_answers import complete_answers

D = Decimal


def offer_a():
    """The sample: per seat, 60,000 a year + 20,000 one-time, 5 % cap after a year, 3-year TCO."""
    return build_terms(complete_answers())


def offer_b(**pricing):
    """A young vendor's perpetual licence: 200,000 once + 20 % maintenance, 5-year TCO."""
    answers = complete_answers()
    answers["parties"].update(
        vendor_name="新创软件有限公司", vendor_years_in_business=2, vendor_customer_count=40, vendor_certifications=[]
    )
    answers["scope"].update(modules=["contacts", "marketing"], other_modules=[], requirements=[])
    answers["sla"]["availability_target_pct"] = D("99.5")
    answers["pricing"].update(
        pricing_model="perpetual",
        licence_fee=D("200000"),
        maintenance_pct=D("20"),
        hosting_fee_year=D("0"),
        one_time_fees=[],
        escalation_type="none",
        escalation_cap_pct=None,
        tco_years=5,
        **pricing,
    )
    return build_terms(answers)


def cells(comparison, key):
    return comparison.row(key).cells


def test_tco_over_the_longest_horizon_for_both():
    comparison = compare_offers([("A", offer_a(), None), ("B", offer_b(), None)])
    assert comparison.horizon_years == 5
    # A: 20,000 + 60,000 + 63,000 + 66,150 + 69,457.50 + 72,930.38; B: 200,000 + 5 × 40,000
    assert cells(comparison, "tco") == (D("351537.88"), D("400000.00"))
    assert comparison.row("tco").label.en == "TCO over 5 years"
    assert comparison.row("tco").best == (0,)


def test_a_given_horizon_overrides_the_offers():
    comparison = compare_offers([("A", offer_a(), None), ("B", offer_b(), None)], horizon_years=2)
    assert cells(comparison, "tco") == (D("143000.00"), D("280000.00"))


def test_fees_and_best_values():
    comparison = compare_offers([Offer("A", offer_a()), Offer("B", offer_b())])
    assert cells(comparison, "annual_recurring_fee") == (D("60000.00"), D("40000.00"))
    assert comparison.row("annual_recurring_fee").best == (1,)
    assert cells(comparison, "one_time_total") == (D("20000.00"), D("200000.00"))
    assert comparison.row("one_time_total").best == (0,)
    # recurring fees from acceptance (14 April) to the end of 2027: 8 months and 18 days of each year's fee
    assert cells(comparison, "total_contract_value") == (D("62903.23"), D("228602.15"))
    assert comparison.row("total_contract_value").best == (0,)
    assert comparison.row("availability_target_pct").best == (0,)
    assert comparison.row("allowed_downtime_minutes_30").cells == (D("43.20"), D("216.00"))
    assert cells(comparison, "pricing_model")[1].en == "Perpetual licence"


def test_requirements_are_counted_against_the_buyers_list():
    comparison = compare_offers([("A", offer_a(), None), ("B", offer_b(), None)])
    assert comparison.requirement_count == 3
    assert cells(comparison, "requirements_covered") == (3, 0)
    assert comparison.row("requirements_covered").best == (0,)
    uncovered = cells(comparison, "must_uncovered")
    assert uncovered[0].en == "None" and uncovered[1].en == "R1, R2"


def test_stability_and_risk_counts():
    comparison = compare_offers([("A", offer_a(), None), ("B", offer_b(), None)])
    assert [c.en for c in cells(comparison, "vendor_stability")] == ["Strong", "Weak"]
    assert comparison.row("vendor_stability").best == (0,)
    # B: no requirement list of its own, young vendor without escrow
    assert cells(comparison, "risks_high") == (0, 2)
    assert comparison.row("risks_high").best == (0,)
    assert comparison.row("risks_low").best == ()  # a tie marks nobody


def test_a_given_stability_assessment_is_used():
    assessed = vendor_stability(years_in_business=2, customer_count=40, certifications=(), financial_notes="融资B轮")
    comparison = compare_offers([("A", offer_a(), assessed), ("B", offer_b(), None)])
    assert cells(comparison, "vendor_stability")[0].en == "Weak"
    assert comparison.row("vendor_stability").best == ()


def test_money_is_not_ranked_across_currencies():
    comparison = compare_offers([("A", offer_a(), None), ("B", offer_b(currency="USD"), None)])
    for key in ("annual_recurring_fee", "one_time_total", "total_contract_value", "tco"):
        assert comparison.row(key).best == ()
    assert [c.en for c in cells(comparison, "currency")] == ["CNY", "USD"]


def test_contract_values_of_different_terms_are_not_ranked():
    answers = complete_answers()
    answers["term"]["initial_term_months"] = 36
    comparison = compare_offers([("A", offer_a(), None), ("C", build_terms(answers), None)])
    assert comparison.row("total_contract_value").best == ()
    assert comparison.row("tco").best == ()  # same price, same horizon: a tie


@pytest.mark.parametrize("count", [1, 5])
def test_two_to_four_offers(count):
    with pytest.raises(ValueError):
        compare_offers([(f"O{i}", offer_a(), None) for i in range(count)])


def test_rows_for_csv():
    comparison = compare_offers([("A", offer_a(), None), ("B", offer_b(), None)])
    rows = comparison.as_rows("zh")
    assert rows[0] == ["评估项", "A", "B", "最优"]
    assert len(rows) == len(comparison.rows) + 1
    assert all(len(row) == 4 for row in rows)
    tco = next(row for row in rows if row[0] == "5年总拥有成本")
    assert tco == ["5年总拥有成本", "351537.88", "400000.00", "A"]
    english = comparison.as_rows("en")
    assert ["Vendor stability", "Strong", "Weak", "A"] in english
    assert isinstance(comparison.row("vendor").cells[0], Text)
