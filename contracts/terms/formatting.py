"""How figures are written in a contract, per language. Pure Python: terms compute, this prints."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .money import capital_cny

CURRENCY_ZH = {"CNY": "人民币", "USD": "美元", "EUR": "欧元"}
EMPTY = "[ ]"


def _decimal(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def num(value, lang: str = "en") -> str:
    """Thousands separators, no trailing zeros: 1,000 · 43.2 · 4.32."""
    if value is None or value == "":
        return EMPTY
    d = _decimal(value)
    text = f"{d:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def pct(value, lang: str = "en") -> str:
    return EMPTY if value is None or value == "" else f"{num(value)}%"


def money(value, currency: str = "CNY", lang: str = "en") -> str:
    """zh: 人民币303,725.00元（大写：人民币叁拾万叁仟柒佰贰拾伍元整）; en: CNY 303,725.00."""
    if value is None or value == "":
        return EMPTY
    amount = _decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    figure = f"{amount:,.2f}"
    if lang != "zh":
        return f"{currency} {figure}"
    name = CURRENCY_ZH.get(currency, currency)
    return f"{name}{figure}{_yuan(currency)}（大写：{name}{capital_cny(amount)}）"


def _yuan(currency: str) -> str:
    """人民币60,000.00元, but 美元60,000.00: 元 after the figure names renminbi only (the capital
    numerals keep 元 as the unit of any currency, as banks write 美元陆万元整)."""
    return "元" if currency == "CNY" else ""


def money_short(value, currency: str = "CNY", lang: str = "en") -> str:
    """An amount in a table cell, no capital numerals: zh 人民币60,000.00元, en CNY 60,000.00."""
    figure = amount(value)
    if figure == EMPTY:
        return figure
    if lang == "zh":
        return f"{CURRENCY_ZH.get(currency, currency)}{figure}{_yuan(currency)}"
    return f"{currency} {figure}"


def currency_unit(currency: str = "CNY", lang: str = "en") -> str:
    """What a column heading names when its cells are bare amounts: zh 元 (renminbi, as 金额（元）) / 美元, en CNY / USD."""
    if lang == "zh":
        return "元" if currency == "CNY" else CURRENCY_ZH.get(currency, currency)
    return currency


def amount(value) -> str:
    """An amount in a column whose heading names the currency: 60,000.00."""
    if value is None or value == "":
        return EMPTY
    return f"{_decimal(value).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,.2f}"


def date_text(value, lang: str = "en") -> str:
    if not value:
        return EMPTY
    if isinstance(value, str):
        value = date.fromisoformat(value)
    if lang == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {value:%B} {value.year}"


def minutes(value, lang: str = "en") -> str:
    """43.2 → 43.2分钟 / 43.2 min; 432 → 7小时12分钟 / 7 h 12 min."""
    if value is None or value == "":
        return EMPTY
    d = _decimal(value)
    hours, rest = divmod(d, 60)
    hours = int(hours)
    if lang == "zh":
        if hours:
            return f"{hours}小时{num(rest)}分钟" if rest else f"{hours}小时"
        return f"{num(rest)}分钟"
    if hours:
        return f"{hours} h {num(rest)} min" if rest else f"{hours} h"
    return f"{num(rest)} min"
