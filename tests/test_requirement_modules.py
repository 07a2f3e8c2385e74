"""Each requirement names the modules it needs: pre-filled from its text, changed by the buyer,
kept through import, export and the command line."""

import html
import json
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from contracts.models import Draft
from tests.factories import DraftFactory, answers_document
from tests.helpers import post_data


def old_scope() -> dict:
    """The sample scope as a draft saved before requirements named their modules."""
    scope = answers_document()["scope"]
    scope["requirements"] = [{k: v for k, v in row.items() if k != "needs_modules"} for row in scope["requirements"]]
    return scope


def checked(page: str, row: int) -> set[str]:
    name = f"requirements-{row}-needs_modules"
    return {
        m.group(1)
        for tag in re.findall(rf"<input[^>]*name=\"{name}\"[^>]*>", page)
        if "checked" in tag and (m := re.search(r'value="([^"]+)"', tag))
    }


def test_an_old_draft_shows_the_suggested_modules_for_the_buyer_to_confirm(alice_client, alice, library):
    draft = DraftFactory(owner=alice, answers=answers_document(scope=old_scope()))
    page = alice_client.get(f"/drafts/{draft.pk}/step/scope/").content.decode()
    assert checked(page, 0) == {"mobile", "leads_opportunities"}  # 手机端 … 拜访记录
    assert checked(page, 2) == {"quotes_orders"}  # 报价单


def test_the_buyers_choice_is_saved_and_drives_the_review(alice_client, alice, library):
    draft = DraftFactory(owner=alice, answers=answers_document(scope=old_scope()))
    scope = old_scope()
    scope["requirements"][0]["needs_modules"] = ["marketing"]  # not bought
    response = alice_client.post(f"/drafts/{draft.pk}/step/scope/", post_data("scope", scope))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.answers["scope"]["requirements"][0]["needs_modules"] == ["marketing"]
    review = html.unescape(alice_client.get(f"/drafts/{draft.pk}/review/").content.decode())
    assert 'id="finding-functional.needed_module_not_bought"' in review
    assert "Marketing Automation" in review or "营销自动化" in review


def test_an_unknown_module_in_an_imported_file_is_an_error_at_the_field(alice_client):
    document = answers_document()
    document["scope"]["requirements"][0]["needs_modules"] = ["teleportation"]
    upload = SimpleUploadedFile("a.json", json.dumps(document, ensure_ascii=False).encode())
    response = alice_client.post("/drafts/import/", {"title": "Bad", "file": upload})
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Requirements, row 1: Needs module(s): Select a valid choice." in page
    assert "(scope.requirements[1].needs_modules)" in page
    assert not Draft.objects.filter(title="Bad").exists()


def test_an_imported_file_without_module_choices_stays_valid(alice_client):
    document = answers_document(scope=old_scope())
    upload = SimpleUploadedFile("a.json", json.dumps(document, ensure_ascii=False).encode())
    alice_client.post("/drafts/import/", {"title": "Old", "file": upload})
    assert Draft.objects.get(title="Old").status == Draft.Status.COMPLETE


def test_the_command_line_review_uses_the_choice(tmp_path, library, capsys):
    document = answers_document()
    document["scope"]["requirements"][1]["needs_modules"] = ["marketing"]  # R2, a must-have
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(document, ensure_ascii=False))
    call_command("risk_review", str(path))
    findings = json.loads(capsys.readouterr().out)["findings"]
    finding = next(f for f in findings if f["rule"] == "functional.needed_module_not_bought")
    assert finding["severity"] == "high" and "R2" in finding["problem"]["en"]
