"""The parties in each language (issue 17): a bilingual contract with a foreign vendor prints the parties'
names, addresses and people in English as well as in Chinese on the cover, in the parties block and on
the signature page; an English print prints them in English only; a Chinese print in Chinese only. In
the PDF, the Word file and the HTML."""

import io
import re

import pytest
from docx import Document as WordDocument

from contracts.clauses.assemble import assemble
from contracts.clauses.files import read_library_files
from contracts.clauses.samples import context_for, patched, sample_document
from contracts.rendering import render
from contracts.rendering.html import print_model
from tests.rendering.pdfcheck import page_texts

LIBRARY = read_library_files()
CJK = re.compile(r"[\u3400-\u9fff]")
VENDOR = {
    "vendor_is_foreign": True,
    "vendor_uscc": "",
    "vendor_country": "DE",
    "vendor_name": "艾格萨姆CRM有限公司",
    "vendor_name_en": "Example CRM GmbH",
    "vendor_address": "德国柏林弗里德里希大街100号",
    "vendor_address_en": "Friedrichstrasse 100, 10117 Berlin, Germany",
    "vendor_representative": "汉斯·穆勒",
    "vendor_representative_en": "Hans Mueller",
    "vendor_contact_name": "安娜·施密特",
    "vendor_contact_name_en": "Anna Schmidt",
    "contract_language": "bilingual",
    "prevailing_language": "en",
}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def contract():
    return assemble(context_for(patched(sample_document("standard"), {"parties": VENDOR})), LIBRARY)


@pytest.fixture(scope="module")
def pdfs(contract):
    return {language: render(contract, language=language, fmt="pdf") for language in ("bilingual", "en", "zh")}


def test_the_parties_block_and_signature_blocks_print_each_language_on_its_line(contract):
    model = print_model(contract, "bilingual")
    buyer, vendor = model["parties"]
    assert buyer["name"] == "上海某某贸易有限公司\nShanghai Example Trading Co., Ltd."
    assert vendor["name"] == "艾格萨姆CRM有限公司\nExample CRM GmbH"
    rows = dict(vendor["rows"])
    assert rows["住所 / Address"] == "德国柏林弗里德里希大街100号\nFriedrichstrasse 100, 10117 Berlin, Germany"
    assert rows["法定代表人/授权代表 / Legal / Authorised Representative"] == "汉斯·穆勒\nHans Mueller"
    assert rows["联系人 / Contact"] == "安娜·施密特\nAnna Schmidt"
    assert dict(buyer["rows"])["联系人 / Contact"] == "李娜\nLi Na"
    assert model["vendor_name"] == "艾格萨姆CRM有限公司\nExample CRM GmbH"
    assert model["buyer_name"] == "上海某某贸易有限公司\nShanghai Example Trading Co., Ltd."


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_single_language_print_names_the_parties_in_its_language_only(contract, language):
    model = print_model(contract, language)
    printed = [model["buyer_name"], model["vendor_name"]]
    printed += [party["name"] for party in model["parties"]] + [v for p in model["parties"] for _k, v in p["rows"]]
    if language == "en":
        assert "Example CRM GmbH" in printed and not [t for t in printed if CJK.search(t)]
    else:
        assert "艾格萨姆CRM有限公司" in printed and "Example CRM GmbH" not in " ".join(printed)


def test_a_party_given_in_chinese_only_is_marked_in_english_never_passed_off():
    doc = patched(sample_document("standard"), {"parties": VENDOR | {"vendor_name_en": ""}})
    model = print_model(assemble(context_for(doc), LIBRARY), "bilingual")
    assert model["vendor_name"] == "艾格萨姆CRM有限公司\n艾格萨姆CRM有限公司 (given in Chinese only)"


def test_the_bilingual_pdf_cover_holds_both_parties_in_both_languages(pdfs):
    cover = squash(page_texts(pdfs["bilingual"])[0])
    for expected in (
        "上海某某贸易有限公司",
        "ShanghaiExampleTradingCo.,Ltd.",
        "LiNa",
        "艾格萨姆CRM有限公司",
        "ExampleCRMGmbH",
        "Friedrichstrasse100,10117Berlin,Germany",
        "HansMueller",
        "AnnaSchmidt",
    ):
        assert expected in cover, expected


def test_the_signature_page_names_each_party_in_each_printed_language(pdfs):
    pages = page_texts(pdfs["bilingual"])
    signatures = squash(next(p for p in pages if "签署页" in p and "Place of signing" in p))
    for name in ("艾格萨姆CRM有限公司", "ExampleCRMGmbH", "上海某某贸易有限公司", "ShanghaiExampleTradingCo.,Ltd."):
        assert name in signatures, name
    pages = page_texts(pdfs["en"])
    english = next(p for p in pages if "Place of signing" in p)
    assert "Example CRM GmbH" in english and not CJK.search(english)


def test_the_english_pdf_cover_is_english_only(pdfs):
    cover = page_texts(pdfs["en"])[0]
    assert "Example CRM GmbH" in cover and "Anna Schmidt" in cover and not CJK.search(cover)
    assert "Example CRM GmbH" not in "".join(page_texts(pdfs["zh"])[:1])


@pytest.mark.parametrize("language", ["bilingual", "en"])
@pytest.mark.usefixtures("layout_stand_in")  # the PDF's layout gives the Word file its contents' page numbers only
def test_the_word_files_cover_and_signature_blocks_name_the_parties_in_english(contract, language):
    doc = WordDocument(io.BytesIO(render(contract, language=language, fmt="docx")))
    cover = doc.tables[0]
    signatures = next(t for t in doc.tables if "Name" in t.rows[0].cells[0].text)
    cover_text = "\n".join(cell.text for row in cover.rows for cell in row.cells)
    signature_text = "\n".join(cell.text for cell in signatures.rows[0].cells)
    for text in (cover_text, signature_text):
        assert "Example CRM GmbH" in text and "Shanghai Example Trading Co., Ltd." in text
        if language == "en":
            assert not CJK.search(text), text
        else:
            assert "艾格萨姆CRM有限公司\nExample CRM GmbH" in text
    assert "Friedrichstrasse 100, 10117 Berlin, Germany" in cover_text


def test_the_html_prints_each_language_on_its_own_line(contract):
    from contracts.rendering.html import render_html

    html = render_html(contract, "bilingual")
    assert "艾格萨姆CRM有限公司<br>Example CRM GmbH" in html
