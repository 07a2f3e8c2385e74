"""The eight wizard steps as forms, with every field of shared/design/answers.md."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from contracts.terms.answers import ASKED_IF
from contracts.terms.data import effective_cross_border, effective_gdpr_transfer
from contracts.terms.document import DocumentRefused, parse_answers
from contracts.terms.identifiers import uscc_is_valid
from contracts.terms.places import has_cjk, known_city
from contracts.terms.validation import INVALID_CODE
from contracts.wizard.fields import (
    CountryField,
    DecimalChoiceField,
    RowForm,
    StepForm,
    bool_field,
    choice_field,
    date_field,
    int_field,
    money_field,
    multi_field,
    pct_field,
    range_errors,
    row_formset,
    str_field,
    text_field,
    title_field,
)

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
EMAIL_ERRORS = {"invalid": _("Enter a valid email address, such as name@example.com.")}


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


def english_str(label, *, in_row: bool = False, help_text=ENGLISH_HELP) -> forms.CharField:
    """The English companion (`<field>_en`) of a one-line free text: shown only for a bilingual contract
    (in a list row, under its Chinese, with the list's one explanation instead of a help text each)."""
    field = str_field(label, help_text="" if in_row else help_text)
    field.widget.attrs["placeholder"] = _("English")
    return field


def english_text(label) -> forms.CharField:
    """The English companion of a multi-line free text in a list row: shown only for a bilingual contract."""
    field = text_field(label)
    field.widget.attrs["placeholder"] = _("English")
    return field


class PartiesForm(StepForm):
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

    buyer_name = str_field(_("Buyer (Party A) name"), required=True)
    buyer_uscc = str_field(
        _("Buyer unified social credit code"),
        required=True,
        max_length=18,
        help_text=_("18 characters, with its check character (GB 32100-2015)."),
    )
    buyer_name_en = english_str(_("Buyer name in English"), help_text=NAME_EN_HELP)
    buyer_address = str_field(_("Buyer address"))
    buyer_address_en = english_str(_("Buyer address in English"))
    buyer_representative = str_field(_("Buyer legal or authorised representative"))
    buyer_representative_en = english_str(_("Buyer representative in English"))
    buyer_contact_name = str_field(_("Buyer contact name"))
    buyer_contact_name_en = english_str(_("Buyer contact name in English"))
    buyer_contact_email = forms.EmailField(
        label=_("Buyer contact email"), required=False, max_length=200, error_messages=EMAIL_ERRORS
    )
    buyer_contact_phone = str_field(_("Buyer contact phone"))
    vendor_name = str_field(_("Vendor (Party B) name"), required=True)
    vendor_name_en = english_str(_("Vendor name in English"), help_text=NAME_EN_HELP)
    vendor_is_foreign = bool_field(_("The vendor is a foreign company"))
    vendor_uscc = str_field(
        _("Vendor unified social credit code"), max_length=18, help_text=_("Required unless the vendor is foreign.")
    )
    vendor_country = CountryField(_("Vendor country or region"), initial="CN")
    vendor_address = str_field(_("Vendor address"))
    vendor_address_en = english_str(_("Vendor address in English"))
    vendor_representative = str_field(_("Vendor legal or authorised representative"))
    vendor_representative_en = english_str(_("Vendor representative in English"))
    vendor_contact_name = str_field(_("Vendor contact name"))
    vendor_contact_name_en = english_str(_("Vendor contact name in English"))
    vendor_contact_email = forms.EmailField(
        label=_("Vendor contact email"), required=False, max_length=200, error_messages=EMAIL_ERRORS
    )
    vendor_contact_phone = str_field(_("Vendor contact phone"))
    vendor_years_in_business = int_field(_("Vendor years in business"), min_value=0, max_value=200)
    vendor_customer_count = int_field(_("Vendor customer count"), min_value=0)
    vendor_certifications = multi_field(_("Vendor certifications"), VENDOR_CERTIFICATIONS)
    contract_language = choice_field(_("Contract language"), CONTRACT_LANGUAGE_CHOICES, initial="zh")
    prevailing_language = choice_field(_("Prevailing language"), LANGUAGE_CHOICES, initial="zh", required=False)
    signing_place = str_field(
        _("Place of signing"),
        help_text=_(
            "In the contract's language; for a bilingual contract, in Chinese. A major city (上海, Shanghai …) "
            "prints in both languages by itself."
        ),
    )
    signing_place_en = str_field(
        _("Place of signing in English"),
        help_text=_(
            "The English column prints this name. Required for a place the contract does not know in both "
            "languages; a major city (上海, Shanghai …) needs none."
        ),
    )
    effective_date = date_field(_("Effective date"), help_text=_("Leave empty for the date of signature."))
    buyer_execution = choice_field(
        _("Your company executes by"),
        EXECUTION_CHOICES,
        initial="seal",
    )
    vendor_execution = choice_field(
        _("The vendor executes by"),
        [("", _("The usual: a Chinese company seals, a foreign company signs only"))] + EXECUTION_CHOICES,
        required=False,
        help_text=_(
            "A party that signs only is bound by its authorised signatory's signature: the contract's "
            "effectiveness, amendments and notices do not depend on a seal it does not have."
        ),
    )

    step = "parties"
    required_if_shown = frozenset({"prevailing_language"})

    def clean_buyer_uscc(self):
        return _checked_code(self.cleaned_data["buyer_uscc"])

    def clean_vendor_uscc(self):
        code = self.cleaned_data["vendor_uscc"]
        return code.strip().upper() if self.cleaned_data.get("vendor_is_foreign") else _checked_code(code)

    def clean(self):
        cleaned = super().clean()
        country, foreign = cleaned.get("vendor_country"), cleaned.get("vendor_is_foreign")
        if country and not foreign and country != "CN":
            self.add_error("vendor_country", forms.ValidationError(DOMESTIC_ABROAD, code="domestic_abroad"))
        elif country == "CN" and foreign:
            self.add_error("vendor_country", forms.ValidationError(FOREIGN_IN_CHINA, code="foreign_in_china"))
        self._check_signing_place(cleaned)
        return cleaned

    def required_by_text(self, name: str) -> bool:
        if name != "signing_place_en":
            return False
        return needs_english_place(self["contract_language"].value(), self["signing_place"].value())

    def _check_signing_place(self, cleaned: dict) -> None:
        """A place the city catalogue does not know prints as typed: an English contract needs it in English,
        a bilingual one its English name as well."""
        place, place_en = (cleaned.get("signing_place") or "").strip(), (cleaned.get("signing_place_en") or "").strip()
        language = cleaned.get("contract_language")
        if not place or known_city(place) or (place_en and known_city(place_en)):
            return
        if language == "en" and has_cjk(place):
            self.add_error("signing_place", forms.ValidationError(PLACE_NOT_IN_ENGLISH, code="place_not_in_english"))
        elif needs_english_place(language, place) and not place_en:
            self.add_error("signing_place_en", forms.ValidationError(PLACE_EN_REQUIRED, code="place_en_required"))
        elif language == "bilingual" and has_cjk(place_en):
            self.add_error("signing_place_en", forms.ValidationError(PLACE_EN_IN_CHINESE, code="place_en_in_chinese"))


def needs_english_place(language: str | None, place: str | None) -> bool:
    """Whether a bilingual contract's place of signing needs its English name: typed in Chinese, and not a
    city the catalogue knows in both languages."""
    return language == "bilingual" and has_cjk(place) and not known_city(place)


PLACE_NOT_IN_ENGLISH = _(
    "The contract is in English: type the place of signing in English (e.g. Pudong New Area, Shanghai). Only a "
    "major city typed in Chinese (上海, 北京 …) is translated by itself."
)
PLACE_EN_REQUIRED = _(
    "The contract does not know this place in English: give its English name (e.g. Pudong New Area, Shanghai), "
    "or the English column cannot name the place of signing."
)
PLACE_EN_IN_CHINESE = _("Type the English name of the place in English, not in Chinese.")
DOMESTIC_ABROAD = _(
    "A vendor that is not foreign is a company of mainland China: choose China, or tick “The vendor is a foreign "
    "company” above."
)
FOREIGN_IN_CHINA = _(
    "A foreign vendor is a company outside mainland China: choose its country or region (Hong Kong, Macao and "
    "Taiwan are listed), or untick “The vendor is a foreign company” above."
)


def _checked_code(code: str) -> str:
    """The check character is tested here too, so a wrong code is marked with the other errors of the
    step, not in a second round once they are fixed (the cross-field rule still requires the code)."""
    code = code.strip().upper()
    if code and not uscc_is_valid(code):
        raise forms.ValidationError(gettext(INVALID_CODE) % {"code": code}, code="invalid_code")
    return code


class OtherModuleForm(RowForm):
    name = str_field(_("Module"), required=True)
    name_en = english_str(_("Module in English"), in_row=True)
    description = text_field(_("Description"))
    description_en = english_text(_("Description in English"))


class IntegrationForm(RowForm):
    system = str_field(_("System"), required=True)
    system_en = english_str(_("System in English"), in_row=True)
    direction = choice_field(
        _("Direction"),
        [
            ("inbound", _("Into the service (import)")),
            ("outbound", _("Out of the service (export)")),
            ("both", _("Both ways")),
        ],
        initial="both",
    )
    description = text_field(_("Description"))
    description_en = english_text(_("Description in English"))


class RequirementForm(RowForm):
    id = str_field(_("ID"), required=True, max_length=20)
    text = text_field(_("Requirement"), required=True)
    text_en = english_text(_("Requirement in English"))
    priority = choice_field(_("Priority"), [("must", _("Must")), ("should", _("Should"))], initial="must")
    acceptance_test = text_field(_("Acceptance test"))
    acceptance_test_en = english_text(_("Acceptance test in English"))
    needs_modules = multi_field(_("Needs module(s)"), MODULES)


class ScopeForm(StepForm):
    groups = (
        (
            _("What you buy"),
            ("deployment", "modules", "edition", "edition_en", "seat_count", "environments", "affiliates_may_use"),
        ),
        (_("Protection"), ("no_material_reduction", "custom_development", "custom_dev_owner")),
    )

    deployment = choice_field(
        _("Deployment"),
        [("saas", _("SaaS (public cloud)")), ("private_cloud", _("Private cloud")), ("on_premise", _("On premise"))],
        initial="saas",
    )
    modules = multi_field(
        _("Modules"), MODULES, required=True, error_messages={"required": _("Choose at least one module.")}
    )
    edition = str_field(_("Edition"))
    edition_en = english_str(_("Edition in English"))
    seat_count = int_field(_("Licensed users (named)"), initial=50, min_value=1, max_value=100000)
    affiliates_may_use = bool_field(_("The buyer's affiliates may use the service"))
    environments = multi_field(
        _("Environments"),
        [("production", _("Production")), ("sandbox", _("Sandbox"))],
        initial=["production"],
        required=True,
    )
    no_material_reduction = bool_field(_("The vendor may not materially reduce the functions bought"), initial=True)
    custom_development = bool_field(_("Includes custom development"))
    custom_dev_owner = choice_field(
        _("Owner of custom development results"),
        [
            ("buyer", _("The buyer owns them")),
            ("vendor_with_licence", _("The vendor owns them, the buyer has a licence")),
        ],
        initial="buyer",
        required=False,
    )

    step = "scope"
    required_if_shown = frozenset({"custom_dev_owner"})


class MilestoneForm(RowForm):
    name = str_field(_("Milestone"), required=True)
    name_en = english_str(_("Milestone in English"), in_row=True)
    due_date = date_field(_("Complete by"), required=True)
    # xgettext:no-python-format
    payment_pct = pct_field(_("Payment (% of the one-time fees)"), required=False)


class ImplementationForm(StepForm):
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

    has_implementation = bool_field(_("The vendor implements the system"), initial=True)
    go_live_date = date_field(_("Go-live date"))
    recurring_fees_from = choice_field(
        _("Recurring fees start at"),
        [("acceptance", _("Final acceptance")), ("go_live", _("Go-live"))],
        initial="acceptance",
        required=False,  # a draft from before this answer: fees start at acceptance, the default
        help_text=_(
            "The first service year starts then too; the months before it are free and the last service "
            "year of the term is charged pro rata."
        ),
    )
    status_report_frequency = choice_field(
        _("Status reports"),
        [("weekly", _("Weekly")), ("biweekly", _("Every two weeks")), ("monthly", _("Monthly"))],
        initial="weekly",
        required=False,
    )
    migrating = bool_field(_("Data is migrated from an existing system"))
    migration_source = choice_field(
        _("Migration source"),
        [("spreadsheet", _("Spreadsheets")), ("legacy_crm", _("Legacy CRM")), ("other_saas", _("Another SaaS"))],
        required=False,
    )
    record_count = int_field(_("Records to migrate"), min_value=0)
    migration_owner = choice_field(
        _("Who migrates"),
        [("vendor", _("The vendor")), ("buyer", _("The buyer")), ("joint", _("Jointly"))],
        initial="vendor",
        required=False,
    )
    migration_method = choice_field(
        _("Migration method"),
        [("csv_import", _("CSV import")), ("api", _("API")), ("etl", _("ETL tool"))],
        required=False,
    )
    reconciliation_threshold_pct = pct_field(
        _("Reconciliation threshold %"), initial=Decimal("99.5"), min_value=Decimal("95"), required=False
    )
    parallel_run_days = int_field(_("Parallel run (days)"), initial=30, max_value=90, required=False)
    data_loss_remedy = choice_field(
        _("Remedy for data lost in migration"),
        [
            ("remigrate_at_vendor_cost", _("Re-migration at the vendor's cost")),
            ("remigrate_plus_damages", _("Re-migration plus damages")),
        ],
        initial="remigrate_plus_damages",
        required=False,
    )
    acceptance_days = int_field(
        _("Acceptance period (working days)"),
        initial=10,
        min_value=5,
        max_value=30,
        help_text=_(
            "Counted from the vendor's notice that it is ready, with complete documents; also the time "
            "the vendor has to fix what failed."
        ),
    )
    retest_cycles = int_field(_("Retest cycles"), initial=2, min_value=1, max_value=3)
    deemed_acceptance = bool_field(_("Deemed acceptance if the buyer stays silent after a written reminder"))

    step = "implementation"
    required_if_shown = frozenset(
        {
            "go_live_date",
            "status_report_frequency",
            "migration_owner",
            "reconciliation_threshold_pct",
            "parallel_run_days",
            "data_loss_remedy",
        }
    )


class TermForm(StepForm):
    groups = (
        (_("Term"), ("start_date", "initial_term_months")),
        (_("Renewal"), ("auto_renew", "renewal_term_months", "non_renewal_notice_days")),
        (_("Termination"), ("cure_days", "buyer_convenience_termination", "convenience_notice_days")),
    )

    start_date = date_field(_("Service start date"), required=True)
    initial_term_months = int_field(_("Initial term (months)"), initial=12, min_value=1, max_value=60)
    auto_renew = bool_field(_("Renews automatically"), initial=True)
    renewal_term_months = int_field(_("Renewal term (months)"), initial=12, min_value=1, max_value=36, required=False)
    non_renewal_notice_days = int_field(
        _("Notice of non-renewal (days before the end)"), initial=30, min_value=15, max_value=180, required=False
    )
    cure_days = int_field(
        _("Cure period for a breach (days)"),
        initial=30,
        min_value=10,
        max_value=60,
        help_text=_(
            "The contract uses the same period for the buyer's payment after a demand, for force majeure "
            "before either party may terminate, and for restoring a removed function."
        ),
    )
    buyer_convenience_termination = bool_field(_("The buyer may terminate for convenience"), initial=True)
    convenience_notice_days = int_field(
        _("Notice for termination for convenience (days)"), initial=30, min_value=0, max_value=180, required=False
    )

    step = "term"
    required_if_shown = frozenset(ASKED_IF[step])


AVAILABILITY_CHOICES = [(v, f"{v}%") for v in ("99.0", "99.5", "99.9", "99.95", "99.99")]
DEFAULT_CREDIT_TABLE = [
    {"below_pct": Decimal("99.9"), "credit": Decimal("25")},
    {"below_pct": Decimal("99.0"), "credit": Decimal("50")},
    {"below_pct": Decimal("95.0"), "credit": Decimal("100")},
]
# A term extension credits days, not a share of the fee: the same tiers in days (Google Workspace's
# form, contract-checklist.md). The step offers them when the buyer switches an untouched table.
DEFAULT_EXTENSION_DAYS = [Decimal("3"), Decimal("7"), Decimal("15")]


def default_tier_limits(target: Decimal) -> list[Decimal]:
    """Where the default tiers start for another availability target: the first at the target (the
    contract requires it), the lower ones where they are (99 %, 95 %) while below it, a missing one
    halfway. The step moves an untouched table to these when the buyer changes the target."""
    limits = [target] + [row["below_pct"] for row in DEFAULT_CREDIT_TABLE[1:] if row["below_pct"] < target]
    while len(limits) < len(DEFAULT_CREDIT_TABLE):
        limits.insert(1, (limits[0] + limits[1]) / 2)
    return limits


DEFAULT_SEVERITY_TARGETS = [
    {"level": "P1", "response_minutes": 30, "resolution_hours": 4},
    {"level": "P2", "response_minutes": 120, "resolution_hours": 12},
    {"level": "P3", "response_minutes": 480, "resolution_hours": 56},
    {"level": "P4", "response_minutes": 960, "resolution_hours": 0},
]
SEVERITY_LEVELS = ("P1", "P2", "P3", "P4")


class CreditTierForm(RowForm):
    below_pct = pct_field(_("Availability below %"), required=True)
    # xgettext:no-python-format
    credit = forms.DecimalField(
        label=_("Credit (% of the monthly fee; days for a term extension)"),
        min_value=Decimal("0"),
        max_digits=7,
        decimal_places=2,
        error_messages=range_errors(Decimal("0"), None),
    )


class SeverityForm(RowForm):
    level = forms.ChoiceField(label=_("Severity"), choices=[(v, v) for v in SEVERITY_LEVELS])
    response_minutes = int_field(_("Response (minutes)"), min_value=1, max_value=10080, required=True)
    resolution_hours = int_field(_("Resolution (hours, 0 = next release)"), min_value=0, max_value=8760, required=True)


class SlaForm(StepForm):
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

    availability_target_pct = DecimalChoiceField(
        label=_("Availability target per calendar month"), choices=AVAILABILITY_CHOICES, initial="99.9"
    )
    remedy_form = choice_field(
        _("Remedy when the target is missed"),
        [("fee_credit", _("Fee credit")), ("term_extension", _("Term extension")), ("refund", _("Refund"))],
        initial="fee_credit",
    )
    credit_claim_days = int_field(
        _("Days to claim a missing credit"),
        initial=30,
        min_value=7,
        max_value=60,
        help_text=_("From receipt of the monthly report; the vendor grants the credits in the report without a claim."),
    )
    # xgettext:no-python-format
    credit_cap_pct = pct_field(_("Credit cap (% of the monthly fee)"), initial=Decimal("100"), required=False)
    credits_exclusive_remedy = bool_field(
        _("Credits are the only money remedy for missed availability"),
        help_text=_(
            "The chronic-failure exit and claims for wilful misconduct, gross negligence and data "
            "security incidents remain."
        ),
    )
    chronic_failure_consecutive_months = int_field(
        _("Chronic failure: consecutive months missed"), initial=2, min_value=1, max_value=12
    )
    chronic_failure_months_in_12 = int_field(
        _("Chronic failure: months missed in any 12"), initial=3, min_value=1, max_value=12
    )
    maintenance_notice_days = int_field(
        _("Notice of scheduled maintenance (days)"), initial=5, min_value=2, max_value=14
    )
    maintenance_max_hours_month = int_field(
        _("Scheduled maintenance per month at most (hours)"), initial=4, min_value=0, max_value=12
    )
    support_hours = choice_field(
        _("Support hours"),
        [("5x8", _("5×8 (working hours)")), ("7x24", _("7×24")), ("5x8_with_p1_7x24", _("5×8, with 7×24 for P1"))],
        initial="5x8_with_p1_7x24",
    )
    support_language = choice_field(
        _("Support language"),
        [("zh", _("Chinese")), ("en", _("English")), ("zh_en", _("Chinese and English"))],
        initial="zh",
    )
    rpo_hours = int_field(_("Recovery point objective, RPO (hours)"), initial=24, min_value=0, max_value=24)
    rto_hours = int_field(_("Recovery time objective, RTO (hours)"), initial=8, min_value=1, max_value=72)
    backup_frequency = choice_field(
        _("Backups"), [("hourly", _("Hourly")), ("daily", _("Daily")), ("weekly", _("Weekly"))], initial="daily"
    )
    backup_retention_days = int_field(_("Backup retention (days)"), initial=30, min_value=7, max_value=365)
    upgrades_included = bool_field(_("Upgrades included in the fee"), initial=True)
    change_notice_days = int_field(_("Notice of changes to the service (days)"), initial=30, min_value=0, max_value=90)

    # A term extension is counted in days and has no money cap (sla.credits prints none).
    step = "sla"
    required_if_shown = frozenset(ASKED_IF[step])


PRICING_MODELS = [
    ("per_seat", _("Per user")),
    ("per_module", _("Per module")),
    ("usage_based", _("Usage based")),
    ("perpetual", _("Perpetual licence")),
]


class ModulePriceForm(RowForm):
    module = str_field(_("Module"), required=True)
    module_en = english_str(_("Module in English"), in_row=True)
    quantity = int_field(_("Quantity"), min_value=1, max_value=100000, required=True)
    unit_price_year = money_field(_("Unit price per year"), required=True)


class UsageAddonForm(RowForm):
    name = str_field(_("Usage charge"), required=True)
    name_en = english_str(_("Usage charge in English"), in_row=True)
    estimated_fee_year = money_field(_("Estimated fee per year"), required=True)
    # xgettext:no-python-format
    alert_pct = pct_field(_("Alert at % of the estimate"), required=False)


class OneTimeFeeForm(RowForm):
    name = str_field(_("Item"), required=True)
    name_en = english_str(_("Item in English"), in_row=True)
    amount = money_field(_("Amount"), required=True)


class PricingForm(StepForm):
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

    currency = choice_field(_("Currency"), CURRENCIES, initial="CNY")
    pricing_model = choice_field(_("Pricing model"), PRICING_MODELS, initial="per_seat")
    unit_price_per_seat_year = money_field(_("Price per user per year"))
    usage_metric = str_field(_("Usage metric"))
    usage_metric_en = english_str(_("Usage metric in English"))
    included_units = int_field(_("Units included per service year"), min_value=0)
    overage_rate = money_field(_("Price per unit above the included units"))
    estimated_usage_fee_year = money_field(_("Estimated usage fee per year"))
    # xgettext:no-python-format
    spend_alert_pct = pct_field(
        _("Usage alert at %"),
        initial=Decimal("80"),
        required=False,
        help_text=_(
            "The vendor warns you in writing when a year's usage reaches this share of the included "
            "units, and when the year's usage fees reach this share of the estimate."
        ),
    )
    licence_fee = money_field(_("Licence fee (one time)"))
    # xgettext:no-python-format
    maintenance_pct = pct_field(
        _("Maintenance per year (% of the licence fee)"),
        initial=Decimal("20"),
        min_value=Decimal("8"),
        max_value=Decimal("25"),
        required=False,
    )
    hosting_fee_year = money_field(_("Hosting fee per year"), initial=Decimal("0"))
    warranty_months = int_field(
        _("Warranty before maintenance is payable (months)"),
        initial=12,
        max_value=12,
        required=False,  # a draft from before this answer: no warranty, its figures unchanged
        help_text=_(
            "From the start of the first service year; support, fixes and upgrades are free meanwhile. Blank or 0: none."
        ),
    )
    tax_inclusive = bool_field(_("Prices include VAT"), initial=True)
    vat_rate_pct = pct_field(_("VAT rate %"), initial=Decimal("6"), max_value=Decimal("20"))
    invoice_type = choice_field(
        _("Invoice type"),
        [
            ("special_vat", _("Special VAT invoice")),
            ("general_vat", _("General VAT invoice")),
            ("commercial_invoice", _("Commercial invoice")),
        ],
        initial="special_vat",
    )
    buyer_invoice_address_phone = str_field(
        _("Your address and telephone for invoices"),
        help_text=_("As on your VAT invoices (开票信息); the name and taxpayer number are the buyer's name and code."),
    )
    buyer_invoice_address_phone_en = english_str(_("Your address and telephone for invoices in English"))
    buyer_invoice_bank_account = str_field(
        _("Your bank and account number for invoices"),
        help_text=_("Blank prints a line to fill in."),
    )
    buyer_invoice_bank_account_en = english_str(_("Your bank and account number for invoices in English"))
    gross_up = bool_field(
        _("Vendor abroad: you pay the withheld taxes on top of the fees (gross-up)"),
        help_text=_(
            "Only for a foreign vendor. You withhold 6 % VAT and, on royalties, enterprise income tax. "
            "Unticked (the usual): the fees include all the vendor's taxes and you pay it the rest. "
            "Ticked: the vendor receives the fees in full and your cost rises by the taxes."
        ),
    )
    # xgettext:no-python-format
    withholding_eit_pct = pct_field(
        _("Vendor abroad: withholding enterprise income tax %"),
        initial=Decimal("10"),
        max_value=Decimal("10"),
        help_text=_(
            "10 %, or the lower rate of the tax treaty with the vendor's country; the vendor must give you "
            "its tax-residence certificate to get the treaty rate."
        ),
    )
    payment_schedule = choice_field(
        _("Payment schedule"),
        [
            ("annual_advance", _("Yearly in advance")),
            ("quarterly", _("Quarterly in advance")),
            ("monthly", _("Monthly in arrears")),
            ("milestones", _("By milestones")),
        ],
        initial="annual_advance",
    )
    payment_terms_days = int_field(
        _("Days to pay after a valid invoice"),
        initial=30,
        max_value=90,
        help_text=_("The vendor's refunds are due within the same period."),
    )
    late_interest_pct_month = pct_field(
        _("Late-payment interest % per month"), initial=Decimal("0.5"), max_value=Decimal("1.5")
    )
    vendor_bank_name = str_field(
        _("Vendor's bank"),
        help_text=_(
            "The account must be in the vendor's own name; a change takes effect only after you call the vendor "
            "back at the number in the contract. Blank prints a line to fill in."
        ),
    )
    vendor_bank_name_en = english_str(_("Vendor's bank in English"))
    vendor_bank_account = str_field(_("Vendor's account number"))
    escalation_type = choice_field(
        _("Price increases"),
        [("none", _("None")), ("fixed", _("Fixed %")), ("capped_pct", _("Capped %")), ("cpi_capped", _("CPI, capped"))],
        initial="capped_pct",
    )
    escalation_cap_pct = pct_field(
        _("Yearly price increase at most %"),
        initial=Decimal("5"),
        max_value=Decimal("10"),
        required=False,
        help_text=_(
            "Once a service year after the price lock, renewal years included; with a fixed increase, "
            "the increase itself."
        ),
    )
    price_lock_months = int_field(_("Prices fixed for the first (months)"), initial=12, max_value=120)
    tco_years = int_field(
        _("Total cost of ownership horizon (years)"),
        initial=3,
        min_value=1,
        max_value=10,
        required=False,
        help_text=_("3 years for subscriptions, 5 for a perpetual licence."),
    )

    step = "pricing"
    required_if_shown = frozenset(
        {
            "unit_price_per_seat_year",
            "usage_metric",
            "estimated_usage_fee_year",
            "spend_alert_pct",
            "licence_fee",
            "maintenance_pct",
            "hosting_fee_year",
            "escalation_cap_pct",
        }
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("tco_years") is None and "tco_years" not in self.errors:
            cleaned["tco_years"] = 5 if cleaned.get("pricing_model") == "perpetual" else 3
        return cleaned


class EuAffiliateForm(RowForm):
    name = str_field(_("Affiliate"), required=True)
    name_en = english_str(_("Affiliate in English"), in_row=True)
    country = CountryField(_("Country or region"), blank=True, required=True)


class DataForm(StepForm):
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

    data_location = choice_field(
        _("Where the data is stored"),
        [
            ("mainland_cn", _("Mainland China")),
            ("eu", _("European Union")),
            ("us", _("United States")),
            ("other", _("Elsewhere")),
        ],
        initial="mainland_cn",
    )
    personal_info = bool_field(_("The service processes personal information"), initial=True)
    sensitive_pi = bool_field(_("Including sensitive personal information"))
    cross_border = bool_field(
        _("Personal information leaves mainland China or is accessed from abroad"),
        help_text=_("Always true when the data is stored outside mainland China."),
    )
    cn_individuals_per_year = int_field(_("Individuals in China whose data leaves per year"), min_value=0)
    cn_sensitive_per_year = int_field(_("Of them, individuals with sensitive data"), min_value=0)
    is_ciio = bool_field(_("The buyer is a critical information infrastructure operator"))
    gdpr_applies = bool_field(_("The GDPR applies"))
    gdpr_transfer = bool_field(
        _("Personal data under the GDPR leaves the EU/EEA"),
        help_text=_(
            "To the vendor, its sub-processors or your own staff abroad. Always true when the data is stored "
            "outside the EU."
        ),
    )
    gdpr_transfer_mechanism = choice_field(
        _("GDPR transfer mechanism"),
        [
            ("scc_module_2", _("Standard Contractual Clauses, module 2 (controller to processor)")),
            ("scc_module_3", _("Standard Contractual Clauses, module 3 (processor to processor)")),
            ("adequacy", _("Adequacy decision of the European Commission")),
        ],
        initial="scc_module_2",
    )
    breach_notice_hours = int_field(_("Breach notice within (hours)"), initial=24, min_value=1, max_value=72)
    security_certifications_required = multi_field(
        _("Certifications the vendor must hold"),
        [("iso27001", "ISO/IEC 27001"), ("mlps_level3", _("MLPS level 3 (等保三级)")), ("soc2", "SOC 2 Type II")],
    )
    certification_deadline = date_field(
        _("A required certification the vendor lacks must be obtained by"),
        help_text=_(
            "Only when the vendor does not hold a certification you require (the vendor step lists what it "
            "holds). Blank: before go-live. If it is missed you may terminate and get back everything paid."
        ),
    )
    audit_rights = bool_field(_("The buyer may audit the vendor"), initial=True)
    subprocessor_notice_days = int_field(
        _("Notice of new or replaced subcontractors, cloud providers included (days)"), initial=30, max_value=180
    )
    confidentiality_years = int_field(_("Confidentiality after the term (years)"), initial=5, min_value=2, max_value=10)
    export_formats = multi_field(
        _("Export formats"), [("csv", "CSV"), ("json", "JSON"), ("xml", "XML")], initial=["csv", "json"]
    )
    export_on_request_days = int_field(_("Export on request within (days)"), initial=7, min_value=1, max_value=30)
    post_term_access_days = int_field(
        _("Access after termination or expiry (days)"), initial=30, min_value=30, max_value=90
    )
    deletion_days = int_field(_("Deletion after that window (days)"), initial=60, min_value=1, max_value=60)
    deletion_certificate = bool_field(_("Certificate of deletion"), initial=True)

    step = "data"
    required_if_shown = frozenset({"cn_individuals_per_year", "cn_sensitive_per_year"})

    def full_clean(self):
        # Data stored abroad is cross-border whatever the box says (terms.data); decide before the dependants.
        location = self.data.get(self.add_prefix("data_location")) if self.is_bound else None
        if self.is_bound and effective_cross_border(location, False):
            self.data = self.data.copy()
            self.data[self.add_prefix("cross_border")] = "true"
        if self.is_bound and effective_gdpr_transfer(location, False):
            self.data = self.data.copy()
            self.data[self.add_prefix("gdpr_transfer")] = "true"
        super().full_clean()


class LegalForm(StepForm):
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

    liability_cap_months = int_field(_("Liability cap (months of fees)"), initial=12, min_value=12, max_value=36)
    data_breach_supercap_multiple = int_field(
        _("Data-security cap (multiple of the general cap)"), initial=3, min_value=1, max_value=5
    )
    ip_indemnity_uncapped = bool_field(_("IP indemnity without a cap"), initial=True)
    # xgettext:no-python-format
    delay_ld_pct_per_day = pct_field(
        _("Delay damages per day (% of the total contract value)"),
        initial=Decimal("0.1"),
        min_value=Decimal("0.05"),
        max_value=Decimal("0.3"),
    )
    # xgettext:no-python-format
    ld_total_cap_pct = pct_field(
        _("Delay damages cap (% of the total contract value)"),
        initial=Decimal("10"),
        min_value=Decimal("5"),
        max_value=Decimal("20"),
    )
    escrow = choice_field(
        _("Escrow"),
        [
            ("none", _("None")),
            ("source_code", _("Source-code escrow")),
            ("saas_continuity", _("SaaS continuity escrow")),
        ],
        initial="none",
    )
    escrow_agent = str_field(
        _("Escrow agent"), help_text=_("Its full name. Blank: the contract prints a blank to fill in before signing.")
    )
    escrow_agent_en = english_str(_("Escrow agent in English"))
    escrow_data_refresh_hours = int_field(
        _("Data deposit refreshed at least every (hours)"),
        initial=24,
        min_value=1,
        max_value=168,
        required=False,  # a draft from before this answer: daily, the default
        help_text=_("How old the copy of your data kept by the escrow agent may be; 24 or blank means at least daily."),
    )
    change_of_control_notice = bool_field(_("Notice of a change of control of the vendor"), initial=True)
    transition_assistance_days = int_field(_("Transition assistance (days)"), initial=60, max_value=180)
    negotiation_days = int_field(
        _("Negotiation before arbitration or court (days)"),
        initial=30,
        max_value=90,
        help_text=_("Counted from a party's written request to negotiate."),
    )
    forum = choice_field(
        _("Disputes go to"), [("arbitration", _("Arbitration")), ("court", _("Court"))], initial="court"
    )
    arbitration_commission = choice_field(
        _("Arbitration commission"),
        [
            ("CIETAC", _("CIETAC")),
            ("SHIAC", _("SHIAC (Shanghai International Arbitration Center)")),
            ("BAC", _("BAC (Beijing Arbitration Commission)")),
            ("SCIA", _("SCIA (Shenzhen Court of International Arbitration)")),
            ("other", _("Another commission")),
        ],
        required=False,
    )
    arbitration_commission_other = str_field(_("Name of the commission"))
    arbitration_commission_other_en = english_str(_("Name of the commission in English"))
    arbitration_seat = str_field(
        _("Seat of arbitration"),
        help_text=_("A major city or seat (北京, Hong Kong, Singapore, London …) prints in both languages by itself."),
    )
    arbitration_seat_en = str_field(
        _("Seat of arbitration in English"),
        help_text=_(
            "For the English column of the bilingual contract; only for a seat the contract does not know in "
            "both languages."
        ),
    )
    arbitration_language = choice_field(_("Language of arbitration"), LANGUAGE_CHOICES, initial="zh", required=False)
    court_place = choice_field(
        _("Court at"),
        [
            ("buyer_domicile", _("The buyer's domicile")),
            ("vendor_domicile", _("The vendor's domicile")),
            ("signing_place", _("The place of signing")),
            ("performance_place", _("The place of performance")),
        ],
        initial="buyer_domicile",
        required=False,
    )
    governing_law = choice_field(
        _("Governing law"),
        [("PRC", _("Law of the People's Republic of China")), ("other", _("Another law (foreign vendor only)"))],
        initial="PRC",
    )
    governing_law_other = str_field(_("Which law"))
    governing_law_other_en = english_str(_("Which law, in English"))

    step = "legal"
    required_if_shown = frozenset(
        {
            "arbitration_commission",
            "arbitration_commission_other",
            "arbitration_language",
            "court_place",
            "governing_law_other",
        }
    )


OtherModuleFormSet = row_formset(OtherModuleForm, max_num=50)
IntegrationFormSet = row_formset(IntegrationForm, max_num=50)
RequirementFormSet = row_formset(RequirementForm, extra=2, max_num=200)
MilestoneFormSet = row_formset(MilestoneForm, extra=1, max_num=30)
CreditTierFormSet = row_formset(CreditTierForm, extra=1, max_num=10, min_num=1)
SeverityFormSet = row_formset(SeverityForm, extra=0, max_num=4, min_num=4)
ModulePriceFormSet = row_formset(ModulePriceForm, extra=1, max_num=50)
UsageAddonFormSet = row_formset(UsageAddonForm, extra=1, max_num=20)
OneTimeFeeFormSet = row_formset(OneTimeFeeForm, extra=1, max_num=30)
EuAffiliateFormSet = row_formset(EuAffiliateForm, extra=1, max_num=50)


MAX_IMPORT_BYTES = 1_000_000


class TitleForm(forms.Form):
    """A draft's title, as typed for a new draft or a rename; a blank one keeps the default."""

    title = title_field(_("Title"))


class ImportForm(forms.Form):
    title = title_field(_("Title"))
    file = forms.FileField(label=_("Answers file (JSON)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        try:
            self.cleaned_data["answers"] = parse_answers(upload.read())
        except DocumentRefused as refused:
            raise forms.ValidationError(document_problem_texts(refused)) from None
        return upload


def document_problem_texts(refused: DocumentRefused) -> list[str]:
    """What is wrong with an answers file, in the UI's language, each as `place: message`."""
    texts = []
    for problem in refused.problems:
        message = gettext(problem.message) % problem.params if problem.params else gettext(problem.message)
        texts.append(f"{problem.place}: {message}" if problem.place else message)
    return texts
