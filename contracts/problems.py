"""The problems terms/ finds in an answers document, in the UI's language: for the wizard, the import, the
command line and the contract download alike (none of them needs the wizard's forms to validate)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext, ngettext

from contracts.terms.checks import TRANSLATED_PARAMS, check_answers
from contracts.terms.document import DocumentRefused
from contracts.terms.schema import STEP_KEYS


@dataclass(frozen=True)
class Problem:
    step: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.step}.{self.field}: {self.message}" if self.field else f"{self.step}: {self.message}"


def translated(problem) -> str:
    """A message of terms/ (a terms.Problem, or anything with message, params and perhaps plural) in the
    UI's language, its parameters filled in."""
    params = problem.params or {}
    plural = getattr(problem, "plural", None)
    text = ngettext(problem.message, plural, params["num"]) if plural else gettext(problem.message)
    if not params:
        return text
    return text % {key: gettext(value) if key in TRANSLATED_PARAMS else value for key, value in params.items()}


def validate_answers(answers, *, steps: tuple[str, ...] = STEP_KEYS) -> tuple[dict, list[Problem]]:
    """Validate a whole answers document as the wizard does: the typed answers of its valid steps, and every
    problem, in the UI's language, at the step and field at fault."""
    typed, problems = check_answers(answers, steps=steps)
    return typed, [Problem(p.step, p.field, translated(p)) for p in problems]


def document_problem_texts(refused: DocumentRefused) -> list[str]:
    """What is wrong with an answers file, in the UI's language, each as `place: message`."""
    texts = []
    for problem in refused.problems:
        message = translated(problem)
        texts.append(f"{problem.place}: {message}" if problem.place else message)
    return texts
