"""Reading a rendered PDF back as a reader of the printed page would: words, where they sit, bookmarks."""

from __future__ import annotations

import io
import re
from functools import lru_cache
from typing import NamedTuple

import pdfplumber
from pypdf import PdfReader

MM = 72 / 25.4


def page_texts(pdf: bytes) -> list[str]:
    return list(_page_texts(pdf))


@lru_cache(maxsize=16)  # the reference contracts are read by many tests: parse each once
def _page_texts(pdf: bytes) -> tuple[str, ...]:
    return tuple(page.text for page in _parsed(pdf))


class _Page(NamedTuple):
    text: str
    width: float
    height: float
    chars: tuple[tuple[str, float, float, float, float], ...]  # printed characters: text, x0, x1, top, bottom


@lru_cache(maxsize=2)  # a page's text and where its characters sit come from one parse, most of the time
def _parsed(pdf: bytes) -> tuple[_Page, ...]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return tuple(
            _Page(
                page.extract_text() or "",
                page.width,
                page.height,
                tuple(
                    (c["text"], c["x0"], c["x1"], c["top"], c["bottom"]) for c in page.chars if not c["text"].isspace()
                ),
            )
            for page in doc.pages
        )


def chars_outside_text_area(pdf: bytes, *, side_mm: float = 20, top_mm: float = 8, bottom_mm: float = 8):
    """Characters printed outside the page's text column (the running header and footer sit in the
    top and bottom margins, so only the side margins are held to the full 20 mm)."""
    outside = []
    for number, page in enumerate(_parsed(pdf), start=1):
        left, right = side_mm * MM - 1, page.width - side_mm * MM + 1
        for text, x0, x1, top, bottom in page.chars:
            if x0 < left or x1 > right or top < top_mm * MM or bottom > page.height - bottom_mm * MM:
                outside.append((number, text, round(x0), round(top)))
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
