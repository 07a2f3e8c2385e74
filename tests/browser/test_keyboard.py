"""A buyer who uses only the keyboard (Tab, Space, Enter) can answer a step and go on."""

from __future__ import annotations

import re

import pytest

from contracts.models import Draft
from tests.browser.wizard import field, wrapper

pytestmark = pytest.mark.browser

FOCUS_SHOWN = """() => {
    const el = document.activeElement, style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return {name: el.name || el.textContent.trim().slice(0, 40), tag: el.tagName.toLowerCase(),
            shown: outline || style.boxShadow !== "none"};
}"""


def tab_to(page, name: str, *, limit: int = 80) -> list[dict]:
    """Press Tab until the field `name` has the focus; returns every stop on the way."""
    stops = []
    for _press in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_SHOWN)
        stops.append(stop)
        if stop["name"] == name:
            return stops
    raise AssertionError(f"Tab never reached {name}: {[s['name'] for s in stops]}")


def test_a_step_answered_with_tab_space_and_enter(session, alice, complete_draft):
    page = session.page
    session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/step/term/")
    page.add_style_tag(content="* { transition: none !important; }")  # read the focus style as it ends

    page.keyboard.press("Tab")  # the first stop skips the menu
    skip = page.get_by_role("link", name="Skip to the main content")
    assert page.evaluate("document.activeElement.className").startswith("visually-hidden-focusable")
    assert skip.is_visible() and skip.bounding_box()["width"] > 50
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    stops = tab_to(page, "buyer_convenience_termination")
    assert stops[0]["tag"] == "a" and "Parties" in stops[0]["name"]  # then the steps, then the form
    # Every element shows where the focus is (a date input's own first stop stands for its parts).
    firsts = [s for i, s in enumerate(stops) if i == 0 or s["name"] != stops[i - 1]["name"]]
    assert [s["name"] for s in firsts if not s["shown"]] == []
    notice = wrapper(page, "convenience_notice_days")
    assert notice.is_visible()
    page.keyboard.press("Space")
    assert not field(page, "buyer_convenience_termination").is_checked()
    assert notice.is_hidden()  # no notice period to ask for when the buyer may not terminate

    stops = tab_to(page, "_action")
    # the buttons in the order they are seen, left to right: Back, Save draft, Next
    buttons = [page.evaluate("document.activeElement.value")]
    for _press in range(2):
        page.keyboard.press("Tab")
        buttons.append(page.evaluate("document.activeElement.value"))
    assert buttons == ["back", "save", "next"]
    boxes = [page.locator(f'#step-form .actions button[value="{v}"]').bounding_box() for v in buttons]
    assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]
    assert stops[-1]["shown"]

    for _press in range(3):
        page.keyboard.press("Shift+Tab")  # back into the form, on the checkbox just answered
    assert page.evaluate("document.activeElement.name") == "buyer_convenience_termination"
    page.keyboard.press("Enter")  # Enter in a field submits the step: it must mean Next, not Back
    page.wait_for_url(re.compile(r"/step/sla/(#main)?$"))
    term = Draft.objects.get(pk=complete_draft.pk).answers["term"]
    assert term["buyer_convenience_termination"] is False and term["convenience_notice_days"] is None


def test_a_skip_link_leads_to_the_first_question_and_the_preview_is_one_link(session, alice, complete_draft):
    page = session.page
    session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/step/legal/")
    page.locator("#preview").wait_for()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to the first question")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the first question"
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == "liability_cap_months"  # the step's first field

    # After Next, the step's comments link, the preview's "Open in a new tab" and then out of the page: the
    # contract's table of contents (some 20 links) is not in the way.
    page.locator('#step-form .actions button[value="next"]').focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Comment on this step, reply or resolve"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Open in a new tab"
    page.keyboard.press("Tab")
    inside_preview = page.evaluate("document.activeElement.tagName") == "IFRAME"
    assert not inside_preview
    frame = page.frame_locator("#preview")
    assert frame.locator("a[href^='#']").count() > 10  # the links are there, for the mouse
