"""Document → HTML / PDF. Rendering never queries the database."""

from __future__ import annotations

from contracts.clauses.assemble import Document

RENDERER_VERSION = "1"
LANGUAGES = ("zh", "en", "bilingual")
FORMATS = ("pdf", "html")


def render(document: Document, *, language: str, fmt: str) -> bytes:
    from contracts.rendering.html import render_html
    from contracts.rendering.pdf import render_pdf

    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    if fmt == "pdf":
        return render_pdf(document, language)
    if fmt == "html":
        return render_html(document, language).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}")
