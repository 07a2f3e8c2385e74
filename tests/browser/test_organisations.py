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
