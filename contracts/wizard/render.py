"""The wizard's fields as crispy-forms prints them, without its per-field template machinery.

`as_crispy_field` renders every field through Django templates (a dozen includes and filters per field);
a step page has 30-50 fields, and that was most of its time. `wizard_field` prints the same markup
(crispy's bootstrap5 field.html for a field without a form helper, tests/test_wizard_markup.py holds the
two side by side) from one Jinja2 template, with the widget itself rendered by the form's renderer.
"""

from __future__ import annotations

from django import forms
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString, mark_safe

from contracts.terms.answers import REQUIRED_IF, is_required_by_condition
from contracts.wizard.fields import WIDGET_RENDERER


def _bootstrap_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


def _add_classes(widget: forms.Widget, classes: str) -> None:
    """What crispy's {% crispy_field %} does to the widget: its own class name, then the Bootstrap ones."""
    own = type(widget).__name__.lower()
    current = widget.attrs.get("class", "")
    if not current:
        current = own
    elif own not in current:
        current += f" {own}"
    for name in classes.split():
        if name not in current.split():
            current += f" {name}"
    widget.attrs["class"] = current


def is_marked_required(field: BoundField) -> bool:
    """Required, or required whenever it is shown (a field that another answer reveals), or required by
    another answer's value now (terms.answers.REQUIRED_IF): the asterisk is printed for each; the last two
    kinds are checked by the step, not by the browser."""
    if field.field.required or field.name in getattr(field.form, "required_if_shown", ()):
        return True
    if getattr(field.form, "required_by_text", None) and field.form.required_by_text(field.name):
        return True
    condition = _required_if(field)
    if condition is None:
        return False
    controller, _values = condition
    current = field.form[controller].value()  # typed or initial, as the page shows it
    if isinstance(field.form.fields[controller], forms.BooleanField):
        current = field.form.fields[controller].to_python(current)
    return is_required_by_condition(field.form.step, field.name, {controller: current})


def _required_if(field: BoundField) -> tuple[str, tuple] | None:
    return REQUIRED_IF.get(getattr(field.form, "step", ""), {}).get(field.name)


def _required_if_attrs(field: BoundField) -> tuple[str, str] | None:
    """(controller, its values as the page's script reads them) of a field REQUIRED_IF lists."""
    condition = _required_if(field)
    if condition is None:
        return None
    controller, values = condition
    return controller, "|".join(
        "true" if v is True else "false" if v is False else str(v) for v in values if v is not None
    )


def wizard_field(field: BoundField) -> SafeString:
    widget = field.field.widget
    errors = field.errors
    context = {
        "auto_id": field.auto_id,
        "id_for_label": field.id_for_label,
        "html_name": field.html_name,
        "label": field.label,
        "required": is_marked_required(field),
        # the page's script shows or hides the asterisk as the controlling answer changes
        "required_if": _required_if_attrs(field),
        "help_text": mark_safe(field.help_text or ""),
        "css_classes": field.css_classes(),
        "use_fieldset": field.use_fieldset,
        "aria_describedby": field.aria_describedby if field.use_fieldset else None,
        "errors": list(errors),
        "errors_id": errors.field_id,
    }
    if field.is_hidden:
        context.update(kind="hidden", widget=mark_safe(str(field)))
    elif isinstance(widget, (forms.CheckboxSelectMultiple, forms.RadioSelect)):
        element_id = widget.attrs.get("id") or field.auto_id
        attrs = field.build_widget_attrs({"id": element_id} if element_id else {})
        groups = widget.optgroups(field.html_name, widget.format_value(field.value()), attrs)
        context.update(kind="choices", optgroups=groups)
    else:
        _add_classes(widget, f"{_bootstrap_class(widget)}{' is-invalid' if errors else ''}")
        kind = "checkbox" if isinstance(widget, forms.CheckboxInput) else "input"
        context.update(kind=kind, widget=mark_safe(str(field)))
    return mark_safe(_template().render({"f": context}))


_compiled = None


def _template():
    global _compiled
    if _compiled is None:
        _compiled = WIDGET_RENDERER.engine.get_template("wizard/field.html")
    return _compiled
