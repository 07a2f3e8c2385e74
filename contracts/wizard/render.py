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
from django.conf import settings
from django.forms.boundfield import BoundField
from django.template import engines
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from contracts.terms.answers import REQUIRED_IF, is_required_by_condition


def wizard_field(field: BoundField) -> SafeString:
    if field.field.required or not is_marked_required(field):
        return crispy_field(field)
    form, browser_required = field.form, field.form.use_required_attribute
    field.field.required, form.use_required_attribute = True, False
    try:
        return crispy_field(field)
    finally:
        field.field.required, form.use_required_attribute = False, browser_required


# crispy's wrapper of a field without errors by what decides it: (the HTML before the widget, after it,
# the attributes crispy gave the widget). A few thousand at most: the wizard's fields in two languages.
_WRAPPERS: dict[tuple, tuple[str, str, dict]] = {}
_WRAPPERS_KEPT = 10_000
# printed by crispy's own templates from the value (each radio button, checkbox, file name), or several inputs
_UNWRAPPED = (forms.RadioSelect, forms.CheckboxSelectMultiple, forms.FileInput, forms.MultiWidget)


def crispy_field(field: BoundField) -> SafeString:
    """What `as_crispy_field` prints for the field, its wrapper kept from an earlier print of the same field."""
    key = _wrapper_key(field)
    if key is None:
        return as_crispy_field(field)
    widget = field.field.widget
    wrapper = _WRAPPERS.get(key)
    if wrapper is not None:
        before, after, crispy_attrs = wrapper
        widget.attrs.update(crispy_attrs)
        return mark_safe(before + str(field) + after)  # noqa: S308 - crispy's own output around the widget's
    plain_attrs = dict(widget.attrs)
    html = as_crispy_field(field)
    crispy_attrs = {name: value for name, value in widget.attrs.items() if plain_attrs.get(name) != value}
    before, widget_html, after = html.partition(str(field))
    if widget_html and widget_html not in after and plain_attrs.keys() <= widget.attrs.keys():
        if len(_WRAPPERS) < _WRAPPERS_KEPT:
            _WRAPPERS[key] = (before, after, crispy_attrs)
    return html


def _wrapper_key(field: BoundField) -> tuple | None:
    """Everything crispy's field template reads but the widget's value, or None for a field printed afresh
    each time. Kept only with DEBUG off, so that an edited template shows."""
    widget = field.field.widget
    if settings.DEBUG or isinstance(widget, _UNWRAPPED) or hasattr(widget, "widget") or field.errors:
        return None
    if getattr(field.form, "helper", None) is not None:  # a FormHelper's layout settings
        return None
    try:
        return _hashable(
            type(field.form),
            field.auto_id,
            field.html_name,
            type(widget),
            getattr(widget, "input_type", None),
            frozenset(widget.attrs.items()),
            str(field.label),
            str(field.help_text),
            field.field.required,
            field.field.disabled,
            field.css_classes(),
            field.form.use_required_attribute,
            get_language(),
            tuple(engines.all()),  # the templates crispy printed it with (tests change them)
        )
    except TypeError:  # a widget attribute that is a list or a dict
        return None


def _hashable(*key) -> tuple:
    hash(key)
    return key


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
