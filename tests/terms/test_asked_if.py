"""One table says which answers are asked only under a condition; the wizard and the terms both obey it."""

from dataclasses import fields

import pytest

from contracts.terms.answers import ASKED_IF, is_asked, read_answers
from contracts.terms.model import STEPS as TERM_STEPS
from contracts.wizard.steps import BY_KEY
from tests.terms.sample_answers import complete_answers


def test_every_conditional_answer_and_its_controller_exist_in_the_answers_model():
    model = {step: {f.name for f in fields(step_class)} for step, step_class in TERM_STEPS}
    for step, conditions in ASKED_IF.items():
        for name, (controller, _values) in conditions.items():
            assert name in model[step], f"{step}.{name}"
            assert controller in model[step], f"{step}.{controller}"


def test_the_wizard_shows_and_requires_by_the_same_table():
    for step, conditions in ASKED_IF.items():
        wizard = BY_KEY[step]
        lists = {spec.name: spec.show_if for spec in wizard.lists}
        for name, condition in conditions.items():
            if name in lists:
                assert lists[name] == condition, f"{step}.{name}"
            else:
                assert wizard.form_class.show_if[name] == condition, f"{step}.{name}"


def test_a_controller_that_is_not_asked_hides_what_it_controls():
    assert is_asked(
        "legal", "arbitration_commission_other", {"forum": "arbitration", "arbitration_commission": "other"}
    )
    assert not is_asked("legal", "arbitration_commission_other", {"forum": "court", "arbitration_commission": "other"})


@pytest.mark.parametrize(
    ("step", "changes", "switched_off"),
    [
        # The credit cap is a share of the fee: with days of term extension as the remedy it is not asked.
        ("sla", {"remedy_form": "term_extension", "credit_cap_pct": "100"}, "credit_cap_pct"),
        # No price increase at all: a cap left over from an earlier choice means nothing.
        ("pricing", {"escalation_type": "none", "escalation_cap_pct": "5"}, "escalation_cap_pct"),
    ],
)
def test_an_answer_left_over_from_another_choice_is_not_read(step, changes, switched_off):
    answers = complete_answers()
    answers[step].update(changes)
    assert read_answers(answers)[step][switched_off] is None


def test_data_stored_abroad_asks_the_cross_border_counts_whatever_the_box_says():
    answers = complete_answers()
    answers["data"].update(data_location="eu", cross_border=False, cn_individuals_per_year=5000)
    data = read_answers(answers)["data"]
    assert data["cross_border"] is True and data["cn_individuals_per_year"] == 5000
