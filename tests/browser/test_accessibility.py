"""axe-core finds no serious or critical accessibility violation on the pages a buyer works with."""

from __future__ import annotations

import pytest

from contracts.clauses.versions import clause_version_create, version_content
from contracts.models import Clause
from contracts.services import contract_generate
from contracts.wizard.steps import STEPS
from tests.browser.conftest import AXE_JS
from tests.browser.wizard import field
from tests.factories import DraftFactory, VendorFactory, answers_document

pytestmark = pytest.mark.browser

BLOCKING = ("serious", "critical")


def violations(page) -> list[str]:
    """axe-core's serious and critical findings on the page as it is, one readable line each."""
    page.add_script_tag(path=str(AXE_JS))
    found = page.evaluate("""async () => {
        const result = await axe.run(document);
        if (!result.passes.length) throw new Error("axe-core checked nothing");
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + ": " + n.failureSummary)}));
    }""")
    return [
        f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"])
        for v in found
        if v["impact"] in BLOCKING
    ]


def test_the_login_page_has_no_serious_violation(axe_session):
    page = axe_session.page
    page.goto("/accounts/login/")
    assert violations(page) == []
    page.locator("#id_username").fill("nobody")
    page.locator("#id_password").fill("wrong password")
    page.locator("#id_password").press("Enter")
    page.wait_for_load_state()
    assert page.locator(".alert-danger, .invalid-feedback, .errorlist").count()  # the refusal is shown
    assert violations(page) == []
    page.goto("/accounts/signup/")
    assert violations(page) == []


@pytest.mark.parametrize("ui_language", ["en", "zh-hans"])
def test_every_wizard_page_has_no_serious_violation(axe_session, alice, complete_draft, ui_language):
    page = axe_session.page
    VendorFactory()  # the parties step then offers to fill the vendor from the library
    second = DraftFactory(owner=alice, title="Second offer")
    axe_session.log_in(alice)
    axe_session.context.add_cookies([{"name": "django_language", "value": ui_language, "url": axe_session.base_url}])
    pages = [
        *(f"/drafts/{complete_draft.pk}/step/{s.key}/" for s in STEPS),
        f"/drafts/{complete_draft.pk}/review/",
        f"/drafts/{complete_draft.pk}/history/",
    ]
    if ui_language == "en":  # the other pages once: their layout does not change with the language
        contract = contract_generate(draft=complete_draft, language="zh", fmt="html")
        publicity = Clause.objects.get(key="general.publicity")  # a reworded clause: the changes page has a diff
        content = version_content(publicity.current_version)
        clause_version_create(
            clause=publicity, content=content | {"body_zh": content["body_zh"].replace("新闻稿", "公告")}
        )
        pages += [
            "/drafts/",
            f"/drafts/{complete_draft.pk}/positions/",
            "/contracts/",
            "/vendors/",
            "/drafts/import/",
            f"/compare/?d={complete_draft.pk}&d={second.pk}",
            f"/contracts/{contract.pk}/changes/",
        ]
    found = {}
    for path in pages:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == ui_language
        found[path] = violations(page)
    problems = {path: found_here for path, found_here in found.items() if found_here}
    assert not problems, "\n".join(f"{path}\n  " + "\n  ".join(v) for path, v in problems.items())


def test_a_step_showing_errors_and_revealed_fields_has_no_serious_violation(axe_session, alice, complete_draft):
    page = axe_session.page
    axe_session.log_in(alice)
    page.goto(f"/drafts/{complete_draft.pk}/step/legal/")
    field(page, "forum").select_option("arbitration")  # reveals the commission, seat and language
    field(page, "arbitration_seat").fill("")
    page.locator('#step-form button[value="next"]').click()
    page.wait_for_load_state()
    assert page.locator("#error-summary").is_visible()
    assert violations(page) == []


@pytest.mark.parametrize("ui_language", ["en", "zh-hans"])
def test_held_downloads_offers_and_history_have_no_serious_violation(axe_session, alice, bob, ui_language):
    """The review holding downloads, a comparison marking drafts, the confirmation of an offer, the history
    and a new account's first page."""
    page = axe_session.page
    draft = DraftFactory(owner=alice, title="Base", pending_input={"parties": {"vendor_name": ["X"]}})
    offer = DraftFactory(
        owner=alice,
        title="Offer",
        answers=answers_document(parties={"vendor_name": "Beta Ltd"}),
        step_reached=3,
        status="in_progress",
    )
    take_offer_in = f"/compare/?d={draft.pk}&d={offer.pk}"
    axe_session.context.add_cookies([{"name": "django_language", "value": ui_language, "url": axe_session.base_url}])
    axe_session.log_in(alice)
    found = {}
    for path in (f"/drafts/{draft.pk}/review/", take_offer_in):
        page.goto(path)
        found[path] = violations(page)
    card = page.locator("form", has=page.locator(f"#base-{offer.pk}"))
    card.locator("select").select_option(str(draft.pk))
    with page.expect_navigation():
        card.locator("button").click()
    found["offer confirmation"] = violations(page)
    with page.expect_navigation():
        page.locator("main form button.btn-success").click()
    page.goto(f"/drafts/{draft.pk}/history/")
    assert page.locator("section").count() == 2
    found["history"] = violations(page)
    axe_session.log_in(bob)
    page.goto("/drafts/")
    assert page.locator("#first-steps").is_visible()
    found["first page"] = violations(page)
    problems = {path: found_here for path, found_here in found.items() if found_here}
    assert not problems, "\n".join(f"{path}\n  " + "\n  ".join(v) for path, v in problems.items())
