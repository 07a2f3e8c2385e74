"""HTML → PDF with WeasyPrint, fetching nothing but data: URLs and the project's own static files."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings

from contracts.clauses.assemble import Document
from contracts.rendering.html import render_html

STATIC_PREFIX = "/static/"


class FetchRefused(ValueError):
    pass


def _static_roots() -> list[Path]:
    return [Path(p).resolve() for p in settings.STATICFILES_DIRS]


def safe_url_fetcher(url: str, timeout: int = 10, ssl_context=None):
    """Allow data: URLs and files under the project's static folders; refuse everything else."""
    from weasyprint.urls import default_url_fetcher

    if url.startswith("data:"):
        return default_url_fetcher(url, timeout=timeout)
    parsed = urlparse(url)
    if parsed.scheme in ("", "file") and not parsed.netloc:
        path = Path(unquote(parsed.path)).resolve()
        for root in _static_roots():
            if path.is_relative_to(root) and path.is_file():
                return {"string": path.read_bytes(), "mime_type": _mime(path), "redirected_url": url}
    raise FetchRefused(f"refused to fetch {url!r}")


def _mime(path: Path) -> str:
    return {".css": "text/css", ".woff2": "font/woff2", ".ttf": "font/ttf", ".otf": "font/otf",
            ".png": "image/png", ".svg": "image/svg+xml"}.get(path.suffix, "application/octet-stream")


def render_pdf(document: Document, language: str) -> bytes:
    from weasyprint import HTML

    html = render_html(document, language)
    base = (Path(settings.BASE_DIR) / "static").as_uri() + "/"
    return HTML(string=html, base_url=base, url_fetcher=safe_url_fetcher).write_pdf()
