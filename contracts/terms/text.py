"""Text(zh, en): a message in both contract languages, picked at the point of printing.

The risk review, the hints, the key dates and the offer comparison all speak both languages, because
the review PDF follows the contract's language while the web UI follows the user's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from . import formatting

LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class Text:
    """One message in Chinese and English."""

    zh: str
    en: str

    def in_language(self, lang: str) -> str:
        """The message in `lang`: "zh", "en", or "bilingual" (Chinese, then English)."""
        if lang == "zh":
            return self.zh
        if lang == "bilingual":
            return f"{self.zh} / {self.en}"
        return self.en

    def as_dict(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}


def join_texts(texts: Iterable[Text], *, zh_sep: str = "；", en_sep: str = "; ") -> Text:
    """Texts joined language by language (Chinese with a full-width separator)."""
    items = list(texts)
    return Text(zh_sep.join(t.zh for t in items), en_sep.join(t.en for t in items))


def same(text: str) -> Text:
    """A text that reads the same in both languages (a name, an identifier, a figure)."""
    return Text(text, text)


def money_text(amount: object, currency: str | None) -> Text:
    """An amount as a short figure: 人民币60,000.00元 / CNY 60,000.00 (no capital numerals)."""
    code = currency or "CNY"
    return Text(formatting.money_short(amount, code, "zh"), formatting.money_short(amount, code, "en"))


def date_text(day: object) -> Text:
    """A date as 2027年12月1日 / 1 December 2027."""
    return Text(formatting.date_text(day, "zh"), formatting.date_text(day, "en"))


def pct_text(value: object) -> str:
    """99.9 → 99.9%: the same in both languages."""
    return formatting.pct(value)


def minutes_text(value: object) -> Text:
    """432 → 7小时12分钟 / 7 h 12 min."""
    return Text(formatting.minutes(value, "zh"), formatting.minutes(value, "en"))


def num_text(value: object) -> str:
    """Thousands separators, no trailing zeros."""
    return formatting.num(value)
