"""The template context and its catalogue: plain data only, for the sandboxed clause templates."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any, NamedTuple

from .model import CONTEXT_SECTIONS, DERIVED_ROW_KEYS, Terms


class Variable(NamedTuple):
    name: str  # dotted: "sla.availability_target_pct"; list item keys "sla.credit_tiers[].amount"
    type: str  # answers.md type: str text email int dec pct date bool choice multi list
    meaning: str
    derived: bool  # computed in contracts/terms rather than answered


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    return value


def terms_context(terms: Terms) -> dict[str, dict[str, Any]]:
    """{step: {field: value}} for every answer and derived value; values are None, bool, int,
    Decimal, str, date, or lists and dicts of those."""
    return {section: _plain(getattr(terms, section)) for section, _cls in CONTEXT_SECTIONS}


def _row_keys(row: type) -> tuple[tuple[str, str, str], ...]:
    if row in DERIVED_ROW_KEYS:
        return DERIVED_ROW_KEYS[row]
    return tuple((f.name, f.metadata["kind"], f.metadata["meaning"]) for f in fields(row))


def variable_catalogue() -> tuple[Variable, ...]:
    catalogue = []
    for section, section_class in CONTEXT_SECTIONS:
        for f in fields(section_class):
            meta = f.metadata
            name = f"{section}.{f.name}"
            catalogue.append(Variable(name, meta["kind"], meta["meaning"], meta["derived"]))
            if meta["row"] is not None:
                for key, kind, meaning in _row_keys(meta["row"]):
                    catalogue.append(Variable(f"{name}[].{key}", kind, meaning, meta["derived"]))
    return tuple(catalogue)


VARIABLES: tuple[Variable, ...] = variable_catalogue()
VARIABLE_NAMES: frozenset[str] = frozenset(v.name for v in VARIABLES if "[]" not in v.name)


def variable_names() -> frozenset[str]:
    """The dotted `step.field` names a clause template may use (list item keys not included)."""
    return VARIABLE_NAMES
