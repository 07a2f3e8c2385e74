"""The Terms tree: one frozen dataclass per wizard step, with every answer and every derived figure.

Each field carries its catalogue entry in `metadata`: `kind` (the answers.md type, or the type of a
derived value), `meaning`, whether it is `derived`, and for list fields the `row` class.
The variable catalogue and the template context are both generated from these fields, so a field
exists in one place only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from .migration import MigrationTask
from .pricing import MilestonePayment, YearFee
from .sla import CreditTier


def answer(kind: str, meaning: str, *, row: type | None = None) -> Any:
    return field(default=None, metadata={"kind": kind, "meaning": meaning, "derived": False, "row": row})


def derived(kind: str, meaning: str, *, row: type | None = None) -> Any:
    return field(default=None, metadata={"kind": kind, "meaning": meaning, "derived": True, "row": row})


def item(kind: str, meaning: str) -> Any:
    return field(default=None, metadata={"kind": kind, "meaning": meaning})


# Rows of list answers (keys exactly as in answers.md) ------------------------------------------


@dataclass(frozen=True)
class OtherModule:
    name: str | None = item("str", "Module name")
    description: str | None = item("text", "What the module does")
    name_en: str | None = item("str", "Module name in English (bilingual contracts)")
    description_en: str | None = item("text", "What the module does, in English (bilingual contracts)")


@dataclass(frozen=True)
class Integration:
    system: str | None = item("str", "System integrated with")
    direction: str | None = item("choice", "Data flow: inbound, outbound or both")
    description: str | None = item("text", "What the integration does")
    system_en: str | None = item("str", "System integrated with, in English (bilingual contracts)")
    description_en: str | None = item("text", "What the integration does, in English (bilingual contracts)")


@dataclass(frozen=True)
class Requirement:
    id: str | None = item("str", "Requirement identifier")
    text: str | None = item("text", "The requirement")
    priority: str | None = item("choice", "must or should")
    acceptance_test: str | None = item("text", "How acceptance tests the requirement")
    needs_modules: tuple[str, ...] | None = item("multi", "Modules the requirement needs, as the buyer chose them")
    text_en: str | None = item("text", "The requirement in English (bilingual contracts)")
    acceptance_test_en: str | None = item("text", "The acceptance test in English (bilingual contracts)")


@dataclass(frozen=True)
class Milestone:
    name: str | None = item("str", "Milestone name")
    due_date: date | None = item("date", "Milestone due date")
    payment_pct: Decimal | None = item("pct", "Share of the one-time fees paid at this milestone, %")
    name_en: str | None = item("str", "Milestone name in English (bilingual contracts)")


@dataclass(frozen=True)
class CreditTableRow:
    below_pct: Decimal | None = item("pct", "Availability below which the credit applies, %")
    credit: Decimal | None = item("dec", "Credit: % of the month's fee, or days of term extension")


@dataclass(frozen=True)
class SeverityTarget:
    level: str | None = item("str", "Severity level, P1–P4")
    response_minutes: int | None = item("int", "Response target, minutes")
    resolution_hours: int | None = item("int", "Resolution target, hours (0 = none)")


@dataclass(frozen=True)
class ModulePrice:
    module: str | None = item("str", "Module priced")
    quantity: int | None = item("int", "Quantity (1 for a flat module fee)")
    unit_price_year: Decimal | None = item("dec", "Price per unit per year")
    module_en: str | None = item("str", "Module priced, in English (bilingual contracts)")


@dataclass(frozen=True)
class UsageAddon:
    name: str | None = item("str", "Usage charge")
    estimated_fee_year: Decimal | None = item("dec", "Estimated fee per year")
    alert_pct: Decimal | None = item("pct", "Spend alert, % of the add-on's estimated yearly fee")
    name_en: str | None = item("str", "Usage charge in English (bilingual contracts)")


@dataclass(frozen=True)
class OneTimeFee:
    name: str | None = item("str", "One-time fee (implementation, migration, training …)")
    amount: Decimal | None = item("dec", "Amount")
    name_en: str | None = item("str", "One-time fee in English (bilingual contracts)")


@dataclass(frozen=True)
class EuAffiliate:
    name: str | None = item("str", "Affiliate's name")
    country: str | None = item("str", "Affiliate's country code (EU/EEA)")
    name_en: str | None = item("str", "Affiliate's name in English (bilingual contracts)")


# Derived rows carry their catalogue entries as a plain mapping (the classes live elsewhere).
DERIVED_ROW_KEYS: Mapping[type, tuple[tuple[str, str, str], ...]] = MappingProxyType(
    {
        CreditTier: (
            ("below_pct", "pct", "Availability below which the credit applies, %"),
            ("credit", "dec", "Credit: % of the month's fee, or days of term extension"),
            ("amount", "dec", "Credit in money from the monthly fee (none for term_extension)"),
        ),
        MigrationTask: (
            (
                "task",
                "str",
                "Migration task: source_data, tools, inventory, cleansing, mapping, confirm_mapping, "
                "test_migration, confirm_test, production or final_check",
            ),
            ("owner", "str", "Party that does the task: vendor or buyer"),
            ("days_before", "int", "Days before go-live (else the service start) the task is due"),
            ("due_date", "date", "Date the task is due (none without a go-live or start date)"),
        ),
        YearFee: (
            ("year", "int", "Service year, from 1"),
            ("recurring", "dec", "Recurring fees of the year (a last partial year pro-rated)"),
            ("one_time", "dec", "One-time fees of the year"),
            ("total", "dec", "Recurring + one-time fees of the year"),
        ),
        MilestonePayment: (
            ("name", "str", "Milestone name"),
            ("due_date", "date", "Milestone due date"),
            ("payment_pct", "pct", "Share of the one-time fees, %"),
            ("amount", "dec", "Amount paid at the milestone"),
            ("name_en", "str", "Milestone name in English (bilingual contracts)"),
        ),
    }
)


# Steps ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Contract:
    number: str = derived("str", "Contract number, e.g. CRM-2027-0001")
    language: str | None = derived("str", "Contract language: zh, en or bilingual")
    prevailing_language: str = derived("str", "Prevailing language: zh or en (zh unless bilingual)")


@dataclass(frozen=True)
class Parties:
    buyer_name: str | None = answer("str", "Buyer (甲方) name")
    buyer_name_en: str | None = answer("str", "Buyer (甲方) name, in English (bilingual contracts)")
    buyer_uscc: str | None = answer("str", "Buyer's unified social credit code")
    buyer_address: str | None = answer("str", "Buyer's address")
    buyer_address_en: str | None = answer("str", "Buyer's address, in English (bilingual contracts)")
    buyer_representative: str | None = answer("str", "Buyer's legal or authorised representative")
    buyer_representative_en: str | None = answer(
        "str", "Buyer's legal or authorised representative, in English (bilingual contracts)"
    )
    buyer_contact_name: str | None = answer("str", "Buyer's notice contact")
    buyer_contact_name_en: str | None = answer("str", "Buyer's notice contact, in English (bilingual contracts)")
    buyer_contact_email: str | None = answer("email", "Buyer's notice email")
    buyer_contact_phone: str | None = answer("str", "Buyer's notice phone")
    vendor_name: str | None = answer("str", "Vendor (乙方) name")
    vendor_name_en: str | None = answer("str", "Vendor (乙方) name, in English (bilingual contracts)")
    vendor_is_foreign: bool | None = answer("bool", "Whether the vendor is a foreign company")
    vendor_uscc: str | None = answer("str", "Vendor's unified social credit code")
    vendor_country: str | None = answer("str", "Vendor's country code")
    vendor_address: str | None = answer("str", "Vendor's address")
    vendor_address_en: str | None = answer("str", "Vendor's address, in English (bilingual contracts)")
    vendor_representative: str | None = answer("str", "Vendor's legal or authorised representative")
    vendor_representative_en: str | None = answer(
        "str", "Vendor's legal or authorised representative, in English (bilingual contracts)"
    )
    vendor_contact_name: str | None = answer("str", "Vendor's notice contact")
    vendor_contact_name_en: str | None = answer("str", "Vendor's notice contact, in English (bilingual contracts)")
    vendor_contact_email: str | None = answer("email", "Vendor's notice email")
    vendor_contact_phone: str | None = answer("str", "Vendor's notice phone")
    vendor_years_in_business: int | None = answer("int", "Vendor's years in business")
    vendor_customer_count: int | None = answer("int", "Vendor's number of customers")
    vendor_certifications: tuple[str, ...] | None = answer(
        "multi", "Vendor's certifications: iso27001, iso27701, mlps_level2, mlps_level3, soc2"
    )
    contract_language: str | None = answer("choice", "Contract language: zh, en or bilingual")
    prevailing_language: str | None = answer("choice", "Prevailing language when bilingual: zh or en (none otherwise)")
    signing_place: str | None = answer("str", "Place of signing (in Chinese when the contract is bilingual)")
    signing_place_en: str | None = answer(
        "str", "Place of signing in English (bilingual contracts; none otherwise, or for a city in the catalogue)"
    )
    effective_date: date | None = answer("date", "Effective date of the contract")
    vendor_certifications_warranted: tuple[str, ...] | None = derived(
        "multi", "Vendor's certifications it warrants today (no MLPS level below one it must still obtain)"
    )
    buyer_execution: str | None = answer(
        "choice", "How the buyer executes: seal (signature and company seal) or signature (signature only)"
    )
    vendor_execution: str | None = answer(
        "choice", "How the vendor executes: seal or signature (empty: seal for a Chinese vendor, signature if foreign)"
    )
    buyer_seals: bool | None = derived("bool", "Whether the buyer seals the contract (company or contract seal)")
    vendor_seals: bool | None = derived("bool", "Whether the vendor seals the contract (company or contract seal)")
    signing_place_zh: str | None = derived("str", "Place of signing as printed in Chinese")
    signing_place_name_en: str | None = derived("str", "Place of signing as printed in English")
    vendor_country_zh: str | None = derived("str", "Vendor's country, Chinese name")
    vendor_country_en: str | None = derived("str", "Vendor's country, English name")


@dataclass(frozen=True)
class Scope:
    deployment: str | None = answer("choice", "Deployment: saas, private_cloud or on_premise")
    modules: tuple[str, ...] | None = answer(
        "multi",
        "Modules: contacts, leads_opportunities, quotes_orders, marketing, service_tickets, analytics, mobile, api",
    )
    other_modules: tuple[OtherModule, ...] | None = answer("list", "Further modules", row=OtherModule)
    edition: str | None = answer("str", "Edition bought")
    edition_en: str | None = answer("str", "Edition bought, in English (bilingual contracts)")
    seat_count: int | None = answer("int", "Number of seats (named users)")
    affiliates_may_use: bool | None = answer("bool", "Whether the buyer's affiliates may use the service")
    environments: tuple[str, ...] | None = answer("multi", "Environments: production, sandbox")
    integrations: tuple[Integration, ...] | None = answer("list", "Integrations", row=Integration)
    requirements: tuple[Requirement, ...] | None = answer(
        "list", "The buyer's requirement list (annex, basis of acceptance)", row=Requirement
    )
    no_material_reduction: bool | None = answer(
        "bool", "Whether the vendor may not materially reduce the functions bought"
    )
    custom_development: bool | None = answer("bool", "Whether there is custom development")
    custom_dev_owner: str | None = answer(
        "choice", "Owner of custom development: buyer or vendor_with_licence (none without it)"
    )


@dataclass(frozen=True)
class Implementation:
    has_implementation: bool | None = answer("bool", "Whether there is an implementation project")
    go_live_date: date | None = answer("date", "Go-live date")
    status_report_frequency: str | None = answer("choice", "Status reports: weekly, biweekly or monthly")
    milestones: tuple[Milestone, ...] | None = answer("list", "Implementation milestones", row=Milestone)
    migrating: bool | None = answer("bool", "Whether data is migrated")
    migration_source: str | None = answer("choice", "Migration source: spreadsheet, legacy_crm or other_saas")
    record_count: int | None = answer("int", "Number of records to migrate")
    migration_owner: str | None = answer("choice", "Who migrates: vendor, buyer or joint")
    migration_method: str | None = answer("choice", "Migration method: csv_import, api or etl")
    reconciliation_threshold_pct: Decimal | None = answer(
        "pct", "Share of records that must reconcile after migration, %"
    )
    parallel_run_days: int | None = answer("int", "Days old and new systems run in parallel")
    data_loss_remedy: str | None = answer(
        "choice",
        "Remedy for migration data loss: remigrate_at_vendor_cost or remigrate_plus_damages",
    )
    acceptance_days: int | None = answer("int", "Acceptance period, working days")
    retest_cycles: int | None = answer("int", "Retest cycles after a failed acceptance")
    deemed_acceptance: bool | None = answer("bool", "Whether silence counts as acceptance")
    recurring_fees_from: str | None = answer(
        "choice",
        "What starts the recurring fees and the first service year: acceptance or go_live (empty means acceptance)",
    )
    migration_tasks: tuple[MigrationTask, ...] | None = derived(
        "list", "Migration tasks, owner and deadline for the migration owner", row=MigrationTask
    )


@dataclass(frozen=True)
class Term:
    start_date: date | None = answer("date", "Start of the service term")
    initial_term_months: int | None = answer("int", "Initial term, months")
    auto_renew: bool | None = answer("bool", "Whether the term renews automatically")
    renewal_term_months: int | None = answer("int", "Renewal term, months (none without auto-renewal)")
    non_renewal_notice_days: int | None = answer("int", "Days before the term ends to give notice of non-renewal")
    cure_days: int | None = answer("int", "Days to cure a breach before termination")
    buyer_convenience_termination: bool | None = answer("bool", "Whether the buyer may terminate for convenience")
    convenience_notice_days: int | None = answer("int", "Notice for termination for convenience, days")
    initial_term_end: date | None = derived("date", "Last day of the initial term (start + months − 1 day)")
    non_renewal_deadline: date | None = derived(
        "date", "Last day to give notice of non-renewal (none without auto-renewal)"
    )
    effective_date: date | None = derived("date", "parties.effective_date")


@dataclass(frozen=True)
class Sla:
    availability_target_pct: Decimal | None = answer(
        "pct", "Monthly availability target, % (99.0, 99.5, 99.9, 99.95 or 99.99)"
    )
    credit_table: tuple[CreditTableRow, ...] | None = answer(
        "list", "Service credit table as answered", row=CreditTableRow
    )
    remedy_form: str | None = answer("choice", "Remedy form: fee_credit, term_extension or refund")
    credit_claim_days: int | None = answer("int", "Days to claim a credit")
    credit_cap_pct: Decimal | None = answer("pct", "Credit cap, % of the monthly fee")
    credits_exclusive_remedy: bool | None = answer("bool", "Whether credits are the exclusive remedy")
    chronic_failure_consecutive_months: int | None = answer(
        "int", "Consecutive months of missed target that allow termination"
    )
    chronic_failure_months_in_12: int | None = answer("int", "Months of missed target in any 12 that allow termination")
    maintenance_notice_days: int | None = answer("int", "Notice of scheduled maintenance, days")
    maintenance_max_hours_month: int | None = answer("int", "Scheduled maintenance cap, hours per month")
    support_hours: str | None = answer("choice", "Support hours: 5x8, 7x24 or 5x8_with_p1_7x24")
    support_language: str | None = answer("choice", "Support language: zh, en or zh_en")
    severity_targets: tuple[SeverityTarget, ...] | None = answer(
        "list", "Response and resolution targets P1–P4", row=SeverityTarget
    )
    rpo_hours: int | None = answer("int", "Recovery point objective, hours")
    rto_hours: int | None = answer("int", "Recovery time objective, hours")
    backup_frequency: str | None = answer("choice", "Backup frequency: hourly, daily or weekly")
    backup_retention_days: int | None = answer("int", "Backup retention, days")
    upgrades_included: bool | None = answer("bool", "Whether upgrades are included")
    change_notice_days: int | None = answer("int", "Notice of material changes, days")
    allowed_downtime_minutes_28: Decimal | None = derived("dec", "Allowed downtime in a 28-day month, minutes")
    allowed_downtime_minutes_30: Decimal | None = derived("dec", "Allowed downtime in a 30-day month, minutes")
    allowed_downtime_minutes_31: Decimal | None = derived("dec", "Allowed downtime in a 31-day month, minutes")
    credit_tiers: tuple[CreditTier, ...] | None = derived(
        "list", "Credit tiers with the money value of each credit", row=CreditTier
    )
    credit_cap_amount: Decimal | None = derived("dec", "Credit cap in money")


@dataclass(frozen=True)
class Pricing:
    currency: str | None = answer("choice", "Currency: CNY, USD or EUR")
    pricing_model: str | None = answer("choice", "Pricing model: per_seat, per_module, usage_based or perpetual")
    unit_price_per_seat_year: Decimal | None = answer("dec", "Price per seat per year (per_seat)")
    module_prices: tuple[ModulePrice, ...] | None = answer("list", "Module price lines (per_module)", row=ModulePrice)
    usage_metric: str | None = answer("str", "Usage metric (usage_based)")
    usage_metric_en: str | None = answer("str", "Usage metric in English (usage_based, bilingual contracts)")
    included_units: int | None = answer("int", "Units included (usage_based)")
    overage_rate: Decimal | None = answer("dec", "Price per unit over the included units (usage_based)")
    estimated_usage_fee_year: Decimal | None = answer("dec", "Estimated usage fee per year (usage_based)")
    spend_alert_pct: Decimal | None = answer(
        "pct", "Usage alert, % of the included units and of the estimated usage fee (usage_based)"
    )
    licence_fee: Decimal | None = answer("dec", "One-time licence fee (perpetual)")
    maintenance_pct: Decimal | None = answer("pct", "Yearly maintenance, % of the licence fee (perpetual)")
    hosting_fee_year: Decimal | None = answer("dec", "Hosting fee per year (perpetual)")
    warranty_months: int | None = answer(
        "int", "Months from the start of the first service year without maintenance fees (perpetual)"
    )
    usage_addons: tuple[UsageAddon, ...] | None = answer(
        "list", "Usage charges on top of the pricing model", row=UsageAddon
    )
    one_time_fees: tuple[OneTimeFee, ...] | None = answer("list", "One-time fees", row=OneTimeFee)
    tax_inclusive: bool | None = answer("bool", "Whether prices include VAT")
    vat_rate_pct: Decimal | None = answer("pct", "VAT rate, %")
    invoice_type: str | None = answer("choice", "Invoice: special_vat, general_vat or commercial_invoice")
    buyer_invoice_address_phone: str | None = answer(
        "str", "Buyer's address and telephone for VAT invoices (empty prints a blank to fill in)"
    )
    buyer_invoice_address_phone_en: str | None = answer(
        "str", "Buyer's address and telephone for VAT invoices in English (bilingual contracts)"
    )
    buyer_invoice_bank_account: str | None = answer(
        "str", "Buyer's bank and account number for VAT invoices (empty prints a blank to fill in)"
    )
    buyer_invoice_bank_account_en: str | None = answer(
        "str", "Buyer's bank and account number for VAT invoices in English (bilingual contracts)"
    )
    vendor_bank_name: str | None = answer("str", "Bank at which the vendor's account is held (empty prints a blank)")
    vendor_bank_name_en: str | None = answer("str", "Vendor's bank in English (bilingual contracts)")
    vendor_bank_account: str | None = answer("str", "Vendor's bank account number (empty prints a blank)")
    gross_up: bool | None = answer(
        "bool", "Foreign vendor: whether the buyer bears the taxes it withholds on top of the fees (gross-up)"
    )
    withholding_eit_pct: Decimal | None = answer(
        "pct", "Foreign vendor: withholding enterprise income tax on royalties, % (10, or the treaty rate)"
    )
    payment_schedule: str | None = answer(
        "choice", "Payment schedule: annual_advance, quarterly, monthly or milestones"
    )
    payment_terms_days: int | None = answer("int", "Days to pay from receipt of a valid invoice")
    late_interest_pct_month: Decimal | None = answer("pct", "Late-payment interest, % per month")
    escalation_type: str | None = answer("choice", "Price increase: none, fixed, capped_pct or cpi_capped")
    escalation_cap_pct: Decimal | None = answer("pct", "Price increase (cap), % per year")
    price_lock_months: int | None = answer("int", "Months before any price increase")
    tco_years: int | None = answer("int", "Years over which the TCO is computed")
    annual_recurring_fee: Decimal | None = derived(
        "dec", "First-year recurring fee of the pricing model (usage add-ons are billed on top)"
    )
    usage_addons_year: Decimal | None = derived(
        "dec", "Estimated yearly usage add-on charges (in the TCO, not in the contract's fees)"
    )
    monthly_fee: Decimal | None = derived("dec", "Annual recurring fee ÷ 12, basis of SLA credits")
    yearly_fees: tuple[YearFee, ...] | None = derived("list", "Fees for each year of the initial term", row=YearFee)
    one_time_total: Decimal | None = derived("dec", "Sum of one-time fees (with the licence fee when perpetual)")
    recurring_total: Decimal | None = derived("dec", "Recurring fees over the initial term")
    total_contract_value: Decimal | None = derived("dec", "One-time fees + recurring fees over the initial term")
    tco_by_year: tuple[YearFee, ...] | None = derived(
        "list", "Fees of each year over pricing.tco_years (renewals at the highest increase)", row=YearFee
    )
    tco_beyond_initial_term: bool | None = derived(
        "bool", "Whether the TCO years reach past the initial term (renewals assumed)"
    )
    fees_start: str | None = derived(
        "str",
        "What starts the recurring fees and the first service year (start: no implementation): start, go_live or acceptance",
    )
    fees_start_date: date | None = derived(
        "date", "Planned first day of recurring fees (go-live, or the end of the acceptance period after it)"
    )
    fee_months: Decimal | None = derived("dec", "Months of recurring fees in the initial term, from fees_start_date")
    tco_recurring: Decimal | None = derived("dec", "Recurring fees over pricing.tco_years")
    tco: Decimal | None = derived("dec", "Total cost of ownership over pricing.tco_years")
    vat_net: Decimal | None = derived("dec", "Total contract value without VAT")
    vat_tax: Decimal | None = derived("dec", "VAT on the total contract value")
    vat_gross: Decimal | None = derived("dec", "Total contract value with VAT")
    withheld_vat_pct: Decimal | None = derived(
        "pct", "Foreign vendor: VAT rate the buyer withholds, % (none if domestic)"
    )
    withheld_vat: Decimal | None = derived("dec", "Foreign vendor: VAT withheld on the total contract value")
    withheld_eit: Decimal | None = derived(
        "dec", "Foreign vendor: enterprise income tax withheld on the total contract value (all fees as royalties)"
    )
    vendor_receives: Decimal | None = derived("dec", "Foreign vendor: what the vendor receives after withholding")
    buyer_pays: Decimal | None = derived(
        "dec", "Foreign vendor: the buyer's total outlay, fees and the withheld taxes it bears"
    )
    milestone_payments: tuple[MilestonePayment, ...] | None = derived(
        "list", "Share of the one-time fees per milestone", row=MilestonePayment
    )
    liability_cap_amount: Decimal | None = derived(
        "dec",
        "General liability cap in money (legal.liability_cap_months × monthly fee, plus the licence fee when perpetual)",
    )
    breach_cap_amount: Decimal | None = derived(
        "dec", "Data-security liability cap (general cap × legal.data_breach_supercap_multiple)"
    )
    maintenance_waived: Decimal | None = derived(
        "dec", "Maintenance fee not charged in the first service year for the warranty period (perpetual)"
    )


@dataclass(frozen=True)
class Data:
    data_location: str | None = answer("choice", "Where data is stored: mainland_cn, eu, us or other")
    personal_info: bool | None = answer("bool", "Whether personal information is processed")
    sensitive_pi: bool | None = answer("bool", "Whether sensitive personal information is processed")
    cross_border: bool | None = answer(
        "bool",
        "Whether personal information leaves mainland China or is accessed from abroad "
        "(derived from data_location, or set by the buyer)",
    )
    cn_individuals_per_year: int | None = answer(
        "int", "Individuals in China whose personal information is transferred per year"
    )
    cn_sensitive_per_year: int | None = answer(
        "int", "Individuals whose sensitive personal information is transferred per year"
    )
    is_ciio: bool | None = answer("bool", "Whether the buyer is a critical information infrastructure operator")
    gdpr_applies: bool | None = answer("bool", "Whether the GDPR applies")
    gdpr_transfer: bool | None = answer(
        "bool",
        "Whether personal data under the GDPR leaves the EU/EEA (always when the data is stored outside the EU)",
    )
    gdpr_transfer_mechanism: str | None = answer(
        "choice", "GDPR transfer mechanism: adequacy, scc_module_2 or scc_module_3 (none without a transfer)"
    )
    eu_affiliates: tuple[EuAffiliate, ...] | None = answer(
        "list", "The buyer's EU/EEA affiliates that use the service, each a controller", row=EuAffiliate
    )
    breach_notice_hours: int | None = answer("int", "Hours to notify a security incident")
    security_certifications_required: tuple[str, ...] | None = answer(
        "multi", "Certifications required: iso27001, mlps_level3, soc2"
    )
    audit_rights: bool | None = answer("bool", "Whether the buyer has audit rights")
    subprocessor_notice_days: int | None = answer("int", "Notice of a new sub-processor, days")
    confidentiality_years: int | None = answer("int", "Years confidentiality lasts after the term")
    export_formats: tuple[str, ...] | None = answer("multi", "Export formats: csv, json, xml")
    export_on_request_days: int | None = answer("int", "Days to deliver an export on request")
    post_term_access_days: int | None = answer("int", "Days of access after the term ends")
    deletion_days: int | None = answer("int", "Days to delete data after the access window")
    certification_deadline: date | None = answer(
        "date", "Date by which the vendor obtains a required certification it lacks (empty means go-live)"
    )
    deletion_certificate: bool | None = answer("bool", "Whether deletion is certified in writing")
    pipl_route: str | None = derived("str", "PIPL route: none, cac_assessment, standard_contract or exempt")
    certifications_to_obtain: tuple[str, ...] | None = derived(
        "multi", "Required certifications the vendor does not hold when signing"
    )
    certification_due: date | None = derived(
        "date", "Date a missing certification is due (certification_deadline, else go-live, else start_date)"
    )
    sensitive_categories: tuple[str, ...] | None = derived(
        "multi",
        "Sensitive personal information the modules or requirements collect: location, biometrics, financial_account",
    )


@dataclass(frozen=True)
class Legal:
    liability_cap_months: int | None = answer("int", "General liability cap, months of fees")
    data_breach_supercap_multiple: int | None = answer("int", "Data-security cap, multiple of the general cap")
    ip_indemnity_uncapped: bool | None = answer("bool", "Whether the IP indemnity is uncapped")
    delay_ld_pct_per_day: Decimal | None = answer("pct", "Delay liquidated damages, % per day")
    ld_total_cap_pct: Decimal | None = answer("pct", "Cap on delay liquidated damages, %")
    escrow: str | None = answer("choice", "Escrow: none, source_code or saas_continuity")
    escrow_agent: str | None = answer("str", "Escrow agent's name (empty prints a blank to fill in)")
    escrow_agent_en: str | None = answer("str", "Escrow agent's name in English (bilingual contracts)")
    escrow_data_refresh_hours: int | None = answer(
        "int", "Hours between refreshes of the Customer Data deposited under a continuity escrow"
    )
    change_of_control_notice: bool | None = answer("bool", "Whether the vendor notifies a change of control")
    transition_assistance_days: int | None = answer("int", "Days of transition assistance")
    negotiation_days: int | None = answer("int", "Days of negotiation before a dispute goes to the forum")
    forum: str | None = answer("choice", "Forum: arbitration or court")
    arbitration_commission: str | None = answer(
        "choice", "Arbitration commission: CIETAC, SHIAC, BAC, SCIA or other (none for court)"
    )
    arbitration_commission_other: str | None = answer("str", "Name of the other arbitration commission")
    arbitration_commission_other_en: str | None = answer(
        "str", "Name of the other arbitration commission in English (bilingual contracts)"
    )
    arbitration_seat: str | None = answer(
        "str", "Seat of arbitration; printed in each language from the city catalogue when it is there"
    )
    arbitration_seat_en: str | None = answer(
        "str", "Seat of arbitration in English (bilingual contracts; none for a city in the catalogue)"
    )
    arbitration_language: str | None = answer("choice", "Language of arbitration: zh or en")
    court_place: str | None = answer(
        "choice", "Court: buyer_domicile, vendor_domicile, signing_place or performance_place"
    )
    governing_law: str | None = answer("choice", "Governing law: PRC or other")
    governing_law_other: str | None = answer("str", "The other governing law")
    governing_law_other_en: str | None = answer("str", "The other governing law in English (bilingual contracts)")


@dataclass(frozen=True)
class Terms:
    """Everything a contract states, computed once from a draft's answers."""

    answers: Mapping[str, Mapping[str, Any]]  # the typed answers as given, read-only
    contract: Contract
    parties: Parties
    scope: Scope
    implementation: Implementation
    term: Term
    sla: Sla
    pricing: Pricing
    data: Data
    legal: Legal


STEPS: tuple[tuple[str, type], ...] = (
    ("parties", Parties),
    ("scope", Scope),
    ("implementation", Implementation),
    ("term", Term),
    ("sla", Sla),
    ("pricing", Pricing),
    ("data", Data),
    ("legal", Legal),
)
CONTEXT_SECTIONS: tuple[tuple[str, type], ...] = STEPS + (("contract", Contract),)
