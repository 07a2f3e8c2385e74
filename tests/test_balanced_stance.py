"""The whole-contract stance on the review page: buyer-favourable (default) or balanced, every negotiable
clause set at once, single clauses changed after; preview, deviations, risk review, export/import and the
command line follow."""

import html
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from contracts.clauses.positions import negotiable_clauses
from contracts.clauses.snapshot import library_snapshot
from contracts.models import Draft
from tests.factories import DraftFactory, answers_document

pytestmark = pytest.mark.django_db

BALANCED_AMENDMENTS = "bind the Vendor only to the extent set out in this Agreement"


def review(client, draft) -> str:
    return html.unescape(client.get(f"/drafts/{draft.pk}/review/").content.decode())


def test_the_review_page_offers_the_stance_buyer_favourable_by_default(alice_client, complete_draft, library):
    page = review(alice_client, complete_draft)
    assert f'action="/drafts/{complete_draft.pk}/stance/"' in page
    assert 'name="stance" id="stance-buyer" value="buyer" checked' in page
    assert 'id="stance-balanced" value="balanced">' in page


def test_the_balanced_stance_sets_every_clause_and_single_clauses_change_after(alice_client, complete_draft, library):
    response = alice_client.post(f"/drafts/{complete_draft.pk}/stance/", {"stance": "balanced"})
    assert response.status_code == 302
    complete_draft.refresh_from_db()
    assert complete_draft.answers["positions"] == {"stance": "balanced"}
    page = review(alice_client, complete_draft)
    assert 'id="stance-balanced" value="balanced" checked' in page
    assert "Every negotiable clause now uses the balanced text." in page
    negotiable = len(negotiable_clauses(library_snapshot()))
    assert f"{negotiable} clauses use a balanced or the vendor's text instead of ours" in page
    preview = alice_client.get(f"/drafts/{complete_draft.pk}/preview/?language=en").content.decode()
    assert BALANCED_AMENDMENTS in html.unescape(preview)
    # the positions page starts each clause at the stance, and one clause goes back to our text
    positions = alice_client.get(f"/drafts/{complete_draft.pk}/positions/").content.decode()
    assert 'id="general.amendments-balanced" value="balanced" checked' in positions
    assert 'id="stance-note"' in positions
    choices = {c.key: "balanced" for c in negotiable_clauses(library_snapshot())} | {"general.amendments": "buyer"}
    alice_client.post(f"/drafts/{complete_draft.pk}/positions/", choices)
    complete_draft.refresh_from_db()
    assert complete_draft.answers["positions"] == {"stance": "balanced", "general.amendments": "buyer"}
    preview = html.unescape(alice_client.get(f"/drafts/{complete_draft.pk}/preview/?language=en").content.decode())
    assert BALANCED_AMENDMENTS not in preview and "remains binding on the Vendor" in preview
    page = review(alice_client, complete_draft)
    assert "Deviations from our standard" in page
    assert "1 clause is set differently from this stance on the positions page." in page
    # back to our standard: every clause at once
    alice_client.post(f"/drafts/{complete_draft.pk}/stance/", {"stance": "buyer"})
    complete_draft.refresh_from_db()
    assert "positions" not in complete_draft.answers


def test_a_bad_stance_is_refused_with_a_message_and_nothing_changes(alice_client, complete_draft, library):
    response = alice_client.post(f"/drafts/{complete_draft.pk}/stance/", {"stance": "vendor"}, follow=True)
    assert response.status_code == 200
    assert "Choose buyer-favourable or balanced." in html.unescape(response.content.decode())
    complete_draft.refresh_from_db()
    assert "positions" not in complete_draft.answers


def test_a_stance_posted_from_a_stale_page_does_not_overwrite_newer_positions(alice_client, complete_draft, library):
    page = review(alice_client, complete_draft)
    loaded = page.split('name="_loaded" value="')[1].split('"')[0]
    alice_client.post(f"/drafts/{complete_draft.pk}/positions/", {"liability.cap": "vendor"})  # another tab
    alice_client.post(f"/drafts/{complete_draft.pk}/stance/", {"stance": "balanced", "_loaded": loaded})
    complete_draft.refresh_from_db()
    assert complete_draft.answers["positions"] == {"liability.cap": "vendor"}


def test_another_users_draft_gets_404(client, bob, alice, library):
    draft = DraftFactory(owner=alice)
    client.force_login(bob)
    assert client.post(f"/drafts/{draft.pk}/stance/", {"stance": "balanced"}).status_code == 404
    draft.refresh_from_db()
    assert "positions" not in draft.answers


def test_the_stance_round_trips_through_export_and_import(alice_client, alice, library):
    draft = DraftFactory(owner=alice, answers={**answers_document(), "positions": {"stance": "balanced"}})
    exported = alice_client.get(f"/drafts/{draft.pk}/export/")
    assert json.loads(exported.content)["positions"] == {"stance": "balanced"}
    upload = SimpleUploadedFile("answers.json", exported.content, content_type="application/json")
    alice_client.post("/drafts/import/", {"title": "Imported", "file": upload})
    assert Draft.objects.get(title="Imported").answers["positions"] == {"stance": "balanced"}
    bad = json.dumps({**answers_document(), "positions": {"stance": "vendor"}}).encode()
    response = alice_client.post("/drafts/import/", {"title": "Bad", "file": SimpleUploadedFile("b.json", bad)})
    assert "The stance is buyer or balanced." in html.unescape(response.content.decode())
    assert not Draft.objects.filter(title="Bad").exists()


def test_the_command_line_prints_and_reviews_the_balanced_stance(library, tmp_path, capsys):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({**answers_document(), "positions": {"stance": "balanced"}}, ensure_ascii=False))
    out = tmp_path / "contract.html"
    call_command("render_contract", str(path), "--language", "en", "--format", "html", "-o", str(out))
    assert BALANCED_AMENDMENTS in html.unescape(out.read_text(encoding="utf-8"))
    capsys.readouterr()
    call_command("risk_review", str(path))
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert "deviation.general.amendments" in {f["rule"] for f in findings}


def test_the_command_line_refuses_a_stance_or_position_the_library_cannot_honour(library, tmp_path):
    path = tmp_path / "answers.json"
    positions = {"stance": "vendor", "general.amendments": "vendor"}
    path.write_text(json.dumps({**answers_document(), "positions": positions}, ensure_ascii=False))
    with pytest.raises(CommandError) as refused:
        call_command("render_contract", str(path), "-o", str(tmp_path / "x.pdf"))
    assert "positions.stance: The stance is buyer or balanced." in str(refused.value)
    assert "positions.general.amendments: Choose one of this clause's positions: buyer, balanced." in str(refused.value)
