"""Smaller CJK font subsets: embed CID-keyed CFF fonts as compact bare CFF instead of WeasyPrint's
glyph-id-preserving OpenType subsets.

WeasyPrint writes text as glyph ids (Identity-H) and so subsets every font keeping each used glyph at its
original id. For a CJK face of 65,000 glyphs that keeps tens of thousands of empty slots (CharStrings
offsets, metrics): about 140 KB per face in the PDF even after compression, for the 400-1,500 glyphs a
contract uses. A CID-keyed CFF font needs none of that: its charset maps each CID (here: the original
glyph id) to the glyph, so the subset can drop the empty slots and keep the CIDs. PDF viewers map CIDs
through the charset only for a *bare* CFF program (FontFile3 /CIDFontType0C; PDF 32000-1, 9.7.4.2), not
through an OpenType wrapper, so the compact subset is embedded bare.

Only fonts whose subset is verified to be CID-keyed with every used CID in its charset are changed;
TrueType faces (the rare-character fallbacks), name-keyed CFF and anything unexpected stay as WeasyPrint
wrote them.
"""

from __future__ import annotations

import hashlib
import io
import logging

from fontTools.cffLib import CFFFontSet
from weasyprint.text.ffi import ffi, harfbuzz, harfbuzz_subset

logger = logging.getLogger(__name__)

_CFF_TAG = b"CFF "
# Layout tables would pull substitutes (vertical forms, ligatures) into the subset; only CFF is kept anyway.
_DROP_TABLES = (b"BASE", b"COLR", b"CPAL", b"GDEF", b"GPOS", b"GSUB", b"JSTF", b"MATH", b"SVG ", b"morx")


def compact_cid_fonts(document, pdf) -> None:
    """A WeasyPrint `finisher`: replace each CID-keyed CFF font stream by its compact bare CFF. It reads
    WeasyPrint's internals (pinned to 70.x): should they change, the PDF keeps WeasyPrint's own subsets
    (larger, equally correct) rather than fail to print."""
    if harfbuzz_subset is None:  # pragma: no cover - the Makefile installs libharfbuzz-subset0
        return
    try:
        _compact(document, pdf)
    except Exception:  # noqa: BLE001
        logger.warning("could not compact the CJK font subsets; keeping WeasyPrint's", exc_info=True)


def _compact(document, pdf) -> None:
    streams = {
        id(obj.stream[0]): obj
        for obj in pdf.objects
        if getattr(obj, "extra", None) is not None
        and obj.extra.get("Subtype") == "/OpenType"
        and getattr(obj, "stream", None)
    }
    by_file: dict[str, list] = {}
    for font in document.fonts.values():
        by_file.setdefault(font.hash, []).append(font)
    for fonts in by_file.values():
        font = fonts[0]
        stream = streams.get(id(font.file_content))
        if stream is None or "CFF " not in font.tables:
            continue
        cids = set().union(*(f.to_unicode.keys() for f in fonts)) | {0}
        cff = compact_cff(font.hb_face, cids)
        if cff is not None:
            stream.stream = [cff]
            stream.extra["Subtype"] = "/CIDFontType0C"


def compact_cff(hb_face, cids: set[int]) -> bytes | None:
    """The bare CFF table of `hb_face` subset to `cids` with glyph ids renumbered, or None unless every
    glyph's CID is its glyph id in the face and the subset keeps every CID asked for."""
    table, _blob = _table_view(hb_face)  # the blob keeps the table alive while it is read
    if not _cid_is_glyph_id(table):
        return None
    glyphs = sorted(cid for cid in cids if cid < harfbuzz.hb_face_get_glyph_count(hb_face))
    subset_input = ffi.gc(harfbuzz_subset.hb_subset_input_create_or_fail(), harfbuzz_subset.hb_subset_input_destroy)
    if subset_input == ffi.NULL:
        return None
    glyph_set = harfbuzz_subset.hb_subset_input_glyph_set(subset_input)
    harfbuzz.hb_set_add_sorted_array(glyph_set, ffi.new(f"hb_codepoint_t[{len(glyphs)}]", glyphs), len(glyphs))
    drop = sorted(harfbuzz.hb_tag_from_string(tag, -1) for tag in _DROP_TABLES)
    drop_set = harfbuzz_subset.hb_subset_input_set(subset_input, harfbuzz_subset.HB_SUBSET_SETS_DROP_TABLE_TAG)
    harfbuzz.hb_set_add_sorted_array(drop_set, ffi.new(f"hb_codepoint_t[{len(drop)}]", drop), len(drop))
    harfbuzz_subset.hb_subset_input_set_flags(
        subset_input,
        harfbuzz_subset.HB_SUBSET_FLAGS_DESUBROUTINIZE
        | harfbuzz_subset.HB_SUBSET_FLAGS_NO_HINTING
        | harfbuzz_subset.HB_SUBSET_FLAGS_NOTDEF_OUTLINE,
    )
    face = harfbuzz_subset.hb_subset_or_fail(hb_face, subset_input)
    if face == ffi.NULL:
        return None
    cff = _table(ffi.gc(face, harfbuzz.hb_face_destroy))
    return cff if cff and _charset(cff).issuperset(glyphs) else None


def _table_view(hb_face):
    """The face's CFF table in place, as a buffer (no copy; a CJK face's is ~23 MB), and its blob, which
    must stay referenced while the buffer is used."""
    blob = ffi.gc(
        harfbuzz.hb_face_reference_table(hb_face, harfbuzz.hb_tag_from_string(_CFF_TAG, -1)), harfbuzz.hb_blob_destroy
    )
    length = ffi.new("unsigned int *")
    data = harfbuzz.hb_blob_get_data(blob, length)
    return (ffi.buffer(data, length[0]) if length[0] else b""), blob


def _table(hb_face) -> bytes:
    view, _blob = _table_view(hb_face)
    return bytes(view)


_identity_faces: dict[tuple[int, bytes], bool] = {}


def _cid_is_glyph_id(cff) -> bool:
    """Whether a CFF table (bytes or a buffer) is CID-keyed with CID n for glyph n, for every glyph (true
    of Noto CJK: Adobe's Identity ordering). Read once per face (~40 ms for a CJK face; the parent process
    warms this up); a render only hashes the table's first 4 KB to find the answer."""
    key = (len(cff), hashlib.md5(cff[:4096], usedforsecurity=False).digest())
    if key not in _identity_faces:
        cids = _charset(bytes(cff), ordered=True) if len(cff) else None
        _identity_faces[key] = cids is not None and all(cid == gid for gid, cid in enumerate(cids))
    return _identity_faces[key]


def _charset(cff: bytes, *, ordered: bool = False):
    """The CIDs of a CID-keyed CFF's glyphs (a list in glyph order, or a set); None or an empty set when
    it is not CID-keyed or cannot be read."""
    try:
        fonts = CFFFontSet()
        fonts.decompile(io.BytesIO(cff), None)
        top = fonts.topDictIndex[0]
        if not hasattr(top, "ROS"):
            return None if ordered else set()
        cids = [0 if name == ".notdef" else int(name.removeprefix("cid")) for name in top.charset]
    except Exception:  # noqa: BLE001 - anything unreadable is left as WeasyPrint wrote it
        logger.warning("could not read a CFF charset; keeping WeasyPrint's subset", exc_info=True)
        return None if ordered else set()
    return cids if ordered else set(cids)
