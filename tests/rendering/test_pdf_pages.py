"""The printed contract as a lawyer checks it: cover, contents, page numbers, margins, seals, metadata."""

import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from contracts.rendering import render
from tests.rendering.conftest import GENERATED_AT
from tests.rendering.pdfcheck import chars_outside_text_area, outline_pages, page_texts, toc_entries


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_cover_page_has_title_number_parties_date_and_draft_mark(bilingual_pdf):
    cover = squash(page_texts(bilingual_pdf)[0])
    for expected in (
        "CRM软件服务采购合同",
        "CRMSoftwareServiceProcurementAgreement",
        "CRM-2027-00042",
        "草案/DRAFT",
        "上海某某贸易有限公司",
        "杭州某某云软件有限公司",
        "2027年3月1日",
        "1March2027",
    ):
        assert expected in cover, expected
    assert "第1页" not in cover.split("草案/DRAFT")[0]  # no running header above the cover's own mark


def test_running_header_and_page_x_of_y_footer(bilingual_pdf):
    texts = page_texts(bilingual_pdf)
    total = len(texts)
    page = squash(texts[4])
    assert "合同编号/ContractNo.：CRM-2027-00042" in page  # the colon of the cover (first language)
    assert f"第5页/共{total}页" in page and f"Page5of{total}" in page


def test_contents_page_numbers_are_the_pages_the_articles_start_on(bilingual_pdf):
    bookmarks = outline_pages(bilingual_pdf)
    entries = toc_entries(bilingual_pdf)
    assert len(entries) >= 20, entries  # 13 articles, the signature page and 7 annexes
    texts = page_texts(bilingual_pdf)
    for title, page in entries:
        heading = squash(title.split(" / ")[0])
        assert heading in squash(texts[page - 1]), (title, page)
    article_1 = next(p for t, p in entries if t.startswith("第1条"))
    assert bookmarks[next(t for t in bookmarks if t.startswith("第1条"))] == article_1


def test_articles_and_annexes_are_bookmarks(bilingual_pdf):
    titles = list(outline_pages(bilingual_pdf))
    assert any(t.startswith("第1条") and "Article 1" in t for t in titles)
    assert any(t.startswith("附件7") and "Annex 7" in t for t in titles)


def test_no_text_outside_the_margins(bilingual_pdf, zh_pdf):
    assert chars_outside_text_area(bilingual_pdf) == []
    assert chars_outside_text_area(zh_pdf) == []


def test_signature_blocks_of_both_parties_on_one_page(bilingual_pdf, zh_pdf):
    for pdf in (bilingual_pdf, zh_pdf):
        pages = [squash(t) for t in page_texts(pdf)]
        seal_pages = [i for i, t in enumerate(pages) if "甲方（盖章）" in t]
        assert len(seal_pages) == 1
        page = pages[seal_pages[0]]
        assert "乙方（盖章）" in page and page.count("法定代表人或授权代表（签字）") == 2
        assert page.count("日期") >= 2


def test_annexes_are_listed_and_numbered(bilingual_pdf):
    text = squash("".join(page_texts(bilingual_pdf)))
    assert "本合同附件如下" in text
    for n in range(1, 8):
        assert f"附件{n}" in text and f"Annex{n}" in text


def test_prevailing_language_clause_in_bilingual_contract(bilingual_pdf):
    text = squash("".join(page_texts(bilingual_pdf)))
    assert "以中文文本为准" in text and "theChineseversionprevails" in text


def test_metadata_title_author_language_and_fixed_dates(bilingual_pdf):
    reader = PdfReader(io.BytesIO(bilingual_pdf))
    assert reader.metadata.title.startswith("CRM软件服务采购合同")
    assert reader.metadata.author == "上海某某贸易有限公司"
    assert reader.trailer["/Root"]["/Lang"] == "zh-Hans"
    assert reader.metadata["/CreationDate"].startswith("D:20270301093000")


def test_same_inputs_give_byte_identical_pdfs(minimal_document, zh_pdf):
    again = render(minimal_document, language="zh", fmt="pdf", generated_at=GENERATED_AT)
    assert again == zh_pdf


def test_the_full_bilingual_contract_is_under_600_kb_and_the_minimal_one_far_less(bilingual_pdf, zh_pdf):
    assert len(bilingual_pdf) < 600 * 1024, len(bilingual_pdf)  # every annex, both languages, ~50 pages
    assert len(zh_pdf) < 400 * 1024, len(zh_pdf)


def test_fonts_are_embedded_subsets_with_a_bold_face(zh_pdf):
    reader = PdfReader(io.BytesIO(zh_pdf))
    names = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    assert any("Noto-Serif-CJK-SC-Bold" in n for n in names), names
    assert all(re.match(r"^/[A-Z]{6}\+", n) for n in names), names  # subset prefix on every font


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_pages_render_to_images(zh_pdf, tmp_path):
    (tmp_path / "c.pdf").write_bytes(zh_pdf)
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(tmp_path / "c.pdf"), str(tmp_path / "p")], check=True)
    images = sorted(tmp_path.glob("p-*.png"))
    assert len(images) == len(PdfReader(io.BytesIO(zh_pdf)).pages)
    assert 15 <= len(images) <= 40


def test_a_short_chinese_table_heading_is_not_split_in_a_narrow_column(bilingual_pdf):
    """ "服务年度" in the yearly fee table of the Chinese column, not "服务年" over "度"."""
    page = next(t for t in page_texts(bilingual_pdf) if "经常性费用" in t and "Recurring" in t)
    assert "服务年度" in page
    assert not re.search(r"服务年\s+度", page)  # the word also runs in the clause text: what matters is no split
