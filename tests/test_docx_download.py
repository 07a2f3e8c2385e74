"""A Word file sent out for negotiation records every edit as a tracked change, if the buyer asks for it."""

import io
import zipfile

import pytest
from django.core.management import call_command

from tests.factories import answers_document

pytestmark = pytest.mark.django_db


def tracks_changes(data: bytes) -> bool:
    return b"<w:trackRevisions/>" in zipfile.ZipFile(io.BytesIO(data)).read("word/settings.xml")


def download(client, response) -> bytes:
    assert response.status_code == 302
    return b"".join(client.get(response["Location"]).streaming_content)


@pytest.mark.usefixtures("layout_stand_in")  # the file's settings, not its pages
def test_buyer_ticks_track_changes_for_the_word_file(library, alice_client, complete_draft):
    page = alice_client.get(f"/drafts/{complete_draft.pk}/review/").content.decode()
    assert 'name="track_changes"' in page
    url = f"/drafts/{complete_draft.pk}/generate/"
    tracked = alice_client.post(url, {"language": "zh", "format": "docx", "track_changes": "on"})
    assert tracks_changes(download(alice_client, tracked))
    plain = alice_client.post(url, {"language": "zh", "format": "docx"})
    assert not tracks_changes(download(alice_client, plain))
    pdf = alice_client.post(url, {"language": "zh", "format": "pdf", "track_changes": "on"})
    assert download(alice_client, pdf).startswith(b"%PDF")  # a PDF ignores the box


@pytest.mark.usefixtures("layout_stand_in")  # the file's settings, not its pages
def test_command_line_docx_is_dated_now_and_can_track_changes(library, tmp_path):
    import json

    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(answers_document(), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "contract.docx"
    call_command("render_contract", str(answers), "--format", "docx", "--track-changes", "-o", str(out))
    data = out.read_bytes()
    assert tracks_changes(data)
    core = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode()
    assert "2000-01-01" not in core  # the date python-docx files got from the command line
