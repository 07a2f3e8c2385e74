"""Admins keep the clause library: an edit becomes a new version and shows in the next contract."""

import html
import re

import pytest
from django.conf import settings

from contracts.models import Clause
from contracts.services import contract_generate
from tests.factories import DraftFactory, UserFactory
from tests.security.payloads import CLAUSE_PAYLOADS

pytestmark = pytest.mark.django_db

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def admin_client(client, library):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def clause_form(clause: Clause, **changes) -> dict:
    v = clause.current_version
    data = {
        "key": clause.key,
        "section": clause.section_id,
        "order": v.order,
        "condition": v.condition,
        "table": v.table,
        "is_active": "on",
        "title_zh": v.title_zh,
        "title_en": v.title_en,
        "body_zh": v.body_zh,
        "body_en": v.body_en,
        "change_note": "",
        "versions-TOTAL_FORMS": "0",
        "versions-INITIAL_FORMS": "0",
    }
    for name, text in (v.positions or {}).items():  # the form carries the stored positions as they are
        data.update({f"{name}_{part}": value for part, value in text.items()})
    data.update(changes)
    return data


def refused(admin_client, clause: Clause, data: dict) -> str:
    """Posts the form expecting it back with errors; returns the page's text."""
    response = admin_client.post(f"/admin/contracts/clause/{clause.pk}/change/", data)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_saved_edit_is_a_new_version_and_shows_in_the_next_contract(admin_client, alice):
    clause = Clause.objects.get(key="general.publicity")
    before = clause.current_version.number
    response = admin_client.post(
        f"/admin/contracts/clause/{clause.pk}/change/",
        clause_form(
            clause,
            body_zh="乙方不得宣传。本条为测试修订文本甲乙丙。",
            body_en="No publicity. Test revision XYZZY.",
            change_note="shorter",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    clause.refresh_from_db()
    assert clause.current_version.number == before + 1
    assert clause.versions.count() == before + 1
    contract = contract_generate(draft=DraftFactory(owner=alice), language="en", fmt="html")
    assert "Test revision XYZZY" in contract.file.read().decode()


@pytest.mark.parametrize(
    "field, value, reason",
    [
        ("body_zh", "乙方{{ parties.vendor_name ", "line 1"),
        ("body_en", "{{ parties.vendor_secret }}", "unknown variable 'parties.vendor_secret'"),
        ("condition", "legal.forum ==", "line 1"),
        ("body_en", "{% include 'base.html' %}", "not allowed"),
    ],
)
def test_bad_clause_is_refused_with_the_reason(admin_client, field, value, reason):
    clause = Clause.objects.get(key="general.publicity")
    versions = clause.versions.count()
    response = admin_client.post(f"/admin/contracts/clause/{clause.pk}/change/", clause_form(clause, **{field: value}))
    assert response.status_code == 200
    assert reason in html.unescape(response.content.decode())
    assert clause.versions.count() == versions


def test_admin_edits_vendors(admin_client):
    response = admin_client.post(
        "/admin/contracts/vendor/add/",
        {"name": "新供应商有限公司", "country": "CN", "uscc": "", "certifications": "[]", "notes": ""},
    )
    assert response.status_code == 302


def test_a_ref_to_an_unknown_clause_is_refused(admin_client):
    clause = Clause.objects.get(key="general.publicity")
    response = admin_client.post(
        f"/admin/contracts/clause/{clause.pk}/change/", clause_form(clause, body_en="See {{ 'sla.nowhere'|ref }}.")
    )
    assert response.status_code == 200
    assert "reference to an unknown clause &#x27;sla.nowhere&#x27;" in response.content.decode()


def test_a_ref_to_a_clause_left_out_under_some_answers_is_refused(admin_client):
    clause = Clause.objects.get(key="general.publicity")
    versions = clause.versions.count()
    response = admin_client.post(
        f"/admin/contracts/clause/{clause.pk}/change/",
        clause_form(clause, body_en="Subject to {{ 'disputes.arbitration'|ref }}, no publicity."),
    )
    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    assert "reference to a clause that is not in this contract: disputes.arbitration" in content
    assert clause.versions.count() == versions
    guarded = "{% if legal.forum == 'arbitration' %}Subject to {{ 'disputes.arbitration'|ref }}, no{% else %}No{% endif %} publicity."
    response = admin_client.post(f"/admin/contracts/clause/{clause.pk}/change/", clause_form(clause, body_en=guarded))
    assert response.status_code == 302


def test_changing_a_condition_that_another_clause_refers_to_is_refused(admin_client):
    clause = Clause.objects.get(key="term.refund")  # term.termination and others refer to it
    response = admin_client.post(
        f"/admin/contracts/clause/{clause.pk}/change/", clause_form(clause, condition="data.gdpr_applies")
    )
    assert response.status_code == 200
    assert "reference to a clause that is not in this contract: term.refund" in html.unescape(response.content.decode())


def test_positions_are_edited_in_the_admin_and_versioned(admin_client):
    clause = Clause.objects.get(key="liability.cap")
    positions = clause.current_version.positions
    data = clause_form(clause, highlight="on", change_note="shorter vendor note")
    data["vendor_note_en"] = "The cap becomes last year's fees."
    response = admin_client.post(f"/admin/contracts/clause/{clause.pk}/change/", data)
    assert response.status_code == 302, html.unescape(response.content.decode())[:3000]
    clause.refresh_from_db()
    assert clause.current_version.positions["vendor"]["note_en"] == "The cap becomes last year's fees."
    assert clause.current_version.positions["balanced"] == positions["balanced"]
    data["balanced_body_en"] = ""
    assert "the balanced position needs its text (en)" in refused(admin_client, clause, data)


def test_the_note_on_the_buyers_own_text_is_edited_versioned_and_previewed(admin_client):
    clause = Clause.objects.get(key="exit.deletion")
    stored = clause.current_version.positions
    page = html.unescape(admin_client.get(f"/admin/contracts/clause/{clause.pk}/change/").content.decode())
    assert stored["buyer"]["note_en"] in page  # the form opens with the current note
    data = clause_form(clause, change_note="buyer note")
    data["buyer_note_en"] = "Everything is deleted, backups included, with a certificate."
    response = admin_client.post("/admin/contracts/clause/preview/", data)
    assert "Everything is deleted, backups included, with a certificate." in html.unescape(response.content.decode())
    response = admin_client.post(f"/admin/contracts/clause/{clause.pk}/change/", data)
    assert response.status_code == 302, html.unescape(response.content.decode())[:3000]
    clause.refresh_from_db()
    assert clause.current_version.positions["buyer"] == {
        "note_zh": stored["buyer"]["note_zh"],
        "note_en": "Everything is deleted, backups included, with a certificate.",
    }
    assert clause.current_version.positions["vendor"] == stored["vendor"]
    history = html.unescape(admin_client.get(f"/admin/contracts/clause/{clause.pk}/versions/").content.decode())
    assert "Buyer position — " in history

    data["buyer_note_zh"] = ""
    assert "the buyer position needs its note (zh)" in refused(admin_client, clause, data)


def test_a_note_on_the_buyers_text_without_an_alternative_is_refused(admin_client):
    clause = Clause.objects.get(key="general.publicity")
    data = clause_form(clause, buyer_note_zh="甲方受保护。", buyer_note_en="The buyer is protected.")
    assert "shown only beside a balanced or vendor text" in refused(admin_client, clause, data)
    assert Clause.objects.get(pk=clause.pk).current_version == clause.current_version


def test_the_clause_form_shows_the_variable_catalogue_with_examples(admin_client):
    clause = Clause.objects.get(key="general.publicity")
    content = html.unescape(admin_client.get(f"/admin/contracts/clause/{clause.pk}/change/").content.decode())
    assert "sla.credit_tiers[].amount" in content
    assert "'上海某某贸易有限公司'" in content  # parties.buyer_name from the standard sample
    assert "Preview the unsaved text" in content


def test_the_preview_renders_unsaved_text_against_a_sample_in_both_languages(admin_client):
    clause = Clause.objects.get(key="general.publicity")
    data = clause_form(
        clause,
        body_zh="甲方为{{ parties.buyer_name }}，见{{ 'sla.credits'|ref }}。",
        body_en="Customer: {{ parties.buyer_name }}; fee {{ pricing.monthly_fee|money }}.",
        preview_sample="standard",
    )
    before = clause.versions.count()
    response = admin_client.post("/admin/contracts/clause/preview/", data)
    content = html.unescape(response.content.decode())
    assert "甲方为上海某某贸易有限公司，见第" in content
    assert "fee CNY 5,000.00" in content
    assert clause.versions.count() == before
    response = admin_client.post("/admin/contracts/clause/preview/", {**data, "body_en": "{{ settings.DEBUG }}"})
    assert "unknown variable 'settings'" in html.unescape(response.content.decode())


def test_history_shows_a_readable_diff_and_restores_an_old_version(admin_client):
    clause = Clause.objects.get(key="general.publicity")
    first = clause.current_version
    admin_client.post(
        f"/admin/contracts/clause/{clause.pk}/change/",
        clause_form(clause, body_en=first.body_en.replace("press release", "announcement"), change_note="wording"),
    )
    clause.refresh_from_db()
    response = admin_client.get(f"/admin/contracts/clause/{clause.pk}/versions/?a={first.number}&b={first.number + 1}")
    content = response.content.decode()
    assert "<del" in content and "press release" in content and "announcement" in content
    assert "wording" in content and "root" in content
    response = admin_client.post(f"/admin/contracts/clause/{clause.pk}/versions/{first.pk}/restore/")
    assert response.status_code == 302
    clause.refresh_from_db()
    assert clause.current_version.number == first.number + 2
    assert clause.current_version.body_en == first.body_en
    assert clause.current_version.author.username == "root"


def test_a_staff_user_without_change_permission_cannot_restore(client, library):
    staff = UserFactory(username="viewer", is_staff=True)
    client.force_login(staff)
    clause = Clause.objects.get(key="general.publicity")
    response = client.post(f"/admin/contracts/clause/{clause.pk}/versions/{clause.current_version.pk}/restore/")
    assert response.status_code == 403


def test_saving_an_unchanged_clause_makes_no_new_version(admin_client):
    clause = Clause.objects.get(key="liability.cap")
    data = clause_form(clause, highlight="on")
    for name, text in clause.current_version.positions.items():
        for part, value in text.items():
            data[f"{name}_{part}"] = value.replace("\n", "\r\n")  # as a browser sends it
    data["body_zh"] = data["body_zh"].replace("\n", "\r\n")
    versions = clause.versions.count()
    assert admin_client.post(f"/admin/contracts/clause/{clause.pk}/change/", data).status_code == 302
    assert clause.versions.count() == versions


# --- the admin in Chinese --------------------------------------------------------------------

# What a UX audit found still in English in the zh-hans admin.
ENGLISH_IN_THE_CHINESE_ADMIN = [
    "History and differences",
    "Is active",
    "Preview the unsaved text",
    "Sample draft",
    "Renders the text above",
    "Variables and filters",
    "Example (standard sample)",
    "Standard: per seat",
    "Every option:",
    "Perpetual licence by milestones",
    "Clause versions",
    "Title zh",
    "Change note",
    "Created at",
    "Contracts",
    "Generated contracts",
]


def zh_page(client, url: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_clause_form_is_in_chinese(admin_client):
    clause = Clause.objects.get(key="general.publicity")
    page = zh_page(admin_client, f"/admin/contracts/clause/{clause.pk}/change/")
    for chinese in (
        "历史与差异",
        "启用",
        "预览未保存的文本（中英文）",
        "示例草稿",
        "变量与过滤器",
        "标准：按席位计费、诉讼、数据境内存储、中英双语",
        "示例（标准示例草稿）",
        "含义",
        "条款版本",
        "版本",
        "适用条件",
        "加粗提示",
        "修改说明",
        "修改人",
        "保存时间",
        "合同",
        "已生成的合同",
    ):
        assert chinese in page, chinese
    assert '<option value="standard">' in page  # the sample keys stay as they are
    for english in ENGLISH_IN_THE_CHINESE_ADMIN:
        assert english not in page, english


def test_the_clause_history_is_in_chinese(admin_client):
    clause = Clause.objects.get(key="general.publicity")
    first = clause.current_version
    admin_client.post(
        f"/admin/contracts/clause/{clause.pk}/change/",
        clause_form(clause, body_en=first.body_en.replace("press release", "announcement"), change_note="wording"),
    )
    page = zh_page(admin_client, f"/admin/contracts/clause/{clause.pk}/versions/")
    for chinese in (
        f"历史：{clause.key}",
        "从",
        "至",
        "版本",
        "保存时间",
        "修改人",
        "修改说明",
        "显示差异",
        "（当前）",
        "恢复",
        f"从 v{first.number} 到 v{first.number + 1}",
        "正文（英文）",
    ):
        assert chinese in page, chinese
    for english in (
        "History: ",
        "Show the difference",
        "Change note",
        "(current)",
        "Restore<",
        "Text (en)",
        "No difference.",
    ):
        assert english not in page, english
    page = zh_page(admin_client, f"/admin/contracts/clause/{clause.pk}/versions/?a={first.number}&b={first.number}")
    assert "没有差异。" in page and "No difference." not in page
    response = admin_client.post(f"/admin/contracts/clause/{clause.pk}/versions/{first.pk}/restore/", follow=True)
    page = html.unescape(response.content.decode())
    assert f"已将第{first.number}版恢复为第{first.number + 2}版。" in page
    assert f"恢复第{first.number}版" in page  # the new version's change note, in the history
    response = admin_client.post(f"/admin/contracts/clause/{clause.pk}/versions/{first.pk}/restore/", follow=True)
    assert f"第{first.number}版已是当前文本。" in html.unescape(response.content.decode())


def test_the_preview_is_in_chinese(admin_client):
    clause = Clause.objects.get(key="liability.cap")
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    response = admin_client.post("/admin/contracts/clause/preview/", clause_form(clause, preview_sample="all_options"))
    page = html.unescape(response.content.decode())
    for chinese in (
        f"预览：{clause.key}",
        "示例草稿：<strong>全部选项：数据迁移、GDPR、数据出境、仲裁、源代码托管、英文</strong>。未保存任何内容。",
        "采购方立场",
        "折中立场",
        "供应商立场",
    ):
        assert chinese in page, chinese
    for english in (
        "Preview: ",
        "Sample draft",
        "Every option:",
        "Nothing has been saved",
        "buyer position",
        "balanced position",
        "vendor position",
    ):
        assert english not in page, english


def test_the_clause_list_fits_and_is_in_chinese(admin_client):
    page = zh_page(admin_client, "/admin/contracts/clause/")
    assert Clause.objects.count() > 100
    for chinese in ("条款", "章节", "启用", "当前版本", "谈判立场"):
        assert chinese in page, chinese
    for english in ("Is active", "Current version", "Contracts", "Generated contracts"):
        assert english not in page, english
    # every clause on one page, the section column printing the section's key with its name as tooltip
    assert page.count('class="action-select"') == Clause.objects.count()
    section = Clause.objects.get(key="general.publicity").section
    assert f'<span title="{section}">{section.key.replace("_", "_<wbr>")}</span>' in page
    assert f">{section}</td>" not in page


def test_every_sample_and_diff_label_shown_in_the_admin_has_chinese():
    """A sample draft or a diff field added in code without a translation shows up here."""
    from django.utils.translation import gettext, override

    from contracts.clauses.diff import content_diff
    from contracts.clauses.library import POSITION_PARTS
    from contracts.clauses.samples import SAMPLES

    content = {
        "order": 0,
        "condition": "",
        "highlight": False,
        "table": "",
        "title_zh": "",
        "title_en": "",
        "body_zh": "",
        "body_en": "",
        "positions": {p: {part: "" for part in parts} for p, parts in POSITION_PARTS.items()},
    }
    labels = [label for label, _patch in SAMPLES.values()]
    labels += [d.label for d in content_diff(content, content, changed_only=False)]
    with override("zh-hans"):
        untranslated = [label for label in labels if not HAN.search(gettext(label))]
    assert untranslated == []


# The probe's clause texts (tests/security/payloads.py) -------------------------------------------


@pytest.mark.parametrize("name", CLAUSE_PAYLOADS)
def test_each_probe_payload_is_refused_by_the_clause_form_with_the_reason(admin_client, name):
    clause = Clause.objects.get(key="general.publicity")
    versions = clause.versions.count()
    page = refused(admin_client, clause, clause_form(clause, body_en=CLAUSE_PAYLOADS[name].text))
    assert CLAUSE_PAYLOADS[name].reason in page
    assert clause.versions.count() == versions


def test_an_evaluation_error_under_the_sample_answers_is_refused_naming_the_text_and_line(admin_client):
    clause = Clause.objects.get(key="general.publicity")
    versions = clause.versions.count()
    page = refused(admin_client, clause, clause_form(clause, body_en="No publicity.\n{{ parties.buyer_name + 1 }}"))
    assert "Text (English): line 2: this cannot be printed: can only concatenate str" in page
    assert clause.versions.count() == versions


def test_a_text_that_crosses_the_budget_with_the_sample_answers_is_refused(admin_client):
    clause = Clause.objects.get(key="general.publicity")
    text = "{{ parties.buyer_name * 20000 }}"  # the save check cannot know the name; the sample's crosses
    page = refused(admin_client, clause, clause_form(clause, body_zh=text))
    assert "Text (Chinese): line 1: this builds a text or list of" in page
    response = admin_client.post("/admin/contracts/clause/preview/", clause_form(clause, body_en=text))
    assert response.status_code == 200
    assert "a clause text may build at most 100,000" in html.unescape(response.content.decode())
    response = admin_client.post("/admin/contracts/clause/preview/", clause_form(clause, title_en="{{ 1/0 }}"))
    assert response.status_code == 200
    assert "division by zero" in html.unescape(response.content.decode())


def test_the_refusal_of_a_payload_is_in_chinese(admin_client):
    clause = Clause.objects.get(key="general.publicity")
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    text = CLAUSE_PAYLOADS["hidden_nested_loops"].text
    page = refused(admin_client, clause, clause_form(clause, body_en=text))
    assert "第1行：此处的循环将执行1,001,000次；条款文本的循环合计最多执行10,000次" in page
    page = refused(admin_client, clause, clause_form(clause, body_en="甲\n{{ parties.buyer_name + 1 }}"))
    assert "正文（英文）: 第2行：此处无法输出：" in page


def test_a_condition_that_cannot_be_worked_out_under_the_sample_answers_is_refused(admin_client):
    clause = Clause.objects.get(key="general.publicity")
    page = refused(admin_client, clause, clause_form(clause, condition="parties.buyer_name + 1 == 2"))
    assert "Condition: this cannot be printed: can only concatenate str" in page
