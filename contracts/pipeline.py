"""answers → Terms → Document: the pure part of the pipeline, shared by the web app and the commands."""

from __future__ import annotations

from contracts.clauses.assemble import Document, assemble
from contracts.clauses.library import SectionSpec
from contracts.terms import build_terms, terms_context


def build_document(typed_answers: dict, *, contract_number: str, library: list[SectionSpec]) -> Document:
    terms = build_terms(typed_answers, contract_number=contract_number)
    return assemble(terms_context(terms), library)
