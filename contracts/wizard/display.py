"""Answers as a person reads them on the review page: labels, choice names, formatted values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from contracts import formatting
from contracts.wizard.steps import STEPS, BoundStep


def _display(field, value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    choices = dict(getattr(field, "choices", []) or [])
    if choices:
        if isinstance(value, list):
            return ", ".join(str(choices.get(v, v)) for v in value)
        for code, text in choices.items():
            if str(code) == str(value):
                return str(text)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return formatting.num(value)
    return str(value)


def review_sections(answers: dict) -> list[dict]:
    """Every step with its shown answers, lists as rows; steps not answered are marked."""
    sections = []
    for step in STEPS:
        fragment = answers.get(step.key)
        entry = {"step": step, "answered": isinstance(fragment, dict), "fields": [], "lists": []}
        if entry["answered"]:
            bound = BoundStep.from_answers(step, fragment)
            bound.is_valid()
            cleaned = getattr(bound.form, "cleaned_data", {})
            for name in bound.form.fields:
                if bound.form.is_shown(name, cleaned):
                    field = bound.form.fields[name]
                    entry["fields"].append((field.label, _display(field, cleaned.get(name))))
            for spec in step.lists:
                if not bound.list_shown(spec):
                    continue
                formset = bound.formsets[spec.name]
                form = formset.empty_form
                headers = [form.fields[n].label for n in form.fields]
                rows = [[_display(form.fields[n], row.get(n)) for n in form.fields] for row in formset.rows()]
                entry["lists"].append({"label": spec.label, "headers": headers, "rows": rows})
        sections.append(entry)
    return sections
