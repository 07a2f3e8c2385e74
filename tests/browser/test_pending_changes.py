"""What a buyer typed is never lost by leaving a step, and never printed before it is saved: the step chips,
the menu and the language switcher keep it; the review holds downloads until it is saved or discarded;
an offer taken into a draft is confirmed first and can be undone from the draft's history."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from contracts.models import GeneratedContract
from tests.browser.wizard import field
from tests.factories import DraftFactory, answers_document

pytestmark = pytest.mark.browser


def test_a_refused_change_is_kept_through_the_step_chips_and_holds_the_download(session, alice, complete_draft):
    page = session.page
    session.log_in(alice)
    old_vendor = complete_draft.answers["parties"]["vendor_name"]
    page.goto(f"/drafts/{complete_draft.pk}/step/parties/")
    field(page, "vendor_name").fill("New Vendor Ltd")
    field(page, "buyer_name").fill("")  # refused: the step cannot be saved as it is

    with page.expect_navigation():
        page.locator(".wizard-steps a", has_text="Service levels").click()
    assert page.url.endswith(f"/drafts/{complete_draft.pk}/step/sla/")
    notice = page.locator(".alert-warning", has_text="is kept, but it is not saved")
    expect(notice).to_contain_text("Buyer (Party A) name")
    notice.get_by_role("link", name="Parties").click()
    page.wait_for_url(f"**/drafts/{complete_draft.pk}/step/parties/**")
    assert field(page, "vendor_name").input_value() == "New Vendor Ltd"  # nothing typed was lost

    with page.expect_navigation():
        page.locator(".wizard-steps a", has_text="Review").click()
    held = page.locator("#unfinished")
    expect(held).to_contain_text("cannot be downloaded until these changes are saved or discarded")
    expect(held.get_by_role("link", name="Parties")).to_be_visible()
    expect(page.get_by_role("button", name="Download", exact=True)).to_have_count(0)
    assert not GeneratedContract.objects.exists()

    with page.expect_navigation():
        held.get_by_role("button", name="Discard my pending changes").click()
    expect(page.locator(".alert-success")).to_contain_text("Your pending changes were discarded")
    expect(page.locator("#unfinished")).to_have_count(0)
    expect(page.get_by_role("button", name="Download", exact=True)).to_be_visible()
    page.goto(f"/drafts/{complete_draft.pk}/step/parties/")
    assert field(page, "vendor_name").input_value() == old_vendor


def test_a_valid_change_is_saved_when_the_buyer_leaves_through_the_menu(session, alice, complete_draft):
    page = session.page
    session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/step/parties/")
    field(page, "vendor_name").fill("Menu Vendor Ltd")
    with page.expect_navigation():
        page.get_by_role("link", name="My drafts").click()
    assert page.url.endswith("/drafts/")
    complete_draft.refresh_from_db()
    assert complete_draft.answers["parties"]["vendor_name"] == "Menu Vendor Ltd"
    assert complete_draft.pending_input == {}
    # nothing typed: the links are plain links again
    page.goto(f"/drafts/{complete_draft.pk}/step/parties/")
    with page.expect_navigation():
        page.locator(".wizard-steps a", has_text="Review").click()
    assert page.url.endswith(f"/drafts/{complete_draft.pk}/review/")


def test_switching_the_ui_language_mid_step_keeps_what_was_typed(session, alice, complete_draft):
    page = session.page
    session.log_in(alice)
    path = f"/drafts/{complete_draft.pk}/step/parties/"
    page.goto(path)
    field(page, "vendor_name").fill("半途供应商")
    field(page, "buyer_name").fill("")  # not valid yet: kept as unfinished input
    with page.expect_navigation():
        page.locator("#ui-language").select_option("zh-hans")
    assert page.url.endswith(path)
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert field(page, "vendor_name").input_value() == "半途供应商"
    assert field(page, "buyer_name").input_value() == ""
    expect(page.locator("#error-summary")).to_be_visible()  # the problem is shown, now in Chinese

    field(page, "buyer_name").fill("上海甲方有限公司")
    with page.expect_navigation():
        page.locator("#ui-language").select_option("en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert field(page, "buyer_name").input_value() == "上海甲方有限公司"
    complete_draft.refresh_from_db()
    assert complete_draft.answers["parties"]["buyer_name"] == "上海甲方有限公司"  # valid now: saved


def test_an_offer_is_taken_in_after_a_confirmation_and_can_be_restored(session, alice, complete_draft):
    page = session.page
    session.log_in(alice)
    before = complete_draft.answers
    offer = DraftFactory(owner=alice, title="Offer B", answers=answers_document(parties={"vendor_name": "Beta Ltd"}))
    page.goto(f"/compare/?d={complete_draft.pk}&d={offer.pk}")
    card = page.locator("form", has=page.locator(f"#base-{offer.pk}"))
    card.locator("select").select_option(str(complete_draft.pk))
    with page.expect_navigation():
        card.get_by_role("button", name="Choose this offer").click()
    expect(page.locator("h1")).to_have_text("Take this offer into a draft")
    changes = page.locator("table.answer-changes")
    expect(changes).to_contain_text("Parties · Vendor (Party B) name")
    expect(changes).to_contain_text(before["parties"]["vendor_name"])
    expect(changes).to_contain_text("Beta Ltd")
    complete_draft.refresh_from_db()
    assert complete_draft.answers == before  # not yet

    with page.expect_navigation():
        page.get_by_role("button", name=f"Replace the answers of “{complete_draft.title}”").click()
    expect(page.locator(".alert-success")).to_contain_text("can be restored from its history")
    complete_draft.refresh_from_db()
    assert complete_draft.answers["parties"]["vendor_name"] == "Beta Ltd"

    with page.expect_navigation():
        page.get_by_role("link", name="History of the answers").click()
    expect(page.locator("section").first).to_contain_text("Offer taken in · “Offer B”")
    expect(page.locator("section").first).to_contain_text("alice")
    with page.expect_navigation():
        page.get_by_role("button", name="Restore revision 1").click()
    complete_draft.refresh_from_db()
    assert complete_draft.answers == before


CUT_OFF_CHOICES = """() => {
  const measure = document.createElement("canvas").getContext("2d");
  const cut = [];
  document.querySelectorAll("#step-form .field-wrap select:not([multiple])").forEach((select) => {
    if (!select.offsetParent) return; // hidden until another answer reveals it
    const style = getComputedStyle(select);
    measure.font = style.font;
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    for (const option of select.options) {
      if (measure.measureText(option.text).width > room) cut.push(`${select.name}: ${option.text}`);
    }
  });
  return cut;
}"""


@pytest.mark.parametrize("ui_language", ["en", "zh-hans"])
def test_no_choice_of_a_select_is_cut_off_at_1280_px(session, alice, complete_draft, ui_language):
    """The closed select shows its choice whole: "Governing law" read "Law of the People's Republic of C"."""
    page = session.page
    session.context.add_cookies([{"name": "django_language", "value": ui_language, "url": session.base_url}])
    session.log_in(alice)
    cut = {}
    for step in ("parties", "legal"):
        page.goto(f"/drafts/{complete_draft.pk}/step/{step}/")
        cut[step] = page.evaluate(CUT_OFF_CHOICES)
    field(page, "forum").select_option("arbitration")  # reveals the commissions, named in full
    cut["arbitration"] = page.evaluate(CUT_OFF_CHOICES)
    assert cut == {"parties": [], "legal": [], "arbitration": []}
