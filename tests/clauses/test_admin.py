"""Admins keep the clause library: an edit becomes a new version and shows in the next contract."""

import html
import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command

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


def errors(content: str) -> list[str]:
    """The error messages of an admin page, as the admin reads them."""
    items = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', content, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", li)) for ul in items for li in re.findall(r"<li>(.*?)</li>", ul, re.S)]


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
    assert errors(response.content.decode()) == [
        "English text, line 1: refers to clause disputes.arbitration, which this contract leaves out under some "
        "answers: guard the reference with the same condition"
    ]
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
    shown = errors(response.content.decode())
    assert (
        "Clause term.convenience, Chinese text, line 1: refers to clause term.refund, which this contract leaves "
        "out under some answers: guard the reference with the same condition"
    ) in shown
    assert len(shown) == len(set(shown)) == len({line.split(",")[0] for line in shown})  # once per clause


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
    assert "English text of the balanced position: needed as long as this position is offered" in errors(
        refused(admin_client, clause, data)
    )


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
    assert "Chinese note of our standard (buyer) position: needed as long as this position is offered" in errors(
        refused(admin_client, clause, data)
    )


def test_a_note_on_the_buyers_text_without_an_alternative_is_refused(admin_client):
    clause = Clause.objects.get(key="general.notices")  # a clause without alternative texts
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
    from contracts.clauses.samples import SAMPLES
    from contracts.clauses.spec import POSITION_PARTS

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


REFERRED = "term.refund"  # term.convenience, sla.chronic_failure and others print {{ 'term.refund'|ref }}


@pytest.mark.parametrize("change", [{"key": "term.refunds"}, {"is_active": ""}])
def test_renaming_or_switching_off_a_clause_others_refer_to_is_refused_naming_them(admin_client, alice, change):
    clause = Clause.objects.get(key=REFERRED)
    versions = clause.versions.count()
    data = clause_form(clause, **change)
    if not change.get("is_active", "on"):
        del data["is_active"]
    shown = errors(refused(admin_client, clause, data))
    assert (
        "Clause term.convenience refers to term.refund ({{ 'term.refund'|ref }}): change that text first, or keep "
        "the key and leave the clause in use."
    ) in shown
    assert any(line.startswith("Clause sla.chronic_failure refers to term.refund") for line in shown)
    clause.refresh_from_db()
    assert (clause.key, clause.is_active, clause.versions.count()) == (REFERRED, True, versions)
    contract_generate(draft=DraftFactory(owner=alice), language="en", fmt="html")  # generation still works


def test_a_new_key_and_switching_off_are_versioned_with_their_change_note(admin_client):
    clause = Clause.objects.get(key="general.publicity")
    number = clause.current_version.number
    response = admin_client.post(
        f"/admin/contracts/clause/{clause.pk}/change/",
        clause_form(clause, key="general.no_publicity", change_note="clearer key"),
    )
    assert response.status_code == 302, errors(response.content.decode())
    clause.refresh_from_db()
    assert clause.key == "general.no_publicity"
    assert clause.current_version.number == number + 1
    assert clause.current_version.change_note == "Key: general.publicity → general.no_publicity; clearer key"
    data = clause_form(clause, change_note="not in our contracts any more")
    del data["is_active"]
    response = admin_client.post(f"/admin/contracts/clause/{clause.pk}/change/", data)
    assert response.status_code == 302, errors(response.content.decode())
    clause.refresh_from_db()
    assert not clause.is_active
    assert clause.current_version.change_note == "Switched off; not in our contracts any more"
    history = html.unescape(admin_client.get(f"/admin/contracts/clause/{clause.pk}/versions/").content.decode())
    assert "Switched off; not in our contracts any more" in history
    assert "Key: general.publicity → general.no_publicity; clearer key" in history


def test_a_save_that_leaves_a_sample_draft_with_an_empty_text_is_refused(admin_client):
    clause = Clause.objects.get(key="general.publicity")
    body = "{% if scope.seat_count > 100000 %}Only very large buyers get publicity.{% endif %}"
    shown = errors(refused(admin_client, clause, clause_form(clause, body_en=body)))
    assert shown == ["English text: prints nothing (sample draft: Standard: per seat, court, data in China, bilingual)"]


def test_switching_off_the_last_clause_of_a_section_is_refused(admin_client):
    clause = Clause.objects.get(key__startswith="preamble.")
    data = clause_form(clause)
    del data["is_active"]
    assert errors(refused(admin_client, clause, data)) == ["Section preamble would have no clause left."]


def test_importing_the_shipped_library_keeps_an_admins_edit_unless_forced(admin_client):
    clause = Clause.objects.get(key="general.publicity")
    response = admin_client.post(
        f"/admin/contracts/clause/{clause.pk}/change/",
        clause_form(clause, body_en="Our own publicity text. ADMIN-EDIT.", change_note="ours"),
    )
    assert response.status_code == 302, errors(response.content.decode())
    out = io.StringIO()
    call_command("import_clauses", stdout=out)
    assert (
        "kept 1 clauses as an admin last saved them (the files differ): general.publicity "
        "(--force replaces them with the files' text)"
    ) in out.getvalue()
    assert "ADMIN-EDIT" in Clause.objects.get(pk=clause.pk).current_version.body_en
    out = io.StringIO()
    call_command("import_clauses", "--if-empty", stdout=out)  # what `make run` does at every start
    assert "nothing imported" in out.getvalue()
    assert "ADMIN-EDIT" in Clause.objects.get(pk=clause.pk).current_version.body_en
    call_command("import_clauses", "--force", stdout=io.StringIO())
    current = Clause.objects.get(pk=clause.pk).current_version
    assert "ADMIN-EDIT" not in current.body_en and current.author is None
    assert Clause.objects.get(pk=clause.pk).versions.filter(body_en__contains="ADMIN-EDIT").exists()


def test_make_run_loads_the_library_only_into_an_empty_database():
    makefile = (settings.BASE_DIR / "Makefile").read_text()
    assert "manage.py import_clauses --if-empty" in makefile


def test_a_clause_printed_in_a_contract_can_only_be_switched_off_one_never_used_can_be_deleted(admin_client, alice):
    contract_generate(draft=DraftFactory(owner=alice), language="en", fmt="html")
    used = Clause.objects.get(key="general.publicity")
    page = html.unescape(admin_client.get(f"/admin/contracts/clause/{used.pk}/delete/").content.decode())
    assert "Clause general.publicity cannot be deleted:" in page
    assert "It is printed in generated contracts, which must still re-render as they were: untick" in page
    assert "protected related objects" not in page and 'value="Yes, I’m sure"' not in page
    assert admin_client.post(f"/admin/contracts/clause/{used.pk}/delete/", {"post": "yes"}).status_code == 200
    assert Clause.objects.filter(pk=used.pk).exists()

    cited = Clause.objects.get(key="term.refund")
    page = html.unescape(admin_client.get(f"/admin/contracts/clause/{cited.pk}/delete/").content.decode())
    assert "Clause term.convenience refers to it." in page

    data = clause_form(used, key="general.new_clause", order=999, change_note="new")
    response = admin_client.post("/admin/contracts/clause/add/", data)
    assert response.status_code == 302, errors(response.content.decode())
    fresh = Clause.objects.get(key="general.new_clause")
    response = admin_client.post(f"/admin/contracts/clause/{fresh.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Clause.objects.filter(key="general.new_clause").exists()


@pytest.mark.parametrize(
    "change, field, message",
    [
        (
            {"key": "sla.publicity"},
            "key",
            "A clause key is the section's key, a dot and lowercase words joined by _, e.g. general.late_payment.",
        ),
        ({"key": "general.Publicity Now"}, "key", "A clause key is the section's key, a dot and lowercase words"),
        ({"key": "general.amendments"}, "key", "Clause with this Key already exists."),
        ({"order": "__amendments__"}, "order", "Clause general.amendments already has place"),
    ],
)
def test_keys_name_their_section_and_clauses_of_a_section_do_not_share_a_place(admin_client, change, field, message):
    clause = Clause.objects.get(key="general.publicity")
    if change.get("order") == "__amendments__":
        change = {"order": Clause.objects.get(key="general.amendments").current_version.order}
    shown = errors(refused(admin_client, clause, clause_form(clause, **change)))
    assert any(line.startswith(message) for line in shown), shown


def test_findings_are_in_the_admins_language_saying_which_text_and_line_once(admin_client):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    clause = Clause.objects.get(key="general.publicity")
    body = "甲乙双方。\n{{ 'disputes.arbitration'|ref }}不得宣传。"
    assert errors(refused(admin_client, clause, clause_form(clause, body_zh=body))) == [
        "中文正文第2行：引用了条款 disputes.arbitration，但在某些答案下合同不包含该条款：请用相同的适用条件限定该引用"
    ]
    shown = errors(refused(admin_client, clause, clause_form(clause, body_en="No\n{{ parties.vendor_secret }}")))
    assert "英文正文：第2行：未知变量“parties.vendor_secret”" in shown
    data = clause_form(Clause.objects.get(key="liability.cap"), balanced_body_zh="")
    shown = errors(refused(admin_client, Clause.objects.get(key="liability.cap"), data))
    assert "折中立场的中文正文：提供该立场时必须填写" in shown
    assert not [line for line in shown if "body_zh" in line or "balanced_" in line]


def test_preview_errors_are_in_the_admins_language(admin_client):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    clause = Clause.objects.get(key="general.publicity")
    data = clause_form(clause, body_en="Subject to\n{{ 'disputes.arbitration'|ref }}.", preview_sample="standard")
    page = html.unescape(admin_client.post("/admin/contracts/clause/preview/", data).content.decode())
    assert "英文正文：第2行：引用了条款 disputes.arbitration" in page
    assert "reference to a clause" not in page and "body_en" not in page


@pytest.mark.parametrize("condition", ["pricing.total_contract_value", "legal.forum", "not scope.seat_count"])
def test_a_condition_that_is_not_a_yes_no_test_is_refused(admin_client, condition):
    clause = Clause.objects.get(key="general.publicity")
    shown = errors(refused(admin_client, clause, clause_form(clause, condition=condition)))
    name = condition.removeprefix("not ")
    assert any(f"'{name}' is a number, text or date, not a yes/no answer: compare it" in line for line in shown)


def test_a_condition_that_tests_a_yes_no_answer_or_a_list_is_saved(admin_client):
    clause = Clause.objects.get(key="general.publicity")
    for condition in ("data.personal_info", "scope.integrations", "pricing.total_contract_value > 0"):
        response = admin_client.post(
            f"/admin/contracts/clause/{clause.pk}/change/", clause_form(clause, condition=condition)
        )
        assert response.status_code == 302, (condition, errors(response.content.decode()))


def rows(page: str) -> list[str]:
    """The clause keys of the list, top to bottom."""
    return re.findall(
        r'<input type="checkbox" name="_selected_action" value="\d+" class="action-select"[^>]*>.*?<a href="[^"]+">(.*?)</a>',
        page,
        re.S,
    )


def test_the_clause_list_reads_like_the_contract(admin_client):
    page = html.unescape(admin_client.get("/admin/contracts/clause/").content.decode())
    keys = [key.replace("<wbr>", "") for key in rows(page)]
    assert len(keys) == Clause.objects.count()
    assert keys[0].startswith("preamble.") and keys[1].startswith("definitions.") and keys[-1].startswith("annex_")
    assert keys.index("general.publicity") < keys.index("annex_requirements.list")
    publicity = Clause.objects.get(key="general.publicity").current_version
    assert publicity.title_en in page
    assert "No. (standard sample)" in page  # the article number each clause prints under in the standard sample
    assert (
        '<td class="field-printed_number">1.1</td><th class="field-clause_key"><a href="/admin/contracts/clause/'
        in page
    )

    conditional = html.unescape(admin_client.get("/admin/contracts/clause/?conditional=yes").content.decode())
    shown = {key.replace("<wbr>", "") for key in rows(conditional)}
    assert shown == set(Clause.objects.exclude(current_version__condition="").values_list("key", flat=True))
    with_positions = html.unescape(admin_client.get("/admin/contracts/clause/?positions=yes").content.decode())
    shown = {key.replace("<wbr>", "") for key in rows(with_positions)}
    assert "liability.cap" in shown and "general.notices" not in shown


def test_the_admin_log_tells_edits_restores_and_change_notes_in_words(admin_client):
    clause = Clause.objects.get(key="general.publicity")
    first = clause.current_version
    response = admin_client.post(
        f"/admin/contracts/clause/{clause.pk}/change/",
        clause_form(clause, body_en="No publicity at all.", change_note="legal asked for a shorter text"),
    )
    assert response.status_code == 302
    admin_client.post(f"/admin/contracts/clause/{clause.pk}/versions/{first.pk}/restore/")
    page = html.unescape(admin_client.get("/admin/admin/logentry/").content.decode())
    assert "Changed Text (English). Change note: legal asked for a shorter text" in page
    assert f"Restored version {first.number} as version {first.number + 2}." in page
    assert '[{"' not in page and "{&quot;" not in page


def test_generated_contracts_in_the_admin_are_those_asked_for_with_language_names(admin_client, alice):
    asked = contract_generate(draft=DraftFactory(owner=alice), language="en", fmt="html")
    prerender = contract_generate(draft=DraftFactory(owner=alice), language="zh", fmt="html", requested=False)
    assert prerender.requested_at is None
    page = html.unescape(admin_client.get("/admin/contracts/generatedcontract/").content.decode())
    assert f"/admin/contracts/generatedcontract/{asked.pk}/change/" in page
    assert f"/admin/contracts/generatedcontract/{prerender.pk}/change/" not in page
    assert '<td class="field-language_name">English</td>' in page


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
    assert "English text, line 2: this cannot be printed: can only concatenate str" in page
    assert len(errors(page)) == 1  # once, though every sample draft and position fails the same way
    assert clause.versions.count() == versions


def test_a_text_that_crosses_the_budget_with_the_sample_answers_is_refused(admin_client):
    clause = Clause.objects.get(key="general.publicity")
    text = "{{ parties.buyer_name * 20000 }}"  # the save check cannot know the name; the sample's crosses
    page = refused(admin_client, clause, clause_form(clause, body_zh=text))
    assert "Chinese text, line 1: this builds a text or list of" in page
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
    assert "英文正文第2行：此处无法输出：" in page


def test_a_condition_that_cannot_be_worked_out_under_the_sample_answers_is_refused(admin_client):
    clause = Clause.objects.get(key="general.publicity")
    page = refused(admin_client, clause, clause_form(clause, condition="parties.buyer_name + 1 == 2"))
    assert "Condition: this cannot be printed: can only concatenate str" in page
    assert len(errors(page)) == 1
