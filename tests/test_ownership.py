"""Only the owner sees a draft or a contract: another buyer gets 404, anonymous users log in first."""

import pytest

from contracts.models import GeneratedContract
from tests.factories import DraftFactory

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
        ("post", f"/drafts/{pk}/rename/"),
        ("post", f"/drafts/{pk}/duplicate/"),
        ("get", f"/drafts/{pk}/export/"),
        ("get", f"/drafts/{pk}/preview/"),
        ("post", f"/drafts/{pk}/preview/"),
        ("post", f"/drafts/{pk}/hints/"),
        ("get", f"/drafts/{pk}/positions/"),
        ("post", f"/drafts/{pk}/positions/"),
        ("post", f"/drafts/{pk}/stance/"),
        ("get", f"/drafts/{pk}/key-dates.ics"),
        ("get", f"/drafts/{pk}/risk-review.pdf"),
        ("post", f"/compare/choose/{pk}/"),
        ("get", f"/drafts/{pk}/comments/"),
        ("post", f"/drafts/{pk}/comments/"),
        ("post", f"/drafts/{pk}/approval/send/"),
        ("post", f"/drafts/{pk}/approval/decide/"),
    ]


@pytest.fixture
def contract(alice, library):
    draft = DraftFactory(owner=alice)
    from contracts.services import contract_generate

    return contract_generate(draft=draft, language="zh", fmt="html")


def test_another_buyer_gets_404_everywhere(client, alice, bob, contract):
    client.force_login(bob)
    for method, url in draft_urls(contract.draft.pk) + [
        ("get", f"/contracts/{contract.pk}/download/"),
        ("get", f"/contracts/{contract.pk}/changes/"),
    ]:
        response = getattr(client, method)(
            url, {"language": "zh", "format": "pdf", "_step": "sla", "title": "mine now"} if method == "post" else None
        )
        assert response.status_code == 404, url
    contract.draft.refresh_from_db()  # bob's delete did nothing
    assert GeneratedContract.objects.filter(pk=contract.pk).exists()


def test_anonymous_is_sent_to_log_in(client, contract):
    for method, url in draft_urls(contract.draft.pk) + [
        ("get", f"/contracts/{contract.pk}/download/"),
        ("get", f"/contracts/{contract.pk}/changes/"),
        ("get", "/drafts/"),
        ("post", "/drafts/new/"),
        ("get", "/contracts/"),
        ("get", "/vendors/"),
        ("get", "/compare/"),
        ("get", "/drafts/import/"),
        *ACCOUNT_URLS,
    ]:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url


# The signed-in buyer's own account: there is no one else's to ask for, only anonymous visitors to refuse.
ACCOUNT_URLS = [
    ("get", "/accounts/"),
    ("get", "/accounts/email/"),
    ("post", "/accounts/email/"),
    ("get", "/accounts/password/"),
    ("post", "/accounts/password/"),
    ("get", "/accounts/delete/"),
    ("post", "/accounts/delete/"),
]


def test_account_changes_without_a_csrf_token_are_refused(alice):
    from django.contrib.auth.models import User
    from django.test import Client

    from tests.factories import PASSWORD

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    new = "Tz4!wq9#Rb2v"
    for url, data in [
        ("/accounts/email/", {"email": "mallory@example.com", "password": PASSWORD}),
        ("/accounts/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}),
        ("/accounts/delete/", {"password": PASSWORD}),
    ]:
        assert client.post(url, data).status_code == 403, url
    alice.refresh_from_db()
    assert alice.email == "alice@example.com" and alice.check_password(PASSWORD)
    assert User.objects.filter(pk=alice.pk).exists()
    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.post("/accounts/password/reset/", {"email": "alice@example.com"}).status_code == 403


def test_owner_downloads_own_contract(client, alice, contract):
    client.force_login(alice)
    response = client.get(f"/contracts/{contract.pk}/download/")
    assert response.status_code == 200
    assert "上海某某贸易有限公司" in b"".join(response.streaming_content).decode()


def test_comparing_another_buyers_draft_shows_nothing_of_it(client, bob, contract):
    client.force_login(bob)
    mine = DraftFactory(owner=bob)
    response = client.get(f"/compare/?d={mine.pk}&d={contract.draft.pk}")
    assert "Choose between 2 and 4 of your drafts to compare." in response.content.decode()  # one of hers
    assert contract.draft.title not in response.content.decode()


def test_admin_needs_staff_and_clause_editing_needs_the_permission(client, alice, library):
    from django.contrib.auth.models import Permission

    from contracts.models import Clause
    from tests.factories import UserFactory

    clause = Clause.objects.first()
    client.force_login(alice)  # a buyer
    assert client.get("/admin/").status_code == 302  # sent to the admin login
    staff = UserFactory(username="clerk", is_staff=True)
    client.force_login(staff)
    assert client.get(f"/admin/contracts/clause/{clause.pk}/change/").status_code == 403
    staff.user_permissions.add(
        Permission.objects.get(codename="view_clause"), Permission.objects.get(codename="change_clause")
    )
    assert client.get(f"/admin/contracts/clause/{clause.pk}/change/").status_code == 200
