"""Reference contracts rendered once per module: the full bilingual one and the minimal Chinese one."""

import datetime as dt

import pytest

from benchmarks.reference import document_for, full_answers, minimal_answers

GENERATED_AT = dt.datetime(2027, 3, 1, 9, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="session")
def full_document():
    return document_for(full_answers())


@pytest.fixture(scope="session")
def minimal_document():
    return document_for(minimal_answers())
