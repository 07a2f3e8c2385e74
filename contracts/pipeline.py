"""answers → Terms → Document: the pure part of the pipeline, shared by the web app and the commands."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from django.utils.translation import gettext

from contracts.clauses.assemble import Document, assemble
from contracts.clauses.engine import ClauseLimitExceeded
from contracts.clauses.spec import SectionSpec
from contracts.rendering.limits import RenderFailed
from contracts.terms import build_terms, terms_context

logger = logging.getLogger(__name__)


class ClauseTooExpensive(RenderFailed):
    """A clause text crossed the render budget for these answers; str(exc) is fit to show to the buyer."""


def build_document(
    typed_answers: dict, *, contract_number: str, library: list[SectionSpec], positions: Mapping[str, str] | None = None
) -> Document:
    """The contract for these answers; `positions` picks a balanced or vendor text for a negotiable clause."""
    terms = build_terms(typed_answers, contract_number=contract_number)
    try:
        return assemble(terms_context(terms), library, positions=dict(positions or {}))
    except ClauseLimitExceeded as exc:
        # the admins' text is at fault, not the buyer's answers: the operator log names the clause and line
        logger.error("clause render budget exceeded for contract %s: %s", contract_number, exc)
        raise ClauseTooExpensive(
            gettext(
                "A clause of the contract library needs too much time or memory to print for these answers and "
                "was stopped. Your answers are kept; the administrators have been told and will correct the clause."
            )
        ) from exc
