"""HTML → PDF with WeasyPrint, fetching nothing but data: URLs and the project's own static files."""

from __future__ import annotations

import gc
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from weasyprint.urls import URLFetcher, URLFetcherResponse

from contracts.clauses.assemble import Document
from contracts.rendering.cff import compact_cid_fonts
from contracts.rendering.html import Final, render_html
from contracts.rendering.limits import run_limited

STATIC_PREFIX = "/static/"
PDF_VARIANTS = (None, "pdf/a-3u")


class FetchRefused(ValueError):
    pass


def _static_roots() -> list[Path]:
    return [Path(p).resolve() for p in settings.STATICFILES_DIRS]


def _mime(path: Path) -> str:
    return {
        ".css": "text/css",
        ".woff2": "font/woff2",
        ".ttf": "font/ttf",
        ".otf": "font/otf",
        ".png": "image/png",
        ".svg": "image/svg+xml",
    }.get(path.suffix, "application/octet-stream")


class SafeURLFetcher(URLFetcher):
    """Allow data: URLs and files under the project's static folders; refuse everything else."""

    def __init__(self):
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False, fail_on_errors=False)

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parsed = urlparse(url)
        if parsed.scheme in ("", "file") and not parsed.netloc:
            path = Path(unquote(parsed.path)).resolve()
            for root in _static_roots():
                if path.is_relative_to(root) and path.is_file():
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": _mime(path)})
        raise FetchRefused(f"refused to fetch {url!r}")


safe_url_fetcher = SafeURLFetcher()


# WeasyPrint makes millions of short-lived objects and few reference cycles: at Python's default thresholds
# (700, 10, 10) the collector runs thousands of times per render for little garbage. Measured (make bench's
# samples, render child, CPU time, the minimum of 6): 12–15 % of the render saved at these, with the same
# peak memory; with the collector off, no faster.
RENDER_GC_THRESHOLDS = (20_000, 20, 20)


@contextmanager
def fewer_collections() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(*RENDER_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def html_to_pdf(html: str, *, pdf_variant: str | None = None) -> bytes:
    """WeasyPrint, in this process. The PDF identifier comes from the HTML, so equal inputs give equal bytes."""
    from weasyprint import HTML

    if pdf_variant not in PDF_VARIANTS:
        raise ValueError(f"unknown PDF variant {pdf_variant!r}")
    base = (Path(settings.BASE_DIR) / "static").as_uri() + "/"
    identifier = hashlib.md5(html.encode("utf-8"), usedforsecurity=False).hexdigest().encode()
    with fewer_collections():
        return HTML(string=html, base_url=base, url_fetcher=SafeURLFetcher()).write_pdf(
            pdf_identifier=identifier, pdf_variant=pdf_variant, finisher=compact_cid_fonts
        )


def _anchor_pages(html: str) -> bytes:
    """The PDF's page number (counted from the cover, as its footer counts) of each anchor, as JSON."""
    from weasyprint import HTML

    base = (Path(settings.BASE_DIR) / "static").as_uri() + "/"
    with fewer_collections():
        laid_out = HTML(string=html, base_url=base, url_fetcher=SafeURLFetcher()).render()
    pages: dict[str, int] = {}
    for number, page in enumerate(laid_out.pages, 1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return json.dumps(pages).encode()


@lru_cache(maxsize=1)
def warm_up() -> None:
    """Load fontconfig, Pango and the CJK faces once in the parent, so that every forked child starts warm."""
    html_to_pdf("<p style=\"font-family: 'Noto Serif CJK SC'\">合同 Agreement <b>加粗</b></p>")


def render_pdf(
    document: Document,
    language: str,
    *,
    layout: str = "columns",
    generated_at: datetime | None = None,
    pdf_variant: str | None = None,
    isolated: bool | None = None,
    final: Final | None = None,
) -> bytes:
    """The contract as PDF; by default WeasyPrint runs in a child process under the render limits."""
    html = render_html(document, language, layout=layout, generated_at=generated_at, final=final)
    if isolated is None:
        isolated = settings.RENDER_ISOLATED
    if not isolated:
        return html_to_pdf(html, pdf_variant=pdf_variant)
    warm_up()
    return run_limited(lambda: html_to_pdf(html, pdf_variant=pdf_variant))


def anchor_pages(
    document: Document,
    language: str,
    *,
    layout: str = "columns",
    generated_at: datetime | None = None,
    isolated: bool | None = None,
    final: Final | None = None,
) -> dict[str, int]:
    """Where the PDF puts each heading: the DOCX prints these page numbers in its contents."""
    html = render_html(document, language, layout=layout, generated_at=generated_at, final=final)
    if isolated is None:
        isolated = settings.RENDER_ISOLATED
    if not isolated:
        return json.loads(_anchor_pages(html))
    warm_up()
    return json.loads(run_limited(lambda: _anchor_pages(html)))
