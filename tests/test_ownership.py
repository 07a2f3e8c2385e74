"""Only the owner sees a draft or a contract: another buyer gets 404, anonymous users log in first."""

import pytest

from contracts.models import GeneratedContract
from tests.factories import PASSWORD, DraftFactory

pytestmark = pytest.mark.django_db


def draft_urls(pk: int) -> list[tuple[str, str]]:
    return [
        ("get", f"/drafts/{pk}/step/parties/"),
        ("post", f"/drafts/{pk}/step/parties/"),
        ("get", f"/drafts/{pk}/step/legal/"),
        ("get", f"/drafts/{pk}/review/"),
        ("get", f"/drafts/{pk}/delete/"),
        ("post", f"/drafts/{pk}/delete/"),
        ("post", f"/drafts/{pk}/generate/"),
    ]


@pytest.fixture
def contract(alice, library):
    draft = DraftFactory(owner=alice)
    from contracts.services import contract_generate

    return contract_generate(draft=draft, language="zh", fmt="html")


def test_another_buyer_gets_404_everywhere(client, alice, bob, contract):
    client.force_login(bob)
    for method, url in draft_urls(contract.draft.pk) + [("get", f"/contracts/{contract.pk}/download/")]:
        response = getattr(client, method)(url, {"language": "zh", "format": "pdf"} if method == "post" else None)
        assert response.status_code == 404, url
    contract.draft.refresh_from_db()  # bob's delete did nothing
    assert GeneratedContract.objects.filter(pk=contract.pk).exists()


def test_anonymous_is_sent_to_log_in(client, contract):
    for method, url in draft_urls(contract.draft.pk) + [("get", f"/contracts/{contract.pk}/download/"),
                                                         ("get", "/drafts/"), ("post", "/drafts/new/")]:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url


def test_owner_downloads_own_contract(client, alice, contract):
    client.force_login(alice)
    response = client.get(f"/contracts/{contract.pk}/download/")
    assert response.status_code == 200
    assert "上海某某贸易有限公司" in b"".join(response.streaming_content).decode()
