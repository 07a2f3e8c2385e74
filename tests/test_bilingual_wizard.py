"""The wizard asks each free text a bilingual contract prints in English too, under its Chinese; a
single-language draft keeps what was typed for it without asking."""

import re

import pytest

from contracts.models import Draft
from tests.factories import DraftFactory, answers_document
from tests.helpers import post_data

pytestmark = pytest.mark.django_db


def draft_in(owner, language: str, **changes) -> Draft:
    parties = {"contract_language": language, "prevailing_language": "zh" if language == "bilingual" else None}
    return DraftFactory(owner=owner, answers=answers_document(parties=parties, **changes))


def test_a_bilingual_draft_asks_the_english_under_each_chinese_text(alice_client, alice):
    draft = draft_in(alice, "bilingual")
    page = alice_client.get(f"/drafts/{draft.pk}/step/scope/").content.decode()
    assert re.search(r'<textarea name="requirements-0-text_en"[^>]*placeholder="English"', page)
    assert "Sales staff can record customer visits on their phones." in page
    assert 'name="edition_en"' in page and "Edition in English" in page
    assert "(Chinese, then English)" in page


def test_the_wizard_warns_about_a_text_given_in_chinese_only(alice_client, alice):
    draft = draft_in(alice, "bilingual")
    draft.answers["scope"]["requirements"][1]["text_en"] = ""
    draft.save()
    page = alice_client.get(f"/drafts/{draft.pk}/step/scope/").content.decode()
    assert "Bilingual contract: row 2 lacks the other language" in page


def test_a_chinese_draft_keeps_the_english_hidden_and_loses_nothing_on_save(alice_client, alice):
    draft = draft_in(alice, "zh")
    page = alice_client.get(f"/drafts/{draft.pk}/step/scope/").content.decode()
    assert re.search(r'<input type="hidden" name="requirements-0-text_en" value="Sales staff', page)
    assert "Requirement in English" not in page and "Bilingual contract:" not in page
    response = alice_client.post(f"/drafts/{draft.pk}/step/scope/", post_data("scope", draft.answers["scope"]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (
        draft.answers["scope"]["requirements"][0]["text_en"]
        == "Sales staff can record customer visits on their phones."
    )


def test_the_seat_of_arbitration_has_its_english_field_for_a_bilingual_contract(alice_client, alice):
    draft = draft_in(alice, "bilingual", legal={"forum": "arbitration", "arbitration_commission": "CIETAC"})
    page = alice_client.get(f"/drafts/{draft.pk}/step/legal/").content.decode()
    assert 'name="arbitration_seat_en"' in page and "Seat of arbitration in English" in page
    assert "prints in both languages by itself" in page


def test_the_review_lists_the_english_only_for_a_bilingual_contract(alice_client, alice):
    bilingual, chinese = draft_in(alice, "bilingual"), draft_in(alice, "zh")
    page = alice_client.get(f"/drafts/{bilingual.pk}/review/").content.decode()
    # a list's English sits under its Chinese, in the same cell: the table keeps one column per answer
    assert (
        '<span class="d-block text-body-secondary" lang="en">Sales staff can record customer visits on their phones.'
        in (page)
    )
    assert "Requirement in English" not in page and "Edition in English" in page
    page = alice_client.get(f"/drafts/{chinese.pk}/review/").content.decode()
    assert "Sales staff can record customer visits on their phones." not in page
    assert "Requirement in English" not in page and "Edition in English" not in page
