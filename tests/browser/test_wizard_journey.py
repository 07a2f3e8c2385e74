"""A buyer drafts a whole contract in the browser: log in, eight steps, conditional fields, going back,
the review page and the PDF."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from contracts.models import Draft
from contracts.wizard.steps import STEPS
from tests.browser.wizard import errors, field, fill_step, set_value, type_into, wrapper
from tests.factories import PASSWORD, answers_document
from tests.helpers import pdf_text, squash

pytestmark = pytest.mark.browser

NEW_BUYER = "上海新启点贸易有限公司"


def log_in_with_the_form(page, username: str):
    page.goto("/")
    assert "/accounts/login/" in page.url
    type_into(page.locator("#id_username"), username)
    type_into(page.locator("#id_password"), PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url("**/drafts/")


def go_next(page, step_key: str):
    """Submit a step with Next and land on the following page, with no error left behind."""
    page.locator('#step-form button[value="next"]').click()
    page.wait_for_load_state()
    assert f"/step/{step_key}/" not in page.url, errors(page)


def check_custom_development_asks_for_the_owner(page):
    owner = wrapper(page, "custom_dev_owner")
    assert owner.is_hidden()
    field(page, "custom_development").check()
    assert owner.is_visible()
    assert field(page, "custom_dev_owner").input_value() == "buyer"  # the buyer-friendly default
    field(page, "custom_development").uncheck()
    assert owner.is_hidden()


def check_arbitration_asks_for_a_commission(page):
    commission, court = wrapper(page, "arbitration_commission"), wrapper(page, "court_place")
    assert commission.is_hidden() and court.is_visible()
    field(page, "forum").select_option("arbitration")
    assert commission.is_visible() and court.is_hidden()
    assert wrapper(page, "arbitration_seat").is_visible()
    field(page, "arbitration_commission").select_option("other")
    assert wrapper(page, "arbitration_commission_other").is_visible()
    field(page, "forum").select_option("court")
    assert commission.is_hidden() and wrapper(page, "arbitration_commission_other").is_hidden()
    assert court.is_visible()


def check_module_prices_follow_the_pricing_model(page):
    module_prices = page.locator('fieldset[data-list="module_prices"]')
    assert module_prices.is_hidden()
    field(page, "pricing_model").select_option("per_module")
    assert module_prices.is_visible() and wrapper(page, "unit_price_per_seat_year").is_hidden()
    field(page, "pricing_model").select_option("per_seat")
    assert module_prices.is_hidden() and wrapper(page, "unit_price_per_seat_year").is_visible()


CHECKS_BEFORE_FILLING = {
    "scope": check_custom_development_asks_for_the_owner,
    "pricing": check_module_prices_follow_the_pricing_model,
    "legal": check_arbitration_asks_for_a_commission,
}


def test_a_buyer_drafts_a_whole_contract_and_downloads_the_pdf(session, alice):
    page = session.page
    answers = answers_document()
    log_in_with_the_form(page, "alice")
    type_into(page.locator("#new-title"), "CRM 2027")
    page.get_by_role("button", name="New draft").click()
    page.wait_for_url("**/step/parties/")

    for step in STEPS:
        assert page.url.endswith(f"/step/{step.key}/")
        if step.key in CHECKS_BEFORE_FILLING:
            CHECKS_BEFORE_FILLING[step.key](page)
        fill_step(page, step.key, answers[step.key])
        if step.key == "legal":
            # Back keeps this step's answers and shows the previous one as it was answered.
            page.locator('#step-form button[value="back"]').click()
            page.wait_for_url("**/step/data/")
            assert field(page, "breach_notice_hours").input_value() == "24"
            go_next(page, "data")
            assert field(page, "negotiation_days").input_value() == "30"
        go_next(page, step.key)

    assert re.search(r"/drafts/\d+/review/$", page.url)
    draft = Draft.objects.get(owner=alice)
    assert draft.status == Draft.Status.COMPLETE
    assert draft.answers["scope"]["integrations"][1]["system"] == "企业微信"  # typed into an added row
    assert [m["name"] for m in draft.answers["implementation"]["milestones"]] == [
        "需求确认",
        "配置与集成完成",
        "上线验收",
    ]

    # Change an answer afterwards: the review and the contract follow.
    page.locator("nav[aria-label='Wizard steps']").get_by_role("link", name=re.compile("Parties")).click()
    type_into(field(page, "buyer_name"), NEW_BUYER)
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state()
    assert field(page, "buyer_name").input_value() == NEW_BUYER
    page.locator("nav[aria-label='Wizard steps']").get_by_role("link", name=re.compile("Review")).click()
    page.wait_for_url("**/review/")
    assert NEW_BUYER in page.locator("main").inner_text()

    page.locator("#dl-language").select_option("zh")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download", exact=True).click()
    path = download.value.path()
    text = squash(pdf_text(open(path, "rb").read()))
    assert squash(NEW_BUYER) in text and squash(answers["parties"]["buyer_name"]) not in text
    assert answers["parties"]["vendor_name"] in text
    for typed_in_a_row in ("企业微信", "报价单按模板导出PDF", "配置与集成完成"):
        assert typed_in_a_row in text, typed_in_a_row


def test_a_draft_resumes_where_the_buyer_left_it_after_logging_out_and_in(session, alice):
    page = session.page
    session.log_in(alice)
    page.goto("/drafts/")
    page.get_by_role("button", name="New draft").click()
    page.wait_for_url("**/step/parties/")
    fill_step(page, "parties", answers_document()["parties"])
    go_next(page, "parties")
    assert page.url.endswith("/step/scope/")

    page.get_by_role("button", name=re.compile("Log out")).click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Log in").first.is_visible()
    page.goto("/drafts/")
    assert "/accounts/login/" in page.url  # the drafts are private again

    log_in_with_the_form(page, "alice")
    page.locator("ul.drafts a.fw-semibold").first.click()
    page.wait_for_url("**/step/scope/")  # the first step not answered yet
    page.locator("nav[aria-label='Wizard steps']").get_by_role("link", name=re.compile("Parties")).click()
    assert field(page, "buyer_name").input_value() == answers_document()["parties"]["buyer_name"]
    assert field(page, "vendor_certifications").nth(0).is_checked()


def test_switching_the_ui_language_stays_on_the_same_page(session, alice, complete_draft):
    page = session.page
    session.log_in(alice)
    path = f"/drafts/{complete_draft.pk}/step/sla/"
    page.goto(path)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Service levels"

    with page.expect_navigation():
        page.locator("#ui-language").select_option("zh-hans")
    assert page.url.endswith(path)
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.locator("h1").inner_text().startswith("服务水平")
    assert page.locator('#step-form button[value="next"]').inner_text().startswith("下一步")
    assert field(page, "credit_claim_days").input_value() == "30"  # the answers are the same

    with page.expect_navigation():
        page.locator("#ui-language").select_option("en")
    assert page.url.endswith(path) and page.locator("h1").inner_text() == "Service levels"


def test_the_preview_and_hints_follow_what_is_typed(session, alice, complete_draft):
    page = session.page
    session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/step/parties/")
    preview = page.frame_locator("#preview")
    expect(preview.locator("body")).to_contain_text("上海某某贸易有限公司")  # the saved draft, at once

    type_into(field(page, "buyer_name"), "苏州预览测试有限公司")
    # The frame is replaced as the preview comes back: wait for the new text rather than read once.
    expect(preview.locator("body")).to_contain_text("苏州预览测试有限公司")
    assert Draft.objects.get(pk=complete_draft.pk).answers["parties"]["buyer_name"] == "上海某某贸易有限公司"

    hint = page.locator('[data-hint-for="vendor_years_in_business"]')
    before = hint.inner_text()
    type_into(field(page, "vendor_years_in_business"), "1")
    expect(hint).not_to_have_text(before)  # the hint is fetched again for what is typed
    assert "Vendor stability" in hint.inner_text()


def test_the_first_wrong_answer_gets_the_focus_and_the_summary_leads_to_each(session, alice, complete_draft):
    page = session.page
    session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/step/parties/")
    field(page, "buyer_name").fill("")
    set_value(page, "buyer_contact_email", "not an email", typed=False)
    page.locator('#step-form button[value="next"]').click()
    page.wait_for_load_state()
    assert page.url.endswith("/step/parties/")
    assert page.evaluate("document.activeElement.name") == "buyer_name"
    described = field(page, "buyer_name").get_attribute("aria-describedby") or ""
    assert "error" in described  # a screen reader reads the message with the field

    summary = page.locator("#error-summary")
    assert page.locator(".alert-danger").count() == 1
    expect(summary.locator("h2")).to_have_text("Please correct these 2 answers; nothing you typed has been lost.")
    summary.get_by_role("link", name="Buyer contact email").click()
    assert page.evaluate("document.activeElement.name") == "buyer_contact_email"
    summary.get_by_role("link", name="Buyer (Party A) name").click()
    assert page.evaluate("document.activeElement.name") == "buyer_name"
    expect(field(page, "buyer_name")).to_be_in_viewport()


def test_the_preview_opens_at_the_steps_part_of_the_contract_and_keeps_its_place(session, alice, complete_draft):
    page = session.page
    session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/step/sla/")
    frame = page.frame_locator("#preview")
    expect(frame.locator("section#sla")).to_be_visible()

    def top():
        return page.evaluate(
            "document.getElementById('preview').contentDocument.getElementById('sla').getBoundingClientRect().top"
        )

    page.wait_for_function("document.getElementById('preview').contentWindow.scrollY > 0")
    assert abs(top()) < 5  # the SLA article at the top of the frame, not the cover page
    assert page.evaluate("window.scrollY") == 0  # and the page itself stays where it opened
    page.evaluate("document.getElementById('preview').contentWindow.scrollBy(0, 300)")
    where = page.evaluate("document.getElementById('preview').contentWindow.scrollY")
    type_into(field(page, "credit_claim_days"), "37")
    expect(frame.locator("body")).to_contain_text("收到该月服务水平报告之日起37日内")  # the refreshed preview
    page.wait_for_function(f"Math.abs(document.getElementById('preview').contentWindow.scrollY - {where}) < 2")


def test_the_vendor_library_fills_the_vendor_and_keeps_what_was_typed(session, alice, complete_draft):
    from contracts.models import Vendor

    vendor = Vendor.objects.create(
        name="杭州云图软件有限公司",
        uscc="91330106MA2H0Q3A1X",
        years_in_business=9,
        customer_count=1200,
        contact_email="sales@yuntu.example",
        certifications=["iso27001"],
    )
    page = session.page
    session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/step/parties/")
    type_into(field(page, "buyer_contact_name"), "王小明")  # typed, not saved
    page.select_option("#vendor-pick", str(vendor.pk))
    page.locator("#vendor-form button").click()
    expect(page.locator("#vendor-filled")).to_be_visible()
    assert "/step/parties/" in page.url and "vendor=" not in page.url  # no reload
    assert field(page, "vendor_name").input_value() == vendor.name
    assert field(page, "vendor_contact_email").input_value() == "sales@yuntu.example"
    assert field(page, "vendor_customer_count").input_value() == "1200"
    assert page.locator('[name="vendor_certifications"][value="iso27001"]').is_checked()
    assert not page.locator('[name="vendor_certifications"][value="mlps_level3"]').is_checked()
    assert field(page, "buyer_contact_name").input_value() == "王小明"  # what the buyer typed is still there
    preview = page.frame_locator("#preview")
    expect(preview.locator("body")).to_contain_text(vendor.name)  # and the preview follows


def test_a_long_requirement_grows_its_box_only_so_far_then_scrolls(session, alice, complete_draft):
    page = session.page
    session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/step/scope/")
    box = field(page, "requirements-0-text")
    short = box.bounding_box()["height"]
    box.fill("销售人员可在手机端录入拜访记录，并同步到客户档案。" * 40)
    grown = box.bounding_box()["height"]
    assert short < grown <= 12 * 16 + 2  # 12rem: the row stays on screen, the rest scrolls inside the box
    assert box.evaluate("el => el.scrollHeight > el.clientHeight")


def test_switching_the_sla_remedy_converts_untouched_credit_tiers_and_keeps_edited_ones(session, alice, complete_draft):
    page = session.page
    session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/step/sla/")
    credits = [field(page, f"credit_table-{row}-credit") for row in range(3)]
    assert [c.input_value() for c in credits] == ["25", "50", "100"]  # the sample's money tiers
    field(page, "remedy_form").select_option("term_extension")
    assert [c.input_value() for c in credits] == ["3", "7", "15"]  # days, not 25 days for a month
    assert field(page, "credit_table-3-credit").input_value() == ""  # the empty row for another tier stays empty
    expect(page.locator("#credit-swapped")).to_have_text(
        "The credit table now counts days of extension; check the figures."
    )
    field(page, "remedy_form").select_option("fee_credit")
    assert [c.input_value() for c in credits] == ["25", "50", "100"]
    credits[0].fill("20")  # the buyer's own figures are never replaced
    field(page, "remedy_form").select_option("term_extension")
    assert [c.input_value() for c in credits] == ["20", "50", "100"]
