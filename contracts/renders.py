"""Renders as background tasks. A download or a pre-render finds the stored file, or enqueues (or joins) a
RenderJob; a task worker (`manage.py db_worker`, one single-threaded process) runs it, forking the limited
render child of contracts/rendering/limits.py; the download page polls the job's state.

One job per buyer and inputs (a unique constraint): a second click, a second tab or a pre-render already
under way are the same job. A worker killed mid-render leaves its job RUNNING: the next worker to start
(or the buyer's page, once the render's deadline has surely passed) puts it back in the queue.
"""

from __future__ import annotations

import copy
import logging
import os
import socket
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus, task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from contracts import services
from contracts.models import ApprovalRequest, Draft, GeneratedContract, RenderJob
from contracts.problems import validate_answers
from contracts.questions.steps import pending_steps
from contracts.rendering.html import Final
from contracts.rendering.limits import (
    CHILD_DEADLINE_GRACE_SECONDS,
    RenderBusy,
    RenderFailed,
    only_a_free_slot,
    render_slot_wait,
    render_timeout,
)

logger = logging.getLogger(__name__)
# A job keeps its worker this long at most: a DOCX takes two limited steps, each may wait for a slot first.
LEASE_MARGIN_SECONDS = 30


def render_request(
    *,
    draft: Draft,
    language: str,
    fmt: str,
    layout: str = "columns",
    requested: bool = True,
    final: Final | None = None,
    approval: ApprovalRequest | None = None,
    content_hash: str = "",
) -> GeneratedContract | RenderJob | None:
    """The stored contract for the draft as it is now, or the job rendering it (started, or joined); None for
    a pre-render skipped at once. `final` and `approval` as services.contract_final gives them: the final
    contract, a file of its own.

    A cache hit is a lookup by content hash (`content_hash`: the caller's, of the same arguments). DraftIncomplete and RenderRateLimited reach the caller; a render
    that fails is a FAILED job with the message for the buyer (with an immediate task backend, at once)."""
    if pending := pending_steps(draft):  # the answers on screen are not the ones a file would print
        raise services.DraftPending(pending)
    content_hash = content_hash or services.contract_content_hash(
        draft=draft, language=language, fmt=fmt, layout=layout, final=final, approval=approval
    )
    existing = GeneratedContract.objects.filter(owner=draft.owner, content_hash=content_hash).first()
    if existing:
        return services.contract_mark_requested(existing) if requested else existing
    _typed, problems = validate_answers(draft.answers)
    if problems:
        raise services.DraftIncomplete(problems)
    services.check_render_rate(draft.owner)  # early, to spare a render (or pre-render) the buyer could not have
    job, start = _job_for(
        draft=draft,
        content_hash=content_hash,
        language=language,
        fmt=fmt,
        layout=layout,
        requested=requested,
        final=final is not None,
        approval=approval,
    )
    if start:
        _enqueue(job)
        job = RenderJob.objects.filter(pk=job.pk).select_related("contract").first()  # an immediate backend ran it
        if job is None:  # a pre-render skipped (no free render slot now)
            return None
    if job.status == RenderJob.Status.DONE and job.contract_id:
        return job.contract
    return job


@transaction.atomic
def _job_for(
    *,
    draft: Draft,
    content_hash: str,
    language: str,
    fmt: str,
    layout: str,
    requested: bool,
    final: bool = False,
    approval: ApprovalRequest | None = None,
):
    """(job, whether to enqueue it): the job for these inputs, created, joined, or restarted after a failure."""
    jobs = RenderJob.objects.select_for_update().filter(owner=draft.owner, content_hash=content_hash)
    job = jobs.first()
    if job is None:
        try:
            with transaction.atomic():
                job = RenderJob.objects.create(
                    owner=draft.owner,
                    draft=draft,
                    content_hash=content_hash,
                    answers=draft.answers,
                    language=language,
                    format=fmt,
                    layout=layout,
                    requested=requested,
                    final=final,
                    approval=approval,
                    ui_language=translation.get_language() or "",
                )
            return job, True
        except IntegrityError:  # another request created it meanwhile: join it
            job = jobs.get()
    if not requested:  # a pre-render again (another review visit): the job as it is
        return job, False
    job.requested = True  # a pre-render the buyer now asks for: theirs once printed
    job.ui_language = translation.get_language() or job.ui_language
    retry = job.status == RenderJob.Status.FAILED or (job.status == RenderJob.Status.DONE and not job.contract_id)
    if retry:  # a new click tries again: a busy printer or a deleted file is no reason to refuse
        job.status, job.message, job.attempts, job.contract = RenderJob.Status.QUEUED, "", 0, None
    job.save(update_fields=["requested", "ui_language", "status", "message", "attempts", "contract"])
    return job, retry


def _enqueue(job: RenderJob) -> None:
    task_id = str(render_contract.enqueue(job.pk).id)
    RenderJob.objects.filter(pk=job.pk).update(task_id=task_id)  # to close its row if its worker dies


@task()
def render_contract(job_id: int) -> None:
    """The task: render one job (a task of a job already finished or superseded does nothing)."""
    render_job_run(job_id=job_id)


def render_job_run(*, job_id: int) -> None:
    with transaction.atomic():
        job = RenderJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != RenderJob.Status.QUEUED:
            return
        job.status, job.started_at, job.worker = RenderJob.Status.RUNNING, timezone.now(), _this_worker()
        job.attempts += 1
        job.save(update_fields=["status", "started_at", "worker", "attempts"])
    with translation.override(job.ui_language or settings.LANGUAGE_CODE):
        _render(job)


def _render(job: RenderJob) -> None:
    # The draft as asked (a copy in memory, never saved: its contract number and title, the answers of the
    # job); whatever was saved since has its own job.
    draft = copy.copy(job.draft)
    draft.answers, draft.pending_input = job.answers, {}
    final = services.final_mark(job.approval) if job.final else None
    try:
        if job.requested:
            contract = services.contract_generate(
                draft=draft,
                language=job.language,
                fmt=job.format,
                layout=job.layout,
                requested=True,
                final=final,
                approval=job.approval,
            )
        else:
            with only_a_free_slot():  # a pre-render nobody is waiting for never queues ahead of a buyer who asked
                contract = services.contract_generate(
                    draft=draft, language=job.language, fmt=job.format, layout=job.layout, requested=False
                )
            job.refresh_from_db(fields=["requested"])
            if job.requested:  # asked for while it was printing
                contract = services.contract_mark_requested(contract)
    except (RenderBusy, services.RenderRateLimited) as exc:
        if not job.requested:  # nothing to warm up now: "Download PDF" renders it when asked
            logger.info("pre-render of draft %s skipped: %s", job.draft_id, exc)
            RenderJob.objects.filter(pk=job.pk, requested=False).delete()
            _finish(job, RenderJob.Status.FAILED, message=str(exc))  # asked for meanwhile: the buyer reads why
            return
        _finish(job, RenderJob.Status.FAILED, message=str(exc))
    except (RenderFailed, services.DraftIncomplete, services.FinalRefused) as exc:
        _finish(job, RenderJob.Status.FAILED, message=str(exc))
    except Exception:
        logger.exception("rendering job %s of draft %s failed", job.pk, job.draft_id)
        _finish(
            job,
            RenderJob.Status.FAILED,
            message=_("The contract could not be printed because of an error on our side. Your answers are kept."),
        )
    else:
        _finish(job, RenderJob.Status.DONE, contract=contract)


def _finish(job: RenderJob, status: str, *, message: str = "", contract: GeneratedContract | None = None) -> None:
    RenderJob.objects.filter(pk=job.pk, status=RenderJob.Status.RUNNING).update(
        status=status, message=message, contract=contract, finished_at=timezone.now(), worker=""
    )


def _this_worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _lease() -> timedelta:
    """Past this, a render's children have surely stopped: whatever still says RUNNING lost its worker."""
    one_step = render_slot_wait() + render_timeout() + CHILD_DEADLINE_GRACE_SECONDS
    return timedelta(seconds=2 * one_step + LEASE_MARGIN_SECONDS)


def _worker_is_gone(job: RenderJob) -> bool:
    host, _, pid = job.worker.rpartition(":")
    if host == socket.gethostname() and pid.isdigit():  # a worker of this machine: ask the system
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            pass
        return False
    return job.started_at is None or job.started_at < timezone.now() - _lease()


def render_jobs_recover() -> int:
    """Jobs left RUNNING by a worker that died go back to the queue (FAILED after RENDER_ATTEMPTS tries);
    how many. Called when a worker starts, and for one job when its page asks after the lease."""
    recovered = 0
    for job in RenderJob.objects.filter(status=RenderJob.Status.RUNNING):
        recovered += _recover(job)
    return recovered


def _recover(job: RenderJob) -> int:
    if not _worker_is_gone(job):
        return 0
    with transaction.atomic():
        job = RenderJob.objects.select_for_update().filter(pk=job.pk, status=RenderJob.Status.RUNNING).first()
        if job is None or not _worker_is_gone(job):
            return 0
        if job.attempts >= settings.RENDER_ATTEMPTS:
            logger.error("render job %s lost its worker %d times: given up", job.pk, job.attempts)
            _close_lost_task(job)
            job.status, job.finished_at = RenderJob.Status.FAILED, timezone.now()
            with translation.override(job.ui_language or settings.LANGUAGE_CODE):
                job.message = _("The contract could not be printed: the printing process stopped. Try again.")
            job.save(update_fields=["status", "finished_at", "message"])
            return 1
        logger.warning("render job %s lost its worker %s: queued again", job.pk, job.worker)
        _close_lost_task(job)
        job.status, job.worker = RenderJob.Status.QUEUED, ""
        job.save(update_fields=["status", "worker"])
    _enqueue(job)
    return 1


class RenderWorkerLost(Exception):
    """What the task row of a render whose worker died records."""


def _close_lost_task(job: RenderJob) -> None:
    """django-tasks-db leaves the task row of a worker that died RUNNING for ever: it failed."""
    if not job.task_id or not isinstance(render_contract.get_backend(), DatabaseBackend):
        return
    lost = DBTaskResult.objects.filter(id=job.task_id, status=TaskResultStatus.RUNNING).first()
    if lost:
        lost.set_failed(RenderWorkerLost(f"the worker {job.worker} stopped during render job {job.pk}"))


def contract_prerender(*, draft: Draft) -> RenderJob | GeneratedContract | None:
    """Render the PDF in the draft's contract language ahead of "Download PDF", so that is a cache hit.
    Pre-renders of older answers of the draft that no worker has started are superseded (dropped).

    settings.RENDER_PRERENDER: "on" (the default) or "off"."""
    if settings.RENDER_PRERENDER == "off" or draft.status != Draft.Status.COMPLETE or pending_steps(draft):
        return None
    language = (draft.answers.get("parties") or {}).get("contract_language") or "zh"
    content_hash = services.contract_content_hash(draft=draft, language=language, fmt="pdf")
    RenderJob.objects.filter(draft=draft, requested=False, status=RenderJob.Status.QUEUED).exclude(
        content_hash=content_hash
    ).delete()
    try:
        return render_request(draft=draft, language=language, fmt="pdf", requested=False, content_hash=content_hash)
    except (services.DraftIncomplete, services.RenderRateLimited):
        return None


# How soon the download page asks again (its script waits `poll_ms`): when the render is expected to end, then
# often, so that the file arrives within a tenth of a second of being stored; rarely while others' renders go
# first, so that many buyers waiting on a busy worker do not flood the pages with their questions.
POLL_SOON_MS = 100
POLL_NOT_YET_MS = 250
POLL_LATER_MS = 1000


def render_job_state(job: RenderJob, *, track_changes: bool = False) -> dict:
    """What the download page shows while it waits: status, a message, progress, and where the file is."""
    if job.status == RenderJob.Status.RUNNING:
        _recover(job)
        job.refresh_from_db()
    if job.status == RenderJob.Status.DONE and job.contract_id:
        return contract_state(job.contract, track_changes=track_changes)
    state = {
        "status": job.status,
        "label": job.get_status_display(),
        "message": job.message,
        "status_url": reverse("render_status", args=[job.pk]) + ("?track_changes=1" if track_changes else ""),
        "download_url": None,
        "ahead": 0,
        "progress": 0,
        "poll_ms": POLL_SOON_MS,
    }
    if job.status == RenderJob.Status.QUEUED:
        state["ahead"] = RenderJob.objects.filter(status=RenderJob.Status.QUEUED, created_at__lt=job.created_at).count()
        if state["ahead"]:  # other renders go first: a whole render at least
            state["poll_ms"] = POLL_LATER_MS
    elif job.status == RenderJob.Status.RUNNING and job.started_at:
        elapsed = (timezone.now() - job.started_at).total_seconds()
        typical = _typical_seconds(job)
        state["progress"] = min(95, round(100 * elapsed / typical))
        # the next look when the render is expected to end (a quarter of a second apart at most), then often
        state["poll_ms"] = min(POLL_NOT_YET_MS, max(POLL_SOON_MS, round(1000 * (typical - elapsed))))
    return state


def contract_state(contract: GeneratedContract, *, track_changes: bool = False) -> dict:
    """The state of a render whose file is stored: where to download it."""
    url = reverse("contract_download", args=[contract.pk])
    if track_changes and contract.format == "docx":  # the stored file stays as rendered; the copy records edits
        url += "?track_changes=1"
    return {
        "status": RenderJob.Status.DONE,
        "label": str(RenderJob.Status.DONE.label),
        "message": "",
        "download_url": url,
        "progress": 100,
    }


def prerender_state(result: RenderJob | GeneratedContract | None) -> dict | None:
    """For the review page: the pre-render (contract_prerender's result) as its script follows it, so that a
    click on Download once it is printed fetches the file at once, and a click before it joins it."""
    if isinstance(result, GeneratedContract):
        return {"language": result.language, "format": result.format, "state": contract_state(result)}
    if isinstance(result, RenderJob) and result.status != RenderJob.Status.FAILED:
        return {"language": result.language, "format": result.format, "state": render_job_state(result)}
    return None


def _typical_seconds(job: RenderJob) -> float:
    """How long this render is expected to take: as long as the last render of the same draft, format,
    language and layout (a buyer's pre-renders follow each other, a page or two apart), else the mean of the
    last renders of this format and language (a bilingual contract takes about twice as long as one language);
    10 s before there are any."""
    done = RenderJob.objects.filter(
        status=RenderJob.Status.DONE, format=job.format, language=job.language, started_at__isnull=False
    ).exclude(finished_at=None)
    times = ("started_at", "finished_at")
    last = list(done.filter(draft_id=job.draft_id, layout=job.layout).order_by("-finished_at").values_list(*times)[:1])
    recent = last or list(done.order_by("-finished_at").values_list(*times)[:20])
    took = [(finished - started).total_seconds() for started, finished in recent]
    return max(1.0, sum(took) / len(took)) if took else 10.0
