"""Whatever a buyer types is data: shown escaped on every page, printed literally, never run as code."""

from __future__ import annotations

import io
import re

import markupsafe
import pytest
from django.conf import settings as django_settings
from django.utils.html import escape
from docx import Document as WordDocument

from contracts.models import Draft, GeneratedContract
from contracts.wizard.steps import STEPS
from tests.factories import DraftFactory
from tests.helpers import pdf_text, post_data, squash
from tests.security.payloads import (
    PAYLOADS,
    PER_MODULE,
    USAGE_BASED,
    TextField,
    answers_with,
    for_field,
    text_fields,
)

pytestmark = pytest.mark.django_db

FIELDS = text_fields()
RAW_MARKUP = ("<script>", "<img src=x", "</style><style>", "<link rel=attachment")


@pytest.fixture(autouse=True)
def _no_prerender(settings):
    settings.RENDER_PRERENDER = "off"  # the review page renders no PDF here; generation is tested below


def tagged(payload: str) -> dict[TextField, str]:
    """Each field's value: a tag naming the field, then the payload, cut to the field's length."""
    return {field: for_field(f"F{i}:{payload}", field) for i, field in enumerate(FIELDS)}


def escaped_forms(value: str) -> tuple[str, str]:
    """The value as Django's templates escape it, and as Jinja2's do (the wizard's widgets): one writes
    a quote as &quot;, the other as &#34;."""
    return escape(value), str(markupsafe.escape(value))


def assert_shown_as_text(page: str, values: dict[TextField, str], where: str) -> None:
    for field, value in values.items():
        assert any(form in page for form in escaped_forms(value)), f"{field} not shown escaped on {where}"
        if "{{7*7}}" in value:
            assert value.replace("{{7*7}}", "49") not in page, f"{field} was evaluated on {where}"
    for markup in RAW_MARKUP:
        assert markup not in page, f"raw {markup!r} on {where}"
    assert django_settings.SECRET_KEY not in page


USAGE_ONLY = ("usage_metric", "usage_metric_en")


def post_step(client, draft, step_key: str, fragment: dict):
    return client.post(f"/drafts/{draft.pk}/step/{step_key}/", post_data(step_key, fragment))


def of_step(values: dict[TextField, str], step_key: str) -> dict[TextField, str]:
    return {f: v for f, v in values.items() if f.step == step_key}


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_payload_in_every_text_field_is_shown_escaped_on_every_page(alice_client, alice, library, payload):
    draft = DraftFactory(owner=alice, answers={}, step_reached=0)
    values = tagged(payload)
    shown = {f: v for f, v in values.items() if f.name not in USAGE_ONLY}  # asked for usage pricing only
    document = answers_with(values, pricing=PER_MODULE)
    for step in STEPS:
        response = post_step(alice_client, draft, step.key, document[step.key])
        assert response.status_code == 302, (step.key, response.content.decode()[:3000])
        page = alice_client.get(f"/drafts/{draft.pk}/step/{step.key}/").content.decode()
        assert_shown_as_text(page, of_step(shown, step.key), f"the {step.key} step page")

    review = alice_client.get(f"/drafts/{draft.pk}/review/")
    assert review.status_code == 200
    assert_shown_as_text(review.content.decode(), shown, "the review page")
    preview = alice_client.get(f"/drafts/{draft.pk}/preview/")
    assert preview.status_code == 200
    assert_shown_as_text(preview.content.decode(), shown, "the preview")

    usage = answers_with(values, pricing=USAGE_BASED)["pricing"]
    assert post_step(alice_client, draft, "pricing", usage).status_code == 302
    metric = {f: v for f, v in values.items() if f.name in USAGE_ONLY}
    for url in (f"/drafts/{draft.pk}/step/pricing/", f"/drafts/{draft.pk}/review/", f"/drafts/{draft.pk}/preview/"):
        assert_shown_as_text(alice_client.get(url).content.decode(), metric, url)
    draft.refresh_from_db()
    assert draft.status == Draft.Status.COMPLETE


@pytest.mark.parametrize("field", [("parties", "buyer_uscc"), ("parties", "vendor_uscc")], ids=str)
def test_payload_in_a_formatted_field_is_refused_and_shown_escaped(alice_client, alice, field):
    draft = DraftFactory(owner=alice, answers={}, step_reached=0)
    fragment = answers_with({})["parties"] | {
        "vendor_is_foreign": False,
        "vendor_country": "CN",
        field[1]: '"><img src=x>',
    }
    response = post_step(alice_client, draft, "parties", fragment)
    page = response.content.decode()
    assert response.status_code == 200
    assert f'id="error_1_id_{field[1]}"' in page
    assert any(form in page for form in escaped_forms('"><img src=x>')) and "<img src=x>" not in page


def _without_marks(text: str) -> str:
    """PDF text extraction drops the zero-width direction marks; the visible text must be there."""
    return text.replace("\u200e", "").replace("\u200f", "")


@pytest.mark.parametrize("override", ["\u202e", "\u202d", "\u2066", "\u2067"], ids=ascii)
def test_a_direction_override_is_refused_at_its_field(alice_client, alice, override):
    draft = DraftFactory(owner=alice, answers={}, step_reached=0)
    fragment = answers_with({})["parties"] | {"buyer_address": f"Invoice {override}gnp.exe"}
    response = post_step(alice_client, draft, "parties", fragment)
    assert response.status_code == 200
    assert 'id="error_1_id_buyer_address"' in response.content.decode()
    draft.refresh_from_db()
    assert "parties" not in draft.answers


def spread_payloads() -> dict[TextField, str]:
    """Every payload somewhere, every field some payload: one contract carries them all."""
    kinds = list(PAYLOADS.values())
    return {field: for_field(f"F{i}:{kinds[i % len(kinds)]}", field) for i, field in enumerate(FIELDS)}


def generated(client, draft, language: str, fmt: str) -> bytes:
    response = client.post(f"/drafts/{draft.pk}/generate/", {"language": language, "format": fmt})
    assert response.status_code == 302 and "/download/" in response["Location"], response.get("Location")
    download = client.get(response["Location"])
    assert download.status_code == 200
    return b"".join(download.streaming_content)


def docx_text(content: bytes) -> str:
    document = WordDocument(io.BytesIO(content))
    cells = (cell.text for table in document.tables for row in table.rows for cell in row.cells)
    return "\n".join([p.text for p in document.paragraphs] + list(cells))


def test_the_pdf_and_the_word_file_print_every_payload_literally(alice_client, alice, library):
    values = spread_payloads()
    # the English contract names the place of signing by its English name (signing_place_en)
    # and, the draft being bilingual, the English of every free text that has one (`<field>_en`)
    names = {f.name for f in values}
    printed = {
        f: v
        for f, v in values.items()
        if f.name not in ("usage_metric", "usage_metric_en", "signing_place") and f"{f.name}_en" not in names
    }
    draft = DraftFactory(owner=alice, answers=answers_with(values, pricing=PER_MODULE))

    pdf = squash(pdf_text(generated(alice_client, draft, "en", "pdf")))
    for field, value in printed.items():
        assert squash(value) in pdf or squash(_without_marks(value)) in pdf, (
            f"{field}: {value!r} not printed literally in the PDF"
        )
    evaluated = [squash(v.replace("{{7*7}}", "49")) for v in printed.values() if "{{7*7}}" in v]
    assert evaluated and not any(text in pdf for text in evaluated)
    assert squash(django_settings.SECRET_KEY) not in pdf

    word = docx_text(generated(alice_client, draft, "en", "docx"))
    for field, value in printed.items():
        assert value in word, f"{field}: {value!r} not printed literally in the Word file"
    assert GeneratedContract.objects.filter(draft=draft).count() == 2
    assert alice_client.get("/drafts/").status_code == 200


@pytest.mark.parametrize(
    "text", ['"; } @page { size: 1mm } x { content: "', "</style><script>alert(1)</script>", "buyer's \\ line\nbreak"]
)
def test_a_running_header_string_cannot_end_its_css_string_or_the_style_element(text):
    from contracts.templatetags.contract_format import css_string

    escaped = str(css_string(text))
    assert not set(escaped) & set("\"'<>{};\n")  # every one of those is a CSS escape (\22, \3c ...)
    assert "&#" not in escaped and "&quot;" not in escaped  # CSS would print an HTML entity as it is
    decoded = re.sub(r"\\([0-9a-f]+) ", lambda m: chr(int(m.group(1), 16)), escaped)
    assert decoded == text  # what the reader sees is exactly the text
