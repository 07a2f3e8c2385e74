"""CJK fonts are embedded as compact CID-keyed CFF subsets: far smaller, and printing the very same glyphs."""

import io
import shutil
import subprocess

import pytest
from fontTools.cffLib import CFFFontSet
from pypdf import PdfReader
from weasyprint import HTML

from contracts.rendering.pdf import html_to_pdf

SAMPLE = """<html lang="zh"><body style="font-family: 'Noto Serif CJK SC', serif; font-size: 11pt">
<h1 style="font-weight: bold">第一条 定义与解释 Definitions</h1>
<p>甲方应于验收合格后三十（30）日内支付服务费人民币 128,000.00 元。Fees are due within 30 days.</p>
<p><b>乙方的责任上限不适用于数据泄露、故意或重大过失。</b> 㐀䶮𠀀𪚥贸易有限公司 “引号”、顿号。</p>
</body></html>"""


def embedded_fonts(pdf: bytes) -> dict[str, tuple[str, bytes, set[int]]]:
    """BaseFont -> (font file kind, font program, CIDs given widths in the PDF)."""
    fonts = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in (page["/Resources"].get("/Font") or {}).values():
            font = ref.get_object()
            cid_font = font["/DescendantFonts"][0].get_object()
            descriptor = cid_font["/FontDescriptor"].get_object()
            key = next(k for k in ("/FontFile3", "/FontFile2") if k in descriptor)
            stream = descriptor[key].get_object()
            kind = f"{key}{stream.get('/Subtype', '')}"
            cids, widths = set(), list(cid_font.get("/W", []))
            while widths:
                first, run = widths.pop(0), widths.pop(0)
                cids.update(range(first, first + len(run)))
            fonts[str(font["/BaseFont"])] = (kind, stream.get_data(), cids)
    return fonts


def cff_cids(program: bytes) -> set[int]:
    fonts = CFFFontSet()
    fonts.decompile(io.BytesIO(program), None)
    top = fonts.topDictIndex[0]
    assert hasattr(top, "ROS"), "a CID-keyed CFF"
    return {0 if name == ".notdef" else int(name.removeprefix("cid")) for name in top.charset}


@pytest.fixture(scope="module")
def both():
    base = HTML(string=SAMPLE)
    return html_to_pdf(SAMPLE), base.write_pdf()  # ours, and WeasyPrint's own subsets


def test_cjk_faces_are_bare_cid_cff_holding_exactly_the_glyphs_printed(both):
    ours, _ = both
    fonts = embedded_fonts(ours)
    cjk = {name: f for name, f in fonts.items() if "Noto-Serif-CJK" in name}
    assert any("Bold" in name for name in cjk) and len(cjk) == 2, fonts.keys()
    for kind, program, cids in cjk.values():
        assert kind == "/FontFile3/CIDFontType0C"
        assert cff_cids(program) >= cids  # every CID the text uses is in the charset, at its own number
        assert len(cff_cids(program)) < len(cids) + 20  # and not tens of thousands of empty slots


def test_truetype_fallback_faces_are_left_as_weasyprint_wrote_them(both):
    ours, theirs = both
    ours_fonts, their_fonts = embedded_fonts(ours), embedded_fonts(theirs)
    hana = [name for name in ours_fonts if "HanaMin" in name]
    assert hana, "the rare characters come from the HanaMin fallback"
    for name in hana:
        assert ours_fonts[name][0] == "/FontFile2" and ours_fonts[name][1] == their_fonts[name][1]


def test_compact_subsets_are_much_smaller(both):
    ours, theirs = both
    assert len(ours) < len(theirs) / 3, (len(ours), len(theirs))


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_the_printed_page_is_pixel_for_pixel_the_same(both, tmp_path):
    pages = []
    for name, pdf in zip(("ours", "theirs"), both):
        (tmp_path / f"{name}.pdf").write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "100", "-gray", str(tmp_path / f"{name}.pdf"), str(tmp_path / name)], check=True
        )
        pages.append(sorted(p.read_bytes() for p in tmp_path.glob(f"{name}-*.pgm")))
    assert pages[0] and pages[0] == pages[1]


def test_text_extracts_the_same(both):
    ours, theirs = both
    texts = ["".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages) for pdf in both]
    assert "㐀䶮𠀀𪚥贸易有限公司" in texts[0].replace(" ", "")
    assert texts[0] == texts[1]


def name_keyed_cff() -> bytes:
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder([".notdef", "A"])
    builder.setupCharacterMap({ord("A"): "A"})
    pen = T2CharStringPen(500, None)
    pen.moveTo((0, 0)), pen.lineTo((500, 700)), pen.lineTo((500, 0)), pen.closePath()
    builder.setupCFF(
        "Test-Regular", {"FullName": "Test"}, {".notdef": pen.getCharString(), "A": pen.getCharString()}, {}
    )
    builder.setupHorizontalMetrics({".notdef": (500, 0), "A": (500, 0)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupOS2(), builder.setupPost(), builder.setupNameTable({"familyName": "Test", "styleName": "Regular"})
    out = io.BytesIO()
    builder.save(out)
    from fontTools.ttLib import TTFont

    return TTFont(io.BytesIO(out.getvalue())).reader["CFF "]


def test_only_cid_keyed_faces_whose_cids_are_their_glyph_ids_are_compacted(both):
    from contracts.rendering.cff import _cid_is_glyph_id

    assert _cid_is_glyph_id(name_keyed_cff()) is False  # name-keyed: glyph ids must stay where they are
    assert _cid_is_glyph_id(b"not a CFF table at all") is False
    assert _cid_is_glyph_id(b"") is False


def test_unexpected_weasyprint_internals_leave_the_pdf_as_weasyprint_wrote_it(caplog):
    from types import SimpleNamespace

    from contracts.rendering.cff import compact_cid_fonts

    pdf = SimpleNamespace(objects=[])
    compact_cid_fonts(SimpleNamespace(), pdf)  # a document without the `fonts` this version has
    assert pdf.objects == [] and "keeping WeasyPrint's" in caplog.text
