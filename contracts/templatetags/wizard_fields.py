from django import template
from django.utils.safestring import mark_safe

from contracts.wizard.render import wizard_field

register = template.Library()
register.filter("wizard_field", wizard_field)


@register.filter
def is_english(field) -> bool:
    """Whether a bound field is the English companion of a free text (`<name>_en`) that the wizard asks
    only for a bilingual contract; the place of signing, shown by its own condition, is not one."""
    form, name = field.form, field.name
    if not name.endswith("_en") or name[:-3] not in form.fields:
        return False
    condition = getattr(form, "show_if", {}).get(name)
    return not (condition and condition[0] == "contract_language")


@register.filter
def english_of(field, bilingual):
    """The English companion of a row's free text, to print under it: asked for a bilingual contract,
    else kept as a hidden input, so that switching the language back loses nothing."""
    name = f"{field.name}_en"
    if name not in field.form.fields:
        return ""
    companion = field.form[name]
    return wizard_field(companion) if bilingual else mark_safe(companion.as_hidden())
