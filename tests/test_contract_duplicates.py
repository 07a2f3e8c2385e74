"""One stored contract per buyer and inputs, however many requests render the same draft at once."""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from contracts import services
from contracts.models import GeneratedContract
from tests.factories import DraftFactory
from tests.helpers import twice_at_once

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL); SQLite serialises them"
)


@pytest.mark.django_db
def test_the_database_refuses_a_second_row_for_the_same_buyer_and_inputs(alice, library):
    contract = services.contract_generate(draft=DraftFactory(owner=alice), language="zh", fmt="html")
    with pytest.raises(IntegrityError), transaction.atomic():
        GeneratedContract.objects.create(
            owner=alice,
            number=contract.number,
            language="zh",
            format="html",
            content_hash=contract.content_hash,
            answers={},
        )


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_tabs_downloading_the_same_draft_at_once_store_one_contract(monkeypatch):
    from contracts.clauses.versions import library_import

    library_import()
    buyer = get_user_model().objects.create_user("judy", password="x-Very-long-pass-1")
    draft = DraftFactory(owner=buyer)
    both_rendering = threading.Barrier(2, timeout=60)

    def render_once_both_are_rendering(*args, **kwargs) -> bytes:
        both_rendering.wait()  # neither has stored its row when the other looks for one
        return b"<html>contract</html>"

    monkeypatch.setattr(services, "render", render_once_both_are_rendering)
    got = [c.pk for c in twice_at_once(lambda: services.contract_generate(draft=draft, language="zh", fmt="html"))]
    assert len(got) == 2 and got[0] == got[1]  # both tabs download the same file
    assert GeneratedContract.objects.filter(owner=buyer).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_one_of_the_rows_stored_twice():
    before, after = (
        [("contracts", "0006_admin_labels")],
        [("contracts", "0007_contract_per_inputs_and_signup_throttle")],
    )
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        apps = executor.loader.project_state(before).apps
        User = apps.get_model("auth", "User")
        Contract = apps.get_model("contracts", "GeneratedContract")
        buyer = User.objects.create(username="kim")
        other = User.objects.create(username="lee")
        from django.utils import timezone

        requested_at = timezone.now()
        row = {"number": "CRM-2026-00001", "language": "zh", "format": "pdf", "answers": {}, "file": "c.pdf"}
        prerender = Contract.objects.create(owner=buyer, content_hash="a" * 64, requested_at=None, **row)
        asked_for = Contract.objects.create(owner=buyer, content_hash="a" * 64, requested_at=requested_at, **row)
        Contract.objects.create(owner=buyer, content_hash="a" * 64, requested_at=None, **row)
        theirs = Contract.objects.create(owner=other, content_hash="a" * 64, requested_at=None, **row)
        single = Contract.objects.create(owner=buyer, content_hash="b" * 64, requested_at=None, **row)
        assert prerender.pk

        executor = MigrationExecutor(connection)
        executor.migrate(after)
        Contract = executor.loader.project_state(after).apps.get_model("contracts", "GeneratedContract")
        kept = sorted(Contract.objects.values_list("pk", flat=True))
        assert kept == sorted(
            [asked_for.pk, theirs.pk, single.pk]
        )  # the one the buyer asked for stays in "My contracts"
        assert Contract.objects.get(pk=asked_for.pk).requested_at == requested_at
    finally:
        MigrationExecutor(connection).loader.build_graph()
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
