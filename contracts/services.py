"""Writes: one function per use case, keyword-only, each in a transaction."""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contracts.clauses.positions import position_problems, positions_clean
from contracts.clauses.snapshot import library_revision, library_snapshot
from contracts.models import Draft, GeneratedContract, SignupAddress
from contracts.pipeline import build_document
from contracts.rendering import RENDERER_VERSION, render
from contracts.wizard.display import problem_place
from contracts.wizard.fields import title_text
from contracts.wizard.steps import BY_KEY, STEP_KEYS, STEPS, fingerprint, step_index, to_json, validate_answers

logger = logging.getLogger(__name__)


class RenderRateLimited(Exception):
    """Too many new contracts in the last hour; downloading one already asked for is always allowed."""


def check_render_rate(owner) -> None:
    """The hour's count of contracts the buyer asked for; pre-renders nobody asked for are not counted.
    Exact only under _lock_buyer: what spends the quota calls it there."""
    limit = settings.CONTRACTS_PER_HOUR
    since = timezone.now() - timedelta(hours=1)
    if GeneratedContract.objects.filter(owner=owner, requested_at__gte=since).count() >= limit:
        logger.warning("contract limit reached: user %s asked for %d contracts this hour", owner, limit)
        raise RenderRateLimited(
            _(
                "You have generated %(limit)d new contracts in the last hour, the most allowed. Contracts "
                "already generated can still be downloaded; try again later."
            )
            % {"limit": limit}
        )


def _lock_buyer(owner_id: int) -> None:
    """Serialises the buyer's own quota checks and contract inserts (a row lock on the user, PostgreSQL)."""
    list(get_user_model().objects.select_for_update().filter(pk=owner_id).values_list("pk", flat=True))


class SignupThrottled(Exception):
    """Too many accounts from one client address in the last hour; str(exc) is fit for the sign-up form."""


@transaction.atomic
def signup_count(*, address: str) -> None:
    """Count one account created from `address`, or SignupThrottled when the hour's allowance is spent.
    Called in the transaction that creates the account, so a refused sign-up leaves nothing behind."""
    limit = settings.SIGNUPS_PER_ADDRESS_PER_HOUR
    now = timezone.now()
    SignupAddress.objects.get_or_create(address=address[:64], defaults={"window_started_at": now})
    counter = SignupAddress.objects.select_for_update().get(address=address[:64])
    if counter.window_started_at <= now - timedelta(hours=1):
        counter.window_started_at, counter.signups = now, 0
    if counter.signups >= limit:
        logger.warning("sign-up refused: %d accounts created from %s this hour", limit, address)
        raise SignupThrottled(
            _(
                "Too many accounts have been created from your network in the last hour. Try again later, "
                "or sign in to an account you already have."
            )
        )
    counter.signups += 1
    counter.save(update_fields=["window_started_at", "signups"])


class DraftChanged(Exception):
    """Another tab or window saved this part of the draft after the page was loaded; .draft is as saved."""

    def __init__(self, draft: Draft):
        super().__init__(_("This draft was saved in another tab or window after you opened it."))
        self.draft = draft


class DraftIncomplete(Exception):
    def __init__(self, problems):
        super().__init__(_("The draft is not complete."))
        self.problems = problems


@transaction.atomic
def draft_create(*, owner, title: str = "") -> Draft:
    title = title.strip() or _("CRM procurement %(date)s") % {"date": timezone.localdate().isoformat()}
    return Draft.objects.create(owner=owner, title=title[:200])


@transaction.atomic
def draft_save_step(*, draft: Draft, step_key: str, step_answers: dict, loaded: str | None = None) -> Draft:
    """Store one step's validated answers; the status follows the whole document.

    `loaded` is the fingerprint of the step's answers the page was loaded with: checked under the row lock,
    so of two saves from the same page state one wins and the other gets DraftChanged."""
    BY_KEY[step_key]  # noqa: B018 - an unknown step is a programming error
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    if loaded is not None and fingerprint(draft.answers.get(step_key) or {}) != loaded:
        raise DraftChanged(draft)
    answers = dict(draft.answers)
    answers[step_key] = step_answers
    draft.answers = answers
    draft.pending_input = {k: v for k, v in draft.pending_input.items() if k != step_key}
    draft.step_reached = max(draft.step_reached, step_index(step_key) + 1)
    _typed, problems = validate_answers(answers)
    draft.status = Draft.Status.IN_PROGRESS if problems else Draft.Status.COMPLETE
    draft.version += 1
    draft.save()
    return draft


@transaction.atomic
def draft_save_positions(*, draft: Draft, positions: dict[str, str], loaded: str | None = None) -> Draft:
    """The buyer's negotiation positions; only departures from our own (buyer) text are stored. `loaded`
    is the fingerprint of the positions the page showed: DraftChanged when another tab saved since."""
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    if loaded is not None and fingerprint(draft.answers.get("positions") or {}) != loaded:
        raise DraftChanged(draft)
    kept = {key: value for key, value in positions.items() if value in ("balanced", "vendor")}
    answers = {k: v for k, v in draft.answers.items() if k != "positions"}
    if kept:
        answers["positions"] = kept
    draft.answers = answers
    draft.version += 1
    draft.save(update_fields=["answers", "version", "updated_at"])
    return draft


@transaction.atomic
def draft_keep_input(*, draft: Draft, step_key: str, data: dict[str, list[str]]) -> Draft:
    """Keep what was typed on a step that is not valid yet, so Back, Save or a refresh lose nothing."""
    BY_KEY[step_key]  # noqa: B018
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    draft.pending_input = {**draft.pending_input, step_key: data}
    draft.save(update_fields=["pending_input", "updated_at"])
    return draft


@transaction.atomic
def draft_delete(*, draft: Draft, with_contracts: bool = False) -> None:
    """Delete a draft; the contracts downloaded from it stay (they are records of what was sent) unless
    asked; pre-renders nobody downloaded are only a cache and go with it."""
    contracts = draft.contracts.all() if with_contracts else draft.contracts.filter(requested_at=None)
    for contract in contracts:
        contract.file.delete(save=False)
        contract.delete()
    draft.delete()


@transaction.atomic
def draft_rename(*, draft: Draft, title: str) -> Draft:
    draft.title = title.strip()[:200] or draft.title
    draft.save(update_fields=["title", "updated_at"])
    return draft


@transaction.atomic
def draft_duplicate(*, draft: Draft) -> Draft:
    """Start a new procurement from an old one: same answers, a new draft."""
    title = title_text(_("Copy of %(title)s") % {"title": draft.title})  # a title stored before titles were checked
    return Draft.objects.create(
        owner=draft.owner,
        title=title,
        answers=draft.answers,
        step_reached=draft.step_reached,
        status=draft.status,
    )


@transaction.atomic
def draft_take_offer(*, draft: Draft, offer: Draft) -> Draft:
    """The chosen offer's answers replace the draft's (both belong to the same buyer)."""
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    draft.answers = dict(offer.answers)
    draft.pending_input = {}
    draft.step_reached = max(draft.step_reached, offer.step_reached)
    draft.status = offer.status
    draft.version += 1
    draft.save()
    return draft


class ImportRefused(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def answers_export(*, draft: Draft) -> dict:
    """The answers document a buyer downloads: the steps answered so far, as the wizard stored them."""
    return {key: draft.answers[key] for key in [*STEP_KEYS, "positions"] if key in draft.answers}


@transaction.atomic
def draft_import(*, owner, title: str, answers) -> Draft:
    """Create a draft from an answers document; refuse it whole, with every problem, if anything is wrong.

    A document may stop after any step (an exported unfinished draft); the steps it has must be valid."""
    if not isinstance(answers, dict):
        raise ImportRefused([_("The file must hold a JSON object keyed by wizard step.")])
    unknown = sorted(set(answers) - set(STEP_KEYS) - {"positions"})
    problems = [_("Unknown step “%(step)s”.") % {"step": key} for key in unknown]
    present = tuple(step for step in STEPS if step.key in answers)
    typed, found = validate_answers(answers, steps=present)
    # in the buyer's words, with the file's own keys for whoever edits the JSON
    problems += [
        _("%(place)s: %(message)s (%(key)s)")
        % {
            "place": problem_place(p.step, p.field),
            "message": p.message,
            "key": ".".join(filter(None, (p.step, p.field))),
        }
        for p in found
    ]
    if "positions" in answers:
        problems += [
            _("Negotiation positions: %(message)s (%(key)s)")
            % {"message": message, "key": ".".join(filter(None, ("positions", key)))}
            for key, message in position_problems(answers["positions"], library_snapshot())
        ]
    if problems:
        raise ImportRefused(problems)
    reached = 0
    while reached < len(STEP_KEYS) and STEP_KEYS[reached] in answers:
        reached += 1
    complete = reached == len(STEP_KEYS)
    stored = {step.key: to_json(typed[step.key]) for step in present}
    if positions := positions_clean(answers.get("positions"), library_snapshot()):
        stored["positions"] = positions  # departures from the buyer's text only, as the positions page stores
    return Draft.objects.create(
        owner=owner,
        title=(title.strip() or _("Imported draft"))[:200],
        answers=stored,
        step_reached=reached,
        status=Draft.Status.COMPLETE if complete else Draft.Status.IN_PROGRESS,
    )


def contract_number_for(draft: Draft) -> str:
    return f"CRM-{draft.created_at:%Y}-{draft.pk:05d}"


def contract_content_hash(*, draft: Draft, language: str, fmt: str, layout: str = "columns") -> str:
    """The key of the file these answers print to: the lookup of a stored contract and of a render under way."""
    return _content_hash(draft.answers, library_revision(), language, fmt, contract_number_for(draft), layout)


def _content_hash(answers: dict, library: str, language: str, fmt: str, number: str, layout: str = "columns") -> str:
    """Everything a rendered file depends on: a change to any of them is a new file, never a stale one."""
    payload = json.dumps(
        {
            "answers": answers,
            "library": library,
            "language": language,
            "format": fmt,
            "number": number,
            "layout": layout,
            "renderer": RENDERER_VERSION,
        },
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def contract_generate(
    *, draft: Draft, language: str, fmt: str = "pdf", layout: str = "columns", requested: bool = True
) -> GeneratedContract:
    """Render the draft; an unchanged draft returns the contract already rendered from the same inputs.

    `requested` is False for a pre-render: the file is kept, but joins "My contracts" only when the buyer
    asks for it. Rendering takes seconds, so it runs outside the transaction; RenderFailed reaches the caller.
    """
    number = contract_number_for(draft)
    # The stored file is looked up first: a repeated download costs two small queries and a hash.
    content_hash = contract_content_hash(draft=draft, language=language, fmt=fmt, layout=layout)
    existing = GeneratedContract.objects.filter(owner=draft.owner, content_hash=content_hash).first()
    if existing:
        return contract_mark_requested(existing) if requested else existing
    typed, problems = validate_answers(draft.answers)
    if problems:
        raise DraftIncomplete(problems)
    library = library_snapshot()
    # Early and unlocked, to spare a render the buyer could not have (nor a pre-render of it); exact in the store.
    check_render_rate(draft.owner)
    generated_at = timezone.now().replace(microsecond=0)
    document = build_document(typed, contract_number=number, library=library, positions=draft.answers.get("positions"))
    content = render(document, language=language, fmt=fmt, layout=layout, generated_at=generated_at)
    return _contract_store(
        draft=draft,
        number=number,
        language=language,
        fmt=fmt,
        content_hash=content_hash,
        clause_versions=document.clause_versions,
        content=content,
        generated_at=generated_at,
        requested=requested,
    )


@transaction.atomic
def _contract_store(
    *,
    draft: Draft,
    number: str,
    language: str,
    fmt: str,
    content_hash: str,
    clause_versions: list[int],
    content: bytes,
    generated_at,
    requested: bool,
) -> GeneratedContract:
    _lock_buyer(draft.owner_id)
    # A pre-render or another tab may have stored the same inputs meanwhile: keep one record per hash.
    existing = GeneratedContract.objects.filter(owner=draft.owner, content_hash=content_hash).first()
    if existing:
        return contract_mark_requested(existing) if requested else existing
    if requested:
        check_render_rate(draft.owner)
    contract = GeneratedContract(
        draft=draft,
        owner=draft.owner,
        number=number,
        language=language,
        format=fmt,
        content_hash=content_hash,
        answers=draft.answers,
        clause_versions=clause_versions,
        requested_at=timezone.now() if requested else None,
    )
    contract.file.save(f"{number}-{language}.{fmt}", ContentFile(content), save=False)
    try:
        with transaction.atomic():
            contract.save()
    except IntegrityError:  # stored by a process that does not take the buyer's lock (the constraint holds)
        contract.file.delete(save=False)
        existing = GeneratedContract.objects.get(owner=draft.owner, content_hash=content_hash)
        return contract_mark_requested(existing) if requested else existing
    GeneratedContract.objects.filter(pk=contract.pk).update(created_at=generated_at)  # the date the PDF prints
    contract.created_at = generated_at
    return contract


@transaction.atomic
def contract_mark_requested(contract: GeneratedContract) -> GeneratedContract:
    """A pre-render the buyer now asks for joins "My contracts", and counts as a contract of this hour."""
    if contract.requested_at is None:
        _lock_buyer(contract.owner_id)
        contract.refresh_from_db(fields=["requested_at"])
        if contract.requested_at is None:
            check_render_rate(contract.owner_id)
            contract.requested_at = timezone.now()
            contract.save(update_fields=["requested_at"])
    return contract
