"""The rules of each answer on its own: its kind, whether it is required, its choices, range, length and
decimal places, its pre-filled value. Declared once, here: the answers validator (terms.checks) reads
them, and the wizard's forms build their fields from them.

Labels and help texts are the wizard's (they are page text); the codes of a choice are the document's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from .answers import ASKED_IF
from .validation import gettext_noop

STR_MAX = 200
TEXT_MAX = 4000
USCC_MAX = 18
MONEY_MAX = Decimal("999999999999.99")  # what a JSON number and a contract table can carry
INT_MAX = 2_000_000_000  # no count the wizard asks for comes near it; a typo of 23 digits does

# Messages in the buyer's terms; Django's own wording for some of these is technical ("no more than 6
# digits in total", and its Chinese says 变量, variable).
REQUIRED = gettext_noop("This field is required.")
TOO_LONG = gettext_noop("Enter at most %(limit_value)d characters (this has %(show_value)d).")
NOT_WHOLE = gettext_noop("Enter a whole number.")
NOT_A_NUMBER = gettext_noop("Enter a number.")
NOT_A_DATE = gettext_noop("Enter a valid date.")
NOT_A_CHOICE = gettext_noop("Select a valid choice. %(value)s is not one of the available choices.")
NOT_A_DECIMAL_CHOICE = gettext_noop("Select a valid choice.")
NOT_A_LIST = gettext_noop("Enter a list of values.")
NULL_CHARACTERS = gettext_noop("Null characters are not allowed.")
RANGE_BOTH = gettext_noop("Enter a number from %(min)s to %(max)s.")
RANGE_MIN = gettext_noop("Enter a number of at least %(min)s.")
RANGE_MAX = gettext_noop("Enter a number of at most %(max)s.")
PLACES_PCT = gettext_noop("Enter at most 3 decimal places.")
PLACES_MONEY = gettext_noop("Enter the amount to the cent: at most 2 decimal places.")
PLACES_CREDIT = gettext_noop("Enter at most 2 decimal places.")
EMAIL_INVALID = gettext_noop("Enter a valid email address, such as name@example.com.")
COUNTRY_INVALID = gettext_noop("Choose the country from the list.")
MODULES_REQUIRED = gettext_noop("Choose at least one module.")
DIRECTION_CONTROLS = gettext_noop(
    "Remove the invisible text-direction characters: they would make the printed text read "
    "differently from what was typed."
)
CONTROL_CHARACTERS = gettext_noop("Remove the invisible control characters from this text (they cannot be printed).")
LONE_SURROGATE = gettext_noop(
    "Remove the broken character from this text (half of an emoji or other character copied apart)."
)
TOO_MANY_ROWS = (
    gettext_noop("Please submit at most %(num)d form."),
    gettext_noop("Please submit at most %(num)d forms."),
)
TOO_FEW_ROWS = (
    gettext_noop("Please submit at least %(num)d form."),
    gettext_noop("Please submit at least %(num)d forms."),
)

# Kinds: str (one line), text (several lines), uscc (a unified social credit code), email, int, dec (a
# decimal number), decchoice (a choice among decimal values), bool, date, choice, multi, country.
TEXT_KINDS = frozenset({"str", "text", "uscc"})


@dataclass(frozen=True)
class Rule:
    kind: str
    required: bool = False
    initial: Any = None  # what the wizard pre-fills, and what an answers document lacking the field means
    min: Any = None
    max: Any = None
    max_length: int | None = None
    places: int | None = None  # decimal places at most
    places_message: str | None = None
    choices: tuple[str, ...] = ()
    required_message: str = REQUIRED
    required_if_asked: bool = False  # asked under a condition (terms.answers.ASKED_IF): then required

    @property
    def blank_choice(self) -> bool:
        """Whether a choice may be left blank: a choice that is not required has an empty option."""
        return self.kind == "choice" and not self.required


def Str(*, required: bool = False, max_length: int = STR_MAX) -> Rule:
    return Rule("str", required=required, max_length=max_length)


def Text(*, required: bool = False) -> Rule:
    return Rule("text", required=required, max_length=TEXT_MAX)


def Uscc(*, required: bool = False) -> Rule:
    return Rule("uscc", required=required, max_length=USCC_MAX)


def Email() -> Rule:
    return Rule("email", max_length=STR_MAX)


def Int(*, initial: int | None = None, min: int = 0, max: int = INT_MAX, required: bool | None = None) -> Rule:
    return Rule(
        "int", required=initial is not None if required is None else required, initial=initial, min=min, max=max
    )


def Pct(*, initial: str | None = None, min: str = "0", max: str = "100", required: bool | None = None) -> Rule:
    return Rule(
        "dec",
        required=initial is not None if required is None else required,
        initial=None if initial is None else Decimal(initial),
        min=Decimal(min),
        max=Decimal(max),
        places=3,  # the range bounds the whole digits
        places_message=PLACES_PCT,
    )


def Money(*, initial: str | None = None, required: bool = False) -> Rule:
    return Rule(
        "dec",
        required=required,
        initial=None if initial is None else Decimal(initial),
        min=Decimal("0"),
        max=MONEY_MAX,
        places=2,
        places_message=PLACES_MONEY,
    )


def Bool(*, initial: bool = False) -> Rule:
    return Rule("bool", initial=initial)


def Date(*, required: bool = False) -> Rule:
    return Rule("date", required=required)


def Choice(choices: tuple[str, ...], *, initial: str | None = None, required: bool | None = None) -> Rule:
    return Rule(
        "choice", required=initial is not None if required is None else required, initial=initial, choices=choices
    )


def Multi(choices: tuple[str, ...], *, initial: tuple[str, ...] = (), required: bool = False, **kwargs) -> Rule:
    return Rule("multi", required=required, initial=list(initial), choices=choices, **kwargs)


def Country(*, initial: str | None = None) -> Rule:
    return Rule("country", required=True, initial=initial)


def DecChoice(choices: tuple[str, ...], *, initial: str) -> Rule:
    return Rule("decchoice", required=True, initial=initial, choices=choices)


@dataclass(frozen=True)
class ListRule:
    """A list answer: its rows' fields, how many rows it takes, and the rows the wizard pre-fills."""

    rows: Mapping[str, Rule]
    max_rows: int
    min_rows: int = 0
    initial: tuple[Mapping[str, Any], ...] = ()


LANGUAGES = ("zh", "en")
CONTRACT_LANGUAGES = ("zh", "en", "bilingual")
EXECUTIONS = ("seal", "signature")
VENDOR_CERTIFICATIONS = ("iso27001", "iso27701", "mlps_level2", "mlps_level3", "soc2")
MODULES = (
    "contacts",
    "leads_opportunities",
    "quotes_orders",
    "marketing",
    "service_tickets",
    "analytics",
    "mobile",
    "api",
)
CURRENCIES = ("CNY", "USD", "EUR")
AVAILABILITY_TARGETS = ("99.0", "99.5", "99.9", "99.95", "99.99")
SEVERITY_LEVELS = ("P1", "P2", "P3", "P4")
PRICING_MODELS = ("per_seat", "per_module", "usage_based", "perpetual")

DEFAULT_CREDIT_TABLE = (
    {"below_pct": Decimal("99.9"), "credit": Decimal("25")},
    {"below_pct": Decimal("99.0"), "credit": Decimal("50")},
    {"below_pct": Decimal("95.0"), "credit": Decimal("100")},
)
DEFAULT_SEVERITY_TARGETS = (
    {"level": "P1", "response_minutes": 30, "resolution_hours": 4},
    {"level": "P2", "response_minutes": 120, "resolution_hours": 12},
    {"level": "P3", "response_minutes": 480, "resolution_hours": 56},
    {"level": "P4", "response_minutes": 960, "resolution_hours": 0},
)

_FIELDS: dict[str, dict[str, Rule]] = {
    "parties": {
        "buyer_name": Str(required=True),
        "buyer_name_en": Str(),
        "buyer_uscc": Uscc(required=True),
        "buyer_address": Str(),
        "buyer_address_en": Str(),
        "buyer_representative": Str(),
        "buyer_representative_en": Str(),
        "buyer_contact_name": Str(),
        "buyer_contact_name_en": Str(),
        "buyer_contact_email": Email(),
        "buyer_contact_phone": Str(),
        "vendor_name": Str(required=True),
        "vendor_name_en": Str(),
        "vendor_is_foreign": Bool(),
        "vendor_uscc": Uscc(),  # checked unless the vendor is foreign (terms.answers.REQUIRED_IF)
        "vendor_country": Country(initial="CN"),
        "vendor_address": Str(),
        "vendor_address_en": Str(),
        "vendor_representative": Str(),
        "vendor_representative_en": Str(),
        "vendor_contact_name": Str(),
        "vendor_contact_name_en": Str(),
        "vendor_contact_email": Email(),
        "vendor_contact_phone": Str(),
        "vendor_years_in_business": Int(min=0, max=200),
        "vendor_customer_count": Int(min=0),
        "vendor_certifications": Multi(VENDOR_CERTIFICATIONS),
        "contract_language": Choice(CONTRACT_LANGUAGES, initial="zh"),
        "prevailing_language": Choice(LANGUAGES, initial="zh", required=False),
        "signing_place": Str(),
        "signing_place_en": Str(),
        "effective_date": Date(),
        "buyer_execution": Choice(EXECUTIONS, initial="seal"),
        "vendor_execution": Choice(EXECUTIONS, required=False),
    },
    "scope": {
        "deployment": Choice(("saas", "private_cloud", "on_premise"), initial="saas"),
        "modules": Multi(MODULES, required=True, required_message=MODULES_REQUIRED),
        "edition": Str(),
        "edition_en": Str(),
        "seat_count": Int(initial=50, min=1, max=100000),
        "affiliates_may_use": Bool(),
        "environments": Multi(("production", "sandbox"), initial=("production",), required=True),
        "no_material_reduction": Bool(initial=True),
        "custom_development": Bool(),
        "custom_dev_owner": Choice(("buyer", "vendor_with_licence"), initial="buyer", required=False),
    },
    "implementation": {
        "has_implementation": Bool(initial=True),
        "go_live_date": Date(),
        "recurring_fees_from": Choice(("acceptance", "go_live"), initial="acceptance", required=False),
        "status_report_frequency": Choice(("weekly", "biweekly", "monthly"), initial="weekly", required=False),
        "migrating": Bool(),
        "migration_source": Choice(("spreadsheet", "legacy_crm", "other_saas"), required=False),
        "record_count": Int(min=0),
        "migration_owner": Choice(("vendor", "buyer", "joint"), initial="vendor", required=False),
        "migration_method": Choice(("csv_import", "api", "etl"), required=False),
        "reconciliation_threshold_pct": Pct(initial="99.5", min="95", required=False),
        "parallel_run_days": Int(initial=30, max=90, required=False),
        "data_loss_remedy": Choice(
            ("remigrate_at_vendor_cost", "remigrate_plus_damages"), initial="remigrate_plus_damages", required=False
        ),
        "acceptance_days": Int(initial=10, min=5, max=30),
        "retest_cycles": Int(initial=2, min=1, max=3),
        "deemed_acceptance": Bool(),
    },
    "term": {
        "start_date": Date(required=True),
        "initial_term_months": Int(initial=12, min=1, max=60),
        "auto_renew": Bool(initial=True),
        "renewal_term_months": Int(initial=12, min=1, max=36, required=False),
        "non_renewal_notice_days": Int(initial=30, min=15, max=180, required=False),
        "cure_days": Int(initial=30, min=10, max=60),
        "buyer_convenience_termination": Bool(initial=True),
        "convenience_notice_days": Int(initial=30, min=0, max=180, required=False),
    },
    "sla": {
        "availability_target_pct": DecChoice(AVAILABILITY_TARGETS, initial="99.9"),
        "remedy_form": Choice(("fee_credit", "term_extension", "refund"), initial="fee_credit"),
        "credit_claim_days": Int(initial=30, min=7, max=60),
        "credit_cap_pct": Pct(initial="100", required=False),
        "credits_exclusive_remedy": Bool(),
        "chronic_failure_consecutive_months": Int(initial=2, min=1, max=12),
        "chronic_failure_months_in_12": Int(initial=3, min=1, max=12),
        "maintenance_notice_days": Int(initial=5, min=2, max=14),
        "maintenance_max_hours_month": Int(initial=4, min=0, max=12),
        "support_hours": Choice(("5x8", "7x24", "5x8_with_p1_7x24"), initial="5x8_with_p1_7x24"),
        "support_language": Choice(("zh", "en", "zh_en"), initial="zh"),
        "rpo_hours": Int(initial=24, min=0, max=24),
        "rto_hours": Int(initial=8, min=1, max=72),
        "backup_frequency": Choice(("hourly", "daily", "weekly"), initial="daily"),
        "backup_retention_days": Int(initial=30, min=7, max=365),
        "upgrades_included": Bool(initial=True),
        "change_notice_days": Int(initial=30, min=0, max=90),
    },
    "pricing": {
        "currency": Choice(CURRENCIES, initial="CNY"),
        "pricing_model": Choice(PRICING_MODELS, initial="per_seat"),
        "unit_price_per_seat_year": Money(),
        "usage_metric": Str(),
        "usage_metric_en": Str(),
        "included_units": Int(min=0),
        "overage_rate": Money(),
        "estimated_usage_fee_year": Money(),
        "spend_alert_pct": Pct(initial="80", required=False),
        "licence_fee": Money(),
        "maintenance_pct": Pct(initial="20", min="8", max="25", required=False),
        "hosting_fee_year": Money(initial="0"),
        "warranty_months": Int(initial=12, max=12, required=False),
        "tax_inclusive": Bool(initial=True),
        "vat_rate_pct": Pct(initial="6", max="20"),
        "invoice_type": Choice(("special_vat", "general_vat", "commercial_invoice"), initial="special_vat"),
        "buyer_invoice_address_phone": Str(),
        "buyer_invoice_address_phone_en": Str(),
        "buyer_invoice_bank_account": Str(),
        "buyer_invoice_bank_account_en": Str(),
        "gross_up": Bool(),
        "withholding_eit_pct": Pct(initial="10", max="10"),
        "payment_schedule": Choice(("annual_advance", "quarterly", "monthly", "milestones"), initial="annual_advance"),
        "payment_terms_days": Int(initial=30, max=90),
        "late_interest_pct_month": Pct(initial="0.5", max="1.5"),
        "vendor_bank_name": Str(),
        "vendor_bank_name_en": Str(),
        "vendor_bank_account": Str(),
        "escalation_type": Choice(("none", "fixed", "capped_pct", "cpi_capped"), initial="capped_pct"),
        "escalation_cap_pct": Pct(initial="5", max="10", required=False),
        "price_lock_months": Int(initial=12, max=120),
        "tco_years": Int(initial=3, min=1, max=10, required=False),  # blank: 5 for a perpetual licence, else 3
    },
    "data": {
        "data_location": Choice(("mainland_cn", "eu", "us", "other"), initial="mainland_cn"),
        "personal_info": Bool(initial=True),
        "sensitive_pi": Bool(),
        "cross_border": Bool(),  # always true when the data is stored abroad (terms.data)
        "cn_individuals_per_year": Int(min=0),
        "cn_sensitive_per_year": Int(min=0),
        "is_ciio": Bool(),
        "gdpr_applies": Bool(),
        "gdpr_transfer": Bool(),  # always true when the data is stored outside the EU (terms.data)
        "gdpr_transfer_mechanism": Choice(("scc_module_2", "scc_module_3", "adequacy"), initial="scc_module_2"),
        "breach_notice_hours": Int(initial=24, min=1, max=72),
        "security_certifications_required": Multi(("iso27001", "mlps_level3", "soc2")),
        "certification_deadline": Date(),
        "audit_rights": Bool(initial=True),
        "subprocessor_notice_days": Int(initial=30, max=180),
        "confidentiality_years": Int(initial=5, min=2, max=10),
        "export_formats": Multi(("csv", "json", "xml"), initial=("csv", "json")),
        "export_on_request_days": Int(initial=7, min=1, max=30),
        "post_term_access_days": Int(initial=30, min=30, max=90),
        "deletion_days": Int(initial=60, min=1, max=60),
        "deletion_certificate": Bool(initial=True),
    },
    "legal": {
        "liability_cap_months": Int(initial=12, min=12, max=36),
        "data_breach_supercap_multiple": Int(initial=3, min=1, max=5),
        "ip_indemnity_uncapped": Bool(initial=True),
        "delay_ld_pct_per_day": Pct(initial="0.1", min="0.05", max="0.3"),
        "ld_total_cap_pct": Pct(initial="10", min="5", max="20"),
        "escrow": Choice(("none", "source_code", "saas_continuity"), initial="none"),
        "escrow_agent": Str(),
        "escrow_agent_en": Str(),
        "escrow_data_refresh_hours": Int(initial=24, min=1, max=168, required=False),  # blank: daily
        "change_of_control_notice": Bool(initial=True),
        "transition_assistance_days": Int(initial=60, max=180),
        "negotiation_days": Int(initial=30, max=90),
        "forum": Choice(("arbitration", "court"), initial="court"),
        "arbitration_commission": Choice(("CIETAC", "SHIAC", "BAC", "SCIA", "other"), required=False),
        "arbitration_commission_other": Str(),
        "arbitration_commission_other_en": Str(),
        "arbitration_seat": Str(),
        "arbitration_seat_en": Str(),
        "arbitration_language": Choice(LANGUAGES, initial="zh", required=False),
        "court_place": Choice(
            ("buyer_domicile", "vendor_domicile", "signing_place", "performance_place"),
            initial="buyer_domicile",
            required=False,
        ),
        "governing_law": Choice(("PRC", "other"), initial="PRC"),
        "governing_law_other": Str(),
        "governing_law_other_en": Str(),
    },
}

# Asked under a condition and then required (the rest of the conditional fields may stay blank).
_REQUIRED_IF_ASKED = {
    "parties": {"prevailing_language"},
    "scope": {"custom_dev_owner"},
    "implementation": {
        "go_live_date",
        "status_report_frequency",
        "migration_owner",
        "reconciliation_threshold_pct",
        "parallel_run_days",
        "data_loss_remedy",
    },
    "term": set(ASKED_IF["term"]),
    "sla": set(ASKED_IF["sla"]),
    "pricing": {
        "unit_price_per_seat_year",
        "usage_metric",
        "estimated_usage_fee_year",
        "spend_alert_pct",
        "licence_fee",
        "maintenance_pct",
        "hosting_fee_year",
        "escalation_cap_pct",
    },
    "data": {"cn_individuals_per_year", "cn_sensitive_per_year"},
    "legal": {
        "arbitration_commission",
        "arbitration_commission_other",
        "arbitration_language",
        "court_place",
        "governing_law_other",
    },
}

_LISTS: dict[str, dict[str, ListRule]] = {
    "scope": {
        "other_modules": ListRule(
            {"name": Str(required=True), "name_en": Str(), "description": Text(), "description_en": Text()},
            max_rows=50,
        ),
        "integrations": ListRule(
            {
                "system": Str(required=True),
                "system_en": Str(),
                "direction": Choice(("inbound", "outbound", "both"), initial="both"),
                "description": Text(),
                "description_en": Text(),
            },
            max_rows=50,
        ),
        "requirements": ListRule(
            {
                "id": Str(required=True, max_length=20),
                "text": Text(required=True),
                "text_en": Text(),
                "priority": Choice(("must", "should"), initial="must"),
                "acceptance_test": Text(),
                "acceptance_test_en": Text(),
                "needs_modules": Multi(MODULES),
            },
            max_rows=200,
        ),
    },
    "implementation": {
        "milestones": ListRule(
            {
                "name": Str(required=True),
                "name_en": Str(),
                "due_date": Date(required=True),
                "payment_pct": Pct(required=False),
            },
            max_rows=30,
        ),
    },
    "sla": {
        "credit_table": ListRule(
            {
                "below_pct": Pct(required=True),
                # % of the monthly fee, or days of a term extension: no upper bound of its own
                "credit": Rule(
                    "dec",
                    required=True,
                    min=Decimal("0"),
                    max=Decimal("99999.99"),
                    places=2,
                    places_message=PLACES_CREDIT,
                ),
            },
            max_rows=10,
            min_rows=1,
            initial=DEFAULT_CREDIT_TABLE,
        ),
        "severity_targets": ListRule(
            {
                "level": Choice(SEVERITY_LEVELS, required=True),
                "response_minutes": Int(min=1, max=10080, required=True),
                "resolution_hours": Int(min=0, max=8760, required=True),
            },
            max_rows=4,
            min_rows=4,
            initial=DEFAULT_SEVERITY_TARGETS,
        ),
    },
    "pricing": {
        "module_prices": ListRule(
            {
                "module": Str(required=True),
                "module_en": Str(),
                "quantity": Int(min=1, max=100000, required=True),
                "unit_price_year": Money(required=True),
            },
            max_rows=50,
        ),
        "usage_addons": ListRule(
            {
                "name": Str(required=True),
                "name_en": Str(),
                "estimated_fee_year": Money(required=True),
                "alert_pct": Pct(required=False),
            },
            max_rows=20,
        ),
        "one_time_fees": ListRule(
            {"name": Str(required=True), "name_en": Str(), "amount": Money(required=True)}, max_rows=30
        ),
    },
    "data": {
        "eu_affiliates": ListRule(
            {"name": Str(required=True), "name_en": Str(), "country": Country()},
            max_rows=50,
        ),
    },
}

FIELDS: Mapping[str, Mapping[str, Rule]] = MappingProxyType(
    {
        step: MappingProxyType(
            {
                name: replace(rule, required_if_asked=True) if name in _REQUIRED_IF_ASKED.get(step, ()) else rule
                for name, rule in rules.items()
            }
        )
        for step, rules in _FIELDS.items()
    }
)
LISTS: Mapping[str, Mapping[str, ListRule]] = MappingProxyType(
    {step: MappingProxyType(_LISTS.get(step, {})) for step in _FIELDS}
)
STEP_KEYS: tuple[str, ...] = tuple(_FIELDS)
