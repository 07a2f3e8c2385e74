"""An organisation's admin invites a colleague by e-mail; the colleague opens the link, creates an account,
joins, and reads the organisation's draft without the means to change it. The organisation page and the
invitation page have no serious accessibility violation."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from contracts.models import Membership
from tests.browser.test_accessibility import violations
from tests.factories import DraftFactory, organisation_of
from tests.helpers import pdf_text, squash

pytestmark = pytest.mark.browser
NEW_PASSWORD = "Tz4!wq9#Rb2v"
LINK = re.compile(r"https?://[^/\s]+(/invitations/[^/\s]+/)")


def test_invite_accept_and_the_new_member_reads_the_draft(axe_session, alice):
    organisation = organisation_of(alice)
    organisation.name = "Acme Trading"
    organisation.save()
    DraftFactory(owner=alice, title="Acme CRM purchase")
    page = axe_session.page
    axe_session.log_in(alice)
    page.goto("/drafts/")
    page.get_by_role("link", name="Organisation").click()
    expect(page.get_by_role("heading", name="Acme Trading")).to_be_visible()
    assert violations(page) == []
    page.get_by_label("E-mail address").fill("carol@example.com")
    page.locator("#id_role").select_option("reviewer")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("An invitation was sent to carol@example.com.")).to_be_visible()
    expect(page.get_by_text("carol@example.com as reviewer (legal)")).to_be_visible()

    [message] = mail.outbox
    axe_session.context.clear_cookies()  # Carol, on her own computer
    page.goto(LINK.search(message.body).group(1))
    expect(page.get_by_role("heading", name="Join Acme Trading")).to_be_visible()
    assert violations(page) == []
    page.get_by_role("link", name="Create an account").click()
    page.locator("#id_username").fill("carol")
    page.locator("#id_password1").fill(NEW_PASSWORD)
    page.locator("#id_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.get_by_role("button", name="Join Acme Trading").click()

    expect(page.get_by_text("You are a member of Acme Trading (reviewer (legal))")).to_be_visible()
    page.get_by_role("link", name="Acme CRM purchase").click()
    expect(page.get_by_role("heading", name="Acme CRM purchase")).to_be_visible()
    page.get_by_role("link", name=re.compile("Show the step")).first.click()
    expect(page.locator("#read-only")).to_contain_text("only drafters and organisation admins can change it")
    expect(page.locator("#step-form input:not([type=hidden]):not(.default-submit)").first).to_be_disabled()
    assert Membership.objects.get(user__username="carol", organisation=organisation).role == "reviewer"


def test_the_team_drafts_an_invited_approver_approves_and_the_drafter_downloads_the_final_contract(
    axe_session, alice, complete_draft
):
    # Alice (drafter and admin of Acme) invites Bob as approver; Acme's final contracts need an approval.
    organisation = complete_draft.organisation
    organisation.name, organisation.approval_required = "Acme Trading", True
    organisation.save()
    page = axe_session.page
    axe_session.log_in(alice)
    page.goto("/organisation/")
    page.get_by_label("E-mail address").fill("bob@example.com")
    page.locator("#id_role").select_option("approver")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("An invitation was sent to bob@example.com.")).to_be_visible()
    [message] = mail.outbox

    # Bob joins with a new account; he can read the draft but not approve what was never sent.
    axe_session.context.clear_cookies()
    page.goto(LINK.search(message.body).group(1))
    page.get_by_role("link", name="Create an account").click()
    page.locator("#id_username").fill("bob")
    page.locator("#id_password1").fill(NEW_PASSWORD)
    page.locator("#id_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.get_by_role("button", name="Join Acme Trading").click()
    expect(page.get_by_text("You are a member of Acme Trading")).to_be_visible()
    bob = Membership.objects.get(organisation=organisation, role="approver").user

    # Alice sends the draft for approval; the final contract is held until it is approved.
    axe_session.context.clear_cookies()
    axe_session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/review/")
    expect(page.locator("#final-held")).to_contain_text("can be downloaded once the draft is approved")
    approval = page.get_by_role("region", name="Review and approval")
    approval.get_by_label("Note for the approver (optional)").fill("请审批。")
    with page.expect_navigation():
        approval.get_by_role("button", name="Send for review and approval").click()
    expect(page.locator("#approval-pending")).to_contain_text("Waiting for approval: sent by alice")

    # Bob approves from the review page.
    axe_session.context.clear_cookies()
    axe_session.log_in(bob)
    page.goto(f"/drafts/{complete_draft.pk}/review/")
    approval = page.get_by_role("region", name="Review and approval")
    approval.get_by_label("Comment").fill("同意签署。")
    with page.expect_navigation():
        approval.get_by_role("button", name="Approve").click()
    expect(page.locator("#approval-status")).to_contain_text("Approved by bob on")
    assert violations(page) == []

    # Alice downloads the final contract: no draft marking, Bob named as approver.
    axe_session.context.clear_cookies()
    axe_session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/review/")
    page.get_by_label("Language").last.select_option("zh")
    with page.expect_download() as arrived:
        page.get_by_role("button", name="Download the final contract").click()
    with open(arrived.value.path(), "rb") as file:
        text = squash(pdf_text(file.read()))
    assert "草案" not in text and "审批人：bob" in text
