"""The live contract preview beside the wizard: HTML from whatever is valid so far."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import get_language

from contracts.clauses.snapshot import library_snapshot
from contracts.pipeline import ClauseTooExpensive, build_document
from contracts.rendering.html import render_html
from contracts.wizard.steps import partial_typed_answers

# The part of the contract each step writes: the preview beside the step opens there (the element ids of
# the print template are the library's section keys). The parties are on the cover, at the top.
STEP_SECTIONS = {
    "scope": "scope",
    "implementation": "implementation",
    "term": "term",
    "sla": "sla",
    "pricing": "pricing",
    "data": "data",
    "legal": "liability",
}


def preview_html(*, answers: dict, step_key: str | None, step_data, language: str, number: str) -> str:
    typed = partial_typed_answers(answers, step_key=step_key, step_data=step_data)
    try:
        document = build_document(
            typed, contract_number=number, library=library_snapshot(), positions=answers.get("positions")
        )
    except ClauseTooExpensive as exc:  # stopped within the clause budget: say so beside the form
        return render_to_string(
            "contracts/preview_unavailable.html", {"message": str(exc), "LANGUAGE_CODE": get_language()}
        )
    # The table of contents' links serve a reader of the whole contract; beside the form they were a run of
    # some 20 tab stops between the buttons and the rest of the page ("Open in a new tab" has them).
    return render_html(document, language).replace('<a href="#', '<a tabindex="-1" href="#')
