import unicodedata

from django import forms, template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from contracts.questions.words import is_english_companion
from contracts.wizard.render import wizard_field
from contracts.wizard.steps import field_anchor

register = template.Library()
register.filter("wizard_field", wizard_field)


@register.filter
def anchor(finding) -> str:
    """Where a finding's fix link lands on its step page (a list, or a field)."""
    return field_anchor(finding.step, finding.field)


@register.filter
def is_english(field) -> bool:
    """Whether a bound field is the English companion of a free text, asked for a bilingual contract only."""
    return is_english_companion(field.name, field.form.fields, getattr(field.form, "show_if", None))


@register.filter
def english_of(field, bilingual):
    """The English companion of a row's free text, to print under it: asked for a bilingual contract,
    else kept as a hidden input, so that switching the language back loses nothing."""
    name = f"{field.name}_en"
    if name not in field.form.fields:
        return ""
    companion = field.form[name]
    return wizard_field(companion) if bilingual else mark_safe(companion.as_hidden())


# The blank rows of the lists, by (formset class, prefix, language, bilingual): the same for every draft and request.
_BLANK_ROWS: dict[tuple, SafeString] = {}


@register.simple_tag
def blank_row(formset, bilingual) -> SafeString:
    """The blank row that a list's "Add a row" button copies, printed once per list, UI language and
    contract language, then kept: crispy-forms prints a field in about 0.4 ms, and the step pages' blank
    rows hold a fifth of their fields. Kept only with DEBUG off, so that an edited template shows."""
    key = (type(formset), formset.prefix, get_language(), bool(bilingual))
    row = _BLANK_ROWS.get(key)
    if row is None:
        context = {"row": formset.empty_form, "formset": formset, "bilingual": bilingual}
        row = render_to_string("contracts/includes/list_row.html", context)
        if not settings.DEBUG:
            _BLANK_ROWS[key] = row
    return row


# What a select holds in half a row beside the preview at 1280 px: about 30 Latin letters, or 15 Chinese
# characters (the closed select cannot wrap; a longer choice is cut off).
HALF_ROW_TEXT = 30


@register.filter
def full_row(field) -> bool:
    """A select with a choice too long for half a row takes the whole row, so no choice is cut off."""
    if not isinstance(field.field.widget, forms.Select) or isinstance(field.field.widget, forms.SelectMultiple):
        return False
    return any(_text_width(str(label)) > HALF_ROW_TEXT for _value, label in field.field.choices)


def _text_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
