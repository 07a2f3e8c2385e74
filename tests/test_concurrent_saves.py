"""Two tabs (or two clicks) saving the same part of a draft: one wins, the other is told, nothing is wiped."""

from __future__ import annotations

import re
import threading

import pytest
from django import db
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from contracts import services, views
from contracts.models import Draft
from tests.factories import DraftFactory
from tests.helpers import post_data

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL); SQLite serialises them"
)


def loaded_from(page: str) -> str:
    return re.search(r'name="_loaded" value="([^"]*)"', page).group(1)


def scope_post(draft, seats: int, loaded: str) -> dict:
    data = post_data("scope", draft.answers["scope"] | {"seat_count": seats})
    return {**{k: "on" if v == "true" else v for k, v in data.items() if v != "false"}, "_loaded": loaded}


@pytest.mark.django_db
def test_a_save_from_another_tab_between_the_check_and_the_write_is_not_overwritten(
    alice_client, complete_draft, monkeypatch
):
    url = f"/drafts/{complete_draft.pk}/step/scope/"
    loaded = loaded_from(alice_client.get(url).content.decode())
    checks = views._add_cross_step_problems

    def other_tab_saves_meanwhile(bound, step, draft):
        """The other tab's save lands after this request compared fingerprints, before it writes."""
        monkeypatch.setattr(views, "_add_cross_step_problems", checks)
        services.draft_save_step(
            draft=draft, step_key="scope", step_answers={**draft.answers["scope"], "seat_count": 80}
        )
        return checks(bound, step, draft)

    monkeypatch.setattr(views, "_add_cross_step_problems", other_tab_saves_meanwhile)
    response = alice_client.post(url, scope_post(complete_draft, 60, loaded))
    assert response.status_code == 409
    page = response.content.decode()
    assert "<strong>80</strong>" in page.split('id="conflict"')[1].split("</ul>")[0]
    assert 'name="seat_count" value="60"' in page  # this tab's input is kept, to save again
    complete_draft.refresh_from_db()
    assert complete_draft.answers["scope"]["seat_count"] == 80
    again = alice_client.post(url, scope_post(complete_draft, 60, loaded_from(page)))  # a deliberate second save
    assert again.status_code == 302
    complete_draft.refresh_from_db()
    assert complete_draft.answers["scope"]["seat_count"] == 60


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_of_two_simultaneous_saves_from_the_same_page_one_wins():
    buyer = get_user_model().objects.create_user("nina", password="x-Very-long-pass-1")
    draft = DraftFactory(owner=buyer)
    url = f"/drafts/{draft.pk}/step/scope/"
    tabs = [Client(), Client()]
    for tab in tabs:
        tab.force_login(buyer)
    loaded = loaded_from(tabs[0].get(url).content.decode())
    start = threading.Barrier(2, timeout=60)
    statuses: list[int] = []

    def save(tab, seats: int) -> None:
        try:
            start.wait()
            statuses.append(tab.post(url, scope_post(draft, seats, loaded)).status_code)
        finally:
            db.connections.close_all()

    for attempt in range(5):  # "one in five" in the probe: every attempt must leave exactly one winner
        statuses.clear()
        seats = (100 + 2 * attempt, 101 + 2 * attempt)  # both differ from what is saved
        threads = [threading.Thread(target=save, args=pair) for pair in zip(tabs, seats)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(statuses) == [302, 409]
        draft.refresh_from_db()
        loaded = loaded_from(tabs[0].get(url).content.decode())


# --- positions ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_stale_positions_tab_does_not_wipe_a_choice_saved_in_another(alice_client, alice, library):
    draft = DraftFactory(owner=alice)
    url = f"/drafts/{draft.pk}/positions/"
    first_tab = alice_client.get(url).content.decode()
    second_tab = alice_client.get(url).content.decode()
    assert alice_client.post(url, {"liability.cap": "vendor", "_loaded": loaded_from(first_tab)}).status_code == 302

    response = alice_client.post(url, {"exit.deletion": "balanced", "_loaded": loaded_from(second_tab)})
    assert response.status_code == 409
    page = response.content.decode()
    assert "The positions were saved in another tab or window" in page
    conflict = page.split('id="conflict"')[1].split("</ul>")[0]
    assert "Vendor&#x27;s usual position" in conflict or "Vendor's usual position" in conflict
    assert Draft.objects.get(pk=draft.pk).answers["positions"] == {"liability.cap": "vendor"}  # kept

    # saving again from the page just shown is deliberate: it replaces the saved choices
    assert alice_client.post(url, {"exit.deletion": "balanced", "_loaded": loaded_from(page)}).status_code == 302
    assert Draft.objects.get(pk=draft.pk).answers["positions"] == {"exit.deletion": "balanced"}
