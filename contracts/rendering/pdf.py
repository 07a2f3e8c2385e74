"""HTML → PDF with WeasyPrint, fetching nothing but data: URLs and the project's own static files."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from weasyprint.urls import URLFetcher, URLFetcherResponse

from contracts.clauses.assemble import Document
from contracts.rendering.html import render_html

STATIC_PREFIX = "/static/"


class FetchRefused(ValueError):
    pass


def _static_roots() -> list[Path]:
    return [Path(p).resolve() for p in settings.STATICFILES_DIRS]


def _mime(path: Path) -> str:
    return {".css": "text/css", ".woff2": "font/woff2", ".ttf": "font/ttf", ".otf": "font/otf",
            ".png": "image/png", ".svg": "image/svg+xml"}.get(path.suffix, "application/octet-stream")


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


def render_pdf(document: Document, language: str) -> bytes:
    from weasyprint import HTML

    html = render_html(document, language)
    base = (Path(settings.BASE_DIR) / "static").as_uri() + "/"
    return HTML(string=html, base_url=base, url_fetcher=SafeURLFetcher()).write_pdf()
