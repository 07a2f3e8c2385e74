"""What the buyer sees beside the answers: risk findings, key dates, the negotiable clauses — read from the same
Terms, from the saved answers (a step's live hints, from its unsaved input, are the wizard's: wizard/steps.py)."""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass

from contracts.clauses.assemble import DocClause, Document
from contracts.clauses.positions import NegotiableClause, deviations, negotiable_clauses
from contracts.clauses.snapshot import library_snapshot
from contracts.clauses.spec import BUYER, POSITIONS, SectionSpec
from contracts.pipeline import build_document, document_for_answers
from contracts.terms import build_terms
from contracts.terms.checks import partial_answers
from contracts.terms.keydates import KeyDate, key_dates
from contracts.terms.model import Terms
from contracts.terms.risk import Citation, Finding, RiskReview, risk_review

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Insights:
    terms: Terms
    review: RiskReview
    dates: list[KeyDate]


def draft_insights(answers: dict, *, contract_number: str = "", library: list[SectionSpec] | None = None) -> Insights:
    """Terms from whatever is valid so far; findings only for the steps the buyer has answered, each
    citing the clause it is about in the contract these answers print."""
    typed = partial_answers(answers)
    terms = build_terms(typed, contract_number=contract_number)
    library = library if library is not None else library_snapshot()
    review = risk_review(
        terms,
        deviations=deviations(answers.get("positions"), library),
        deviations_checked=len(negotiable_clauses(library)),
    )
    answered = set(answers) | {"positions"}
    findings = tuple(f for f in review.findings if f.step in answered or f.group == "deviations")
    document = _document_or_none(answers, typed, contract_number, library)
    if document is not None:
        findings = cite_findings(findings, document, terms.parties.contract_language or "zh")
    review = RiskReview(
        findings=findings,
        rules=tuple(r for r in review.rules if r.step in answered),
        deviations_checked=review.deviations_checked,
    )
    return Insights(terms=terms, review=review, dates=key_dates(terms))


def _document_or_none(answers: dict, typed: dict, contract_number: str, library: list[SectionSpec]) -> Document | None:
    try:
        return document_for_answers(answers, typed, contract_number=contract_number, library=library)
    except Exception:  # noqa: BLE001 — as in the preview: findings without citations rather than no review
        logger.exception("assembling the contract for the risk review's citations failed")
        return None


def cite_findings(findings: tuple[Finding, ...], document: Document, language: str) -> tuple[Finding, ...]:
    """Each finding with the clause it is about as `document` prints it, in the contract's language."""
    return tuple(
        dataclasses.replace(f, citation=clause_citation(f.clauses, document), citation_language=language)
        for f in findings
    )


def clause_citation(keys: tuple[str, ...], document: Document) -> Citation | None:
    """The first of `keys` the document prints; else the article it belongs in; else "not in the contract"."""
    if not keys:
        return None
    printed = {clause.key: (section, clause) for section in document.sections for clause in section.clauses}
    for key in keys:
        if key in printed:
            return _printed_citation(*printed[key])
    sections = {section.key: section for section in document.sections}
    for key in keys:
        section = sections.get(key.split(".")[0])
        if section is not None and section.kind == "article":
            return Citation(
                clause=section.key,
                number=str(section.number),
                zh=f"第{section.number}条“{section.title_zh}”（合同中尚无相应条款）",
                en=f"Article {section.number} ({section.title_en}): no such clause yet",
                printed=False,
            )
    return Citation(
        clause=keys[0], number="", zh="合同中没有相应条款", en="No such clause in the contract", printed=False
    )


def _printed_citation(section, clause: DocClause) -> Citation:
    if section.kind == "preamble":
        return Citation(clause.key, "", f"合同首部“{clause.title_zh}”", f"Preamble ({clause.title_en})")
    if section.kind == "annex":
        return Citation(
            clause.key,
            f"{section.number}/{clause.number}",
            f"附件{section.number}第{clause.number}条“{clause.title_zh}”",
            f"paragraph {clause.number} of Annex {section.number} ({clause.title_en})",
        )
    return Citation(
        clause.key,
        clause.number,
        f"第{clause.number}条“{clause.title_zh}”",
        f"Section {clause.number} ({clause.title_en})",
    )


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
    typed = partial_answers(answers)
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
