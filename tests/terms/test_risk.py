"""The pre-signing risk review: every rule fires on the risk it names and stays silent otherwise."""

import dataclasses
import json
import re
from datetime import date
from decimal import Decimal

import pytest

from contracts.terms import RULE_IDS, build_terms, risk_review
from contracts.terms.coverage import covering_modules
from contracts.terms.model import STEPS, OtherModule
from tests.terms.sample_answers import complete_answers

D = Decimal
CJK = re.compile(r"[\u4e00-\u9fff]")
STEP_FIELDS = {step: {f.name for f in dataclasses.fields(cls)} for step, cls in STEPS}

MIGRATING = {
    "migrating": True,
    "migration_source": "legacy_crm",
    "record_count": 20000,
    "migration_owner": "vendor",
    "migration_method": "etl",
    "reconciliation_threshold_pct": D("99.5"),
    "parallel_run_days": 30,
    "data_loss_remedy": "remigrate_plus_damages",
}


def must_row(rid: str, text: str, modules: list[str] | None = None) -> dict:
    return {
        "id": rid,
        "text": text,
        "priority": "must",
        "acceptance_test": "按测试用例验证。",
        "needs_modules": modules,
        # the sample contract is bilingual: the English of each text (consistency.bilingual_text_missing)
        "text_en": "The requirement in English.",
        "acceptance_test_en": "Verified by the test cases.",
    }


def answers_with(**steps: dict) -> dict:
    """The complete sample with some fields of some steps replaced."""
    answers = complete_answers()
    for step, changes in steps.items():
        answers[step].update(changes)
    return answers


def review(**steps: dict):
    return risk_review(build_terms(answers_with(**steps)))


def us_transfer(individuals, sensitive=None, **more):
    return {
        "data_location": "us",
        "cn_individuals_per_year": individuals,
        "cn_sensitive_per_year": sensitive,
        "is_ciio": False,
        **more,
    }


FOREIGN_VENDOR = {"vendor_is_foreign": True, "vendor_country": "DE", "vendor_uscc": None}
USAGE_PRICING = {
    "pricing_model": "usage_based",
    "unit_price_per_seat_year": None,
    "usage_metric": "API调用次数",
    "included_units": 1_000_000,
    "overage_rate": D("0.02"),
    "estimated_usage_fee_year": D("60000"),
    "spend_alert_pct": D("80"),
}
HANGZHOU_USCC = "91330106MA1K4L8X2B"  # digits 3–8: 330106, 杭州市西湖区; a valid check character


# (rule, severity, step, field, answers that trigger it, nearby answers that do not)
CASES = [
    ("functional.no_requirements", "high", "scope", "requirements", {"scope": {"requirements": []}}, {}),
    (
        "functional.must_without_test",
        "high",
        "scope",
        "requirements",
        {
            "scope": {
                "requirements": [{"id": "R1", "text": "手机端录入拜访记录", "priority": "must", "acceptance_test": " "}]
            }
        },
        {
            "scope": {
                "requirements": [
                    {"id": "R1", "text": "手机端录入拜访记录", "priority": "should", "acceptance_test": ""}
                ]
            }
        },
    ),
    (
        "functional.needed_module_not_bought",
        "high",
        "scope",
        "modules",
        {"scope": {"requirements": [must_row("R1", "销售人员可在手机端录入拜访记录。", ["marketing"])]}},
        {"scope": {"requirements": [must_row("R1", "销售人员可在手机端录入拜访记录。", ["mobile"])]}},
    ),
    (
        "functional.modules_cover_nothing",
        "medium",
        "scope",
        "modules",
        {"scope": {"modules": ["marketing", "service_tickets"], "other_modules": []}},
        {"scope": {"modules": ["mobile"], "other_modules": []}},
    ),
    (
        "functional.must_uncovered",
        "low",
        "scope",
        "requirements",
        {"scope": {"requirements": [must_row("R9", "系统须稳定可靠，操作简便。")]}},
        {"scope": {"requirements": [must_row("R9", "系统须稳定可靠，操作简便。", ["contacts"])]}},
    ),
    (
        "functional.deemed_acceptance",
        "medium",
        "implementation",
        "deemed_acceptance",
        {"implementation": {"deemed_acceptance": True}},
        {},
    ),
    (
        "functional.reduction_allowed",
        "medium",
        "scope",
        "no_material_reduction",
        {"scope": {"no_material_reduction": False}},
        {},
    ),
    (
        "vendor.young_without_escrow",
        "high",
        "legal",
        "escrow",
        {"parties": {"vendor_years_in_business": 2}},
        {"parties": {"vendor_years_in_business": 2}, "legal": {"escrow": "saas_continuity"}},
    ),
    (
        "vendor.facts_unknown",
        "low",
        "parties",
        "vendor_customer_count",
        {"parties": {"vendor_customer_count": None}},
        {"parties": {"vendor_customer_count": None}, "legal": {"escrow": "source_code"}},
    ),
    (
        "vendor.no_change_of_control",
        "medium",
        "legal",
        "change_of_control_notice",
        {"legal": {"change_of_control_notice": False}},
        {},
    ),
    (
        "migration.no_owner",
        "high",
        "implementation",
        "migration_owner",
        {"implementation": {**MIGRATING, "migration_owner": None}},
        {"implementation": {**MIGRATING, "migrating": False, "migration_owner": None}},
    ),
    (
        "migration.no_method",
        "medium",
        "implementation",
        "migration_method",
        {"implementation": {**MIGRATING, "migration_method": None}},
        {"implementation": MIGRATING},
    ),
    (
        "migration.reconciliation_low",
        "medium",
        "implementation",
        "reconciliation_threshold_pct",
        {"implementation": {**MIGRATING, "reconciliation_threshold_pct": D("98.5")}},
        {"implementation": {**MIGRATING, "reconciliation_threshold_pct": D("99")}},
    ),
    (
        "migration.no_parallel_run",
        "medium",
        "implementation",
        "parallel_run_days",
        {"implementation": {**MIGRATING, "parallel_run_days": 0}},
        {"implementation": {**MIGRATING, "parallel_run_days": 1}},
    ),
    (
        "migration.no_loss_remedy",
        "high",
        "implementation",
        "data_loss_remedy",
        {"implementation": {**MIGRATING, "data_loss_remedy": None}},
        {"implementation": MIGRATING},
    ),
    ("compliance.pi_without_annex", "high", "data", "personal_info", {"data": {"personal_info": False}}, {}),
    (
        "compliance.cross_border_volumes_unknown",
        "high",
        "data",
        "cn_individuals_per_year",
        {"data": us_transfer(None)},
        {"data": us_transfer(50_000)},
    ),
    (
        "compliance.cross_border_cac_assessment",
        "high",
        "data",
        "cn_individuals_per_year",
        {"data": us_transfer(1_200_000)},
        {"data": us_transfer(999_999)},
    ),
    (
        "compliance.cross_border_standard_contract",
        "medium",
        "data",
        "cn_individuals_per_year",
        {"data": us_transfer(100_000)},
        {"data": us_transfer(99_999)},
    ),
    (
        "compliance.cross_border_exempt",
        "low",
        "data",
        "cn_individuals_per_year",
        {"data": us_transfer(99_999)},
        {"data": {"data_location": "mainland_cn"}},
    ),
    (
        "compliance.gdpr_not_applied",
        "medium",
        "data",
        "gdpr_applies",
        {"data": {**us_transfer(50_000), "data_location": "eu"}},
        {"data": {**us_transfer(50_000), "data_location": "eu", "gdpr_applies": True}},
    ),
    (
        "compliance.gdpr_transfer",
        "high",
        "data",
        "gdpr_transfer_mechanism",
        {"data": {"gdpr_applies": True, "gdpr_transfer": True, "gdpr_transfer_mechanism": None}},
        {"data": {"gdpr_applies": True, "gdpr_transfer": True, "gdpr_transfer_mechanism": "scc_module_2"}},
    ),
    (
        "compliance.sensitive_pi_weak_terms",
        "high",
        "data",
        "breach_notice_hours",
        {"data": {"sensitive_pi": True, "breach_notice_hours": 48}},
        {"data": {"sensitive_pi": True, "breach_notice_hours": 24}},
    ),
    (
        "compliance.arbitration_no_commission",
        "high",
        "legal",
        "arbitration_commission",
        {"legal": {"forum": "arbitration", "arbitration_commission": None}},
        {
            "legal": {
                "forum": "arbitration",
                "arbitration_commission": "CIETAC",
                "arbitration_seat": "北京",
                "arbitration_language": "zh",
            }
        },
    ),
    (
        "sla.target_low",
        "medium",
        "sla",
        "availability_target_pct",
        {"sla": {"availability_target_pct": D("99.0")}},
        {"sla": {"availability_target_pct": D("99.5")}},
    ),
    ("sla.no_credit_table", "high", "sla", "credit_table", {"sla": {"credit_table": []}}, {}),
    (
        "sla.credits_exclusive",
        "high",
        "sla",
        "credits_exclusive_remedy",
        {"sla": {"credits_exclusive_remedy": True}},
        {},
    ),
    (
        "sla.no_chronic_exit",
        "medium",
        "sla",
        "chronic_failure_consecutive_months",
        {"sla": {"chronic_failure_consecutive_months": 0, "chronic_failure_months_in_12": None}},
        {"sla": {"chronic_failure_consecutive_months": 0, "chronic_failure_months_in_12": 3}},
    ),
    (
        "sla.claim_window_short",
        "low",
        "sla",
        "credit_claim_days",
        {"sla": {"credit_claim_days": 14}},
        {"sla": {"credit_claim_days": 15}},
    ),
    (
        "sla.credit_cap_low",
        "medium",
        "sla",
        "credit_cap_pct",
        {"sla": {"credit_cap_pct": D("8")}},
        {"sla": {"credit_cap_pct": D("10")}},
    ),
    (
        "price.renewal_uncapped",
        "high",
        "pricing",
        "escalation_cap_pct",
        {"pricing": {"escalation_cap_pct": None}},
        {"pricing": {"escalation_type": "none", "escalation_cap_pct": None}},
    ),
    (
        "price.cap_above_5",
        "medium",
        "pricing",
        "escalation_cap_pct",
        {"pricing": {"escalation_cap_pct": D("8")}},
        {"pricing": {"escalation_cap_pct": D("5")}},
    ),
    (
        "price.fees_before_acceptance",
        "medium",
        "implementation",
        "milestones",
        {
            "pricing": {"payment_schedule": "milestones"},
            "implementation": {
                "milestones": [
                    {"name": "需求确认", "due_date": date(2027, 1, 29), "payment_pct": D("50")},
                    {"name": "配置完成", "due_date": date(2027, 3, 12), "payment_pct": D("50")},
                ]
            },
        },
        {"pricing": {"payment_schedule": "milestones"}},
    ),
    (
        "price.recurring_fees_before_acceptance",
        "medium",
        "implementation",
        "recurring_fees_from",
        {"implementation": {"recurring_fees_from": "go_live"}},
        {"implementation": {"recurring_fees_from": "acceptance"}},
    ),
    (
        "term.long_notice",
        "medium",
        "term",
        "non_renewal_notice_days",
        {"term": {"non_renewal_notice_days": 120}},
        {"term": {"non_renewal_notice_days": 90}},
    ),
    (
        "liability.cap_low",
        "high",
        "legal",
        "liability_cap_months",
        {"legal": {"liability_cap_months": 6}},
        {"legal": {"liability_cap_months": 12}},
    ),
    (
        "liability.ld_excessive",
        "medium",
        "legal",
        "ld_total_cap_pct",
        {"legal": {"ld_total_cap_pct": D("40")}},
        {"legal": {"ld_total_cap_pct": D("30")}},
    ),
    ("exit.no_export_formats", "high", "data", "export_formats", {"data": {"export_formats": []}}, {}),
    (
        "exit.deletion_before_export",
        "high",
        "data",
        "post_term_access_days",
        {"data": {"post_term_access_days": 5, "export_on_request_days": 7}},
        {"data": {"post_term_access_days": 7, "export_on_request_days": 7}},
    ),
    (
        "exit.no_transition_assistance",
        "low",
        "legal",
        "transition_assistance_days",
        {"legal": {"transition_assistance_days": 0}},
        {},
    ),
    (
        "consistency.contacts_identical",
        "high",
        "parties",
        "vendor_contact_email",
        {
            "parties": {
                "vendor_contact_email": "li.ming@buyer.example.cn",
                "buyer_contact_email": "Li.Ming@buyer.example.cn",
            }
        },
        {
            "parties": {
                "vendor_contact_email": "sales@vendor.example.cn",
                "buyer_contact_email": "li.ming@buyer.example.cn",
            }
        },
    ),
    (
        "consistency.bilingual_text_missing",
        "medium",
        "scope",
        "requirements",
        {"scope": {"requirements": [must_row("R1", "按区域统计商机漏斗。", ["analytics"]) | {"text_en": ""}]}},
        {"scope": {"requirements": [must_row("R1", "按区域统计商机漏斗。", ["analytics"])]}},
    ),
    (
        "consistency.certification_not_held",
        "medium",
        "data",
        "security_certifications_required",
        {"data": {"security_certifications_required": ["soc2"]}, "parties": {"vendor_certifications": ["iso27001"]}},
        {"data": {"security_certifications_required": ["soc2"]}, "parties": {"vendor_certifications": ["soc2"]}},
    ),
    (
        "consistency.personal_info_denied",
        "high",
        "data",
        "personal_info",
        {"data": {"personal_info": False, "sensitive_pi": False}},
        {
            "data": {"personal_info": False, "sensitive_pi": False},
            "scope": {
                "modules": ["analytics"],
                "requirements": [must_row("R1", "按区域统计销售额报表。", ["analytics"])],
            },
        },
    ),
    (
        "consistency.maintenance_out_of_market",
        "medium",
        "pricing",
        "maintenance_pct",
        {"pricing": {"pricing_model": "perpetual", "licence_fee": D("300000"), "maintenance_pct": D("30")}},
        {"pricing": {"pricing_model": "perpetual", "licence_fee": D("300000"), "maintenance_pct": D("18")}},
    ),
    (
        "consistency.email_at_other_party",
        "medium",
        "parties",
        "buyer_contact_email",
        {"parties": {"vendor_contact_email": "sales@vendor.example.cn", "buyer_contact_email": "pm@vendor.example.cn"}},
        {"parties": {"vendor_contact_email": "sales@vendor.example.cn", "buyer_contact_email": "pm@buyer.example.cn"}},
    ),
    (
        "consistency.go_live_before_reconciliation",
        "medium",
        "implementation",
        "go_live_date",
        {"implementation": {**MIGRATING, "parallel_run_days": 14}, "parties": {"effective_date": date(2027, 3, 25)}},
        {"implementation": {**MIGRATING, "parallel_run_days": 14}, "parties": {"effective_date": date(2027, 3, 17)}},
    ),
    (
        "consistency.foreign_vendor_no_tax_choice",
        "high",
        "parties",
        "vendor_is_foreign",
        {"parties": {"vendor_country": "US"}},  # abroad, but answered as a Chinese company: no tax questions
        {"parties": FOREIGN_VENDOR, "pricing": {"gross_up": False, "withholding_eit_pct": D("10")}},
    ),
    (
        "consistency.usage_without_rate_card",
        "high",
        "pricing",
        "overage_rate",
        {"pricing": {**USAGE_PRICING, "overage_rate": None}},
        {"pricing": USAGE_PRICING},
    ),
    (
        "consistency.escrow_without_agent",
        "medium",
        "legal",
        "escrow_agent",
        {"legal": {"escrow": "source_code", "escrow_agent": "  "}},
        {"legal": {"escrow": "source_code", "escrow_agent": "中国版权保护中心"}},
    ),
    (
        "consistency.escrow_deposit_stale",
        "medium",
        "legal",
        "escrow_data_refresh_hours",
        {"legal": {"escrow": "saas_continuity", "escrow_agent": "某托管机构", "escrow_data_refresh_hours": 48}},
        {"legal": {"escrow": "saas_continuity", "escrow_agent": "某托管机构", "escrow_data_refresh_hours": 24}},
    ),
    (
        "consistency.phone_area_mismatch",
        "low",
        "parties",
        "buyer_contact_phone",
        {"parties": {"buyer_contact_phone": "0571-8800 1234"}},  # a Hangzhou line, the buyer in Shanghai
        {"parties": {"buyer_contact_phone": "+86 21 5888 1234"}},
    ),
    (
        "consistency.uscc_area_mismatch",
        "medium",
        "parties",
        "buyer_uscc",
        {"parties": {"buyer_uscc": HANGZHOU_USCC}},  # the buyer's address is in Shanghai
        {"parties": {"buyer_uscc": HANGZHOU_USCC, "buyer_address": "杭州市西湖区文三路100号"}},
    ),
    (
        # the sample's texts are Chinese: an English contract prints them as typed, the place of signing first
        "consistency.chinese_in_english_contract",
        "medium",
        "parties",
        "signing_place",
        {"parties": {"contract_language": "en", "prevailing_language": None}},
        {},
    ),
]


def test_every_rule_has_a_case():
    assert sorted(case[0] for case in CASES) == sorted(RULE_IDS)


@pytest.mark.parametrize("rule, severity, step, field, risky, _safe", CASES, ids=[c[0] for c in CASES])
def test_rule_fires_on_its_risk(rule, severity, step, field, risky, _safe):
    findings = {f.rule: f for f in review(**risky).findings}
    assert rule in findings
    finding = findings[rule]
    assert (finding.severity, finding.step, finding.field) == (severity, step, field)
    assert field in STEP_FIELDS[step]  # the link leads to a real wizard field
    assert finding.group == rule.split(".")[0]
    for text in (finding.problem, finding.why, finding.change):
        assert CJK.search(text.zh) and text.en.strip()


@pytest.mark.parametrize("rule, _severity, _step, _field, _risky, safe", CASES, ids=[c[0] for c in CASES])
def test_rule_stays_silent_when_the_risk_is_handled(rule, _severity, _step, _field, _risky, safe):
    assert rule not in review(**safe).rule_ids()


def test_young_vendor_by_customer_count_alone():
    finding = _only("vendor.young_without_escrow", parties={"vendor_customer_count": 30})
    assert "30" in finding.problem.zh and "30 customers" in finding.problem.en


def test_reconciliation_without_any_threshold_is_high():
    finding = _only(
        "migration.reconciliation_low",
        implementation={**MIGRATING, "reconciliation_threshold_pct": None},
    )
    assert finding.severity == "high"


def test_sensitive_pi_points_at_the_first_weak_term():
    finding = _only(
        "compliance.sensitive_pi_weak_terms",
        data={"sensitive_pi": True, "security_certifications_required": [], "audit_rights": False},
    )
    assert finding.field == "security_certifications_required"
    assert "no audit rights" in finding.problem.en and "审计权" in finding.problem.zh


def test_sensitive_volume_missing_makes_the_route_unknown():
    result = review(data={**us_transfer(50_000, None), "sensitive_pi": True})
    finding = next(f for f in result.findings if f.rule == "compliance.cross_border_volumes_unknown")
    assert finding.field == "cn_sensitive_per_year"
    assert "compliance.cross_border_exempt" not in result.rule_ids()


def test_ciio_always_needs_the_security_assessment():
    result = review(data={**us_transfer(None), "is_ciio": True})
    assert "compliance.cross_border_cac_assessment" in result.rule_ids()
    assert "compliance.cross_border_volumes_unknown" not in result.rule_ids()


def test_arbitration_other_commission_without_a_name():
    finding = _only(
        "compliance.arbitration_no_commission",
        legal={"forum": "arbitration", "arbitration_commission": "other", "arbitration_commission_other": " "},
    )
    assert finding.field == "arbitration_commission_other"


def test_long_notice_gives_the_deadline():
    # initial term 2027-01-01 .. 2027-12-31; 120 days before the end is 2 September 2027
    finding = _only("term.long_notice", term={"non_renewal_notice_days": 120})
    assert "2027年9月2日" in finding.problem.zh
    assert "2 September 2027" in finding.problem.en


def test_no_renewal_means_no_notice_risk():
    assert "term.long_notice" not in review(term={"auto_renew": False, "non_renewal_notice_days": 180}).rule_ids()


def test_liquidated_damages_cap_is_related_to_the_contract_value():
    # total contract value 62,903.23 (42,903.23 recurring from acceptance + 20,000 one-time); 40 % is 25,161.29
    finding = _only("liability.ld_excessive", legal={"ld_total_cap_pct": D("40")})
    assert "CNY 25,161.29" in finding.problem.en
    assert "人民币25,161.29元" in finding.problem.zh
    assert "585" in finding.why.en


def test_liquidated_damages_without_any_cap():
    finding = _only("liability.ld_excessive", legal={"ld_total_cap_pct": None})
    assert "no total cap" in finding.problem.en


def test_low_liability_cap_states_the_money():
    finding = _only("liability.cap_low", legal={"liability_cap_months": 6})
    assert "CNY 30,000.00" in finding.problem.en  # 6 × 5,000 monthly fee


def test_low_availability_states_the_downtime():
    finding = _only("sla.target_low", sla={"availability_target_pct": D("99.0")})
    assert "7 h 12 min" in finding.why.en and "7小时12分钟" in finding.why.zh


# Deviations from our standard clauses ----------------------------------------------------------


class Deviation:
    key = "sla.credits"
    title_zh = "服务抵扣"
    title_en = "Service Credits"
    position = "vendor"
    note_zh = "抵扣上限从100%降至20%。"
    note_en = "The credit cap drops from 100% to 20%."


def test_deviations_become_findings_by_position():
    balanced = {
        "key": "legal.cap",
        "title_zh": "责任限制",
        "title_en": "Limitation of Liability",
        "position": "balanced",
        "note_zh": "上限为12个月费用。",
        "note_en": "Cap of 12 months.",
    }
    result = risk_review(build_terms(complete_answers()), deviations=[balanced, Deviation()])
    by_rule = {f.rule: f for f in result.findings}
    assert by_rule["deviation.legal.cap"].severity == "medium"
    assert by_rule["deviation.sla.credits"].severity == "high"
    assert by_rule["deviation.sla.credits"].group == "deviations"
    assert "Service Credits" in by_rule["deviation.sla.credits"].problem.en
    assert by_rule["deviation.sla.credits"].why.zh == "抵扣上限从100%降至20%。"
    assert [g.group for g in result.groups] == ["deviations"]


# Whole reviews ---------------------------------------------------------------------------------


def test_the_sample_contract_has_no_risks():
    result = risk_review(build_terms(complete_answers()))
    assert result.findings == ()
    assert result.counts == {"high": 0, "medium": 0, "low": 0}
    # never a clearance: it says what it checked and what it cannot judge
    for verdict in (result.verdict.en, result.verdict.zh):
        assert "ready for signing" not in verdict and "可以进入签署" not in verdict
    assert "does not mean the contract is ready to sign" in result.verdict.en
    assert "不表示合同可以签署" in result.verdict.zh
    assert f"The {len(RULE_IDS)} checks" in result.verdict.en
    checked = {c.group: c.rules for c in result.checked}
    assert checked["sla"] == sum(1 for rule in RULE_IDS if rule.startswith("sla."))
    assert sum(checked.values()) == len(RULE_IDS)
    assert any("lawyer" in text.en for text in result.not_judged)
    assert any("vendor" in text.en for text in result.not_judged)
    data = result.as_dict()
    assert data["findings"] == [] and data["checked"] and len(data["not_judged"]) == len(result.not_judged)


def risky_answers() -> dict:
    """A young vendor's own paper: everything a buyer-side lawyer would push back on."""
    return answers_with(
        parties={"vendor_years_in_business": 1, "vendor_customer_count": 12},
        scope={
            "requirements": [
                {
                    "id": "R1",
                    "text": "按区域统计商机漏斗。",
                    "text_en": "Opportunity funnel by region.",
                    "priority": "must",
                    "acceptance_test": "",
                },
            ],
            "modules": ["marketing"],
            "other_modules": [],
        },
        implementation={**MIGRATING, "migration_owner": None, "parallel_run_days": 0, "deemed_acceptance": True},
        term={"non_renewal_notice_days": 180},
        sla={
            "availability_target_pct": D("99.0"),
            "credits_exclusive_remedy": True,
            "credit_claim_days": 7,
            "credit_cap_pct": D("8"),
            "chronic_failure_consecutive_months": None,
            "chronic_failure_months_in_12": None,
        },
        pricing={"escalation_cap_pct": D("10")},
        data={**us_transfer(2_000_000), "sensitive_pi": False},
        legal={
            "liability_cap_months": 3,
            "ld_total_cap_pct": D("50"),
            "escrow": "none",
            "change_of_control_notice": False,
            "forum": "arbitration",
            "arbitration_commission": None,
        },
    )


def test_everything_risky():
    result = risk_review(build_terms(risky_answers()))
    assert set(result.rule_ids()) == {
        "functional.must_without_test",
        "functional.needed_module_not_bought",
        "functional.modules_cover_nothing",
        "functional.deemed_acceptance",
        "vendor.young_without_escrow",
        "vendor.no_change_of_control",
        "migration.no_owner",
        "migration.no_parallel_run",
        "compliance.cross_border_cac_assessment",
        "compliance.arbitration_no_commission",
        "sla.target_low",
        "sla.credits_exclusive",
        "sla.no_chronic_exit",
        "sla.claim_window_short",
        "sla.credit_cap_low",
        "price.cap_above_5",
        "term.long_notice",
        "liability.cap_low",
        "liability.ld_excessive",
    }
    assert result.counts == {"high": 7, "medium": 9, "low": 3}
    assert result.verdict.en == ("7 high risks to resolve before signing; 12 more points to consider.")
    assert result.verdict.zh == "有7项高风险需在签署前解决；另有12项值得考虑。"
    ranks = [("high", "medium", "low").index(f.severity) for f in result.findings]
    assert ranks == sorted(ranks)
    assert [g.group for g in result.groups] == [
        "functional",
        "vendor",
        "migration",
        "compliance",
        "sla",
        "price",
        "term",
        "liability",
    ]
    assert result.findings[0].rule == "functional.must_without_test"  # group order within high


def safe_answers() -> dict:
    """A careful buyer's contract, with migration, arbitration and fixed prices."""
    return answers_with(
        implementation={**MIGRATING, "parallel_run_days": 14},  # the run ends within the acceptance period
        sla={
            "availability_target_pct": D("99.95"),
            "credit_table": [
                {"below_pct": D("99.95"), "credit": D("25")},
                {"below_pct": D("99.0"), "credit": D("50")},
                {"below_pct": D("95.0"), "credit": D("100")},
            ],
        },
        pricing={"escalation_type": "none", "escalation_cap_pct": None},
        legal={
            "forum": "arbitration",
            "arbitration_commission": "SHIAC",
            "arbitration_seat": "上海",
            "arbitration_language": "zh",
            "escrow": "none",
        },
    )


def test_everything_safe():
    assert risk_review(build_terms(safe_answers())).findings == ()


def test_no_high_risks_verdict():
    result = review(sla={"credit_claim_days": 10}, legal={"change_of_control_notice": False})
    assert result.counts == {"high": 0, "medium": 1, "low": 1}
    assert result.verdict.en.startswith("No high risks; 2 points to consider.")
    assert result.verdict.zh.startswith("无高风险；有2项值得考虑。")
    assert "does not replace a lawyer's review" in result.verdict.en


def test_single_high_risk_verdict_is_singular():
    verdict = review(data={"export_formats": []}).verdict
    assert verdict.en == "1 high risk to resolve before signing."


def test_as_dict_is_json_for_the_command():
    result = risk_review(build_terms(risky_answers()))
    data = json.loads(json.dumps(result.as_dict(), ensure_ascii=False))
    assert data["counts"] == {"high": 7, "medium": 9, "low": 3}
    first = data["findings"][0]
    assert set(first) >= {"rule", "severity", "severity_reason", "group", "step", "field", "problem", "why", "change"}
    assert set(first["severity_reason"]) == {"zh", "en"}
    assert set(first["problem"]) == {"zh", "en"}
    assert data["verdict"]["en"].startswith("7 high risks")


def test_review_order_is_stable():
    terms = build_terms(risky_answers())
    assert risk_review(terms).rule_ids() == risk_review(terms).rule_ids()


def _only(rule: str, **steps: dict):
    return next(f for f in review(**steps).findings if f.rule == rule)


# The module/requirement heuristic shared with the offer comparison --------------------------------


@pytest.mark.parametrize(
    "text, modules",
    [
        ("Sales reps log visits in the mobile app", ("leads_opportunities", "mobile")),
        ("Managers approve discounts", ()),  # "app" inside "approve" is not the mobile app
        ("按区域统计商机漏斗", ("leads_opportunities", "analytics")),
        ("与用友ERP对接同步订单", ("quotes_orders", "api")),
        ("经销商门户中报备商机", ("leads_opportunities", "经销商门户")),
    ],
)
def test_requirement_coverage_by_keyword(text, modules):
    chosen = ("contacts", "leads_opportunities", "quotes_orders", "analytics", "mobile", "api")
    assert covering_modules(text, chosen, (OtherModule(name="经销商门户"),)) == modules


def test_a_keyword_guess_is_never_a_high_finding():
    # R2 "按区域统计商机漏斗" reads like leads and analytics, neither bought, and no module is chosen
    guessed = [dict(r, needs_modules=None) for r in complete_answers()["scope"]["requirements"]]
    result = review(scope={"modules": ["mobile"], "requirements": guessed})
    found = {f.rule: f for f in result.findings if f.group == "functional"}
    assert found["functional.needed_module_not_bought"].severity == "low"
    assert "R2" in found["functional.needed_module_not_bought"].problem.en
    assert all(f.severity != "high" for f in found.values())


def test_the_buyers_module_choice_overrides_the_keyword_guess():
    # the text names no module keyword, but the buyer says the contacts module delivers it: covered
    rows = [must_row("R1", "系统须支持多级审批流。", ["contacts"])]
    assert not review(scope={"requirements": rows}).rule_ids()
    # the text reads like the mobile module (bought), but the buyer says it needs marketing (not bought)
    rows = [must_row("R1", "销售人员可在手机端录入拜访记录。", ["marketing"])]
    finding = next(f for f in review(scope={"requirements": rows}).findings if f.group == "functional")
    assert finding.rule == "functional.needed_module_not_bought" and finding.severity == "high"
    assert "Marketing Automation" in finding.problem.en


def test_modules_covering_nothing_by_guess_only_is_low():
    guessed = [dict(r, needs_modules=None) for r in complete_answers()["scope"]["requirements"]]
    result = review(scope={"modules": ["marketing"], "requirements": guessed})
    assert {f.rule: f.severity for f in result.findings if f.group == "functional"} == {
        "functional.needed_module_not_bought": "low",
        "functional.modules_cover_nothing": "low",
    }


def test_a_requirement_collecting_location_contradicts_no_personal_information():
    rows = [must_row("R1", "记录销售人员拜访时的GPS定位。", ["analytics"])]
    result = review(
        data={"personal_info": False, "sensitive_pi": False}, scope={"modules": ["analytics"], "requirements": rows}
    )
    finding = next(f for f in result.findings if f.rule == "consistency.personal_info_denied")
    assert "R1" in finding.problem.en and finding.severity == "high"


def test_maintenance_below_the_market_range_is_low():
    result = review(pricing={"pricing_model": "perpetual", "licence_fee": D("300000"), "maintenance_pct": D("5")})
    finding = next(f for f in result.findings if f.rule == "consistency.maintenance_out_of_market")
    assert finding.severity == "low" and "8%" in finding.problem.en.replace(" ", "")


def test_a_should_have_missing_its_module_is_medium():
    rows = [must_row("R1", "群发营销短信。", ["marketing"]) | {"priority": "should"}]
    finding = next(f for f in review(scope={"requirements": rows}).findings if f.group == "functional")
    assert finding.severity == "medium"


# Cross-clause consistency ------------------------------------------------------------------------


def test_no_migration_means_no_parallel_run_conflict():
    ids = review(implementation={**MIGRATING, "migrating": False}, parties={"effective_date": date(2027, 3, 30)})
    assert "consistency.go_live_before_reconciliation" not in ids.rule_ids()


def test_go_live_without_an_effective_date_is_not_judged():
    ids = review(implementation={**MIGRATING, "parallel_run_days": 14}, parties={"effective_date": None}).rule_ids()
    assert "consistency.go_live_before_reconciliation" not in ids


def test_a_vendor_abroad_answered_as_domestic_has_no_tax_arrangement():
    finding = _only("consistency.foreign_vendor_no_tax_choice", parties={"vendor_country": "US"})
    assert "United States" in finding.problem.en and "美国" in finding.problem.zh


def test_a_foreign_vendor_without_a_gross_up_answer():  # an older draft or import, from before the question
    finding = _only(
        "consistency.foreign_vendor_no_tax_choice",
        parties=FOREIGN_VENDOR,
        pricing={"gross_up": None, "withholding_eit_pct": D("10")},
    )
    assert (finding.severity, finding.step, finding.field) == ("medium", "pricing", "gross_up")


def test_a_foreign_vendor_without_a_withholding_rate_prints_a_blank():
    finding = _only(
        "consistency.foreign_vendor_no_tax_choice",
        parties=FOREIGN_VENDOR,
        pricing={"gross_up": False, "withholding_eit_pct": None},
    )
    assert (finding.severity, finding.field) == ("high", "withholding_eit_pct")


def test_a_domestic_vendor_needs_no_tax_choice():
    assert "consistency.foreign_vendor_no_tax_choice" not in review(pricing={"gross_up": None}).rule_ids()


def test_usage_pricing_without_included_units_is_medium():
    finding = _only("consistency.usage_without_rate_card", pricing={**USAGE_PRICING, "included_units": None})
    assert (finding.severity, finding.field) == ("medium", "included_units")


def test_usage_add_ons_without_unit_prices():
    addons = [{"name": "短信通知", "estimated_fee_year": D("5000"), "alert_pct": D("80")}]
    finding = _only("consistency.usage_without_rate_card", pricing={"usage_addons": addons})
    assert (finding.severity, finding.field) == ("medium", "usage_addons")
    assert "短信通知" in finding.problem.zh and "短信通知" in finding.problem.en


def test_gdpr_adequacy_does_not_cover_china():
    finding = _only(
        "compliance.gdpr_transfer",
        data={"gdpr_applies": True, "gdpr_transfer": True, "gdpr_transfer_mechanism": "adequacy"},
    )
    assert "mainland China" in finding.problem.en and "中国大陆" in finding.problem.zh


EU_KEPT = {"data_location": "eu", "gdpr_applies": True, "gdpr_transfer": False, "gdpr_transfer_mechanism": None}


def test_gdpr_data_kept_in_the_eu_by_a_european_vendor_needs_no_mechanism():
    result = review(data={**us_transfer(50_000), **EU_KEPT}, parties=FOREIGN_VENDOR)
    assert "compliance.gdpr_transfer" not in result.rule_ids()


def test_gdpr_data_in_the_eu_served_by_a_chinese_vendor_is_a_transfer():
    finding = _only("compliance.gdpr_transfer", data={**us_transfer(50_000), **EU_KEPT})
    assert (finding.severity, finding.field) == ("medium", "gdpr_transfer")
    assert "China" in finding.problem.en and "中国" in finding.problem.zh
    japanese = {**FOREIGN_VENDOR, "vendor_country": "JP"}  # an adequacy decision covers Japan
    assert (
        "compliance.gdpr_transfer" not in review(data={**us_transfer(50_000), **EU_KEPT}, parties=japanese).rule_ids()
    )


def test_a_vendor_phone_from_another_province():
    finding = _only("consistency.phone_area_mismatch", parties={"vendor_contact_phone": "(020) 3888 0000"})
    assert finding.field == "vendor_contact_phone"
    assert "020" in finding.problem.en and "广东省广州市" in finding.problem.zh and "浙江省杭州市" in finding.problem.zh


@pytest.mark.parametrize("phone", ["13812345678", "400-820-8820", "5888 0000", "+1 415 555 0100"])
def test_phones_without_a_mainland_area_code_are_not_judged(phone):
    assert "consistency.phone_area_mismatch" not in review(parties={"buyer_contact_phone": phone}).rule_ids()


def test_a_street_named_after_another_city_is_not_the_place():
    parties = {"buyer_address": "广州市越秀区北京路1号", "buyer_contact_phone": "020-8300 0000"}
    assert "consistency.phone_area_mismatch" not in review(parties=parties).rule_ids()


def test_uscc_from_another_city_is_low_when_no_domicile_court_follows():
    finding = _only(
        "consistency.uscc_area_mismatch",
        parties={"vendor_uscc": "91440300MA5F000007"},  # 440300: 深圳市; the vendor's address is in Hangzhou
        legal={
            "forum": "arbitration",
            "arbitration_commission": "SHIAC",
            "arbitration_seat": "上海",
            "arbitration_language": "zh",
        },
    )
    assert (finding.severity, finding.field) == ("low", "vendor_uscc")
    assert "广东省深圳市" in finding.problem.zh and "浙江省杭州市" in finding.problem.zh


def test_a_foreign_vendors_code_is_not_judged():
    parties = {**FOREIGN_VENDOR, "vendor_uscc": "91440300MA5F000007"}
    assert "consistency.uscc_area_mismatch" not in review(parties=parties).rule_ids()
