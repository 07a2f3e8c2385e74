"""The web UI speaks Chinese (the default) or English: labels, errors, cross-field rules, the switcher."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.translation import override

from contracts.wizard.steps import STEPS
from tests.factories import DraftFactory, answers_document
from tests.helpers import post_data

pytestmark = pytest.mark.django_db

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
# What stays in Latin letters in a Chinese UI: names of standards and formats.
PROPER_NAMES = {"ISO/IEC 27001", "ISO/IEC 27701", "SOC 2 Type II", "CSV", "JSON", "XML", "API"}
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def _default_language_as_shipped(settings):
    settings.LANGUAGE_CODE = "zh-hans"  # config/settings.py's default; other tests read the English UI


def field_label(page: str, name: str) -> str:
    match = re.search(rf'<label\s+for="id_{name}"[^>]*>\s*(.*?)\s*(?:<span|</label>)', page, re.S)
    assert match, f"no label for {name}"
    return match.group(1)


def field_errors(page: str, name: str) -> list[str]:
    return re.findall(rf'id="error_\d+_id_{name}"><strong>(.*?)</strong>', page)


def use_language(client, code: str) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code


def post_scope_with_bad_seat_count(client, draft) -> str:
    fragment = answers_document()["scope"] | {"seat_count": 0}
    response = client.post(f"/drafts/{draft.pk}/step/scope/", post_data("scope", fragment))
    assert response.status_code == 200
    return response.content.decode()


def post_go_live_before_start(client, alice) -> str:
    answers = answers_document()
    answers["implementation"]["go_live_date"] = "2026-12-01"  # the term step starts the service on 2027-01-01
    draft = DraftFactory(owner=alice, answers=answers, step_reached=8)
    response = client.post(
        f"/drafts/{draft.pk}/step/implementation/", post_data("implementation", answers["implementation"])
    )
    assert response.status_code == 200
    return response.content.decode()


def draft_with_problems(alice):
    """Seats out of range (a single-field error) and milestones paying 80 % (a cross-field rule)."""
    answers = answers_document(pricing={"payment_schedule": "milestones"})
    answers["scope"]["seat_count"] = 0
    answers["implementation"]["milestones"][0]["payment_pct"] = "10"
    return DraftFactory(owner=alice, answers=answers, step_reached=8)


# --- a wizard step ---------------------------------------------------------------------------


def test_step_is_in_chinese_by_default(alice_client, alice):
    draft = DraftFactory(owner=alice, answers={}, step_reached=1)
    page = post_scope_with_bad_seat_count(alice_client, draft)
    assert '<html lang="zh-hans">' in page
    assert '<h1 class="h3">服务范围</h1>' in page
    assert field_label(page, "seat_count") == "授权用户数（指定用户）"
    assert field_errors(page, "seat_count") == ["请输入1至100,000之间的数值。"]
    assert "请更正以下1项答案；您已填写的内容均已保留。" in page
    assert (
        '<a href="#id_seat_count" class="alert-link">授权用户数（指定用户）</a>：请输入1至100,000之间的数值。' in page
    )
    assert "Licensed users (named)" not in page and "Enter a number" not in page


def test_step_is_in_english_when_chosen(alice_client, alice):
    use_language(alice_client, "en")
    draft = DraftFactory(owner=alice, answers={}, step_reached=1)
    page = post_scope_with_bad_seat_count(alice_client, draft)
    assert '<html lang="en">' in page
    assert field_label(page, "seat_count") == "Licensed users (named)"
    assert field_errors(page, "seat_count") == ["Enter a number from 1 to 100,000."]
    assert "Please correct 1 answer; nothing you typed has been lost." in page
    assert "授权用户数" not in page


@pytest.mark.parametrize(
    "code, label, increase_in_contract",
    [
        ("zh-hans", "每年涨价幅度上限 %", "每个服务年度（包括续约期的各服务年度）开始前书面通知甲方调整"),
        ("en", "Yearly price increase at most %", "before the start of each service year (including each service year"),
    ],
)
def test_price_increase_field_says_what_the_contract_says(
    alice_client, alice, library, code, label, increase_in_contract
):
    """The cap applies every service year after the price lock, not only at renewal: so says the clause."""
    use_language(alice_client, code)
    draft = DraftFactory(owner=alice, answers=answers_document(), step_reached=8)
    page = alice_client.get(f"/drafts/{draft.pk}/step/pricing/").content.decode()
    assert field_label(page, "escalation_cap_pct") == label
    assert "续约涨幅" not in page and "per renewal" not in page
    contract = alice_client.get(f"/drafts/{draft.pk}/preview/?language={code[:2]}").content.decode()
    assert increase_in_contract in html.unescape(contract)


def test_cross_field_rule_is_shown_in_chinese(alice_client, alice):
    page = post_go_live_before_start(alice_client, alice)
    assert field_errors(page, "go_live_date") == ["上线日期必须晚于服务开始日期（2027-01-01）。"]


def test_cross_field_rule_is_shown_in_english(alice_client, alice):
    use_language(alice_client, "en")
    page = post_go_live_before_start(alice_client, alice)
    assert field_errors(page, "go_live_date") == ["The go-live date must be after the start date, 2027-01-01."]


def test_accept_language_header_chooses_english(client, alice):
    client.force_login(alice)
    draft = DraftFactory(owner=alice)
    page = client.get(f"/drafts/{draft.pk}/step/sla/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert field_label(page, "availability_target_pct") == "Availability target per calendar month"
    page = client.get(f"/drafts/{draft.pk}/step/sla/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert field_label(page, "availability_target_pct") == "每自然月可用率目标"


# --- the review page -------------------------------------------------------------------------


def test_review_is_in_chinese(alice_client, alice, complete_draft):
    page = alice_client.get(f"/drafts/{complete_draft.pk}/review/").content.decode()
    assert "关键数据" in page and "发出不续约通知的最后期限" in page and "3 年总拥有成本（TCO）" in page
    assert "5. 服务水平（SLA）" in page
    assert "每自然月可用率目标" in page and "服务费抵扣" in page  # a label and a choice the buyer made
    assert (
        "客户与联系人管理、线索与商机管理" in page
    )  # several choices, listed the Chinese way, named as the contract names them
    assert "下载合同" in page
    assert "Key figures" not in page and "Fee credit" not in page
    # Chinese punctuation and the contract's way of writing dates and downtime
    assert "审阅：" in page and "高风险：0" in page
    assert "30天的月份43.2分钟；28天40.32分钟；31天44.64分钟" in page
    assert "2027年3月31日" in page.split("5. 服务水平")[0] and "2027-03-31" not in page  # go-live, in the summary

    problems = alice_client.get(f"/drafts/{draft_with_problems(alice).pk}/review/").content.decode()
    assert "生成合同前须处理以下问题" in problems
    assert "服务范围 · 授权用户数（指定用户）</a>：请输入1至100,000之间的数值。" in problems
    assert "实施 · 里程碑</a>：各里程碑付款比例合计为 80%；按里程碑付款时，合计必须为 100%。" in problems


def test_review_is_in_english(alice_client, alice, complete_draft):
    use_language(alice_client, "en")
    page = alice_client.get(f"/drafts/{complete_draft.pk}/review/").content.decode()
    assert "Key figures" in page and "Last day to give notice of non-renewal" in page
    assert "Availability target per calendar month" in page and "Fee credit" in page
    assert "Accounts and contacts, Leads and opportunities" in page
    assert "关键数据" not in page
    assert "43.2 min in a 30-day month; 40.32 min in 28 days; 44.64 min in 31 days" in page
    assert "5. Service levels" in page and "31 March 2027" in page.split("5. Service levels")[0]

    problems = alice_client.get(f"/drafts/{draft_with_problems(alice).pk}/review/").content.decode()
    assert "Service scope · Licensed users (named)</a>: Enter a number from 1 to 100,000." in problems
    assert (
        "Implementation · Milestones</a>: The milestone payments add up to 80%; when paying by "
        "milestones they must add up to 100%."
    ) in problems


# --- the language switcher -------------------------------------------------------------------


def test_switcher_keeps_the_buyer_on_the_same_page(alice_client, alice):
    draft = DraftFactory(owner=alice)
    here = f"/drafts/{draft.pk}/step/sla/?vendor=1"
    page = alice_client.get(here).content.decode()
    switcher = re.search(r'action="/i18n/setlang/".*?<input[^>]*name="next"[^>]*value="([^"]*)"', page, re.S)
    assert html.unescape(switcher.group(1)) == here  # what the switcher posts as `next`

    response = alice_client.post("/i18n/setlang/", {"language": "en", "next": here})
    assert response.status_code == 302 and response["Location"] == here
    assert "Service levels" in alice_client.get(here).content.decode()

    response = alice_client.post("/i18n/setlang/", {"language": "zh-hans", "next": here})
    assert response["Location"] == here
    assert "服务水平（SLA）" in alice_client.get(here).content.decode()


def test_switcher_refuses_to_send_the_buyer_to_another_site(alice_client):
    response = alice_client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response.status_code == 302 and "evil.example" not in response["Location"]


def test_login_and_signup_are_translated(client):
    assert "还没有账户？立即注册" in client.get("/accounts/login/").content.decode()
    use_language(client, "en")
    page = client.get("/accounts/signup/").content.decode()
    assert "Create an account" in page and "创建账户" not in page


# --- the catalogue ---------------------------------------------------------------------------


def catalogue_entries() -> list[dict]:
    """flags, msgid and msgstr of every entry but the header and obsolete ones, read from the .po file."""
    entries, entry, key = [], None, None
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry and entry["msgid"]:
                entries.append(entry)
            entry = None
            continue
        if entry and entry["done"] and line.startswith(("#", "msgid ")):  # no blank line before it
            if entry["msgid"]:
                entries.append(entry)
            entry = None
        entry = entry or {"flags": "", "msgid": "", "msgstr": "", "done": False}
        if line.startswith("#,"):
            entry["flags"] += line
        elif line.startswith("#~"):
            entry["msgid"] = ""  # obsolete: not shown anywhere
            key = None
        elif line.startswith("#"):
            continue
        elif line.startswith(("msgid ", "msgid_plural ", "msgstr ", "msgstr[0] ")):
            key = "msgstr" if line.startswith("msgstr") else None if line.startswith("msgid_plural") else "msgid"
            entry["done"] = entry["done"] or key == "msgstr"
            if key:
                entry[key] += line.split(" ", 1)[1].strip()[1:-1]
        elif line.startswith('"') and key:
            entry[key] += line.strip()[1:-1]
    return entries


def placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%\(\w+\)[sd]|%%", text))


def test_catalogue_has_no_untranslated_or_fuzzy_entry():
    entries = catalogue_entries()
    assert len(entries) > 400
    assert [e["msgid"] for e in entries if not e["msgstr"]] == []
    assert [e["msgid"] for e in entries if "fuzzy" in e["flags"]] == []


def test_translations_keep_every_placeholder():
    wrong = [
        e["msgid"]
        for e in catalogue_entries()
        if "no-python-format" not in e["flags"] and placeholders(e["msgid"]) != placeholders(e["msgstr"])
    ]
    assert wrong == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext is not installed")
def test_catalogue_compiles_cleanly():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(CATALOGUE)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr


def test_every_wizard_label_and_choice_has_chinese():
    """A new field added without its translation shows up here, not in front of a buyer."""

    def texts():
        for step in STEPS:
            yield step.title
            yield step.intro
            forms = [step.form_class] + [spec.formset_class.form for spec in step.lists]
            yield from (spec.label for spec in step.lists)
            for form in forms:
                for field in form.base_fields.values():
                    yield field.label
                    yield field.help_text
                    yield from (label for _code, label in getattr(field, "choices", []))

    with override("zh-hans"):
        english = {
            str(t)
            for t in texts()
            if t and re.search("[A-Za-z]{2,}", str(t)) and not HAN.search(str(t)) and str(t) not in PROPER_NAMES
        }
    assert english == set()
