"""Oversized input is refused with a reason a buyer understands, and nothing is half-saved."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from contracts.models import Draft, GeneratedContract
from contracts.services import answers_export
from tests.conftest import RENDER_TIMEOUT_IN_TESTS
from tests.factories import DraftFactory, answers_document
from tests.helpers import post_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_prerender(settings):
    settings.RENDER_PRERENDER = "off"


def assert_refused_as_too_large(response) -> None:
    assert response.status_code == 400
    page = response.content.decode()
    assert "This request could not be accepted" in page and "Nothing was saved" in page


def test_a_form_larger_than_the_upload_limit_gets_the_400_page(alice_client, alice, settings):
    draft = DraftFactory(owner=alice)
    before = draft.answers
    data = post_data("parties", before["parties"] | {"buyer_address": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})
    assert_refused_as_too_large(alice_client.post(f"/drafts/{draft.pk}/step/parties/", data))
    draft.refresh_from_db()
    assert draft.answers == before and draft.pending_input == {}


def test_a_form_with_too_many_fields_gets_the_400_page(alice_client, alice, settings):
    draft = DraftFactory(owner=alice)
    before = draft.answers
    data = post_data("scope", before["scope"]) | {
        f"junk-{i}": "1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)
    }
    assert_refused_as_too_large(alice_client.post(f"/drafts/{draft.pk}/step/scope/", data))
    draft.refresh_from_db()
    assert draft.answers == before


def rows(list_name: str, count: int) -> list[dict]:
    make = {
        "requirements": lambda i: {"id": f"R{i}", "text": f"需求{i}", "priority": "must", "acceptance_test": ""},
        "integrations": lambda i: {"system": f"系统{i}", "direction": "both", "description": ""},
        "milestones": lambda i: {"name": f"里程碑{i}", "due_date": "2027-01-29", "payment_pct": ""},
    }[list_name]
    return [make(i) for i in range(1, count + 1)]


def list_section(page: str, list_name: str) -> str:
    """The list's own fieldset on the step page, where its message must be."""
    start = page.index(f'data-list="{list_name}"')
    return page[start : page.index("</fieldset>", start)]


@pytest.mark.parametrize(
    "step_key, list_name, most",
    [
        ("scope", "requirements", 200),
        ("scope", "integrations", 50),
        ("implementation", "milestones", 30),
    ],
)
def test_a_list_longer_than_allowed_is_refused_at_the_list(alice_client, alice, step_key, list_name, most):
    draft = DraftFactory(owner=alice)
    before = draft.answers
    url = f"/drafts/{draft.pk}/step/{step_key}/"

    fragment = before[step_key] | {list_name: rows(list_name, most + 1)}
    if list_name == "milestones":
        fragment["payment_schedule"] = "annual_advance"
    response = alice_client.post(url, post_data(step_key, fragment))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Please submit at most {most} forms." in list_section(page, list_name)
    draft.refresh_from_db()
    assert draft.answers == before

    response = alice_client.post(url, post_data(step_key, before[step_key] | {list_name: rows(list_name, most)}))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert len(draft.answers[step_key][list_name]) == most


def upload(body: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("answers.json", body, content_type="application/json")


def test_an_answers_file_over_1_mb_is_refused_with_a_message(alice_client, alice):
    document = json.dumps(answers_document(), ensure_ascii=False).encode()
    padded = document[:-1] + b" " * (1_000_001 - len(document)) + b"}"
    assert len(padded) == 1_000_001 and json.loads(padded)
    drafts = Draft.objects.count()
    response = alice_client.post("/drafts/import/", {"title": "too big", "file": upload(padded)})
    assert response.status_code == 200
    assert "The file is larger than 1 MB." in response.content.decode()
    assert Draft.objects.count() == drafts

    response = alice_client.post("/drafts/import/", {"title": "fits", "file": upload(padded[:999_999] + b"}")})
    assert response.status_code == 302
    exported = answers_export(draft=DraftFactory(owner=alice))
    assert Draft.objects.get(title="fits").answers == {key: value for key, value in exported.items() if key != "title"}


def test_a_pathological_draft_fails_to_generate_with_a_message_and_the_app_keeps_serving(
    alice_client, alice, library, settings
):
    settings.RENDER_TIMEOUT_SECONDS = 1  # hundreds of pages: far past it, whatever the machine
    requirements = [
        {
            "id": f"R{i}",
            "text": ("系统应当支持客户数据的同步与审计。" * 236)[:4000],
            "priority": "must",
            "acceptance_test": "验收测试",
        }
        for i in range(1, 201)
    ]
    draft = DraftFactory(owner=alice, answers=answers_document(scope={"requirements": requirements}))
    assert len(draft.answers["scope"]["requirements"][199]["text"]) == 4000  # valid: at the field limit

    response = alice_client.post(f"/drafts/{draft.pk}/generate/", {"language": "zh", "format": "pdf"})
    assert response.status_code == 302 and response["Location"] == f"/drafts/{draft.pk}/review/"
    page = alice_client.get(response["Location"]).content.decode()
    assert "too long to print" in page and "Shorten the longest texts" in page
    assert not GeneratedContract.objects.filter(draft=draft).exists()

    assert alice_client.get("/drafts/").status_code == 200
    settings.RENDER_TIMEOUT_SECONDS = RENDER_TIMEOUT_IN_TESTS  # an ordinary contract, under the suite's limit
    small = DraftFactory(owner=alice)
    response = alice_client.post(f"/drafts/{small.pk}/generate/", {"language": "zh", "format": "pdf"})
    assert "/download/" in response["Location"]
