from datetime import date
from decimal import Decimal

import pytest

from contracts.terms import Problem, cross_field_problems
from tests.terms.sample_answers import complete_answers

D = Decimal


def problems_after(**changes):
    """Problems of the sample answers after `step={field: value}` changes."""
    answers = complete_answers()
    for step, fields in changes.items():
        answers[step].update(fields)
    return cross_field_problems(answers)


def at_fault(problems):
    return {(p.step, p.field) for p in problems}


def test_the_sample_answers_are_valid():
    assert cross_field_problems(complete_answers()) == []


def test_problems_are_frozen_with_placeholders_filled_from_params():
    problem = problems_after(
        pricing={"payment_schedule": "milestones"},
        implementation={"milestones": [{"name": "a", "due_date": date(2027, 2, 1), "payment_pct": D("90")}]},
    )[0]
    assert isinstance(problem, Problem)
    assert problem.params == {"total": D("90")}
    assert "%(total)s" in problem.message
    assert "90%" in problem.message % problem.params
    with pytest.raises(AttributeError):
        problem.field = "other"


def test_at_least_one_module():
    assert at_fault(problems_after(scope={"modules": []})) == {("scope", "modules")}
    assert at_fault(problems_after(scope={"modules": None})) == {("scope", "modules")}
    assert problems_after(scope={"modules": ["contacts"]}) == []


MILESTONES_90 = [
    {"name": "a", "due_date": date(2027, 2, 1), "payment_pct": D("50")},
    {"name": "b", "due_date": date(2027, 3, 1), "payment_pct": D("40")},
]


def test_milestone_payments_must_add_up_to_100_when_paying_by_milestones():
    assert at_fault(
        problems_after(pricing={"payment_schedule": "milestones"}, implementation={"milestones": MILESTONES_90})
    ) == {("implementation", "milestones")}
    assert problems_after(pricing={"payment_schedule": "milestones"}) == []  # sample: 30 + 40 + 30


def test_milestone_shares_are_free_under_another_schedule():
    assert problems_after(implementation={"milestones": MILESTONES_90}) == []


def test_milestones_required_when_paying_by_milestones_with_an_implementation():
    assert at_fault(problems_after(pricing={"payment_schedule": "milestones"}, implementation={"milestones": []})) == {
        ("implementation", "milestones")
    }
    assert (
        problems_after(
            pricing={"payment_schedule": "milestones"},
            implementation={"milestones": [], "has_implementation": False},
        )
        == []
    )


def tiers(*pairs):
    return [{"below_pct": D(below), "credit": D(credit)} for below, credit in pairs]


@pytest.mark.parametrize(
    "table",
    [
        tiers(("99.9", "25"), ("99.9", "50")),  # not strictly descending
        tiers(("99.9", "25"), ("99.95", "50")),  # ascending
        tiers(("99.9", "50"), ("99.0", "25")),  # credit falls
        tiers(("99.5", "25"), ("99.0", "50")),  # first tier is not the target
    ],
)
def test_credit_tiers_out_of_order(table):
    assert at_fault(problems_after(sla={"credit_table": table})) == {("sla", "credit_table")}


def test_credit_tiers_in_order():
    assert problems_after(sla={"credit_table": tiers(("99.9", "25"), ("99.0", "25"))}) == []
    assert problems_after(sla={"availability_target_pct": D("99.5"), "credit_table": tiers(("99.5", "10"))}) == []
    assert problems_after(sla={"credit_table": []}) == []


def test_arbitration_names_a_commission():
    arbitration = {"forum": "arbitration", "arbitration_seat": "上海", "arbitration_language": "zh"}
    assert at_fault(problems_after(legal={**arbitration, "arbitration_commission": None})) == {
        ("legal", "arbitration_commission")
    }
    assert at_fault(
        problems_after(
            legal={
                **arbitration,
                "arbitration_commission": "other",
                "arbitration_commission_other": " ",
            }
        )
    ) == {("legal", "arbitration_commission_other")}
    assert (
        problems_after(
            legal={
                **arbitration,
                "arbitration_commission": "other",
                "arbitration_commission_other": "香港国际仲裁中心",
            }
        )
        == []
    )
    assert problems_after(legal={**arbitration, "arbitration_commission": "SHIAC"}) == []


def test_a_court_forum_needs_no_commission():
    assert problems_after(legal={"forum": "court", "arbitration_commission": None}) == []


def test_foreign_governing_law_only_with_a_foreign_vendor():
    assert at_fault(problems_after(legal={"governing_law": "other", "governing_law_other": "English law"})) == {
        ("legal", "governing_law")
    }
    foreign = {"vendor_is_foreign": True, "vendor_uscc": "", "vendor_country": "SG"}
    assert at_fault(problems_after(parties=foreign, legal={"governing_law": "other"})) == {
        ("legal", "governing_law_other")
    }
    assert problems_after(parties=foreign, legal={"governing_law": "other", "governing_law_other": "新加坡法律"}) == []


def test_no_court_at_a_foreign_vendors_domicile():
    foreign = {"vendor_is_foreign": True, "vendor_uscc": "", "vendor_country": "SG"}
    court_there = {"forum": "court", "court_place": "vendor_domicile"}
    assert at_fault(problems_after(parties=foreign, legal=court_there)) == {("legal", "court_place")}
    assert problems_after(legal=court_there) == []  # a domestic vendor's domicile has a people's court
    assert problems_after(parties=foreign, legal={**court_there, "court_place": "buyer_domicile"}) == []


def test_go_live_after_the_start_date():
    assert at_fault(problems_after(implementation={"go_live_date": date(2027, 1, 1)})) == {
        ("implementation", "go_live_date")
    }
    assert at_fault(problems_after(implementation={"go_live_date": date(2026, 12, 1)})) == {
        ("implementation", "go_live_date")
    }
    assert problems_after(implementation={"go_live_date": date(2027, 1, 2)}) == []


def test_go_live_is_not_checked_without_an_implementation():
    assert problems_after(implementation={"has_implementation": False, "go_live_date": date(2026, 1, 1)}) == []


def test_milestones_not_due_before_the_start_date():
    early = complete_answers()["implementation"]["milestones"]
    early[0]["due_date"] = date(2026, 12, 31)
    problems = problems_after(implementation={"milestones": early})
    assert at_fault(problems) == {("implementation", "milestones")}
    assert problems[0].params["row"] == 1
    early[0]["due_date"] = date(2027, 1, 1)
    assert problems_after(implementation={"milestones": early}) == []


def test_effective_date_not_after_the_start_date():
    assert at_fault(problems_after(parties={"effective_date": date(2027, 1, 2)})) == {("parties", "effective_date")}
    assert problems_after(parties={"effective_date": date(2027, 1, 1)}) == []
    assert problems_after(parties={"effective_date": None}) == []


def test_buyer_code_required_and_valid():
    assert at_fault(problems_after(parties={"buyer_uscc": ""})) == {("parties", "buyer_uscc")}
    assert at_fault(problems_after(parties={"buyer_uscc": None})) == {("parties", "buyer_uscc")}
    assert at_fault(problems_after(parties={"buyer_uscc": "91350100M000100Y44"})) == {("parties", "buyer_uscc")}


def test_vendor_code_required_and_valid_unless_the_vendor_is_foreign():
    assert at_fault(problems_after(parties={"vendor_uscc": ""})) == {("parties", "vendor_uscc")}
    assert at_fault(problems_after(parties={"vendor_uscc": "91350100M000100Y4O"})) == {("parties", "vendor_uscc")}
    assert problems_after(parties={"vendor_is_foreign": True, "vendor_uscc": ""}) == []


@pytest.mark.parametrize(
    "model, field",
    [
        ("per_seat", "unit_price_per_seat_year"),
        ("per_module", "module_prices"),
        ("usage_based", "estimated_usage_fee_year"),
        ("perpetual", "licence_fee"),
    ],
)
def test_the_chosen_pricing_model_needs_its_price(model, field):
    assert at_fault(problems_after(pricing={"pricing_model": model, field: None})) == {("pricing", field)}


@pytest.mark.parametrize(
    "model, price",
    [
        ("per_seat", {"unit_price_per_seat_year": D("1200")}),
        (
            "per_module",
            {"module_prices": [{"module": "contacts", "quantity": 1, "unit_price_year": D("9000")}]},
        ),
        ("usage_based", {"estimated_usage_fee_year": D("30000")}),
        ("perpetual", {"licence_fee": D("300000")}),
    ],
)
def test_the_chosen_pricing_model_with_its_price(model, price):
    assert problems_after(pricing={"pricing_model": model, **price}) == []


def test_an_empty_draft_does_not_crash():
    problems = cross_field_problems({})
    assert at_fault(problems) == {
        ("scope", "modules"),
        ("parties", "buyer_uscc"),
        ("parties", "vendor_uscc"),
    }


def test_individuals_with_sensitive_data_are_among_those_whose_data_leaves_china():
    abroad = {"data_location": "eu", "cross_border": True, "is_ciio": False, "sensitive_pi": True}
    problems = problems_after(data=abroad | {"cn_individuals_per_year": 8000, "cn_sensitive_per_year": 12000})
    assert at_fault(problems) == {("data", "cn_sensitive_per_year")}
    assert "8,000" in problems[0].text()
    assert problems_after(data=abroad | {"cn_individuals_per_year": 8000, "cn_sensitive_per_year": 8000}) == []


def test_sensitive_data_stored_abroad_cannot_be_counted_as_none():
    abroad = {
        "data_location": "eu",
        "cross_border": True,
        "is_ciio": False,
        "personal_info": True,
        "sensitive_pi": True,
        "cn_individuals_per_year": 8000,
    }
    problems = problems_after(data=abroad | {"cn_sensitive_per_year": 0})
    assert at_fault(problems) == {("data", "cn_sensitive_per_year")}
    assert "stored outside mainland China and includes sensitive personal information" in problems[0].text()
    assert problems_after(data=abroad | {"cn_sensitive_per_year": 500}) == []
    assert problems_after(data=abroad | {"sensitive_pi": False, "cn_sensitive_per_year": 0}) == []
    # stored in China and only accessed from abroad: the sensitive part may well stay in China
    assert problems_after(data=abroad | {"data_location": "mainland_cn", "cn_sensitive_per_year": 0}) == []


def test_a_term_extension_adds_at_most_a_months_days_per_month_missed():
    # the percentage tiers left in place after switching to days would add 100 days for one bad month
    problems = problems_after(
        sla={"remedy_form": "term_extension", "credit_table": tiers(("99.9", "25"), ("99", "50"), ("95", "100"))}
    )
    assert at_fault(problems) == {("sla", "credit_table")}
    assert "Tier 2 adds 50 days for one month missed" in problems[0].text()
    assert (
        problems_after(
            sla={"remedy_form": "term_extension", "credit_table": tiers(("99.9", "3"), ("99", "7"), ("95", "15"))}
        )
        == []
    )
    assert problems_after(sla={"credit_table": tiers(("99.9", "25"), ("99", "50"), ("95", "100"))}) == []  # money
