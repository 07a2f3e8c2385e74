"""Figures on web pages, written the way the contract writes them."""

import re

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from contracts.questions.display import page_language
from contracts.questions.display import problem_place as _problem_place
from contracts.questions.words import CONTRACT_LANGUAGE_CHOICES, VENDOR_CERTIFICATIONS
from contracts.terms import formatting

register = template.Library()

_TRAILING_UNIT = re.compile(r"(.*?)( ?)([（(][^（）()]*[）)])")
_CSS_UNSAFE = frozenset("\"\\'<>&{};\x7f")
_SHORT_CJK = re.compile(r"[\u3400-\u9fff]{2,4}")


def _lang() -> str:
    return page_language()


@register.filter
def money_text(value, currency="CNY"):
    return formatting.money_short(value, currency, _lang())


@register.filter
def currency_unit(code):
    """What a heading over bare amounts names: 元 / 美元 in Chinese, CNY / USD in English."""
    return formatting.currency_unit(code or "CNY", _lang())


@register.filter
def amount_text(value):
    return formatting.amount(value)


@register.filter
def num_text(value):
    """A count with thousands separators: 1,200."""
    return formatting.num(value)


@register.filter
def pct_text(value):
    """99.9 → 99.9%, as the contract writes a percentage."""
    return formatting.pct(value, _lang())


@register.filter
def minutes_text(value):
    return formatting.minutes(value, _lang())


@register.filter
def isodate(value):
    return formatting.date_text(value, _lang())


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)


@register.filter
def problem_place(problem) -> str:
    return _problem_place(problem.step, problem.field)


@register.filter
def contract_language(code) -> str:
    """A generated contract's language ("bilingual") by its name in the UI language."""
    return str(dict(CONTRACT_LANGUAGE_CHOICES).get(code, code))


@register.filter
def t(text) -> str:
    """A two-language Text (contracts.terms.text) in the language of the page."""
    if text is None:
        return ""
    return text.in_language(_lang()) if hasattr(text, "in_language") else str(text)


@register.filter
def severity_class(severity: str) -> str:
    return {"high": "danger", "medium": "warning", "low": "secondary"}.get(severity, "secondary")


@register.filter
def certification_names(codes) -> str:
    """A vendor's certifications ("mlps_level3") by the names the wizard shows, listed the page's way
    (Chinese lists with 、)."""
    names = dict(VENDOR_CERTIFICATIONS)
    return ("、" if _lang() == "zh" else ", ").join(str(names.get(code, code)) for code in codes or ())


@register.filter
def clause_paragraphs(text, lang: str) -> tuple[str, ...]:
    """A printed clause's paragraphs in one language ("zh" or "en")."""
    return text.get(lang)


@register.filter
def css_string(value) -> str:
    """Text for a double-quoted CSS string in a <style> element (a running header's `content`). An HTML
    entity would print as it is there ("buyer&#x27;s"), so every character that could end the string,
    the rule or the element is a CSS escape instead."""
    return mark_safe("".join(f"\\{ord(ch):x} " if ch in _CSS_UNSAFE or ord(ch) < 0x20 else ch for ch in str(value)))


@register.filter
def unit_kept_whole(heading):
    """A table heading whose trailing unit, "（元）" or " (CNY)", is never split across two lines; nor is a
    short Chinese heading ("服务年度") split inside its word when the column is narrow."""
    if _SHORT_CJK.fullmatch(str(heading)):
        return format_html('<span class="whole">{}</span>', heading)
    match = _TRAILING_UNIT.fullmatch(str(heading))
    if not match:
        return heading
    return format_html('{}{}<span class="unit">{}</span>', *match.groups())
