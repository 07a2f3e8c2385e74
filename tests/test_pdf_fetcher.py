"""WeasyPrint fetches nothing but data: URLs and the project's own static files."""

import pytest
from django.conf import settings

from contracts.rendering.pdf import FetchRefused, safe_url_fetcher


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "/etc/passwd",
        "http://169.254.169.254/latest/meta-data/",
        "https://example.com/font.woff2",
        "ftp://example.com/x",
        f"file://{settings.BASE_DIR}/static/../config/settings.py",
    ],
)
def test_refused(url):
    with pytest.raises(FetchRefused):
        safe_url_fetcher(url)


def test_data_and_static_files_allowed():
    assert safe_url_fetcher("data:text/plain,hello").read() == b"hello"
    css = safe_url_fetcher(f"file://{settings.BASE_DIR}/static/contract/print.css")
    assert b"@page" in css.read()
