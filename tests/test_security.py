"""Abuse the app as an attacker would: guess passwords, forge requests, look at the headers."""

import pytest
from django.test import Client

from tests.factories import PASSWORD, DraftFactory

pytestmark = pytest.mark.django_db


def test_password_guessing_is_throttled(client, alice):
    for _ in range(5):
        response = client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_works(client, alice):
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


@pytest.mark.parametrize("url", ["/drafts/new/", "/drafts/{pk}/step/parties/", "/drafts/{pk}/delete/",
                                 "/drafts/{pk}/generate/", "/drafts/{pk}/rename/", "/drafts/{pk}/duplicate/"])
def test_posts_without_a_csrf_token_are_refused(alice, url):
    draft = DraftFactory(owner=alice)
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(url.format(pk=draft.pk), {"title": "x", "language": "zh"})
    assert response.status_code == 403
    assert draft.__class__.objects.filter(pk=draft.pk).exists()


def test_security_headers(alice_client):
    response = alice_client.get("/drafts/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_have_no_inline_scripts(alice_client, complete_draft):
    for url in ("/drafts/", f"/drafts/{complete_draft.pk}/step/parties/", f"/drafts/{complete_draft.pk}/review/"):
        page = alice_client.get(url).content.decode()
        assert "<script>" not in page and " onchange=" not in page and " onclick=" not in page, url
