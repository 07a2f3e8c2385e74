"""A legal-operations admin edits the clause library in Chromium: a save that would break contracts is
refused, and the form is sized for the work (texts side by side, growing, the catalogue beside them)."""

from __future__ import annotations

import pytest

from contracts.models import Clause
from tests.browser.conftest import WAIT_MS
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def admin_user(transactional_db):
    return UserFactory(username="legal-ops", is_staff=True, is_superuser=True)


def test_renaming_a_clause_others_cite_is_refused_naming_them(session, admin_user):
    page = session.page
    session.log_in(admin_user)
    clause = Clause.objects.get(key="term.refund")
    page.goto(f"/admin/contracts/clause/{clause.pk}/change/")
    page.fill("#id_key", "term.refunds")
    with page.expect_navigation(timeout=3 * WAIT_MS):  # the save check renders the library under many answers
        page.click("input[name=_save]")
    errors = page.locator(".errornote, .errorlist").all_inner_texts()
    assert any("Clause term.convenience refers to term.refund" in text for text in errors), errors
    assert Clause.objects.filter(key="term.refund").exists()
    page.goto("/admin/contracts/clause/")
    assert page.locator("text=term.refunds").count() == 0


def box(page, selector: str) -> dict:
    return page.locator(selector).bounding_box()


@pytest.mark.parametrize("width", [1280, 1920])
def test_the_clause_form_is_sized_for_the_work(session, admin_user, width):
    page = session.page
    page.set_viewport_size({"width": width, "height": 900})
    session.log_in(admin_user)
    clause = Clause.objects.get(key="liability.cap")
    page.goto(f"/admin/contracts/clause/{clause.pk}/change/")

    zh, en = box(page, "#id_body_zh"), box(page, "#id_body_en")
    assert abs(zh["y"] - en["y"]) < 2 and zh["x"] + zh["width"] <= en["x"]  # side by side
    assert zh["width"] > width * 0.25
    whole = page.evaluate("el => el.scrollHeight <= el.clientHeight + 2", page.locator("#id_body_en").element_handle())
    assert whole  # the whole text in view, no inner scrollbar
    before = box(page, "#id_body_en")["height"]
    page.locator("#id_body_en").press("End")
    page.locator("#id_body_en").type("\n\nA new paragraph.\n\nAnd another one.")
    assert box(page, "#id_body_en")["height"] > before  # grows as the author writes

    long_condition = "pricing.pricing_model == 'perpetual' and data.personal_info and legal.forum == 'court'"
    page.fill("#id_condition", long_condition)
    assert page.evaluate("el => el.scrollWidth <= el.clientWidth", page.locator("#id_condition").element_handle())

    page.click("#variable-catalogue summary")
    panel = box(page, "#variable-catalogue details")
    assert panel["x"] >= box(page, "#id_body_en")["x"] + box(page, "#id_body_en")["width"] - 1  # beside the text
    rows = page.locator("#variable-catalogue tbody tr:visible")
    all_rows = rows.count()
    page.fill("#variable-catalogue .catalogue-filter", "liability_cap")
    assert 0 < rows.count() < all_rows
    assert "legal.liability_cap_months" in rows.first.inner_text() or "liability_cap" in rows.first.inner_text()

    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    with page.expect_event("dialog"):  # waits for the dialog itself, however long a busy machine takes
        page.evaluate("() => { window.location.href = '/admin/'; }")
    assert dialogs == ["beforeunload"]  # leaving with unsaved changes asks first
