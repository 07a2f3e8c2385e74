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


# crispy's print of a field without errors by everything that decides it: (the HTML before the widget, the
# HTML after it or None when the print is whole, the attributes crispy gave the widget). A few thousand at
# most: the wizard's fields in two languages, and the answers chosen in its groups of options.
_PRINTS: dict[tuple, tuple[str, str | None, dict]] = {}
_PRINTS_KEPT = 10_000
# printed by crispy's own templates from the file, or several inputs: printed afresh each time
_UNKEPT = (forms.FileInput, forms.MultiWidget)


def crispy_field(field: BoundField) -> SafeString:
    """What `as_crispy_field` prints for the field: kept from an earlier print of the same field with the
    widget's own HTML put in; a group of radio buttons or checkboxes (crispy prints each option) kept whole
    for its value."""
    key = _print_key(field)
    if key is None:
        return as_crispy_field(field)
    widget = field.field.widget
    kept = _PRINTS.get(key)
    if kept is not None:
        before, after, crispy_attrs = kept
        widget.attrs.update(crispy_attrs)
        if after is None:
            return mark_safe(before)  # noqa: S308 - crispy's own print
        return mark_safe(before + str(field) + after)  # noqa: S308 - crispy's own print around the widget's
    plain_attrs = dict(widget.attrs)
    html = as_crispy_field(field)
    crispy_attrs = {name: value for name, value in widget.attrs.items() if plain_attrs.get(name) != value}
    if isinstance(widget, forms.RadioSelect):
        before, widget_html, after = html, "", None
    else:
        before, widget_html, after = html.partition(str(field))
        if not widget_html or widget_html in after:
            return html
    if plain_attrs.keys() <= widget.attrs.keys() and len(_PRINTS) < _PRINTS_KEPT:
        _PRINTS[key] = (before, after, crispy_attrs)
    return html


def _print_key(field: BoundField) -> tuple | None:
    """Everything crispy's templates read but the widget's own HTML (for options, that too), or None for a
    field printed afresh each time. Kept only with DEBUG off, so that an edited template shows."""
    widget = field.field.widget
    if settings.DEBUG or isinstance(widget, _UNKEPT) or hasattr(widget, "widget") or field.errors:
        return None
    if getattr(field.form, "helper", None) is not None:  # a FormHelper's layout settings
        return None
    options = ()
    if isinstance(widget, forms.RadioSelect):  # and CheckboxSelectMultiple: each option is crispy's
        options = (tuple(widget.format_value(field.value())), _frozen(field.field.choices))
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
            options,
        )
    except TypeError:  # a widget attribute that is a list or a dict
        return None


def _hashable(*key) -> tuple:
    hash(key)
    return key


def _frozen(choices) -> tuple:
    """The choices as printed (labels in the current language), groups of choices included."""
    return tuple((value, _frozen(label) if isinstance(label, list | tuple) else str(label)) for value, label in choices)


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
