"""Writes: one function per use case, keyword-only, each in a transaction."""

from __future__ import annotations

import hashlib
import json

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contracts.clauses.library import library_snapshot
from contracts.models import Draft, GeneratedContract
from contracts.pipeline import build_document
from contracts.rendering import RENDERER_VERSION, render
from contracts.wizard.steps import BY_KEY, step_index, validate_answers


class DraftIncomplete(Exception):
    def __init__(self, problems):
        super().__init__(_("The draft is not complete."))
        self.problems = problems


@transaction.atomic
def draft_create(*, owner, title: str = "") -> Draft:
    title = title.strip() or _("CRM procurement %(date)s") % {"date": timezone.localdate().isoformat()}
    return Draft.objects.create(owner=owner, title=title[:200])


@transaction.atomic
def draft_save_step(*, draft: Draft, step_key: str, step_answers: dict) -> Draft:
    """Store one step's validated answers; the status follows the whole document."""
    BY_KEY[step_key]  # noqa: B018 - an unknown step is a programming error
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    answers = dict(draft.answers)
    answers[step_key] = step_answers
    draft.answers = answers
    draft.step_reached = max(draft.step_reached, step_index(step_key) + 1)
    _typed, problems = validate_answers(answers)
    draft.status = Draft.Status.IN_PROGRESS if problems else Draft.Status.COMPLETE
    draft.version += 1
    draft.save()
    return draft


@transaction.atomic
def draft_delete(*, draft: Draft) -> None:
    draft.delete()


def contract_number_for(draft: Draft) -> str:
    return f"CRM-{draft.created_at:%Y}-{draft.pk:05d}"


def _content_hash(answers: dict, versions: list[int], language: str, fmt: str, number: str) -> str:
    payload = json.dumps({"answers": answers, "versions": versions, "language": language, "format": fmt,
                          "number": number, "renderer": RENDERER_VERSION}, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


@transaction.atomic
def contract_generate(*, draft: Draft, language: str, fmt: str = "pdf") -> GeneratedContract:
    """Render the draft; an unchanged draft returns the contract already rendered from the same inputs."""
    typed, problems = validate_answers(draft.answers)
    if problems:
        raise DraftIncomplete(problems)
    number = contract_number_for(draft)
    library = library_snapshot()
    versions = sorted(c.version_id for s in library for c in s.clauses if c.version_id)
    content_hash = _content_hash(draft.answers, versions, language, fmt, number)
    existing = GeneratedContract.objects.filter(owner=draft.owner, content_hash=content_hash).first()
    if existing:
        return existing
    document = build_document(typed, contract_number=number, library=library)
    content = render(document, language=language, fmt=fmt)
    contract = GeneratedContract(
        draft=draft, owner=draft.owner, number=number, language=language, format=fmt,
        content_hash=content_hash, answers=draft.answers, clause_versions=document.clause_versions,
    )
    contract.file.save(f"{number}-{language}.{fmt}", ContentFile(content), save=False)
    contract.save()
    return contract
