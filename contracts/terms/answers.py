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

from .bilingual import PARTY_TEXTS
from .data import effective_cross_border, effective_gdpr_transfer
from .model import STEPS
from .money import to_decimal

# Fields and lists asked only when another answer of the same step has one of some values (answers.md
# "if …:"): field → (controller, values). A controller may itself be asked only under a condition. This
# is the one table: the wizard's forms show, hide and require fields by it, and read_step switches off
# what it does not ask. A multi-choice controller holds when any of its values is listed.
ASKED_IF: Mapping[str, Mapping[str, tuple[str, tuple]]] = MappingProxyType(
    {
        "parties": {
            "prevailing_language": ("contract_language", ("bilingual",)),
            "signing_place_en": ("contract_language", ("bilingual",)),
            **{f"{name}_en": ("contract_language", ("bilingual",)) for name in PARTY_TEXTS},
        },
        "scope": {"custom_dev_owner": ("custom_development", (True,))},
        "implementation": {
            **{
                name: ("has_implementation", (True,))
                for name in ("go_live_date", "status_report_frequency", "milestones", "recurring_fees_from")
            },
            **{
                name: ("migrating", (True,))
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
            "renewal_term_months": ("auto_renew", (True,)),
            "non_renewal_notice_days": ("auto_renew", (True,)),
            "convenience_notice_days": ("buyer_convenience_termination", (True,)),
        },
        "sla": {"credit_cap_pct": ("remedy_form", ("fee_credit", "refund"))},
        "pricing": {
            "unit_price_per_seat_year": ("pricing_model", ("per_seat",)),
            "module_prices": ("pricing_model", ("per_module",)),
            **{
                name: ("pricing_model", ("usage_based",))
                for name in (
                    "usage_metric",
                    "usage_metric_en",
                    "included_units",
                    "overage_rate",
                    "estimated_usage_fee_year",
                    "spend_alert_pct",
                )
            },
            **{
                name: ("pricing_model", ("perpetual",))
                for name in ("licence_fee", "maintenance_pct", "hosting_fee_year", "warranty_months")
            },
            "escalation_cap_pct": ("escalation_type", ("fixed", "capped_pct", "cpi_capped")),
            **{
                name: ("invoice_type", ("special_vat", "general_vat"))
                for name in (
                    "buyer_invoice_address_phone",
                    "buyer_invoice_address_phone_en",
                    "buyer_invoice_bank_account",
                    "buyer_invoice_bank_account_en",
                )
            },
        },
        # cross_border is read as terms.data.effective_cross_border: data stored abroad always leaves China.
        "data": {
            **{
                name: ("cross_border", (True,))
                for name in ("cn_individuals_per_year", "cn_sensitive_per_year", "is_ciio")
            },
            # gdpr_transfer is read as terms.data.effective_gdpr_transfer: data stored outside the EU leaves it.
            "gdpr_transfer": ("gdpr_applies", (True,)),
            "gdpr_transfer_mechanism": ("gdpr_transfer", (True,)),
            "eu_affiliates": ("gdpr_applies", (True,)),
        },
        "legal": {
            "arbitration_commission": ("forum", ("arbitration",)),
            "arbitration_commission_other": ("arbitration_commission", ("other",)),
            "arbitration_commission_other_en": ("arbitration_commission", ("other",)),
            "arbitration_seat": ("forum", ("arbitration",)),
            "arbitration_seat_en": ("forum", ("arbitration",)),
            "arbitration_language": ("forum", ("arbitration",)),
            "court_place": ("forum", ("court",)),
            "governing_law_other": ("governing_law", ("other",)),
            "governing_law_other_en": ("governing_law", ("other",)),
            "escrow_agent": ("escrow", ("source_code", "saas_continuity")),
            "escrow_agent_en": ("escrow", ("source_code", "saas_continuity")),
            "escrow_data_refresh_hours": ("escrow", ("saas_continuity",)),
        },
    }
)


# Fields always asked but required only when another answer of the same step has one of some values:
# field → (controller, values). Cross-field rules (terms.validation) refuse them blank by this table, and
# the wizard marks them required by it.
REQUIRED_IF: Mapping[str, Mapping[str, tuple[str, tuple]]] = MappingProxyType(
    {"parties": {"vendor_uscc": ("vendor_is_foreign", (False, None))}}
)


def is_required_by_condition(step: str, name: str, values: Mapping[str, Any]) -> bool:
    """Whether `name`, listed in REQUIRED_IF, is required given its step's (typed) answers."""
    controller, accepted = REQUIRED_IF[step][name]
    return values.get(controller) in accepted


def is_asked(step: str, name: str, values: Mapping[str, Any]) -> bool:
    """Whether field or list `name` of `step` is asked, given that step's (typed) answers."""
    condition = ASKED_IF.get(step, {}).get(name)
    if condition is None:
        return True
    controller, accepted = condition
    if not is_asked(step, controller, values):
        return False
    value = values.get(controller)
    if isinstance(value, list | tuple):
        return any(v in accepted for v in value)
    return value in accepted


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
    if step == "data":
        values["cross_border"] = effective_cross_border(values["data_location"], values["cross_border"])
        values["gdpr_transfer"] = effective_gdpr_transfer(values["data_location"], values["gdpr_transfer"])
    for name in ASKED_IF.get(step, {}):
        if not is_asked(step, name, values):
            values[name] = None
    return values


def read_answers(answers: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Every step's answers, coerced and with conditions applied."""
    return {step: read_step(step, step_class, answers) for step, step_class in STEPS}


def freeze(value: Any) -> Any:
    """A read-only deep copy: mappings become MappingProxyType, lists and sets tuples."""
    if isinstance(value, Mapping):
        return MappingProxyType({key: freeze(item) for key, item in value.items()})
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(freeze(item) for item in value)
    return value
