"""Warm a web worker before it takes requests: the first request of a cold worker otherwise pays ~0.7 s
for importing the views, compiling the templates and the wizard's widget templates."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)

TEMPLATES = ("contracts/step.html", "contracts/review.html", "contracts/draft_list.html", "registration/login.html")


def warm_up_web() -> None:
    """Import every view, compile the main pages' templates and print every wizard field once. Touches no
    database. Failures are logged, never raised: a cold worker is slower, not broken."""
    try:
        from django.template.loader import get_template
        from django.urls import get_resolver

        from contracts.wizard.render import wizard_field
        from contracts.wizard.steps import STEPS, BoundStep

        get_resolver().url_patterns  # noqa: B018 - imports the URL configuration and every view
        for name in TEMPLATES:
            get_template(name)
        for step in STEPS:
            bound = BoundStep.from_data(step)
            for field in bound.form:
                wizard_field(field)
            for formset in bound.formsets.values():
                for field in formset.empty_form.visible_fields():
                    wizard_field(field)
    except Exception:  # noqa: BLE001
        logger.exception("warming up the web worker failed")
