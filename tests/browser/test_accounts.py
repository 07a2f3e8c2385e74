"""A buyer who forgot the password gets a link by e-mail, sets a new password and signs in with it; the
account pages have no serious accessibility violation, in either language."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import violations
from tests.factories import UserFactory
from tests.test_password_reset import LINK, NEW_PASSWORD, mails_sent

pytestmark = pytest.mark.browser


def test_forgotten_password_reset_by_e_mail_then_sign_in(session):
    UserFactory(username="carol", email="carol@example.com")
    page = session.page
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("E-mail address").fill("carol@example.com")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()

    [message] = mails_sent()
    page.goto(LINK.search(message.body).group(1))
    expect(page.get_by_role("heading", name="Set a new password")).to_be_visible()
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set the password").click()
    expect(page.get_by_role("heading", name="Password set")).to_be_visible()

    page.get_by_role("main").get_by_role("link", name="Log in").click()
    page.locator("#id_username").fill("carol")
    page.locator("#id_password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/drafts/$"))
    page.get_by_role("link", name="My account").click()
    expect(page.get_by_role("heading", name="My account")).to_be_visible()


@pytest.mark.parametrize("ui_language", ["en", "zh-hans"])
def test_account_pages_have_no_serious_violation(axe_session, alice, ui_language):
    page = axe_session.page
    axe_session.context.add_cookies([{"name": "django_language", "value": ui_language, "url": axe_session.base_url}])
    found = {}
    for path in ("/accounts/password/reset/", "/accounts/password/reset/sent/", "/accounts/password/reset/x/y/"):
        page.goto(path)
        found[path] = violations(page)
    axe_session.log_in(alice)
    for path in ("/accounts/", "/accounts/password/", "/accounts/email/", "/accounts/delete/"):
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == ui_language
        found[path] = violations(page)
    page.locator("#id_password").fill("wrong")
    page.locator("#id_password").press("Enter")
    page.wait_for_load_state()
    assert page.locator(".invalid-feedback").count()
    found["/accounts/delete/ (refused)"] = violations(page)
    problems = {path: here for path, here in found.items() if here}
    assert not problems, "\n".join(f"{path}\n  " + "\n  ".join(v) for path, v in problems.items())
