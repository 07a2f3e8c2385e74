"""Free text the buyer types that a contract prints, in each column of a bilingual contract.

Every such answer is asked in the contract's language (in Chinese for a bilingual contract) and, for a
bilingual contract, in English as well: its companion `<field>_en`. `column_context` hands each column of
the contract its own text, so the clause texts and tables print `{{ r.text }}` and get the English in
the English column. A text given in one language only prints as given, marked as such in the other
column (never passed off as a translation); the wizard warns about it and the risk review flags it.
Places with a fixed spelling (the seat of arbitration) come from the catalogue of places.py instead.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from .model import Terms
from .places import ONLY_IN_CHINESE, ONLY_IN_ENGLISH, has_cjk, known_city, place_names

# The parties' free texts that print (the head of the contract, the signature blocks), each with its
# `<field>_en`: asked on the parties step itself, by the contract language chosen there (answers.ASKED_IF).
PARTY_TEXTS = tuple(
    f"{party}_{name}" for party in ("buyer", "vendor") for name in ("name", "address", "representative", "contact_name")
)

# step → its one-line or multi-line answers that print
FREE_TEXT: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "parties": PARTY_TEXTS,
        "scope": ("edition",),
        "pricing": ("usage_metric", "buyer_invoice_address_phone", "buyer_invoice_bank_account", "vendor_bank_name"),
        "legal": ("escrow_agent", "arbitration_commission_other", "governing_law_other"),
    }
)
# (step, list) → the keys of its rows that print
FREE_TEXT_ROWS: Mapping[tuple[str, str], tuple[str, ...]] = MappingProxyType(
    {
        ("scope", "other_modules"): ("name", "description"),
        ("scope", "integrations"): ("system", "description"),
        ("scope", "requirements"): ("text", "acceptance_test"),
        ("implementation", "milestones"): ("name",),
        ("pricing", "module_prices"): ("module",),
        ("pricing", "usage_addons"): ("name",),
        ("pricing", "one_time_fees"): ("name",),
        ("data", "eu_affiliates"): ("name",),
    }
)
# Derived rows that carry a free text of the answers (the milestones' payments print their names).
DERIVED_ROWS: Mapping[tuple[str, str], tuple[str, ...]] = MappingProxyType(
    {("pricing", "milestone_payments"): ("name",)}
)
# Places printed through the city catalogue: (step, field).
PLACES: tuple[tuple[str, str], ...] = (("legal", "arbitration_seat"), ("parties", "signing_place"))

ONLY_IN_CHINESE_TEXT = "(given in Chinese only)"
ONLY_IN_ENGLISH_TEXT = "（仅提供英文）"


def companion(name: str) -> str:
    """The answer that holds the English of `name`."""
    return f"{name}_en"


def _blank(value: Any) -> bool:
    return not (isinstance(value, str) and value.strip())


def in_column(text: str | None, text_en: str | None, lang: str) -> str | None:
    """What the column of `lang` of a bilingual contract prints for a free text and its English."""
    if lang == "en":
        if not _blank(text_en):
            return text_en
        return f"{text} {ONLY_IN_CHINESE_TEXT}" if has_cjk(text) else text
    if _blank(text) and not _blank(text_en):
        return f"{text_en}{ONLY_IN_ENGLISH_TEXT}"
    return text


def _rows_in_column(rows: Any, keys: tuple[str, ...], lang: str) -> Any:
    if not rows:
        return rows
    return [row | {key: in_column(row.get(key), row.get(companion(key)), lang) for key in keys} for row in rows]


def column_context(context: dict, lang: str) -> dict:
    """The template context of the column of `lang`: the seat of arbitration by its name in that language,
    and in a bilingual contract every free text in that language."""
    out = dict(context)
    bilingual = (context.get("contract") or {}).get("language") == "bilingual"
    legal = dict(out.get("legal") or {})
    if legal.get("arbitration_seat") or legal.get("arbitration_seat_en"):
        zh, en = place_names(legal.get("arbitration_seat"), legal.get("arbitration_seat_en") if bilingual else None)
        legal["arbitration_seat"] = zh if lang == "zh" else en
        out["legal"] = legal
    if not bilingual:
        return out
    for step, names in FREE_TEXT.items():
        section = dict(out.get(step) or {})
        for name in names:
            section[name] = in_column(section.get(name), section.get(companion(name)), lang)
        out[step] = section
    for (step, name), keys in (FREE_TEXT_ROWS | DERIVED_ROWS).items():
        section = dict(out.get(step) or {})
        section[name] = _rows_in_column(section.get(name), keys, lang)
        out[step] = section
    return out


@dataclass(frozen=True)
class Untranslated:
    """A free text of a bilingual contract given in one language only."""

    step: str
    field: str  # answers.md path: "edition", "requirements[2].text"
    text: str
    missing: str  # the language it lacks: "en" or "zh"


def _one_language(step: str, path: str, text: Any, text_en: Any) -> Untranslated | None:
    if has_cjk(text) and _blank(text_en):
        return Untranslated(step, path, text.strip(), "en")
    if _blank(text) and not _blank(text_en):
        return Untranslated(step, path, text_en.strip(), "zh")
    return None


def _printed_texts(terms: Terms) -> Iterator[tuple[str, str, Any, Any]]:
    """(step, answers.md path, text, its English) of every free text the contract prints."""
    for step, names in FREE_TEXT.items():
        section = getattr(terms, step)
        for name in names:
            yield step, name, getattr(section, name), getattr(section, companion(name))
    for (step, name), keys in FREE_TEXT_ROWS.items():
        for number, row in enumerate(getattr(getattr(terms, step), name) or (), start=1):
            for key in keys:
                yield step, f"{name}[{number}].{key}", getattr(row, key), getattr(row, companion(key))


def untranslated(terms: Terms) -> tuple[Untranslated, ...]:
    """Every free text a bilingual contract prints that the buyer gave in one language only; none for a
    single-language contract. A place is missing only when the catalogue does not know it either."""
    if terms.contract.language != "bilingual":
        return ()
    found = []
    for step, name in PLACES:
        place, place_en = getattr(getattr(terms, step), name), getattr(getattr(terms, step), companion(name))
        zh, en = place_names(place, place_en)
        if en and en.endswith(ONLY_IN_CHINESE):
            found.append(Untranslated(step, name, place.strip(), "en"))
        elif zh and zh.endswith(ONLY_IN_ENGLISH):
            found.append(Untranslated(step, name, (place or place_en).strip(), "zh"))
    for step, path, text, text_en in _printed_texts(terms):
        if item := _one_language(step, path, text, text_en):
            found.append(item)
    return tuple(found)


def chinese_in_english(terms: Terms) -> tuple[Untranslated, ...]:
    """Every free text an English contract prints that the buyer typed with Chinese characters: it prints
    as typed, which the wizard warns about and the risk review flags (the buyer may mean it, e.g. a
    Chinese company name). A place the city catalogue knows prints in English by itself."""
    if terms.contract.language != "en":
        return ()
    found = [
        Untranslated(step, name, place.strip(), "en")
        for step, name in PLACES
        if has_cjk(place := getattr(getattr(terms, step), name)) and not known_city(place)
    ]
    found += [
        Untranslated(step, path, text.strip(), "en") for step, path, text, _en in _printed_texts(terms) if has_cjk(text)
    ]
    return tuple(found)
