"""The Word file a lawyer redlines: the same numbering, headings, tables and page numbers as the PDF."""

import copy
import io
import re
import shutil
import subprocess
import zipfile
from collections import Counter

import pytest
from docx import Document as WordDocument
from docx.text.paragraph import Paragraph
from lxml import etree
from openxml_audit.errors import FileFormat
from openxml_audit.validator import OpenXmlValidator
from PIL import Image
from pypdf import PdfReader

from contracts.rendering import render
from contracts.rendering.docx import render_docx, with_track_changes
from tests.rendering.conftest import GENERATED_AT


def read(data: bytes) -> WordDocument:
    return WordDocument(io.BytesIO(data))


def all_text(doc: WordDocument) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    return "\n".join(parts)


def headings(doc: WordDocument, level: int) -> list[str]:
    """Heading texts as printed: with the number Word's heading list gives them (python-docx omits it)."""
    return [text for lvl, text in printed_headings(doc) if lvl == level]


def printed_headings(doc: WordDocument) -> list[tuple[int, str]]:
    numbering = doc.part.numbering_part.element
    abstract = {a.get(w("abstractNumId")): a for a in numbering.findall(w("abstractNum"))}
    lvl_text = {
        n.get(w("numId")): {
            int(lvl.get(w("ilvl"))): lvl.find(w("lvlText")).get(w("val"))
            for lvl in abstract[n.find(w("abstractNumId")).get(w("val"))].findall(w("lvl"))
        }
        for n in numbering.findall(w("num"))
    }

    def num_id(ppr) -> str | None:
        el = ppr.find(f"{w('numPr')}/{w('numId')}") if ppr is not None else None
        return el.get(w("val")) if el is not None else None

    style_num = {
        name: num_id(doc.styles[f"Heading {name[-1]}"].element.find(w("pPr"))) for name in ("Heading1", "Heading2")
    }
    counters, out = [0, 0], []
    for p in doc.element.body.iter(w("p")):
        style = _pstyle(p)
        if style not in style_num:
            continue
        level = int(style[-1]) - 1
        number_id = num_id(p.find(w("pPr"))) or style_num[style]
        number = ""
        if number_id and number_id != "0":
            counters[level] += 1
            counters[level + 1 :] = [0] * (1 - level)
            number = lvl_text[number_id][level].replace("%1", str(counters[0])).replace("%2", str(counters[1]))
        out.append((level + 1, number + "".join(t.text or "" for t in p.iter(w("t")))))
    return out


@pytest.fixture(scope="module")
def zh_docx(minimal_document):
    return render(minimal_document, language="zh", fmt="docx", generated_at=GENERATED_AT)


@pytest.fixture(scope="module")
def full_docx(full_document):
    """The full contract's Word files, each rendered once a module (a render lays out the PDF for its pages)."""
    files = {}

    def get(language: str, layout: str = "columns") -> bytes:
        if (language, layout) not in files:
            files[language, layout] = render(
                full_document, language=language, fmt="docx", layout=layout, generated_at=GENERATED_AT
            )
        return files[language, layout]

    return get


def test_articles_are_word_headings_numbered_as_in_the_pdf(zh_docx, minimal_document):
    doc = read(zh_docx)
    level_1 = headings(doc, 1)
    assert level_1[0] == f"第1条　{minimal_document.articles[0].title_zh}"
    assert len([h for h in level_1 if h.startswith("第")]) == len(minimal_document.articles)
    first_clause = minimal_document.articles[0].clauses[0]
    assert f"{first_clause.number}　{first_clause.title_zh}" in headings(doc, 2)


def test_tables_have_repeating_header_rows_that_never_split(zh_docx):
    doc = read(zh_docx)
    fees = next(t for t in doc.tables if t.rows[0].cells[0].text in ("服务年度", "费用项目"))
    first_row = fees.rows[0]._tr.xml
    assert "w:tblHeader" in first_row and "w:cantSplit" in first_row


def test_footer_counts_pages_and_header_names_the_contract(zh_docx):
    section = read(zh_docx).sections[0]
    footer_xml = section.footer._element.xml
    assert " PAGE " in footer_xml and " NUMPAGES " in footer_xml and "共" in footer_xml
    assert section.header.paragraphs[0].text.startswith("合同编号：CRM-2027-00042")  # the cover's colon, not ": "
    assert " PAGE " in section.first_page_footer._element.xml  # the cover has no header, but the page footer


def test_cover_parties_and_signature_blocks(zh_docx):
    text = all_text(read(zh_docx))
    for expected in (
        "CRM软件服务采购合同",
        "草案",
        "上海某某贸易有限公司",
        "杭州某某云软件有限公司",
        "甲方（盖章）",
        "乙方（盖章）",
        "法定代表人或授权代表（签字）",
        "（以下无正文，为签署页）",
    ):
        assert expected in text, expected


@pytest.mark.parametrize("layout", ["columns", "paragraphs"])
def test_bilingual_modes_carry_both_texts_and_the_prevailing_language(full_document, full_docx, layout):
    doc = read(full_docx("bilingual", layout))
    text = all_text(doc)
    assert "以中文文本为准" in text and "the Chinese version prevails" in text
    assert "第1条　定义与解释 / Article 1　Definitions and Interpretation" in headings(doc, 1)
    side_by_side = [t for t in doc.tables if len(t.columns) == 2 and "Article" not in t.cell(0, 0).text]
    if layout == "columns":
        # clause 1.1 side by side: Word numbers the Chinese heading, the English one repeats its number
        assert any(t.cell(0, 0).text.startswith("　定义") and t.cell(0, 1).text.startswith("1.1") for t in side_by_side)
        assert "1.1　定义" in headings(doc, 2) and "1.1　Definitions" in headings(doc, 2)
    else:
        clause = full_document.articles[0].clauses[0]
        paragraphs = [p.text for p in doc.paragraphs]
        zh = paragraphs.index(clause.text.zh[0])
        assert paragraphs[zh + 1] == clause.text.en[0]  # each Chinese paragraph followed by its English


def test_english_docx_has_english_only(full_docx):
    text = all_text(read(full_docx("en")))
    assert "CRM Software Service Procurement Agreement" in text and "Article 1" in text
    assert "定义" not in text


def test_metadata_and_byte_identical_output(zh_docx, minimal_document):
    props = read(zh_docx).core_properties
    assert props.title.startswith("CRM软件服务采购合同") and props.author == "上海某某贸易有限公司"
    assert props.language == "zh-Hans" and props.created.year == 2027
    assert render(minimal_document, language="zh", fmt="docx", generated_at=GENERATED_AT) == zh_docx


def libreoffice_pdf(docx: bytes, tmp_path) -> PdfReader:
    source = tmp_path / "contract.docx"
    source.write_bytes(docx)
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        timeout=240,
        capture_output=True,
    )
    return PdfReader(tmp_path / "contract.pdf")


def page_texts(reader: PdfReader) -> list[str]:
    return [re.sub(r"\s+", "", page.extract_text() or "") for page in reader.pages]


INK_CELL_MM = 2.5  # the layout grid: a cell is inked if any pixel of it is
REACH = 2  # cells: ink within 5 mm on the other page counts as the same ink (font metrics, line rounding)
MAX_UNMATCHED_PER_BAND = 20  # cells: 5 cm of ink in one 2.5 mm band with nothing near it is a layout change


def page_image(pdf: bytes, page: int, tmp_path) -> Image.Image:
    """One page as a greyscale image at 100 dpi (a 0.5 pt rule still prints a dark pixel)."""
    source = tmp_path / "page.pdf"
    source.write_bytes(pdf)
    out = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-r", "100", "-gray", "-f", str(page), "-l", str(page), "-singlefile", str(source), str(out)],
        check=True,
        timeout=60,
    )
    with Image.open(f"{out}.pgm") as image:
        return image.copy()  # read now: the next page overwrites the file


def ink_cells(image: Image.Image) -> set[tuple[int, int]]:
    cell = round(INK_CELL_MM / 25.4 * 100)
    reduced = image.point(lambda v: 0 if v < 200 else 255).reduce(cell)  # any ink darkens its cell
    px = reduced.load()
    return {(x, y) for y in range(reduced.height) for x in range(reduced.width) if px[x, y] < 255}


def layout_difference(a: Image.Image, b: Image.Image) -> int:
    """The most ink cells in one horizontal band of either page with no ink within REACH on the other: glyph
    shapes, hinting and a line that lands a millimetre lower count for nothing; a block moved or missing does."""
    cells_a, cells_b = ink_cells(a), ink_cells(b)
    near = [(dx, dy) for dx in range(-REACH, REACH + 1) for dy in range(-REACH, REACH + 1)]

    def unmatched(one, other):
        return [y for x, y in one if not any((x + dx, y + dy) in other for dx, dy in near)]

    return max(Counter(unmatched(cells_a, cells_b) + unmatched(cells_b, cells_a)).values(), default=0)


def find_page(reader: PdfReader, test) -> int:
    return next(i for i, page in enumerate(reader.pages, 1) if test(re.sub(r"\s+", "", page.extract_text() or "")))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_libreoffice_prints_the_cover_fee_table_signature_page_and_annexes_as_the_pdf_does(
    zh_docx, zh_pdf, minimal_document, tmp_path
):
    word_reader = libreoffice_pdf(zh_docx, tmp_path)
    word_pdf = (tmp_path / "contract.pdf").read_bytes()
    pdf = zh_pdf
    pdf_reader = PdfReader(io.BytesIO(pdf))
    word = page_texts(word_reader)
    assert f"共{len(word)}页" in "".join(word)  # the NUMPAGES field was computed
    assert "合同编号：CRM-2027-00042草案" in word[1] and "合同编号" not in word[0][:10]  # no header on the cover
    # the contents page lists the headings with page numbers without Word or LibreOffice updating it
    assert re.search(r"第1条[^第]*?\d+第2条", word[1]), word[1][:200]
    fees = next(a for a in minimal_document.annexes if "价格" in a.title_zh)
    pages = {
        "cover": lambda text: True,
        "signature page": lambda text: "甲方（盖章）" in text,
        "fee tables": lambda text: f"附件{fees.number}{fees.title_zh}" in text[:60],
        "first annex": lambda text: f"附件1{minimal_document.annexes[0].title_zh}" in text[:60],
    }
    images = {
        name: (
            page_image(pdf, find_page(pdf_reader, test), tmp_path),
            page_image(word_pdf, find_page(word_reader, test), tmp_path),
        )
        for name, test in pages.items()
    }
    for name, (printed, from_word) in images.items():
        assert layout_difference(printed, from_word) <= MAX_UNMATCHED_PER_BAND, name
    # the measure has teeth: the fee page 1 cm lower, or another annex's page, is a different layout
    printed = images["fee tables"][0]
    lower = Image.new("L", printed.size, 255)
    lower.paste(printed.crop((0, 0, printed.width, printed.height - 40)), (0, 40))
    assert layout_difference(printed, lower) > MAX_UNMATCHED_PER_BAND
    assert layout_difference(printed, images["first annex"][1]) > MAX_UNMATCHED_PER_BAND
    # the fee table: every figure whole, as in the PDF
    header = "服务年度经常性费用（元）一次性费用（元）合计（元）"
    for reader in (word_reader, pdf_reader):
        text = page_texts(reader)[find_page(reader, pages["fee tables"]) - 1]
        # year 1 (fees from acceptance, so 8.58 months of it in the term): three figures, none broken
        assert text.split(header)[1].startswith("1（按8.58个月折算）42,903.2320,000.0062,903.23")


def data_tables(doc: WordDocument, *, nested: bool):
    """The contract's bordered data tables: in the side-by-side layout they sit inside the language cells."""
    tables = [t for outer in doc.tables for cell in outer._cells for t in cell.tables] if nested else doc.tables
    return [t for t in tables if t.style is not None and t.style.name == "Table Grid"]


@pytest.mark.parametrize("language, layout, room_cm", [("bilingual", "columns", 8.1), ("en", "columns", 17.0)])
def test_table_columns_fit_the_page_and_never_break_a_figure_or_a_heading_word(full_docx, language, layout, room_cm):
    # Columns used to be equal: in a half-page column "104,000.00" wrapped after "104,000." and "Quantity"
    # after "Quantit" (LibreOffice, with a wide serif standing in for Times New Roman).
    doc = read(full_docx(language, layout))
    tables = data_tables(doc, nested=language == "bilingual")
    assert len(tables) >= 8
    em, margins = 8.5 * 12700, 0.4 * 360000  # EMU: the tables' 8.5 pt, Word's default cell margins
    width_of = {True: 0.5 * em, False: 0.6 * em}  # Times New Roman: a digit 0.5 em; a bold letter at most 0.6
    for table in tables:
        widths = [column.width for column in table.columns]
        assert sum(widths) <= (room_cm + 0.01) * 360000  # Word stores widths in twips: a rounding, no more
        for row in table.rows:
            for cell, width in zip(row.cells, widths):
                text = cell.text
                if re.fullmatch(r"[0-9][0-9,.]*", text):
                    assert "w:noWrap" in cell._tc.xml  # nor does Word wrap a figure when a redline narrows it
                pieces = [text] if re.fullmatch(r"[0-9,.]+", text) else re.findall(r"[A-Za-z]{4,}", text)
                for piece in pieces:
                    needed = sum(width_of[ch.isdigit() or ch in ",."] for ch in piece) + margins
                    assert needed <= width, (piece, widths, [c.text for c in row.cells])


# --- A file that survives a negotiation in Word (issue 26) ---

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def part(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


def w(name: str) -> str:
    return W + name


@pytest.fixture(scope="module")
def bilingual_docx(full_docx):
    return full_docx("bilingual")


@pytest.fixture(scope="module")
def every_docx(zh_docx, bilingual_docx, full_docx):
    return {
        "zh": zh_docx,
        "bilingual columns": bilingual_docx,
        "bilingual paragraphs": full_docx("bilingual", "paragraphs"),
        "en": full_docx("en"),
        "tracked": with_track_changes(bilingual_docx),
    }


@pytest.mark.parametrize("name", ["zh", "bilingual columns", "bilingual paragraphs", "en", "tracked"])
def test_every_generated_docx_is_valid_open_xml(every_docx, name, tmp_path):
    # No registry package ships the ECMA-376 XSDs; openxml-audit ships the Open XML SDK's schema data (the
    # element order and content Word checks): tblBorders after tblLayout or updateFields after the
    # compatibility settings made Word offer to repair the file.
    path = tmp_path / "contract.docx"
    path.write_bytes(every_docx[name])
    result = OpenXmlValidator(file_format=FileFormat.MICROSOFT_365, max_errors=0).validate(path)
    # numId 0 is how ECMA-376 (17.9.18) takes a paragraph out of its style's numbering; the tool's semantic
    # check takes it for a missing list
    errors = [e for e in result.errors if e.description != "Numbering definition '0' referenced but not found"]
    assert errors == [], [(e.description, e.part_uri, e.path) for e in errors[:20]]


def test_settings_open_in_current_word_mode_at_full_zoom_without_claiming_a_clean_spelling_check(zh_docx):
    settings = part(zh_docx, "word/settings.xml")
    assert settings.find(w("zoom")).get(w("percent")) == "100"
    modes = [s.get(w("val")) for s in settings.iter(w("compatSetting")) if s.get(w("name")) == "compatibilityMode"]
    assert modes == ["15"]  # 14 opened the file in Compatibility Mode
    assert settings.find(w("proofState")) is None
    assert settings.find(w("themeFontLang")).get(w("eastAsia")) == "zh-CN"  # was ja-JP: a Japanese heading face
    assert settings.find(w("trackRevisions")) is None  # off unless asked for


def test_heading_styles_name_their_fonts_without_theme_fonts_overriding_them(zh_docx):
    styles = part(zh_docx, "word/styles.xml")
    for rfonts in styles.iter(w("rFonts")):
        assert not [a for a in rfonts.attrib if a.endswith("Theme") or a.endswith("theme")], rfonts.attrib
    heading = next(s for s in styles.iter(w("style")) if s.get(w("styleId")) == "Heading1")
    rfonts = heading.find(w("rPr")).find(w("rFonts"))
    assert rfonts.get(w("ascii")) == "Times New Roman" and rfonts.get(w("eastAsia")) == "SimSun"


def _styles_by_id(data: bytes) -> dict:
    return {s.get(w("styleId")): s for s in part(data, "word/styles.xml").iter(w("style"))}


def _lang_of(paragraph: etree._Element, styles: dict, default: str) -> str:
    """The proofing language Word applies to a paragraph's Latin text: its run's, else its style chain's."""
    first_text = next((r for r in paragraph.iter(w("r")) if r.find(w("t")) is not None), None)
    run_lang = first_text.find(f"{w('rPr')}/{w('lang')}") if first_text is not None else None
    if run_lang is not None:
        return run_lang.get(w("val"))
    style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
    style_id = style.get(w("val")) if style is not None else "Normal"
    while style_id:
        lang = styles[style_id].find(f"{w('rPr')}/{w('lang')}")
        if lang is not None:
            return lang.get(w("val"))
        based = styles[style_id].find(w("basedOn"))
        style_id = based.get(w("val")) if based is not None else None
    return default


def test_each_language_is_tagged_for_proofing_per_column(bilingual_docx):
    # Everything was tagged en-US: Word checked the Chinese as English and the British spelling as American.
    styles = _styles_by_id(bilingual_docx)
    default = part(bilingual_docx, "word/styles.xml").find(f"{w('docDefaults')}//{w('lang')}")
    assert (default.get(w("val")), default.get(w("eastAsia"))) == ("zh-CN", "zh-CN")
    body = part(bilingual_docx, "word/document.xml").find(w("body"))
    rows = [tr for tbl in body.findall(w("tbl")) for tr in tbl.findall(w("tr")) if len(tr.findall(w("tc"))) == 2]
    numbered = [
        tr for tr in rows if re.match(r"\d+\.\d+", "".join(t.text for t in tr.findall(w("tc"))[1].iter(w("t"))))
    ]
    clause_rows = numbered
    assert len(clause_rows) > 30
    for tr in clause_rows:
        zh_cell, en_cell = tr.findall(w("tc"))
        assert {_lang_of(p, styles, "zh-CN") for p in zh_cell.iter(w("p")) if "".join(p.itertext())} == {"zh-CN"}
        assert {_lang_of(p, styles, "zh-CN") for p in en_cell.iter(w("p")) if "".join(p.itertext())} == {"en-GB"}


def test_english_file_is_british_english(every_docx):
    data = every_docx["en"]
    default = part(data, "word/styles.xml").find(f"{w('docDefaults')}//{w('lang')}")
    assert default.get(w("val")) == "en-GB"
    styles = _styles_by_id(data)
    body = part(data, "word/document.xml").find(w("body"))
    langs = {_lang_of(p, styles, "en-GB") for p in body.iter(w("p")) if "".join(p.itertext())}
    assert langs == {"en-GB"}


def _pstyle(p: etree._Element) -> str | None:
    style = p.find(f"{w('pPr')}/{w('pStyle')}")
    return style.get(w("val")) if style is not None else None


def test_text_carries_named_styles_a_firm_template_can_restyle(bilingual_docx, full_document):
    body = part(bilingual_docx, "word/document.xml").find(w("body"))
    paragraphs = list(body.iter(w("p")))
    used = {_pstyle(p) for p in paragraphs}
    assert {"ClauseText", "ClauseItem", "ClauseTextEN", "ClauseItemEN", "TableText", "TableHeading"} <= used
    for p in paragraphs:
        if _pstyle(p) in {"ClauseText", "ClauseItem", "ClauseTextEN", "ClauseItemEN"}:
            ppr = p.find(w("pPr"))
            assert ppr.find(w("ind")) is None and ppr.find(w("jc")) is None  # indents and alignment from the style
        if (_pstyle(p) or "").startswith("Table"):
            assert not list(p.iter(w("sz")))  # the table size from the style, not on every run
    conspicuous = [r for r in body.iter(w("r")) if r.find(f"{w('rPr')}/{w('rStyle')}") is not None]
    assert conspicuous, "the liability text is no longer marked"
    for r in conspicuous:
        rpr = r.find(w("rPr"))
        assert rpr.find(w("rStyle")).get(w("val")) == "Conspicuous"
        assert rpr.find(w("b")) is None and rpr.find(w("u")) is None
    highlighted = next(c for s in full_document.sections for c in s.clauses if c.highlight)
    text = "".join(r.findtext(w("t")) or "" for r in conspicuous)
    assert highlighted.text.zh[0] in text and highlighted.text.en[0] in text


def test_no_empty_spacer_paragraphs_and_annexes_start_on_a_new_page(bilingual_docx, full_document):
    body = part(bilingual_docx, "word/document.xml").find(w("body"))
    top = body.findall(w("p"))
    assert [p for p in top if not "".join(p.itertext()).strip()] == []
    breaks_before = ["".join(p.itertext()) for p in top if p.find(f"{w('pPr')}/{w('pageBreakBefore')}") is not None]
    annexes = [f"附件{s.number}　{s.title_zh}" for s in full_document.annexes]
    assert annexes and all(any(b.startswith(a) for b in breaks_before) for a in annexes)
    assert any(b.startswith("签署页") for b in breaks_before)


def test_side_by_side_clauses_are_one_table_per_article_with_both_titles_as_headings(bilingual_docx):
    # 74 pairs of back-to-back one-row tables: Word merges them when the paragraph between goes.
    body = part(bilingual_docx, "word/document.xml").find(w("body"))
    children = list(body)
    for before, after in zip(children, children[1:]):
        assert not (before.tag == w("tbl") and after.tag == w("tbl"))
    doc = read(bilingual_docx)
    level_2 = headings(doc, 2)
    assert "1.1　定义" in level_2 and "1.1　Definitions" in level_2


def test_template_leftovers_are_gone_and_dates_are_real(zh_docx, minimal_document):
    names = zipfile.ZipFile(io.BytesIO(zh_docx)).namelist()
    assert not [n for n in names if "thumbnail" in n or "stylesWithEffects" in n or n.startswith("customXml")]
    core = zipfile.ZipFile(io.BytesIO(zh_docx)).read("docProps/core.xml").decode()
    assert "python-docx" not in core and "lastPrinted" not in core
    app = zipfile.ZipFile(io.BytesIO(zh_docx)).read("docProps/app.xml").decode()
    assert "<Pages>" not in app and "<Words>" not in app and "Macintosh" not in app  # stale statistics
    undated = read(render_docx(minimal_document, "zh")).core_properties
    assert undated.created.year >= 2026  # was 2000-01-01 when no date was given (the command line)


def test_track_changes_copy_records_edits_and_changes_nothing_else(zh_docx):
    tracked = with_track_changes(zh_docx)
    assert part(tracked, "word/settings.xml").find(w("trackRevisions")) is not None
    assert part(tracked, "word/document.xml").xpath("string()") == part(zh_docx, "word/document.xml").xpath("string()")


def test_contents_lists_each_heading_with_the_pdfs_page_number_and_only_it_updates(
    bilingual_docx, bilingual_pdf, full_document
):
    # The contents had no page numbers until the reader accepted Word's prompt to update every field.
    assert part(bilingual_docx, "word/settings.xml").find(w("updateFields")) is None  # no prompt on opening
    body = part(bilingual_docx, "word/document.xml").find(w("body"))
    dirty = [f for f in body.iter(w("fldChar")) if f.get(w("dirty")) == "true"]
    assert len(dirty) == 1 and "TOC" in dirty[0].getparent().findtext(w("instrText"))
    entries = [p for p in body.findall(w("p")) if _pstyle(p) == "toc1"]
    assert len(entries) == len(full_document.articles) + 1 + len(full_document.annexes)
    bookmarks = {b.get(w("name")): b.getparent() for b in body.iter(w("bookmarkStart"))}
    doc = read(bilingual_docx)
    texts = iter(text for _, text in printed_headings(doc))
    printed = {p: next(texts) for p in body.iter(w("p")) if _pstyle(p) in ("Heading1", "Heading2")}
    pages = []
    for entry in entries:
        instructions = [t.text for t in entry.iter(w("instrText"))]
        target = re.search(r"PAGEREF (\S+) \\h", " ".join(instructions)).group(1)
        heading = bookmarks[target]  # the heading the entry points to, where Word will find it
        assert _pstyle(heading) == "Heading1"
        title = "".join(t.text for t in entry.iter(w("t")))
        assert title.startswith(printed[heading])
        pages.append(int(re.search(r"(\d+)$", title).group(1)))
    assert pages == sorted(pages) and pages[0] >= 3  # after the cover and the contents, in the PDF's order
    pdf = PdfReader(io.BytesIO(bilingual_pdf))
    signatures = next(i for i, page in enumerate(pdf.pages, 1) if "签署页" in (page.extract_text() or "")[:60])
    assert pages[len(full_document.articles)] == signatures


def _fields(p: etree._Element) -> list[tuple[str, str]]:
    """(instruction, cached result) of each field in a paragraph."""
    out, instruction, result, state = [], "", "", None
    for el in p.iter(w("fldChar"), w("instrText"), w("t")):
        if el.tag == w("fldChar"):
            kind = el.get(w("fldCharType"))
            if kind == "begin":
                instruction, result, state = "", "", "instr"
            elif kind == "separate":
                state = "result"
            else:
                out.append((instruction.strip(), result))
                state = None
        elif el.tag == w("instrText") and state == "instr":
            instruction += el.text or ""
        elif el.tag == w("t") and state == "result":
            result += el.text or ""
    return out


@pytest.mark.parametrize("language, layout", [("bilingual", "columns"), ("bilingual", "paragraphs"), ("en", "columns")])
def test_cross_references_are_ref_fields_to_the_cited_clause_printing_the_same_number(full_docx, language, layout):
    # "第6.3条" / "Section 6.3" were typed: a clause inserted before it left every citation wrong.
    data = full_docx(language, layout)
    body = part(data, "word/document.xml").find(w("body"))
    bookmarks = {b.get(w("name")): b for b in body.iter(w("bookmarkStart"))}
    refs = [(f, p) for p in body.iter(w("p")) for f in _fields(p) if f[0].startswith("REF ")]
    cited = [(f, p) for f, p in refs if _pstyle(p) != "Heading2"]
    assert len(cited) > 50
    texts = iter(text for _, text in printed_headings(read(data)))
    printed = {p: next(texts) for p in body.iter(w("p")) if _pstyle(p) in ("Heading1", "Heading2")}
    for (instruction, result), p in cited:
        name = instruction.split()[1]
        assert name in bookmarks and "\\w" in instruction, instruction  # \w: the heading's list number
        heading = bookmarks[name].getparent()
        assert _pstyle(heading) == "Heading2" and printed[heading].split("　")[0] == result
        text = "".join(t.text for t in p.iter(w("t")))
        assert f"第{result}条" in text or f"Section {result}" in text  # prints as it did
    if language == "bilingual":  # the English heading repeats the Chinese heading's number as a field
        assert any(_pstyle(p) == "Heading2" for _, p in refs)


def test_a_law_cited_by_article_stays_text(full_docx):
    body = part(full_docx("en"), "word/document.xml").find(w("body"))
    assert "Article 28(3) GDPR" in "".join(body.itertext())
    assert not [f for p in body.iter(w("p")) for f in _fields(p) if f[0].startswith("REF _Ref_28")]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_clause_inserted_in_word_renumbers_the_later_clauses_and_the_references_follow(zh_docx, tmp_path):
    # Numbers were typed: a clause inserted as 2.1 left the old 2.1 numbered 2.1 and "第2.1条" citing it.
    doc = read(zh_docx)
    body = doc.element.body
    cited = next(b for b in body.iter(w("bookmarkStart")) if b.get(w("name")) == "_Ref_2_1").getparent()
    old_title = "".join(t.text for t in cited.iter(w("t"))).strip("　")
    new = copy.deepcopy(cited)
    for el in list(new):
        if el.tag != w("pPr"):
            new.remove(el)
    cited.addprevious(new)
    inserted = Paragraph(new, doc.part)
    inserted.add_run("　新增条款")
    cited.addprevious(deepcopy_text_paragraph(new, "乙方应当提供新增的服务。"))
    out = io.BytesIO()
    doc.save(out)
    pages = page_texts(libreoffice_pdf(out.getvalue(), tmp_path))
    text = "".join(pages[2:])
    assert "2.1新增条款" in text and f"2.2{old_title}" in text  # the old 2.1 is now 2.2
    citations = re.sub(r"\s+", "", all_text(read(zh_docx))).count("第2.1条")
    assert citations > 0 and text.count("第2.1条") == 0  # nothing cited the new clause
    assert text.count("第2.2条") == citations  # the clauses citing the old 2.1 follow it (REF fields, laid out live)


def deepcopy_text_paragraph(heading, text: str):
    p = copy.deepcopy(heading)
    for el in list(p):
        p.remove(el)
    ppr = etree.SubElement(p, w("pPr"))
    etree.SubElement(ppr, w("pStyle")).set(w("val"), "ClauseText")
    r = etree.SubElement(p, w("r"))
    etree.SubElement(r, w("t")).text = text
    return p


def test_the_english_article_number_is_a_seq_field_printing_the_chinese_number(bilingual_docx):
    # "Article N" beside Word's 第N条 was typed: an article inserted in Word renumbered only the Chinese.
    body = part(bilingual_docx, "word/document.xml").find(w("body"))
    texts = iter(text for _, text in printed_headings(read(bilingual_docx)))
    printed = {p: next(texts) for p in body.iter(w("p")) if _pstyle(p) in ("Heading1", "Heading2")}
    articles = [p for p in printed if printed[p].startswith("第") and " / Article " in printed[p]]
    assert len(articles) >= 10
    for n, heading in enumerate(articles, 1):
        assert printed[heading].startswith(f"第{n}条　") and f" / Article {n}　" in printed[heading]
        assert _fields(heading) == [("SEQ Article \\* ARABIC", str(n))]  # what prints is today's number


def _revision(tag: str, revision_id: int) -> etree._Element:
    el = etree.Element(w(tag))
    el.set(w("id"), str(revision_id))
    el.set(w("author"), "Buyer's counsel")
    el.set(w("date"), "2027-03-02T10:00:00Z")
    return el


def _mark_paragraph(p: etree._Element, tag: str, revision_id: int) -> None:
    """The paragraph mark itself inserted or deleted (w:pPr/w:rPr/w:ins|w:del)."""
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.SubElement(p, w("pPr"))
        p.insert(0, ppr)
    rpr = ppr.find(w("rPr"))
    if rpr is None:
        rpr = etree.SubElement(ppr, w("rPr"))
    rpr.append(_revision(tag, revision_id))


def _track(p: etree._Element, tag: str, revision_id: int) -> None:
    """Every run of a paragraph wrapped in w:ins or w:del, as Word records a paragraph typed or deleted."""
    _mark_paragraph(p, tag, revision_id)
    for r in list(p.findall(w("r"))):
        if tag == "del":
            for t in r.findall(w("t")):
                t.tag = w("delText")
            for t in r.findall(w("instrText")):
                t.tag = w("delInstrText")
        wrapper = _revision(tag, revision_id)
        r.addprevious(wrapper)
        wrapper.append(r)


def _track_row(tr: etree._Element, tag: str, revision_id: int) -> None:
    if tr.find(w("trPr")) is None:
        tr.insert(0, etree.Element(w("trPr")))
    tr.find(w("trPr")).append(_revision(tag, revision_id))


def _run(text: str) -> etree._Element:
    r = etree.Element(w("r"))
    t = etree.SubElement(r, w("t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


def _ref_runs(bookmark: str, cached: str) -> list[etree._Element]:
    begin, end = etree.Element(w("r")), etree.Element(w("r"))
    etree.SubElement(begin, w("fldChar")).set(w("fldCharType"), "begin")
    t = etree.SubElement(begin, w("instrText"))
    t.text = f" REF {bookmark} \\w \\h "
    etree.SubElement(begin, w("fldChar")).set(w("fldCharType"), "separate")
    etree.SubElement(end, w("fldChar")).set(w("fldCharType"), "end")
    return [begin, _run(cached), end]


def _clear(p: etree._Element) -> None:
    for el in list(p):
        if el.tag != w("pPr"):
            p.remove(el)


def _negotiated(data: bytes) -> bytes:
    """The bilingual file redlined as a lawyer would in Word, track changes on: a clause inserted before 4.3
    (its English heading citing the Chinese number through a bookmark, as Word's cross-reference dialog
    does), clause 6.6 deleted, and an article inserted before Article 12 by copying that heading."""
    doc = read(with_track_changes(data))
    settings = doc.settings.element
    view = etree.Element(w("revisionView"))  # "No Markup": the text as it reads with the changes made
    view.set(w("markup"), "false"), view.set(w("insDel"), "false")
    settings.find(w("trackRevisions")).addprevious(view)
    body = doc.element.body
    bookmarks = {b.get(w("name")): b for b in body.iter(w("bookmarkStart"))}
    # a clause inserted before 4.3: a new row of the article's table
    row = bookmarks["_Ref_4_3"].getparent().getparent().getparent()
    new_row = copy.deepcopy(row)
    for tc in new_row.findall(w("tc")):
        for p in tc.findall(w("p"))[2:]:
            tc.remove(p)
    (zh_heading, zh_text), (en_heading, en_text) = (tc.findall(w("p")) for tc in new_row.findall(w("tc")))
    for p in (zh_heading, zh_text, en_heading, en_text):
        _clear(p)
    start, end = etree.SubElement(zh_heading, w("bookmarkStart")), etree.Element(w("bookmarkEnd"))
    start.set(w("id"), "9001"), start.set(w("name"), "_Ref900100")
    end.set(w("id"), "9001")
    zh_heading.extend([_run("　新增条款"), end])
    en_heading.extend([*_ref_runs("_Ref900100", "4.3"), _run("　New Clause")])
    zh_text.append(_run("乙方应当提供新增的服务。"))
    en_text.append(_run("The Vendor shall provide the additional service."))
    for p in (zh_heading, zh_text, en_heading, en_text):
        _track(p, "ins", 1)
    _track_row(new_row, "ins", 2)
    row.addprevious(new_row)
    # clause 6.6 deleted: its row, every paragraph in it
    row = bookmarks["_Ref_6_6"].getparent().getparent().getparent()
    for p in row.iter(w("p")):
        _track(p, "del", 3)
    _track_row(row, "del", 4)
    # an article inserted before Article 12: its heading copied, with the SEQ field, and retitled
    article = next(p for p in body.findall(w("p")) if _pstyle(p) == "Heading1" and "法律适用" in "".join(p.itertext()))
    new = copy.deepcopy(article)
    for b in [*new.iter(w("bookmarkStart")), *new.iter(w("bookmarkEnd"))]:
        new.remove(b)
    titles = [t for t in new.iter(w("t")) if "　" in (t.text or "")]
    titles[0].text, titles[1].text = "　新增事项", "　Additional Matters"
    _track(new, "ins", 5)
    article.addprevious(new)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def pdf_column_text(pdf, first_page: int, x: int, width: int) -> str:
    """The text of one side-by-side column from first_page on (pdftotext cropped to it, A4 in points):
    the page's whole text interleaves the Chinese and English lines and splits citations across them."""
    out = subprocess.run(
        ["pdftotext", "-f", str(first_page), "-x", str(x), "-y", "0", "-W", str(width), "-H", "842", str(pdf), "-"],
        check=True,
        timeout=60,
        capture_output=True,
        text=True,
    ).stdout
    return re.sub(r"\s+", "", out)


@pytest.fixture(scope="module")
def negotiated_pdf(bilingual_docx, tmp_path_factory):
    """LibreOffice's print of the redlined bilingual file: (whole body, Chinese column, English column)."""
    tmp_path = tmp_path_factory.mktemp("negotiated")
    pages = page_texts(libreoffice_pdf(_negotiated(bilingual_docx), tmp_path))
    body = next(i for i, page in enumerate(pages) if "1.1" in page and "第13条" not in page) + 1
    pdf = tmp_path / "contract.pdf"
    return "".join(pages[body - 1 :]), pdf_column_text(pdf, body, 0, 298), pdf_column_text(pdf, body, 298, 300)


def citations(text: str, prefix: str, number: str) -> int:
    return len(re.findall(rf"{prefix}{re.escape(number)}(?!\d)", text))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_a_bilingual_file_negotiated_under_track_changes_renumbers_and_its_references_follow(
    bilingual_docx, negotiated_pdf
):
    """A clause inserted before 4.3, clause 6.6 deleted and an article inserted before Article 12, all as
    tracked changes: the later clauses and articles renumber in both languages' headings, and every citation
    of them (REF fields) follows, in the Chinese column and in the English one. The changes stay tracked (not
    accepted); the file is printed in Word's "No Markup" view (w:revisionView w:insDel="0"), since LibreOffice
    7.4 showing the markup keeps counting the struck-out heading (the old 6.8 printed "6.6[6.8]", its English
    REF 6.8)."""
    whole, zh, en = negotiated_pdf
    before = re.sub(r"\s+", "", all_text(read(bilingual_docx)))
    assert "4.3新增条款" in zh and "4.3NewClause" in en
    assert "服务水平报告与补偿申请" not in zh and "ServiceLevelReports" not in en  # 6.6 is gone from the print
    # new number ← old number (None: the clause that now has it is the inserted one, which nobody cites)
    moves = {"4.3": None, "4.4": "4.3", "4.5": "4.4", "4.6": "4.5", "4.7": "4.6", "6.6": "6.7", "6.7": "6.8"}
    moves |= {"6.8": None, "12.1": None, "13.1": "12.1", "13.2": "12.2", "13.3": "12.3", "14.3": "13.3"}
    for new, old in moves.items():
        for text, prefix in ((zh, "第"), (en, "Section")):
            expected = citations(before, prefix, old) if old else 0
            assert citations(text, prefix, new) == expected, (prefix, new, old)
    assert citations(before, "第", "4.6") > 5 and citations(before, "Section", "4.6") > 5  # the test has teeth
    for new, title_zh, title_en in (("4.4", "违约", "TerminationforBreach"), ("6.6", "服务补偿与其他", "Credits")):
        assert re.search(rf"{re.escape(new)}[^\d.]{{0,12}}{title_zh}", zh), new
        assert f"{new}{title_en}" in en, new
    # the inserted article: 第12条 and Article 12 (a SEQ field), the later articles both renumbered
    assert "第12条新增事项/Article12AdditionalMatters" in whole
    assert "第13条法律适用与争议解决/Article13" in whole and "第14条一般条款/Article14" in whole
