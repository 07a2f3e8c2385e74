"""The wizard's fields, printed by crispy-forms' Bootstrap 5 template pack.

Each field goes through crispy's documented `as_crispy_field` filter: the pack's `field.html`, compiled once
by Django's cached template loader, and the widget itself through the form's Jinja2 renderer. The wizard
adds one thing crispy does not know: a field can be required only when it is shown, or only while another
answer has a given value. Such a field is printed with crispy's required mark but without the browser's
`required` attribute (the step checks it); the page's script moves the mark as the other answer changes,
from the `data-required-if` attributes of the input (`StepForm`).
"""

from __future__ import annotations

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString

from contracts.terms.answers import REQUIRED_IF, is_required_by_condition


def wizard_field(field: BoundField) -> SafeString:
    if field.field.required or not is_marked_required(field):
        return as_crispy_field(field)
    form, browser_required = field.form, field.form.use_required_attribute
    field.field.required, form.use_required_attribute = True, False
    try:
        return as_crispy_field(field)
    finally:
        field.field.required, form.use_required_attribute = False, browser_required


def is_marked_required(field: BoundField) -> bool:
    """Required, or required whenever it is shown (a field that another answer reveals), or required by
    another answer's value now (terms.answers.REQUIRED_IF): the asterisk is printed for each; the last two
    kinds are checked by the step, not by the browser."""
    if field.field.required or field.name in getattr(field.form, "required_if_shown", ()):
        return True
    if getattr(field.form, "required_by_text", None) and field.form.required_by_text(field.name):
        return True
    condition = REQUIRED_IF.get(getattr(field.form, "step", ""), {}).get(field.name)
    if condition is None:
        return False
    controller, _values = condition
    current = field.form[controller].value()  # typed or initial, as the page shows it
    if isinstance(field.form.fields[controller], forms.BooleanField):
        current = field.form.fields[controller].to_python(current)
    return is_required_by_condition(field.form.step, field.name, {controller: current})
