"""Draft titles, the comparison CSV and caching, as the hardening probe (issue 20) found them."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from contracts.models import Draft
from tests.factories import DraftFactory
from tests.helpers import stored_only_on_sqlite
from tests.security.payloads import BAD_TITLES, FORMULA_TITLES

pytestmark = pytest.mark.django_db
POSTED_TITLES = [t for t in BAD_TITLES if "\ud800" not in t]  # no browser can send half a character


def test_the_title_form_refuses_every_probe_title():
    from contracts.wizard.forms import TitleForm

    for title in BAD_TITLES:
        form = TitleForm({"title": title})
        assert not form.is_valid() and form.errors["title"][0].startswith("Remove the"), repr(title)


@pytest.mark.parametrize("title", POSTED_TITLES)
def test_a_rename_to_a_title_with_invisible_characters_is_refused_at_the_field(alice_client, complete_draft, title):
    before = complete_draft.title
    response = alice_client.post(f"/drafts/{complete_draft.pk}/rename/", {"title": title})
    assert response.status_code == 400
    page = response.content.decode()
    assert f'aria-describedby="title-{complete_draft.pk}-error"' in page
    assert f'id="title-{complete_draft.pk}-error" class="invalid-feedback">Remove the' in page
    assert Draft.objects.get(pk=complete_draft.pk).title == before


@pytest.mark.parametrize("title", POSTED_TITLES)
def test_a_new_draft_or_an_import_with_such_a_title_is_refused(alice_client, complete_draft, title):
    response = alice_client.post("/drafts/new/", {"title": title})
    assert response.status_code == 400 and 'id="new-title-error"' in response.content.decode()
    upload = SimpleUploadedFile("a.json", json.dumps(complete_draft.answers).encode())
    response = alice_client.post("/drafts/import/", {"title": title, "file": upload})
    assert response.status_code == 200 and "Remove the" in response.content.decode()
    assert Draft.objects.count() == 1


def test_a_plain_title_still_renames(alice_client, complete_draft):
    alice_client.post(f"/drafts/{complete_draft.pk}/rename/", {"title": "  CRM 2028 · 华东区 (v2)  "})
    assert Draft.objects.get(pk=complete_draft.pk).title == "CRM 2028 · 华东区 (v2)"


@stored_only_on_sqlite
def test_copies_of_a_title_stored_before_the_check_are_clean(alice_client, alice):
    old = DraftFactory(owner=alice, title="CRM\rSUMMARY:x\u202e\x00")
    alice_client.post(f"/drafts/{old.pk}/duplicate/")
    alice_client.post(f"/compare/choose/{old.pk}/")
    copies = Draft.objects.exclude(pk=old.pk)
    assert sorted(d.title for d in copies) == ["Copy of CRM SUMMARY:x", "Copy of CRM SUMMARY:x (2)"]


@pytest.mark.parametrize("title", ["CRM\rSUMMARY:Injected", "CRM\nSUMMARY:Injected", "CRM\r\nSUMMARY:Injected"])
def test_a_line_break_in_a_title_never_reaches_the_calendar_raw(alice_client, alice, title):
    draft = DraftFactory(owner=alice, title=title)  # stored before titles were checked
    body = alice_client.get(f"/drafts/{draft.pk}/key-dates.ics").content
    assert b"\r" not in body.replace(b"\r\n", b"")
    assert b"\r\nSUMMARY:Injected" not in body
    assert b"X-WR-CALNAME:CRM SUMMARY:Injected" in body


def test_the_comparison_csv_neutralises_formulas(alice_client, alice):
    drafts = [DraftFactory(owner=alice, title=title) for title in FORMULA_TITLES[:4]]
    query = "&".join(f"d={d.pk}" for d in drafts)
    text = alice_client.get(f"/compare/?{query}&format=csv").content.decode("utf-8-sig")
    header = text.splitlines()[0]
    assert header.startswith('Criterion,"\'=HYPERLINK(""http://x"",""y"")",\'+1+1,\'-2+3,\'@SUM(A1),')
    for line in text.splitlines():
        assert all(not cell.startswith(("=", "+", "@")) for cell in line.split(","))


def test_spreadsheet_cells():
    from contracts.terms.comparison import spreadsheet_cell

    for payload in FORMULA_TITLES:
        assert spreadsheet_cell(payload) == "'" + payload
    assert spreadsheet_cell(" =1+1") == "' =1+1"
    assert spreadsheet_cell("-1200.00") == "-1200.00"  # a figure, not a formula
    assert spreadsheet_cell("-5%") == "-5%"
    assert spreadsheet_cell("CRM 2027") == "CRM 2027"


def test_signed_in_pages_and_downloads_are_not_cached(alice_client, complete_draft, library):
    other = DraftFactory(owner=complete_draft.owner)
    for url in (
        "/drafts/",
        f"/drafts/{complete_draft.pk}/review/",
        f"/drafts/{complete_draft.pk}/step/parties/",
        f"/drafts/{complete_draft.pk}/export/",
        f"/drafts/{complete_draft.pk}/key-dates.ics",
        f"/compare/?d={complete_draft.pk}&d={other.pk}&format=csv",
        "/contracts/",
    ):
        assert alice_client.get(url)["Cache-Control"] == "no-store", url
    generated = alice_client.post(f"/drafts/{complete_draft.pk}/generate/", {"language": "zh", "format": "html"})
    assert alice_client.get(generated["Location"])["Cache-Control"] == "no-store"
