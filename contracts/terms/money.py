"""Decimal helpers for money and the Chinese capital form of an amount (人民币大写)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal("0")

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_PLACE_UNITS = ("", "拾", "佰", "仟")
_GROUP_UNITS = ("", "万", "亿")  # up to 9,999 亿; larger amounts are refused
_MAX_YUAN = 10**12


def to_decimal(value: object) -> Decimal | None:
    """The value as a Decimal, or None when it is missing or empty. Floats go through str()."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise TypeError("a bool is not an amount")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (int, float, str)):
        try:
            return Decimal(str(value).strip().replace(",", ""))
        except InvalidOperation as exc:
            raise ValueError(f"not a decimal number: {value!r}") from exc
    raise TypeError(f"not a decimal number: {value!r}")


def dec_or_zero(value: object) -> Decimal:
    """Missing money counts as 0 wherever a sum needs it."""
    result = to_decimal(value)
    return ZERO if result is None else result


def round_money(amount: Decimal) -> Decimal:
    """Round to the cent, half up, as invoices and contracts do."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def money_sum(amounts: Iterable[object]) -> Decimal:
    return round_money(sum((dec_or_zero(a) for a in amounts), ZERO))


def pct_of(amount: Decimal, pct: object) -> Decimal:
    """`pct` per cent of `amount`, rounded to the cent (missing pct = 0)."""
    return round_money(amount * dec_or_zero(pct) / 100)


def capital_cny(amount: object) -> str:
    """The amount in Chinese capital numerals, e.g. 303725.00 → 叁拾万叁仟柒佰贰拾伍元整.

    Banking rules: a run of zeros inside the number is written as one 零; zeros that only close a
    万/亿 group (or the 元 place) before a non-zero 仟 (or 角) are not written (叁拾万叁仟);
    a whole skipped group or the leading zeros of a lower group are (壹亿零壹仟, 壹拾万零壹拾);
    a zero 角 before a non-zero 分 is (壹拾元零伍分); 整 ends an amount without 分.
    """
    value = to_decimal(amount)
    if value is None:
        raise ValueError("no amount")
    value = round_money(value)
    sign = ""
    if value < 0:
        sign, value = "负", -value
    cents = int(value * 100)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    if yuan >= _MAX_YUAN:
        raise ValueError(f"amount too large for capital numerals: {amount}")
    if cents == 0:
        return "零元整"

    parts: list[str] = []
    zero_pending = False  # a zero has been passed since the last non-zero digit written

    def write(digit: int, unit: str) -> None:
        nonlocal zero_pending
        if digit == 0:
            zero_pending = bool(parts)
            return
        if zero_pending:
            parts.append("零")
            zero_pending = False
        parts.append(_DIGITS[digit] + unit)

    if yuan:
        text = str(yuan)
        for index, char in enumerate(text):
            position = len(text) - 1 - index
            write(int(char), _PLACE_UNITS[position % 4])
            if position % 4 == 0:
                group = (yuan // 10**position) % 10000
                if group:
                    parts.append(_GROUP_UNITS[position // 4])
                    zero_pending = False  # trailing zeros of a written group need no 零
        parts.append("元")
        zero_pending = False  # 壹佰万元叁角: zeros before a non-zero 角 are not written
    write(jiao, "角")
    write(fen, "分")
    if fen == 0:
        parts.append("整")
    return sign + "".join(parts)
