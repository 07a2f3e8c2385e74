"""Document → DOCX (python-docx): the same contract as the PDF, for a lawyer to redline in Word.

Numbers are printed as text ("第3条", "3.2", "(a)") exactly as in the PDF, so a redline cites what the
signed copy shows; articles and annex titles are Heading 1, clause titles Heading 2 (Word's navigation pane
and table of contents pick them up).
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from datetime import datetime

from docx import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from contracts.clauses.assemble import Document
from contracts.clauses.tables import Table
from contracts.rendering.html import print_model

LATIN_FONT = "Times New Roman"
CJK_FONT = "SimSun"  # 宋体: on every Chinese Windows; elsewhere Word and LibreOffice substitute a serif CJK face
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
HANGING = Cm(0.9)
TEXT_WIDTH = Cm(17.0)  # A4 less the 2 cm side margins
COLUMN_WIDTH = Cm(8.5)  # each language's cell in the side-by-side layout
CELL_MARGINS = Cm(0.4)  # Word's and LibreOffice's default left + right cell margins
TABLE_FONT_PT = 8.5
TEXT_CAP = 40  # half-ems: a longer cell wraps rather than squeeze the other columns


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


def _setup_styles(doc: WordDocument, bilingual: bool) -> None:
    body = 9.5 if bilingual else 10.5
    _set_fonts(doc.styles["Normal"], size=body)
    doc.styles["Normal"].paragraph_format.space_after = Pt(3)
    doc.styles["Normal"].paragraph_format.line_spacing = 1.3
    for name, size in (("Title", 20), ("Heading 1", 12.5), ("Heading 2", body)):
        style = doc.styles[name]
        _set_fonts(style, size=size, bold=True)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.italic = False
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.space_before = Pt(10 if name == "Heading 1" else 5)
        style.paragraph_format.space_after = Pt(3)


def _fld_char(kind: str):
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    return el


def _field_start(paragraph, instruction: str) -> None:
    run = paragraph.add_run()
    run._r.append(_fld_char("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    run._r.append(_fld_char("separate"))


def _field(paragraph, instruction: str, placeholder: str = "1") -> None:
    """A Word field (PAGE, NUMPAGES): Word and LibreOffice compute its value when they lay the pages out."""
    _field_start(paragraph, instruction)
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(_fld_char("end"))


def _header_footer(doc: WordDocument, m: dict) -> None:
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(2.4), Cm(2.2)
    section.left_margin = section.right_margin = Cm(2.0)
    section.different_first_page_header_footer = True  # the cover carries neither
    header = section.header.paragraphs[0]
    header.text = f"{m['number_label']}: {m['number']}\t\t{m['draft_mark']}"
    for run in header.runs:
        run.font.size = Pt(8)
    footer = section.footer.paragraphs[0]
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
    table._tbl.tblPr.append(borders)


def _row_flags(row, *, header: bool = False) -> None:
    """Rows never split across pages; a header row repeats on every page the table runs onto."""
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))


def _cover(doc: WordDocument, m: dict) -> None:
    mark = doc.add_paragraph()
    mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = mark.add_run(m["draft_mark"])
    run.bold, run.font.size, run.font.color.rgb = True, Pt(14), RGBColor(0xAA, 0, 0)
    for _ in range(3):
        doc.add_paragraph()
    for title in m["title"]:
        p = doc.add_paragraph(title, style="Title")
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number = doc.add_paragraph(f"{m['number_label']}{m['colon']}{m['number']}")
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if m["drafted"]:
        drafted = doc.add_paragraph(f"{m['drafted_label']}{m['colon']}{m['drafted']}")
        drafted.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph()
    table = doc.add_table(rows=0, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for party in m["parties"]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = party["role"], party["name"] or ""
        for cell in cells:
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for label, value in party["rows"]:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, str(value)
    for row in table.rows:
        row.cells[0].width, row.cells[1].width = Cm(6.5), Cm(10.5)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _contents(doc: WordDocument, m: dict) -> None:
    """A TOC field over Heading 1; until Word updates it (it asks on opening), it lists the headings."""
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(m["contents_title"])
    run.bold, run.font.size = True, Pt(14)
    entries = [s["toc_title"] for s in m["articles"]] + [m["signatures_title"]] + [s["toc_title"] for s in m["annexes"]]
    first = doc.add_paragraph()
    _field_start(first, 'TOC \\o "1-1" \\h \\z \\u')
    first.add_run(entries[0])
    last = first
    for entry in entries[1:]:
        last = doc.add_paragraph(entry)
    last.add_run()._r.append(_fld_char("end"))
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _paragraph(container, text: str, *, item: bool, bold: bool = False, lang: str = "zh"):
    p = container.add_paragraph()
    run = p.add_run(text)
    if bold:  # clauses that limit the buyer's liability: bold and underlined, as in the PDF
        run.bold = True
        run.underline = True
    if item:
        p.paragraph_format.left_indent = HANGING
        p.paragraph_format.first_line_indent = -HANGING
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if lang == "zh" else WD_ALIGN_PARAGRAPH.LEFT
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


def _data_table(container, table: Table, width: int) -> None:
    word = container.add_table(rows=1, cols=len(table.headers))
    word.style = "Table Grid"
    word.autofit = False
    _row_flags(word.rows[0], header=True)
    for cell, text in zip(word.rows[0].cells, table.headers):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for values in table.rows:
        row = word.add_row()
        _row_flags(row)
        for i, (cell, text) in enumerate(zip(row.cells, values)):
            cell.text = text
            if i in table.numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    widths = _column_widths(table, width)
    for column, column_width in zip(word.columns, widths):
        column.width = column_width  # the grid LibreOffice reads
    for row in word.rows:
        for cell, column_width in zip(row.cells, widths):
            cell.width = column_width  # the cell widths Word reads
            for p in cell.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(TABLE_FONT_PT)
    container.add_paragraph()


def _clause_column(container, col, *, heading_style: str | None, highlight: bool, in_table: bool = False) -> None:
    if col.title or col.heading:
        text = f"{col.heading}　{col.title}".strip("　")
        if heading_style:
            # inside a side-by-side row "keep with next" would drag the whole row onto the next page
            container.add_paragraph(text, style=heading_style).paragraph_format.keep_with_next = not in_table
        else:
            container.add_paragraph().add_run(text).bold = True
    for text, is_item in col.paragraphs:
        _paragraph(container, text, item=is_item, bold=highlight, lang=col.lang)
    if col.table:
        _data_table(container, col.table, COLUMN_WIDTH - CELL_MARGINS if in_table else TEXT_WIDTH)


def _clause(doc: WordDocument, m: dict, clause: dict) -> None:
    columns = clause["columns"]
    if m["layout"] == "columns":
        table = doc.add_table(rows=1, cols=2)
        _no_borders(table)
        for cell, col in zip(table.rows[0].cells, columns):
            cell.width = COLUMN_WIDTH
            first = cell.paragraphs[0]
            _clause_column(
                cell,
                col,
                heading_style="Heading 2" if col.lang == "zh" else None,
                highlight=clause["highlight"],
                in_table=True,
            )
            first._p.getparent().remove(first._p)  # the empty paragraph every new cell starts with
        return
    if m["layout"] == "paragraphs":
        for i, col in enumerate(columns):
            if col.title or col.heading:
                text = f"{col.heading}　{col.title}".strip("　")
                if i == 0:
                    doc.add_paragraph(text, style="Heading 2")
                else:
                    doc.add_paragraph().add_run(text).bold = True
        for para in clause["paragraphs"]:
            _paragraph(doc, para.text, item=para.is_item, bold=clause["highlight"], lang=para.lang)
        for col in columns:
            if col.table:
                _data_table(doc, col.table, TEXT_WIDTH)
        return
    _clause_column(doc, columns[0], heading_style="Heading 2", highlight=clause["highlight"])


def _section(doc: WordDocument, m: dict, section: dict) -> None:
    doc.add_paragraph(" / ".join(f"{h}　{t}" for h, t in section["titles"]), style="Heading 1")
    for clause in section["clauses"]:
        _clause(doc, m, clause)


def _signatures(doc: WordDocument, m: dict) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph(m["signatures_title"], style="Heading 1").alignment = WD_ALIGN_PARAGRAPH.CENTER
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
        cell.add_paragraph(name or "")
        for _ in range(4 if seals else 1):  # room for the seal only where the party seals
            cell.add_paragraph()
        for line in ("sign", "name", "title", "date"):
            cell.add_paragraph(f"{sig[line]}{m['colon']}")
            cell.add_paragraph("_" * 30)
        for p in cell.paragraphs:
            p.paragraph_format.keep_with_next = True
    for line in m["signing_place_lines"]:
        doc.add_paragraph(line)


def _core_properties(doc: WordDocument, m: dict, generated_at: datetime | None) -> None:
    props = doc.core_properties
    props.title = f"{' / '.join(m['title'])} {m['number']}"
    props.author = m["author"]
    props.last_modified_by = m["author"]
    props.language = m["html_lang"]
    props.identifier = m["number"]
    props.subject = m["draft_mark"]
    props.revision = 1
    when = (generated_at or datetime(2000, 1, 1)).replace(tzinfo=None)
    props.created = props.modified = props.last_printed = when


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


def _update_fields_on_open(doc: WordDocument) -> None:
    """Ask Word to fill in the table of contents and page counts when the file is opened."""
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    doc.settings.element.append(update)


def render_docx(
    document: Document, language: str, *, layout: str = "columns", generated_at: datetime | None = None
) -> bytes:
    m = print_model(document, language, layout=layout, generated_at=generated_at)
    doc = WordDocument()
    _setup_styles(doc, bilingual=len(m["langs"]) == 2)
    _header_footer(doc, m)
    _cover(doc, m)
    _contents(doc, m)
    for section in m["preamble"]:
        for clause in section["clauses"]:
            _clause(doc, m, clause)
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
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _section(doc, m, section)
    _core_properties(doc, m, generated_at)
    _update_fields_on_open(doc)
    out = io.BytesIO()
    doc.save(out)
    return _deterministic_zip(out.getvalue())
