"""Text at the edge: the longest text a field takes is kept whole; longer text, or text with control
characters, is refused at its field with a reason, and the saved answers stay as they were."""

from __future__ import annotations

import html
import re

import pytest

from tests.factories import DraftFactory
from tests.helpers import post_data
from tests.security.payloads import PER_MODULE, answers_with, text_fields

pytestmark = pytest.mark.django_db

STEPS_WITH_TEXT = sorted({f.step for f in text_fields()})


@pytest.fixture(autouse=True)
def _no_prerender(settings):
    settings.RENDER_PRERENDER = "off"


def fields_of(step_key: str):
    return [f for f in text_fields() if f.step == step_key and f.name not in ("usage_metric", "usage_metric_en")]


def post_step(client, draft, step_key: str, values: dict):
    fragment = answers_with(values, pricing=PER_MODULE)[step_key]
    return client.post(f"/drafts/{draft.pk}/step/{step_key}/", post_data(step_key, fragment))


def field_error_ids(page: str, step_key: str, field) -> list[str]:
    """The id crispy gives the error under a field (lists: `requirements-0-text`)."""
    name = f"{field.list_name}-0-{field.cell}" if field.list_name else field.name
    return [i for i in (f'id="error_1_id_{name}"',) if i in page]


@pytest.mark.parametrize("step_key", STEPS_WITH_TEXT)
def test_text_at_the_limit_is_kept_whole_and_one_more_character_is_refused(alice_client, alice, step_key):
    draft = DraftFactory(owner=alice, answers=answers_with({}, pricing=PER_MODULE))
    fields = fields_of(step_key)
    # the English companions in English: a Chinese one is refused for what it is (the place of signing's)
    at_limit = {f: ("a" if f.name.endswith("_en") else "合") * f.max_length for f in fields}
    assert post_step(alice_client, draft, step_key, at_limit).status_code == 302
    draft.refresh_from_db()
    saved = draft.answers[step_key]
    for field in fields:
        stored = saved[field.list_name][0][field.cell] if field.list_name else saved[field.name]
        assert stored == at_limit[field], field

    response = post_step(alice_client, draft, step_key, {f: "合" * (f.max_length + 1) for f in fields})
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    for field in fields:
        assert field_error_ids(page, step_key, field), f"{field}: no error shown at the field"
        assert f"Enter at most {field.max_length} characters (this has {field.max_length + 1})." in page, field
    before = draft.answers
    draft.refresh_from_db()
    assert draft.answers == before


@pytest.mark.parametrize("step_key", STEPS_WITH_TEXT)
def test_control_characters_are_refused_at_every_text_field(alice_client, alice, step_key):
    draft = DraftFactory(owner=alice, answers=answers_with({}, pricing=PER_MODULE))
    before = draft.answers
    fields = fields_of(step_key)
    response = post_step(alice_client, draft, step_key, {f: "Acme\x07\x1b[2J" for f in fields})
    page = response.content.decode()
    assert response.status_code == 200
    at_fields = re.sub(
        r'<div class="alert alert-danger" role="alert" id="error-summary".*?</div>', "", page, flags=re.S
    )
    assert at_fields.count("Remove the invisible control characters from this text") == len(fields)
    assert len(re.findall(r"<li><a href=\"#id_", page)) == len(fields)  # and each once in the summary, linked
    for field in fields:
        assert field_error_ids(page, step_key, field), f"{field}: no error shown at the field"
    draft.refresh_from_db()
    assert draft.answers == before


def test_tabs_and_line_breaks_are_ordinary_text(alice_client, alice):
    draft = DraftFactory(owner=alice, answers=answers_with({}, pricing=PER_MODULE))
    text = next(f for f in text_fields() if f.name == "requirements.text")
    response = post_step(alice_client, draft, "scope", {text: "第一行\r\n第二行\t缩进"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.answers["scope"]["requirements"][0]["text"] == "第一行\r\n第二行\t缩进"
