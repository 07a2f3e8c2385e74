"""The live contract preview beside the wizard: HTML from whatever is valid so far."""

from __future__ import annotations

from contracts.clauses.library import library_snapshot
from contracts.pipeline import build_document
from contracts.rendering.html import render_html
from contracts.wizard.steps import partial_typed_answers


def preview_html(*, answers: dict, step_key: str | None, step_data, language: str, number: str) -> str:
    typed = partial_typed_answers(answers, step_key=step_key, step_data=step_data)
    document = build_document(typed, contract_number=number, library=library_snapshot(),
                              positions=answers.get("positions"))
    return render_html(document, language)
