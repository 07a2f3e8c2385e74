"""A forgotten password: a link by e-mail that sets a new one, works once and expires, and a page that says
the same whether or not an account has the address."""

from __future__ import annotations

import re
import socket
import time
from datetime import timedelta
from email import message_from_bytes
from email.policy import default as email_policy

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import User
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail

from contracts.accounts import MAIL_SENDER
from contracts.models import PasswordResetCount
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Tz4!wq9#Rb2v"
LINK = re.compile(r"https?://[^/\s]+(/accounts/password/reset/[^/\s]+/[^/\s]+/)")


def mails_sent() -> list:
    """The mails sent so far: they leave in a background thread, and this waits for the ones queued."""
    MAIL_SENDER.submit(lambda: None).result(timeout=60)
    return mail.outbox


def ask_for_reset(client, email: str, **extra):
    return client.post("/accounts/password/reset/", {"email": email}, **extra)


def set_new_password(client, path: str, password: str = NEW_PASSWORD):
    """Open the link from the mail, then send the form it leads to."""
    opened = client.get(path)
    assert opened.status_code == 302  # Django moves the token out of the address before showing the form
    return client.post(opened["Location"], {"new_password1": password, "new_password2": password})


class Recorder:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.envelopes.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1, and Django's SMTP backend pointed at it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.DEFAULT_FROM_EMAIL = "contracts@example.com"
    yield recorder
    controller.stop()


def test_a_reset_mail_sent_through_smtp_sets_a_new_password(client, smtp_server):
    carol = UserFactory(username="carol", email="carol@example.com")
    assert ask_for_reset(client, "Carol@Example.com")["Location"] == "/accounts/password/reset/sent/"
    MAIL_SENDER.submit(lambda: None).result(timeout=60)
    deadline = time.monotonic() + 30  # the server stores the mail after it answered the client
    while not smtp_server.envelopes and time.monotonic() < deadline:
        time.sleep(0.05)
    [envelope] = smtp_server.envelopes
    assert envelope.mail_from == "contracts@example.com" and envelope.rcpt_tos == ["carol@example.com"]
    message = message_from_bytes(envelope.original_content, policy=email_policy)
    body = message.get_content()
    assert message["Subject"] == "Set a new password for the contract drafter"
    assert "“carol”" in body and "works once, for 60 minutes" in body
    path = LINK.search(body).group(1)

    done = set_new_password(client, path)
    assert done["Location"] == "/accounts/password/reset/done/"
    assert "Your new password is set" in client.get(done["Location"]).content.decode()
    carol.refresh_from_db()
    assert carol.check_password(NEW_PASSWORD) and not carol.check_password(PASSWORD)
    signed_in = client.post("/accounts/login/", {"username": "carol", "password": NEW_PASSWORD})
    assert signed_in.status_code == 302 and signed_in["Location"] == "/drafts/"


def test_a_link_works_once(client):
    UserFactory(username="carol", email="carol@example.com")
    ask_for_reset(client, "carol@example.com")
    path = LINK.search(mails_sent()[0].body).group(1)
    set_new_password(client, path)
    again = client.get(path, follow=True)
    page = again.content.decode()
    assert "This link no longer works" in page and 'name="new_password1"' not in page
    assert User.objects.get(username="carol").check_password(NEW_PASSWORD)


def test_a_new_password_ends_a_lock_out(client, settings):
    UserFactory(username="carol", email="carol@example.com")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "carol", "password": "wrong"})
    assert client.post("/accounts/login/", {"username": "carol", "password": PASSWORD}).status_code == 429
    ask_for_reset(client, "carol@example.com")
    set_new_password(client, LINK.search(mails_sent()[0].body).group(1))
    signed_in = client.post("/accounts/login/", {"username": "carol", "password": NEW_PASSWORD})
    assert signed_in.status_code == 302 and signed_in["Location"] == "/drafts/"


def test_a_link_expires(client, settings, monkeypatch):
    settings.PASSWORD_RESET_TIMEOUT = 30 * 60
    carol = UserFactory(username="carol", email="carol@example.com")
    ask_for_reset(client, "carol@example.com")
    assert "works once, for 30 minutes" in mails_sent()[0].body
    path = LINK.search(mails_sent()[0].body).group(1)
    real_now = PasswordResetTokenGenerator._now
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: real_now(self) + timedelta(minutes=31))
    page = client.get(path, follow=True).content.decode()
    assert "This link no longer works" in page
    carol.refresh_from_db()
    assert carol.check_password(PASSWORD)


def test_the_page_does_not_tell_whether_an_account_has_the_address(client):
    UserFactory(username="carol", email="carol@example.com")
    known = ask_for_reset(client, "carol@example.com")
    unknown = ask_for_reset(client, "nobody@example.com")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    shown = client.get(known["Location"]).content.decode()
    assert "If an account has this e-mail address, a link to set a new password is on its way" in shown
    assert [m.to for m in mails_sent()] == [["carol@example.com"]]


def test_reset_requests_are_limited_per_address_and_per_email(client, settings):
    settings.PASSWORD_RESETS_PER_EMAIL_PER_HOUR = 2
    settings.PASSWORD_RESETS_PER_ADDRESS_PER_HOUR = 3
    UserFactory(username="carol", email="carol@example.com")
    for email in ("carol@example.com", "nobody@example.com"):  # the same answer for an address nobody has
        assert ask_for_reset(client, email).status_code == 302
        assert ask_for_reset(client, email.upper(), REMOTE_ADDR="198.51.100.1").status_code == 302
        refused = ask_for_reset(client, email, REMOTE_ADDR="198.51.100.2")
        assert refused.status_code == 429
        assert "Too many password resets have been asked for" in refused.content.decode()
    assert len(mails_sent()) == 2
    # the first address has asked three times now: any further address is refused from it
    assert ask_for_reset(client, "dave@example.com").status_code == 302
    assert ask_for_reset(client, "erin@example.com").status_code == 429
    assert ask_for_reset(client, "erin@example.com", REMOTE_ADDR="198.51.100.3").status_code == 302
    assert PasswordResetCount.objects.filter(key__startswith="email:", requests=2).count() == 2
    assert not PasswordResetCount.objects.filter(key__contains="example.com").exists()  # no addresses kept


def test_a_malformed_address_is_told_at_the_field(client):
    response = ask_for_reset(client, "not an address")
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert 'value="not an address"' in response.content.decode()


def test_reset_pages_and_mail_are_in_chinese(client):
    UserFactory(username="carol", email="carol@example.com")
    client.cookies["django_language"] = "zh-hans"
    assert "忘记密码" in client.get("/accounts/login/").content.decode()
    assert "发送链接" in client.get("/accounts/password/reset/").content.decode()
    sent = ask_for_reset(client, "carol@example.com")
    assert "如果有账户使用此电子邮件地址" in client.get(sent["Location"]).content.decode()
    [message] = mails_sent()
    assert message.subject == "设置合同起草系统的新密码"
    assert "60 分钟内有效，且只能使用一次" in message.body


def test_the_counts_are_forgotten_after_their_hour(client, settings):
    from django.utils import timezone

    settings.PASSWORD_RESETS_PER_EMAIL_PER_HOUR = 1
    ask_for_reset(client, "carol@example.com")
    assert ask_for_reset(client, "carol@example.com").status_code == 429
    two_hours_ago = timezone.now() - timedelta(hours=2)
    PasswordResetCount.objects.update(window_started_at=two_hours_ago)
    assert ask_for_reset(client, "carol@example.com").status_code == 302
    assert not PasswordResetCount.objects.filter(window_started_at__lte=two_hours_ago).exists()
