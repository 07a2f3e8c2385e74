"""Input the hardening probe (issue 20) got past the wizard: far dates, broken characters, deep nesting,
wrong JSON types and made-up positions, by every way in: the wizard, the hints, import and the command line."""

import codecs
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from contracts.models import Draft
from tests.factories import DraftFactory, answers_document
from tests.helpers import post_data, stored_only_on_sqlite
from tests.security.payloads import (
    BAD_POSITIONS,
    DEEP_JSON,
    FAR_DATES,
    LONE_SURROGATE,
    LONE_SURROGATE_JSON,
    WRONG_TYPES,
)

pytestmark = pytest.mark.django_db

DATE_MESSAGE = "Enter a date from 2000-01-01 to 2100-12-31."


def _import(client, content: bytes, title="Probe"):
    return client.post("/drafts/import/", {"title": title, "file": SimpleUploadedFile("a.json", content)})


@pytest.mark.parametrize("far", FAR_DATES)
def test_a_far_date_is_refused_at_its_field_in_the_wizard(alice_client, alice, far):
    draft = DraftFactory(owner=alice)
    data = post_data("term", answers_document()["term"] | {"start_date": far})
    page = alice_client.post(f"/drafts/{draft.pk}/step/term/", data).content.decode()
    assert DATE_MESSAGE in page
    assert Draft.objects.get(pk=draft.pk).answers["term"]["start_date"] != far


def test_the_date_inputs_tell_the_browser_the_range(alice_client, complete_draft):
    page = alice_client.get(f"/drafts/{complete_draft.pk}/step/term/").content.decode()
    assert 'min="2000-01-01"' in page and 'max="2100-12-31"' in page


def test_a_far_date_in_the_live_hints_is_no_error(alice_client, complete_draft):
    data = post_data("term", answers_document()["term"] | {"start_date": "9999-06-01"})
    response = alice_client.post(f"/drafts/{complete_draft.pk}/hints/", {**data, "_step": "term"})
    assert response.status_code == 200


def test_a_draft_stored_with_a_far_date_still_shows_its_pages(alice_client, alice, library):
    answers = answers_document()
    answers["term"]["start_date"] = "9999-06-01"  # as the wizard stored it before the range
    draft = DraftFactory(owner=alice, answers=answers)
    review = alice_client.get(f"/drafts/{draft.pk}/review/")
    assert review.status_code == 200 and DATE_MESSAGE in review.content.decode()
    for url in ("step/term/", "positions/", "preview/", "key-dates.ics", "export/"):
        assert alice_client.get(f"/drafts/{draft.pk}/{url}").status_code == 200, url
    assert alice_client.get("/drafts/").status_code == 200


@pytest.mark.parametrize("far", ["9999-06-01", "1999-12-31"])
def test_a_far_date_in_an_imported_file_is_refused(alice_client, far):
    document = answers_document()
    document["implementation"]["milestones"][0]["due_date"] = far
    page = _import(alice_client, json.dumps(document).encode()).content.decode()
    assert DATE_MESSAGE in page and "(implementation.milestones[1].due_date)" in page
    assert not Draft.objects.filter(title="Probe").exists()


def test_a_far_date_is_refused_on_the_command_line(library, tmp_path):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers_document(term={"start_date": "9999-06-01"})), encoding="utf-8")
    for command in ("show_terms", "render_contract"):
        with pytest.raises(CommandError, match=f"term.start_date: {DATE_MESSAGE}"):
            call_command(command, str(path), *(["-o", str(tmp_path / "x.pdf")] if command == "render_contract" else []))


def test_a_lone_surrogate_in_an_imported_file_is_refused_naming_the_field(alice_client):
    body = json.dumps(answers_document(), ensure_ascii=True).encode()
    body = body.replace(b'"buyer_name": "', b'"buyer_name": ' + LONE_SURROGATE_JSON[:-1], 1)
    assert json.loads(body)["parties"]["buyer_name"].startswith(LONE_SURROGATE)
    response = _import(alice_client, body)
    page = response.content.decode()
    assert response.status_code == 200
    assert "parties.buyer_name: This text holds a broken character (\\ud800" in page
    assert not Draft.objects.filter(title="Probe").exists()


def test_a_lone_surrogate_in_a_key_or_a_list_is_refused(alice_client):
    document = answers_document()
    document["scope"]["requirements"] = [{"text": LONE_SURROGATE}]
    document["legal"][LONE_SURROGATE] = "x"
    page = _import(alice_client, json.dumps(document).encode()).content.decode()
    assert "scope.requirements[1].text: This text holds a broken character" in page
    assert "legal.?abc: This text holds a broken character" in page


def test_a_lone_surrogate_is_refused_by_every_text_field_and_on_the_command_line(library, tmp_path):
    from contracts.problems import validate_answers

    _typed, problems = validate_answers(answers_document(parties={"buyer_name": LONE_SURROGATE}))
    assert [str(p) for p in problems] == [
        "parties.buyer_name: Remove the broken character from this text (half of an emoji or other character "
        "copied apart)."
    ]
    path = tmp_path / "answers.json"
    path.write_bytes(json.dumps(answers_document()).encode().replace(b'"CN"', LONE_SURROGATE_JSON, 1))
    with pytest.raises(CommandError, match="broken character"):
        call_command("show_terms", str(path))


def test_deeply_nested_json_is_a_clear_refusal(alice_client, library, tmp_path):
    response = _import(alice_client, DEEP_JSON)
    assert response.status_code == 200
    assert "more than 8 levels deep" in response.content.decode()
    path = tmp_path / "deep.json"
    path.write_bytes(DEEP_JSON)
    with pytest.raises(CommandError, match="more than 8 levels deep"):
        call_command("show_terms", str(path))


def test_nesting_below_the_parser_limit_is_refused_too(alice_client):
    document = answers_document()
    document["scope"]["requirements"] = [{"text": [[[[[["deep"]]]]]]}]
    assert "more than 8 levels deep" in _import(alice_client, json.dumps(document).encode()).content.decode()


@pytest.mark.parametrize(
    "step, field, expected",
    [
        ("scope", "seat_count", "scope.seat_count)"),
        ("parties", "buyer_name", "parties.buyer_name)"),
        ("implementation", "milestones", "implementation.milestones)"),
        ("term", "auto_renew", "term.auto_renew)"),
        ("data", "export_formats", "data.export_formats)"),
    ],
)
def test_a_value_of_the_wrong_type_is_refused_not_coerced(alice_client, step, field, expected):
    document = answers_document()
    document[step][field] = WRONG_TYPES[step][field]
    page = _import(alice_client, json.dumps(document, ensure_ascii=False).encode()).content.decode()
    assert "Expected " in page and expected in page
    assert not Draft.objects.filter(title="Probe").exists()


def test_wrong_types_are_named_on_the_command_line(library, tmp_path):
    document = answers_document()
    for step, fields in WRONG_TYPES.items():
        document[step] |= fields
    document["sla"]["credit_table"][0]["credit"] = True
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("show_terms", str(path))
    message = str(refused.value)
    assert "scope.seat_count: Expected a whole number (or one in quotes), not a list." in message
    assert "parties.buyer_name: Expected text, not an object." in message
    assert "implementation.milestones: Expected a list of rows, each an object, not a list." in message
    assert "term.auto_renew: Expected true or false, not text." in message
    assert "data.export_formats: Expected a list of choices, each as text, not text." in message
    assert "sla.credit_table[1].credit: Expected a number (or a number in quotes), not true or false." in message


def test_made_up_positions_are_refused(alice_client, library):
    document = answers_document() | {"positions": BAD_POSITIONS}
    page = _import(alice_client, json.dumps(document).encode()).content.decode()
    assert "No negotiable clause has this key. (positions.&lt;script&gt;alert(1)&lt;/script&gt;)" in page
    assert "<script>alert(1)" not in page
    assert not Draft.objects.filter(title="Probe").exists()


def test_positions_must_be_ones_the_clause_offers(alice_client, library):
    from contracts.clauses.positions import negotiable_clauses
    from contracts.clauses.snapshot import library_snapshot

    clause = negotiable_clauses(library_snapshot())[0]
    document = answers_document() | {"positions": {clause.key: "surrender"}}
    page = _import(alice_client, json.dumps(document).encode()).content.decode()
    assert (
        f"Choose one of this clause&#x27;s positions: {', '.join(clause.positions)}. (positions.{clause.key})" in page
    )
    document["positions"] = {clause.key: clause.positions[-1]}
    assert _import(alice_client, json.dumps(document).encode()).status_code == 302
    assert Draft.objects.get(title="Probe").answers["positions"] == {clause.key: clause.positions[-1]}


def test_a_file_with_a_byte_order_mark_imports(alice_client, complete_draft):
    body = codecs.BOM_UTF8 + json.dumps(complete_draft.answers, ensure_ascii=False).encode()
    response = _import(alice_client, body, title="With BOM")
    assert response.status_code == 302
    assert Draft.objects.get(title="With BOM").answers == complete_draft.answers


@stored_only_on_sqlite
def test_a_draft_stored_with_a_broken_character_still_exports_and_the_file_is_refused_on_import(alice_client, alice):
    answers = answers_document()
    answers["parties"]["buyer_name"] = LONE_SURROGATE  # stored before imports refused it
    draft = DraftFactory(owner=alice, answers=answers)
    exported = alice_client.get(f"/drafts/{draft.pk}/export/")
    assert exported.status_code == 200
    assert json.loads(exported.content)["parties"]["buyer_name"] == LONE_SURROGATE
    assert (
        "parties.buyer_name: This text holds a broken character"
        in _import(alice_client, exported.content).content.decode()
    )
