"""A buyer sees which clauses changed since a contract was generated; nobody else can."""

import html

import pytest

from contracts.clauses.versions import clause_version_create, version_content
from contracts.models import Clause
from contracts.services import contract_generate
from tests.factories import DraftFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(library, alice):
    return contract_generate(draft=DraftFactory(owner=alice), language="zh", fmt="html")


def edit(key: str, note: str = "", **changes):
    clause = Clause.objects.get(key=key)
    content = version_content(clause.current_version)
    return clause_version_create(clause=clause, content=content | changes, change_note=note)


def page_of(client, contract) -> str:
    response = client.get(f"/contracts/{contract.pk}/changes/")
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_owner_sees_the_reworded_clause_as_it_would_print(client, alice, contract):
    body = Clause.objects.get(key="general.publicity").current_version.body_zh
    edit("general.publicity", "按法务意见修订", body_zh=body.replace("新闻稿", "公告"))
    client.force_login(alice)
    page = page_of(client, contract)
    assert 'id="change-general.publicity"' in page and "按法务意见修订" in page
    section = page.split('id="change-general.publicity"')[1].split("</section>")[0]
    assert "<del" in section and "新闻稿" in section and "公告" in section
    assert "{{" not in page and "{%" not in page  # the printed wording, not the template behind it
    assert 'id="change-sla.credits"' not in page  # unchanged clauses are not listed


def test_a_rewrite_that_prints_the_same_and_a_note_are_not_changes(client, alice, contract):
    clause = Clause.objects.get(key="liability.cap")
    positions = clause.current_version.positions
    edit("liability.cap", positions=positions | {"buyer": {"note_zh": "新说明", "note_en": "A new note"}})
    body = Clause.objects.get(key="general.publicity").current_version.body_en
    edit("general.publicity", body_en=body.replace("{{ parties.buyer_name }}", "{{ parties.buyer_name|e }}"))
    client.force_login(alice)
    assert "this contract would print the same text" in page_of(client, contract)


def test_a_clause_new_to_these_answers_and_one_withdrawn_are_listed(client, alice, contract):
    withdrawn = Clause.objects.get(key="general.publicity")
    withdrawn.is_active = False
    withdrawn.save()
    added = Clause.objects.create(key="general.anti_bribery", section=withdrawn.section)
    clause_version_create(
        clause=added,
        change_note="新增反商业贿赂条款",
        content={
            "order": 95,
            "condition": "",
            "highlight": False,
            "table": "",
            "positions": {},
            "title_zh": "反商业贿赂",
            "title_en": "Anti-Bribery",
            "body_zh": "双方不得向对方人员提供任何不正当利益。",
            "body_en": "Neither party shall offer the other's staff any improper benefit.",
        },
    )
    client.force_login(alice)
    page = page_of(client, contract)
    assert 'id="change-general.publicity"' in page and "no longer in the contract" in page
    assert "<del" in page.split('id="change-general.publicity"')[1].split("</section>")[0]
    new = page.split('id="change-general.anti_bribery"')[1].split("</section>")[0]
    assert "new in the contract" in new and "新增反商业贿赂条款" in new
    assert "<ins" in new and "双方不得向对方人员提供任何不正当利益。" in new


def test_nothing_listed_when_the_library_has_not_changed(client, alice, contract):
    client.force_login(alice)
    assert "this contract would print the same text" in page_of(client, contract)


def test_another_user_gets_404(client, bob, contract):
    client.force_login(bob)
    assert client.get(f"/contracts/{contract.pk}/changes/").status_code == 404


def test_anonymous_is_sent_to_log_in(client, contract):
    assert client.get(f"/contracts/{contract.pk}/changes/").status_code == 302


def test_a_comparison_that_cannot_be_built_says_so(client, alice, contract, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise TypeError("a clause the current library cannot print for these answers")

    monkeypatch.setattr("contracts.clause_views.build_document", broken)
    client.force_login(alice)
    page = page_of(client, contract)
    assert "cannot be shown for this contract" in page and "would print the same text" not in page
    assert "comparing contract" in caplog.text


def test_my_contracts_links_each_contract_to_what_changed_since(client, alice, contract):
    client.force_login(alice)
    contract.requested_at = contract.created_at  # downloaded: "My contracts" lists it
    contract.save(update_fields=["requested_at"])
    page = html.unescape(client.get("/contracts/").content.decode())
    assert f'href="/contracts/{contract.pk}/changes/"' in page
