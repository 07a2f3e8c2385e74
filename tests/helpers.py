"""Small helpers the tests share: walk the wizard, read a PDF's text."""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Callable
from functools import lru_cache

import pytest
from django import db
from django.db import connection
from pypdf import PdfReader

from contracts.wizard.steps import BY_KEY, STEPS, answers_to_data


def post_data(step_key: str, fragment: dict) -> dict:
    """What a browser posts for a step, from an answers fragment."""
    data = answers_to_data(BY_KEY[step_key], fragment, fill_defaults=False)
    return {key: data.getlist(key) if len(data.getlist(key)) > 1 else data[key] for key in data}


def walk_wizard(client, draft, answers: dict):
    """Submit every step in order, as a buyer would; returns the last response."""
    response = None
    for step in STEPS:
        response = client.post(f"/drafts/{draft.pk}/step/{step.key}/", post_data(step.key, answers[step.key]))
        assert response.status_code == 302, (step.key, _errors(response))
    return response


def twice_at_once(request: Callable[[], object]) -> list:
    """What `request` returns when two threads (two browser tabs, two servers) call it at the same time;
    an exception in a thread leaves its result out."""
    results = []

    def run() -> None:
        try:
            results.append(request())
        finally:
            db.connections.close_all()  # the thread's own connection

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _errors(response) -> str:
    """The field errors of a refused step, as crispy's Bootstrap 5 pack prints them."""
    return " | ".join(
        re.findall(r"invalid-feedback[^>]*>\s*(?:<p[^>]*>)?\s*<strong>(.*?)</strong>", response.content.decode())
    )


@lru_cache(maxsize=32)  # several tests read the same rendered contract: parse it once
def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def squash(text: str) -> str:
    """PDF text without the white space that line breaks put between characters."""
    return re.sub(r"\s+", "", text)


# A row written before the input checks existed, holding what PostgreSQL refuses to store at all (a NUL in
# text, a lone surrogate in JSON): only SQLite can hold one, so only there is there anything to clean.
stored_only_on_sqlite = pytest.mark.skipif(
    connection.vendor == "postgresql", reason="PostgreSQL refuses to store such a row in the first place"
)
