"""The answer matrix: answers documents that switch every condition of the library on and off.

`library_conditions(library)` collects each clause and section condition and each `{% if %}` test in
the texts; `condition_paths` names the variables they read; `answer_matrix(base, library)` gives, for
each of those variables, the documents that set it to every value that matters (each variant a valid
document: a value that needs companion answers brings them). A variable the matrix does not know how
to vary is reported by `unvaried_paths`, so a new condition cannot slip past the tests.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jinja2 import nodes

from contracts.clauses.engine import CONTEXT_ROOTS, ENVIRONMENTS
from contracts.clauses.samples import ALL_OPTIONS_PATCH, PERPETUAL_PATCH, patched
from contracts.clauses.spec import SectionSpec

IF_TEST = re.compile(r"\{%-?\s*(?:el)?if\s+(.*?)\s*[-+]?%\}", re.S)

MIGRATION = {
    "migrating": True,
    "migration_source": "legacy_crm",
    "record_count": 250000,
    "migration_owner": "vendor",
    "migration_method": "etl",
    "reconciliation_threshold_pct": "99.5",
    "parallel_run_days": 30,
    "data_loss_remedy": "remigrate_plus_damages",
}
ARBITRATION = {
    "forum": "arbitration",
    "court_place": None,
    "arbitration_commission": "CIETAC",
    "arbitration_seat": "Beijing",
    "arbitration_language": "zh",
}
ABROAD = {
    "data_location": "eu",
    "cross_border": True,
    "cn_individuals_per_year": 150000,
    "cn_sensitive_per_year": 0,
    "is_ciio": False,
}
NO_IMPLEMENTATION = {
    "has_implementation": False,
    "go_live_date": None,
    "status_report_frequency": None,
    "milestones": [],
}
EXTENSION_TABLE = [
    {"below_pct": "99.9", "credit": "3"},
    {"below_pct": "99", "credit": "7"},
    {"below_pct": "95", "credit": "15"},
]
PERPETUAL = {
    "pricing_model": "perpetual",
    "unit_price_per_seat_year": None,
    "licence_fee": "300000",
    "maintenance_pct": "20",
    "hosting_fee_year": "12000",
    "tco_years": 5,
}


def _v(step: str, **fields) -> dict:
    return {step: fields}


def _choices(step: str, field: str, values, **companions) -> list[tuple[str, dict]]:
    return [(f"{step}.{field}={value}", {step: {field: value, **companions}}) for value in values]


# answer path → the variants that set it to each value a condition distinguishes
VARIANTS: dict[str, list[tuple[str, dict]]] = {
    "scope.affiliates_may_use": [("affiliates", _v("scope", affiliates_may_use=True))],
    "legal.escrow": _choices("legal", "escrow", ["source_code", "saas_continuity"]),
    "implementation.migrating": [("migrating", _v("implementation", **MIGRATION))],
    "implementation.record_count": [
        ("migrating, records unknown", _v("implementation", **{**MIGRATION, "record_count": None}))
    ],
    "implementation.migration_owner": [
        (f"migration owner {o}", _v("implementation", **{**MIGRATION, "migration_owner": o}))
        for o in ("buyer", "joint")
    ],
    "implementation.migration_source": [
        (f"migration from {s}", _v("implementation", **{**MIGRATION, "migration_source": s}))
        for s in ("spreadsheet", "other_saas")
    ],
    "implementation.migration_method": [
        (f"migration by {m}", _v("implementation", **{**MIGRATION, "migration_method": m}))
        for m in ("csv_import", "api")
    ],
    "implementation.parallel_run_days": [
        ("no parallel run", _v("implementation", **{**MIGRATION, "parallel_run_days": 0}))
    ],
    "implementation.data_loss_remedy": [
        ("remigrate only", _v("implementation", **{**MIGRATION, "data_loss_remedy": "remigrate_at_vendor_cost"}))
    ],
    "implementation.has_implementation": [("no implementation", _v("implementation", **NO_IMPLEMENTATION))],
    "implementation.go_live_date": [("no implementation", _v("implementation", **NO_IMPLEMENTATION))],
    "implementation.milestones": [("no milestones", _v("implementation", milestones=[]))],
    "implementation.status_report_frequency": _choices(
        "implementation", "status_report_frequency", ["biweekly", "monthly"]
    ),
    "implementation.recurring_fees_from": [
        ("recurring fees from go-live", _v("implementation", recurring_fees_from="go_live"))
    ],
    "implementation.deemed_acceptance": [("deemed acceptance", _v("implementation", deemed_acceptance=True))],
    "pricing.payment_terms_days": [("pay on invoice", _v("pricing", payment_terms_days=0))],
    "scope.deployment": _choices("scope", "deployment", ["private_cloud", "on_premise"]),
    "legal.ip_indemnity_uncapped": [("IP indemnity capped", _v("legal", ip_indemnity_uncapped=False))],
    "data.sensitive_pi": [("sensitive PI", _v("data", sensitive_pi=True))],
    "data.personal_info": [("no personal information", _v("data", personal_info=False, sensitive_pi=False))],
    "term.buyer_convenience_termination": [
        ("no convenience termination", _v("term", buyer_convenience_termination=False, convenience_notice_days=None))
    ],
    "term.convenience_notice_days": [("convenience on no notice", _v("term", convenience_notice_days=0))],
    "term.auto_renew": [
        ("no renewal", _v("term", auto_renew=False, renewal_term_months=None, non_renewal_notice_days=None))
    ],
    "sla.support_hours": _choices("sla", "support_hours", ["5x8", "7x24"]),
    "sla.remedy_form": [
        ("term extension", _v("sla", remedy_form="term_extension", credit_table=EXTENSION_TABLE)),
        ("refund", _v("sla", remedy_form="refund")),
    ],
    "sla.maintenance_max_hours_month": [("no maintenance window", _v("sla", maintenance_max_hours_month=0))],
    "sla.credits_exclusive_remedy": [("credits exclusive", _v("sla", credits_exclusive_remedy=True))],
    "sla.backup_frequency": _choices("sla", "backup_frequency", ["hourly", "weekly"]),
    "sla.upgrades_included": [("upgrades not included", _v("sla", upgrades_included=False))],
    "sla.support_language": _choices("sla", "support_language", ["en", "zh_en"]),
    "scope.integrations": [("no integrations", _v("scope", integrations=[]))],
    "scope.requirements": [("no requirement list", _v("scope", requirements=[]))],
    "scope.other_modules": [("no other modules", _v("scope", other_modules=[]))],
    "scope.modules": [
        ("no mobile module: nothing sensitive", _v("scope", modules=["contacts", "leads_opportunities", "analytics"]))
    ],
    "scope.no_material_reduction": [("functions may be reduced", _v("scope", no_material_reduction=False))],
    "scope.edition": [("no edition", _v("scope", edition="", edition_en=""))],
    "scope.custom_development": [
        ("custom development, buyer owns", _v("scope", custom_development=True, custom_dev_owner="buyer")),
        (
            "custom development, vendor owns",
            _v("scope", custom_development=True, custom_dev_owner="vendor_with_licence"),
        ),
    ],
    "scope.custom_dev_owner": [
        (
            "custom development, vendor owns",
            _v("scope", custom_development=True, custom_dev_owner="vendor_with_licence"),
        )
    ],
    "scope.environments": [
        ("production only", _v("scope", environments=["production"])),
        ("sandbox only (trial)", _v("scope", environments=["sandbox"])),
    ],
    "pricing.tax_inclusive": [("tax exclusive", _v("pricing", tax_inclusive=False))],
    "pricing.pricing_model": [
        (
            "per module",
            _v(
                "pricing",
                pricing_model="per_module",
                unit_price_per_seat_year=None,
                module_prices=[
                    {"module": "Sales", "quantity": 40, "unit_price_year": "1500"},
                    {"module": "Service", "quantity": 1, "unit_price_year": "24000"},
                ],
            ),
        ),
        (
            "usage based",
            _v(
                "pricing",
                pricing_model="usage_based",
                unit_price_per_seat_year=None,
                usage_metric="API calls",
                included_units=100000,
                overage_rate="0.01",
                estimated_usage_fee_year="60000",
                spend_alert_pct="80",
            ),
        ),
        ("perpetual", _v("pricing", **PERPETUAL)),
    ],
    "pricing.warranty_months": [
        ("perpetual with a 12-month warranty", _v("pricing", **{**PERPETUAL, "warranty_months": 12}))
    ],
    "pricing.hosting_fee_year": [
        ("perpetual without hosting", _v("pricing", **{**PERPETUAL, "hosting_fee_year": "0"}))
    ],
    "pricing.payment_schedule": _choices("pricing", "payment_schedule", ["quarterly", "monthly", "milestones"]),
    "pricing.one_time_fees": [("no one-time fees", _v("pricing", one_time_fees=[]))],
    "pricing.usage_addons": [
        (
            "usage add-ons",
            _v("pricing", usage_addons=[{"name": "短信通知", "estimated_fee_year": "3000", "alert_pct": "80"}]),
        )
    ],
    "pricing.invoice_type": _choices("pricing", "invoice_type", ["general_vat", "commercial_invoice"]),
    "pricing.escalation_type": _choices("pricing", "escalation_type", ["none", "fixed", "cpi_capped"]),
    # a year from acceptance reaches past a one-year term: the TCO year fits within a two-year one
    "pricing.tco_years": [
        ("TCO within the initial term", {"pricing": {"tco_years": 1}, "term": {"initial_term_months": 24}})
    ],
    "pricing.buyer_invoice_address_phone": [
        (
            "invoicing details given",
            _v(
                "pricing",
                buyer_invoice_address_phone="上海市浦东新区某路1号 021-12345678",
                buyer_invoice_bank_account="招商银行上海分行 121900000000001",
            ),
        )
    ],
    "pricing.buyer_invoice_bank_account": [
        ("invoice bank given", _v("pricing", buyer_invoice_bank_account="招商银行上海分行 121900000000001"))
    ],
    "pricing.vendor_bank_name": [
        (
            "vendor account given",
            _v("pricing", vendor_bank_name="中国工商银行杭州分行", vendor_bank_account="1202000000000000001"),
        )
    ],
    "pricing.vendor_bank_account": [("vendor account number given", _v("pricing", vendor_bank_account="1202"))],
    "parties.vendor_years_in_business": [
        ("vendor facts unknown", _v("parties", vendor_years_in_business=None, vendor_customer_count=None))
    ],
    "parties.vendor_customer_count": [("customer count unknown", _v("parties", vendor_customer_count=None))],
    "parties.vendor_certifications": [("no vendor certifications", _v("parties", vendor_certifications=[]))],
    "parties.signing_place": [
        ("signing place unknown", _v("parties", signing_place="", signing_place_en="")),
        (
            "court at signing place",
            {"parties": {"signing_place": "上海市浦东新区"}, "legal": {"court_place": "signing_place"}},
        ),
    ],
    "parties.effective_date": [("no effective date", _v("parties", effective_date=None))],
    "parties.vendor_execution": [
        ("foreign vendor signs only", _v("parties", vendor_is_foreign=True, vendor_uscc="", vendor_country="SG")),
        (
            "foreign vendor seals",
            _v("parties", vendor_is_foreign=True, vendor_uscc="", vendor_country="SG", vendor_execution="seal"),
        ),
        ("domestic vendor signs only", _v("parties", vendor_execution="signature")),
        ("neither party seals", _v("parties", buyer_execution="signature", vendor_execution="signature")),
    ],
    "parties.buyer_execution": [("buyer signs only", _v("parties", buyer_execution="signature"))],
    "pricing.gross_up": [
        (
            "foreign vendor, gross-up",
            {
                "parties": {"vendor_is_foreign": True, "vendor_uscc": "", "vendor_country": "SG"},
                "pricing": {"gross_up": True},
            },
        )
    ],
    "parties.vendor_is_foreign": [
        ("foreign vendor", _v("parties", vendor_is_foreign=True, vendor_uscc="", vendor_country="SG"))
    ],
    # the account holder of a foreign vendor: its registered name, the English one of a bilingual contract
    "parties.vendor_name_en": [
        (
            "foreign vendor, bilingual, its English name",
            _v(
                "parties",
                vendor_is_foreign=True,
                vendor_uscc="",
                vendor_country="SG",
                contract_language="bilingual",
                prevailing_language="en",
                vendor_name_en="Example CRM Pte. Ltd.",
            ),
        )
    ],
    "parties.contract_language": [
        ("parties.contract_language=zh", _v("parties", contract_language="zh", prevailing_language=None)),
        # an English contract names the place of signing in English (the wizard refuses it in Chinese)
        (
            "parties.contract_language=en",
            _v("parties", contract_language="en", prevailing_language=None, signing_place="Pudong New Area, Shanghai"),
        ),
    ],
    "parties.prevailing_language": [
        ("English prevails", _v("parties", contract_language="bilingual", prevailing_language="en"))
    ],
    "legal.transition_assistance_days": [("no transition period", _v("legal", transition_assistance_days=0))],
    "legal.negotiation_days": [("no negotiation period", _v("legal", negotiation_days=0))],
    "legal.governing_law": [
        (
            "foreign law",
            {
                "parties": {"vendor_is_foreign": True, "vendor_uscc": "", "vendor_country": "SG"},
                "legal": {"governing_law": "other", "governing_law_other": "the laws of Singapore"},
            },
        )
    ],
    "legal.forum": [("arbitration", _v("legal", **ARBITRATION))],
    "legal.court_place": _choices("legal", "court_place", ["vendor_domicile", "performance_place"]),
    "legal.arbitration_seat": [("arbitration, no seat", _v("legal", **{**ARBITRATION, "arbitration_seat": ""}))],
    "legal.arbitration_language": [
        ("arbitration in English", _v("legal", **{**ARBITRATION, "arbitration_language": "en"}))
    ],
    "legal.arbitration_commission": [
        (f"arbitration at {c}", _v("legal", **{**ARBITRATION, "arbitration_commission": c}))
        for c in ("SHIAC", "BAC", "SCIA")
    ]
    + [
        (
            "arbitration elsewhere",
            _v(
                "legal",
                **{**ARBITRATION, "arbitration_commission": "other", "arbitration_commission_other": "广州仲裁委员会"},
            ),
        )
    ],
    "legal.change_of_control_notice": [("no change-of-control notice", _v("legal", change_of_control_notice=False))],
    "data.data_location": [
        ("data in the US", _v("data", **{**ABROAD, "data_location": "us"})),
        ("data elsewhere", _v("data", **{**ABROAD, "data_location": "other"})),
        ("data in the EU", _v("data", **ABROAD)),
    ],
    "data.cross_border": [("accessed from abroad", _v("data", **{**ABROAD, "data_location": "mainland_cn"}))],
    "data.cn_individuals_per_year": [
        ("CAC assessment", _v("data", **{**ABROAD, "cn_individuals_per_year": 1500000})),
        ("exempt export", _v("data", **{**ABROAD, "cn_individuals_per_year": 5000})),
        ("standard contract", _v("data", **ABROAD)),
    ],
    "data.cn_sensitive_per_year": [("sensitive export", _v("data", **{**ABROAD, "cn_sensitive_per_year": 2000}))],
    "data.gdpr_applies": [
        ("GDPR, data in the EU", _v("data", **ABROAD, gdpr_applies=True)),
        ("GDPR, data leaves the EU", _v("data", gdpr_applies=True, gdpr_transfer_mechanism="scc_module_2")),
    ],
    "data.gdpr_transfer_mechanism": [
        (
            f"GDPR transfer by {m}",
            {
                "parties": {"vendor_is_foreign": True, "vendor_uscc": "", "vendor_country": "US"},
                "data": {**ABROAD, "data_location": "us", "gdpr_applies": True, "gdpr_transfer_mechanism": m},
            },
        )
        for m in ("adequacy", "scc_module_3")
    ],
    "data.eu_affiliates": [
        (
            "GDPR with EU affiliates",
            _v(
                "data",
                gdpr_applies=True,
                gdpr_transfer_mechanism="scc_module_2",
                eu_affiliates=[{"name": "Example Handel GmbH", "country": "DE"}],
            ),
        )
    ],
    "data.deletion_certificate": [("no deletion certificate", _v("data", deletion_certificate=False))],
    "data.security_certifications_required": [
        ("no certifications required", _v("data", security_certifications_required=[]))
    ],
    "data.audit_rights": [("no audit rights", _v("data", audit_rights=False))],
    "legal.liability_cap_months": [("liability cap of 24 months", _v("legal", liability_cap_months=24))],
    "legal.escrow_agent": [
        ("named escrow agent", _v("legal", escrow="saas_continuity", escrow_agent="北京某某托管服务有限公司"))
    ],
    "legal.escrow_data_refresh_hours": [
        ("weekly data deposit", _v("legal", escrow="saas_continuity", escrow_data_refresh_hours=168))
    ],
}

# Derived variables and the answers that drive them.
DRIVERS = {
    "contract.language": "parties.contract_language",
    "contract.prevailing_language": "parties.prevailing_language",
    "term.non_renewal_deadline": "term.auto_renew",
    "term.effective_date": "parties.effective_date",
    "data.pipl_route": "data.cn_individuals_per_year",
    "data.cross_border": "data.cross_border",
    "pricing.tco_beyond_initial_term": "pricing.tco_years",
    "data.certifications_to_obtain": "parties.vendor_certifications",
    "parties.vendor_certifications_warranted": "parties.vendor_certifications",
    "parties.buyer_seals": "parties.buyer_execution",
    "parties.vendor_seals": "parties.vendor_execution",
    "parties.signing_place_zh": "parties.signing_place",
    "parties.signing_place_name_en": "parties.signing_place",
    "data.gdpr_transfer": "data.gdpr_applies",
    "data.sensitive_categories": "scope.modules",
    "pricing.maintenance_waived": "pricing.warranty_months",
    "pricing.fees_start": "implementation.recurring_fees_from",
    "pricing.fees_start_date": "implementation.recurring_fees_from",
}

COMBINED = [("every option on", ALL_OPTIONS_PATCH), ("perpetual, no renewal, term extension", PERPETUAL_PATCH)]


def library_conditions(library: list[SectionSpec]) -> list[str]:
    """Each distinct condition of the library: section and clause conditions and `if` tests in texts."""
    found: dict[str, None] = {}
    for section in library:
        if section.condition.strip():
            found[section.condition.strip()] = None
        for clause in section.clauses:
            if clause.condition.strip():
                found[clause.condition.strip()] = None
            texts = [clause.title_zh, clause.title_en, clause.body_zh, clause.body_en]
            texts += [t for p in clause.positions for t in (p.body_zh, p.body_en)]
            for text in texts:
                for test in IF_TEST.findall(text):
                    if condition_paths(test) and not _uses_locals(test):
                        found[test.strip()] = None
    return list(found)


@lru_cache(maxsize=4096)  # the admin's save check builds the matrix on every save: parse each test once
def _expression(source: str):
    return ENVIRONMENTS["en"].parse("{{ (" + source + ") }}")


def _uses_locals(source: str) -> bool:
    return any(n.name not in CONTEXT_ROOTS for n in _expression(source).find_all(nodes.Name))


def condition_paths(source: str) -> set[str]:
    """The `step.field` variables a condition reads."""
    return {
        f"{n.node.name}.{n.attr}"
        for n in _expression(source).find_all(nodes.Getattr)
        if isinstance(n.node, nodes.Name) and n.node.name in CONTEXT_ROOTS
    }


def _answer_path(path: str) -> str:
    return DRIVERS.get(path, path)


def unvaried_paths(library: list[SectionSpec]) -> set[str]:
    """Variables some condition reads that the matrix has no variant for."""
    paths = {p for c in library_conditions(library) for p in condition_paths(c)}
    return {p for p in paths if _answer_path(p) not in VARIANTS}


def answer_matrix(base: dict, library: list[SectionSpec]) -> list[tuple[str, dict]]:
    """(label, answers document): the base, every variant the library's conditions call for, and
    the combined samples."""
    paths = sorted({_answer_path(p) for c in library_conditions(library) for p in condition_paths(c)})
    documents = [("base", base)]
    for path in paths:
        documents += [(label, patched(base, patch)) for label, patch in VARIANTS.get(path, [])]
    documents += [(label, patched(base, patch)) for label, patch in COMBINED]
    return documents
