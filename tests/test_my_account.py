"""My account: the page reached from the menu, changing the password, and the e-mail address resets go to."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Tz4!wq9#Rb2v"


def test_the_menu_leads_to_my_account_which_links_everything_about_the_account(alice_client, alice):
    assert 'href="/accounts/">My account</a>' in alice_client.get("/drafts/").content.decode()
    page = alice_client.get("/accounts/").content.decode()
    for link in ('href="/accounts/password/">Change password', 'href="/accounts/email/">Change e-mail address'):
        assert link in page
    assert 'href="/accounts/delete/">Delete account' in page
    assert "alice@example.com" in page


def test_my_account_in_chinese_and_without_an_e_mail_address(client):
    carol = UserFactory(username="carol", email="")
    client.force_login(carol)
    client.cookies["django_language"] = "zh-hans"
    page = client.get("/accounts/").content.decode()
    assert "我的账户" in page and "修改密码" in page and "添加电子邮件地址" in page and "删除账户" in page
    assert "无：忘记密码后无法重设" in page


def test_changing_the_password_needs_the_old_one(alice_client, alice):
    data = {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    refused = alice_client.post("/accounts/password/", data)
    assert refused.status_code == 200
    assert "Your old password was entered incorrectly" in refused.content.decode()
    changed = alice_client.post("/accounts/password/", data | {"old_password": PASSWORD}, follow=True)
    assert changed.redirect_chain[-1][0] == "/accounts/"
    assert "Your password was changed." in changed.content.decode()
    assert alice_client.get("/drafts/").status_code == 200  # this session stays signed in
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)


def test_changing_the_password_ends_the_other_sessions(client, alice):
    from django.test import Client

    elsewhere = Client()
    elsewhere.force_login(alice)
    client.force_login(alice)
    data = {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    client.post("/accounts/password/", data)
    assert elsewhere.get("/drafts/").status_code == 302


def test_changing_the_password_in_chinese(alice_client):
    alice_client.cookies["django_language"] = "zh-hans"
    page = alice_client.get("/accounts/password/").content.decode()
    assert "修改密码" in page and "旧密码" in page


def test_the_e_mail_address_is_changed_with_the_password(alice_client, alice):
    refused = alice_client.post("/accounts/email/", {"email": "alice@corp.example", "password": "wrong"})
    page = refused.content.decode()
    assert "This is not your current password." in page and 'value="alice@corp.example"' in page
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"
    bad = alice_client.post("/accounts/email/", {"email": "alice at corp", "password": PASSWORD})
    assert "Enter a valid email address." in bad.content.decode()
    done = alice_client.post("/accounts/email/", {"email": "alice@corp.example", "password": PASSWORD}, follow=True)
    assert "Your e-mail address is now alice@corp.example." in done.content.decode()
    alice.refresh_from_db()
    assert alice.email == "alice@corp.example"
    alice_client.post("/accounts/email/", {"email": "", "password": PASSWORD})
    alice.refresh_from_db()
    assert alice.email == ""


def test_the_e_mail_page_in_chinese(alice_client):
    alice_client.cookies["django_language"] = "zh-hans"
    page = alice_client.post("/accounts/email/", {"email": "x@example.com", "password": "wrong"}).content.decode()
    assert "电子邮件地址" in page and "这不是您的当前密码。" in page


def test_sign_up_takes_an_optional_e_mail_address(client):
    page = client.get("/accounts/signup/").content.decode()
    assert "E-mail address (optional)" in page
    password = "Kq8#vT2m!pL9"
    client.post(
        "/accounts/signup/",
        {"username": "carol", "email": "carol@example.com", "password1": password, "password2": password},
    )
    client.logout()
    client.post("/accounts/signup/", {"username": "dave", "email": "", "password1": password, "password2": password})
    assert dict(User.objects.filter(username__in=["carol", "dave"]).values_list("username", "email")) == {
        "carol": "carol@example.com",
        "dave": "",
    }
