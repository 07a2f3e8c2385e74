"""answers → Terms → Document: the pure part of the pipeline, shared by the web app and the commands."""

from __future__ import annotations

from collections.abc import Mapping

from contracts.clauses.assemble import Document, assemble
from contracts.clauses.spec import SectionSpec
from contracts.terms import build_terms, terms_context


def build_document(
    typed_answers: dict, *, contract_number: str, library: list[SectionSpec], positions: Mapping[str, str] | None = None
) -> Document:
    """The contract for these answers; `positions` picks a balanced or vendor text for a negotiable clause."""
    terms = build_terms(typed_answers, contract_number=contract_number)
    return assemble(terms_context(terms), library, positions=dict(positions or {}))
