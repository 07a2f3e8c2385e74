"""The clause library as plain data: sections, clauses and their negotiable positions, and the rules
a clause must satisfy before it is saved. No database: assembly and rendering read these."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

from jinja2 import TemplateSyntaxError, nodes
from jinja2.parser import Parser

from contracts.clauses.engine import ENVIRONMENTS, ClauseTemplateError, check_source
from contracts.terms import VARIABLES, variable_names

TABLES = (
    "yearly_fees",
    "tco_by_year",
    "one_time_fees",
    "module_prices",
    "usage_addons",
    "credit_tiers",
    "severity_targets",
    "requirements",
    "milestones",
    "integrations",
    "other_modules",
    "migration_tasks",
)
BUYER = "buyer"
BALANCED = "balanced"
ALTERNATIVE_POSITIONS = (BALANCED, "vendor")  # the buyer-favourable text is the clause body itself
POSITIONS = (BUYER, *ALTERNATIVE_POSITIONS)
# The whole-contract stance, kept in a draft's `positions` under STANCE (a clause key always has a dot, so
# it cannot clash): every clause that offers the stance's text prints it unless the clause has its own entry.
STANCE = "stance"
STANCES = (BUYER, BALANCED)
PART_LABELS = {"note_zh": "note (zh)", "note_en": "note (en)", "body_zh": "text (zh)", "body_en": "text (en)"}
# What each position stores: the buyer's text is the clause body, so the buyer position has only its note
# (what our standard secures); an alternative has its note (what it gives away) and its own text.
POSITION_PARTS = {
    BUYER: ("note_zh", "note_en"),
    **{name: ("note_zh", "note_en", "body_zh", "body_en") for name in ALTERNATIVE_POSITIONS},
}
KIND_ORDER = {"preamble": 0, "article": 1, "annex": 2}


@dataclass(frozen=True)
class PositionSpec:
    """An alternative text of a clause and what the buyer gives away by accepting it."""

    name: str
    note_zh: str
    note_en: str
    body_zh: str
    body_en: str


@dataclass(frozen=True)
class ClauseSpec:
    key: str
    order: int
    condition: str
    highlight: bool
    table: str
    title_zh: str
    title_en: str
    body_zh: str
    body_en: str
    version_id: int | None = None
    positions: tuple[PositionSpec, ...] = ()  # the alternatives (balanced, vendor) a buyer may accept
    buyer_note_zh: str = ""  # what the clause's own (buyer) text secures, shown beside the alternatives
    buyer_note_en: str = ""

    def position(self, name: str) -> PositionSpec | None:
        return next((p for p in self.positions if p.name == name), None)

    def offers(self, name) -> bool:
        return name == BUYER or (isinstance(name, str) and self.position(name) is not None)

    def position_in(self, positions: Mapping) -> str:
        """The position this clause prints in under a draft's `positions`: its own entry when the clause
        offers it, else the whole-contract stance when the clause offers that, else the buyer's text."""
        own, stance = positions.get(self.key), positions.get(STANCE)
        if self.offers(own):
            return own
        return stance if stance in STANCES and self.offers(stance) else BUYER

    def content(self) -> dict:
        """What a version stores: every field that decides whether and how the clause prints."""
        return {
            "order": self.order,
            "condition": self.condition,
            "highlight": self.highlight,
            "table": self.table,
            "title_zh": self.title_zh,
            "title_en": self.title_en,
            "body_zh": self.body_zh,
            "body_en": self.body_en,
            "positions": positions_to_json(self.positions, self.buyer_note_zh, self.buyer_note_en),
        }


@dataclass(frozen=True)
class SectionSpec:
    key: str
    kind: str
    order: int
    title_zh: str
    title_en: str
    condition: str
    clauses: tuple[ClauseSpec, ...] = field(default_factory=tuple)


def positions_to_json(positions: tuple[PositionSpec, ...], buyer_note_zh: str = "", buyer_note_en: str = "") -> dict:
    """The stored form: {buyer: {note_zh, note_en}, balanced|vendor: {note_zh, note_en, body_zh, body_en}}."""
    stored = {BUYER: {"note_zh": buyer_note_zh, "note_en": buyer_note_en}} if buyer_note_zh or buyer_note_en else {}
    return stored | {p.name: {k: v for k, v in asdict(p).items() if k != "name"} for p in positions}


def positions_from_json(data: dict | None) -> dict:
    """ClauseSpec's `positions`, `buyer_note_zh` and `buyer_note_en` from the stored form."""
    data = data or {}
    buyer = data.get(BUYER) or {}
    alternatives = tuple(
        PositionSpec(
            name=name,
            note_zh=data[name].get("note_zh", ""),
            note_en=data[name].get("note_en", ""),
            body_zh=data[name].get("body_zh", ""),
            body_en=data[name].get("body_en", ""),
        )
        for name in ALTERNATIVE_POSITIONS
        if name in data
    )
    return {
        "positions": alternatives,
        "buyer_note_zh": buyer.get("note_zh", ""),
        "buyer_note_en": buyer.get("note_en", ""),
    }


# Validation ----------------------------------------------------------------------------------


def clause_problems(
    *,
    title_zh: str,
    title_en: str,
    body_zh: str,
    body_en: str,
    condition: str = "",
    table: str = "",
    positions: dict | None = None,
    clause_keys: frozenset[str] | set[str] | None = None,
) -> dict[str, str]:
    """Why a clause cannot be saved, keyed by the field at fault; empty when it is fine.

    `positions` is the stored form (see `positions_to_json`); `clause_keys`, when given, are the keys
    a `ref` may name."""
    known = variable_names()
    problems: dict[str, str] = {}
    sources = [("title_zh", title_zh), ("title_en", title_en), ("body_zh", body_zh), ("body_en", body_en)]
    for name, text in (positions or {}).items():
        if name not in POSITION_PARTS:
            problems["positions"] = f"unknown position '{name}'; one of: {', '.join(POSITIONS)}"
            continue
        for part in POSITION_PARTS[name]:
            if not (text.get(part) or "").strip():
                problems[f"positions.{name}.{part}"] = f"the {name} position needs its {PART_LABELS[part]}"
            sources.append((f"positions.{name}.{part}", text.get(part) or ""))
    if BUYER in (positions or {}) and not set(positions) & set(ALTERNATIVE_POSITIONS):
        problems.setdefault(
            f"positions.{BUYER}.note_zh",
            "a note on the buyer's text is shown only beside a balanced or vendor text; add one",
        )
    for name, source in sources:
        if name in problems:
            continue
        try:
            check_source(source or "", known, clause_keys=clause_keys)
        except ClauseTemplateError as exc:
            problems[name] = str(exc)
    if condition.strip():
        try:
            check_source(condition, known, expression=True)
            condition_type_check(condition)
        except ClauseTemplateError as exc:
            problems["condition"] = str(exc)
    if table and table not in TABLES:
        problems["table"] = f"unknown table '{table}'; one of: {', '.join(TABLES)}"
    return problems


def section_condition_problem(condition: str) -> str | None:
    if not condition.strip():
        return None
    try:
        check_source(condition, variable_names(), expression=True)
        condition_type_check(condition)
    except ClauseTemplateError as exc:
        return str(exc)
    return None


YES_NO_TYPES = ("bool", "list", "multi")  # a list is a yes/no answer too: does it have any rows


def condition_type_check(condition: str) -> None:
    """Refuse a condition that names a number, text or date alone (`pricing.total_contract_value`):
    it holds for any value but zero or empty, which is never what the author meant."""
    types = {v.name: v.type for v in VARIABLES}

    def visit(node) -> None:
        if isinstance(node, (nodes.And, nodes.Or)):
            visit(node.left)
            visit(node.right)
        elif isinstance(node, nodes.Not):
            visit(node.node)
        elif isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name):
            name = f"{node.node.name}.{node.attr}"
            if types.get(name, "bool") not in YES_NO_TYPES:
                example = f"{name} > 0" if types[name] in ("int", "dec", "pct") else f"{name} == '…'"
                raise ClauseTemplateError(
                    f"line {node.lineno}: '{name}' is a {types[name]}, not a yes/no answer; compare it, e.g. {example}"
                )

    try:
        expression = Parser(ENVIRONMENTS["en"], condition, state="variable").parse_expression()
    except TemplateSyntaxError:
        return  # check_source reports syntax
    visit(expression)
