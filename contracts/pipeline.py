"""answers → Terms → Document: the pure part of the pipeline, shared by the web app and the commands."""

from __future__ import annotations

import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence

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


# The contracts of the last drafts seen, for the wizard's risk citations: a step page, a save and the review
# page of an unchanged draft ask for the same contract each time. A few hundred KB each.
_DOCUMENTS: OrderedDict[tuple, Document] = OrderedDict()
_DOCUMENTS_KEPT = 32
_documents_lock = threading.Lock()


def document_for_answers(
    answers: Mapping, typed_answers: dict, *, contract_number: str, library: Sequence[SectionSpec]
) -> Document:
    """build_document for `typed_answers`, read from the raw `answers` (their positions included), kept per
    process by what decides it: the answers as stored, the contract number and the library's texts, so
    that a changed answer, position or clause gives a new contract."""
    key = (
        json.dumps(answers, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str),
        contract_number,
        tuple(library),
    )
    with _documents_lock:
        document = _DOCUMENTS.get(key)
        if document is not None:
            _DOCUMENTS.move_to_end(key)
            return document
    document = build_document(
        typed_answers, contract_number=contract_number, library=list(library), positions=answers.get("positions")
    )
    with _documents_lock:
        _DOCUMENTS[key] = document
        while len(_DOCUMENTS) > _DOCUMENTS_KEPT:
            _DOCUMENTS.popitem(last=False)
    return document
