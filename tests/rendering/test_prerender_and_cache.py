"""Download PDF is a cache hit after the review page, and never serves a contract for older answers."""

import pytest

from contracts import renders, services
from contracts.models import GeneratedContract
from contracts.rendering import RenderFailed
from tests.factories import DraftFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _prerender_on(settings):
    settings.RENDER_PRERENDER = (
        "on"  # the pre-render's own tests (the tasks run in the request: TASKS_BACKEND=immediate)
    )


# The first test renders with WeasyPrint, end to end; the others are about which file is stored, served and
# kept, and render with the layout's stand-in (conftest.layout_stand_in).
stand_in = pytest.mark.usefixtures("layout_stand_in")


def download(client, draft, language, fmt="pdf"):
    response = client.post(f"/drafts/{draft.pk}/generate/", {"language": language, "format": fmt})
    assert response.status_code == 302
    return response


def test_review_of_a_complete_draft_prerenders_the_contract_language_pdf(alice_client, alice, library):
    draft = DraftFactory(owner=alice)
    assert alice_client.get(f"/drafts/{draft.pk}/review/").status_code == 200
    language = draft.answers["parties"]["contract_language"]
    prerendered = GeneratedContract.objects.get(draft=draft)
    assert (prerendered.language, prerendered.format) == (language, "pdf")

    response = download(alice_client, draft, language)
    assert response["Location"] == f"/contracts/{prerendered.pk}/download/"  # the cached file, no new render
    assert GeneratedContract.objects.filter(draft=draft).count() == 1
    pdf = b"".join(alice_client.get(response["Location"]).streaming_content)
    assert pdf.startswith(b"%PDF") and pdf == prerendered.file.open("rb").read()


@stand_in
def test_changed_answers_are_rendered_again_never_served_stale(alice_client, alice, library):
    draft = DraftFactory(owner=alice)
    alice_client.get(f"/drafts/{draft.pk}/review/")
    before = GeneratedContract.objects.get(draft=draft)
    parties = {**draft.answers["parties"], "buyer_name": "上海新名称贸易有限公司"}
    draft = services.draft_save_step(draft=draft, step_key="parties", step_answers=parties)

    location = download(alice_client, draft, before.language)["Location"]
    after = GeneratedContract.objects.get(pk=location.split("/")[2])
    assert after.pk != before.pk and after.answers["parties"]["buyer_name"] == "上海新名称贸易有限公司"


def test_prerender_can_be_switched_off(settings, alice_client, alice, library):
    settings.RENDER_PRERENDER = "off"
    draft = DraftFactory(owner=alice)
    alice_client.get(f"/drafts/{draft.pk}/review/")
    assert not GeneratedContract.objects.filter(draft=draft).exists()


def test_a_failed_render_is_shown_to_the_buyer(alice_client, alice, library, monkeypatch):
    def too_long(*args, **kwargs):
        raise RenderFailed("Rendering took longer than 60 seconds and was stopped: the contract is too long.")

    monkeypatch.setattr(services, "render", too_long)
    draft = DraftFactory(owner=alice)
    response = download(alice_client, draft, "en")
    assert response["Location"] == f"/drafts/{draft.pk}/review/"
    page = alice_client.get(response["Location"]).content.decode()
    assert "too long" in page
    assert not GeneratedContract.objects.filter(draft=draft).exists()  # the pre-render failed quietly too


@stand_in
def test_word_download(alice_client, alice, library):
    draft = DraftFactory(owner=alice)
    response = alice_client.get(download(alice_client, draft, "bilingual", "docx")["Location"])
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert response["Content-Disposition"].endswith('-bilingual.docx"')


@stand_in
def test_another_users_prerendered_contract_is_not_theirs(client, alice, bob, library):
    draft = DraftFactory(owner=alice)
    renders.contract_prerender(draft=draft)
    contract = GeneratedContract.objects.get(draft=draft)
    client.force_login(bob)
    assert client.get(f"/contracts/{contract.pk}/download/").status_code == 404


@stand_in
def test_a_prerender_joins_my_contracts_only_when_the_buyer_downloads_it(alice_client, alice, library):
    draft = DraftFactory(owner=alice)
    number = services.contract_number_for(draft)
    alice_client.get(f"/drafts/{draft.pk}/review/")
    alice_client.get(f"/drafts/{draft.pk}/review/")
    assert GeneratedContract.objects.filter(draft=draft).count() == 1  # rendered once, ahead of the download
    assert number not in alice_client.get("/contracts/").content.decode()
    assert "What changed since" not in alice_client.get(f"/drafts/{draft.pk}/review/").content.decode()

    download(alice_client, draft, draft.answers["parties"]["contract_language"])
    download(alice_client, draft, draft.answers["parties"]["contract_language"])
    listed = alice_client.get("/contracts/").content.decode()
    assert listed.count(number) == 1
    assert "What changed since" in alice_client.get(f"/drafts/{draft.pk}/review/").content.decode()


@stand_in
def test_deleting_a_draft_drops_its_unrequested_prerenders_and_keeps_downloaded_contracts(alice_client, alice, library):
    draft = DraftFactory(owner=alice)
    alice_client.get(f"/drafts/{draft.pk}/review/")  # pre-renders the contract language
    kept = GeneratedContract.objects.get(pk=download(alice_client, draft, "en")["Location"].split("/")[2])
    assert (
        "Also delete the 1 contract generated from it"
        in alice_client.get(f"/drafts/{draft.pk}/delete/").content.decode()
    )
    alice_client.post(f"/drafts/{draft.pk}/delete/")
    assert list(GeneratedContract.objects.filter(owner=alice)) == [kept]


def test_the_renderer_version_follows_what_decides_the_print(tmp_path):
    from contracts.rendering import renderer_version

    files = {
        "contracts/terms/pricing.py": "RATE = 1",
        "contracts/clauses/library/06-sla.yaml": "body: 99.9 %",
        "templates/contract/print.html": "<p>",
        "static/contract/print.css": "p {}",
        "contracts/migrations/0001_initial.py": "x = 1",
        "contracts/views.py": "def review(): pass",
        "contracts/wizard/forms.py": "LABEL = 'Seats'",
        "contracts/terms/hints.py": "HINT = 'a month'",
        "templates/contracts/review.html": "<p>",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    first = renderer_version(tmp_path)
    assert renderer_version(tmp_path) == first
    for name in ("contracts/migrations/0001_initial.py", "contracts/views.py", "contracts/wizard/forms.py"):
        (tmp_path / name).write_text(files[name] + "  # edited")  # the web app, not the contract
    (tmp_path / "contracts/terms/hints.py").write_text("HINT = 'per month'")  # a wizard hint
    (tmp_path / "templates/contracts/review.html").write_text("<div>")  # a web page, not the contract
    assert renderer_version(tmp_path) == first
    for name in ("static/contract/print.css", "contracts/terms/pricing.py", "contracts/clauses/library/06-sla.yaml"):
        (tmp_path / name).write_text(files[name] + " changed")
        assert renderer_version(tmp_path) != first, name
        (tmp_path / name).write_text(files[name])
    assert renderer_version(tmp_path) == first
