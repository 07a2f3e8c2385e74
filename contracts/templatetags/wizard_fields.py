from django import template
from django.utils.safestring import mark_safe

from contracts.wizard.fields import is_english_companion
from contracts.wizard.render import wizard_field

register = template.Library()
register.filter("wizard_field", wizard_field)


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
