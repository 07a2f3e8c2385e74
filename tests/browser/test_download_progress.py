"""Download: one click starts the render, the buttons say the file is being prepared and ignore more clicks,
and the file arrives by itself when the worker has printed it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from contracts import renders, services
from contracts.models import RenderJob

pytestmark = pytest.mark.browser


def test_the_download_button_shows_progress_ignores_repeat_clicks_and_delivers_the_file(
    session, alice, complete_draft, settings, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    monkeypatch.setattr(services, "render", lambda *args, **kwargs: b"%PDF-1.7 the contract")
    page = session.page
    session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/review/")
    download = page.get_by_role("button", name="Download", exact=True)
    with page.expect_response(lambda response: "/generate/" in response.url):  # the render is queued
        download.click()
    expect(page.get_by_role("status").filter(has_text="Waiting for the printer")).to_be_visible()
    expect(download).to_have_attribute("aria-disabled", "true")
    expect(page.get_by_role("button", name="PDF, English")).to_have_attribute("aria-disabled", "true")
    download.press("Enter")  # an impatient second try, by keyboard (the busy buttons take no pointer clicks)
    page.get_by_role("button", name="PDF, English").dispatch_event("click")
    expect(page.get_by_role("status")).to_contain_text("one click is enough")
    assert RenderJob.objects.filter(draft=complete_draft).count() == 1

    job = RenderJob.objects.get(draft=complete_draft)
    with page.expect_download() as arrived:
        renders.render_job_run(job_id=job.pk)  # what the worker does
    assert arrived.value.suggested_filename.endswith(f"-{job.language}.pdf")
    expect(page.get_by_role("status")).to_contain_text("Ready")
    expect(download).to_have_attribute("aria-disabled", "false")


def test_a_click_once_the_prerender_is_printed_downloads_it_at_once_and_says_if_the_draft_changed(
    session, alice, complete_draft, settings, monkeypatch
):
    """The review page follows the pre-render from its arrival: once printed, Download fetches the file without
    a wait, the click still makes it the buyer's, and a draft saved elsewhere since is said, not hidden."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.RENDER_PRERENDER = "on"
    monkeypatch.setattr(services, "render", lambda *args, **kwargs: b"%PDF-1.7 the contract")
    page = session.page
    session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/review/")
    job = RenderJob.objects.get(draft=complete_draft, requested=False)
    with page.expect_response(lambda response: f"/renders/{job.pk}/" in response.url and "done" in response.text()):
        renders.render_job_run(job_id=job.pk)  # the worker prints it while the buyer reads the page
    download = page.get_by_role("button", name="Download", exact=True)
    held = []  # the click's POST, held back until the file has arrived: the file must not wait for it

    def hold(route):
        held.append(route)

    page.route("**/generate/", hold)
    with page.expect_download() as arrived:
        download.click()
    assert arrived.value.suggested_filename.endswith(f"-{job.language}.pdf")
    held[0].continue_()  # the POST makes the file the buyer's
    page.unroute("**/generate/")
    expect(page.get_by_role("status")).to_contain_text("Ready")
    assert list(complete_draft.contracts.requested()) == [RenderJob.objects.get(pk=job.pk).contract]

    answers = {**complete_draft.answers, "term": {**complete_draft.answers["term"], "non_renewal_notice_days": 45}}
    type(complete_draft).objects.filter(pk=complete_draft.pk).update(answers=answers)  # saved in another tab
    with page.expect_download() as arrived:
        download.click()
    assert arrived.value.suggested_filename.endswith(f"-{job.language}.pdf")  # the file of the page's answers
    expect(page.get_by_role("status")).to_contain_text("changed since this page was opened")
