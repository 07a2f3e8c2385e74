"""统一社会信用代码 (unified social credit code), GB 32100-2015."""

from __future__ import annotations

# 31 characters: digits and capital letters without I, O, S, V, Z.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {char: index for index, char in enumerate(USCC_ALPHABET)}


def uscc_check_char(first17: str) -> str:
    """The check character for the first 17 characters of a code."""
    if len(first17) != 17 or any(char not in _VALUE for char in first17):
        raise ValueError(f"not 17 code characters: {first17!r}")
    total = sum(_VALUE[char] * weight for char, weight in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_is_valid(code: object) -> bool:
    """Whether `code` is 18 characters of the code alphabet ending in the right check character."""
    if not isinstance(code, str) or len(code) != 18:
        return False
    if any(char not in _VALUE for char in code):
        return False
    return uscc_check_char(code[:17]) == code[17]


def normalize_uscc(code: str) -> str:
    """What a form should store: spaces removed, upper case."""
    return "".join(code.split()).upper()
