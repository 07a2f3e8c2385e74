"""Negotiation positions: which clauses offer a balanced or a vendor text, and what the buyer gave away.

The wizard offers `negotiable_clauses(library)`; the buyer's choice is a mapping clause key → position
(kept in `draft.answers["positions"]`), with an optional whole-contract stance under the key `stance`
(buyer or balanced: every clause that offers that text prints it unless it has an entry of its own);
the review page and the risk review list `deviations(...)`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext

from contracts.clauses.spec import ALTERNATIVE_POSITIONS, BUYER, STANCE, STANCES, ClauseSpec, SectionSpec

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


def stance_of(positions) -> str:
    """The whole-contract stance of a draft's `positions`: buyer (the default) or balanced."""
    stance = positions.get(STANCE) if isinstance(positions, dict) else None
    return stance if stance in STANCES else BUYER


def positions_effective(positions: dict | None, library: list[SectionSpec]) -> dict[str, str]:
    """Every negotiable clause → the position it prints in under these positions (stance applied)."""
    positions = positions if isinstance(positions, dict) else {}
    return {c.key: c.position_in(positions) for c in _clauses(library) if c.positions}


def positions_clean(positions: dict | None, library: list[SectionSpec]) -> dict[str, str]:
    """The clauses printed away from the buyer's text under these positions: clause key → position."""
    return {key: p for key, p in positions_effective(positions, library).items() if p != BUYER}


def positions_stored(positions: dict | None, library: list[SectionSpec], *, stance: str | None = None) -> dict:
    """What a draft keeps: the stance (when not the buyer's) and each clause whose chosen position differs
    from what the stance gives it; entries the library cannot honour are dropped. `stance` replaces the
    one in `positions`."""
    positions = positions if isinstance(positions, dict) else {}
    stance = stance if stance in STANCES else stance_of(positions)
    stored = {STANCE: stance} if stance != BUYER else {}
    for clause in _clauses(library):
        wanted = positions.get(clause.key)
        if clause.positions and clause.offers(wanted) and wanted != clause.position_in(stored):
            stored[clause.key] = wanted
    return stored


def position_problems(positions, library: list[SectionSpec]) -> list[tuple[str, str]]:
    """(clause key, message) for every entry of an imported `positions` object the library cannot honour:
    a clause that offers no alternative texts, a position that clause does not offer, or a stance other
    than buyer or balanced."""
    if not isinstance(positions, dict):
        return [("", gettext("Expected an object of negotiable clause → position (balanced or vendor)."))]
    offered = {c.key: c.positions for c in negotiable_clauses(library)}
    problems = []
    for key, position in positions.items():
        if key == STANCE:
            if position not in STANCES:
                problems.append((key, gettext("The stance is buyer or balanced.")))
        elif key not in offered:
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
