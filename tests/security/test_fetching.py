"""Nothing a buyer or an admin writes makes WeasyPrint read a local file or call the network."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from contracts.models import Clause
from contracts.rendering.pdf import SafeURLFetcher, html_to_pdf
from contracts.services import contract_generate
from tests.clauses.test_admin import clause_form
from tests.factories import DraftFactory, UserFactory
from tests.helpers import pdf_text, squash
from tests.security.payloads import answers_with, text_fields

pytestmark = pytest.mark.django_db

FETCHING = {
    "image": "<img src=file:///etc/passwd>",
    "attachment": "<link rel=attachment href=file:///etc/passwd>",
    "css": '<p style="background: url(file:///etc/passwd)">',
    "metadata": "<img src=http://169.254.169.254/latest/meta-data/>",
}
FORBIDDEN = ("passwd", "169.254.169.254")


@pytest.fixture
def fetched(settings, monkeypatch) -> list[str]:
    """Every URL WeasyPrint asks for, recorded in this process (the render runs here, not in a child)."""
    settings.RENDER_ISOLATED = False
    settings.RENDER_PRERENDER = "off"
    urls: list[str] = []
    fetch = SafeURLFetcher.fetch

    def recording(self, url, headers=None):
        urls.append(url)
        return fetch(self, url, headers)

    monkeypatch.setattr(SafeURLFetcher, "fetch", recording)
    return urls


def attachments(pdf: bytes) -> dict:
    reader = PdfReader(io.BytesIO(pdf))
    annotations = [a.get_object().get("/Subtype") for page in reader.pages for a in page.get("/Annots") or []]
    assert "/FileAttachment" not in annotations
    return reader.attachments


def assert_printed_and_never_fetched(pdf: bytes, urls: list[str]) -> None:
    text = squash(pdf_text(pdf))
    for payload in FETCHING.values():
        assert squash(payload) in text, f"{payload!r} is not printed as text"
    assert not [u for u in urls if any(f in u for f in FORBIDDEN)], urls
    assert attachments(pdf) == {}


def test_the_recorder_sees_what_weasyprint_fetches(fetched):
    """The control: markup that does reach WeasyPrint is fetched (and refused), so the record is real."""
    pdf = html_to_pdf("<p>x</p>" + FETCHING["image"] + FETCHING["attachment"])
    assert "file:///etc/passwd" in fetched
    assert attachments(pdf) == {}


def test_markup_in_the_buyers_answers_is_printed_not_fetched(fetched, alice, library):
    fields = [
        f
        for f in text_fields()
        # the English print of the (bilingual) draft: the English of the free texts
        if f.name in ("buyer_address_en", "vendor_address_en", "requirements.text_en", "integrations.description_en")
    ]
    values = dict(zip(fields, FETCHING.values(), strict=True))
    draft = DraftFactory(owner=alice, answers=answers_with(values))
    contract = contract_generate(draft=draft, language="en", fmt="pdf")
    assert_printed_and_never_fetched(contract.file.read(), fetched)


def test_markup_in_a_clause_edited_by_an_admin_is_printed_not_fetched(fetched, client, alice, library):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    clause = Clause.objects.get(key="general.publicity")
    body = "Neither party shall publicise this Agreement. " + " ".join(FETCHING.values())
    response = client.post(
        f"/admin/contracts/clause/{clause.pk}/change/", clause_form(clause, body_en=body, change_note="fetch attempt")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    contract = contract_generate(draft=DraftFactory(owner=alice), language="en", fmt="pdf")
    assert_printed_and_never_fetched(contract.file.read(), fetched)
