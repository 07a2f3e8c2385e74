"""The buyer's words for every question of the eight steps: each field's label, help text and the names of
its choices, and how a step lays its fields out. What an answer accepts is its rule in terms.schema; the
wizard's forms build their fields from these words and those rules (contracts/wizard/fields.py), and the
review, the problems' places and the answers reference read the same words without the forms."""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from contracts.terms import schema
from contracts.terms.places import COUNTRIES


class Ask:
    """A field of a step or a list row as the page shows it: its label, help text and the names of its
    choices. What it accepts (kind, required, range, length, places, choices, pre-filled value) is its rule
    in terms.schema."""

    def __init__(self, label, *, choices=None, help_text="", placeholder=None, blank_label="—"):
        self.label, self.help_text = label, help_text
        self.choice_labels, self.placeholder, self.blank_label = choices, placeholder, blank_label


class Questions:
    """The questions of a step (`step`) or of a list's row (`row_of`): its `Ask`s, in the order asked."""

    step: str = ""
    row_of: tuple[str, str] = ("", "")  # (step, list) of terms.schema.LISTS whose row this is
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (legend, field names) to lay the step out
    asks: dict[str, Ask] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.asks = {name: value for name, value in vars(cls).items() if isinstance(value, Ask)}


def country_choices() -> list[tuple[str, str]]:
    """The country catalogue by name in the UI language: China and its regions first, the rest by name."""
    index = 0 if (get_language() or "").startswith("zh") else 1
    named = [(code, names[index]) for code, names in COUNTRIES.items()]
    first = named[:4]
    return first + sorted(named[4:], key=lambda choice: COUNTRIES[choice[0]][1])


def choice_names(ask: Ask, rule: schema.Rule) -> list[tuple[str, str]]:
    """(code, name) of each choice of a question, in the order of its rule (the country catalogue for a
    country); none for a question without choices."""
    if rule.kind == "country":
        return country_choices()
    labels = dict(ask.choice_labels or ())
    return [(code, labels.get(code, code)) for code in rule.choices]


def is_english_companion(name: str, fields, show_if=None) -> bool:
    """Whether field `name` is the English companion (`<field>_en`) of a free text of the same form,
    asked only for a bilingual contract; the place of signing, shown by its own condition, is not one."""
    if not name.endswith("_en") or name[:-3] not in fields:
        return False
    condition = (show_if or {}).get(name)
    return not (condition and condition[0] == "contract_language")


LANGUAGE_CHOICES = [("zh", _("Chinese")), ("en", _("English"))]
CONTRACT_LANGUAGE_CHOICES = LANGUAGE_CHOICES + [("bilingual", _("Bilingual (Chinese and English)"))]
VENDOR_CERTIFICATIONS = [
    ("iso27001", "ISO/IEC 27001"),
    ("iso27701", "ISO/IEC 27701"),
    ("mlps_level2", _("MLPS level 2 (等保二级)")),
    ("mlps_level3", _("MLPS level 3 (等保三级)")),
    ("soc2", "SOC 2 Type II"),
]
# The modules by the names the contract gives them (Section 2.1; contracts/terms/coverage.py).
MODULES = [
    ("contacts", _("Accounts and contacts")),
    ("leads_opportunities", _("Leads and opportunities")),
    ("quotes_orders", _("Quotes and orders")),
    ("marketing", _("Marketing automation")),
    ("service_tickets", _("Customer service and ticketing")),
    ("analytics", _("Reporting and analytics")),
    ("mobile", _("Mobile app")),
    ("api", _("Open API")),
]
CURRENCIES = [("CNY", _("CNY (RMB)")), ("USD", _("USD")), ("EUR", _("EUR"))]


EXECUTION_CHOICES = [
    ("seal", _("Signature and company seal (or contract seal)")),
    ("signature", _("Signature of an authorised signatory only (no company seal)")),
]
ENGLISH_HELP = _(
    "For the English column of the bilingual contract. Left empty, the English column prints the Chinese, "
    "marked as given in Chinese only."
)
NAME_EN_HELP = _(
    "The company's registered or usual English name, as the English cover and signature page print it. Left "
    "empty, they print the Chinese name, marked as given in Chinese only."
)


def english_str(label, *, in_row: bool = False, help_text=ENGLISH_HELP) -> Ask:
    """The English companion (`<field>_en`) of a one-line free text: shown only for a bilingual contract
    (in a list row, under its Chinese, with the list's one explanation instead of a help text each)."""
    return Ask(label, help_text="" if in_row else help_text, placeholder=_("English"))


def english_text(label) -> Ask:
    """The English companion of a multi-line free text in a list row: shown only for a bilingual contract."""
    return Ask(label, placeholder=_("English"))


class Parties(Questions):
    groups = (
        (
            _("Buyer (Party A)"),
            (
                "buyer_name",
                "buyer_name_en",
                "buyer_uscc",
                "buyer_address",
                "buyer_address_en",
                "buyer_representative",
                "buyer_representative_en",
                "buyer_contact_name",
                "buyer_contact_name_en",
                "buyer_contact_email",
                "buyer_contact_phone",
            ),
        ),
        (
            _("Vendor (Party B)"),
            (
                "vendor_name",
                "vendor_name_en",
                "vendor_is_foreign",
                "vendor_uscc",
                "vendor_country",
                "vendor_address",
                "vendor_address_en",
                "vendor_representative",
                "vendor_representative_en",
                "vendor_contact_name",
                "vendor_contact_name_en",
                "vendor_contact_email",
                "vendor_contact_phone",
            ),
        ),
        (_("Vendor stability"), ("vendor_years_in_business", "vendor_customer_count", "vendor_certifications")),
        (
            _("The contract"),
            (
                "contract_language",
                "prevailing_language",
                "signing_place",
                "signing_place_en",
                "effective_date",
                "buyer_execution",
                "vendor_execution",
            ),
        ),
    )

    buyer_name = Ask(_("Buyer (Party A) name"))
    buyer_uscc = Ask(
        _("Buyer unified social credit code"), help_text=_("18 characters, with its check character (GB 32100-2015).")
    )
    buyer_name_en = english_str(_("Buyer name in English"), help_text=NAME_EN_HELP)
    buyer_address = Ask(_("Buyer address"))
    buyer_address_en = english_str(_("Buyer address in English"))
    buyer_representative = Ask(_("Buyer legal or authorised representative"))
    buyer_representative_en = english_str(_("Buyer representative in English"))
    buyer_contact_name = Ask(_("Buyer contact name"))
    buyer_contact_name_en = english_str(_("Buyer contact name in English"))
    buyer_contact_email = Ask(_("Buyer contact email"))
    buyer_contact_phone = Ask(_("Buyer contact phone"))
    vendor_name = Ask(_("Vendor (Party B) name"))
    vendor_name_en = english_str(_("Vendor name in English"), help_text=NAME_EN_HELP)
    vendor_is_foreign = Ask(_("The vendor is a foreign company"))
    vendor_uscc = Ask(_("Vendor unified social credit code"), help_text=_("Required unless the vendor is foreign."))
    vendor_country = Ask(_("Vendor country or region"))
    vendor_address = Ask(_("Vendor address"))
    vendor_address_en = english_str(_("Vendor address in English"))
    vendor_representative = Ask(_("Vendor legal or authorised representative"))
    vendor_representative_en = english_str(_("Vendor representative in English"))
    vendor_contact_name = Ask(_("Vendor contact name"))
    vendor_contact_name_en = english_str(_("Vendor contact name in English"))
    vendor_contact_email = Ask(_("Vendor contact email"))
    vendor_contact_phone = Ask(_("Vendor contact phone"))
    vendor_years_in_business = Ask(_("Vendor years in business"))
    vendor_customer_count = Ask(_("Vendor customer count"))
    vendor_certifications = Ask(_("Vendor certifications"), choices=VENDOR_CERTIFICATIONS)
    contract_language = Ask(_("Contract language"), choices=CONTRACT_LANGUAGE_CHOICES)
    prevailing_language = Ask(_("Prevailing language"), choices=LANGUAGE_CHOICES)
    signing_place = Ask(
        _("Place of signing"),
        help_text=_(
            "In the contract's language; for a bilingual contract, in Chinese. A major city (上海, Shanghai …) "
            "prints in both languages by itself."
        ),
    )
    signing_place_en = Ask(
        _("Place of signing in English"),
        help_text=_(
            "The English column prints this name. Required for a place the contract does not know in both "
            "languages; a major city (上海, Shanghai …) needs none."
        ),
    )
    effective_date = Ask(_("Effective date"), help_text=_("Leave empty for the date of signature."))
    buyer_execution = Ask(_("Your company executes by"), choices=EXECUTION_CHOICES)
    vendor_execution = Ask(
        _("The vendor executes by"),
        choices=EXECUTION_CHOICES,
        blank_label=_("The usual: a Chinese company seals, a foreign company signs only"),
        help_text=_(
            "A party that signs only is bound by its authorised signatory's signature: the contract's "
            "effectiveness, amendments and notices do not depend on a seal it does not have."
        ),
    )

    step = "parties"


class OtherModuleRow(Questions):
    row_of = ("scope", "other_modules")
    name = Ask(_("Module"))
    name_en = english_str(_("Module in English"), in_row=True)
    description = Ask(_("Description"))
    description_en = english_text(_("Description in English"))


class IntegrationRow(Questions):
    row_of = ("scope", "integrations")
    system = Ask(_("System"))
    system_en = english_str(_("System in English"), in_row=True)
    direction = Ask(
        _("Direction"),
        choices=[
            ("inbound", _("Into the service (import)")),
            ("outbound", _("Out of the service (export)")),
            ("both", _("Both ways")),
        ],
    )
    description = Ask(_("Description"))
    description_en = english_text(_("Description in English"))


class RequirementRow(Questions):
    row_of = ("scope", "requirements")
    id = Ask(_("ID"))
    text = Ask(_("Requirement"))
    text_en = english_text(_("Requirement in English"))
    priority = Ask(_("Priority"), choices=[("must", _("Must")), ("should", _("Should"))])
    acceptance_test = Ask(_("Acceptance test"))
    acceptance_test_en = english_text(_("Acceptance test in English"))
    needs_modules = Ask(_("Needs module(s)"), choices=MODULES)


class Scope(Questions):
    groups = (
        (
            _("What you buy"),
            ("deployment", "modules", "edition", "edition_en", "seat_count", "environments", "affiliates_may_use"),
        ),
        (_("Protection"), ("no_material_reduction", "custom_development", "custom_dev_owner")),
    )

    deployment = Ask(
        _("Deployment"),
        choices=[
            ("saas", _("SaaS (public cloud)")),
            ("private_cloud", _("Private cloud")),
            ("on_premise", _("On premise")),
        ],
    )
    modules = Ask(_("Modules"), choices=MODULES)
    edition = Ask(_("Edition"))
    edition_en = english_str(_("Edition in English"))
    seat_count = Ask(_("Licensed users (named)"))
    affiliates_may_use = Ask(_("The buyer's affiliates may use the service"))
    environments = Ask(_("Environments"), choices=[("production", _("Production")), ("sandbox", _("Sandbox"))])
    no_material_reduction = Ask(_("The vendor may not materially reduce the functions bought"))
    custom_development = Ask(_("Includes custom development"))
    custom_dev_owner = Ask(
        _("Owner of custom development results"),
        choices=[
            ("buyer", _("The buyer owns them")),
            ("vendor_with_licence", _("The vendor owns them, the buyer has a licence")),
        ],
    )

    step = "scope"


class MilestoneRow(Questions):
    row_of = ("implementation", "milestones")
    name = Ask(_("Milestone"))
    name_en = english_str(_("Milestone in English"), in_row=True)
    due_date = Ask(_("Complete by"))
    # xgettext:no-python-format
    payment_pct = Ask(_("Payment (% of the one-time fees)"))


class Implementation(Questions):
    groups = (
        (
            _("Implementation"),
            ("has_implementation", "go_live_date", "recurring_fees_from", "status_report_frequency"),
        ),
        (
            _("Data migration"),
            (
                "migrating",
                "migration_source",
                "record_count",
                "migration_owner",
                "migration_method",
                "reconciliation_threshold_pct",
                "parallel_run_days",
                "data_loss_remedy",
            ),
        ),
        (_("Acceptance"), ("acceptance_days", "retest_cycles", "deemed_acceptance")),
    )

    has_implementation = Ask(_("The vendor implements the system"))
    go_live_date = Ask(_("Go-live date"))
    recurring_fees_from = Ask(
        _("Recurring fees start at"),
        choices=[("acceptance", _("Final acceptance")), ("go_live", _("Go-live"))],
        help_text=_(
            "The first service year starts then too; the months before it are free and the last service "
            "year of the term is charged pro rata."
        ),
    )
    status_report_frequency = Ask(
        _("Status reports"),
        choices=[("weekly", _("Weekly")), ("biweekly", _("Every two weeks")), ("monthly", _("Monthly"))],
    )
    migrating = Ask(_("Data is migrated from an existing system"))
    migration_source = Ask(
        _("Migration source"),
        choices=[
            ("spreadsheet", _("Spreadsheets")),
            ("legacy_crm", _("Legacy CRM")),
            ("other_saas", _("Another SaaS")),
        ],
    )
    record_count = Ask(_("Records to migrate"))
    migration_owner = Ask(
        _("Who migrates"), choices=[("vendor", _("The vendor")), ("buyer", _("The buyer")), ("joint", _("Jointly"))]
    )
    migration_method = Ask(
        _("Migration method"), choices=[("csv_import", _("CSV import")), ("api", _("API")), ("etl", _("ETL tool"))]
    )
    reconciliation_threshold_pct = Ask(_("Reconciliation threshold %"))
    parallel_run_days = Ask(_("Parallel run (days)"))
    data_loss_remedy = Ask(
        _("Remedy for data lost in migration"),
        choices=[
            ("remigrate_at_vendor_cost", _("Re-migration at the vendor's cost")),
            ("remigrate_plus_damages", _("Re-migration plus damages")),
        ],
    )
    acceptance_days = Ask(
        _("Acceptance period (working days)"),
        help_text=_(
            "Counted from the vendor's notice that it is ready, with complete documents; also the time "
            "the vendor has to fix what failed."
        ),
    )
    retest_cycles = Ask(_("Retest cycles"))
    deemed_acceptance = Ask(_("Deemed acceptance if the buyer stays silent after a written reminder"))

    step = "implementation"


class Term(Questions):
    groups = (
        (_("Term"), ("start_date", "initial_term_months")),
        (_("Renewal"), ("auto_renew", "renewal_term_months", "non_renewal_notice_days")),
        (_("Termination"), ("cure_days", "buyer_convenience_termination", "convenience_notice_days")),
    )

    start_date = Ask(_("Service start date"))
    initial_term_months = Ask(_("Initial term (months)"))
    auto_renew = Ask(_("Renews automatically"))
    renewal_term_months = Ask(_("Renewal term (months)"))
    non_renewal_notice_days = Ask(_("Notice of non-renewal (days before the end)"))
    cure_days = Ask(
        _("Cure period for a breach (days)"),
        help_text=_(
            "The contract uses the same period for the buyer's payment after a demand, for force majeure "
            "before either party may terminate, and for restoring a removed function."
        ),
    )
    buyer_convenience_termination = Ask(_("The buyer may terminate for convenience"))
    convenience_notice_days = Ask(_("Notice for termination for convenience (days)"))

    step = "term"


AVAILABILITY_CHOICES = [(v, f"{v}%") for v in schema.AVAILABILITY_TARGETS]


class CreditTierRow(Questions):
    row_of = ("sla", "credit_table")
    below_pct = Ask(_("Availability below %"))
    # xgettext:no-python-format
    credit = Ask(_("Credit (% of the monthly fee; days for a term extension)"))


class SeverityRow(Questions):
    row_of = ("sla", "severity_targets")
    level = Ask(_("Severity"), choices=[(v, v) for v in schema.SEVERITY_LEVELS])
    response_minutes = Ask(_("Response (minutes)"))
    resolution_hours = Ask(_("Resolution (hours, 0 = next release)"))


class Sla(Questions):
    groups = (
        (
            _("Availability and remedies"),
            (
                "availability_target_pct",
                "remedy_form",
                "credit_claim_days",
                "credit_cap_pct",
                "chronic_failure_consecutive_months",
                "chronic_failure_months_in_12",
                "credits_exclusive_remedy",
            ),
        ),
        (
            _("Maintenance and support"),
            ("maintenance_notice_days", "maintenance_max_hours_month", "support_hours", "support_language"),
        ),
        (_("Backup and recovery"), ("rpo_hours", "rto_hours", "backup_frequency", "backup_retention_days")),
        (_("Upgrades and changes"), ("upgrades_included", "change_notice_days")),
    )

    availability_target_pct = Ask(_("Availability target per calendar month"), choices=AVAILABILITY_CHOICES)
    remedy_form = Ask(
        _("Remedy when the target is missed"),
        choices=[("fee_credit", _("Fee credit")), ("term_extension", _("Term extension")), ("refund", _("Refund"))],
    )
    credit_claim_days = Ask(
        _("Days to claim a missing credit"),
        help_text=_("From receipt of the monthly report; the vendor grants the credits in the report without a claim."),
    )
    # xgettext:no-python-format
    credit_cap_pct = Ask(_("Credit cap (% of the monthly fee)"))
    credits_exclusive_remedy = Ask(
        _("Credits are the only money remedy for missed availability"),
        help_text=_(
            "The chronic-failure exit and claims for wilful misconduct, gross negligence and data "
            "security incidents remain."
        ),
    )
    chronic_failure_consecutive_months = Ask(_("Chronic failure: consecutive months missed"))
    chronic_failure_months_in_12 = Ask(_("Chronic failure: months missed in any 12"))
    maintenance_notice_days = Ask(_("Notice of scheduled maintenance (days)"))
    maintenance_max_hours_month = Ask(_("Scheduled maintenance per month at most (hours)"))
    support_hours = Ask(
        _("Support hours"),
        choices=[
            ("5x8", _("5×8 (working hours)")),
            ("7x24", _("7×24")),
            ("5x8_with_p1_7x24", _("5×8, with 7×24 for P1")),
        ],
    )
    support_language = Ask(
        _("Support language"), choices=[("zh", _("Chinese")), ("en", _("English")), ("zh_en", _("Chinese and English"))]
    )
    rpo_hours = Ask(_("Recovery point objective, RPO (hours)"))
    rto_hours = Ask(_("Recovery time objective, RTO (hours)"))
    backup_frequency = Ask(
        _("Backups"), choices=[("hourly", _("Hourly")), ("daily", _("Daily")), ("weekly", _("Weekly"))]
    )
    backup_retention_days = Ask(_("Backup retention (days)"))
    upgrades_included = Ask(_("Upgrades included in the fee"))
    change_notice_days = Ask(_("Notice of changes to the service (days)"))

    # A term extension is counted in days and has no money cap (sla.credits prints none).
    step = "sla"


PRICING_MODELS = [
    ("per_seat", _("Per user")),
    ("per_module", _("Per module")),
    ("usage_based", _("Usage based")),
    ("perpetual", _("Perpetual licence")),
]


class ModulePriceRow(Questions):
    row_of = ("pricing", "module_prices")
    module = Ask(_("Module"))
    module_en = english_str(_("Module in English"), in_row=True)
    quantity = Ask(_("Quantity"))
    unit_price_year = Ask(_("Unit price per year"))


class UsageAddonRow(Questions):
    row_of = ("pricing", "usage_addons")
    name = Ask(_("Usage charge"))
    name_en = english_str(_("Usage charge in English"), in_row=True)
    estimated_fee_year = Ask(_("Estimated fee per year"))
    # xgettext:no-python-format
    alert_pct = Ask(_("Alert at % of the estimate"))


class OneTimeFeeRow(Questions):
    row_of = ("pricing", "one_time_fees")
    name = Ask(_("Item"))
    name_en = english_str(_("Item in English"), in_row=True)
    amount = Ask(_("Amount"))


class Pricing(Questions):
    groups = (
        (
            _("Pricing model"),
            (
                "currency",
                "pricing_model",
                "unit_price_per_seat_year",
                "usage_metric",
                "usage_metric_en",
                "included_units",
                "overage_rate",
                "estimated_usage_fee_year",
                "spend_alert_pct",
                "licence_fee",
                "maintenance_pct",
                "hosting_fee_year",
                "warranty_months",
            ),
        ),
        (
            _("Tax and invoices"),
            (
                "tax_inclusive",
                "vat_rate_pct",
                "invoice_type",
                "buyer_invoice_address_phone",
                "buyer_invoice_address_phone_en",
                "buyer_invoice_bank_account",
                "buyer_invoice_bank_account_en",
                "gross_up",
                "withholding_eit_pct",
            ),
        ),
        (
            _("Payment"),
            (
                "payment_schedule",
                "payment_terms_days",
                "late_interest_pct_month",
                "vendor_bank_name",
                "vendor_bank_name_en",
                "vendor_bank_account",
            ),
        ),
        (_("Price increases"), ("escalation_type", "escalation_cap_pct", "price_lock_months", "tco_years")),
    )

    currency = Ask(_("Currency"), choices=CURRENCIES)
    pricing_model = Ask(_("Pricing model"), choices=PRICING_MODELS)
    unit_price_per_seat_year = Ask(_("Price per user per year"))
    usage_metric = Ask(_("Usage metric"))
    usage_metric_en = english_str(_("Usage metric in English"))
    included_units = Ask(_("Units included per service year"))
    overage_rate = Ask(_("Price per unit above the included units"))
    estimated_usage_fee_year = Ask(_("Estimated usage fee per year"))
    # xgettext:no-python-format
    spend_alert_pct = Ask(
        _("Usage alert at %"),
        help_text=_(
            "The vendor warns you in writing when a year's usage reaches this share of the included "
            "units, and when the year's usage fees reach this share of the estimate."
        ),
    )
    licence_fee = Ask(_("Licence fee (one time)"))
    # xgettext:no-python-format
    maintenance_pct = Ask(_("Maintenance per year (% of the licence fee)"))
    hosting_fee_year = Ask(_("Hosting fee per year"))
    warranty_months = Ask(
        _("Warranty before maintenance is payable (months)"),
        help_text=_(
            "From the start of the first service year; support, fixes and upgrades are free meanwhile. Blank or 0: none."
        ),
    )
    tax_inclusive = Ask(_("Prices include VAT"))
    vat_rate_pct = Ask(_("VAT rate %"))
    invoice_type = Ask(
        _("Invoice type"),
        choices=[
            ("special_vat", _("Special VAT invoice")),
            ("general_vat", _("General VAT invoice")),
            ("commercial_invoice", _("Commercial invoice")),
        ],
    )
    buyer_invoice_address_phone = Ask(
        _("Your address and telephone for invoices"),
        help_text=_("As on your VAT invoices (开票信息); the name and taxpayer number are the buyer's name and code."),
    )
    buyer_invoice_address_phone_en = english_str(_("Your address and telephone for invoices in English"))
    buyer_invoice_bank_account = Ask(
        _("Your bank and account number for invoices"), help_text=_("Blank prints a line to fill in.")
    )
    buyer_invoice_bank_account_en = english_str(_("Your bank and account number for invoices in English"))
    gross_up = Ask(
        _("Vendor abroad: you pay the withheld taxes on top of the fees (gross-up)"),
        help_text=_(
            "Only for a foreign vendor. You withhold 6 % VAT and, on royalties, enterprise income tax. "
            "Unticked (the usual): the fees include all the vendor's taxes and you pay it the rest. "
            "Ticked: the vendor receives the fees in full and your cost rises by the taxes."
        ),
    )
    # xgettext:no-python-format
    withholding_eit_pct = Ask(
        _("Vendor abroad: withholding enterprise income tax %"),
        help_text=_(
            "10 %, or the lower rate of the tax treaty with the vendor's country; the vendor must give you "
            "its tax-residence certificate to get the treaty rate."
        ),
    )
    payment_schedule = Ask(
        _("Payment schedule"),
        choices=[
            ("annual_advance", _("Yearly in advance")),
            ("quarterly", _("Quarterly in advance")),
            ("monthly", _("Monthly in arrears")),
            ("milestones", _("By milestones")),
        ],
    )
    payment_terms_days = Ask(
        _("Days to pay after a valid invoice"), help_text=_("The vendor's refunds are due within the same period.")
    )
    late_interest_pct_month = Ask(_("Late-payment interest % per month"))
    vendor_bank_name = Ask(
        _("Vendor's bank"),
        help_text=_(
            "The account must be in the vendor's own name; a change takes effect only after you call the vendor "
            "back at the number in the contract. Blank prints a line to fill in."
        ),
    )
    vendor_bank_name_en = english_str(_("Vendor's bank in English"))
    vendor_bank_account = Ask(_("Vendor's account number"))
    escalation_type = Ask(
        _("Price increases"),
        choices=[
            ("none", _("None")),
            ("fixed", _("Fixed %")),
            ("capped_pct", _("Capped %")),
            ("cpi_capped", _("CPI, capped")),
        ],
    )
    escalation_cap_pct = Ask(
        _("Yearly price increase at most %"),
        help_text=_(
            "Once a service year after the price lock, renewal years included; with a fixed increase, "
            "the increase itself."
        ),
    )
    price_lock_months = Ask(_("Prices fixed for the first (months)"))
    tco_years = Ask(
        _("Total cost of ownership horizon (years)"),
        help_text=_("3 years for subscriptions, 5 for a perpetual licence."),
    )

    step = "pricing"


class EuAffiliateRow(Questions):
    row_of = ("data", "eu_affiliates")
    name = Ask(_("Affiliate"))
    name_en = english_str(_("Affiliate in English"), in_row=True)
    country = Ask(_("Country or region"))


class Data(Questions):
    groups = (
        (
            _("Where the data lives"),
            (
                "data_location",
                "personal_info",
                "sensitive_pi",
                "cross_border",
                "cn_individuals_per_year",
                "cn_sensitive_per_year",
                "is_ciio",
                "gdpr_applies",
                "gdpr_transfer",
                "gdpr_transfer_mechanism",
            ),
        ),
        (
            _("Security"),
            (
                "breach_notice_hours",
                "security_certifications_required",
                "certification_deadline",
                "subprocessor_notice_days",
                "confidentiality_years",
                "audit_rights",
            ),
        ),
        (
            _("Getting your data back"),
            (
                "export_formats",
                "export_on_request_days",
                "post_term_access_days",
                "deletion_days",
                "deletion_certificate",
            ),
        ),
    )

    data_location = Ask(
        _("Where the data is stored"),
        choices=[
            ("mainland_cn", _("Mainland China")),
            ("eu", _("European Union")),
            ("us", _("United States")),
            ("other", _("Elsewhere")),
        ],
    )
    personal_info = Ask(_("The service processes personal information"))
    sensitive_pi = Ask(_("Including sensitive personal information"))
    cross_border = Ask(
        _("Personal information leaves mainland China or is accessed from abroad"),
        help_text=_("Always true when the data is stored outside mainland China."),
    )
    cn_individuals_per_year = Ask(_("Individuals in China whose data leaves per year"))
    cn_sensitive_per_year = Ask(_("Of them, individuals with sensitive data"))
    is_ciio = Ask(_("The buyer is a critical information infrastructure operator"))
    gdpr_applies = Ask(_("The GDPR applies"))
    gdpr_transfer = Ask(
        _("Personal data under the GDPR leaves the EU/EEA"),
        help_text=_(
            "To the vendor, its sub-processors or your own staff abroad. Always true when the data is stored "
            "outside the EU."
        ),
    )
    gdpr_transfer_mechanism = Ask(
        _("GDPR transfer mechanism"),
        choices=[
            ("scc_module_2", _("Standard Contractual Clauses, module 2 (controller to processor)")),
            ("scc_module_3", _("Standard Contractual Clauses, module 3 (processor to processor)")),
            ("adequacy", _("Adequacy decision of the European Commission")),
        ],
    )
    breach_notice_hours = Ask(_("Breach notice within (hours)"))
    security_certifications_required = Ask(
        _("Certifications the vendor must hold"),
        choices=[
            ("iso27001", "ISO/IEC 27001"),
            ("mlps_level3", _("MLPS level 3 (等保三级)")),
            ("soc2", "SOC 2 Type II"),
        ],
    )
    certification_deadline = Ask(
        _("A required certification the vendor lacks must be obtained by"),
        help_text=_(
            "Only when the vendor does not hold a certification you require (the vendor step lists what it "
            "holds). Blank: before go-live. If it is missed you may terminate and get back everything paid."
        ),
    )
    audit_rights = Ask(_("The buyer may audit the vendor"))
    subprocessor_notice_days = Ask(_("Notice of new or replaced subcontractors, cloud providers included (days)"))
    confidentiality_years = Ask(_("Confidentiality after the term (years)"))
    export_formats = Ask(_("Export formats"), choices=[("csv", "CSV"), ("json", "JSON"), ("xml", "XML")])
    export_on_request_days = Ask(_("Export on request within (days)"))
    post_term_access_days = Ask(_("Access after termination or expiry (days)"))
    deletion_days = Ask(_("Deletion after that window (days)"))
    deletion_certificate = Ask(_("Certificate of deletion"))

    step = "data"


class Legal(Questions):
    groups = (
        (
            _("Liability"),
            (
                "liability_cap_months",
                "data_breach_supercap_multiple",
                "delay_ld_pct_per_day",
                "ld_total_cap_pct",
                "ip_indemnity_uncapped",
            ),
        ),
        (
            _("Vendor stability and exit"),
            (
                "escrow",
                "escrow_agent",
                "escrow_agent_en",
                "escrow_data_refresh_hours",
                "transition_assistance_days",
                "change_of_control_notice",
            ),
        ),
        (
            _("Disputes"),
            (
                "negotiation_days",
                "forum",
                "arbitration_commission",
                "arbitration_commission_other",
                "arbitration_commission_other_en",
                "arbitration_seat",
                "arbitration_seat_en",
                "arbitration_language",
                "court_place",
                "governing_law",
                "governing_law_other",
                "governing_law_other_en",
            ),
        ),
    )

    liability_cap_months = Ask(_("Liability cap (months of fees)"))
    data_breach_supercap_multiple = Ask(_("Data-security cap (multiple of the general cap)"))
    ip_indemnity_uncapped = Ask(_("IP indemnity without a cap"))
    # xgettext:no-python-format
    delay_ld_pct_per_day = Ask(_("Delay damages per day (% of the total contract value)"))
    # xgettext:no-python-format
    ld_total_cap_pct = Ask(_("Delay damages cap (% of the total contract value)"))
    escrow = Ask(
        _("Escrow"),
        choices=[
            ("none", _("None")),
            ("source_code", _("Source-code escrow")),
            ("saas_continuity", _("SaaS continuity escrow")),
        ],
    )
    escrow_agent = Ask(
        _("Escrow agent"), help_text=_("Its full name. Blank: the contract prints a blank to fill in before signing.")
    )
    escrow_agent_en = english_str(_("Escrow agent in English"))
    escrow_data_refresh_hours = Ask(
        _("Data deposit refreshed at least every (hours)"),
        help_text=_("How old the copy of your data kept by the escrow agent may be; 24 or blank means at least daily."),
    )
    change_of_control_notice = Ask(_("Notice of a change of control of the vendor"))
    transition_assistance_days = Ask(_("Transition assistance (days)"))
    negotiation_days = Ask(
        _("Negotiation before arbitration or court (days)"),
        help_text=_("Counted from a party's written request to negotiate."),
    )
    forum = Ask(_("Disputes go to"), choices=[("arbitration", _("Arbitration")), ("court", _("Court"))])
    arbitration_commission = Ask(
        _("Arbitration commission"),
        choices=[
            ("CIETAC", _("CIETAC")),
            ("SHIAC", _("SHIAC (Shanghai International Arbitration Center)")),
            ("BAC", _("BAC (Beijing Arbitration Commission)")),
            ("SCIA", _("SCIA (Shenzhen Court of International Arbitration)")),
            ("other", _("Another commission")),
        ],
    )
    arbitration_commission_other = Ask(_("Name of the commission"))
    arbitration_commission_other_en = english_str(_("Name of the commission in English"))
    arbitration_seat = Ask(
        _("Seat of arbitration"),
        help_text=_("A major city or seat (北京, Hong Kong, Singapore, London …) prints in both languages by itself."),
    )
    arbitration_seat_en = Ask(
        _("Seat of arbitration in English"),
        help_text=_(
            "For the English column of the bilingual contract; only for a seat the contract does not know in "
            "both languages."
        ),
    )
    arbitration_language = Ask(_("Language of arbitration"), choices=LANGUAGE_CHOICES)
    court_place = Ask(
        _("Court at"),
        choices=[
            ("buyer_domicile", _("The buyer's domicile")),
            ("vendor_domicile", _("The vendor's domicile")),
            ("signing_place", _("The place of signing")),
            ("performance_place", _("The place of performance")),
        ],
    )
    governing_law = Ask(
        _("Governing law"),
        choices=[
            ("PRC", _("Law of the People's Republic of China")),
            ("other", _("Another law (foreign vendor only)")),
        ],
    )
    governing_law_other = Ask(_("Which law"))
    governing_law_other_en = english_str(_("Which law, in English"))

    step = "legal"


STEPS = {q.step: q for q in (Parties, Scope, Implementation, Term, Sla, Pricing, Data, Legal)}
ROWS = {
    q.row_of: q
    for q in (
        OtherModuleRow,
        IntegrationRow,
        RequirementRow,
        MilestoneRow,
        CreditTierRow,
        SeverityRow,
        ModulePriceRow,
        UsageAddonRow,
        OneTimeFeeRow,
        EuAffiliateRow,
    )
}
