"""In the browser: a draft is sent for approval, approved, and its final contract downloaded; a comment thread
is written, answered and resolved. The pages on the way have no serious accessibility violation."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from contracts.models import ApprovalRequest
from tests.browser.test_accessibility import violations
from tests.helpers import pdf_text, squash

pytestmark = pytest.mark.browser


def test_send_approve_and_download_the_final_contract(axe_session, alice, complete_draft):
    complete_draft.organisation.approval_required = True  # the organisation admin's choice
    complete_draft.organisation.save(update_fields=["approval_required"])
    page = axe_session.page
    axe_session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/review/")
    approval = page.get_by_role("region", name="Review and approval")
    expect(page.locator("#final-held")).to_contain_text("can be downloaded once the draft is approved")

    approval.get_by_label("Note for the approver (optional)").fill("请审核责任条款。")
    with page.expect_navigation():
        approval.get_by_role("button", name="Send for review and approval").click()
    expect(page.locator("#approval-pending")).to_contain_text("Waiting for approval: sent by alice")
    assert violations(page) == []

    approval.get_by_role("button", name="Send back").click()  # without the comment it needs
    comment = approval.get_by_label("Comment")
    expect(comment).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#decision-comment-error")).to_contain_text("sent back with a comment")
    assert violations(page) == []

    comment.fill("可以签署。")
    with page.expect_navigation():
        approval.get_by_role("button", name="Approve").click()
    expect(page.locator("#approval-status")).to_contain_text("Approved by alice on")
    assert ApprovalRequest.objects.get().status == "approved"

    page.get_by_label("Language").last.select_option("zh")  # the final form's, under the draft's
    with page.expect_download() as arrived:
        page.get_by_role("button", name="Download the final contract").click()
    download = arrived.value
    assert download.suggested_filename.endswith("-zh-final.pdf")
    with open(download.path(), "rb") as file:
        text = squash(pdf_text(file.read()))
    assert "草案" not in text and "审批人：alice" in text
    assert violations(page) == []


def test_a_comment_thread_is_answered_and_resolved(axe_session, alice, complete_draft):
    page = axe_session.page
    axe_session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/step/sla/")
    expect(page.locator("#comments-title")).to_have_text("No open comments on this step.")
    page.get_by_role("link", name="Comment on this step, reply or resolve").click()
    expect(page.get_by_label("About")).to_have_value("step:sla")
    with page.expect_navigation():
        page.get_by_role("button", name="Add the comment").click()  # nothing written
    expect(page.get_by_role("textbox", name="Comment")).to_have_attribute("aria-invalid", "true")
    assert violations(page) == []

    page.get_by_role("textbox", name="Comment").fill("可用率目标太低。")
    with page.expect_navigation():
        page.get_by_role("button", name="Add the comment").click()
    thread = page.locator("article.comment-thread")
    expect(thread).to_contain_text("可用率目标太低。")
    thread.locator("summary").click()
    thread.get_by_label("Your reply").fill("改为99.9%。")
    with page.expect_navigation():
        thread.get_by_role("button", name="Send the reply").click()
    expect(thread).to_contain_text("改为99.9%。")
    assert violations(page) == []

    page.goto(f"/drafts/{complete_draft.pk}/review/")
    open_comments = page.locator("#comments")
    expect(open_comments.locator("#comment-counts")).to_contain_text("Service levels")
    expect(open_comments).to_contain_text("(1 reply)")
    expect(open_comments.get_by_role("link", name="可用率目标太低。")).to_have_attribute(
        "href", re.compile("#comment-")
    )
    open_comments.locator("#comment-counts").get_by_role("link", name="Service levels").click()
    expect(page.locator("#comments-title")).to_have_text("1 open comment on this step")
    page.get_by_role("link", name="Comment on this step, reply or resolve").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Resolve").click()
    expect(page.locator("article.comment-thread")).to_contain_text("Resolved by alice on")
    page.goto(f"/drafts/{complete_draft.pk}/review/")
    expect(page.locator("#comments")).to_contain_text("No open comments.")
