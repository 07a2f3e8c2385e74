"""Reading a rendered PDF back as a reader of the printed page would: words, where they sit, bookmarks."""

from __future__ import annotations

import io
import re
from functools import lru_cache

import pdfplumber
from pypdf import PdfReader

MM = 72 / 25.4


def page_texts(pdf: bytes) -> list[str]:
    return list(_page_texts(pdf))


@lru_cache(maxsize=16)  # the reference contracts are read by many tests: parse each once
def _page_texts(pdf: bytes) -> tuple[str, ...]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return tuple(page.extract_text() or "" for page in doc.pages)


def chars_outside_text_area(pdf: bytes, *, side_mm: float = 20, top_mm: float = 8, bottom_mm: float = 8):
    """Characters printed outside the page's text column (the running header and footer sit in the
    top and bottom margins, so only the side margins are held to the full 20 mm)."""
    outside = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for number, page in enumerate(doc.pages, start=1):
            left, right = side_mm * MM - 1, page.width - side_mm * MM + 1
            for ch in page.chars:
                if ch["text"].isspace():
                    continue
                if (
                    ch["x0"] < left
                    or ch["x1"] > right
                    or ch["top"] < top_mm * MM
                    or ch["bottom"] > page.height - bottom_mm * MM
                ):
                    outside.append((number, ch["text"], round(ch["x0"]), round(ch["top"])))
    return outside


def outline_pages(pdf: bytes) -> dict[str, int]:
    """Top-level bookmarks: title → 1-based page number."""
    reader = PdfReader(io.BytesIO(pdf))
    out = {}
    for item in reader.outline:
        if isinstance(item, list):
            continue
        out[item.title] = reader.get_destination_page_number(item) + 1
    return out


def toc_entries(pdf: bytes) -> list[tuple[str, int]]:
    """The table of contents on page 2 as (title, page number) pairs."""
    text = page_texts(pdf)[1]
    entries = []
    for line in text.splitlines():
        match = re.match(r"^(.*?)[\s.]*\.{3,}\s*(\d+)$", line.strip())  # title, dot leader, page
        if match:
            entries.append((match.group(1).strip(" ."), int(match.group(2))))
    return entries
