"""The live preview, the positions page, the hints and the risk check read whatever is valid so far: a
blank or out-of-range answer must leave a gap, never an error (a clause template or a rule that does
arithmetic on a blank would)."""

import pytest

from contracts.clauses.files import read_library_files
from contracts.clauses.positions import negotiable_clauses
from contracts.clauses.samples import ALL_OPTIONS_PATCH, PERPETUAL_PATCH, STANDARD, patched
from contracts.insights import draft_insights
from contracts.pipeline import build_document
from contracts.wizard.steps import STEPS, partial_typed_answers, step_hints

LIBRARY = read_library_files()
NEGOTIABLE = [c.key for c in negotiable_clauses(LIBRARY)]
FIELDS = [(step.key, name) for step in STEPS for name in (*step.form_class.base_fields, *(s.name for s in step.lists))]


BASES = pytest.mark.parametrize(
    "base",
    [STANDARD, patched(STANDARD, ALL_OPTIONS_PATCH), patched(STANDARD, PERPETUAL_PATCH)],
    ids=["standard", "every option", "perpetual"],
)


@BASES
@pytest.mark.parametrize("position", ["buyer", "vendor", "balanced"])
def test_every_answer_left_blank_still_prints(base, position):
    failures = {}
    for step, name in FIELDS:
        answers = {key: dict(value) for key, value in base.items()}
        answers[step][name] = None
        typed = partial_typed_answers(answers)
        try:
            build_document(
                typed, contract_number="CRM-DRAFT", library=LIBRARY, positions={key: position for key in NEGOTIABLE}
            )
        except Exception as error:  # noqa: BLE001 — the test names every field that breaks the print
            failures[f"{step}.{name}"] = repr(error)
    assert failures == {}


@BASES
def test_every_answer_left_blank_still_gets_its_hints_and_risk_check(base):
    failures = {}
    for step, name in FIELDS:
        answers = {key: dict(value) for key, value in base.items()}
        answers[step][name] = None
        try:
            draft_insights(answers, library=LIBRARY)
            for each in STEPS:
                step_hints(answers, each.key)
        except Exception as error:  # noqa: BLE001 — the test names every field that breaks them
            failures[f"{step}.{name}"] = repr(error)
    assert failures == {}


def test_the_price_annex_prints_with_its_years_blank():
    answers = {key: dict(value) for key, value in STANDARD.items()}
    answers["pricing"]["tco_years"] = None
    answers["term"]["initial_term_months"] = None
    document = build_document(partial_typed_answers(answers), contract_number="CRM-DRAFT", library=LIBRARY)
    annex = next(c for s in document.sections for c in s.clauses if c.key == "annex_price.tco")
    assert annex.text.en and "renewed" in " ".join(annex.text.en)  # 3 years (the default) past no term
