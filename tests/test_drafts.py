"""Drafts as a buyer manages them: rename, duplicate, export and import, keep unfinished input, two tabs."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from contracts.models import Draft
from contracts.wizard.steps import STEP_KEYS
from tests.factories import DraftFactory, answers_document
from tests.helpers import post_data

pytestmark = pytest.mark.django_db


def test_rename(alice_client, complete_draft):
    alice_client.post(f"/drafts/{complete_draft.pk}/rename/", {"title": "CRM 2028"})
    complete_draft.refresh_from_db()
    assert complete_draft.title == "CRM 2028"


def test_duplicate_starts_a_new_procurement_from_an_old_one(alice_client, complete_draft):
    alice_client.post(f"/drafts/{complete_draft.pk}/duplicate/")
    copy = Draft.objects.exclude(pk=complete_draft.pk).get(owner=complete_draft.owner)
    assert copy.answers == complete_draft.answers
    assert complete_draft.title in copy.title


def test_export_then_import_gives_the_same_answers(alice_client, complete_draft):
    exported = alice_client.get(f"/drafts/{complete_draft.pk}/export/")
    assert exported["Content-Disposition"].startswith("attachment;")
    document = json.loads(exported.content)
    assert set(document) == {"title", *STEP_KEYS}
    assert document["title"] == complete_draft.title
    # the English of a bilingual contract's free texts goes out and comes back with the rest
    assert document["scope"]["requirements"][0]["text_en"] == "Sales staff can record customer visits on their phones."
    upload = SimpleUploadedFile("answers.json", exported.content, content_type="application/json")
    response = alice_client.post("/drafts/import/", {"title": "Imported", "file": upload})
    imported = Draft.objects.get(title="Imported")
    assert response["Location"] == f"/drafts/{imported.pk}/review/"
    assert imported.answers == complete_draft.answers
    assert imported.status == Draft.Status.COMPLETE


def test_an_unfinished_export_imports_as_an_unfinished_draft(alice_client):
    document = {k: v for k, v in answers_document().items() if k in ("parties", "scope")}
    upload = SimpleUploadedFile("a.json", json.dumps(document).encode())
    alice_client.post("/drafts/import/", {"title": "Half", "file": upload})
    draft = Draft.objects.get(title="Half")
    assert draft.step_reached == 2
    assert draft.status == Draft.Status.IN_PROGRESS


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"{not json", "not a JSON document"),
        (json.dumps([1, 2]).encode(), "JSON object"),
        (json.dumps({"parties": {"buyer_name": ""}, "bogus": {}}).encode(), "bogus"),
        # the step and field in the buyer's words, the range, and the file's own key
        (
            json.dumps({"scope": {"seat_count": 0, "modules": ["contacts"]}}).encode(),
            "Service scope · Licensed users (named): Enter a number from 1 to 100,000. (scope.seat_count)",
        ),
    ],
)
def test_a_bad_file_lists_its_problems_and_creates_nothing(alice_client, content, expected):
    upload = SimpleUploadedFile("a.json", content)
    response = alice_client.post("/drafts/import/", {"title": "Bad", "file": upload})
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not Draft.objects.filter(title="Bad").exists()


def test_save_draft_keeps_invalid_input_across_a_refresh(alice_client, alice):
    draft = DraftFactory(owner=alice, answers={}, step_reached=1)
    data = post_data("scope", answers_document()["scope"] | {"seat_count": 0, "edition": "旗舰版"})
    response = alice_client.post(f"/drafts/{draft.pk}/step/scope/", {**data, "_action": "save"})
    assert response.status_code == 200
    page = alice_client.get(f"/drafts/{draft.pk}/step/scope/").content.decode()  # a refresh
    assert 'value="旗舰版"' in page and 'name="seat_count" value="0"' in page
    assert 'id="error_1_id_seat_count"' in page
    draft.refresh_from_db()
    assert "scope" not in draft.answers  # not saved as an answer until it is valid


def test_back_keeps_invalid_input_and_goes_back(alice_client, alice):
    draft = DraftFactory(owner=alice, answers={"parties": answers_document()["parties"]}, step_reached=1)
    data = post_data("scope", answers_document()["scope"] | {"seat_count": 0})
    response = alice_client.post(f"/drafts/{draft.pk}/step/scope/", {**data, "_action": "back"})
    assert response["Location"] == f"/drafts/{draft.pk}/step/parties/"
    draft.refresh_from_db()
    assert draft.pending_input["scope"]["seat_count"] == ["0"]


def test_valid_save_clears_unfinished_input(alice_client, alice):
    draft = DraftFactory(owner=alice, answers={}, step_reached=1, pending_input={"scope": {"seat_count": ["0"]}})
    data = post_data("scope", answers_document()["scope"])
    response = alice_client.post(f"/drafts/{draft.pk}/step/scope/", {**data, "_action": "save"})
    assert response["Location"] == f"/drafts/{draft.pk}/step/scope/"
    draft.refresh_from_db()
    assert draft.pending_input == {} and draft.answers["scope"]["seat_count"] == 50


def test_a_stale_tab_does_not_overwrite_a_newer_save(alice_client, complete_draft):
    first_tab = alice_client.get(f"/drafts/{complete_draft.pk}/step/scope/").content.decode()
    loaded = first_tab.split('name="_loaded" value="')[1].split('"')[0]
    # A second tab saves 80 seats.
    second = post_data("scope", complete_draft.answers["scope"] | {"seat_count": 80})
    alice_client.post(f"/drafts/{complete_draft.pk}/step/scope/", {**second, "_loaded": loaded})
    # The first tab, still showing the old answers, saves 60 seats.
    first = post_data("scope", complete_draft.answers["scope"] | {"seat_count": 60})
    # as a browser posts them: a ticked box is "on", an unticked one is not sent at all
    first = {k: "on" if v == "true" else v for k, v in first.items() if v != "false"}
    response = alice_client.post(f"/drafts/{complete_draft.pk}/step/scope/", {**first, "_loaded": loaded})
    assert response.status_code == 409
    page = response.content.decode()
    conflict = page.split('id="conflict"')[1].split("</ul>")[0]
    assert conflict.count("<li>") == 1 and "<strong>80</strong>" in conflict  # only what the other tab changed
    assert 'name="seat_count" value="60"' in page  # this tab's input is kept
    complete_draft.refresh_from_db()
    assert complete_draft.answers["scope"]["seat_count"] == 80


def test_preview_follows_unsaved_input(alice_client, complete_draft):
    data = post_data("parties", complete_draft.answers["parties"] | {"buyer_name": "预览测试有限公司"})
    response = alice_client.post(f"/drafts/{complete_draft.pk}/preview/", {**data, "_step": "parties"})
    assert "预览测试有限公司" in response.content.decode()
    complete_draft.refresh_from_db()
    assert complete_draft.answers["parties"]["buyer_name"] != "预览测试有限公司"


def test_preview_of_an_empty_draft(alice_client, alice, library):
    draft = DraftFactory(owner=alice, answers={}, step_reached=0)
    response = alice_client.get(f"/drafts/{draft.pk}/preview/")
    assert response.status_code == 200
    assert "CRM软件服务采购合同" in response.content.decode()
    english = alice_client.get(f"/drafts/{draft.pk}/preview/?language=en").content.decode()
    assert ">None<" not in english and 'class="party-name">[ ]</p>' in english  # blanks, not Python's None
    assert "the following functional modules: [ ]." in english


def test_preview_and_positions_of_a_draft_with_blank_answers(alice_client, alice, library):
    """No forum chosen yet, no TCO horizon, no term length: gaps in the text, not a server error."""
    answers = answers_document(legal={"forum": None}, pricing={"tco_years": None}, term={"initial_term_months": None})
    draft = DraftFactory(owner=alice, answers=answers)
    preview = alice_client.get(f"/drafts/{draft.pk}/preview/?language=en")
    assert preview.status_code == 200
    assert "either party may have it resolved in accordance with [ ]" in preview.content.decode()
    assert alice_client.get(f"/drafts/{draft.pk}/positions/").status_code == 200


def test_a_clause_that_cannot_print_yet_leaves_the_preview_and_positions_usable(
    alice_client, alice, library, monkeypatch, caplog
):
    """Should an admin's clause fail on some unfinished answers, the buyer gets a message, not a 500."""

    def broken(*args, **kwargs):
        raise TypeError("unsupported operand type(s) for *: 'NoneType' and 'int'")

    monkeypatch.setattr("contracts.views.preview_html", broken)
    monkeypatch.setattr("contracts.views.negotiations", broken)
    draft = DraftFactory(owner=alice)
    preview = alice_client.get(f"/drafts/{draft.pk}/preview/")
    assert preview.status_code == 200
    assert "The preview cannot show the contract for these answers yet" in preview.content.decode()
    positions = alice_client.get(f"/drafts/{draft.pk}/positions/")
    assert positions.status_code == 200
    page = positions.content.decode()
    assert 'name="liability.cap"' in page and "position-text" not in page  # the choices, without the texts
    assert "leave this clause out" not in page  # not known, so not said
    assert "preview of draft" in caplog.text and "TypeError" in caplog.text  # logged for the admins


def test_deleting_a_draft_keeps_its_contracts_unless_asked(alice_client, alice, library):
    from contracts.models import GeneratedContract
    from contracts.services import contract_generate

    kept = DraftFactory(owner=alice)
    contract = contract_generate(draft=kept, language="zh", fmt="html")
    page = alice_client.get(f"/drafts/{kept.pk}/delete/").content.decode()
    assert 'name="with_contracts"' in page
    alice_client.post(f"/drafts/{kept.pk}/delete/")
    contract.refresh_from_db()
    assert contract.draft is None
    assert (
        "(draft deleted)" in alice_client.get("/contracts/").content.decode()
        or "草稿已删除" in alice_client.get("/contracts/").content.decode()
    )
    assert alice_client.get(f"/contracts/{contract.pk}/download/").status_code == 200

    gone = DraftFactory(owner=alice, answers=answers_document(scope={"seat_count": 51}))
    other = contract_generate(draft=gone, language="zh", fmt="html")
    alice_client.post(f"/drafts/{gone.pk}/delete/", {"with_contracts": "on"})
    assert not GeneratedContract.objects.filter(pk=other.pk).exists()


def test_control_characters_are_refused_at_their_field(alice_client, alice):
    draft = DraftFactory(owner=alice, answers={}, step_reached=0)
    data = post_data("parties", answers_document()["parties"] | {"buyer_address": "上海\x07市"})
    response = alice_client.post(f"/drafts/{draft.pk}/step/parties/", data)
    assert response.status_code == 200
    assert 'id="error_1_id_buyer_address"' in response.content.decode()


def test_preview_may_be_framed_by_the_wizard_only(alice_client, complete_draft):
    response = alice_client.get(f"/drafts/{complete_draft.pk}/preview/")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert "script-src" not in response["Content-Security-Policy"]  # default-src 'none': no scripts at all
    assert alice_client.get("/drafts/")["X-Frame-Options"] == "DENY"


def test_the_review_says_which_kept_changes_are_not_in_the_contract(alice_client, complete_draft, library):
    """A buyer who kept an invalid change with "Save draft" must not take the contract for the changed one."""
    review = f"/drafts/{complete_draft.pk}/review/"
    assert 'id="unfinished"' not in alice_client.get(review).content.decode()
    data = post_data("sla", complete_draft.answers["sla"] | {"availability_target_pct": "101"})
    alice_client.post(f"/drafts/{complete_draft.pk}/step/sla/", {**data, "_action": "save"})
    page = alice_client.get(review).content.decode()
    notice = page.split('id="unfinished"')[1].split("</div>")[0]
    assert "still use the last valid answers" in notice
    assert f'href="/drafts/{complete_draft.pk}/step/sla/"' in notice and "Service levels" in notice
    assert "Parties" not in notice  # only the step that holds the change
    assert "(for the last valid answers" in page.split('id="verdict"')[1].split("</p>")[0]
    complete_draft.refresh_from_db()
    assert complete_draft.answers["sla"]["availability_target_pct"] != "101"  # the contract's answer is the old one
