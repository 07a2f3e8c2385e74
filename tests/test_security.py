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


def test_a_new_buyer_signs_up_and_is_signed_in(client):
    password = "Kq8#vT2m!pL9"
    response = client.post("/accounts/signup/", {"username": "carol", "password1": password, "password2": password})
    assert response.status_code == 302 and response["Location"] == "/drafts/"
    assert client.get("/drafts/").status_code == 200  # signed in, with the real backends of settings
    again = Client().post("/accounts/signup/", {"username": "carol", "password1": password, "password2": password})
    assert again.status_code == 200 and "This user name is not available: choose another one." in again.content.decode()


def test_a_refused_signup_leaves_no_account_behind(client, monkeypatch):
    from django.contrib.auth.models import User

    def failing_login(*args, **kwargs):
        raise RuntimeError("the session store is down")

    monkeypatch.setattr("contracts.views.login", failing_login)
    with pytest.raises(RuntimeError):
        client.post("/accounts/signup/", {"username": "dave", "password1": "Kq8#vT2m!pL9", "password2": "Kq8#vT2m!pL9"})
    assert not User.objects.filter(username="dave").exists()  # so signing up again works


@pytest.mark.parametrize(
    "url",
    [
        "/drafts/new/",
        "/drafts/{pk}/step/parties/",
        "/drafts/{pk}/delete/",
        "/drafts/{pk}/generate/",
        "/drafts/{pk}/rename/",
        "/drafts/{pk}/duplicate/",
    ],
)
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


def test_pages_name_their_icon_so_no_browser_asks_for_a_missing_favicon(alice_client):
    page = alice_client.get("/drafts/").content.decode()
    assert 'rel="icon" href="/static/favicon.svg"' in page


def test_pages_have_no_inline_scripts(alice_client, complete_draft):
    for url in ("/drafts/", f"/drafts/{complete_draft.pk}/step/parties/", f"/drafts/{complete_draft.pk}/review/"):
        page = alice_client.get(url).content.decode()
        assert "<script>" not in page and " onchange=" not in page and " onclick=" not in page, url


def test_deploy_checks_pass_with_production_settings(tmp_path):
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "DEBUG": "0",
        "HTTPS": "1",
        "SECRET_KEY": "x" * 30 + "k9#Lq2$Vz8!mW3^rT6&yP1*",
        "ALLOWED_HOSTS": "contracts.example.com",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def _settings_import(**env_changes):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings", **env_changes}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; settings.SECRET_KEY"],
        capture_output=True,
        text=True,
        env=env,
    )


def test_without_debug_the_app_refuses_to_start_without_a_secret_key():
    refused = _settings_import(DEBUG="0")
    assert refused.returncode != 0
    assert "SECRET_KEY is not set" in refused.stderr and "ImproperlyConfigured" in refused.stderr
    assert _settings_import(DEBUG="0", SECRET_KEY="   ").returncode != 0  # blank is no key
    assert _settings_import(DEBUG="0", SECRET_KEY="k" * 50).returncode == 0
    assert _settings_import(DEBUG="1").returncode == 0  # `make run`: the development key


def test_another_buyer_cannot_list_my_contracts(client, alice, bob, library):
    from contracts.services import contract_generate

    contract = contract_generate(draft=DraftFactory(owner=alice), language="zh", fmt="html")
    client.force_login(bob)
    assert contract.number not in client.get("/contracts/").content.decode()
    assert client.get(f"/contracts/{contract.pk}/download/").status_code == 404


def test_vendor_changes_are_in_the_audit_trail(client, library):
    from django.contrib.admin.models import LogEntry

    from contracts.models import Vendor
    from tests.factories import UserFactory, VendorFactory

    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(root)
    vendor = VendorFactory(name="审计供应商有限公司")
    response = client.post(
        f"/admin/contracts/vendor/{vendor.pk}/change/",
        {
            "name": vendor.name,
            "country": "CN",
            "uscc": vendor.uscc,
            "years_in_business": 2,
            "customer_count": 10,
            "certifications": "[]",
            "notes": "",
            "address": "",
            "representative": "",
            "contact_name": "",
            "contact_email": "",
            "contact_phone": "",
        },
    )
    assert response.status_code == 302
    entry = LogEntry.objects.get(object_id=str(vendor.pk))
    assert entry.user == root
    assert "years in business" in entry.change_message.lower()  # stored untranslated: which field changed
    page = client.get("/admin/admin/logentry/").content.decode()
    assert "审计供应商有限公司" in page
    assert Vendor.objects.get(pk=vendor.pk).years_in_business == 2


def test_contract_generation_is_rate_limited_per_user(alice_client, alice, bob, library, settings):
    settings.CONTRACTS_PER_HOUR = 1
    draft = DraftFactory(owner=alice)
    first = alice_client.post(f"/drafts/{draft.pk}/generate/", {"language": "zh", "format": "html"})
    assert first["Location"].startswith("/contracts/")
    again = alice_client.post(f"/drafts/{draft.pk}/generate/", {"language": "zh", "format": "html"})
    assert again["Location"] == first["Location"]  # an unchanged draft is a download, never limited
    refused = alice_client.post(f"/drafts/{draft.pk}/generate/", {"language": "en", "format": "html"}, follow=True)
    assert "the most allowed" in refused.content.decode()
    from django.test import Client

    other = Client()
    other.force_login(bob)
    bobs = DraftFactory(owner=bob)
    assert other.post(f"/drafts/{bobs.pk}/generate/", {"language": "zh", "format": "html"})["Location"].startswith(
        "/contracts/"
    )
