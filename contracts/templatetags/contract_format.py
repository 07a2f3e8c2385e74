"""Figures on web pages, written the way the contract writes them."""

from django import template
from django.utils.translation import get_language

from contracts import formatting

register = template.Library()


def _lang() -> str:
    return "zh" if (get_language() or "").startswith("zh") else "en"


@register.filter
def money_text(value, currency="CNY"):
    return formatting.money_short(value, currency, _lang())


@register.filter
def minutes_text(value):
    return formatting.minutes(value, _lang())


@register.filter
def isodate(value):
    return formatting.date_text(value, _lang())


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)
