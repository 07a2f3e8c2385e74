"""Shared by the commands that read an answers document: load it, validate it as the wizard does."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import CommandError

from contracts.wizard.steps import validate_answers

MAX_ANSWERS_BYTES = 1_000_000


def load_typed_answers(path: str) -> tuple[dict, dict]:
    """(raw answers, typed answers); CommandError listing every problem as `step.field: message`."""
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"{path}: no such file")
    if file.stat().st_size > MAX_ANSWERS_BYTES:
        raise CommandError(f"{path}: larger than {MAX_ANSWERS_BYTES} bytes")
    try:
        answers = json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CommandError(f"{path}: not a JSON document ({exc})") from exc
    typed, problems = validate_answers(answers)
    if problems:
        raise CommandError("invalid answers:\n" + "\n".join(f"  {p}" for p in problems))
    return answers, typed
