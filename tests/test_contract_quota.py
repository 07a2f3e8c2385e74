"""The hourly limits: contracts a buyer asks for (never pre-renders), and accounts per client address."""

from __future__ import annotations

import threading

import pytest
from django import db
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from contracts import services
from contracts.models import GeneratedContract
from tests.factories import DraftFactory, answers_document

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL); SQLite serialises them"
)


def generate(client, draft, language="zh", fmt="html"):
    return client.post(f"/drafts/{draft.pk}/generate/", {"language": language, "format": fmt}, follow=True)


@pytest.mark.django_db
@pytest.mark.usefixtures("layout_stand_in")  # what is counted, not what is printed
def test_review_visits_do_not_spend_the_hourly_limit(alice_client, alice, library, settings):
    settings.CONTRACTS_PER_HOUR = 1
    settings.RENDER_PRERENDER = "on"
    draft = DraftFactory(owner=alice)
    for buyer_name in ("上海甲贸易有限公司", "上海乙贸易有限公司"):  # each version of the answers is pre-rendered
        draft = services.draft_save_step(
            draft=draft, step_key="parties", step_answers={**draft.answers["parties"], "buyer_name": buyer_name}
        )
        alice_client.get(f"/drafts/{draft.pk}/review/")
    assert GeneratedContract.objects.filter(owner=alice, requested_at=None).count() == 2

    first = generate(alice_client, draft, fmt="html")
    assert first.redirect_chain[-1][0].startswith("/contracts/")  # the pre-renders were not counted
    refused = generate(alice_client, draft, language=draft.answers["parties"]["contract_language"], fmt="pdf")
    assert "the most allowed" in refused.content.decode()  # asking for a pre-rendered file counts, once
    assert GeneratedContract.objects.filter(owner=alice).requested().count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_cannot_store_more_contracts_than_the_hourly_limit(settings, monkeypatch):
    settings.CONTRACTS_PER_HOUR = 3
    from contracts.clauses.versions import library_import

    library_import()
    buyer = get_user_model().objects.create_user("mallory", password="x-Very-long-pass-1")
    drafts = [DraftFactory(owner=buyer, answers=answers_document(scope={"seat_count": 100 + i})) for i in range(8)]
    all_rendering = threading.Barrier(len(drafts), timeout=60)

    def render_once_all_are_rendering(*args, **kwargs) -> bytes:
        all_rendering.wait()  # every request has passed the early check before any is stored
        return b"<html>contract</html>"

    monkeypatch.setattr(services, "render", render_once_all_are_rendering)
    outcomes: list[str] = []

    def ask(draft) -> None:
        try:
            services.contract_generate(draft=draft, language="zh", fmt="html")
            outcomes.append("stored")
        except services.RenderRateLimited:
            outcomes.append("refused")
        finally:
            db.connections.close_all()

    threads = [threading.Thread(target=ask, args=(draft,)) for draft in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused"] * 5 + ["stored"] * 3
    assert GeneratedContract.objects.filter(owner=buyer).requested().count() == 3


# --- sign-up -----------------------------------------------------------------------------------------


def sign_up(username: str, address: str = "203.0.113.7"):
    password = "Kq8#vT2m!pL9-" + username
    return Client(REMOTE_ADDR=address).post(
        "/accounts/signup/", {"username": username, "password1": password, "password2": password}
    )


@pytest.mark.django_db
def test_sign_up_is_limited_per_client_address(settings):
    settings.SIGNUPS_PER_ADDRESS_PER_HOUR = 2
    assert sign_up("erin").status_code == 302
    assert sign_up("frank").status_code == 302
    refused = sign_up("grace")
    assert refused.status_code == 429
    assert "Too many accounts have been created from your network" in refused.content.decode()
    assert not get_user_model().objects.filter(username="grace").exists()
    assert sign_up("grace", address="198.51.100.20").status_code == 302  # another network is not held up


@pytest.mark.django_db
def test_the_sign_up_allowance_comes_back_after_an_hour(settings, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    settings.SIGNUPS_PER_ADDRESS_PER_HOUR = 1
    assert sign_up("heidi").status_code == 302
    assert sign_up("ivan").status_code == 429
    later = timezone.now() + timedelta(hours=1, minutes=1)
    monkeypatch.setattr(services.timezone, "now", lambda: later)
    assert sign_up("ivan").status_code == 302
