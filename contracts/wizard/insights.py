"""What the buyer sees beside the answers: risk findings, hints, key dates — read from the same Terms."""

from __future__ import annotations

from dataclasses import dataclass

from contracts.clauses.assemble import numbering, select
from contracts.clauses.library import SectionSpec, library_snapshot
from contracts.clauses.positions import deviations, negotiable_clauses
from contracts.terms import build_terms, terms_context
from contracts.terms.hints import hints_for
from contracts.terms.keydates import KeyDate, key_dates
from contracts.terms.model import Terms
from contracts.terms.risk import RiskReview, risk_review
from contracts.wizard.steps import partial_typed_answers


@dataclass(frozen=True)
class Insights:
    terms: Terms
    review: RiskReview
    dates: list[KeyDate]


def draft_insights(answers: dict, *, contract_number: str = "", library: list[SectionSpec] | None = None) -> Insights:
    """Terms from whatever is valid so far; findings only for the steps the buyer has answered."""
    terms = build_terms(partial_typed_answers(answers), contract_number=contract_number)
    library = library if library is not None else library_snapshot()
    review = risk_review(terms, deviations=deviations(answers.get("positions"), library))
    answered = set(answers) | {"positions"}
    review = RiskReview(findings=tuple(f for f in review.findings if f.step in answered or f.group == "deviations"))
    return Insights(terms=terms, review=review, dates=key_dates(terms))


def step_hints(answers: dict, step_key: str, step_data=None) -> dict:
    """Live hints for a step's fields, from its current (possibly unsaved) input over the saved draft."""
    typed = partial_typed_answers(answers, step_key=step_key, step_data=step_data)
    return hints_for(step_key, typed[step_key], typed)


def negotiable(library: list[SectionSpec] | None = None):
    return negotiable_clauses(library if library is not None else library_snapshot())


def clause_numbers(answers: dict, library: list[SectionSpec] | None = None) -> dict[str, str]:
    """Where each clause prints in this draft's contract ("4.5"), from whatever is valid so far."""
    context = terms_context(build_terms(partial_typed_answers(answers)))
    _sections, numbers, _references = numbering(select(context, library if library is not None else library_snapshot()))
    return numbers
