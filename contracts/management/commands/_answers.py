"""Shared by the commands that read an answers document: load it, validate it as the wizard does."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import translation

from contracts.terms.document import DocumentRefused, parse_answers
from contracts.wizard.forms import document_problem_texts
from contracts.wizard.steps import validate_answers

MAX_ANSWERS_BYTES = 1_000_000


def load_typed_answers(path: str) -> tuple[dict, dict]:
    """(raw answers, typed answers); CommandError listing every problem as `step.field: message`."""
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"{path}: no such file")
    if file.stat().st_size > MAX_ANSWERS_BYTES:
        raise CommandError(f"{path}: larger than {MAX_ANSWERS_BYTES} bytes")
    with translation.override(cli_language()):
        try:
            answers = parse_answers(file.read_bytes())
        except DocumentRefused as refused:
            raise CommandError(f"{path}:\n" + "\n".join(f"  {t}" for t in document_problem_texts(refused))) from None
        typed, problems = validate_answers(answers)
        if problems:
            raise CommandError("invalid answers:\n" + "\n".join(f"  {p}" for p in problems))
    return answers, typed


def cli_language() -> str:
    """The language of the messages a command prints: Chinese in a Chinese locale (LANGUAGE, LC_ALL,
    LC_MESSAGES or LANG, the first one set, as gettext reads them), English otherwise."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        if value := os.environ.get(name):
            return "zh-hans" if value.lower().startswith("zh") else "en"
    return "en"
