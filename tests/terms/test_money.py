from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracts.terms.formatting import money, money_short
from contracts.terms.money import capital_cny, round_money

_DIGITS = {char: value for value, char in enumerate("零壹贰叁肆伍陆柒捌玖")}
_PLACES = {"拾": 10, "佰": 100, "仟": 1000}


def parse_capital(text: str) -> Decimal:
    """Read capital numerals back, to check capital_cny without repeating its algorithm."""
    text = text.removesuffix("整")
    integer_text, _, fraction_text = text.rpartition("元")
    total = section = number = 0
    for char in integer_text:
        if char in _DIGITS:
            number = _DIGITS[char]
        elif char in _PLACES:
            section += number * _PLACES[char]
            number = 0
        elif char == "万":
            total += (section + number) * 10_000
            section = number = 0
        elif char == "亿":
            total = (total + section + number) * 100_000_000
            section = number = 0
    total += section + number
    cents = 0
    number = 0
    for char in fraction_text:
        if char in _DIGITS:
            number = _DIGITS[char]
        elif char == "角":
            cents += number * 10
        elif char == "分":
            cents += number
    return Decimal(total) + Decimal(cents) / 100


@pytest.mark.parametrize(
    "amount, expected",
    [
        ("303725.00", "叁拾万叁仟柒佰贰拾伍元整"),
        ("1005.30", "壹仟零伍元叁角整"),
        ("100000", "壹拾万元整"),
        ("0", "零元整"),
        ("10.05", "壹拾元零伍分"),
        ("100000000", "壹亿元整"),
        ("1010", "壹仟零壹拾元整"),
        ("1", "壹元整"),
        ("10", "壹拾元整"),
        ("15", "壹拾伍元整"),
        ("0.50", "伍角整"),
        ("0.05", "伍分"),
        ("0.35", "叁角伍分"),
        ("100010", "壹拾万零壹拾元整"),
        ("101000", "壹拾万壹仟元整"),
        ("1000001", "壹佰万零壹元整"),
        ("100001000", "壹亿零壹仟元整"),
        ("100100000", "壹亿零壹拾万元整"),
        ("120000000", "壹亿贰仟万元整"),
        ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
        ("60000", "陆万元整"),
        ("209150", "贰拾万玖仟壹佰伍拾元整"),
        ("75471.70", "柒万伍仟肆佰柒拾壹元柒角整"),
        ("999999999999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    ],
)
def test_capital_numerals(amount, expected):
    assert capital_cny(Decimal(amount)) == expected


def test_capital_numerals_round_half_up_to_the_fen():
    assert capital_cny(Decimal("1.005")) == "壹元零壹分"
    assert capital_cny(Decimal("1.004")) == "壹元整"


def test_capital_numerals_accept_int_and_negative():
    assert capital_cny(1010) == "壹仟零壹拾元整"
    assert capital_cny(Decimal("-5")) == "负伍元整"


def test_capital_numerals_refuse_missing_and_too_large():
    with pytest.raises(ValueError):
        capital_cny(None)
    with pytest.raises(ValueError):
        capital_cny(Decimal("1000000000000"))


def test_round_money_is_half_up():
    assert round_money(Decimal("0.125")) == Decimal("0.13")
    assert round_money(Decimal("2.675")) == Decimal("2.68")


amounts = st.decimals(
    min_value=Decimal("0"),
    max_value=Decimal("999999999999.99"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


@given(amounts)
def test_capital_numerals_round_trip(amount):
    assert parse_capital(capital_cny(amount)) == amount


@given(amounts)
def test_capital_numerals_never_repeat_zero_and_write_each_nonzero_digit(amount):
    text = capital_cny(amount)
    assert "零零" not in text
    if amount:
        assert not text.startswith("零")
    written_digits = sum(1 for char in text if char in _DIGITS and char != "零")
    assert written_digits == sum(1 for char in f"{amount:.2f}" if char in "123456789")
    assert text.endswith("整") == (round_money(amount) * 100 % 10 == 0)


def test_money_in_chinese_names_renminbi_with_yuan_and_a_foreign_currency_by_its_name():
    assert money(Decimal("303725"), "CNY", "zh") == "人民币303,725.00元（大写：人民币叁拾万叁仟柒佰贰拾伍元整）"
    assert money(Decimal("60000"), "USD", "zh") == "美元60,000.00（大写：美元陆万元整）"  # not 美元60,000.00元
    assert money_short(Decimal("1200"), "EUR", "zh") == "欧元1,200.00"
    assert money(Decimal("60000"), "USD", "en") == "USD 60,000.00"
