"""A buyer sees which clauses changed since a contract was generated; nobody else can."""

import pytest

from contracts.clauses.library import clause_version_create, version_content
from contracts.models import Clause
from contracts.services import contract_generate
from tests.factories import DraftFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(library, alice):
    return contract_generate(draft=DraftFactory(owner=alice), language="zh", fmt="html")


def test_the_owner_sees_the_changed_clauses_with_the_diff(client, alice, contract):
    clause = Clause.objects.get(key="general.publicity")
    content = version_content(clause.current_version)
    clause_version_create(clause=clause, content=content | {"body_zh": content["body_zh"].replace("新闻稿", "公告")},
                          change_note="按法务意见修订")
    client.force_login(alice)
    response = client.get(f"/contracts/{contract.pk}/changes/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "general.publicity" in page and "按法务意见修订" in page
    assert "<del" in page and "新闻稿" in page and "公告" in page
    assert "sla.credits" not in page  # unchanged clauses are not listed


def test_nothing_listed_when_the_library_has_not_changed(client, alice, contract):
    client.force_login(alice)
    assert "No clause used by this contract has changed." in client.get(f"/contracts/{contract.pk}/changes/").content.decode()


def test_another_user_gets_404(client, bob, contract):
    client.force_login(bob)
    assert client.get(f"/contracts/{contract.pk}/changes/").status_code == 404


def test_anonymous_is_sent_to_log_in(client, contract):
    assert client.get(f"/contracts/{contract.pk}/changes/").status_code == 302
