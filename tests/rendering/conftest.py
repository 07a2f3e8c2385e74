"""Reference contracts built once per process: the full bilingual one and the minimal Chinese one, and their PDFs
(read by the page checks and by the Word file's checks against the PDF)."""

import datetime as dt

import pytest

from benchmarks.reference import document_for, full_answers, minimal_answers
from contracts.rendering import render

GENERATED_AT = dt.datetime(2027, 3, 1, 9, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="session")
def full_document():
    return document_for(full_answers())


@pytest.fixture(scope="session")
def minimal_document():
    return document_for(minimal_answers())


@pytest.fixture(scope="session")
def bilingual_pdf(full_document):
    return render(full_document, language="bilingual", fmt="pdf", generated_at=GENERATED_AT)


@pytest.fixture(scope="session")
def zh_pdf(minimal_document):
    return render(minimal_document, language="zh", fmt="pdf", generated_at=GENERATED_AT)
