"""Sign-up and login as the hardening probe (issue 20) tried them: blank passwords, look-alike user names,
telling which names exist, and guessing passwords across names and addresses."""

import pytest
from django.contrib.auth.models import User

from contracts.accounts import user_name_problem
from tests.factories import PASSWORD
from tests.security.payloads import MIXED_SCRIPT_NAME, SPACES_PASSWORD

pytestmark = pytest.mark.django_db
GOOD_PASSWORD = "Kq8#vT2m!pL9"


def _signup(client, username, password=GOOD_PASSWORD, password2=None):
    return client.post(
        "/accounts/signup/", {"username": username, "password1": password, "password2": password2 or password}
    )


def test_a_password_of_spaces_only_is_refused(client):
    response = _signup(client, "carol", SPACES_PASSWORD)
    assert response.status_code == 200
    assert "Your password cannot consist of spaces only." in response.content.decode()
    assert not User.objects.filter(username="carol").exists()


def test_a_user_name_mixing_scripts_is_refused(client, alice):
    response = _signup(client, MIXED_SCRIPT_NAME)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Write the user name in one alphabet" in page and "Cyrillic + Latin" in page
    assert not User.objects.filter(username=MIXED_SCRIPT_NAME).exists()


@pytest.mark.parametrize(
    "name, refused",
    [
        ("alice", False),
        ("alice.wang+crm@corp", False),
        ("张伟", False),
        ("张伟zhang2027", False),  # Latin beside Han is how Chinese names are written
        ("山田たろう", False),
        ("Müller", False),
        ("иван", False),  # one script: a Russian name
        ("\u0430lice", True),  # Cyrillic а in a Latin name
        ("pаypal", True),
        ("аdmin", True),
        ("αlice", True),  # Greek α
        ("\u0430\u0435\u043e", True),  # "aeo" in Cyrillic letters only: reads as a Latin name
    ],
)
def test_user_name_scripts(name, refused):
    assert (user_name_problem(name) is not None) == refused


def test_sign_up_does_not_say_which_names_exist(client, alice):
    # a taken name is only told once everything else is right, in the words for any unavailable name
    weak = _signup(client, "alice", "123")
    assert "not available" not in weak.content.decode() and "already exists" not in weak.content.decode()
    assert "not available" not in _signup(client, "alice", GOOD_PASSWORD, "mismatch").content.decode()
    for name in ("alice", "ALICE"):
        page = _signup(client, name).content.decode()
        assert "This user name is not available: choose another one." in page
        assert "already exists" not in page and "A user with that" not in page
    assert User.objects.filter(username__iexact="alice").count() == 1
    assert alice.check_password(PASSWORD)


def _login(client, username, password="wrong", address="203.0.113.7", forwarded=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post("/accounts/login/", {"username": username, "password": password}, **extra)


def test_one_address_guessing_across_user_names_is_locked_out(client, alice, settings):
    settings.AXES_FAILURES_PER_ADDRESS = 6
    for n in range(6):  # never more than the 5 per user name: only the per-address count stops this
        _login(client, f"user{n}")
    refused = _login(client, "alice", PASSWORD)
    assert refused.status_code == 429 and "Too many failed login attempts" in refused.content.decode()
    assert _login(client, "alice", PASSWORD, address="198.51.100.1").status_code == 302  # another address


def test_one_user_name_guessed_from_many_addresses_is_locked_out(client, alice, settings):
    settings.AXES_FAILURES_PER_USER = 6
    for n in range(6):
        _login(client, "alice", address=f"198.51.100.{n + 1}")
    assert _login(client, "alice", PASSWORD, address="192.0.2.50").status_code == 429
    assert _login(client, "bob", address="192.0.2.50").status_code == 200  # others still log in (and fail)


def test_signing_in_to_ones_own_account_does_not_clear_the_address_count(client, alice, bob, settings):
    settings.AXES_FAILURES_PER_ADDRESS = 6
    for n in range(4):
        _login(client, f"user{n}")
    assert _login(client, "bob", PASSWORD).status_code == 302
    client.logout()
    for n in range(4, 6):
        _login(client, f"user{n}")
    assert _login(client, "alice", PASSWORD).status_code == 429


def test_behind_a_proxy_the_client_address_is_the_one_the_proxy_saw(client, alice, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_FAILURES_PER_ADDRESS = 3
    # the client makes up the left part; the proxy (REMOTE_ADDR 10.0.0.2) appends the address it saw
    for n in range(3):
        _login(client, f"user{n}", address="10.0.0.2", forwarded=f"192.0.2.{n + 1}, 203.0.113.9")
    assert _login(client, "alice", PASSWORD, address="10.0.0.2", forwarded="203.0.113.9").status_code == 429
    # another client behind the same proxy is another address
    assert _login(client, "alice", PASSWORD, address="10.0.0.2", forwarded="203.0.113.10").status_code == 302


def test_client_address():
    from django.test import RequestFactory, override_settings

    from contracts.login_limits import client_address

    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9")
    assert client_address(request) == "10.0.0.2"  # no proxy trusted: the header is the client's word
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert client_address(request) == "203.0.113.9"
    with override_settings(TRUSTED_PROXY_COUNT=2):
        assert client_address(request) == "1.1.1.1"
    with override_settings(TRUSTED_PROXY_COUNT=3):
        assert client_address(request) == "10.0.0.2"  # fewer hops than proxies: not through them
    garbage = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-address")
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert client_address(garbage) == "10.0.0.2"
