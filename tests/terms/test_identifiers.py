import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracts.terms.identifiers import (
    USCC_ALPHABET,
    normalize_uscc,
    uscc_check_char,
    uscc_is_valid,
)
from tests.terms.sample_answers import BUYER_USCC, VENDOR_USCC


@pytest.mark.parametrize("code", ["91350100M000100Y43", BUYER_USCC, VENDOR_USCC])
def test_valid_codes(code):
    assert uscc_is_valid(code)


def test_check_character_of_the_standard_example():
    assert uscc_check_char("91350100M000100Y4") == "3"


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y44",  # wrong check character
        "91350100M000100Y4",  # 17 characters
        "91350100M000100Y433",  # 19 characters
        "",
        "91350100m000100Y43",  # lower case
        "91350100M000100Y4 ",
    ],
)
def test_invalid_codes(code):
    assert not uscc_is_valid(code)


@pytest.mark.parametrize("letter", ["I", "O", "S", "V", "Z"])
def test_forbidden_letters_are_refused_even_in_the_body(letter):
    body = "91350100" + letter + "000100Y4"
    assert not uscc_is_valid(body + "3")
    assert all(not uscc_is_valid(body + check) for check in USCC_ALPHABET + letter)


def test_non_strings_are_invalid():
    assert not uscc_is_valid(None)
    assert not uscc_is_valid(913501000000100043)


def test_normalize():
    assert normalize_uscc(" 91350100m000100y43 ") == "91350100M000100Y43"


@given(st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17))
def test_exactly_one_check_character_fits(body):
    fitting = [char for char in USCC_ALPHABET if uscc_is_valid(body + char)]
    assert fitting == [uscc_check_char(body)]
