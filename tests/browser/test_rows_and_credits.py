"""List rows a buyer can remove, and a credit table that follows the availability target (issue 21)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from contracts.models import Draft
from tests.browser.wizard import field
from tests.factories import DraftFactory, answers_document

pytestmark = pytest.mark.browser


def go_next(page, step_key: str):
    page.locator('#step-form button[value="next"]').click()
    page.wait_for_load_state()
    assert f"/step/{step_key}/" not in page.url, page.locator("#step-form .invalid-feedback").all_inner_texts()


def test_a_row_whose_select_was_changed_is_removed_with_its_button(session, alice, complete_draft):
    page = session.page
    session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/step/scope/")
    integrations = page.locator('#step-form fieldset[data-list="integrations"]')
    expect(integrations.locator("tbody tr")).to_have_count(3)  # two integrations and an empty row
    # A direction chosen in the empty row makes it a row: "leave it empty" no longer works for it.
    field(page, "integrations-2-direction").select_option("inbound")
    integrations.get_by_role("button", name="Remove: Integrations, row 3").click()
    expect(integrations.locator("tbody tr")).to_have_count(2)
    expect(integrations.locator("[data-row-status]")).to_have_text("Row removed; the rows below it moved up.")

    # The first integration, removed with the keyboard: the second moves up and takes the focus's place.
    remove_first = integrations.get_by_role("button", name="Remove: Integrations, row 1")
    remove_first.focus()
    page.keyboard.press("Enter")
    expect(integrations.locator("tbody tr")).to_have_count(1)
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == "Remove: Integrations, row 1"  # the row that moved up
    assert field(page, "integrations-0-system").input_value() == "企业微信"
    assert field(page, "integrations-TOTAL_FORMS").input_value() == "1"

    go_next(page, "scope")
    scope = Draft.objects.get(pk=complete_draft.pk).answers["scope"]
    assert [row["system"] for row in scope["integrations"]] == ["企业微信"]
    assert len(scope["requirements"]) == 3  # the other lists are as they were


def test_a_middle_requirement_is_removed_and_the_rest_keep_their_order(session, alice, complete_draft):
    page = session.page
    session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/step/scope/")
    requirements = page.locator('#step-form fieldset[data-list="requirements"]')
    requirements.get_by_role("button", name="Remove: Requirements, row 2").click()
    # the ids and labels moved with the row: the third requirement's input is now row 2's
    assert field(page, "requirements-1-id").input_value() == "R3"
    assert page.locator("label[for='id_requirements-1-text']").count() == 1
    go_next(page, "scope")
    rows = Draft.objects.get(pk=complete_draft.pk).answers["scope"]["requirements"]
    assert [row["id"] for row in rows] == ["R1", "R3"]
    assert rows[1]["needs_modules"] == ["quotes_orders"]  # a row's choices moved with it


def test_the_severity_targets_have_no_remove_buttons(session, alice, complete_draft):
    page = session.page
    session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/step/sla/")
    assert page.locator('fieldset[data-list="severity_targets"] .remove-row').count() == 0  # P1-P4 are fixed
    assert page.locator('fieldset[data-list="credit_table"] .remove-row:visible').count() >= 3


def test_changing_the_target_moves_an_untouched_credit_table_and_saves_the_step(session, alice, complete_draft):
    page = session.page
    session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/step/sla/")
    hint = page.locator('[data-hint-for="credit_table"]')
    expect(hint).to_contain_text("below 99.9%, 25% = CNY 1,250.00")
    field(page, "rpo_hours").fill("12")  # another edit of the same step
    field(page, "availability_target_pct").select_option("99.5")
    assert field(page, "credit_table-0-below_pct").input_value() == "99.5"
    assert field(page, "credit_table-1-below_pct").input_value() == "99.0"
    expect(page.locator("#credit-swapped")).to_have_text(
        "The credit table now starts at the availability target, 99.5%; check the figures."
    )
    expect(hint).to_contain_text("below 99.5%, 25% = CNY 1,250.00")  # the hint quotes the tiers shown
    # to 99 %: the middle tier moves halfway so that each tier stays below the one above it
    field(page, "availability_target_pct").select_option("99.0")
    assert [field(page, f"credit_table-{k}-below_pct").input_value() for k in range(3)] == ["99.0", "97.0", "95.0"]
    field(page, "availability_target_pct").select_option("99.5")
    go_next(page, "sla")
    sla = Draft.objects.get(pk=complete_draft.pk).answers["sla"]
    assert sla["availability_target_pct"] == "99.5" and sla["rpo_hours"] == 12
    assert [(t["below_pct"], t["credit"]) for t in sla["credit_table"]] == [("99.5", "25"), ("99", "50"), ("95", "100")]


def test_an_edited_credit_table_is_left_alone(session, alice, complete_draft):
    page = session.page
    session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/step/sla/")
    field(page, "credit_table-0-credit").fill("30")
    field(page, "availability_target_pct").select_option("99.5")
    assert field(page, "credit_table-0-below_pct").input_value() == "99.9"  # the buyer's table is the buyer's
    page.locator('#step-form button[value="next"]').click()
    page.wait_for_load_state()
    assert "/step/sla/" in page.url
    expect(page.locator("#error-summary")).to_contain_text(
        "The first credit tier must start at the availability target"
    )


def test_credit_amounts_wait_for_the_price_and_show_on_the_review(session, alice):
    answers = answers_document()
    early = {k: answers[k] for k in ("parties", "scope", "implementation", "term")}
    draft = DraftFactory(owner=alice, answers=early, step_reached=4, status=Draft.Status.IN_PROGRESS)
    page = session.page
    session.log_in(alice)
    page.goto(f"/drafts/{draft.pk}/step/sla/")
    hint = page.locator('[data-hint-for="credit_table"]')
    expect(hint).to_have_text(
        "The amount of each tier's credit appears here once the price is known (price step): it is a share of "
        "the monthly fee."
    )
    complete = DraftFactory(owner=alice)
    page.goto(f"/drafts/{complete.pk}/review/")
    tiers = page.locator("table.credit-tiers tbody tr")
    expect(tiers).to_have_count(3)
    assert re.sub(r"\s+", " ", tiers.nth(0).inner_text()).strip() == "99.9% 25% CNY 1,250.00"
