"""A foreign vendor, a bilingual contract, English prevailing: what a PRC buyer's lawyer checks before
sending it (issue 17) — the withholding taxes, signing without a seal, places and countries in the
language of each column, and GDPR transfers out of the EEA."""

import re
from decimal import Decimal

import pytest

from contracts.clauses.assemble import assemble
from contracts.clauses.files import read_library_files
from contracts.clauses.samples import context_for, patched, sample_document
from contracts.rendering.html import print_model, render_html
from contracts.terms.places import ONLY_IN_CHINESE, place_names

LIBRARY = read_library_files()
FOREIGN = {"vendor_is_foreign": True, "vendor_uscc": "", "vendor_country": "DE", "vendor_name": "Example CRM GmbH"}
ENGLISH_PREVAILS = {"contract_language": "bilingual", "prevailing_language": "en"}
CJK = re.compile(r"[\u3400-\u9fff]")


def contract_for(patch: dict, sample: str = "standard"):
    context = context_for(patched(sample_document(sample), patch))
    return context, assemble(context, LIBRARY)


def text(document, key: str, lang: str) -> str:
    clause = next(c for s in document.sections for c in s.clauses if c.key == key)
    return " ".join(clause.text.get(lang))


# No implementation project: the recurring fees run from the start of the term, 80,000 in the first year.
FEES_FROM_THE_START = {"has_implementation": False, "go_live_date": None, "milestones": []}


def foreign(implementation: dict | None = None, **pricing):
    patch = {"parties": {**FOREIGN, **ENGLISH_PREVAILS}, "pricing": pricing}
    return contract_for(patch | ({"implementation": implementation} if implementation else {}))


# Tax when the vendor is abroad -------------------------------------------------------------------


def test_a_foreign_vendor_has_6_pct_vat_withheld_and_no_surcharges_never_vat_at_0_pct():
    _context, contract = foreign(vat_rate_pct="0", tax_inclusive=True, invoice_type="commercial_invoice")
    en, zh = text(contract, "pricing.tax_invoice", "en"), text(contract, "pricing.tax_invoice", "zh")
    assert "value-added tax at 0%" not in en and "with its surcharges" not in en
    assert "税率为0%" not in zh and "附加税费和企业所得税" not in zh
    assert "withholding agent for the value-added tax (VAT)" in en and "at the rate of 6%" in en
    assert "扣缴义务人，扣缴税率为6%" in zh
    assert "Article 3 of the City Maintenance and Construction Tax Law" in en and "城市维护建设税法》第三条" in zh
    assert "withholds enterprise income tax (EIT) at source at 10%" in en and "按10%的税率源泉扣缴企业所得税" in zh


def test_without_gross_up_the_fee_includes_the_vendors_taxes_and_the_figures_say_what_each_side_gets():
    context, contract = foreign(FEES_FROM_THE_START)
    pricing = context["pricing"]
    # 80,000 paid: VAT 80,000 ÷ 1.06 × 6 % = 4,528.30; EIT 10 % of 75,471.70 = 7,547.17; the vendor gets the rest
    assert (pricing["withheld_vat"], pricing["withheld_eit"]) == (Decimal("4528.30"), Decimal("7547.17"))
    assert pricing["vendor_receives"] == Decimal("67924.53") and pricing["buyer_pays"] == Decimal("80000.00")
    en = text(contract, "pricing.tax_invoice", "en")
    assert "include all taxes that the Vendor owes" in en
    assert "withholds VAT of CNY 4,528.30 and EIT of CNY 7,547.17, the Vendor receives CNY 67,924.53" in en
    assert "甲方代扣代缴的增值税为人民币4,528.30元" in text(contract, "pricing.tax_invoice", "zh")
    standard = context_for(patched(sample_document("standard"), {"implementation": FEES_FROM_THE_START}))
    assert pricing["tco"] == standard["pricing"]["tco"]  # the buyer pays no more


def test_with_gross_up_the_buyer_bears_the_withheld_taxes_and_its_tco_rises_by_them():
    context, contract = foreign(FEES_FROM_THE_START, gross_up=True, withholding_eit_pct="7")
    pricing = context["pricing"]
    # the vendor must net 80,000: G = 80,000 × 1.06 ÷ 0.93 = 91,182.80; VAT 5,161.29, EIT 7 % of 86,021.51
    assert pricing["buyer_pays"] == Decimal("91182.80") and pricing["vendor_receives"] == Decimal("80000.00")
    assert pricing["withheld_vat"] + pricing["withheld_eit"] == pricing["buyer_pays"] - Decimal("80000")
    en = text(contract, "pricing.tax_invoice", "en")
    assert "borne by the Customer and are not deducted from the amounts payable" in en
    assert "pays CNY 91,182.80 in total" in en and "由甲方承担，不从应付乙方的款项中扣除" in text(
        contract, "pricing.tax_invoice", "zh"
    )
    plain = context_for(
        patched(sample_document("standard"), {"parties": FOREIGN, "implementation": FEES_FROM_THE_START})
    )["pricing"]
    assert pricing["tco"] > plain["tco"]
    assert pricing["tco"] == sum(row["total"] for row in pricing["tco_by_year"])


@pytest.mark.parametrize("tax_inclusive", [True, False])
def test_the_price_annex_sums_up_the_withheld_taxes_as_the_tax_clause_does_never_vat_on_top(tax_inclusive):
    # The VAT answers are a domestic vendor's: for a foreign vendor the annex must not call the total
    # "exclusive of tax" and then add VAT to reach the same figure.
    _context, contract = foreign(FEES_FROM_THE_START, tax_inclusive=tax_inclusive)
    en, zh = text(contract, "annex_price.summary", "en"), text(contract, "annex_price.summary", "zh")
    assert "exclusive of tax" not in en and "with VAT of" not in en and "不含税" not in zh
    assert "is CNY 80,000.00, inclusive of all taxes the Vendor owes, including the VAT of CNY 4,528.30" in en
    assert "the EIT of CNY 7,547.17 that the Customer withholds under Section 5." in en
    assert "the Vendor receives CNY 67,924.53." in en
    assert "合同总价为人民币80,000.00元（大写：人民币捌万元整），已包含乙方应缴纳的全部税款" in zh
    assert "增值税为人民币4,528.30元" in zh and "乙方实际收取人民币67,924.53元" in zh


def test_with_gross_up_the_price_annex_says_what_the_buyer_pays_on_top_of_the_fees():
    _context, contract = foreign(FEES_FROM_THE_START, gross_up=True, withholding_eit_pct="7")
    en, zh = text(contract, "annex_price.summary", "en"), text(contract, "annex_price.summary", "zh")
    assert "is CNY 80,000.00, the amount the Vendor receives after withholding" in en
    assert "and pays CNY 91,182.80 in total." in en
    assert "甲方另行承担" in zh and "支付总额为人民币91,182.80元" in zh


def test_the_vendor_gives_its_residence_certificate_and_the_buyer_the_withholding_certificates():
    _context, contract = foreign()
    en, zh = text(contract, "pricing.tax_invoice", "en"), text(contract, "pricing.tax_invoice", "zh")
    assert "certificate of tax residence" in en and "税收居民身份证明" in zh
    assert "tax payment certificate issued by the tax authorities for the taxes withheld" in en
    assert "代扣代缴税款完税凭证" in zh
    assert "special VAT invoice" not in en and "commercial invoice" in en


def test_a_domestic_vendor_keeps_the_vat_invoice_text():
    _context, contract = contract_for({})
    en = text(contract, "pricing.tax_invoice", "en")
    assert en.startswith("All prices in this Agreement are inclusive of value-added tax at 6%.")
    assert "withhold" not in en and "special VAT invoice" in en


# Signing without a seal -------------------------------------------------------------------------


def test_a_foreign_vendor_without_a_seal_is_bound_by_its_signature_alone():
    _context, contract = foreign()
    effectiveness = text(contract, "general.effectiveness", "en")
    assert "sealed with their company seals" not in effectiveness
    assert "sealed with the Customer's company seal or contract seal" in effectiveness
    assert "do not depend on a seal of the Vendor" in effectiveness
    assert "乙方不使用公章" in text(contract, "general.effectiveness", "zh")
    amendments = text(contract, "general.amendments", "en")
    assert "sealed with their company seals" not in amendments and "the Customer's company seal" in amendments
    payment = text(contract, "pricing.payment", "en")
    assert "bears the Vendor's company seal" not in payment
    assert "signed by the Vendor's legal or authorised representative" in payment


def test_a_domestic_vendor_may_choose_to_sign_only_and_a_foreign_one_to_seal():
    _context, contract = contract_for({"parties": {"vendor_execution": "signature"}})
    assert "乙方不使用公章" in text(contract, "general.effectiveness", "zh")
    _context, contract = contract_for({"parties": {**FOREIGN, "vendor_execution": "seal"}})
    effectiveness = text(contract, "general.effectiveness", "en")
    assert (
        "their company seals or contract seals" in effectiveness and "does not use a company seal" not in effectiveness
    )


def test_every_signature_block_prints_name_and_title_lines_and_a_seal_only_where_used():
    _context, contract = foreign()
    html = render_html(contract, "bilingual")
    block = html[html.index('id="signatures"') :]
    assert block.count("姓名 / Name") == 2 and block.count("职务 / Title") == 2
    assert "甲方（盖章） / Party A (Company Seal)" in block
    assert "乙方（盖章）" not in block and "乙方 / Party B" in block


def test_the_place_of_signing_prints_in_the_language_of_each_line():
    _context, contract = foreign()
    model = print_model(contract, "bilingual")
    assert model["signing_place_lines"] == ["签订地点：上海市浦东新区", "Place of signing: Pudong New Area, Shanghai"]
    _context, contract = contract_for({"parties": {**FOREIGN, "signing_place": "上海", "signing_place_en": ""}})
    assert print_model(contract, "en")["signing_place_lines"] == ["Place of signing: Shanghai"]
    assert print_model(contract, "zh")["signing_place_lines"] == ["签订地点：上海市"]


def test_a_place_typed_in_chinese_only_is_marked_in_the_english_column():
    assert place_names("上海市浦东新区", "") == ("上海市浦东新区", f"上海市浦东新区 {ONLY_IN_CHINESE}")
    assert place_names("Beijing") == ("北京市", "Beijing")


def test_the_court_at_the_signing_place_is_named_in_each_columns_language():
    _context, contract = contract_for({"legal": {"court_place": "signing_place"}})
    assert "(Pudong New Area, Shanghai)" in text(contract, "disputes.court", "en")
    assert "（上海市浦东新区）" in text(contract, "disputes.court", "zh")


def test_the_vendors_country_prints_by_name_in_each_language_never_as_a_code():
    _context, contract = foreign()
    html = render_html(contract, "bilingual")
    assert "德国 / Germany" in html
    assert print_model(contract, "en")["parties"][1]["rows"][0] == ("Country", "Germany")


# GDPR transfers ---------------------------------------------------------------------------------

GDPR_OUT = {"gdpr_applies": True, "gdpr_transfer_mechanism": "scc_module_2"}
US = {
    "data_location": "us",
    "cross_border": True,
    "cn_individuals_per_year": 5000,
    "cn_sensitive_per_year": 0,
    "is_ciio": False,
}


def test_a_gdpr_transfer_names_its_mechanism_the_tia_the_toms_and_the_sub_processors():
    _context, contract = contract_for({"data": GDPR_OUT})  # data stored in mainland China: it leaves the EEA
    transfers = text(contract, "annex_gdpr.transfers", "en")
    assert (
        "Commission Implementing Decision (EU) 2021/914" in transfers
        and "Module Two (controller to processor)" in transfers
    )
    assert "Transfer impact assessment" in transfers and "Clause 14" in transfers
    assert "Annex II is paragraph 5 of Annex" in transfers and "Annex III is paragraph 6 of Annex" in transfers
    assert "Article 32 GDPR" in text(contract, "annex_gdpr.toms", "en")
    assert "name, location and processing activities" in text(contract, "annex_gdpr.subprocessors", "en")
    assert "模块二（控制者至处理者）" in text(contract, "annex_gdpr.transfers", "zh")


def test_data_kept_in_the_eu_needs_no_transfer_clause():
    _context, contract = contract_for({}, "all_options")  # data in the EU
    assert all(c.key != "annex_gdpr.transfers" for s in contract.sections for c in s.clauses)


def test_an_adequacy_transfer_has_no_sccs_and_china_has_no_adequacy():
    _context, contract = contract_for(
        {
            "parties": {**FOREIGN, "vendor_country": "US"},
            "data": {**GDPR_OUT, **US, "gdpr_transfer_mechanism": "adequacy"},
        }
    )
    transfers = text(contract, "annex_gdpr.transfers", "en")
    assert "Article 45 GDPR" in transfers and "Module Two" not in transfers
    with pytest.raises(ValueError, match="gdpr_transfer_mechanism"):
        context_for(patched(sample_document("standard"), {"data": {**GDPR_OUT, "gdpr_transfer_mechanism": "adequacy"}}))


def test_the_buyer_signs_for_its_eu_affiliates_each_a_controller():
    affiliates = [{"name": "Example Handel GmbH", "country": "DE"}, {"name": "Exemple SAS", "country": "FR"}]
    _context, contract = contract_for({"data": {**GDPR_OUT, "eu_affiliates": affiliates}})
    en = text(contract, "annex_gdpr.particulars", "en")
    assert (
        "for itself and as agent for the following affiliates: Example Handel GmbH (Germany); Exemple SAS (France)"
        in en
    )
    assert "each of those affiliates is a controller" in en
    assert "Example Handel GmbH（德国）" in text(contract, "annex_gdpr.particulars", "zh")
    assert "each of its affiliates named in the Annex" in text(contract, "data.gdpr", "en")


# Bilingual text that is bilingual ----------------------------------------------------------------


@pytest.mark.parametrize("layout", ["columns", "paragraphs"])
def test_no_chinese_in_the_english_column_of_a_foreign_vendors_contract(layout):
    """Outside what the buyer typed (names, addresses), no English part carries Chinese characters."""
    context, contract = contract_for(
        {
            "parties": {**FOREIGN, **ENGLISH_PREVAILS},
            "data": {**GDPR_OUT, "eu_affiliates": [{"name": "Example Handel GmbH", "country": "DE"}]},
            "legal": {"court_place": "signing_place"},
        }
    )
    model = print_model(contract, "bilingual", layout=layout)
    # sample free text entered in Chinese only: the edition, a module, the integrated systems' names
    typed = {"企业版", "经销商门户", "经销商在线报备商机、查询订单状态。"} | {
        row["system"] for row in context["scope"]["integrations"]
    }
    for part in model["articles"] + model["annexes"]:
        for clause in part["clauses"]:
            for column in clause["columns"]:
                if column.lang != "en":
                    continue
                for paragraph, _item in column.paragraphs:
                    stripped = paragraph
                    for t in typed:
                        stripped = stripped.replace(t, "")
                    assert not CJK.search(stripped), (clause["key"], paragraph)
    assert not CJK.search(model["signing_place_lines"][1])


def test_the_account_holder_in_the_chinese_text_is_the_foreign_vendors_registered_name_not_a_translation():
    """A bank pays the name on the account: for a foreign vendor that is its registered name, which the Chinese
    name at the head may only translate (the Chinese column names it without printing English words); a
    domestic vendor's account is in its Chinese name."""
    names = {"vendor_name": "示例客户关系管理有限公司", "vendor_name_en": "Example CRM GmbH"}
    _context, contract = contract_for({"parties": {**FOREIGN, **ENGLISH_PREVAILS, **names}})
    zh = text(contract, "pricing.payment", "zh")
    assert "户名：乙方在其注册地登记的名称，即本合同首部所列乙方英文名称；" in zh and "户名：示例" not in zh
    _context, domestic = contract_for({"parties": {**ENGLISH_PREVAILS, **names}})
    assert "户名：示例客户关系管理有限公司；" in text(domestic, "pricing.payment", "zh")
