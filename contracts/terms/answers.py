"""Reading a typed answers document: fields coerced to their types, conditional fields switched off.

The wizard hands over Python values already typed; coercion here only makes the reading robust to
JSON-ish leftovers (ISO date strings, numeric strings) and to absent or empty optional values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import fields
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

from .data import effective_cross_border
from .model import STEPS
from .money import to_decimal

Condition = Callable[[Mapping[str, Any], Mapping[str, Mapping[str, Any]]], bool]


def _on(name: str) -> Condition:
    return lambda step, _all: bool(step.get(name))


def _equals(name: str, value: str) -> Condition:
    return lambda step, _all: step.get(name) == value


def _cross_border(step: Mapping[str, Any], _all: Mapping[str, Any]) -> bool:
    return effective_cross_border(step.get("data_location"), step.get("cross_border"))


# Fields asked only when a condition holds (answers.md "if …:"); otherwise they read as None.
CONDITIONS: Mapping[str, Mapping[str, Condition]] = {
    "parties": {"prevailing_language": _equals("contract_language", "bilingual")},
    "scope": {"custom_dev_owner": _on("custom_development")},
    "implementation": {
        **{name: _on("has_implementation") for name in ("go_live_date", "status_report_frequency", "milestones")},
        **{
            name: _on("migrating")
            for name in (
                "migration_source",
                "record_count",
                "migration_owner",
                "migration_method",
                "reconciliation_threshold_pct",
                "parallel_run_days",
                "data_loss_remedy",
            )
        },
    },
    "term": {
        "renewal_term_months": _on("auto_renew"),
        "non_renewal_notice_days": _on("auto_renew"),
        "convenience_notice_days": _on("buyer_convenience_termination"),
    },
    "pricing": {
        "unit_price_per_seat_year": _equals("pricing_model", "per_seat"),
        "module_prices": _equals("pricing_model", "per_module"),
        **{
            name: _equals("pricing_model", "usage_based")
            for name in (
                "usage_metric",
                "included_units",
                "overage_rate",
                "estimated_usage_fee_year",
                "spend_alert_pct",
            )
        },
        **{
            name: _equals("pricing_model", "perpetual")
            for name in ("licence_fee", "maintenance_pct", "hosting_fee_year")
        },
    },
    "data": {name: _cross_border for name in ("cn_individuals_per_year", "cn_sensitive_per_year", "is_ciio")},
    "legal": {
        "arbitration_commission": _equals("forum", "arbitration"),
        "arbitration_commission_other": lambda step, _all: (
            step.get("forum") == "arbitration" and step.get("arbitration_commission") == "other"
        ),
        "arbitration_seat": _equals("forum", "arbitration"),
        "arbitration_language": _equals("forum", "arbitration"),
        "court_place": _equals("forum", "court"),
        "governing_law_other": _equals("governing_law", "other"),
    },
}


def _to_int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise TypeError(f"not an integer: {value!r}")
    if isinstance(value, int):
        return value
    number = to_decimal(value)
    if number is None or number != number.to_integral_value():
        raise ValueError(f"not an integer: {value!r}")
    return int(number)


def _to_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return date.fromisoformat(value.strip())
    raise TypeError(f"not a date: {value!r}")


def _to_bool(value: Any) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in (
        "true",
        "false",
        "1",
        "0",
        "yes",
        "no",
        "on",
        "off",
    ):
        return value.strip().lower() in ("true", "1", "yes", "on")
    if isinstance(value, int):
        return bool(value)
    raise TypeError(f"not a yes/no value: {value!r}")


def _to_str(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def _to_multi(value: Any) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(choice) for choice in value)


def _to_rows(value: Any, row: type) -> tuple[Any, ...]:
    if value is None or value == "":
        return ()
    rows = []
    for raw in value:
        if not isinstance(raw, Mapping):
            raise TypeError(f"a {row.__name__} row must be a mapping: {raw!r}")
        rows.append(row(**{f.name: coerce(f.metadata["kind"], raw.get(f.name)) for f in fields(row)}))
    return tuple(rows)


_SCALARS: Mapping[str, Callable[[Any], Any]] = {
    "str": _to_str,
    "text": _to_str,
    "email": _to_str,
    "choice": _to_str,
    "int": _to_int,
    "dec": to_decimal,
    "pct": to_decimal,
    "date": _to_date,
    "bool": _to_bool,
    "multi": _to_multi,
}


def coerce(kind: str, value: Any, row: type | None = None) -> Any:
    """`value` as the Python type of the answers.md kind."""
    if kind == "list":
        assert row is not None
        return _to_rows(value, row)
    return _SCALARS[kind](value)


def read_step(step: str, step_class: type, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers of one step, each coerced, with fields whose condition fails set to None."""
    raw = answers.get(step) or {}
    values = {
        f.name: coerce(f.metadata["kind"], raw.get(f.name), f.metadata["row"])
        for f in fields(step_class)
        if not f.metadata["derived"]
    }
    for name, condition in CONDITIONS.get(step, {}).items():
        if not condition(values, answers):
            values[name] = None
    return values


def read_answers(answers: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Every step's answers, coerced and with conditions applied."""
    values = {step: read_step(step, step_class, answers) for step, step_class in STEPS}
    data = values["data"]
    data["cross_border"] = effective_cross_border(data["data_location"], data["cross_border"])
    return values


def freeze(value: Any) -> Any:
    """A read-only deep copy: mappings become MappingProxyType, lists and sets tuples."""
    if isinstance(value, Mapping):
        return MappingProxyType({key: freeze(item) for key, item in value.items()})
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(freeze(item) for item in value)
    return value
