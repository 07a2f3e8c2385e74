"""Mails in every language of the site: an account has no language of its own, and a person invited has no
account yet, so each mail says its text in Chinese and in English, the sender's language first."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

SEPARATOR = "\n\n----------\n\n"


def in_every_language(subject_template: str, body_template: str, context: dict) -> tuple[str, str]:
    """(subject, body): each template rendered in every language of settings.LANGUAGES, the active one first."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    languages = sorted((code for code, _name in settings.LANGUAGES), key=lambda code: code != current)
    subjects, bodies = [], []
    for code in languages:
        with translation.override(code):
            subjects.append(render_to_string(subject_template, context).strip())
            bodies.append(render_to_string(body_template, context).strip())
    return " / ".join(subjects), SEPARATOR.join(bodies) + "\n"
