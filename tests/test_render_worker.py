"""Renders are tasks run by the worker (`db_worker`): the download enqueues or joins one, the page polls it,
a failure reaches the buyer in words, a render whose worker died is queued again."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from contracts import renders, services
from contracts.models import Draft, GeneratedContract, RenderJob
from contracts.rendering import RenderFailed
from tests.factories import DraftFactory, answers_document
from tests.helpers import post_data, twice_at_once, walk_wizard

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def queue(settings):
    """Tasks wait in the database for the worker, as in production (the suite runs them in the request)."""
    settings.TASKS = DATABASE_QUEUE


@pytest.fixture
def run_worker():
    """Run `manage.py db_worker` until the queue is empty; the worker's signal handlers do not outlive it."""
    handlers = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}

    def run() -> None:
        call_command("db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0)

    yield run
    for signum, handler in handlers.items():
        signal.signal(signum, handler)


def download(client, draft, language="en", fmt="html", **headers):
    return client.post(f"/drafts/{draft.pk}/generate/", {"language": language, "format": fmt}, **headers)


def poll(client, location):
    return client.get(location, headers={"Accept": "application/json"}).json()


@pytest.mark.django_db(transaction=True)
def test_the_download_waits_for_the_worker_and_a_second_click_joins_the_same_render(
    queue, run_worker, alice_client, alice, library
):
    draft = DraftFactory(owner=alice)
    first = download(alice_client, draft)
    second = download(alice_client, draft)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] and first["Location"].startswith("/renders/")
    assert RenderJob.objects.count() == 1  # one render for both clicks
    page = alice_client.get(first["Location"])
    assert "Your contract is being prepared" in page.content.decode() and page["Refresh"] == "2"
    assert poll(alice_client, first["Location"])["status"] == "queued"

    run_worker()

    state = poll(alice_client, first["Location"])
    assert state["status"] == "done" and state["progress"] == 100
    contract = GeneratedContract.objects.get(draft=draft)
    assert state["download_url"] == f"/contracts/{contract.pk}/download/"
    assert alice_client.get(first["Location"])["Location"] == state["download_url"]  # without script: the file
    body = b"".join(alice_client.get(state["download_url"]).streaming_content).decode()
    assert draft.answers["parties"]["vendor_name_en"] in body  # the English contract names the vendor in English
    assert contract.requested_at is not None  # asked for: listed under "My contracts"
    assert download(alice_client, draft)["Location"] == state["download_url"]  # a lookup by content hash now


@pytest.mark.django_db(transaction=True)
def test_the_script_gets_the_render_state_as_json(queue, run_worker, alice_client, alice, library):
    draft = DraftFactory(owner=alice)
    state = download(alice_client, draft, headers={"Accept": "application/json"}).json()
    assert state["status"] == "queued" and state["status_url"].startswith("/renders/")
    run_worker()
    assert poll(alice_client, state["status_url"])["download_url"].startswith("/contracts/")


@pytest.mark.django_db
def test_another_buyer_cannot_see_a_render(client, alice, bob, library, settings):
    settings.TASKS = DATABASE_QUEUE
    draft = DraftFactory(owner=alice)
    job = renders.render_request(draft=draft, language="en", fmt="html")
    client.force_login(bob)
    assert client.get(f"/renders/{job.pk}/").status_code == 404
    assert client.get(f"/renders/{job.pk}/", headers={"Accept": "application/json"}).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_failed_render_is_recorded_with_its_message_for_the_buyer(
    queue, run_worker, alice_client, alice, library, monkeypatch
):
    def too_long(*args, **kwargs):
        raise RenderFailed("Rendering took longer than 60 seconds and was stopped: the contract is too long.")

    monkeypatch.setattr(services, "render", too_long)
    draft = DraftFactory(owner=alice)
    location = download(alice_client, draft)["Location"]
    run_worker()
    state = poll(alice_client, location)
    assert state["status"] == "failed" and "too long" in state["message"]
    page = alice_client.get(location, follow=True)
    assert page.redirect_chain[-1][0] == f"/drafts/{draft.pk}/review/" and "too long" in page.content.decode()

    monkeypatch.undo()
    again = download(alice_client, draft)  # a new click tries again
    assert again["Location"] == location and poll(alice_client, location)["status"] == "queued"


@pytest.mark.django_db(transaction=True)
def test_a_render_whose_worker_was_killed_is_finished_by_the_next_worker(
    queue, run_worker, alice_client, alice, library
):
    draft = DraftFactory(owner=alice)
    location = download(alice_client, draft)["Location"]
    job = RenderJob.objects.get(draft=draft)
    lost_task = job.task_id
    killed = subprocess.Popen(["true"])
    killed.wait()  # the worker that took the job, then was killed: its process is gone
    DBTaskResult.objects.filter(id=lost_task).update(status="RUNNING", worker_ids=["killed"])
    host = renders._this_worker().split(":")[0]
    RenderJob.objects.filter(pk=job.pk).update(
        status="running", worker=f"{host}:{killed.pid}", attempts=1, started_at=timezone.now()
    )
    assert poll(alice_client, location)["status"] == "queued"  # the buyer's page: not lost, waiting again

    run_worker()  # the restarted worker

    job.refresh_from_db()
    assert job.status == "done" and job.attempts == 2
    assert DBTaskResult.objects.get(id=lost_task).status == "FAILED"  # the lost task's row is closed
    assert poll(alice_client, location)["download_url"] == f"/contracts/{job.contract_id}/download/"


@pytest.mark.django_db
def test_the_next_worker_to_start_queues_a_render_of_a_killed_worker_again(alice, library, settings):
    settings.TASKS = DATABASE_QUEUE
    job = renders.render_request(draft=DraftFactory(owner=alice), language="en", fmt="html")
    killed = subprocess.Popen(["true"])
    killed.wait()
    host = renders._this_worker().split(":")[0]
    RenderJob.objects.filter(pk=job.pk).update(status="running", worker=f"{host}:{killed.pid}", attempts=1)
    assert renders.render_jobs_recover() == 1  # what db_worker does first
    job.refresh_from_db()
    assert (job.status, job.worker) == ("queued", "")


@pytest.mark.django_db
def test_a_render_that_keeps_losing_its_worker_fails_with_a_message(alice, library, settings):
    settings.TASKS = DATABASE_QUEUE
    settings.RENDER_ATTEMPTS = 2
    job = renders.render_request(draft=DraftFactory(owner=alice), language="en", fmt="html")
    RenderJob.objects.filter(pk=job.pk).update(status="running", worker="elsewhere:1", attempts=2, started_at=None)
    renders.render_jobs_recover()
    job.refresh_from_db()
    assert job.status == "failed" and "printing process stopped" in job.message


@pytest.mark.django_db
def test_a_render_running_on_a_live_worker_is_left_alone(alice, library, settings):
    settings.TASKS = DATABASE_QUEUE
    job = renders.render_request(draft=DraftFactory(owner=alice), language="en", fmt="html")
    RenderJob.objects.filter(pk=job.pk).update(status="running", worker=renders._this_worker(), attempts=1)
    assert renders.render_jobs_recover() == 0


@pytest.mark.django_db
def test_the_prerender_starts_when_the_draft_is_complete_and_each_saved_step_supersedes_it(
    alice_client, alice, library, settings
):
    settings.TASKS = DATABASE_QUEUE
    settings.RENDER_PRERENDER = "on"
    answers = answers_document()
    draft = DraftFactory(owner=alice, answers={}, step_reached=0, status=Draft.Status.IN_PROGRESS)
    walk_wizard(alice_client, draft, answers)  # the last step completes the draft
    older = RenderJob.objects.get(draft=draft)
    assert (older.requested, older.format, older.status) == (False, "pdf", "queued")
    assert older.language == answers["parties"]["contract_language"]

    parties = {**answers["parties"], "buyer_name": "上海新名称贸易有限公司"}
    assert alice_client.post(f"/drafts/{draft.pk}/step/parties/", post_data("parties", parties)).status_code == 302
    newer = RenderJob.objects.get(draft=draft)  # the older one, not started yet, is dropped
    assert newer.pk != older.pk and newer.answers["parties"]["buyer_name"] == "上海新名称贸易有限公司"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers; SQLite serialises them")
@pytest.mark.django_db(transaction=True)
def test_two_clicks_at_the_same_moment_make_one_render(settings, monkeypatch, alice, library):
    settings.TASKS = DATABASE_QUEUE
    draft = DraftFactory(owner=alice)
    both_looked = threading.Barrier(2, timeout=60)
    create = RenderJob.objects.create

    def create_once_both_have_looked(**fields):
        both_looked.wait()  # neither found a job: both try to create one
        return create(**fields)

    monkeypatch.setattr(RenderJob.objects, "create", create_once_both_have_looked)
    jobs = [job.pk for job in twice_at_once(lambda: renders.render_request(draft=draft, language="en", fmt="html"))]
    assert len(jobs) == 2 and jobs[0] == jobs[1]  # the second joined the first one's render
    assert RenderJob.objects.count() == 1


def test_a_started_worker_is_warm_and_looks_at_its_queue_often_before_its_first_render(queue, library, monkeypatch):
    """The first buyer after a worker (re)starts does not wait ~2 s more for the fonts and the clause library
    to load, and a queued render starts within a tenth of a second."""
    from django_tasks_db.management.commands import db_worker

    from contracts.rendering import pdf

    pdf.warm_up.cache_clear()
    at_start = []
    monkeypatch.setattr(db_worker.Worker, "configure_signals", lambda self: None)
    monkeypatch.setattr(
        db_worker.Worker, "run", lambda self: at_start.append((pdf.warm_up.cache_info().currsize, self.interval))
    )
    call_command("db_worker", reload=False, startup_delay=False, verbosity=0)
    assert at_start == [(1, 0.1)]  # fonts loaded in the process every render child is forked from


def test_the_page_asks_when_the_file_is_due_and_rarely_while_other_renders_go_first(
    queue, alice_client, alice, library
):
    """Many buyers waiting on a busy worker must not flood the pages with their questions; the one whose file
    is due asks when the render is expected to end, then every tenth of a second."""
    first, second = DraftFactory(owner=alice), DraftFactory(owner=alice)
    first_url, second_url = download(alice_client, first)["Location"], download(alice_client, second)["Location"]
    assert poll(alice_client, first_url)["poll_ms"] == 100  # next in line: the worker takes it within 0.1 s
    behind = poll(alice_client, second_url)
    assert (behind["ahead"], behind["poll_ms"]) == (1, 1000)

    job = RenderJob.objects.get(draft=first)
    job.status, job.started_at = RenderJob.Status.RUNNING, timezone.now()
    job.worker = renders._this_worker()  # a live worker: left alone
    job.save()
    assert poll(alice_client, first_url)["poll_ms"] == 250  # a render has just begun (10 s before any is timed)
    RenderJob.objects.filter(pk=job.pk).update(started_at=timezone.now() - timedelta(seconds=9.8))
    assert 100 <= poll(alice_client, first_url)["poll_ms"] < 250  # when it is expected to end
    RenderJob.objects.filter(pk=job.pk).update(started_at=timezone.now() - timedelta(seconds=12))
    assert poll(alice_client, first_url)["poll_ms"] == 100  # overdue: often

    # the draft's own last render says best how long the next one takes (its pre-renders follow each other)
    ended = timezone.now() - timedelta(seconds=30)
    RenderJob.objects.filter(pk=job.pk).update(
        status="done", started_at=ended - timedelta(seconds=2), finished_at=ended
    )
    RenderJob.objects.filter(draft=second).update(
        status="done", started_at=ended - timedelta(seconds=20), finished_at=ended
    )
    again = RenderJob.objects.create(
        owner=alice,
        draft=first,
        content_hash="next",
        answers=first.answers,
        language=job.language,
        format=job.format,
        status=RenderJob.Status.RUNNING,
        started_at=timezone.now() - timedelta(seconds=1.85),
        worker=job.worker,
    )
    assert 100 <= poll(alice_client, f"/renders/{again.pk}/")["poll_ms"] < 250  # 2 s like the last, not 11 s


def review_prerender(client, draft) -> dict | None:
    page = client.get(f"/drafts/{draft.pk}/review/")
    assert page.status_code == 200
    named = re.search(r'<script id="prerender" type="application/json">(.*?)</script>', page.content.decode())
    return json.loads(named.group(1)) if named else None


@pytest.mark.django_db(transaction=True)
def test_the_review_page_names_the_prerender_its_script_follows_and_the_file_once_printed(
    queue, run_worker, alice_client, alice, library, settings, layout_stand_in
):
    """The page follows the pre-render from its arrival: a click once it is printed needs no wait."""
    settings.RENDER_PRERENDER = "on"
    draft = DraftFactory(owner=alice)
    language = draft.answers["parties"]["contract_language"]
    following = review_prerender(alice_client, draft)
    job = RenderJob.objects.get(draft=draft, requested=False)
    assert (following["language"], following["format"]) == (language, "pdf")
    assert following["state"]["status"] == "queued"
    assert following["state"]["status_url"] == f"/renders/{job.pk}/"

    run_worker()
    job.refresh_from_db()
    assert (
        poll(alice_client, following["state"]["status_url"])["download_url"]
        == f"/contracts/{job.contract_id}/download/"
    )
    ready = review_prerender(alice_client, draft)  # a later visit: the file is there
    assert ready["state"] == {
        **ready["state"],
        "status": "done",
        "download_url": f"/contracts/{job.contract_id}/download/",
    }
    assert not draft.contracts.requested().exists()  # printed ahead, not the buyer's until asked for
    clicked = download(alice_client, draft, language=language, fmt="pdf", headers={"Accept": "application/json"})
    assert clicked.json()["download_url"] == ready["state"]["download_url"]  # the click's POST: the same file
    assert list(draft.contracts.requested()) == [job.contract]


def test_no_prerender_is_named_while_the_draft_has_problems_or_prerendering_is_off(
    queue, alice_client, alice, library, settings
):
    settings.RENDER_PRERENDER = "on"
    incomplete = DraftFactory(owner=alice, answers={"parties": answers_document()["parties"]})
    assert review_prerender(alice_client, incomplete) is None
    settings.RENDER_PRERENDER = "off"
    assert review_prerender(alice_client, DraftFactory(owner=alice)) is None
