"""Admins keep the clause library: an edit becomes a new version and shows in the next contract."""

import html

import pytest

from contracts.models import Clause
from contracts.services import contract_generate
from tests.factories import PASSWORD, DraftFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, library):
    UserFactory(username="root", is_staff=True, is_superuser=True)
    client.login(username="root", password=PASSWORD)
    return client


def clause_form(clause: Clause, **changes) -> dict:
    v = clause.current_version
    data = {
        "key": clause.key, "section": clause.section_id, "order": clause.order, "condition": clause.condition,
        "table": clause.table, "is_active": "on", "title_zh": v.title_zh, "title_en": v.title_en,
        "body_zh": v.body_zh, "body_en": v.body_en, "change_note": "",
        "versions-TOTAL_FORMS": "0", "versions-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_saved_edit_is_a_new_version_and_shows_in_the_next_contract(admin_client, alice):
    clause = Clause.objects.get(key="general.publicity")
    before = clause.current_version.number
    response = admin_client.post(f"/admin/contracts/clause/{clause.pk}/change/", clause_form(
        clause, body_zh="乙方不得宣传。本条为测试修订文本甲乙丙。", body_en="No publicity. Test revision XYZZY.",
        change_note="shorter"))
    assert response.status_code == 302, response.content.decode()[:2000]
    clause.refresh_from_db()
    assert clause.current_version.number == before + 1
    assert clause.versions.count() == before + 1
    contract = contract_generate(draft=DraftFactory(owner=alice), language="en", fmt="html")
    assert "Test revision XYZZY" in contract.file.read().decode()


@pytest.mark.parametrize("field, value, reason", [
    ("body_zh", "乙方{{ parties.vendor_name ", "line 1"),
    ("body_en", "{{ parties.vendor_secret }}", "unknown variable 'parties.vendor_secret'"),
    ("condition", "legal.forum ==", "line 1"),
    ("body_en", "{% include 'base.html' %}", "not allowed"),
])
def test_bad_clause_is_refused_with_the_reason(admin_client, field, value, reason):
    clause = Clause.objects.get(key="general.publicity")
    versions = clause.versions.count()
    response = admin_client.post(f"/admin/contracts/clause/{clause.pk}/change/", clause_form(clause, **{field: value}))
    assert response.status_code == 200
    assert reason in html.unescape(response.content.decode())
    assert clause.versions.count() == versions


def test_admin_edits_vendors(admin_client):
    response = admin_client.post("/admin/contracts/vendor/add/", {
        "name": "新供应商有限公司", "country": "CN", "uscc": "", "certifications": "[]", "notes": ""})
    assert response.status_code == 302
