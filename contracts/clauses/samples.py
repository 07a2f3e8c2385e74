"""Sample drafts built into the app: the admin previews clauses against them and shows example values.

Answers documents in their JSON form (shared/design/answers.md). `STANDARD` is also the tests' complete
draft (tests/terms/sample_answers.py validates it into typed answers).
"""

from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext

from contracts.terms import VARIABLES, build_terms, terms_context
from contracts.terms.bilingual import PARTY_TEXTS
from contracts.terms.checks import check_answers

STANDARD: dict = {
    "parties": {
        "buyer_name": "上海某某贸易有限公司",
        "buyer_name_en": "Shanghai Example Trading Co., Ltd.",
        "buyer_uscc": "91310115MA1K4L8X24",
        "buyer_address": "上海市浦东新区张杨路500号10楼",
        "buyer_address_en": "10/F, 500 Zhangyang Road, Pudong New Area, Shanghai",
        "buyer_representative": "王建国",
        "buyer_representative_en": "Wang Jianguo",
        "buyer_contact_name": "李娜",
        "buyer_contact_name_en": "Li Na",
        "buyer_contact_email": "li.na@example.com",
        "buyer_contact_phone": "021-5888 0000",
        "vendor_name": "杭州某某云软件有限公司",
        "vendor_name_en": "Hangzhou Example Cloud Software Co., Ltd.",
        "vendor_is_foreign": False,
        "vendor_uscc": "91330106MA2H3K9P1R",
        "vendor_country": "CN",
        "vendor_address": "浙江省杭州市西湖区文三路90号",
        "vendor_address_en": "90 Wensan Road, Xihu District, Hangzhou, Zhejiang",
        "vendor_representative": "陈志强",
        "vendor_representative_en": "Chen Zhiqiang",
        "vendor_contact_name": "张伟",
        "vendor_contact_name_en": "Zhang Wei",
        "vendor_contact_email": "zhang.wei@example.net",
        "vendor_contact_phone": "0571-8800 0000",
        "vendor_years_in_business": 8,
        "vendor_customer_count": 1200,
        "vendor_certifications": ["iso27001", "mlps_level3"],
        "contract_language": "bilingual",
        "prevailing_language": "zh",
        "signing_place": "上海市浦东新区",
        "signing_place_en": "Pudong New Area, Shanghai",
        "effective_date": "2026-12-15",
        "buyer_execution": "seal",
        "vendor_execution": "",
    },
    "scope": {
        "deployment": "saas",
        "modules": ["contacts", "leads_opportunities", "quotes_orders", "analytics", "mobile"],
        "other_modules": [
            {
                "name": "经销商门户",
                "name_en": "Dealer portal",
                "description": "经销商在线报备商机、查询订单状态。",
                "description_en": "Dealers register opportunities and check the status of orders online.",
            }
        ],
        "edition": "企业版",
        "edition_en": "Enterprise Edition",
        "seat_count": 50,
        "affiliates_may_use": False,
        "environments": ["production", "sandbox"],
        "integrations": [
            {
                "system": "用友U8 ERP",
                "system_en": "Yonyou U8 ERP",
                "direction": "both",
                "description": "客户主数据与订单同步。",
                "description_en": "Synchronisation of customer master data and orders.",
            },
            {
                "system": "企业微信",
                "system_en": "WeCom",
                "direction": "inbound",
                "description": "单点登录与消息通知。",
                "description_en": "Single sign-on and message notifications.",
            },
        ],
        "requirements": [
            {
                "id": "R1",
                "text": "销售人员可在手机端录入拜访记录。",
                "priority": "must",
                "acceptance_test": "在iOS和Android手机上各录入10条拜访记录，全部保存成功。",
                "text_en": "Sales staff can record customer visits on their phones.",
                "acceptance_test_en": "Record 10 visits each on an iOS and an Android phone; all are saved.",
                "needs_modules": ["mobile", "leads_opportunities"],
            },
            {
                "id": "R2",
                "text": "按区域统计商机漏斗。",
                "priority": "must",
                "acceptance_test": "用测试数据生成漏斗报表，数字与导出明细一致。",
                "text_en": "Opportunity funnel by region.",
                "acceptance_test_en": "Build the funnel report from test data; its figures match the exported details.",
                "needs_modules": ["leads_opportunities", "analytics"],
            },
            {
                "id": "R3",
                "text": "报价单按模板导出PDF。",
                "priority": "should",
                "acceptance_test": "导出3份报价单，格式与甲方提供的报价单模板一致。",
                "text_en": "Quotes exported as PDF from a template.",
                "acceptance_test_en": "Export 3 quotes; their layout matches the Customer's quote template.",
                "needs_modules": ["quotes_orders"],
            },
        ],
        "no_material_reduction": True,
        "custom_development": False,
        "custom_dev_owner": None,
    },
    "implementation": {
        "has_implementation": True,
        "go_live_date": "2027-03-31",
        "recurring_fees_from": "acceptance",
        "status_report_frequency": "weekly",
        "milestones": [
            {"name": "需求确认", "name_en": "Requirements confirmed", "due_date": "2027-01-29", "payment_pct": "30"},
            {
                "name": "配置与集成完成",
                "name_en": "Configuration and integrations complete",
                "due_date": "2027-03-12",
                "payment_pct": "40",
            },
            {"name": "上线验收", "name_en": "Go-live acceptance", "due_date": "2027-03-31", "payment_pct": "30"},
        ],
        "migrating": False,
        "acceptance_days": 10,
        "retest_cycles": 2,
        "deemed_acceptance": False,
    },
    "term": {
        "start_date": "2027-01-01",
        "initial_term_months": 12,
        "auto_renew": True,
        "renewal_term_months": 12,
        "non_renewal_notice_days": 30,
        "cure_days": 30,
        "buyer_convenience_termination": True,
        "convenience_notice_days": 30,
    },
    "sla": {
        "availability_target_pct": "99.9",
        "credit_table": [
            {"below_pct": "99.9", "credit": "25"},
            {"below_pct": "99", "credit": "50"},
            {"below_pct": "95", "credit": "100"},
        ],
        "remedy_form": "fee_credit",
        "credit_claim_days": 30,
        "credit_cap_pct": "100",
        "credits_exclusive_remedy": False,
        "chronic_failure_consecutive_months": 2,
        "chronic_failure_months_in_12": 3,
        "maintenance_notice_days": 5,
        "maintenance_max_hours_month": 4,
        "support_hours": "5x8_with_p1_7x24",
        "support_language": "zh",
        "severity_targets": [
            {"level": "P1", "response_minutes": 30, "resolution_hours": 4},
            {"level": "P2", "response_minutes": 120, "resolution_hours": 12},
            {"level": "P3", "response_minutes": 480, "resolution_hours": 56},
            {"level": "P4", "response_minutes": 960, "resolution_hours": 0},
        ],
        "rpo_hours": 24,
        "rto_hours": 8,
        "backup_frequency": "daily",
        "backup_retention_days": 30,
        "upgrades_included": True,
        "change_notice_days": 30,
    },
    "pricing": {
        "currency": "CNY",
        "pricing_model": "per_seat",
        "unit_price_per_seat_year": "1200",
        "usage_addons": [],
        "one_time_fees": [
            {"name": "实施费", "name_en": "Implementation fee", "amount": "15000"},
            {"name": "培训费", "name_en": "Training fee", "amount": "5000"},
        ],
        "tax_inclusive": True,
        "vat_rate_pct": "6",
        "gross_up": False,
        "withholding_eit_pct": "10",
        "invoice_type": "special_vat",
        "buyer_invoice_address_phone": "",
        "buyer_invoice_address_phone_en": "",
        "buyer_invoice_bank_account": "",
        "buyer_invoice_bank_account_en": "",
        "payment_schedule": "annual_advance",
        "payment_terms_days": 30,
        "late_interest_pct_month": "0.5",
        "vendor_bank_name": "",
        "vendor_bank_name_en": "",
        "vendor_bank_account": "",
        "escalation_type": "capped_pct",
        "escalation_cap_pct": "5",
        "price_lock_months": 12,
        "tco_years": 3,
    },
    "data": {
        "data_location": "mainland_cn",
        "personal_info": True,
        "sensitive_pi": False,
        "cross_border": False,
        "gdpr_applies": False,
        "breach_notice_hours": 24,
        "security_certifications_required": ["iso27001", "mlps_level3"],
        "audit_rights": True,
        "subprocessor_notice_days": 30,
        "confidentiality_years": 5,
        "export_formats": ["csv", "json"],
        "export_on_request_days": 7,
        "post_term_access_days": 30,
        "deletion_days": 60,
        "deletion_certificate": True,
    },
    "legal": {
        "liability_cap_months": 12,
        "data_breach_supercap_multiple": 3,
        "ip_indemnity_uncapped": True,
        "delay_ld_pct_per_day": "0.1",
        "ld_total_cap_pct": "10",
        "escrow": "none",
        "change_of_control_notice": True,
        "transition_assistance_days": 60,
        "negotiation_days": 30,
        "forum": "court",
        "court_place": "buyer_domicile",
        "governing_law": "PRC",
    },
}

# Every option switched on: migration, custom development, data abroad with GDPR, arbitration, escrow.
ALL_OPTIONS_PATCH: dict = {
    "parties": {
        "contract_language": "en",
        "prevailing_language": None,
        # an English contract: the parties and the place in English
        **{name: STANDARD["parties"][f"{name}_en"] for name in (*PARTY_TEXTS, "signing_place")},
    },
    "scope": {"custom_development": True, "custom_dev_owner": "buyer", "affiliates_may_use": True},
    "implementation": {
        "migrating": True,
        "migration_source": "legacy_crm",
        "record_count": 250000,
        "migration_owner": "vendor",
        "migration_method": "etl",
        "reconciliation_threshold_pct": "99.5",
        "parallel_run_days": 30,
        "data_loss_remedy": "remigrate_plus_damages",
    },
    "pricing": {
        "pricing_model": "per_module",
        "unit_price_per_seat_year": None,
        "module_prices": [
            {"module": "Core CRM modules", "quantity": 50, "unit_price_year": "1200"},
            {"module": "Dealer portal", "quantity": 1, "unit_price_year": "24000"},
        ],
    },
    "data": {
        "data_location": "eu",
        "cross_border": True,
        "cn_individuals_per_year": 150000,
        "cn_sensitive_per_year": 2000,
        "is_ciio": False,
        "gdpr_applies": True,
        "sensitive_pi": True,
    },
    "legal": {
        "forum": "arbitration",
        "court_place": None,
        "arbitration_commission": "CIETAC",
        "arbitration_seat": "Beijing",
        "arbitration_language": "en",
        "escrow": "source_code",
    },
}

# A perpetual licence paid by milestones, term extension as the SLA remedy, no renewal, Chinese only.
PERPETUAL_PATCH: dict = {
    "parties": {"contract_language": "zh", "prevailing_language": None},
    "term": {"auto_renew": False, "renewal_term_months": None, "non_renewal_notice_days": None},
    "sla": {
        "remedy_form": "term_extension",
        "credit_table": [
            {"below_pct": "99.9", "credit": "3"},
            {"below_pct": "99", "credit": "7"},
            {"below_pct": "95", "credit": "15"},
        ],
    },
    "pricing": {
        "pricing_model": "perpetual",
        "unit_price_per_seat_year": None,
        "licence_fee": "300000",
        "maintenance_pct": "20",
        "hosting_fee_year": "0",
        "tco_years": 5,
        "payment_schedule": "milestones",
    },
    "legal": {"court_place": "vendor_domicile"},
}

SAMPLES: dict[str, tuple[str, dict]] = {
    "standard": ("Standard: per seat, court, data in China, bilingual", {}),
    "all_options": ("Every option: migration, GDPR, data abroad, arbitration, escrow, English", ALL_OPTIONS_PATCH),
    "perpetual": ("Perpetual licence by milestones, term extension, no renewal, Chinese", PERPETUAL_PATCH),
}
SAMPLE_CONTRACT_NUMBER = "CRM-2027-0001"


def patched(document: dict, patch: dict) -> dict:
    """A copy of an answers document with per-step fields replaced."""
    result = copy.deepcopy(document)
    for step, fields in patch.items():
        result[step] = {**result.get(step, {}), **copy.deepcopy(fields)}
    return result


def sample_document(name: str) -> dict:
    return patched(STANDARD, SAMPLES[name][1])


_CONTEXTS: dict[str, dict] = {}  # answers JSON → context; the matrix is rebuilt on every clause save


def context_for(document: dict) -> dict:
    """The template context of an answers document (shared: do not modify it); raises ValueError
    listing what is invalid."""
    key = json.dumps(document, sort_keys=True, ensure_ascii=False)
    if key not in _CONTEXTS:
        typed, problems = check_answers(document)
        if problems:
            raise ValueError("; ".join(f"{p.step}.{p.field}: {p.text()}" for p in problems))
        _CONTEXTS[key] = terms_context(build_terms(typed, contract_number=SAMPLE_CONTRACT_NUMBER))
    return _CONTEXTS[key]


def sample_context(name: str) -> dict:
    return context_for(sample_document(name))


def _example(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (Decimal, int)):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return f"{len(value)} rows"
        return "[" + ", ".join(f"'{v}'" for v in value) + "]"
    return f"'{value}'"


def _lookup(context: dict, name: str) -> Any:
    step, _, rest = name.partition(".")
    field, _, item_key = rest.partition("[].")
    value = (context.get(step) or {}).get(field)
    if item_key:
        rows = value or []
        return rows[0].get(item_key) if rows else None
    return value


def variable_examples(context: dict | None = None) -> list[dict]:
    """The variable catalogue with an example value from a sample draft: name, type, example, meaning.

    Only the admin's clause form shows these rows, so the meaning is in the active language (the
    translation catalogue, keyed by the English of contracts/terms/model.py); `VARIABLES` keeps the English.
    """
    context = context if context is not None else sample_context("standard")
    return [
        {
            "name": v.name,
            "type": v.type,
            "example": _example(_lookup(context, v.name)),
            "meaning": gettext(v.meaning),
            "derived": v.derived,
        }
        for v in VARIABLES
    ]
