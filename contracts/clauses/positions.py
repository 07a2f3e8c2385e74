"""Negotiation positions: which clauses offer a balanced or a vendor text, and what the buyer gave away.

The wizard offers `negotiable_clauses(library)`; the buyer's choice is a mapping clause key → position
(kept in `draft.answers["positions"]`); the review page and the risk review list `deviations(...)`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext

from contracts.clauses.spec import ALTERNATIVE_POSITIONS, BUYER, POSITIONS, ClauseSpec, SectionSpec

BUYER_NOTE = {
    "zh": "甲方有利文本（默认）：完整保护甲方的利益。",
    "en": "Buyer-favourable text (the default): fully protects the buyer.",
}


@dataclass(frozen=True)
class PositionOption:
    position: str  # buyer | balanced | vendor
    note_zh: str
    note_en: str


@dataclass(frozen=True)
class NegotiableClause:
    key: str
    title_zh: str
    title_en: str
    options: tuple[PositionOption, ...]

    @property
    def positions(self) -> tuple[str, ...]:
        return tuple(o.position for o in self.options)


@dataclass(frozen=True)
class Deviation:
    key: str
    title_zh: str
    title_en: str
    position: str
    note_zh: str
    note_en: str


def _clauses(library: list[SectionSpec]) -> list[ClauseSpec]:
    return [c for section in library for c in sorted(section.clauses, key=lambda c: (c.order, c.key))]


def negotiable_clauses(library: list[SectionSpec]) -> list[NegotiableClause]:
    """Clauses that offer alternative texts, in print order, each with the buyer's default first."""
    result = []
    for clause in _clauses(library):
        if not clause.positions:
            continue
        options = [
            PositionOption(BUYER, clause.buyer_note_zh or BUYER_NOTE["zh"], clause.buyer_note_en or BUYER_NOTE["en"])
        ]
        options += [
            PositionOption(name, p.note_zh, p.note_en) for name in ALTERNATIVE_POSITIONS if (p := clause.position(name))
        ]
        result.append(NegotiableClause(clause.key, clause.title_zh, clause.title_en, tuple(options)))
    return result


def positions_clean(positions: dict | None, library: list[SectionSpec]) -> dict[str, str]:
    """The buyer's choices that the library can honour; the buyer's own text needs no entry."""
    offered = {c.key: set(c.positions) for c in negotiable_clauses(library)}
    return {
        key: position
        for key, position in (positions or {}).items()
        if isinstance(position, str)
        and position in POSITIONS
        and position != BUYER
        and position in offered.get(key, ())
    }


def position_problems(positions, library: list[SectionSpec]) -> list[tuple[str, str]]:
    """(clause key, message) for every entry of an imported `positions` object the library cannot honour:
    a clause that offers no alternative texts, or a position that clause does not offer."""
    if not isinstance(positions, dict):
        return [("", gettext("Expected an object of negotiable clause → position (balanced or vendor)."))]
    offered = {c.key: c.positions for c in negotiable_clauses(library)}
    problems = []
    for key, position in positions.items():
        if key not in offered:
            problems.append((key, gettext("No negotiable clause has this key.")))
        elif not isinstance(position, str) or position not in offered[key]:
            problems.append(
                (
                    key,
                    gettext("Choose one of this clause's positions: %(positions)s.")
                    % {"positions": ", ".join(offered[key])},
                )
            )
    return problems


def deviations(positions: dict | None, library: list[SectionSpec]) -> list[Deviation]:
    """Each clause set away from the buyer's text, with what that gives away, in print order."""
    chosen = positions_clean(positions, library)
    result = []
    for clause in _clauses(library):
        if clause.key in chosen:
            alternative = clause.position(chosen[clause.key])
            result.append(
                Deviation(
                    clause.key,
                    clause.title_zh,
                    clause.title_en,
                    alternative.name,
                    alternative.note_zh,
                    alternative.note_en,
                )
            )
    return result
