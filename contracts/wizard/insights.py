"""What the buyer sees beside the answers: risk findings, hints, key dates — read from the same Terms."""

from __future__ import annotations

from dataclasses import dataclass

from contracts.clauses.assemble import DocClause
from contracts.clauses.positions import NegotiableClause, deviations, negotiable_clauses
from contracts.clauses.snapshot import library_snapshot
from contracts.clauses.spec import BUYER, POSITIONS, SectionSpec
from contracts.pipeline import build_document
from contracts.terms import build_terms
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


@dataclass(frozen=True)
class Negotiation:
    """A negotiable clause as this draft's contract prints it: for each position, the text with this
    draft's figures (an empty mapping when the draft's answers leave the clause out)."""

    clause: NegotiableClause
    texts: dict[str, DocClause] | None  # None: not printed (the draft could not be), so nothing to say

    @property
    def number(self) -> str:
        """Where the clause prints in this draft's contract ("4.5"); empty when it does not."""
        return self.texts[BUYER].number if self.texts else ""

    def options(self):
        """(option, its printed clause or None) in the buyer-first order of the clause's options."""
        return [(option, (self.texts or {}).get(option.position)) for option in self.clause.options]

    @property
    def left_out(self) -> bool:
        """Whether this draft's answers leave the clause out of the contract."""
        return self.texts == {}


def negotiations(
    answers: dict, *, contract_number: str = "", library: list[SectionSpec] | None = None
) -> list[Negotiation]:
    """Every negotiable clause with its text in each position, printed from whatever is valid so far."""
    library = library if library is not None else library_snapshot()
    clauses = negotiable_clauses(library)
    typed = partial_typed_answers(answers)
    printed: dict[str, dict[str, DocClause]] = {c.key: {} for c in clauses}
    for position in POSITIONS:
        document = build_document(
            typed, contract_number=contract_number, library=library, positions={c.key: position for c in clauses}
        )
        for section in document.sections:
            for clause in section.clauses:
                if clause.key in printed:
                    printed[clause.key][position] = clause
    return [Negotiation(c, printed[c.key]) for c in clauses]
