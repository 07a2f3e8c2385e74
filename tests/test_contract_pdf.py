"""The PDF a buyer downloads, read back as text: parties, figures and the clauses the answers call for."""

import pytest

from contracts.clauses.samples import ALL_OPTIONS_PATCH, PERPETUAL_PATCH
from contracts.models import Draft
from tests.factories import answers_document
from tests.helpers import pdf_text, squash, walk_wizard

pytestmark = pytest.mark.django_db


def generate(client, owner, answers, language) -> str:
    """Walk the wizard as the buyer, press "Download PDF", and read the file that comes back."""
    client.force_login(owner)
    client.post("/drafts/new/", {"title": "PDF test"})
    draft = Draft.objects.filter(owner=owner).latest("pk")
    walk_wizard(client, draft, answers)
    response = client.post(f"/drafts/{draft.pk}/generate/", {"language": language, "format": "pdf"})
    assert response.status_code == 302, response.content[:500]
    download = client.get(response["Location"])
    assert download["Content-Type"] == "application/pdf"
    return squash(pdf_text(b"".join(download.streaming_content)))


# A: the sample draft in Chinese — per seat, court, nothing migrated, data stays in China.
ANSWERS_A = {"parties": {"contract_language": "zh", "prevailing_language": None}}
# B: everything optional switched on, in English: the app's "every option" sample.
ANSWERS_B = ALL_OPTIONS_PATCH
# C: the app's perpetual-licence sample (term extension as the SLA remedy, no renewal), printed bilingual.
ANSWERS_C = {**PERPETUAL_PATCH, "parties": {"contract_language": "bilingual", "prevailing_language": "zh"}}


def test_a_chinese_contract_with_court_and_no_migration(client, alice, library):
    text = generate(client, alice, answers_document(**ANSWERS_A), "zh")
    assert "CRM软件服务采购合同" in text
    assert "上海某某贸易有限公司" in text and "杭州某某云软件有限公司" in text
    assert "91310115MA1K4L8X24" in text
    # total contract value: 60,000 a year from acceptance (14 April) to the end of the term + 20,000
    assert "人民币62,903.23元（大写：人民币陆万贰仟玖佰零叁元贰角叁分）" in text
    assert "43.2分钟" in text  # allowed downtime at 99.9 % in a 30-day month
    assert "2027年12月31日" in text  # end of the initial term
    assert "诉讼" in text and "甲方住所地" in text
    for absent in (
        "数据迁移的责任与方式",
        "个人信息出境",
        "通用数据保护条例",
        "定制开发成果",
        "托管安排",
        "仲裁委员会",
        "合同语言",
    ):
        assert absent not in text, absent
    assert "个人信息委托处理" in text
    assert "甲方（盖章）" in text and "第1页/共" in text


def test_b_english_contract_with_every_option(client, alice, library):
    text = generate(client, alice, answers_document(**ANSWERS_B), "en")
    assert "CRMSoftwareServiceProcurementAgreement" in text
    for present in (
        "DataMigration:ResponsibilityandMethod",
        "Cross-BorderTransferofPersonalInformation",
        "EUGeneralDataProtectionRegulation",
        "CustomDevelopment",
        "Escrow",
        "Arbitration",
        "ChinaInternationalEconomicandTradeArbitrationCommission",
        "99.5%",
    ):
        assert present in text, present
    assert "Litigation" not in text
    # 40 × 1,500 + 24,000 = 84,000 a year. Acceptance waits for the 30-day parallel run after the 31 March
    # go-live (30 April), then 10 working days: 14 May. From then 7 months and 18 days of December (18/31)
    # are 53,064.52 in the initial term; with 20,000 one-time fees the initial term is worth 73,064.52.
    assert "CNY73,064.52" in text
    assert "CNY84,000.00" in text


def test_c_bilingual_perpetual_contract(client, alice, library):
    text = generate(client, alice, answers_document(**ANSWERS_C), "bilingual")
    assert "CRM软件服务采购合同" in text and "CRMSoftwareServiceProcurementAgreement" in text
    assert "计价方式：永久许可" in text and "PricingModel:PerpetualLicence" in text
    # Licence 300,000, maintenance 20 % = 60,000 in year 1 rising by the 5 % cap each year after:
    # TCO over 5 years = 300,000 + 20,000 + 60,000 + 63,000 + 66,150 + 69,457.50 + 72,930.38.
    assert "CNY651,537.88" in text
    assert "自动续约" not in text and "AutomaticRenewal" not in text
    assert "合同语言" in text
    assert "乙方住所地" in text


def test_user_text_is_printed_literally(client, alice, library):
    payload = '<img src="file:///etc/passwd"><b>{{ settings.SECRET_KEY }}</b>'
    answers = answers_document(
        parties={
            "buyer_address": payload,
            "contract_language": "en",
            "prevailing_language": None,
            "signing_place": "Pudong New Area, Shanghai",
        }
    )
    text = generate(client, alice, answers, "en")
    assert squash(payload) in text
