"""A Chinese admin explains the clause variables in Chinese; the catalogue itself stays English.

The translations live in the gettext catalogue, keyed by the English text of contracts/terms/model.py, so
these tests keep the two from drifting and keep what a template author types (names, codes, numbers) intact.
"""

from __future__ import annotations

import html
import re

import pytest
from django.utils.translation import gettext, override

from contracts.clauses.samples import variable_examples
from contracts.models import Clause
from contracts.terms import VARIABLES
from tests.factories import UserFactory

HAN = re.compile(r"[\u4e00-\u9fff]")
BACKQUOTED = re.compile(r"`([^`]+)`")
SNAKE = re.compile(r"(?<![\w.])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w])")
DOTTED = re.compile(r"(?<![\w.])[a-z]+\.[a-z][a-z0-9_]{2,}(?![\w])")  # pricing.tco_years, not "e.g."
NUMBER = re.compile(r"\d+(?:\.\d+)?")
CHOICE = re.compile(r"^[A-Za-z0-9_]+$")

ENGLISH = sorted({v.meaning for v in VARIABLES})


def chinese_for(english: str) -> str:
    with override("zh-hans"):
        return gettext(english)


def choice_values(english: str) -> list[str]:
    """The codes of a "Label: a, b or c" meaning (or a bare "a or b"), which a template compares against."""
    _label, colon, tail = english.rpartition(":")
    listed = tail if colon else english
    listed = re.sub(r"\s*\([^)]*\)\s*$", "", listed.strip())
    parts = [p for p in re.split(r",\s*|\s+or\s+", listed) if p]
    if all(CHOICE.match(p) for p in parts) and (colon or len(parts) > 1):
        return parts
    return []


def kept(token: str, text: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(token)}(?![\w])", text) is not None


def test_every_meaning_has_chinese():
    missing = [m for m in ENGLISH if chinese_for(m) == m]
    assert not missing, f"no Chinese in locale/zh_Hans/LC_MESSAGES/django.po for: {missing}"


@pytest.mark.parametrize("english", ENGLISH)
def test_a_translation_is_chinese_and_keeps_names_codes_and_numbers(english):
    chinese = chinese_for(english)
    assert HAN.search(chinese), chinese
    for token in BACKQUOTED.findall(english) + SNAKE.findall(english) + DOTTED.findall(english):
        assert kept(token, chinese), f"{token!r} lost in {chinese!r}"
    for value in choice_values(english):
        assert kept(value, chinese), f"choice value {value!r} lost in {chinese!r}"
    assert set(NUMBER.findall(english)) <= set(NUMBER.findall(chinese)), chinese
    for mark in ",;:()":  # Chinese text takes full-width punctuation
        assert not re.search(rf"[\u4e00-\u9fff]\{mark}|\{mark}[\u4e00-\u9fff]", chinese), chinese


def test_choice_values_are_found_in_the_meanings_that_list_them():
    assert choice_values("Forum: arbitration or court") == ["arbitration", "court"]
    assert choice_values("must or should") == ["must", "should"]
    assert choice_values("Arbitration commission: CIETAC, SHIAC, BAC, SCIA or other (none for court)") == [
        "CIETAC",
        "SHIAC",
        "BAC",
        "SCIA",
        "other",
    ]
    assert choice_values("Credit: % of the month's fee, or days of term extension") == []
    assert choice_values("Amount") == []


def test_the_catalogue_stays_english():
    """Exports and other code read `Variable.meaning`; only the admin rows are translated."""
    assert all(not HAN.search(v.meaning.replace("(甲方)", "").replace("(乙方)", "")) for v in VARIABLES)


@pytest.mark.django_db
def test_admin_rows_follow_the_active_language():
    with override("zh-hans"):
        rows = {r["name"]: r["meaning"] for r in variable_examples()}
    assert rows["parties.buyer_uscc"] == "甲方统一社会信用代码"
    with override("en"):
        rows = {r["name"]: r["meaning"] for r in variable_examples()}
    assert rows["parties.buyer_uscc"] == "Buyer's unified social credit code"


# The admin clause form -------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, library):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def meaning_cell(admin_client, name: str) -> str:
    clause = Clause.objects.get(key="general.publicity")
    page = html.unescape(admin_client.get(f"/admin/contracts/clause/{clause.pk}/change/").content.decode())
    row = re.search(rf"<tr><td><code>{re.escape(name)}</code></td>(.*?)</tr>", page, re.S)
    assert row, f"no catalogue row for {name}"
    return re.findall(r"<td>(.*?)</td>", row.group(1), re.S)[-1]


@pytest.mark.django_db
def test_the_chinese_admin_shows_chinese_meanings(admin_client, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    assert meaning_cell(admin_client, "parties.buyer_uscc") == "甲方统一社会信用代码"
    assert meaning_cell(admin_client, "sla.credit_tiers[].amount") == (
        "按月度服务费折算的补偿金额（term_extension 时为空）"
    )


@pytest.mark.django_db
def test_the_english_admin_shows_english_meanings(admin_client, settings):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert meaning_cell(admin_client, "parties.buyer_uscc") == "Buyer's unified social credit code"
    assert meaning_cell(admin_client, "sla.credit_tiers[].amount") == (
        "Credit in money from the monthly fee (none for term_extension)"
    )
