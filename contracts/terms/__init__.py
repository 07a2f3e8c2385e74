"""Terms: every figure a contract states, computed once from a draft's answers. Pure Python."""

from .build import build_terms
from .comparison import Comparison, Offer, Row, compare_offers, tco_over
from .context import (
    VARIABLE_NAMES,
    VARIABLES,
    Variable,
    terms_context,
    variable_catalogue,
    variable_names,
)
from .coverage import Coverage, requirement_coverage
from .data import effective_cross_border, pipl_route
from .dates import add_months, add_working_days, initial_term_end, non_renewal_deadline
from .hints import STEP_GUIDANCE, hints_for
from .identifiers import normalize_uscc, uscc_check_char, uscc_is_valid
from .keydates import KeyDate, acceptance_deadline, key_dates
from .model import (
    Contract,
    CreditTableRow,
    Data,
    Implementation,
    Integration,
    Legal,
    Milestone,
    ModulePrice,
    OneTimeFee,
    OtherModule,
    Parties,
    Pricing,
    Requirement,
    Scope,
    SeverityTarget,
    Sla,
    Term,
    Terms,
    UsageAddon,
)
from .money import capital_cny, round_money, to_decimal
from .pricing import MilestonePayment, VatSplit, YearFee, vat_split
from .risk import GROUPS, RULE_IDS, SEVERITIES, Finding, FindingGroup, RiskReview, risk_review
from .sla import CreditTier, allowed_downtime_minutes
from .text import Text
from .validation import Problem, cross_field_problems, gettext_noop
from .vendors import Stability, terms_vendor_stability, vendor_stability

__all__ = [
    "build_terms",
    "terms_context",
    "VARIABLES",
    "VARIABLE_NAMES",
    "Variable",
    "variable_catalogue",
    "variable_names",
    "cross_field_problems",
    "Problem",
    "gettext_noop",
    "Terms",
    "Contract",
    "Parties",
    "Scope",
    "Implementation",
    "Term",
    "Sla",
    "Pricing",
    "Data",
    "Legal",
    "OtherModule",
    "Integration",
    "Requirement",
    "Milestone",
    "CreditTableRow",
    "SeverityTarget",
    "ModulePrice",
    "UsageAddon",
    "OneTimeFee",
    "CreditTier",
    "YearFee",
    "MilestonePayment",
    "VatSplit",
    "capital_cny",
    "round_money",
    "to_decimal",
    "uscc_is_valid",
    "uscc_check_char",
    "normalize_uscc",
    "add_months",
    "initial_term_end",
    "non_renewal_deadline",
    "allowed_downtime_minutes",
    "vat_split",
    "effective_cross_border",
    "pipl_route",
    # decision aids: risk review, hints, vendor stability, offer comparison, key dates
    "Text",
    "risk_review",
    "RiskReview",
    "Finding",
    "FindingGroup",
    "GROUPS",
    "SEVERITIES",
    "RULE_IDS",
    "hints_for",
    "STEP_GUIDANCE",
    "vendor_stability",
    "terms_vendor_stability",
    "Stability",
    "requirement_coverage",
    "Coverage",
    "compare_offers",
    "Comparison",
    "Offer",
    "Row",
    "tco_over",
    "key_dates",
    "KeyDate",
    "acceptance_deadline",
    "add_working_days",
]
