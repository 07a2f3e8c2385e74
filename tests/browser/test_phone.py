"""On a phone (375 × 812) every wizard page fits the screen: no sideways scrolling."""

from __future__ import annotations

import pytest

from contracts.wizard.steps import STEPS
from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser


def overflow(page) -> dict:
    """How far the page is wider than the screen, and the elements that stick out on the right."""
    return page.evaluate("""() => {
        const width = window.innerWidth;
        const wide = Array.from(document.querySelectorAll("body *"))
            .filter(el => el.getBoundingClientRect().right > width + 1 && el.offsetParent !== null)
            .slice(0, 5).map(el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
                             (el.className && typeof el.className === "string" ? "." + el.className.split(" ").join(".") : ""));
        return {scroll_width: document.scrollingElement.scrollWidth, width, wide};
    }""")


def test_every_step_and_the_review_fit_a_phone_screen(phone_session, alice, complete_draft):
    page = phone_session.page
    phone_session.log_in(alice)
    pages = [
        "/drafts/",
        *(f"/drafts/{complete_draft.pk}/step/{s.key}/" for s in STEPS),
        f"/drafts/{complete_draft.pk}/review/",
    ]
    too_wide = {}
    for path in pages:
        page.goto(path)
        measured = overflow(page)
        assert measured["width"] == PHONE["width"]
        if measured["scroll_width"] > measured["width"]:
            too_wide[path] = measured
    assert too_wide == {}


def test_the_preview_leaves_room_for_the_form_on_a_phone(phone_session, alice, complete_draft):
    page = phone_session.page
    phone_session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/step/sla/")
    preview = page.locator("#preview").bounding_box()
    form = page.locator("#step-form").bounding_box()
    assert preview["height"] <= 0.7 * PHONE["height"]
    assert preview["y"] >= form["y"] + form["height"]  # below the form, not over it
    # list rows become cards: every cell of the credit table is inside the screen
    cells = page.locator('fieldset[data-list="credit_table"] tbody td')
    for index in range(cells.count()):
        box = cells.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


@pytest.mark.usefixtures("layout_stand_in")  # the list's cards, not the file's pages
def test_my_contracts_are_cards_with_the_download_on_screen(phone_session, alice, complete_draft):
    from contracts import services

    contract = services.contract_generate(draft=complete_draft, language="zh")
    page = phone_session.page
    phone_session.log_in(alice)
    page.goto("/contracts/")
    assert overflow(page)["scroll_width"] <= PHONE["width"]  # nothing to scroll sideways to
    button = page.locator(f'a[href="/contracts/{contract.pk}/download/"]').bounding_box()
    assert button["x"] >= 0 and button["x"] + button["width"] <= PHONE["width"]
    number = page.get_by_text(contract.number).bounding_box()
    assert number["height"] < 40  # on one line, not one character per line


def test_the_steps_take_one_row_on_a_phone_with_the_current_step_in_view(phone_session, alice, complete_draft):
    page = phone_session.page
    phone_session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/step/data/")  # the seventh of nine: off the first screenful
    steps = page.locator(".wizard-steps")
    first, current = page.locator(".wizard-steps li").first, page.locator(".wizard-steps li.current")
    assert abs(first.bounding_box()["y"] - current.bounding_box()["y"]) < 2  # one row
    assert steps.bounding_box()["height"] < 60
    box, width = current.bounding_box(), PHONE["width"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= width  # scrolled into view
    assert overflow(page)["scroll_width"] == width  # the row scrolls inside itself, not the page
