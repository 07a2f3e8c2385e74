"""Shared by the commands that read an answers document: load it, validate it as the wizard does (terms.checks)."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import translation

from contracts.clauses.positions import position_problems
from contracts.clauses.snapshot import library_snapshot
from contracts.problems import document_problem_texts, validate_answers
from contracts.terms.document import DocumentRefused, parse_answers

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
        problems = [str(p) for p in problems] + _position_problems(answers)
        if problems:
            raise CommandError("invalid answers:\n" + "\n".join(f"  {p}" for p in problems))
    return answers, typed


def _position_problems(answers: dict) -> list[str]:
    """`positions.<clause key>: message` for each negotiation position (or stance) the library cannot honour,
    as the import of a draft refuses them."""
    if "positions" not in answers:
        return []
    found = position_problems(answers["positions"], library_snapshot())
    return [f"{'.'.join(filter(None, ('positions', key)))}: {message}" for key, message in found]


def cli_language() -> str:
    """The language of the messages a command prints: Chinese in a Chinese locale (LANGUAGE, LC_ALL,
    LC_MESSAGES or LANG, the first one set, as gettext reads them), English otherwise."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        if value := os.environ.get(name):
            return "zh-hans" if value.lower().startswith("zh") else "en"
    return "en"
