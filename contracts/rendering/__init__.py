"""Document → HTML / PDF / DOCX. Rendering never queries the database."""

from __future__ import annotations

from datetime import datetime

from contracts.clauses.assemble import Document
from contracts.rendering.limits import RenderFailed

# Part of every rendered file's cache key: raise it whenever code (not the clause library) changes what a
# contract prints, so that a download never serves a file the current code would print differently.
RENDERER_VERSION = "3"  # 3: fee tables with column totals, the TCO table, CSS-escaped running headers
LANGUAGES = ("zh", "en", "bilingual")
FORMATS = ("pdf", "docx", "html")
LAYOUTS = ("columns", "paragraphs")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}

__all__ = ["CONTENT_TYPES", "FORMATS", "LANGUAGES", "LAYOUTS", "RENDERER_VERSION", "RenderFailed", "render"]


def render(document: Document, *, language: str, fmt: str, layout: str = "columns",
           generated_at: datetime | None = None, pdf_variant: str | None = None) -> bytes:
    """The contract as bytes. layout only matters for bilingual output; generated_at fixes every date
    printed or stored in the file, so equal inputs give byte-identical files."""
    from contracts.rendering.docx import render_docx
    from contracts.rendering.html import render_html
    from contracts.rendering.pdf import render_pdf

    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}")
    if fmt == "pdf":
        return render_pdf(document, language, layout=layout, generated_at=generated_at, pdf_variant=pdf_variant)
    if fmt == "docx":
        return render_docx(document, language, layout=layout, generated_at=generated_at)
    if fmt == "html":
        return render_html(document, language, layout=layout, generated_at=generated_at).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}")
