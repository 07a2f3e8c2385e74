"""Cross-field rules of answers.md, each reported on the field at fault.

Single-field checks (type, range, length, required) are the wizard forms' job; these are the rules
that need more than one field. Messages are English with %(name)s placeholders, marked for
translation without importing Django.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .answers import is_required_by_condition, read_answers
from .data import adequacy_excluded
from .identifiers import uscc_is_valid
from .money import ZERO, dec_or_zero


def gettext_noop(message: str) -> str:
    """Marks a message for makemessages; Django translates it where it is shown."""
    return message


# The years a contract's dates may fall in: a contract signed and run this century. A year outside them
# is a typo (20270, 9999) and would overflow the term arithmetic (a renewal after 9999 is year 10000).
MIN_YEAR = 2000
MAX_YEAR = 2100
DATE_OUT_OF_RANGE = gettext_noop("Enter a date from %(min)s to %(max)s.")


def date_in_range(day: date) -> bool:
    return MIN_YEAR <= day.year <= MAX_YEAR


def date_range_params() -> dict[str, str]:
    return {"min": date(MIN_YEAR, 1, 1).isoformat(), "max": date(MAX_YEAR, 12, 31).isoformat()}


@dataclass(frozen=True)
class Problem:
    step: str
    field: str
    message: str  # English, with %(name)s placeholders filled from params
    params: dict[str, Any] = field(default_factory=dict)
    # The same conflict told at its other end, in another step: a wizard step that changes that
    # field is stopped there, instead of saving and leaving the problem to an untouched step.
    other: Problem | None = None
    plural: str | None = None  # the message for a count (params["num"]) other than one

    def text(self) -> str:
        """The untranslated message with its parameters filled in."""
        message = self.plural if self.plural and self.params["num"] != 1 else self.message
        return message % self.params if self.params else message


def cross_field_problems(answers: Mapping[str, Any]) -> list[Problem]:
    values = read_answers(answers)
    problems: list[Problem] = []
    for rule in (
        _modules,
        _milestones,
        _credit_table,
        _forum,
        _governing_law,
        _court_place,
        _dates,
        _codes,
        _price,
        _cross_border_counts,
        _gdpr_transfer,
    ):
        problems.extend(rule(values))
    return problems


def _modules(v: Mapping[str, Mapping[str, Any]]) -> list[Problem]:
    if v["scope"]["modules"]:
        return []
    return [Problem("scope", "modules", gettext_noop("Choose at least one module."))]


def _milestones(v: Mapping[str, Mapping[str, Any]]) -> list[Problem]:
    implementation = v["implementation"]
    if v["pricing"]["payment_schedule"] != "milestones" or not implementation["has_implementation"]:
        return []
    milestones = implementation["milestones"] or ()
    if not milestones:
        return [
            Problem(
                "implementation",
                "milestones",
                gettext_noop("Add the milestones: the fees are paid by milestones."),
            )
        ]
    total = sum((dec_or_zero(m.payment_pct) for m in milestones), ZERO)
    if total != 100:
        return [
            Problem(
                "implementation",
                "milestones",
                gettext_noop(
                    "The milestone payments add up to %(total)s%%; when paying by milestones they must add up to 100%%."
                ),
                {"total": total},
            )
        ]
    return []


def _credit_table(v: Mapping[str, Mapping[str, Any]]) -> list[Problem]:
    sla = v["sla"]
    tiers = sla["credit_table"] or ()
    problems = []
    target = sla["availability_target_pct"]
    if tiers and target is not None and tiers[0].below_pct is not None and tiers[0].below_pct != target:
        problems.append(
            Problem(
                "sla",
                "credit_table",
                gettext_noop("The first credit tier must start at the availability target, %(target)s%%."),
                {"target": target},
            )
        )
    for row, (upper, lower) in enumerate(zip(tiers, tiers[1:], strict=False), start=2):
        if upper.below_pct is not None and lower.below_pct is not None and lower.below_pct >= upper.below_pct:
            problems.append(
                Problem(
                    "sla",
                    "credit_table",
                    gettext_noop("Credit tier %(row)s must apply below a lower availability than the tier above it."),
                    {"row": row},
                )
            )
            break
    for row, (upper, lower) in enumerate(zip(tiers, tiers[1:], strict=False), start=2):
        if upper.credit is not None and lower.credit is not None and lower.credit < upper.credit:
            problems.append(
                Problem(
                    "sla",
                    "credit_table",
                    gettext_noop("The credit of tier %(row)s must be at least the credit of the tier above it."),
                    {"row": row},
                )
            )
            break
    if sla["remedy_form"] == "term_extension":
        # days stand in for a share of the month's fee: more days than a month has outweighs a whole
        # month's fee, a penalty a court may cut back (Civil Code art. 585)
        for row, tier in enumerate(tiers, start=1):
            if tier.credit is not None and tier.credit > MAX_EXTENSION_DAYS:
                problems.append(
                    Problem(
                        "sla",
                        "credit_table",
                        gettext_noop(
                            "Tier %(row)s adds %(days)s days for one month missed: a term extension counts days, at most "
                            "%(max)s (a whole month), e.g. 3, 7 and 15 days."
                        ),
                        {"row": row, "days": f"{tier.credit:g}", "max": MAX_EXTENSION_DAYS},
                    )
                )
                break
    return problems


MAX_EXTENSION_DAYS = 31


def _forum(v: Mapping[str, Mapping[str, Any]]) -> list[Problem]:
    legal = v["legal"]
    if legal["forum"] != "arbitration":
        return []
    if not legal["arbitration_commission"]:
        return [
            Problem(
                "legal",
                "arbitration_commission",
                gettext_noop("Name the arbitration commission: an arbitration agreement without one is invalid."),
            )
        ]
    if legal["arbitration_commission"] == "other" and not (legal["arbitration_commission_other"] or "").strip():
        return [
            Problem(
                "legal",
                "arbitration_commission_other",
                gettext_noop("Enter the name of the arbitration commission."),
            )
        ]
    return []


def _governing_law(v: Mapping[str, Mapping[str, Any]]) -> list[Problem]:
    legal = v["legal"]
    if legal["governing_law"] != "other":
        return []
    if not v["parties"]["vendor_is_foreign"]:
        return [
            Problem(
                "legal",
                "governing_law",
                gettext_noop("A foreign governing law can only be chosen when the vendor is foreign."),
            )
        ]
    if not (legal["governing_law_other"] or "").strip():
        return [Problem("legal", "governing_law_other", gettext_noop("Enter the governing law."))]
    return []


def _court_place(v: Mapping[str, Mapping[str, Any]]) -> list[Problem]:
    legal = v["legal"]
    if not (
        legal["forum"] == "court" and legal["court_place"] == "vendor_domicile" and v["parties"]["vendor_is_foreign"]
    ):
        return []
    return [
        Problem(
            "legal",
            "court_place",
            gettext_noop(
                "The vendor is foreign: no people's court sits at its domicile. Choose the "
                "buyer's domicile or another place in China, or arbitration."
            ),
        )
    ]


def _dates(v: Mapping[str, Mapping[str, Any]]) -> list[Problem]:
    start = v["term"]["start_date"]
    if start is None:
        return []
    problems = []
    implementation = v["implementation"]
    go_live = implementation["go_live_date"]
    if go_live is not None and go_live <= start:
        problems.append(
            Problem(
                "implementation",
                "go_live_date",
                gettext_noop("The go-live date must be after the start date, %(start_date)s."),
                {"start_date": start},
                other=Problem(
                    "term",
                    "start_date",
                    gettext_noop(
                        "The start date must be before the go-live date, %(go_live_date)s (implementation step)."
                    ),
                    {"go_live_date": go_live},
                ),
            )
        )
    for row, milestone in enumerate(implementation["milestones"] or (), start=1):
        if milestone.due_date is not None and milestone.due_date < start:
            problems.append(
                Problem(
                    "implementation",
                    "milestones",
                    gettext_noop("Milestone %(row)s is due before the start date, %(start_date)s."),
                    {"row": row, "start_date": start},
                    other=Problem(
                        "term",
                        "start_date",
                        gettext_noop(
                            "Milestone %(row)s is due on %(due_date)s, before this start date (implementation step)."
                        ),
                        {"row": row, "due_date": milestone.due_date},
                    ),
                )
            )
            break
    effective = v["parties"]["effective_date"]
    if effective is not None and effective > start:
        problems.append(
            Problem(
                "parties",
                "effective_date",
                gettext_noop("The effective date must not be after the start date, %(start_date)s."),
                {"start_date": start},
                other=Problem(
                    "term",
                    "start_date",
                    gettext_noop(
                        "The start date must not be before the effective date, %(effective_date)s (parties step)."
                    ),
                    {"effective_date": effective},
                ),
            )
        )
    return problems


_REQUIRED_CODE = gettext_noop("Enter the unified social credit code.")
INVALID_CODE = gettext_noop(
    "“%(code)s” is not a valid unified social credit code: check all 18 characters against the business licence "
    "(the last one is a check character)."
)


def _code_problem(field_name: str, code: str | None) -> list[Problem]:
    if not (code or "").strip():
        return [Problem("parties", field_name, _REQUIRED_CODE)]
    if not uscc_is_valid(code):
        return [Problem("parties", field_name, INVALID_CODE, {"code": code})]
    return []


def _codes(v: Mapping[str, Mapping[str, Any]]) -> list[Problem]:
    parties = v["parties"]
    problems = _code_problem("buyer_uscc", parties["buyer_uscc"])
    if is_required_by_condition("parties", "vendor_uscc", parties):
        problems += _code_problem("vendor_uscc", parties["vendor_uscc"])
    return problems


_PRICE_FIELD = {
    "per_seat": ("unit_price_per_seat_year", gettext_noop("Enter the price per user per year.")),
    "per_module": ("module_prices", gettext_noop("Add at least one module price.")),
    "usage_based": (
        "estimated_usage_fee_year",
        gettext_noop("Enter the estimated usage fee per year."),
    ),
    "perpetual": ("licence_fee", gettext_noop("Enter the licence fee.")),
}


def _price(v: Mapping[str, Mapping[str, Any]]) -> list[Problem]:
    model = v["pricing"]["pricing_model"]
    if model not in _PRICE_FIELD:
        return []
    field_name, message = _PRICE_FIELD[model]
    value = v["pricing"][field_name]
    if value is None or value == ():
        return [Problem("pricing", field_name, message)]
    return []


def _cross_border_counts(v: Mapping[str, Mapping[str, Any]]) -> list[Problem]:
    """The individuals with sensitive data are some of the individuals whose data leaves China; the
    PIPL route (standard contract, certification or security assessment) is chosen from both counts."""
    data = v["data"]
    total, sensitive = data["cn_individuals_per_year"], data["cn_sensitive_per_year"]
    if sensitive == 0 and data["sensitive_pi"] and data["personal_info"] and data["data_location"] != "mainland_cn":
        # stored abroad, the sensitive information leaves China with the rest; counted as none, the
        # contract would name the wrong PIPL route from 10,000 individuals on
        return [
            Problem(
                "data",
                "cn_sensitive_per_year",
                gettext_noop(
                    "The data is stored outside mainland China and includes sensitive personal information, so that "
                    "information leaves China too: enter the number of individuals it concerns."
                ),
            )
        ]
    if total is None or sensitive is None or sensitive <= total:
        return []
    return [
        Problem(
            "data",
            "cn_sensitive_per_year",
            gettext_noop(
                "These individuals are among the %(total)s individuals whose data leaves China: "
                "the number cannot be larger."
            ),
            {"total": f"{total:,}"},
        )
    ]


def _gdpr_transfer(v: Mapping[str, Mapping[str, Any]]) -> list[Problem]:
    """The European Commission has made no adequacy decision for mainland China (GDPR art. 45)."""
    data = v["data"]
    if data["gdpr_transfer_mechanism"] != "adequacy":
        return []
    parties = v["parties"]
    if not adequacy_excluded(
        data["data_location"], vendor_is_foreign=parties["vendor_is_foreign"], vendor_country=parties["vendor_country"]
    ):
        return []
    message = gettext_noop("No adequacy decision covers mainland China: choose the Standard Contractual Clauses.")
    return [Problem("data", "gdpr_transfer_mechanism", message)]
