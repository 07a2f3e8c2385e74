"""Document → DOCX (python-docx): the same contract as the PDF, for a lawyer to redline in Word.

Articles and clauses are numbered by a Word multilevel list tied to Heading 1 (第%1条 / Article %1) and
Heading 2 (%1.%2), and the clauses cited in the text (第6.3条, Section 6.3) are REF fields to the cited
heading, so Word renumbers both when a clause is inserted or deleted; what prints is the PDF's numbering.
The second language's article number (Article N beside 第N条) is a SEQ field counting the articles; annexes
and the preamble keep typed numbers. Text carries named styles (Clause Text, Clause Item, Table Text, the
Conspicuous character style...) rather than direct formatting, so a firm's template can restyle it, and each
language is tagged for proofing (zh-CN, en-GB).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from datetime import UTC, datetime

from docx import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from contracts.clauses.assemble import Document
from contracts.clauses.tables import Table
from contracts.rendering.html import Final, print_model

LATIN_FONT = "Times New Roman"
CJK_FONT = "SimSun"  # 宋体: on every Chinese Windows; elsewhere Word and LibreOffice substitute a serif CJK face
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
HANGING = Cm(0.9)
TEXT_WIDTH = Cm(17.0)  # A4 less the 2 cm side margins
COLUMN_WIDTH = Cm(8.5)  # each language's cell in the side-by-side layout
CELL_MARGINS = Cm(0.4)  # Word's and LibreOffice's default left + right cell margins
TABLE_FONT_PT = 8.5
TEXT_CAP = 40  # half-ems: a longer cell wraps rather than squeeze the other columns
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NBSP = "\u00a0"  # "CNY 1,000.00" stays on one line
FIGURE = re.compile(r"(?:[A-Z]{3} )?[-+]?[0-9][0-9,.]*%?")
LANG_TAGS = {"zh": "zh-CN", "en": "en-GB"}  # the English clauses are written in British spelling
THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
# python-docx's template parts that describe some other document: Word 2010 style effects, a bibliography
# store and a stock thumbnail
DROPPED_PARTS = ("stylesWithEffects", "customXml", "thumbnail")
APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>CRM Procurement Contracts</Application><DocSecurity>0</DocSecurity></Properties>"
)


def _set_fonts(style_or_run, *, size: float | None = None, bold: bool | None = None) -> None:
    font = style_or_run.font
    font.name = LATIN_FONT
    if size:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    rpr = style_or_run.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), CJK_FONT)
    rfonts.set(qn("w:cs"), LATIN_FONT)


def _set_lang(rpr, lang: str) -> None:
    """Proofing language: w:val covers Latin letters, w:eastAsia the CJK characters (a Chinese name quoted in
    an English clause is still Chinese)."""
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.append(el)
        _reorder_rpr(rpr)
    el.set(qn("w:val"), LANG_TAGS[lang])
    el.set(qn("w:eastAsia"), LANG_TAGS["zh"])


RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
    "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs "
    "em lang eastAsianLayout specVanish oMath"
).split()


def _reorder_rpr(rpr) -> None:
    """Children of w:rPr in the schema's order (python-docx only orders the ones it knows it added)."""
    children = sorted(rpr, key=lambda el: RPR_ORDER.index(el.tag.split("}")[1]) if "}" in el.tag else 99)
    for el in children:
        rpr.append(el)


PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
    "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()


def _reorder_ppr(ppr) -> None:
    """Children of w:pPr in the schema's order."""
    children = sorted(ppr, key=lambda el: PPR_ORDER.index(el.tag.split("}")[1]) if "}" in el.tag else 99)
    for el in children:
        ppr.append(el)


def _strip_theme_fonts(styles_element) -> None:
    """Theme font attributes win over named fonts: the template's would print headings in Calibri (and
    East Asian text in a Japanese face), not in the fonts this file names."""
    for rfonts in styles_element.iter(qn("w:rFonts")):
        for attr in THEME_FONT_ATTRS:
            rfonts.attrib.pop(qn(attr), None)


def _add_style(doc: WordDocument, name: str, kind, base: str):
    style = doc.styles.add_style(name, kind)
    style.base_style = doc.styles[base]
    style.quick_style = True
    return style


def _setup_styles(doc: WordDocument, langs: tuple[str, ...]) -> None:
    bilingual = len(langs) == 2
    body = 9.5 if bilingual else 10.5
    styles_element = doc.styles.element
    _strip_theme_fonts(styles_element)
    defaults = styles_element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_lang(defaults, langs[0])
    defaults_fonts = defaults.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        defaults_fonts.set(qn(attr), LATIN_FONT)
    defaults_fonts.set(qn("w:eastAsia"), CJK_FONT)
    _set_fonts(doc.styles["Normal"], size=body)
    doc.styles["Normal"].paragraph_format.space_after = Pt(3)
    doc.styles["Normal"].paragraph_format.line_spacing = 1.3
    for name, size in (("Title", 22), ("Heading 1", 12.5), ("Heading 2", body)):
        style = doc.styles[name]
        _set_fonts(style, size=size, bold=True)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.italic = False
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.space_before = Pt(10 if name == "Heading 1" else 5)
        style.paragraph_format.space_after = Pt(3)
    for rpr in styles_element.iter(qn("w:rPr")):
        _reorder_rpr(rpr)
    # clause text and items (a)/（一） with a hanging indent; the English variants left-aligned and en-GB
    text = _add_style(doc, "Clause Text", WD_STYLE_TYPE.PARAGRAPH, "Normal")
    text.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    item = _add_style(doc, "Clause Item", WD_STYLE_TYPE.PARAGRAPH, "Clause Text")
    text_en = _add_style(doc, "Clause Text EN", WD_STYLE_TYPE.PARAGRAPH, "Clause Text")
    text_en.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    item_en = _add_style(doc, "Clause Item EN", WD_STYLE_TYPE.PARAGRAPH, "Clause Text EN")
    for style in (item, item_en):
        style.paragraph_format.left_indent = HANGING
        style.paragraph_format.first_line_indent = -HANGING
    table_text = _add_style(doc, "Table Text", WD_STYLE_TYPE.PARAGRAPH, "Normal")
    table_text.font.size = Pt(TABLE_FONT_PT)
    table_text.paragraph_format.space_after = Pt(0)
    table_text.paragraph_format.line_spacing = 1.15
    table_text_en = _add_style(doc, "Table Text EN", WD_STYLE_TYPE.PARAGRAPH, "Table Text")
    table_heading = _add_style(doc, "Table Heading", WD_STYLE_TYPE.PARAGRAPH, "Table Text")
    table_heading_en = _add_style(doc, "Table Heading EN", WD_STYLE_TYPE.PARAGRAPH, "Table Text EN")
    for style in (table_heading, table_heading_en):
        style.font.bold = True
    for name, base in (("Table Figure", "Table Text"), ("Table Figure EN", "Table Text EN")):
        _add_style(doc, name, WD_STYLE_TYPE.PARAGRAPH, base).paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for style in (text_en, table_text_en):
        _set_lang(style.element.get_or_add_rPr(), "en")
    cover = _add_style(doc, "Cover Text", WD_STYLE_TYPE.PARAGRAPH, "Normal")
    cover.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.styles["Title"].paragraph_format.space_after = Cm(0.4)
    title_ppr = doc.styles["Title"].element.get_or_add_pPr()
    for el in title_ppr.findall(qn("w:pBdr")) + title_ppr.findall(qn("w:contextualSpacing")):
        title_ppr.remove(el)  # the template's blue rule under the title: not in the PDF
    party = _add_style(doc, "Party Text", WD_STYLE_TYPE.PARAGRAPH, "Normal")
    party.font.size = Pt(9.5)
    party.paragraph_format.line_spacing = 1.0
    party.paragraph_format.space_before = party.paragraph_format.space_after = Pt(2.3)
    party.font.color.rgb = RGBColor(0x33, 0x33, 0x33)
    party_name = _add_style(doc, "Party Name", WD_STYLE_TYPE.PARAGRAPH, "Party Text")
    party_name.font.bold = True
    party_name.font.color.rgb = RGBColor(0, 0, 0)
    party_name.paragraph_format.space_before = Cm(0.3)
    # the line to sign on under a signature label: 9 mm deep and as wide as the PDF's
    line = _add_style(doc, "Signature Line", WD_STYLE_TYPE.PARAGRAPH, "Normal")
    line.paragraph_format.right_indent = Cm(0.8)
    line.paragraph_format.line_spacing = Cm(0.75)  # python-docx: a length is an exact line height
    line.paragraph_format.space_after = Cm(0.4)
    line.element.get_or_add_pPr().append(
        parse_xml(f'<w:pBdr xmlns:w="{W_NS}"><w:bottom w:val="single" w:sz="4" w:space="1" w:color="000000"/></w:pBdr>')
    )
    _reorder_ppr(line.element.get_or_add_pPr())
    toc = _add_style(doc, "toc 1", WD_STYLE_TYPE.PARAGRAPH, "Normal")
    toc.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    toc.paragraph_format.space_after = Pt(2)
    # clauses that limit the buyer's liability: bold and underlined, as in the PDF
    conspicuous = doc.styles.add_style("Conspicuous", WD_STYLE_TYPE.CHARACTER)
    conspicuous.quick_style = True
    conspicuous.font.bold = True
    conspicuous.font.underline = True
    english = doc.styles.add_style("English", WD_STYLE_TYPE.CHARACTER)  # an English run in a Chinese paragraph
    _set_lang(english.element.get_or_add_rPr(), "en")


def _style(base: str, lang: str) -> str:
    return f"{base} EN" if lang == "en" else base


def _fld_char(kind: str, *, dirty: bool = False):
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    if dirty:
        el.set(qn("w:dirty"), "true")
    return el


def _field_start(paragraph, instruction: str, *, dirty: bool = False) -> None:
    run = paragraph.add_run()
    run._r.append(_fld_char("begin", dirty=dirty))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    run._r.append(_fld_char("separate"))


def _field(paragraph, instruction: str, placeholder: str = "1") -> None:
    """A Word field (PAGE, NUMPAGES): Word and LibreOffice compute its value when they lay the pages out."""
    _field_start(paragraph, instruction)
    if placeholder:
        paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(_fld_char("end"))


def _header_footer(doc: WordDocument, m: dict) -> None:
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(2.4), Cm(2.2)
    section.left_margin = section.right_margin = Cm(2.0)
    section.header_distance = Cm(1.7)  # the PDF's header line sits 3 mm above the text
    section.footer_distance = Cm(0.95)  # and its footer midway down the bottom margin
    section.different_first_page_header_footer = True  # the cover carries no header, but the page footer
    header = section.header.paragraphs[0]
    header.text = f"{m['number_label']}{m['colon']}{m['number']}" + (
        f"\t\t{m['draft_mark']}" if m["draft_mark"] else ""
    )
    for run in header.runs:
        run.font.size = Pt(8)
    for footer in (section.footer.paragraphs[0], section.first_page_footer.paragraphs[0]):
        _page_footer(footer, m)


def _page_footer(footer, m: dict) -> None:
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if "zh" in m["langs"]:
        footer.add_run("第 ")
        _field(footer, "PAGE")
        footer.add_run(" 页 / 共 ")
        _field(footer, "NUMPAGES")
        footer.add_run(" 页")
    if "en" in m["langs"]:
        footer.add_run("    Page " if "zh" in m["langs"] else "Page ")
        _field(footer, "PAGE")
        footer.add_run(" of ")
        _field(footer, "NUMPAGES")
    for run in footer.runs:
        run.font.size = Pt(8)


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    _insert_in_order(table._tbl.tblPr, borders, TBLPR_AFTER_BORDERS)


TBLPR_AFTER_BORDERS = ("shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription", "tblPrChange")


def _insert_in_order(parent, el, successors: tuple[str, ...]) -> None:
    """Insert el before the first of its schema successors present (Word rejects children out of order)."""
    for child in parent:
        if child.tag in {qn(f"w:{name}") for name in successors}:
            child.addprevious(el)
            return
    parent.append(el)


def _row_flags(row, *, header: bool = False) -> None:
    """Rows never split across pages; a header row repeats on every page the table runs onto."""
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))


def _cover(doc: WordDocument, m: dict) -> None:
    """The PDF's cover: a boxed draft mark top right, the title a third of the way down, then the number,
    the date and the parties, each party under a rule."""
    bilingual = len(m["langs"]) == 2
    mark = doc.add_paragraph()
    mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if m["draft_mark"]:  # a final contract keeps the empty line, so its title stands where a draft's does
        run = mark.add_run(m["draft_mark"])
        run.bold, run.font.size, run.font.color.rgb = True, Pt(14), RGBColor(0xAA, 0, 0)
        rpr = run._r.get_or_add_rPr()
        rpr.append(parse_xml(f'<w:bdr xmlns:w="{W_NS}" w:val="single" w:sz="12" w:space="4" w:color="AA0000"/>'))
        rpr.append(parse_xml(f'<w:spacing xmlns:w="{W_NS}" w:val="42"/>'))  # the PDF's .15em letter spacing
        _reorder_rpr(rpr)
    for i, (lang, title) in enumerate(zip(m["langs"], m["title"])):
        p = doc.add_paragraph(style="Title")
        run = _text_run(p, title, lang, m)
        if i:
            run.font.size = Pt(15)  # the second language's title smaller, as in the PDF
        if i == 0:  # the title a third of the way down the cover; higher when the parties print in two languages
            p.paragraph_format.space_before = Cm(1.7 if bilingual else 5.2)
    number = doc.add_paragraph(f"{m['number_label']}{m['colon']}{m['number']}", style="Cover Text")
    number.paragraph_format.space_before = Cm(0.8 if bilingual else 1.2)
    number.runs[0].font.size = Pt(11)
    if m["drafted"]:
        doc.add_paragraph(f"{m['drafted_label']}{m['colon']}{m['drafted']}", style="Cover Text")
    for label, value in m["approval"]:
        doc.add_paragraph(f"{label}{m['colon']}{value}", style="Cover Text")
    doc.paragraphs[-1].paragraph_format.space_after = Cm(0.8 if bilingual else 1.1)
    table = doc.add_table(rows=0, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for party in m["parties"]:
        cells = table.add_row().cells
        for cell, text in zip(cells, (party["role"], party["name"] or "")):
            paragraph = cell.paragraphs[0]
            paragraph.style = "Party Name"
            paragraph.add_run(text)
            borders = f'<w:tcBorders xmlns:w="{W_NS}"><w:top w:val="single" w:sz="4" w:color="999999"/></w:tcBorders>'
            cell._tc.get_or_add_tcPr().append(parse_xml(borders))
        for label, value in party["rows"]:
            cells = table.add_row().cells
            for cell, text in zip(cells, (label, str(value))):
                cell.paragraphs[0].style = "Party Text"
                cell.paragraphs[0].add_run(text)
    widths = (Cm(6.46), Cm(10.54))  # the PDF's 38 / 62
    for column, width in zip(table.columns, widths):
        column.width = width  # the grid LibreOffice reads
    for row in table.rows:
        _row_flags(row)
        for cell, width in zip(row.cells, widths):
            cell.width = width


def _toc_entries(m: dict) -> list[tuple[str, str]]:
    """(anchor, title) of each contents line: the PDF's anchors, so its page numbers can be looked up."""
    return (
        [(s["key"], s["toc_title"]) for s in m["articles"]]
        + [("signatures", m["signatures_title"])]
        + [(s["key"], s["toc_title"]) for s in m["annexes"]]
    )


def _bookmark_names(m: dict) -> dict[str, str]:
    return {anchor: f"_Toc{i:04d}" for i, (anchor, _) in enumerate(_toc_entries(m), 1)}


def _bookmark(paragraph, name: str, bookmark_id: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    ppr = paragraph._p.pPr
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraph._p.insert(0, start)
    paragraph._p.append(end)


def _contents(doc: WordDocument, m: dict, pages: dict[str, int] | None) -> None:
    """A TOC field over Heading 1 whose entries are written out with their page numbers (PAGEREF fields to
    the headings' bookmarks, showing the PDF's page numbers): it reads right without an update, and only
    this field is marked for Word to refresh with its own pagination."""
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.page_break_before = True
    run = title.add_run(m["contents_title"])
    run.bold, run.font.size = True, Pt(14)
    names = _bookmark_names(m)
    last = None
    for i, (anchor, text) in enumerate(_toc_entries(m)):
        entry = doc.add_paragraph(style="toc 1")
        if i == 0:
            _field_start(entry, 'TOC \\o "1-1" \\h \\z \\u', dirty=True)
        entry.add_run(text)
        entry.add_run("\t")
        page = (pages or {}).get(anchor)
        _field(entry, f"PAGEREF {names[anchor]} \\h", str(page) if page else "")
        last = entry
    last.add_run()._r.append(_fld_char("end"))
    last.add_run().add_break(WD_BREAK.PAGE)  # the body starts on a page of its own, without an empty paragraph


def _text_run(paragraph, text: str, lang: str, m: dict, style: str | None = None):
    """A run tagged English by the English character style when the paragraph's own style is Chinese."""
    run = paragraph.add_run(text, style=style)
    if lang == "en" and m["langs"][0] == "zh":
        rpr = run._r.get_or_add_rPr()
        _set_lang(rpr, "en")
    return run


# a clause cited in the text: 第6.3条 / Section 6.3 (a law's 第21条 or Article 28 is left alone)
CROSS_REFERENCE = {"zh": re.compile(r"(?<=第)(\d+\.\d+)(?=条)"), "en": re.compile(r"(?<=Section )(\d+\.\d+)\b")}


def _ref_name(number: str) -> str:
    return "_Ref_" + number.replace(".", "_")


def _paragraph(container, m: dict, text: str, *, item: bool, bold: bool = False, lang: str = "zh"):
    """Clause text; a clause number it cites is a REF field to that clause's heading number, which Word
    updates when the heading is renumbered (the cached result prints the same number as before)."""
    p = container.add_paragraph(style=_style("Clause Item" if item else "Clause Text", lang))
    style = "Conspicuous" if bold else None
    pieces = CROSS_REFERENCE[lang].split(text)
    for i, piece in enumerate(pieces):
        if i % 2 and piece in m["_clause_numbers"]:
            _field_start(p, f"REF {_ref_name(piece)}{m['_ref_switch']} \\h")
            p.add_run(piece, style=style)
            p.add_run()._r.append(_fld_char("end"))
        elif piece:
            p.add_run(piece, style=style)
    return p


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _half_ems(text: str) -> float:
    """Printed width in half-ems, erring wide (Word's Times New Roman prints a digit in one, a substitute
    such as DejaVu Serif in 1.2): a CJK character is two, a digit 1.2, a (bold) letter 1.3."""
    return sum(2 if _wide(ch) else 1.2 if ch.isdigit() or ch in ",." else 1.3 for ch in text)


def _longest_unbreakable(text: str, *, cjk_word: int = 1) -> float:
    """The widest piece a line should not break: a word or a figure; CJK text breaks anywhere, but up to
    `cjk_word` characters of it are kept together (a heading such as 数量 or 服务年度 is not split)."""
    pieces = [piece for chunk in text.split() for piece in _split_cjk(chunk, cjk_word)]
    return max((_half_ems(piece) for piece in pieces), default=0)


def _split_cjk(chunk: str, cjk_word: int) -> list[str]:
    """A chunk without spaces cut where CJK and other text meet, and CJK text every `cjk_word` characters."""
    pieces, run = [], ""
    for ch in chunk:
        if _wide(ch) != (bool(run) and _wide(run[-1])) or (_wide(ch) and len(run) >= cjk_word):
            pieces.append(run)
            run = ""
        run += ch
    return [*pieces, run]


def _column_widths(table: Table, width: int) -> list[int]:
    """Each column at least as wide as its widest word or figure (nothing breaks inside a word or a figure),
    asking for its longest cell (capped) or half its heading; what the page has left is shared out in
    proportion to what each column asked for beyond that minimum."""
    half_em = Pt(TABLE_FONT_PT) / 2
    floors, wants = [], []
    for i, header in enumerate(table.headers):
        cells = [row[i] for row in table.rows]
        floor = max([_longest_unbreakable(header, cjk_word=4), *(_longest_unbreakable(text) for text in cells)])
        want = max([floor, _half_ems(header) / 2, *(min(_half_ems(text), TEXT_CAP) for text in cells)])
        floors.append((floor + 1) * half_em + CELL_MARGINS)  # a half-em of slack for a wider substitute font
        wants.append((want + 1) * half_em + CELL_MARGINS)
    if sum(wants) <= width:
        return [int(want * width / sum(wants)) for want in wants]
    if sum(floors) >= width:
        return [int(floor * width / sum(floors)) for floor in floors]
    spare, extra = width - sum(floors), sum(wants) - sum(floors)
    return [int(floor + (want - floor) * spare / extra) for floor, want in zip(floors, wants)]


def _data_table(container, table: Table, width: int, lang: str) -> None:
    word = container.add_table(rows=1, cols=len(table.headers))
    word.style = "Table Grid"
    word.autofit = False
    _row_flags(word.rows[0], header=True)
    for cell, text in zip(word.rows[0].cells, table.headers):
        cell.paragraphs[0].style = _style("Table Heading", lang)
        cell.paragraphs[0].add_run(text)
    for values in table.rows:
        row = word.add_row()
        _row_flags(row)
        for i, (cell, text) in enumerate(zip(row.cells, values)):
            cell.paragraphs[0].style = _style("Table Figure" if i in table.numeric else "Table Text", lang)
            cell.paragraphs[0].add_run(text.replace(" ", NBSP) if FIGURE.fullmatch(text) else text)
    widths = _column_widths(table, width)
    for column, column_width in zip(word.columns, widths):
        column.width = column_width  # the grid LibreOffice reads
    for row in word.rows:
        for cell, column_width in zip(row.cells, widths):
            cell.width = column_width  # the cell widths Word reads
    for row, values in zip(word.rows[1:], table.rows):
        for cell, text in zip(row.cells, values):
            if FIGURE.fullmatch(text):  # a figure never wraps, even where a redline narrows its column
                cell._tc.get_or_add_tcPr().append(OxmlElement("w:noWrap"))


def _title_text(col) -> str:
    return f"{col.heading}　{col.title}".strip("　")


def _clause_heading(container, m: dict, col, *, target: bool):
    """A clause heading; in the first language's heading the number is bookmarked for cross-references."""
    heading = container.add_paragraph(style="Heading 2")
    number = col.heading
    if number not in m["_clause_numbers"]:
        _not_listed(heading)  # preamble and annex clauses keep their typed numbers
        _text_run(heading, _title_text(col), col.lang, m)
        return heading
    if target and number not in m["_bookmarked"]:
        m["_bookmarked"].add(number)
        if m["_listed"]:  # Word numbers it: the bookmark holds the heading, REF \w reads its number
            _text_run(heading, f"　{col.title}".rstrip("　"), col.lang, m)
            _bookmark_runs(heading, _ref_name(number), m["_clause_numbers"][number])
            return heading
        _text_run(heading, number, col.lang, m)
        _bookmark_runs(heading, _ref_name(number), m["_clause_numbers"][number])
    else:  # the other language's heading repeats the bookmarked number
        _not_listed(heading)
        _field_start(heading, f"REF {_ref_name(number)}{m['_ref_switch']} \\h")
        _text_run(heading, number, col.lang, m)
        heading.add_run()._r.append(_fld_char("end"))
    _text_run(heading, f"　{col.title}".rstrip("　"), col.lang, m)
    return heading


def _bookmark_runs(paragraph, name: str, bookmark_id: int) -> None:
    """A bookmark around the paragraph's runs so far."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    first = paragraph._p.r_lst[0]
    first.addprevious(start)
    paragraph._p.append(end)


def _clause_column(container, m: dict, col, *, highlight: bool, in_table: bool = False, target: bool = True) -> None:
    if col.title or col.heading:
        heading = _clause_heading(container, m, col, target=target)
        # inside a side-by-side row "keep with next" would drag the whole row onto the next page
        heading.paragraph_format.keep_with_next = False if in_table else None
    for text, is_item in col.paragraphs:
        _paragraph(container, m, text, item=is_item, bold=highlight, lang=col.lang)
    if col.table:
        _data_table(container, col.table, COLUMN_WIDTH - CELL_MARGINS if in_table else TEXT_WIDTH, col.lang)
        if in_table:
            container.add_paragraph(style="Table Text")  # a cell must end with a paragraph


def _side_by_side(doc: WordDocument, m: dict, clauses: list[dict]) -> None:
    """One borderless table per article, a row per clause: tracked changes in one language stay beside the
    other, and a heading between two tables keeps Word from merging them."""
    if not clauses:
        return
    table = doc.add_table(rows=0, cols=2)
    _no_borders(table)
    for clause in clauses:
        row = table.add_row()
        for i, (cell, col) in enumerate(zip(row.cells, clause["columns"])):
            cell.width = COLUMN_WIDTH
            first = cell.paragraphs[0]
            _clause_column(cell, m, col, highlight=clause["highlight"], in_table=True, target=i == 0)
            first._p.getparent().remove(first._p)  # the empty paragraph every new cell starts with


def _clause(doc: WordDocument, m: dict, clause: dict) -> None:
    columns = clause["columns"]
    if m["layout"] == "paragraphs":
        for i, col in enumerate(columns):
            if col.title or col.heading:  # both languages' titles reach the navigation pane
                _clause_heading(doc, m, col, target=i == 0)
        for para in clause["paragraphs"]:
            _paragraph(doc, m, para.text, item=para.is_item, bold=clause["highlight"], lang=para.lang)
        for col in columns:
            if col.table:
                _data_table(doc, col.table, TEXT_WIDTH, col.lang)
        return
    _clause_column(doc, m, columns[0], highlight=clause["highlight"])


def _clauses(doc: WordDocument, m: dict, clauses: list[dict]) -> None:
    if m["layout"] == "columns":
        _side_by_side(doc, m, clauses)
        return
    for clause in clauses:
        _clause(doc, m, clause)


def _section(doc: WordDocument, m: dict, section: dict, *, new_page: bool = False) -> None:
    heading = doc.add_paragraph(style="Heading 1")
    listed = m["_listed"] and section["kind"] == "article"
    if not listed:
        _not_listed(heading)
    for i, (lang, (h, t)) in enumerate(zip(m["langs"], section["titles"])):
        if listed and i == 0:  # Word's list number (第%1条 / Article %1)
            _text_run(heading, f"　{t}", lang, m)
        elif listed:  # the second language's number counts the articles as the list does
            _article_number_field(heading, m, h, lang)
            _text_run(heading, f"　{t}", lang, m)
        else:
            _text_run(heading, f"{' / ' if i else ''}{h}　{t}", lang, m)
    heading.paragraph_format.page_break_before = new_page or None
    names = _bookmark_names(m)
    _bookmark(heading, names[section["key"]], list(names).index(section["key"]) + 1)
    _clauses(doc, m, section["clauses"])


ARTICLE_SEQUENCE = "Article"


def _article_number_field(heading, m: dict, typed: str, lang: str) -> None:
    """' / Article ' and a SEQ field counting the listed Heading 1s, its cached result the typed number: it
    prints the same, and Word and LibreOffice renumber it with the Chinese when an article (a heading copied
    with its field) is inserted or deleted."""
    word, number = typed.rsplit(" ", 1)
    _text_run(heading, f" / {word} ", lang, m)
    _field_start(heading, f"SEQ {ARTICLE_SEQUENCE} \\* ARABIC")
    _text_run(heading, number, lang, m)
    heading.add_run()._r.append(_fld_char("end"))


def _not_listed(paragraph) -> None:
    """Out of the heading styles' numbering (numId 0): signatures, annexes, the preamble keep typed text."""
    paragraph._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = 0


HEADING_LIST_ID = 90


def _heading_numbering(doc: WordDocument, m: dict) -> None:
    """A multilevel list tied to Heading 1 (第%1条 / Article %1) and Heading 2 (%1.%2): Word renumbers the
    articles and clauses when one is inserted or deleted, and the REF fields citing them follow."""
    numbering = doc.part.numbering_part.element
    article = "Article %1" if m["langs"][0] == "en" else "第%1条"
    levels = ((0, "Heading1", article, ""), (1, "Heading2", "%1.%2", "<w:isLgl/>"))
    xml = (
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{HEADING_LIST_ID}">'
        '<w:multiLevelType w:val="multilevel"/>'
        + "".join(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="{style}"/>'
            f'{extra}<w:suff w:val="nothing"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            '<w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>'
            for level, style, text, extra in levels
        )
        + "</w:abstractNum>"
    )
    abstract = parse_xml(xml)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = parse_xml(
        f'<w:num xmlns:w="{W_NS}" w:numId="{HEADING_LIST_ID}"><w:abstractNumId w:val="{HEADING_LIST_ID}"/></w:num>'
    )
    numbering.append(num)
    for level, name in ((0, "Heading 1"), (1, "Heading 2")):
        num_pr = doc.styles[name].element.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = HEADING_LIST_ID


def _numbers_follow_the_list(m: dict) -> bool:
    """Word's list prints article i's clause j as i.j: only then may it replace the typed numbers."""
    return all(
        section["titles"][0][0] in (f"第{i}条", f"Article {i}")
        and all(c["number"] == f"{i}.{j}" for j, c in enumerate(section["clauses"], 1))
        for i, section in enumerate(m["articles"], 1)
    )


def _signatures(doc: WordDocument, m: dict) -> None:
    title = doc.add_paragraph(m["signatures_title"], style="Heading 1")
    _not_listed(title)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.page_break_before = True
    names = _bookmark_names(m)
    _bookmark(title, names["signatures"], list(names).index("signatures") + 1)
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _row_flags(table.rows[0])  # both seal blocks on one page
    sig = m["signature"]
    for cell, (seal, name, seals) in zip(
        table.rows[0].cells,
        (
            (sig["buyer"], m["buyer_name"], sig["buyer_seals"]),
            (sig["vendor"], m["vendor_name"], sig["vendor_seals"]),
        ),
    ):
        cell.paragraphs[0].add_run(f"{seal}{m['colon']}").bold = True
        cell.paragraphs[0].paragraph_format.space_before = Cm(0.8)
        cell.add_paragraph(name or "")
        for index, line in enumerate(("sign", "name", "title", "date")):
            label = cell.add_paragraph(f"{sig[line]}{m['colon']}")
            if index == 0:  # room for the seal only where the party seals
                label.paragraph_format.space_before = Cm(3.2 if seals else 0.8)
            cell.add_paragraph(style="Signature Line")
        for p in cell.paragraphs:
            p.paragraph_format.keep_with_next = True
    for index, line in enumerate(m["signing_place_lines"]):
        place = doc.add_paragraph(line)
        if index == 0:
            place.paragraph_format.space_before = Cm(1.2)


def _core_properties(doc: WordDocument, m: dict, generated_at: datetime | None) -> None:
    props = doc.core_properties
    props.title = f"{' / '.join(m['title'])} {m['number']}"
    props.author = m["author"]
    props.last_modified_by = m["author"]
    props.language = m["html_lang"]
    props.identifier = m["number"]
    props.subject = m["draft_mark"] or " / ".join(m["title"])
    props.revision = 1
    when = generated_at or datetime.now(UTC)  # a file made without a date is dated when it is made
    when = when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when
    props.created = props.modified = when
    core = doc.core_properties._element
    for tag in ("dc:description", "cp:lastPrinted", "cp:keywords", "cp:category"):
        for el in core.findall(qn(tag)):  # python-docx's own description and a print date nobody printed
            core.remove(el)


def _package_hygiene(doc: WordDocument) -> None:
    """Only parts that describe this document: none of the template's, no statistics Word would show stale."""
    for rels in (doc.part.rels, doc.part.package.rels):
        for r_id, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in DROPPED_PARTS:
                del rels[r_id]
    app = next(
        rel.target_part for rel in doc.part.package.rels.values() if rel.reltype.endswith("/extended-properties")
    )
    app._blob = APP_XML


def _settings(doc: WordDocument, m: dict) -> None:
    """settings.xml in the schema's element order; Word 2013+ mode (15), not Compatibility Mode."""
    settings = doc.settings.element
    for tag in ("w:proofState", "w:savePreviewPicture", "w:rsids"):
        for el in settings.findall(qn(tag)):  # proofState would claim the spelling check is clean
            settings.remove(el)
    zoom = settings.find(qn("w:zoom"))
    zoom.attrib.pop(qn("w:val"), None)
    zoom.set(qn("w:percent"), "100")
    for setting in settings.find(qn("w:compat")).findall(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")
    lang = settings.find(qn("w:themeFontLang"))
    lang.set(qn("w:val"), LANG_TAGS[m["langs"][0]])
    lang.set(qn("w:eastAsia"), LANG_TAGS["zh"])


def with_track_changes(data: bytes) -> bytes:
    """The same file set to record every edit as a tracked change from the moment it is opened: a copy sent
    out for negotiation."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/settings.xml" and b"<w:trackRevisions/>" not in content:
                # trackRevisions comes right before defaultTabStop in the schema's order
                content = content.replace(b"<w:defaultTabStop ", b"<w:trackRevisions/><w:defaultTabStop ", 1)
            target.writestr(info, content)
    return out.getvalue()


def _deterministic_zip(data: bytes) -> bytes:
    """python-docx stamps every zip entry with the current time: restamp them so equal inputs are equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def render_docx(
    document: Document,
    language: str,
    *,
    layout: str = "columns",
    generated_at: datetime | None = None,
    pages: dict[str, int] | None = None,
    final: Final | None = None,
) -> bytes:
    """pages: the PDF's page number of each heading's anchor, printed in the contents until Word repaginates."""
    m = print_model(document, language, layout=layout, generated_at=generated_at, final=final)
    numbers = [c["number"] for s in m["articles"] for c in s["clauses"] if c["number"]]  # annexes restart at 1
    m["_clause_numbers"] = {number: 1000 + i for i, number in enumerate(numbers)}  # → bookmark id
    m["_bookmarked"] = set()
    m["_listed"] = _numbers_follow_the_list(m)
    m["_ref_switch"] = " \\w" if m["_listed"] else ""  # \w: the cited heading's number, not its text
    doc = WordDocument()
    _setup_styles(doc, m["langs"])
    if m["layout"] != "columns":  # the PDF centres article and annex titles unless the languages are in columns
        doc.styles["Heading 1"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if m["_listed"]:
        _heading_numbering(doc, m)
    _header_footer(doc, m)
    _cover(doc, m)
    _contents(doc, m, pages)
    _clauses(doc, m, [clause for section in m["preamble"] for clause in section["clauses"]])
    for section in m["articles"]:
        _section(doc, m, section)
    if m["annexes"]:
        for intro in m["annex_list_intro"]:
            doc.add_paragraph(intro)
        for section in m["annexes"]:
            doc.add_paragraph(section["toc_title"]).paragraph_format.left_indent = HANGING
    doc.add_paragraph(m["no_more_text"]).alignment = WD_ALIGN_PARAGRAPH.CENTER
    _signatures(doc, m)
    for section in m["annexes"]:
        _section(doc, m, section, new_page=True)
    _core_properties(doc, m, generated_at)
    _settings(doc, m)
    _package_hygiene(doc)
    out = io.BytesIO()
    doc.save(out)
    return _deterministic_zip(out.getvalue())
