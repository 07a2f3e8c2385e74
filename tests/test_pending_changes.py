"""Nothing is printed from a draft that holds changes not saved yet; leaving a step keeps what was typed;
messages say where the input went."""

import pytest

from contracts import services
from contracts.models import GeneratedContract
from tests.factories import DraftFactory, answers_document
from tests.helpers import post_data

pytestmark = pytest.mark.django_db


def _keep_a_refused_vendor_change(client, draft):
    """The buyer renames the vendor, but the step is refused for another field and kept with "Save draft"."""
    data = post_data("parties", draft.answers["parties"] | {"vendor_name": "New Vendor Ltd", "buyer_name": ""})
    response = client.post(f"/drafts/{draft.pk}/step/parties/", {**data, "_action": "save"})
    assert response.status_code == 200
    draft.refresh_from_db()
    assert "parties" in draft.pending_input


def test_no_contract_is_downloaded_while_refused_changes_are_pending(alice_client, complete_draft, library):
    _keep_a_refused_vendor_change(alice_client, complete_draft)
    response = alice_client.post(f"/drafts/{complete_draft.pk}/generate/", {"language": "en", "format": "html"})
    assert response["Location"] == f"/drafts/{complete_draft.pk}/review/#unfinished"
    assert not GeneratedContract.objects.exists()  # the old vendor is printed nowhere
    page = alice_client.get(f"/drafts/{complete_draft.pk}/review/").content.decode()
    assert "Downloads wait until your changes on these steps are saved or discarded: Parties." in page
    assert f'action="/drafts/{complete_draft.pk}/generate/"' not in page  # no download button to press
    held = page.split('id="unfinished"')[1].split("</div>")[0]
    assert f'href="/drafts/{complete_draft.pk}/step/parties/"' in held
    assert f'action="/drafts/{complete_draft.pk}/discard-pending/"' in held and "csrfmiddlewaretoken" in held
    assert "Discard my pending changes" in held


def test_no_prerender_while_changes_are_pending(alice_client, complete_draft, library, settings):
    settings.RENDER_PRERENDER = "sync"
    _keep_a_refused_vendor_change(alice_client, complete_draft)
    alice_client.get(f"/drafts/{complete_draft.pk}/review/")
    assert not GeneratedContract.objects.exists()
    with pytest.raises(services.DraftPending):
        services.contract_generate(draft=complete_draft, language="en", fmt="html", requested=False)


def test_discarding_pending_changes_lets_the_saved_answers_be_downloaded(alice_client, complete_draft, library):
    _keep_a_refused_vendor_change(alice_client, complete_draft)
    assert alice_client.get(f"/drafts/{complete_draft.pk}/discard-pending/").status_code == 405
    response = alice_client.post(f"/drafts/{complete_draft.pk}/discard-pending/")
    assert response["Location"] == f"/drafts/{complete_draft.pk}/review/"
    complete_draft.refresh_from_db()
    assert complete_draft.pending_input == {}
    page = alice_client.get(f"/drafts/{complete_draft.pk}/review/").content.decode()
    assert "Your pending changes were discarded" in page
    assert f'action="/drafts/{complete_draft.pk}/generate/"' in page
    response = alice_client.post(f"/drafts/{complete_draft.pk}/generate/", {"language": "en", "format": "html"})
    contract = GeneratedContract.objects.get()
    assert response["Location"] == f"/contracts/{contract.pk}/download/"
    assert "New Vendor Ltd" not in str(contract.answers)


def test_another_buyer_cannot_discard(client, bob, complete_draft):
    complete_draft.pending_input = {"parties": {"vendor_name": ["X"]}}
    complete_draft.save()
    client.force_login(bob)
    assert client.post(f"/drafts/{complete_draft.pk}/discard-pending/").status_code == 404
    complete_draft.refresh_from_db()
    assert complete_draft.pending_input


def test_leaving_a_step_through_a_link_saves_valid_input_and_follows_it(alice_client, complete_draft):
    data = post_data("parties", complete_draft.answers["parties"] | {"vendor_name": "New Vendor Ltd"})
    response = alice_client.post(
        f"/drafts/{complete_draft.pk}/step/parties/",
        {**data, "_action": "goto", "_goto": f"/drafts/{complete_draft.pk}/step/sla/"},
    )
    assert response["Location"] == f"/drafts/{complete_draft.pk}/step/sla/"
    complete_draft.refresh_from_db()
    assert complete_draft.answers["parties"]["vendor_name"] == "New Vendor Ltd"


def test_leaving_a_step_with_invalid_input_keeps_it_and_says_where(alice_client, complete_draft):
    data = post_data("parties", complete_draft.answers["parties"] | {"vendor_name": "New Vendor Ltd", "buyer_name": ""})
    response = alice_client.post(
        f"/drafts/{complete_draft.pk}/step/parties/",
        {**data, "_action": "goto", "_goto": "/drafts/"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/drafts/"
    complete_draft.refresh_from_db()
    assert complete_draft.pending_input["parties"]["vendor_name"] == ["New Vendor Ltd"]
    page = response.content.decode()
    assert (
        f'Your input on <a href="/drafts/{complete_draft.pk}/step/parties/#id_buyer_name" class="alert-link">'
        "Parties</a> is kept, but it is not saved and not in the contract yet: Buyer (Party A) name: "
    ) in page
    step = alice_client.get(f"/drafts/{complete_draft.pk}/step/parties/").content.decode()
    assert 'value="New Vendor Ltd"' in step


def test_leaving_goes_nowhere_but_this_site(alice_client, complete_draft):
    data = post_data("parties", complete_draft.answers["parties"])
    response = alice_client.post(
        f"/drafts/{complete_draft.pk}/step/parties/", {**data, "_action": "goto", "_goto": "https://evil.example/"}
    )
    assert response["Location"] == f"/drafts/{complete_draft.pk}/step/parties/"


def test_switching_the_ui_language_mid_step_keeps_the_input(alice_client, complete_draft):
    data = post_data("parties", complete_draft.answers["parties"] | {"vendor_name": "半途供应商", "buyer_name": ""})
    step = f"/drafts/{complete_draft.pk}/step/parties/"
    response = alice_client.post(step, {**data, "_action": "goto", "_goto": step, "_language": "zh-hans"})
    assert response["Location"] == step
    assert response.cookies["django_language"].value == "zh-hans"
    page = alice_client.get(step).content.decode()
    assert 'lang="zh-hans"' in page and 'value="半途供应商"' in page


def test_save_draft_with_invalid_input_says_the_input_was_kept(alice_client, complete_draft):
    data = post_data("parties", complete_draft.answers["parties"] | {"buyer_name": ""})
    page = alice_client.post(f"/drafts/{complete_draft.pk}/step/parties/", {**data, "_action": "save"})
    assert "Your input is kept with the draft, but it is not in the contract yet" in page.content.decode()


def test_the_back_notice_links_to_the_step_and_names_the_problem(alice_client, alice):
    draft = DraftFactory(owner=alice, answers={"parties": answers_document()["parties"]}, step_reached=1)
    data = post_data("scope", answers_document()["scope"] | {"seat_count": 0})
    response = alice_client.post(f"/drafts/{draft.pk}/step/scope/", {**data, "_action": "back"}, follow=True)
    page = response.content.decode()
    assert f'<a href="/drafts/{draft.pk}/step/scope/#id_seat_count" class="alert-link">Service scope</a>' in page
    assert "Licensed users (named): Enter a number from 1 to 100,000." in page


@pytest.mark.parametrize(
    "ui_language, expected",
    [
        (
            "en",
            "“91310115MA1K4L8X25” is not a valid unified social credit code: check all 18 characters against the "
            "business licence (the last one is a check character).",
        ),
        (
            "zh-hans",
            "“91310115MA1K4L8X25”不是有效的统一社会信用代码：请对照营业执照逐位核对全部 18 位字符（最后一位为校验码）。",
        ),
    ],
)
def test_the_credit_code_error_reads_naturally(alice_client, complete_draft, ui_language, expected):
    alice_client.cookies["django_language"] = ui_language
    data = post_data("parties", complete_draft.answers["parties"] | {"buyer_uscc": "91310115MA1K4L8X25"})
    page = alice_client.post(f"/drafts/{complete_draft.pk}/step/parties/", data).content.decode()
    assert expected in page.replace("&ldquo;", "“").replace("&rdquo;", "”")
