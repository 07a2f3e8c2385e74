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


# The parties in English (issue 17) ----------------------------------------------------------------

PARTY_EN = (
    "buyer_name_en",
    "buyer_address_en",
    "buyer_representative_en",
    "buyer_contact_name_en",
    "vendor_name_en",
    "vendor_address_en",
    "vendor_representative_en",
    "vendor_contact_name_en",
)


def test_the_parties_step_asks_the_parties_in_english_when_the_contract_is_bilingual(alice_client, alice):
    draft = draft_in(alice, "bilingual")
    page = alice_client.get(f"/drafts/{draft.pk}/step/parties/").content.decode()
    for name in PARTY_EN:
        # shown by the contract language chosen on the same step, as the place of signing's English
        assert re.search(rf'name="{name}"[^>]*data-show-if="contract_language" data-show-values="bilingual"', page), (
            name
        )
    assert 'value="Shanghai Example Trading Co., Ltd."' in page
    assert "Vendor name in English" in page and "as the English cover and signature page print it" in page


def test_a_single_language_contract_may_leave_the_parties_english_out(alice_client, alice):
    draft = draft_in(alice, "zh")
    fragment = draft.answers["parties"] | dict.fromkeys(PARTY_EN, "")
    response = alice_client.post(f"/drafts/{draft.pk}/step/parties/", post_data("parties", fragment))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert all(draft.answers["parties"].get(name) is None for name in PARTY_EN)


def test_the_wizard_warns_about_a_party_given_in_chinese_only(alice_client, alice):
    draft = draft_in(alice, "bilingual")
    draft.answers["parties"]["vendor_address_en"] = ""
    draft.save()
    page = alice_client.get(f"/drafts/{draft.pk}/step/parties/").content.decode()
    assert "Bilingual contract: give the English too" in page


@pytest.mark.parametrize(
    ("language", "place", "place_en", "field", "message"),
    [
        ("bilingual", "上海市浦东新区", "", "signing_place_en", "The contract does not know this place in English"),
        ("bilingual", "上海市浦东新区", "浦东", "signing_place_en", "Type the English name of the place in English"),
        ("en", "上海市浦东新区", None, "signing_place", "The contract is in English: type the place of signing"),
    ],
)
def test_a_signing_place_the_catalogue_does_not_know_must_be_given_in_english(
    alice_client, alice, language, place, place_en, field, message
):
    draft = draft_in(alice, language)
    fragment = draft.answers["parties"] | {"signing_place": place, "signing_place_en": place_en}
    response = alice_client.post(f"/drafts/{draft.pk}/step/parties/", post_data("parties", fragment))
    assert response.status_code == 200
    errors = response.context["bound"].form.errors
    assert list(errors) == [field] and message in errors[field][0]


@pytest.mark.parametrize(
    ("language", "place", "place_en"),
    [
        ("bilingual", "上海市浦东新区", "Pudong New Area, Shanghai"),
        ("bilingual", "上海", ""),  # the catalogue knows it in both languages
        ("en", "上海", None),
        ("en", "Pudong New Area, Shanghai", None),
        ("zh", "上海市浦东新区", None),
    ],
)
def test_a_signing_place_in_english_or_in_the_catalogue_is_accepted(alice_client, alice, language, place, place_en):
    draft = draft_in(alice, language)
    fragment = draft.answers["parties"] | {"signing_place": place, "signing_place_en": place_en}
    response = alice_client.post(f"/drafts/{draft.pk}/step/parties/", post_data("parties", fragment))
    assert response.status_code == 302


def test_chinese_typed_into_an_english_contract_is_saved_with_a_warning_at_the_field(alice_client, alice):
    draft = draft_in(alice, "en")
    english = {name[:-3]: draft.answers["parties"][name] for name in PARTY_EN}
    fragment = draft.answers["parties"] | english | {"signing_place": "Shanghai", "vendor_address": "文三路90号"}
    response = alice_client.post(f"/drafts/{draft.pk}/step/parties/", post_data("parties", fragment), follow=True)
    draft.refresh_from_db()
    assert draft.answers["parties"]["vendor_address"] == "文三路90号"  # saved: the buyer may mean it
    page = response.content.decode()
    assert "The contract is in English, but these answers on" in page and "contain Chinese" in page
    assert "contain Chinese, which prints as typed: Vendor address. Type them" in page
    page = alice_client.get(f"/drafts/{draft.pk}/step/parties/").content.decode()
    assert "English contract: this contains Chinese, which prints as typed" in page
    # and the risk review names the field, with a link to it
    assert "parties.vendor_address" in page


def test_an_english_contract_typed_in_english_gets_no_warning(alice_client, alice):
    draft = draft_in(alice, "en")
    english = {name[:-3]: draft.answers["parties"][name] for name in PARTY_EN}
    fragment = draft.answers["parties"] | english | {"signing_place": "Shanghai"}
    response = alice_client.post(f"/drafts/{draft.pk}/step/parties/", post_data("parties", fragment), follow=True)
    assert "The contract is in English, but these answers" not in response.content.decode()
