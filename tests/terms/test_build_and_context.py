import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from contracts.terms import VARIABLE_NAMES, VARIABLES, build_terms, terms_context
from tests.terms.sample_answers import complete_answers

D = Decimal

# Every field of shared/design/answers.md, step by step.
ANSWERS_MD_FIELDS = {
    "parties": """buyer_name buyer_uscc buyer_address buyer_representative buyer_contact_name
    buyer_contact_email buyer_contact_phone vendor_name vendor_is_foreign vendor_uscc
    vendor_country vendor_address vendor_representative vendor_contact_name
    vendor_contact_email vendor_contact_phone vendor_years_in_business
    vendor_customer_count vendor_certifications contract_language prevailing_language
    signing_place effective_date""",
    "scope": """deployment modules other_modules edition seat_count affiliates_may_use environments
    integrations requirements no_material_reduction custom_development custom_dev_owner""",
    "implementation": """has_implementation go_live_date status_report_frequency milestones
    migrating migration_source record_count migration_owner migration_method
    reconciliation_threshold_pct parallel_run_days data_loss_remedy acceptance_days
    retest_cycles deemed_acceptance""",
    "term": """start_date initial_term_months auto_renew renewal_term_months non_renewal_notice_days
    cure_days buyer_convenience_termination convenience_notice_days""",
    "sla": """availability_target_pct credit_table remedy_form credit_claim_days credit_cap_pct
    credits_exclusive_remedy chronic_failure_consecutive_months
    chronic_failure_months_in_12 maintenance_notice_days maintenance_max_hours_month
    support_hours support_language severity_targets rpo_hours rto_hours backup_frequency
    backup_retention_days upgrades_included change_notice_days""",
    "pricing": """currency pricing_model unit_price_per_seat_year module_prices usage_metric
    included_units overage_rate estimated_usage_fee_year spend_alert_pct licence_fee
    maintenance_pct hosting_fee_year usage_addons one_time_fees tax_inclusive
    vat_rate_pct invoice_type payment_schedule payment_terms_days
    late_interest_pct_month escalation_type escalation_cap_pct price_lock_months
    tco_years""",
    "data": """data_location personal_info sensitive_pi cross_border cn_individuals_per_year
    cn_sensitive_per_year is_ciio gdpr_applies breach_notice_hours
    security_certifications_required audit_rights subprocessor_notice_days
    confidentiality_years export_formats export_on_request_days post_term_access_days
    deletion_days deletion_certificate""",
    "legal": """liability_cap_months data_breach_supercap_multiple ip_indemnity_uncapped
    delay_ld_pct_per_day ld_total_cap_pct escrow change_of_control_notice
    transition_assistance_days negotiation_days forum arbitration_commission
    arbitration_commission_other arbitration_seat arbitration_language court_place
    governing_law governing_law_other""",
}
LIST_KEYS = {
    ("scope", "other_modules"): {"name", "description", "name_en", "description_en"},
    ("scope", "integrations"): {"system", "direction", "description", "system_en", "description_en"},
    ("scope", "requirements"): {
        "id",
        "text",
        "priority",
        "acceptance_test",
        "needs_modules",
        "text_en",
        "acceptance_test_en",
    },
    ("implementation", "milestones"): {"name", "due_date", "payment_pct", "name_en"},
    ("sla", "credit_table"): {"below_pct", "credit"},
    ("sla", "severity_targets"): {"level", "response_minutes", "resolution_hours"},
    ("pricing", "module_prices"): {"module", "quantity", "unit_price_year", "module_en"},
    ("pricing", "usage_addons"): {"name", "estimated_fee_year", "alert_pct", "name_en"},
    ("pricing", "one_time_fees"): {"name", "amount", "name_en"},
}
# The "Derived values" table of docs/clause-authoring.md.
DERIVED = """contract.number contract.language contract.prevailing_language term.initial_term_end
    term.non_renewal_deadline term.effective_date sla.allowed_downtime_minutes_28
    sla.allowed_downtime_minutes_30 sla.allowed_downtime_minutes_31 sla.credit_tiers
    sla.credit_cap_amount pricing.annual_recurring_fee pricing.monthly_fee
    pricing.yearly_fees pricing.one_time_total pricing.total_contract_value pricing.tco
    pricing.vat_net pricing.vat_tax pricing.vat_gross pricing.milestone_payments
    pricing.liability_cap_amount pricing.breach_cap_amount data.cross_border
    data.pipl_route""".split()


def everything_on():
    """The sample with every conditional group switched on."""
    answers = complete_answers()
    answers["scope"].update(custom_development=True, custom_dev_owner="buyer")
    answers["implementation"].update(
        migrating=True,
        migration_source="legacy_crm",
        record_count=250_000,
        migration_owner="vendor",
        migration_method="etl",
        reconciliation_threshold_pct=D("99.5"),
        parallel_run_days=30,
        data_loss_remedy="remigrate_plus_damages",
    )
    answers["pricing"].update(
        pricing_model="perpetual",
        licence_fee=D("300000"),
        maintenance_pct=D("20"),
        hosting_fee_year=D("0"),
        usage_addons=[{"name": "短信", "estimated_fee_year": D("3000"), "alert_pct": D("80")}],
    )
    answers["data"].update(
        data_location="eu",
        cn_individuals_per_year=150_000,
        cn_sensitive_per_year=0,
        is_ciio=False,
        gdpr_applies=True,
    )
    answers["legal"].update(
        forum="arbitration",
        arbitration_commission="other",
        arbitration_commission_other="香港国际仲裁中心",
        arbitration_seat="香港",
        arbitration_language="zh",
        court_place=None,
    )
    answers["parties"].update(vendor_is_foreign=True, vendor_country="SG")
    answers["legal"].update(governing_law="other", governing_law_other="新加坡法律")
    return answers


PLAIN = (type(None), bool, int, Decimal, str, date)


def assert_plain(value, path="context"):
    if isinstance(value, dict):
        for key, item in value.items():
            assert type(key) is str, path
            assert_plain(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            assert_plain(item, f"{path}[{index}]")
    else:
        assert type(value) in PLAIN, f"{path} is a {type(value).__name__}"


def flat_names(context):
    names = set()
    for section, values in context.items():
        for key, value in values.items():
            names.add(f"{section}.{key}")
            if isinstance(value, list):
                for row in value:
                    if isinstance(row, dict):
                        names.update(f"{section}.{key}[].{item}" for item in row)
    return names


@pytest.mark.parametrize("answers", [complete_answers(), everything_on(), {}], ids=["sample", "all-on", "empty"])
def test_context_is_plain_data_only(answers):
    assert_plain(terms_context(build_terms(answers, contract_number="CRM-2027-0001")))


@pytest.mark.parametrize("answers", [complete_answers(), everything_on(), {}], ids=["sample", "all-on", "empty"])
def test_context_has_every_answer_and_every_derived_value(answers):
    context = terms_context(build_terms(answers))
    assert set(context) == set(ANSWERS_MD_FIELDS) | {"contract"}
    for step, names in ANSWERS_MD_FIELDS.items():
        missing = set(names.split()) - set(context[step])
        assert not missing, f"{step}: {missing}"
    assert not set(DERIVED) - flat_names(context)


def test_list_rows_carry_the_answers_md_keys():
    answers = everything_on()
    answers["pricing"].update(
        pricing_model="per_module",
        module_prices=[{"module": "contacts", "quantity": 1, "unit_price_year": D("20000")}],
    )
    context = terms_context(build_terms(answers))
    for (step, name), keys in LIST_KEYS.items():
        rows = context[step][name]
        assert rows, (step, name)
        assert all(set(row) == keys for row in rows), (step, name)


def test_the_catalogue_names_exactly_what_the_context_holds():
    context = terms_context(build_terms(everything_on()))
    catalogued = {v.name for v in VARIABLES}
    assert flat_names(context) <= catalogued
    assert {name for name in catalogued if "[]" not in name} == {
        f"{section}.{key}" for section, values in context.items() for key in values
    }
    assert VARIABLE_NAMES == {name for name in catalogued if "[]" not in name}


def test_catalogue_entries_have_a_type_and_a_meaning():
    assert ("sla.availability_target_pct", "pct") in {(v.name, v.type) for v in VARIABLES}
    assert "sla.credit_tiers[].amount" in {v.name for v in VARIABLES}
    assert all(v.type and v.meaning for v in VARIABLES)
    assert {v.name for v in VARIABLES if v.derived} >= set(DERIVED) - {"data.cross_border"}


def test_derived_values_of_the_sample():
    context = terms_context(build_terms(complete_answers(), contract_number="CRM-2027-0001"))
    assert context["contract"] == {
        "number": "CRM-2027-0001",
        "language": "bilingual",
        "prevailing_language": "zh",
    }
    assert context["term"]["initial_term_end"] == date(2027, 12, 31)
    assert context["term"]["non_renewal_deadline"] == date(2027, 12, 1)
    assert context["term"]["effective_date"] == date(2026, 12, 15)
    assert context["sla"]["allowed_downtime_minutes_30"] == D("43.2")
    assert context["sla"]["credit_tiers"][0] == {
        "below_pct": D("99.9"),
        "credit": D("25"),
        "amount": D("1250"),
    }
    # recurring fees from acceptance, expected 14 April 2027: 8 months and 18 days of 60,000 a year
    assert context["pricing"]["fees_start_date"] == date(2027, 4, 14)
    assert context["pricing"]["yearly_fees"] == [
        {"year": 1, "recurring": D("42903.23"), "one_time": D("20000"), "total": D("62903.23")}
    ]
    assert context["pricing"]["tco"] == D("209150")
    assert context["data"]["cross_border"] is False
    assert context["data"]["pipl_route"] == "none"
    assert context["scope"]["modules"] == [
        "contacts",
        "leads_opportunities",
        "quotes_orders",
        "analytics",
        "mobile",
    ]


def test_no_non_renewal_deadline_without_auto_renewal():
    answers = complete_answers()
    answers["term"]["auto_renew"] = False
    term = build_terms(answers).term
    assert term.non_renewal_deadline is None
    assert term.renewal_term_months is None and term.non_renewal_notice_days is None


def test_conditional_fields_read_none_when_their_condition_fails_even_if_answered():
    answers = everything_on()
    answers["implementation"]["migrating"] = False
    answers["pricing"]["pricing_model"] = "per_seat"
    answers["data"]["data_location"] = "mainland_cn"
    answers["data"]["cross_border"] = False
    answers["legal"]["forum"] = "court"
    answers["parties"]["contract_language"] = "zh"
    context = terms_context(build_terms(answers))
    assert context["implementation"]["migration_source"] is None
    assert context["implementation"]["record_count"] is None
    assert context["pricing"]["licence_fee"] is None
    assert context["pricing"]["unit_price_per_seat_year"] == D("1200")
    assert context["data"]["cn_individuals_per_year"] is None
    assert context["legal"]["arbitration_commission"] is None
    assert context["legal"]["court_place"] is None  # answered None in the all-on variant
    assert context["parties"]["prevailing_language"] is None
    assert context["contract"]["prevailing_language"] == "zh"


def test_cross_border_when_stored_abroad_or_accessed_from_abroad():
    terms = build_terms(everything_on())
    assert terms.data.cross_border is True
    assert terms.data.pipl_route == "standard_contract"
    answers = complete_answers()
    answers["data"].update(cross_border=True, cn_individuals_per_year=1_200_000)
    assert build_terms(answers).data.pipl_route == "cac_assessment"


def test_english_prevailing_when_bilingual():
    answers = complete_answers()
    answers["parties"]["prevailing_language"] = "en"
    assert build_terms(answers).contract.prevailing_language == "en"


def test_terms_are_frozen_and_keep_the_answers_read_only():
    terms = build_terms(complete_answers())
    with pytest.raises(dataclasses.FrozenInstanceError):
        terms.pricing.tco = D(0)
    assert terms.answers["parties"]["buyer_name"] == "上海某某贸易有限公司"
    with pytest.raises(TypeError):
        terms.answers["parties"]["buyer_name"] = "x"
    assert isinstance(terms.sla.credit_tiers, tuple)


def test_building_does_not_change_the_answers():
    answers = complete_answers()
    build_terms(answers)
    assert answers == complete_answers()


def test_json_leftovers_are_read_as_their_types():
    answers = complete_answers()
    answers["term"]["start_date"] = "2027-01-01"
    answers["pricing"]["unit_price_per_seat_year"] = "1200.00"
    answers["scope"]["seat_count"] = "50"
    terms = build_terms(answers)
    assert terms.term.initial_term_end == date(2027, 12, 31)
    assert terms.pricing.annual_recurring_fee == D("60000")


def test_an_empty_draft_builds_with_empty_figures():
    terms = build_terms({})
    assert terms.term.initial_term_end is None
    assert terms.sla.allowed_downtime_minutes_30 is None
    assert terms.pricing.yearly_fees == ()
    assert terms.pricing.liability_cap_amount is None
    assert terms.contract.number == ""


def test_variable_names_for_the_clause_checker():
    from contracts.terms import variable_names

    assert "sla.availability_target_pct" in variable_names()
    assert "pricing.tco" in variable_names()
    assert "sla.credit_tiers[].amount" not in variable_names()
