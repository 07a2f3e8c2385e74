"""Writes: one function per use case, keyword-only, each in a transaction."""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from contracts import access, organisations
from contracts.clauses.positions import position_problems, positions_stored, stance_of
from contracts.clauses.snapshot import library_revision, library_snapshot, library_versions
from contracts.models import (
    ApprovalRequest,
    Comment,
    Draft,
    DraftRevision,
    GeneratedContract,
    Organisation,
    PasswordResetCount,
    RenderJob,
    SignupAddress,
)
from contracts.pipeline import build_document
from contracts.problems import validate_answers
from contracts.questions.display import problem_place
from contracts.questions.steps import Step, pending_steps
from contracts.rendering import RENDERER_VERSION, render
from contracts.rendering.html import Final
from contracts.terms.checks import title_text, to_json
from contracts.terms.document import fingerprint
from contracts.terms.schema import FIELDS, STEP_KEYS

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


def _spend_hourly(counter_model, *, key_field: str, key: str, count_field: str, limit: int) -> bool:
    """Count one more for `key` in its hour (a row lock on its counter); False, counting nothing, when the hour's
    `limit` is spent. The hour starts with the first count and starts again an hour later."""
    now = timezone.now()
    counter_model.objects.get_or_create(**{key_field: key}, defaults={"window_started_at": now})
    counter = counter_model.objects.select_for_update().get(**{key_field: key})
    if counter.window_started_at <= now - timedelta(hours=1):
        counter.window_started_at = now
        setattr(counter, count_field, 0)
    if getattr(counter, count_field) >= limit:
        return False
    setattr(counter, count_field, getattr(counter, count_field) + 1)
    counter.save(update_fields=["window_started_at", count_field])
    return True


@transaction.atomic
def signup_count(*, address: str) -> None:
    """Count one account created from `address`, or SignupThrottled when the hour's allowance is spent.
    Called in the transaction that creates the account, so a refused sign-up leaves nothing behind."""
    limit = settings.SIGNUPS_PER_ADDRESS_PER_HOUR
    if not _spend_hourly(SignupAddress, key_field="address", key=address[:64], count_field="signups", limit=limit):
        logger.warning("sign-up refused: %d accounts created from %s this hour", limit, address)
        raise SignupThrottled(
            _(
                "Too many accounts have been created from your network in the last hour. Try again later, "
                "or sign in to an account you already have."
            )
        )


class PasswordResetThrottled(Exception):
    """Too many password resets asked for from one client address or for one e-mail address in the last hour."""


@transaction.atomic
def password_reset_count(*, address: str, email: str) -> None:
    """Count one reset request from `address` for `email`, or PasswordResetThrottled when either hour's allowance
    is spent. Every request counts, whether or not an account has the e-mail address, so being refused tells
    nothing about accounts; the per-e-mail count keeps anyone from filling a mailbox with reset mails."""
    # The table keeps no e-mail addresses (a digest stands for one) and nothing past its hour.
    PasswordResetCount.objects.filter(window_started_at__lte=timezone.now() - timedelta(hours=1)).delete()
    email_digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    limits = [
        (f"address:{address}", settings.PASSWORD_RESETS_PER_ADDRESS_PER_HOUR),
        (f"email:{email_digest}", settings.PASSWORD_RESETS_PER_EMAIL_PER_HOUR),
    ]
    for key, limit in limits:
        if not _spend_hourly(PasswordResetCount, key_field="key", key=key[:100], count_field="requests", limit=limit):
            logger.warning("password reset refused: %d requests this hour for %s", limit, key)
            raise PasswordResetThrottled(
                _(
                    "Too many password resets have been asked for from your network or for this e-mail address "
                    "in the last hour. Try again later."
                )
            )


@transaction.atomic
def account_set_email(*, user, email: str):
    user.email = email.strip()
    user.save(update_fields=["email"])
    return user


@transaction.atomic
def account_delete(*, user) -> None:
    """PIPL deletion: the account and everything it owns (drafts and offers, generated contracts with their
    files, its sign-in records and sessions). The files go once the rows are gone for good.

    The organisations it is the only member of go with it; those shared with others keep the drafts and
    contracts it made (their oldest other admin stands as creator). The last admin of a shared organisation
    cannot go (organisations.LastAdmin): someone must be able to manage it."""
    departure = organisations.account_departure(user=user)
    if departure.last_admin_of:
        raise organisations.LastAdmin
    for organisation, successor in departure.shared:
        Draft.objects.filter(organisation=organisation, owner=user).update(owner=successor)
        GeneratedContract.objects.filter(organisation=organisation, owner=user).update(owner=successor)
        RenderJob.objects.filter(draft__organisation=organisation, owner=user).update(owner=successor)
    contracts = GeneratedContract.objects.filter(Q(owner=user) | Q(organisation__in=departure.alone))
    storage = GeneratedContract._meta.get_field("file").storage
    files = [name for name in contracts.values_list("file", flat=True) if name]
    contracts.delete()
    Draft.objects.filter(owner=user).delete()
    Organisation.objects.filter(pk__in=[organisation.pk for organisation in departure.alone]).delete()
    for records in (AccessAttempt, AccessFailureLog, AccessLog):
        records.objects.filter(username=user.username).delete()
    # Sessions are stored encoded, with no user column: the live ones are read to find this account's.
    signed_in = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    Session.objects.filter(pk__in=signed_in).delete()
    user.delete()
    transaction.on_commit(lambda: [storage.delete(name) for name in files])


class DraftChanged(Exception):
    """Another tab or window saved this part of the draft after the page was loaded; .draft is as saved."""

    def __init__(self, draft: Draft):
        super().__init__(_("This draft was saved in another tab or window after you opened it."))
        self.draft = draft


class DraftIncomplete(Exception):
    def __init__(self, problems):
        super().__init__(_("The draft is not complete."))
        self.problems = problems


class DraftPending(Exception):
    """The draft holds input kept on steps but not valid yet (.steps): nothing is printed from it until that
    input is saved or discarded, so no file shows answers the buyer has since changed."""

    def __init__(self, steps: list[Step]):
        super().__init__(
            _("Downloads wait until your changes on these steps are saved or discarded: %(steps)s.")
            % {"steps": ", ".join(str(step.title) for step in steps)}
        )
        self.steps = steps


def _distinct_title(organisation, title: str) -> str:
    """`title`, numbered " (2)", " (3)"… when the organisation already has a draft of that title."""
    title = title[:200]
    taken = set(
        Draft.objects.filter(organisation=organisation, title__startswith=title[:190]).values_list("title", flat=True)
    )
    number = 2
    candidate = title
    while candidate in taken:
        suffix = f" ({number})"
        candidate = title[: 200 - len(suffix)] + suffix
        number += 1
    return candidate


def _record_revision(draft: Draft, *, before: dict, kind: str, detail: str = "", by=None) -> None:
    """Keep the draft's answers as this change left them (under the draft's row lock, after the change).
    The first change of a draft that had answers before the history began keeps those first."""
    if draft.answers == before:
        return
    last = draft.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    if not last and before:
        last = DraftRevision.objects.create(
            draft=draft, number=1, answers=before, kind=DraftRevision.Kind.EARLIER
        ).number
    DraftRevision.objects.create(
        draft=draft, number=last + 1, answers=draft.answers, kind=kind, detail=detail[:300], author=by
    )


def _set_answers(draft: Draft, answers: dict) -> None:
    """New answers for a locked draft: its status follows the whole document; the version moves on."""
    draft.answers = answers
    _typed, problems = validate_answers(answers)
    draft.status = Draft.Status.IN_PROGRESS if problems else Draft.Status.COMPLETE
    draft.version += 1


@transaction.atomic
def draft_create(*, owner, organisation, title: str = "") -> Draft:
    """A new draft of the organisation; `owner` is who created it."""
    title = title.strip() or _("CRM procurement %(date)s") % {"date": timezone.localdate().isoformat()}
    return Draft.objects.create(owner=owner, organisation=organisation, title=_distinct_title(organisation, title))


@transaction.atomic
def draft_save_step(*, draft: Draft, step_key: str, step_answers: dict, loaded: str | None = None, by=None) -> Draft:
    """Store one step's validated answers; the status follows the whole document.

    `loaded` is the fingerprint of the step's answers the page was loaded with: checked under the row lock,
    so of two saves from the same page state one wins and the other gets DraftChanged."""
    FIELDS[step_key]  # noqa: B018 - an unknown step is a programming error
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    if loaded is not None and fingerprint(draft.answers.get(step_key) or {}) != loaded:
        raise DraftChanged(draft)
    before = draft.answers
    _set_answers(draft, {**draft.answers, step_key: step_answers})
    draft.pending_input = {k: v for k, v in draft.pending_input.items() if k != step_key}
    draft.step_reached = max(draft.step_reached, STEP_KEYS.index(step_key) + 1)
    draft.save()
    _record_revision(draft, before=before, kind=DraftRevision.Kind.STEP, detail=step_key, by=by)
    return draft


@transaction.atomic
def draft_save_positions(*, draft: Draft, positions: dict[str, str], loaded: str | None = None, by=None) -> Draft:
    """The buyer's negotiation positions, under the draft's whole-contract stance; only departures from
    what the stance gives a clause are stored. `loaded` is the fingerprint of the positions the page
    showed: DraftChanged when another tab saved since."""
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    current = draft.answers.get("positions") or {}
    if loaded is not None and fingerprint(current) != loaded:
        raise DraftChanged(draft)
    return _store_positions(draft, positions_stored(positions, library_snapshot(), stance=stance_of(current)), by=by)


@transaction.atomic
def draft_set_stance(*, draft: Draft, stance: str, loaded: str | None = None, by=None) -> Draft:
    """The whole-contract stance (buyer or balanced): every negotiable clause is set to it at once, the
    single-clause choices made before are dropped; single clauses can be changed again afterwards."""
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    if loaded is not None and fingerprint(draft.answers.get("positions") or {}) != loaded:
        raise DraftChanged(draft)
    return _store_positions(draft, positions_stored({}, library_snapshot(), stance=stance), by=by)


def _store_positions(draft: Draft, stored: dict, *, by=None) -> Draft:
    before = draft.answers
    answers = {k: v for k, v in draft.answers.items() if k != "positions"}
    if stored:
        answers["positions"] = stored
    draft.answers = answers
    draft.version += 1
    draft.save(update_fields=["answers", "version", "updated_at"])
    _record_revision(draft, before=before, kind=DraftRevision.Kind.POSITIONS, by=by)
    return draft


@transaction.atomic
def draft_keep_input(*, draft: Draft, step_key: str, data: dict[str, list[str]]) -> Draft:
    """Keep what was typed on a step that is not valid yet, so Back, Save or a refresh lose nothing."""
    FIELDS[step_key]  # noqa: B018
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    draft.pending_input = {**draft.pending_input, step_key: data}
    draft.save(update_fields=["pending_input", "updated_at"])
    return draft


@transaction.atomic
def draft_discard_pending(*, draft: Draft) -> Draft:
    """Drop the input kept on steps but not valid yet: the draft is its saved answers again."""
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    draft.pending_input = {}
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
def draft_duplicate(*, draft: Draft, by=None) -> Draft:
    """Start a new procurement from an old one: same answers, a new draft of the same organisation, created by
    `by` (or by the original's creator)."""
    title = title_text(_("Copy of %(title)s") % {"title": draft.title})  # a title stored before titles were checked
    copy = Draft.objects.create(
        owner=by or draft.owner,
        organisation=draft.organisation,
        title=_distinct_title(draft.organisation, title),
        answers=draft.answers,
        step_reached=draft.step_reached,
        status=draft.status,
    )
    _record_revision(copy, before={}, kind=DraftRevision.Kind.COPY, detail=draft.title, by=by)
    return copy


@transaction.atomic
def draft_take_offer(*, draft: Draft, offer: Draft, by=None) -> Draft:
    """The chosen offer's answers replace the draft's (both belong to the same buyer); the answers replaced
    stay in the draft's history, to be restored."""
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    before = draft.answers
    _set_answers(draft, dict(offer.answers))
    draft.pending_input = {}
    draft.step_reached = max(draft.step_reached, offer.step_reached)
    draft.save()
    _record_revision(draft, before=before, kind=DraftRevision.Kind.OFFER, detail=offer.title, by=by)
    return draft


@transaction.atomic
def draft_restore(*, draft: Draft, revision: DraftRevision, by=None) -> Draft:
    """The answers of an earlier revision become the draft's again (itself a revision, so it can be undone);
    input kept on steps but not valid yet is dropped with the answers it was typed over."""
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    before = draft.answers
    _set_answers(draft, dict(revision.answers))
    draft.pending_input = {}
    reached = 0
    while reached < len(STEP_KEYS) and STEP_KEYS[reached] in draft.answers:
        reached += 1
    draft.step_reached = max(draft.step_reached, reached)
    draft.save()
    _record_revision(draft, before=before, kind=DraftRevision.Kind.RESTORE, detail=str(revision.number), by=by)
    return draft


class ImportRefused(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def answers_export(*, draft: Draft) -> dict:
    """The answers document a buyer downloads: the draft's title, the steps answered so far, as the wizard
    stored them."""
    return {"title": draft.title} | {
        key: draft.answers[key] for key in [*STEP_KEYS, "positions"] if key in draft.answers
    }


@transaction.atomic
def draft_import(*, owner, organisation, title: str, answers) -> Draft:
    """Create a draft from an answers document; refuse it whole, with every problem, if anything is wrong.

    A document may stop after any step (an exported unfinished draft); the steps it has must be valid."""
    if not isinstance(answers, dict):
        raise ImportRefused([_("The file must hold a JSON object keyed by wizard step.")])
    if isinstance(answers.get("title"), str):  # an exported draft's title, when the form gives none
        title = title.strip() or title_text(answers["title"])
    answers = {key: value for key, value in answers.items() if key != "title"}
    unknown = sorted(set(answers) - set(STEP_KEYS) - {"positions"})
    problems = [_("Unknown step “%(step)s”.") % {"step": key} for key in unknown]
    present = tuple(step for step in STEP_KEYS if step in answers)
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
    stored = {step: to_json(typed[step]) for step in present}
    if positions := positions_stored(answers.get("positions"), library_snapshot()):
        stored["positions"] = positions  # the stance and departures from it, as the positions page stores
    draft = Draft.objects.create(
        owner=owner,
        organisation=organisation,
        title=_distinct_title(organisation, title.strip() or _("Imported draft")),
        answers=stored,
        step_reached=reached,
        status=Draft.Status.COMPLETE if complete else Draft.Status.IN_PROGRESS,
    )
    _record_revision(draft, before={}, kind=DraftRevision.Kind.IMPORT, by=owner)
    return draft


def contract_number_for(draft: Draft) -> str:
    return draft.contract_number


def contract_content_hash(
    *,
    draft: Draft,
    language: str,
    fmt: str,
    layout: str = "columns",
    final: Final | None = None,
    approval: ApprovalRequest | None = None,
) -> str:
    """The key of the file these answers print to: the lookup of a stored contract and of a render under way.
    A final contract (and each approval of it) is a file of its own."""
    extra = {} if final is None else {"final": [approval.pk if approval else None, final.approved_by]}
    return _content_hash(draft.answers, library_revision(), language, fmt, contract_number_for(draft), layout, **extra)


def draft_content_hash(*, draft: Draft) -> str:
    """What an approval approves: the answers (positions included), the clause versions and the contract
    number, as the render cache keys them, whatever language or format is printed; not the renderer's version,
    since a new release of the app changes no contract's terms."""
    payload = {"answers": draft.answers, "library": library_revision(), "number": contract_number_for(draft)}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _content_hash(
    answers: dict, library: str, language: str, fmt: str, number: str, layout: str = "columns", **extra
) -> str:
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
            **extra,
        },
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def contract_generate(
    *,
    draft: Draft,
    language: str,
    fmt: str = "pdf",
    layout: str = "columns",
    requested: bool = True,
    final: Final | None = None,
    approval: ApprovalRequest | None = None,
) -> GeneratedContract:
    """Render the draft; an unchanged draft returns the contract already rendered from the same inputs.

    `requested` is False for a pre-render: the file is kept, but joins "My contracts" only when the buyer
    asks for it. `final` prints the final contract (see contract_final); with `approval`, only the answers
    it approved. Rendering takes seconds, so it runs outside the transaction; RenderFailed reaches the caller.
    """
    if pending := pending_steps(draft):
        raise DraftPending(pending)
    if approval is not None and approval.content_hash != draft_content_hash(draft=draft):
        raise FinalRefused(_approval_void_message(approval))
    number = contract_number_for(draft)
    # The stored file is looked up first: a repeated download costs two small queries and a hash.
    content_hash = contract_content_hash(
        draft=draft, language=language, fmt=fmt, layout=layout, final=final, approval=approval
    )
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
    content = render(document, language=language, fmt=fmt, layout=layout, generated_at=generated_at, final=final)
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
        final=final,
        approval=approval,
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
    final: Final | None = None,
    approval: ApprovalRequest | None = None,
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
        organisation_id=draft.organisation_id,
        owner=draft.owner,
        number=number,
        language=language,
        format=fmt,
        content_hash=content_hash,
        answers=draft.answers,
        clause_versions=clause_versions,
        requested_at=timezone.now() if requested else None,
        final=final is not None,
        approval=approval,
        approved_by=approval.decided_by_name if approval else "",
        approved_at=approval.decided_at if approval else None,
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


# Review and approval ----------------------------------------------------------------------------


class ApprovalRefused(Exception):
    """A request for approval or a decision that cannot be made now; str(exc) is fit to show."""


class FinalRefused(Exception):
    """The final contract cannot be printed now; str(exc) says why, fit to show."""


def person_name(user) -> str:
    """How a contract names a person: a Chinese name family name first, without a space (王建国); others as
    Django's full name (Jianguo Wang); without names, the username."""
    if user is None:
        return ""
    first, last = user.first_name.strip(), user.last_name.strip()
    if any("\u3400" <= char <= "\u9fff" for char in first + last):
        return f"{last}{first}"
    return user.get_full_name() or user.get_username()


def _draft_ready(draft: Draft) -> bool:
    return not pending_steps(draft) and not validate_answers(draft.answers)[1]


@transaction.atomic
def approval_request_send(*, draft: Draft, by, note: str = "") -> ApprovalRequest:
    """Send the draft for review and approval: one request waits at a time."""
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    if draft.approvals.filter(status=ApprovalRequest.Status.PENDING).exists():
        raise ApprovalRefused(_("This draft is already waiting for approval."))
    if not _draft_ready(draft):
        raise ApprovalRefused(
            _("Only a complete draft can be sent for approval: correct the answers and save the pending changes first.")
        )
    return ApprovalRequest.objects.create(
        draft=draft, requested_by=by, note=note.strip(), content_hash=draft_content_hash(draft=draft)
    )


@transaction.atomic
def approval_decide(*, draft: Draft, by, approve: bool, comment: str = "", loaded: str = "") -> ApprovalRequest:
    """Approve the draft as it is now, or send it back with a comment. `loaded` is the content hash of the draft
    the approver's page showed: an approval of anything else is refused (the draft changed in the meantime)."""
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    request = draft.approvals.select_for_update().filter(status=ApprovalRequest.Status.PENDING).first()
    if request is None:
        raise ApprovalRefused(_("This draft is not waiting for approval."))
    current = draft_content_hash(draft=draft)
    if approve and loaded != current:
        raise ApprovalRefused(
            _("The draft changed after this page was opened: nothing was approved. Look at it again, then decide.")
        )
    if approve and not _draft_ready(draft):
        raise ApprovalRefused(_("A draft with answers missing, invalid or not saved cannot be approved."))
    if not approve and not comment.strip():
        raise ApprovalRefused(_("Say what is to be changed: a draft is sent back with a comment."))
    request.status = ApprovalRequest.Status.APPROVED if approve else ApprovalRequest.Status.SENT_BACK
    request.content_hash, request.answers, request.clause_versions = current, draft.answers, library_versions()
    request.decided_by, request.decided_by_name, request.decided_at = by, person_name(by), timezone.now()
    request.comment = comment.strip()
    request.save()
    return request


def approval_current(*, draft: Draft) -> ApprovalRequest | None:
    """The draft's last approval if it still holds: nothing it approved has changed since."""
    last = draft.approvals.filter(status=ApprovalRequest.Status.APPROVED).order_by("-decided_at", "-pk").first()
    if last is None or last.content_hash != draft_content_hash(draft=draft):
        return None
    return last


def _approval_void_message(approval: ApprovalRequest) -> str:
    return _(
        "The approval by %(name)s of %(date)s is void: the draft has changed since. Send it for approval again."
    ) % {"name": approval.decided_by_name, "date": timezone.localtime(approval.decided_at).strftime("%Y-%m-%d %H:%M")}


def final_mark(approval: ApprovalRequest | None) -> Final:
    """What a final contract prints of its approval (nothing without one)."""
    if approval is None:
        return Final()
    return Final(approved_by=approval.decided_by_name, approved_at=approval.decided_at)


def contract_final(*, draft: Draft, user) -> tuple[Final, ApprovalRequest | None]:
    """May `user` print the final contract (no "DRAFT / 草案" marking) of the draft as it is now, and with which
    approval. With a current approval: yes, and it prints who approved it and when. Without one: only where the
    organisation needs no approval, and only for a member who may edit the draft (FinalRefused otherwise)."""
    approval = approval_current(draft=draft)
    if approval is not None:
        return final_mark(approval), approval
    if access.approval_required(draft):
        last = draft.approvals.filter(status=ApprovalRequest.Status.APPROVED).order_by("-decided_at", "-pk").first()
        if last is not None:
            raise FinalRefused(_approval_void_message(last))
        raise FinalRefused(
            _("The final contract needs an approval: send the draft for approval; until then, download the draft.")
        )
    if not access.can(user, draft, access.Action.EDIT):
        raise FinalRefused(_("Only a member who may edit the draft can issue its final contract without an approval."))
    return final_mark(None), None


# Comments ---------------------------------------------------------------------------------------


@transaction.atomic
def comment_add(*, draft: Draft, author, body: str, step: str = "", clause: str = "", parent: Comment | None = None):
    """A comment on a step or a clause; a reply joins its thread (and is about what the thread is about).
    A reply to a resolved thread opens it again."""
    if parent is not None:
        parent = parent.parent or parent
        step, clause = parent.step, parent.clause
        if parent.resolved_at:
            parent.resolved_at, parent.resolved_by = None, None
            parent.save(update_fields=["resolved_at", "resolved_by"])
    return Comment.objects.create(
        draft=draft, author=author, body=body.strip(), step=step, clause=clause, parent=parent
    )


@transaction.atomic
def comment_resolve(*, comment: Comment, by, resolved: bool = True) -> Comment:
    """Resolve a thread (or open it again)."""
    thread = comment.parent or comment
    thread.resolved_at, thread.resolved_by = (timezone.now(), by) if resolved else (None, None)
    thread.save(update_fields=["resolved_at", "resolved_by"])
    return thread
