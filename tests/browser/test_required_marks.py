"""The asterisks follow the answers that make a field required (issue 21)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.wizard import field

pytestmark = pytest.mark.browser


def test_the_vendor_code_asterisk_follows_the_foreign_vendor_box(session, alice, complete_draft):
    page = session.page
    session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/step/parties/")
    mark = page.locator("label[for='id_vendor_uscc'] .asteriskField")
    expect(mark).to_be_visible()  # a Chinese vendor: the credit code is required
    field(page, "vendor_is_foreign").check()
    expect(mark).to_be_hidden()
    # the country is checked against the box, by name
    field(page, "vendor_country").select_option(label="Switzerland")
    field(page, "vendor_uscc").fill("")
    field(page, "vendor_is_foreign").uncheck()
    expect(mark).to_be_visible()
    page.locator('#step-form button[value="next"]').click()
    page.wait_for_load_state()
    expect(page.locator("#error-summary")).to_contain_text(
        "A vendor that is not foreign is a company of mainland China"
    )
    field(page, "vendor_country").select_option(label="China")
    page.locator('#step-form button[value="next"]').click()
    page.wait_for_load_state()
    expect(page.locator("#error-summary")).to_contain_text("Enter the unified social credit code.")
    expect(page.locator("label[for='id_vendor_uscc'] .asteriskField")).to_be_visible()


def test_the_vendor_code_asterisk_appears_when_a_foreign_vendor_becomes_chinese(session, alice, complete_draft):
    foreign = complete_draft.answers["parties"] | {"vendor_is_foreign": True, "vendor_uscc": "", "vendor_country": "SG"}
    complete_draft.answers = complete_draft.answers | {"parties": foreign}
    complete_draft.save()
    page = session.page
    session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/step/parties/")
    label = page.locator("label[for='id_vendor_uscc']")
    mark = label.locator(".asteriskField")
    expect(mark).to_be_hidden()  # a foreign vendor: the credit code is not required
    field(page, "vendor_is_foreign").uncheck()
    expect(mark).to_be_visible()
    expect(label).to_have_class(re.compile(r"\brequiredField\b"))
    # the mark stands right after the label's text, as the server prints it for a required field
    assert re.search(r"\S\*$", label.evaluate("el => el.textContent.trim()"))
    field(page, "vendor_is_foreign").check()
    expect(mark).to_be_hidden()
