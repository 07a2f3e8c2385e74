"""A draft's answers keep their history: every saved change is a revision (who, when, what changed) that can
be restored; taking an offer into a draft says first what changes."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from contracts import services
from contracts.models import Draft, DraftRevision
from tests.factories import DraftFactory, answers_document
from tests.helpers import post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(alice):
    return DraftFactory(
        owner=alice, title="Offer B", answers=answers_document(parties={"vendor_name": "Beta Cloud Ltd"})
    )


def test_taking_an_offer_asks_first_and_lists_what_changes(alice_client, complete_draft, offer):
    before = complete_draft.answers
    page = alice_client.post(f"/compare/choose/{offer.pk}/", {"base": complete_draft.pk})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Beta Cloud Ltd" in text and before["parties"]["vendor_name"] in text  # before and after
    assert "Parties · Vendor (Party B) name" in text
    assert 'name="confirmed" value="yes"' in text
    complete_draft.refresh_from_db()
    assert complete_draft.answers == before  # nothing changed before the buyer confirms


def test_an_offer_taken_in_can_be_undone_from_the_history(alice_client, alice, complete_draft, offer):
    before = complete_draft.answers
    response = alice_client.post(f"/compare/choose/{offer.pk}/", {"base": complete_draft.pk, "confirmed": "yes"})
    assert response["Location"] == f"/drafts/{complete_draft.pk}/review/"
    complete_draft.refresh_from_db()
    assert complete_draft.answers["parties"]["vendor_name"] == "Beta Cloud Ltd"
    history = alice_client.get(f"/drafts/{complete_draft.pk}/history/").content.decode()
    assert "Offer taken in · “Offer B”" in history and alice.username in history
    assert "Beta Cloud Ltd" in history
    earlier = DraftRevision.objects.get(draft=complete_draft, kind="earlier")
    assert f'action="/drafts/{complete_draft.pk}/history/{earlier.number}/restore/"' in history
    alice_client.post(f"/drafts/{complete_draft.pk}/history/{earlier.number}/restore/")
    complete_draft.refresh_from_db()
    assert complete_draft.answers == before
    assert complete_draft.revisions.first().kind == "restore"  # the restore is itself undoable


def test_every_saved_step_is_a_revision_with_its_author(alice_client, alice, complete_draft):
    data = post_data("parties", complete_draft.answers["parties"] | {"vendor_name": "Gamma Ltd"})
    alice_client.post(f"/drafts/{complete_draft.pk}/step/parties/", data)
    latest = complete_draft.revisions.first()
    assert (latest.kind, latest.detail, latest.author) == ("step", "parties", alice)
    assert latest.answers["parties"]["vendor_name"] == "Gamma Ltd"
    history = alice_client.get(f"/drafts/{complete_draft.pk}/history/").content.decode()
    assert "Step saved · Parties" in history and "Gamma Ltd" in history
    alice_client.post(f"/drafts/{complete_draft.pk}/step/parties/", data)  # saved unchanged: no new revision
    assert complete_draft.revisions.count() == 2


def test_another_buyer_sees_no_history_and_restores_nothing(client, bob, complete_draft, offer):
    client.force_login(bob)
    assert client.get(f"/drafts/{complete_draft.pk}/history/").status_code == 404
    assert client.post(f"/drafts/{complete_draft.pk}/history/1/restore/").status_code == 404
    assert client.post(f"/compare/choose/{offer.pk}/", {"base": complete_draft.pk}).status_code == 404


def test_new_drafts_get_distinct_titles(alice_client, alice, offer):
    alice_client.post(f"/compare/choose/{offer.pk}/", {"base": ""})
    alice_client.post(f"/compare/choose/{offer.pk}/", {"base": ""})
    alice_client.post("/drafts/new/", {"title": "Offer B"})
    titles = sorted(Draft.objects.filter(owner=alice).values_list("title", flat=True))
    assert titles == ["Copy of Offer B", "Copy of Offer B (2)", "Offer B", "Offer B (2)"]


def test_an_exported_draft_carries_its_title(alice_client, complete_draft):
    exported = alice_client.get(f"/drafts/{complete_draft.pk}/export/").content
    assert json.loads(exported)["title"] == complete_draft.title
    upload = SimpleUploadedFile("answers.json", exported, content_type="application/json")
    alice_client.post("/drafts/import/", {"title": "", "file": upload})
    imported = Draft.objects.exclude(pk=complete_draft.pk).get()
    assert imported.title == f"{complete_draft.title} (2)"  # its title, told apart from the draft it came from
    assert imported.answers == complete_draft.answers


def test_contract_numbers_do_not_count_the_drafts(alice):
    drafts = [DraftFactory(owner=alice) for _ in range(3)]
    numbers = [draft.contract_number for draft in drafts]
    assert len(set(numbers)) == 3
    for draft in drafts:  # the year, then 8 random characters: no running count to read the site's size from
        assert re.fullmatch(
            rf"CRM-{draft.created_at:%Y}-[2-9A-HJKMNP-Z]{{4}}-[2-9A-HJKMNP-Z]{{4}}", draft.contract_number
        )
        assert f"{draft.pk:05d}" not in draft.contract_number
    assert services.contract_number_for(drafts[0]) == drafts[0].contract_number  # what the contract prints


def test_a_new_account_lands_on_a_page_that_says_what_to_do_first(client, settings):
    response = client.post(
        "/accounts/signup/",
        {"username": "carol", "password1": "a-long-pass-phrase-42", "password2": "a-long-pass-phrase-42"},
        follow=True,
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == "/drafts/"
    assert "What to do first" in page and "press “New draft”" in page
