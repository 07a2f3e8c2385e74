"""The asterisks follow the answers that make a field required (issue 21)."""

from __future__ import annotations

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
