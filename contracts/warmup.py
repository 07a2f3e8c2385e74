"""Warm a web worker before it takes requests: the first request of a cold worker otherwise pays ~0.7 s
for importing the views, compiling the templates and the wizard's widget templates. The lists' blank rows
are printed here too, in each UI language: with gunicorn's --preload, once for every worker."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)

TEMPLATES = ("contracts/step.html", "contracts/review.html", "contracts/draft_list.html", "registration/login.html")


def warm_up_web() -> None:
    """Import every view, compile the main pages' templates, print every wizard field once in each UI
    language (a sample draft's, its lists' rows too: crispy's print of a field is kept) and keep the lists'
    blank rows. Touches no database. Failures are logged, never raised: a cold worker is slower,
    not broken."""
    try:
        from django.conf import settings
        from django.template.loader import get_template
        from django.urls import get_resolver
        from django.utils import translation

        from contracts.clauses.samples import sample_document
        from contracts.templatetags.wizard_fields import blank_row
        from contracts.wizard.render import wizard_field
        from contracts.wizard.steps import STEPS, BoundStep, step_defaults

        get_resolver().url_patterns  # noqa: B018 - imports the URL configuration and every view
        for name in TEMPLATES:
            get_template(name)
        answers = sample_document("all_options")  # every list with rows, as a buyer's step shows them
        for step in STEPS:
            bound = BoundStep.from_data(step, None, initial=step_defaults(step) | (answers.get(step.key) or {}))
            for language, _name in settings.LANGUAGES:
                with translation.override(language):
                    for field in bound.form:  # crispy's print of each field, kept (contracts/wizard/render.py)
                        wizard_field(field)
                    for formset in bound.formsets.values():
                        for form in formset.forms:
                            for field in form.visible_fields():
                                wizard_field(field)
                        blank_row(formset, False)
                        blank_row(formset, True)
    except Exception:  # noqa: BLE001
        logger.exception("warming up the web worker failed")


def warm_up_renderer() -> None:
    """Warm a render worker before it takes its first task: fontconfig, Pango and the CJK faces, the clause
    library of the database, the pipeline and the print templates. Every render child is forked from this
    process, so each starts warm; a cold worker's first render otherwise pays ~2 s more (0.7 s fonts, 1.4 s
    the first document). Failures are logged, never raised."""
    try:
        from contracts.clauses.samples import sample_document
        from contracts.clauses.snapshot import library_snapshot
        from contracts.pipeline import build_document
        from contracts.problems import validate_answers
        from contracts.rendering.html import render_html
        from contracts.rendering.pdf import warm_up

        typed, problems = validate_answers(sample_document("standard"))
        if not problems:
            document = build_document(typed, contract_number="WARM-UP", library=library_snapshot())
            for language in ("zh", "bilingual"):
                render_html(document, language)
        warm_up()
    except Exception:  # noqa: BLE001
        logger.exception("warming up the render worker failed")
