"""A buyer deletes their account (PIPL): confirmed with the password, and nothing of theirs remains, the
stored contract files included; other buyers' data stays."""

from __future__ import annotations

from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.test import Client

from contracts.models import Draft, GeneratedContract
from contracts.services import contract_generate
from tests.factories import PASSWORD, DraftFactory

pytestmark = pytest.mark.django_db


def stored_file(contract: GeneratedContract) -> Path:
    return Path(contract.file.path)


@pytest.fixture
def alices_things(alice, bob, library):
    draft = DraftFactory(owner=alice, title="Alice's CRM")
    offer = DraftFactory(owner=alice, title="Alice's offer")
    contract = contract_generate(draft=draft, language="zh", fmt="html")
    orphan = contract_generate(draft=offer, language="en", fmt="html")
    orphan.draft = None  # a contract whose draft was deleted stays the buyer's
    orphan.save(update_fields=["draft"])
    bobs = contract_generate(draft=DraftFactory(owner=bob, title="Bob's CRM"), language="zh", fmt="html")
    return [contract, orphan], bobs


def test_deleting_the_account_leaves_nothing_of_it(
    client, alice, bob, alices_things, django_capture_on_commit_callbacks
):
    contracts, bobs = alices_things
    files = [stored_file(c) for c in contracts]
    assert all(f.exists() for f in files)
    client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})  # sign-in records by name
    client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    elsewhere = Client()
    elsewhere.force_login(alice)  # signed in on another computer too
    assert (
        AccessAttempt.objects.filter(username="alice").exists() and AccessLog.objects.filter(username="alice").exists()
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/delete/", {"password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == "/accounts/login/"
    assert "Your account and everything it held were deleted." in response.content.decode()
    assert not User.objects.filter(username="alice").exists()
    assert not Draft.objects.filter(owner_id=alice.pk).exists()
    assert not GeneratedContract.objects.filter(owner_id=alice.pk).exists()
    assert not any(f.exists() for f in files)
    assert not AccessAttempt.objects.filter(username="alice").exists()
    assert not AccessLog.objects.filter(username="alice").exists()
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(alice.pk)]
    assert elsewhere.get("/drafts/").status_code == 302
    # Bob's account, draft and contract file are untouched
    assert User.objects.filter(username="bob").exists() and Draft.objects.filter(owner=bob).count() == 1
    assert stored_file(bobs).exists() and GeneratedContract.objects.filter(pk=bobs.pk).exists()


def test_the_wrong_password_deletes_nothing(alice_client, alice, alices_things):
    response = alice_client.post("/accounts/delete/", {"password": "wrong"})
    assert response.status_code == 200
    assert "This is not your current password." in response.content.decode()
    assert User.objects.filter(pk=alice.pk).exists() and Draft.objects.filter(owner=alice).count() == 2


def test_the_page_says_what_goes(alice_client, alices_things):
    page = alice_client.get("/accounts/delete/").content.decode()
    assert "Delete the account “alice” and everything it holds? This cannot be undone." in page
    assert "2 drafts and offers, with all their answers" in page
    assert "2 generated contracts and their files" in page


def test_the_page_in_chinese(alice_client, alices_things):
    alice_client.cookies["django_language"] = "zh-hans"
    page = alice_client.get("/accounts/delete/").content.decode()
    assert "删除账户“alice”及其全部内容？此操作无法撤销。" in page and "2 份草稿或报价及其全部答案" in page


def test_an_administrator_cannot_delete_their_own_account_here(client):
    from tests.factories import UserFactory

    clerk = UserFactory(username="clerk", is_staff=True)
    client.force_login(clerk)
    response = client.post("/accounts/delete/", {"password": PASSWORD})
    assert "Ask another administrator to remove it in the admin." in response.content.decode()
    assert User.objects.filter(pk=clerk.pk).exists()
