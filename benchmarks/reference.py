"""Reference contracts for the benchmark and the page checks, built without a database.

Django is configured from config.settings with an in-memory SQLite, and the clause
library is read straight from the YAML files in the repository.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NUMBER = "CRM-2027-00042"


def setup_django() -> None:
    import django
    from django.conf import settings

    if settings.configured:
        return
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # the production settings (DEBUG off) refuse to start without a key; this one signs nothing
    os.environ.setdefault("SECRET_KEY", "benchmark-only-" + secrets.token_urlsafe(32))
    from config import settings as project

    values = {k: getattr(project, k) for k in dir(project) if k.isupper()}
    values["DATABASES"] = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
    settings.configure(**values)
    django.setup()


def full_answers() -> dict:
    """Every option on (migration, GDPR, escrow, cross-border, custom development, arbitration), bilingual."""
    from contracts.clauses.samples import ALL_OPTIONS_PATCH
    from tests.factories import answers_document

    changes = {step: dict(fields) for step, fields in ALL_OPTIONS_PATCH.items()}
    changes["parties"] = {"contract_language": "bilingual", "prevailing_language": "zh"}
    return answers_document(**changes)


def minimal_answers() -> dict:
    from tests.factories import answers_document

    return answers_document(parties={"contract_language": "zh", "prevailing_language": None})


def document_for(answers: dict):
    from contracts.clauses.files import read_library_files
    from contracts.pipeline import build_document
    from contracts.problems import validate_answers

    typed, problems = validate_answers(answers)
    if problems:
        raise ValueError(f"reference answers are not valid: {problems}")
    return build_document(typed, contract_number=NUMBER, library=read_library_files())
