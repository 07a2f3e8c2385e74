"""The whole-contract stance on the review page: a buyer chooses balanced, every negotiable clause follows,
and the positions page starts each clause there."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from contracts.models import Draft

pytestmark = pytest.mark.browser


def test_a_buyer_sets_the_balanced_stance_and_then_one_clause_back(session, alice, complete_draft):
    page = session.page
    session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/review/")
    stance = page.get_by_role("group", name="Stance for the whole contract")
    expect(stance.get_by_label("Buyer-favourable (our standard)")).to_be_checked()
    stance.get_by_label("Balanced").check()
    page.get_by_role("button", name="Apply to every negotiable clause").click()
    expect(page.get_by_text("Every negotiable clause now uses the balanced text.")).to_be_visible()
    expect(page.get_by_role("group", name="Stance for the whole contract").get_by_label("Balanced")).to_be_checked()
    assert Draft.objects.get(pk=complete_draft.pk).answers["positions"] == {"stance": "balanced"}
    page.get_by_role("link", name="Choose positions").click()
    expect(page.locator("#stance-note")).to_be_visible()
    expect(page.locator("#general\\.amendments-balanced")).to_be_checked()
    page.locator("#general\\.amendments-buyer").check()
    page.get_by_role("button", name="Save positions").click()
    expect(page.get_by_text("Positions saved.")).to_be_visible()
    assert Draft.objects.get(pk=complete_draft.pk).answers["positions"] == {
        "stance": "balanced",
        "general.amendments": "buyer",
    }
