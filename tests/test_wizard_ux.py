"""What a buyer sees on the step and review pages (issue 21): the money per credit tier, the TCO year by
year, a country chosen by its name, asterisks that match what the step refuses, hints that wait for
their answers, and the buyer's own files in the buyer's language."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.conf import settings

from contracts.problems import validate_answers
from contracts.terms.answers import is_asked
from contracts.wizard.render import is_marked_required
from contracts.wizard.steps import STEPS, BoundStep
from tests.factories import DraftFactory, answers_document
from tests.helpers import pdf_text, post_data, squash


def use_language(client, code: str) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code


def field_errors(page: str, name: str) -> list[str]:
    return re.findall(rf'id="error_\d+_id_{name}"[^>]*><strong>(.*?)</strong>', page)


def table(page: str, css_class: str) -> list[list[str]]:
    """The rows of the table with `css_class`, each as its cells' text."""
    body = re.search(rf'<table class="[^"]*\b{css_class}\b.*?</table>', page, re.S).group(0)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S)] for r in rows
    ]


# --- 6: the money of each credit tier --------------------------------------------------------


def test_review_shows_the_money_of_each_credit_tier(alice_client, complete_draft):
    use_language(alice_client, "en")
    page = alice_client.get(f"/drafts/{complete_draft.pk}/review/").content.decode()
    # 50 users at CNY 1,200 a year: a monthly fee of CNY 5,000
    assert table(page, "credit-tiers")[1:] == [
        ["99.9%", "25%", "CNY 1,250.00"],
        ["99%", "50%", "CNY 2,500.00"],
        ["95%", "100%", "CNY 5,000.00"],
    ]
    use_language(alice_client, "zh-hans")
    page = alice_client.get(f"/drafts/{complete_draft.pk}/review/").content.decode()
    assert table(page, "credit-tiers") == [
        ["可用性低于", "补偿（月费的%）", "金额"],
        ["99.9%", "25%", "人民币1,250.00元"],
        ["99%", "50%", "人民币2,500.00元"],
        ["95%", "100%", "人民币5,000.00元"],
    ]


def test_review_shows_days_for_a_term_extension(alice_client, alice):
    tiers = [{"below_pct": "99.9", "credit": "3"}, {"below_pct": "99", "credit": "7"}]
    draft = DraftFactory(
        owner=alice, answers=answers_document(sla={"remedy_form": "term_extension", "credit_table": tiers})
    )
    use_language(alice_client, "en")
    page = alice_client.get(f"/drafts/{draft.pk}/review/").content.decode()
    assert table(page, "credit-tiers")[1:] == [["99.9%", "3 days"], ["99%", "7 days"]]


def test_sla_step_says_when_the_credit_amounts_appear(alice_client, alice):
    answers = answers_document()
    draft = DraftFactory(owner=alice, answers={k: answers[k] for k in ("parties", "scope", "implementation", "term")})
    draft.step_reached = 4
    draft.save()
    use_language(alice_client, "en")
    page = alice_client.get(f"/drafts/{draft.pk}/step/sla/").content.decode()
    assert "The amount of each tier&#x27;s credit appears here once the price is known (price step)" in page
    use_language(alice_client, "zh-hans")
    page = alice_client.get(f"/drafts/{draft.pk}/step/sla/").content.decode()
    assert "各档补偿的金额在“价格与付款”一步填写价格后显示于此" in page
    # once a price is in the draft, the amounts themselves
    draft.answers["pricing"] = answers["pricing"]
    draft.save()
    use_language(alice_client, "en")
    page = alice_client.get(f"/drafts/{draft.pk}/step/sla/").content.decode()
    assert "below 99.9%, 25% = CNY 1,250.00" in page


# --- 10: the TCO year by year ----------------------------------------------------------------


@pytest.mark.parametrize(
    "code, assumption",
    [
        ("en", "Costed with a yearly increase of 5% after the 12-month price lock, the increase cap"),
        ("zh-hans", "价格锁定12个月后，每个服务年度按调价上限5%上涨计算（合同允许的最高涨幅），续约年度亦同。"),
    ],
)
def test_review_shows_the_tco_year_by_year_with_its_assumption(alice_client, complete_draft, code, assumption):
    use_language(alice_client, code)
    page = alice_client.get(f"/drafts/{complete_draft.pk}/review/").content.decode()
    # a 12-month term, a 3-year TCO: years 2 and 3 are renewals at the 5 % cap
    assert table(page, "tco-years")[1:] == [
        ["1", "60,000.00", "20,000.00", "80,000.00"],
        ["2", "63,000.00", "0.00", "63,000.00"],
        ["3", "66,150.00", "0.00", "66,150.00"],
        [{"en": "Total", "zh-hans": "合计"}[code], "189,150.00", "", "209,150.00"],
    ]
    assert assumption in page


def test_tco_without_increases_says_so(alice_client, alice):
    draft = DraftFactory(owner=alice, answers=answers_document(pricing={"escalation_type": "none", "tco_years": 2}))
    use_language(alice_client, "en")
    page = alice_client.get(f"/drafts/{draft.pk}/review/").content.decode()
    assert [row[0] for row in table(page, "tco-years")[1:]] == ["1", "2", "Total"]
    assert "Costed without price increases" in page


# --- 8: the vendor's country ----------------------------------------------------------------


def test_country_is_chosen_by_its_name_in_the_ui_language(alice_client, complete_draft):
    use_language(alice_client, "en")
    page = alice_client.get(f"/drafts/{complete_draft.pk}/step/parties/").content.decode()
    select = re.search(r'<select name="vendor_country".*?</select>', page, re.S).group(0)
    assert (
        '<option value="CN" selected>China</option>' in select and '<option value="CH">Switzerland</option>' in select
    )
    use_language(alice_client, "zh-hans")
    page = alice_client.get(f"/drafts/{complete_draft.pk}/step/parties/").content.decode()
    assert '<option value="CH">瑞士</option>' in page


def test_country_is_checked_against_the_foreign_vendor_answer(alice_client, complete_draft):
    use_language(alice_client, "en")
    parties = complete_draft.answers["parties"]
    page = alice_client.post(
        f"/drafts/{complete_draft.pk}/step/parties/", post_data("parties", parties | {"vendor_country": "CH"})
    ).content.decode()
    assert field_errors(page, "vendor_country") == [
        "A vendor that is not foreign is a company of mainland China: choose China, or tick “The vendor is a "
        "foreign company” above."
    ]
    foreign = parties | {"vendor_is_foreign": True, "vendor_uscc": ""}
    page = alice_client.post(f"/drafts/{complete_draft.pk}/step/parties/", post_data("parties", foreign)).content
    assert field_errors(page.decode(), "vendor_country")[0].startswith("A foreign vendor is a company outside")
    response = alice_client.post(
        f"/drafts/{complete_draft.pk}/step/parties/", post_data("parties", foreign | {"vendor_country": "CH"})
    )
    assert response.status_code == 302
    complete_draft.refresh_from_db()
    assert complete_draft.answers["parties"]["vendor_country"] == "CH"


def test_a_code_outside_the_catalogue_from_an_older_draft_stays_valid(alice_client, alice):
    parties = {"vendor_is_foreign": True, "vendor_uscc": "", "vendor_country": "za"}
    draft = DraftFactory(owner=alice, answers=answers_document(parties=parties))
    typed, problems = validate_answers(draft.answers)
    assert problems == [] and typed["parties"]["vendor_country"] == "ZA"
    page = alice_client.get(f"/drafts/{draft.pk}/step/parties/").content.decode()
    assert '<option value="ZA" selected>ZA</option>' in page


# --- 9: asterisks ---------------------------------------------------------------------------

VARIANTS = [
    {},
    {"parties": {"vendor_is_foreign": True, "vendor_uscc": "", "vendor_country": "SG"}},
    {
        "pricing": {
            "pricing_model": "perpetual",
            "licence_fee": "1000",
            "maintenance_pct": "20",
            "hosting_fee_year": "0",
        }
    },
    {
        "legal": {
            "forum": "arbitration",
            "arbitration_commission": "other",
            "arbitration_commission_other": "X",
            "arbitration_language": "zh",
        }
    },
]


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_field_the_step_refuses_blank_has_an_asterisk_and_no_other(variant):
    base = answers_document(**variant)
    typed, problems = validate_answers(base)
    assert problems == []
    mismatched = []
    for step in STEPS:
        bound = BoundStep.from_answers(step, base[step.key])
        for name, fld in step.form_class.base_fields.items():
            if isinstance(fld, forms.BooleanField) or not is_asked(step.key, name, typed[step.key]):
                continue
            blank = [] if isinstance(fld, forms.MultipleChoiceField) else None
            _typed, problems = validate_answers(base | {step.key: base[step.key] | {name: blank}})
            refused = any(p.step == step.key and p.field == name for p in problems)
            if refused != is_marked_required(bound.form[name]):
                mismatched.append(f"{step.key}.{name}")
    assert mismatched == []


def test_the_vendor_code_asterisk_follows_the_foreign_vendor_answer(alice_client, complete_draft):
    def vendor_code(page: str) -> tuple[str, str]:
        """The credit code's label, and its input."""
        label = re.search(r'<label\s+for="id_vendor_uscc".*?</label>', page, re.S).group(0)
        return label, re.search(r'<input[^>]*name="vendor_uscc"[^>]*>', page).group(0)

    page = alice_client.get(f"/drafts/{complete_draft.pk}/step/parties/").content.decode()
    label, code = vendor_code(page)
    assert '<span class="asteriskField">*</span>' in label  # a Chinese vendor: required
    # the page's script moves the asterisk with the answer the input names
    assert 'data-required-if="vendor_is_foreign" data-required-values="false"' in code
    assert " required" not in code  # the step checks it, not the browser
    foreign = complete_draft.answers["parties"] | {"vendor_is_foreign": True, "vendor_uscc": ""}
    complete_draft.answers = complete_draft.answers | {"parties": foreign}
    complete_draft.save()
    page = alice_client.get(f"/drafts/{complete_draft.pk}/step/parties/").content.decode()
    label, code = vendor_code(page)
    assert "asteriskField" not in label  # a foreign vendor: not required
    assert 'data-required-if="vendor_is_foreign" data-required-values="false"' in code


# --- 12: hints that wait for their answers ----------------------------------------------------


def hints(client, draft, step: str, fragment: dict) -> dict:
    return client.post(f"/drafts/{draft.pk}/hints/", {**post_data(step, fragment), "_step": step}).json()


def test_cross_border_hint_waits_for_the_counts(alice_client, complete_draft):
    use_language(alice_client, "en")
    data = complete_draft.answers["data"] | {"cross_border": True, "is_ciio": False}
    empty = hints(alice_client, complete_draft, "data", data | {"cn_individuals_per_year": None})
    assert "cn_individuals_per_year" not in empty  # no "exempt" for counts not given yet
    counted = hints(
        alice_client, complete_draft, "data", data | {"cn_individuals_per_year": 500, "cn_sensitive_per_year": 0}
    )
    assert counted["cn_individuals_per_year"].startswith("Exempt from the assessment")
    ciio = hints(alice_client, complete_draft, "data", data | {"is_ciio": True})
    assert "CAC security assessment" in ciio["cn_individuals_per_year"]  # decided whatever the counts


def test_yearly_fee_hints_wait_for_the_increase(alice_client, complete_draft):
    use_language(alice_client, "en")
    pricing = complete_draft.answers["pricing"]
    empty = hints(alice_client, complete_draft, "pricing", pricing | {"escalation_cap_pct": None})
    assert "escalation_cap_pct" not in empty and "tco_years" not in empty  # not "flat" fees
    given = hints(alice_client, complete_draft, "pricing", pricing)
    assert "year 2 CNY 63,000.00" in given["escalation_cap_pct"]


# --- 14: the buyer's files in the buyer's language --------------------------------------------


def test_risk_review_and_calendar_follow_the_ui_language(alice_client, complete_draft):
    assert complete_draft.answers["parties"]["contract_language"] == "bilingual"
    use_language(alice_client, "en")
    text = squash(pdf_text(alice_client.get(f"/drafts/{complete_draft.pk}/risk-review.pdf").content))
    assert "Pre-signingRiskReview" in text and "签约前风险审查" not in text
    calendar = alice_client.get(f"/drafts/{complete_draft.pk}/key-dates.ics").content.decode()
    assert "SUMMARY:Last day for notice of non-renewal" in calendar and "不续约" not in calendar
    use_language(alice_client, "zh-hans")
    text = squash(pdf_text(alice_client.get(f"/drafts/{complete_draft.pk}/risk-review.pdf").content))
    assert "签约前风险审查" in text and "Pre-signingRiskReview" not in text
    calendar = alice_client.get(f"/drafts/{complete_draft.pk}/key-dates.ics").content.decode()
    assert "不续约" in calendar and "Last day for notice" not in calendar
    # the other languages are one click away on the review page
    page = alice_client.get(f"/drafts/{complete_draft.pk}/review/").content.decode()
    assert f'href="/drafts/{complete_draft.pk}/risk-review.pdf?language=en"' in page
    assert f'href="/drafts/{complete_draft.pk}/key-dates.ics?language=bilingual"' in page
    english = alice_client.get(f"/drafts/{complete_draft.pk}/key-dates.ics?language=en").content.decode()
    assert "Last day for notice of non-renewal" in english
