"""Document → HTML / PDF / DOCX. Rendering never queries the database."""

from __future__ import annotations

import hashlib
from datetime import datetime
from importlib import metadata
from pathlib import Path

from contracts.clauses.assemble import Document
from contracts.rendering.limits import RenderFailed

# What decides how given answers and clause versions print: the code from answers to pages (the figures of
# terms/, the clause assembly of clauses/, the renderers, the pipeline between them), the print templates
# and styles, the shipped clause texts, and the libraries that draw them. Not the web app: editing a view,
# a form or a page must not re-render every contract. Modules of those folders that print nothing in the
# contract are left out by name (a new module counts until it is listed here: a spare render, never a stale file).
ROOT = Path(__file__).resolve().parents[2]
RENDERED_BY = (
    "contracts/pipeline.py",
    "contracts/terms/**/*.py",
    "contracts/clauses/*.py",
    "contracts/rendering/*.py",
    "contracts/templatetags/contract_format.py",  # the print template's filters
    "contracts/clauses/library/*.yaml",
    "templates/contract/*.html",
    "static/contract/*.css",
)
PRINTS_NOTHING = {
    "contracts/terms/hints.py",  # the wizard's hints
    "contracts/terms/comparison.py",  # the offer comparison page
    "contracts/clauses/checks.py",  # the admin's checks of a clause text
    "contracts/clauses/diff.py",  # "What changed since"
    "contracts/clauses/samples.py",  # the sample drafts the admin checks a text against
    "contracts/rendering/ics.py",  # the key dates calendar
    "contracts/rendering/risk.py",  # the risk review PDF, rendered on each request, never stored
    "contracts/rendering/limits.py",  # how long and how big a render may be, not what it prints
    "templates/contract/risk_review.html",
}
LIBRARIES = ("weasyprint", "python-docx", "pydyf", "fonttools", "Jinja2")


def renderer_version(root: Path = ROOT) -> str:
    """Part of every rendered file's cache key, derived rather than kept by hand: any change to what
    decides the printed output is a new file on the next download, never a stale one (a change that
    prints the same costs one render per draft)."""
    digest = hashlib.sha256()
    files = sorted(
        {path for pattern in RENDERED_BY for path in root.glob(pattern)} - {root / name for name in PRINTS_NOTHING}
    )
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for package in LIBRARIES:
        digest.update(f"{package}={metadata.version(package)}\0".encode())
    return digest.hexdigest()[:16]


RENDERER_VERSION = renderer_version()
LANGUAGES = ("zh", "en", "bilingual")
FORMATS = ("pdf", "docx", "html")
LAYOUTS = ("columns", "paragraphs")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}

__all__ = ["CONTENT_TYPES", "FORMATS", "LANGUAGES", "LAYOUTS", "RENDERER_VERSION", "RenderFailed", "render"]


def render(
    document: Document,
    *,
    language: str,
    fmt: str,
    layout: str = "columns",
    generated_at: datetime | None = None,
    pdf_variant: str | None = None,
    final=None,
) -> bytes:
    """The contract as bytes. layout only matters for bilingual output; generated_at fixes every date
    printed or stored in the file, so equal inputs give byte-identical files. `final` (html.Final) prints
    the final contract: no draft marking, and the approval when there is one."""
    from contracts.rendering.docx import render_docx
    from contracts.rendering.html import render_html
    from contracts.rendering.pdf import anchor_pages, render_pdf

    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}")
    if fmt == "pdf":
        return render_pdf(
            document, language, layout=layout, generated_at=generated_at, pdf_variant=pdf_variant, final=final
        )
    if fmt == "docx":
        # the contents page shows the PDF's page numbers (a layout of its own, no PDF written)
        pages = anchor_pages(document, language, layout=layout, generated_at=generated_at, final=final)
        return render_docx(document, language, layout=layout, generated_at=generated_at, pages=pages, final=final)
    if fmt == "html":
        return render_html(document, language, layout=layout, generated_at=generated_at, final=final).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}")
