import unicodedata

from django import forms, template

from contracts.wizard.render import wizard_field

register = template.Library()
register.filter("wizard_field", wizard_field)

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
