"""A buyer walks through the eight steps: every submit is saved, bad input is caught at its field."""

import re

import pytest

from contracts.models import Draft
from contracts.problems import validate_answers
from contracts.wizard.steps import STEP_KEYS
from tests.factories import DraftFactory, answers_document
from tests.helpers import post_data, walk_wizard

pytestmark = pytest.mark.django_db


def new_draft(client) -> Draft:
    response = client.post("/drafts/new/", {"title": "CRM 2027"})
    draft = Draft.objects.get(title="CRM 2027")
    assert response["Location"] == f"/drafts/{draft.pk}/step/parties/"
    return draft


def test_complete_walk_saves_every_step_and_reaches_review(alice_client, library):
    draft = new_draft(alice_client)
    answers = answers_document()
    response = walk_wizard(alice_client, draft, answers)
    assert response["Location"] == f"/drafts/{draft.pk}/review/"
    draft.refresh_from_db()
    assert set(draft.answers) == set(STEP_KEYS)
    assert draft.status == Draft.Status.COMPLETE
    assert draft.answers["scope"]["seat_count"] == 50
    assert draft.answers["pricing"]["unit_price_per_seat_year"] == "1200"


def test_each_submit_is_saved_before_the_next_step(alice_client):
    draft = new_draft(alice_client)
    answers = answers_document()
    alice_client.post(f"/drafts/{draft.pk}/step/parties/", post_data("parties", answers["parties"]))
    draft.refresh_from_db()
    assert draft.answers["parties"]["buyer_name"] == "上海某某贸易有限公司"
    assert draft.step_reached == 1
    # A refresh, a second tab, or logging in again shows what was saved.
    page = alice_client.get(f"/drafts/{draft.pk}/step/parties/").content.decode()
    assert 'value="上海某某贸易有限公司"' in page


def test_defaults_are_prefilled(alice_client, alice):
    draft = DraftFactory(owner=alice, answers={}, step_reached=7)
    page = alice_client.get(f"/drafts/{draft.pk}/step/sla/").content.decode()
    assert 'name="credit_claim_days" value="30"' in page
    assert 'name="credit_table-0-below_pct" value="99.9"' in page
    assert 'name="severity_targets-3-level"' in page
    page = alice_client.get(f"/drafts/{draft.pk}/step/scope/").content.decode()
    assert 'name="seat_count" value="50"' in page


def test_out_of_range_value_is_refused_at_its_field_and_input_kept(alice_client, alice):
    draft = DraftFactory(owner=alice, answers={}, step_reached=2)
    fragment = answers_document()["implementation"] | {"acceptance_days": 31, "go_live_date": "2027-04-30"}
    response = alice_client.post(f"/drafts/{draft.pk}/step/implementation/", post_data("implementation", fragment))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a number from 5 to 30." in page
    assert 'value="2027-04-30"' in page  # what the buyer typed is still there
    draft.refresh_from_db()
    assert "implementation" not in draft.answers


def test_conditional_field_is_required_only_when_asked(alice_client, alice):
    draft = DraftFactory(owner=alice, answers={}, step_reached=1)
    fragment = answers_document()["scope"] | {"custom_development": True, "custom_dev_owner": None}
    response = alice_client.post(f"/drafts/{draft.pk}/step/scope/", post_data("scope", fragment))
    assert response.status_code == 200
    assert 'id="error_1_id_custom_dev_owner"' in response.content.decode()
    fragment["custom_development"] = False
    response = alice_client.post(f"/drafts/{draft.pk}/step/scope/", post_data("scope", fragment))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.answers["scope"]["custom_dev_owner"] is None


def test_at_least_one_module(alice_client, alice):
    draft = DraftFactory(owner=alice, answers={}, step_reached=1)
    fragment = answers_document()["scope"] | {"modules": []}
    response = alice_client.post(f"/drafts/{draft.pk}/step/scope/", post_data("scope", fragment))
    assert response.status_code == 200
    assert "at least one module" in response.content.decode().lower() or "至少" in response.content.decode()


def test_cross_step_rule_is_shown_at_the_field_at_fault(alice_client, alice):
    answers = answers_document()
    del answers["legal"]
    answers["implementation"]["go_live_date"] = "2026-12-01"  # before the start date in the term step
    draft = DraftFactory(owner=alice, answers=answers, step_reached=7)
    response = alice_client.post(
        f"/drafts/{draft.pk}/step/implementation/", post_data("implementation", answers["implementation"])
    )
    assert response.status_code == 200
    assert 'id="error_1_id_go_live_date"' in response.content.decode()


@pytest.mark.parametrize(
    "start_date, message",
    [
        ("2026-12-01", "The start date must not be before the effective date, 2026-12-15 (parties step)."),
        ("2027-04-01", "The start date must be before the go-live date, 2027-03-31 (implementation step)."),
    ],
)
def test_a_date_that_conflicts_with_an_earlier_step_is_stopped_at_the_field_just_changed(
    alice_client, alice, start_date, message
):
    answers = answers_document()
    draft = DraftFactory(owner=alice, answers=answers, step_reached=8)
    response = alice_client.post(
        f"/drafts/{draft.pk}/step/term/", post_data("term", answers["term"] | {"start_date": start_date})
    )
    assert response.status_code == 200  # not saved and moved on, leaving the problem to another step
    page = response.content.decode()
    assert 'id="error_1_id_start_date"' in page and message in page
    assert f'value="{start_date}"' in page  # what the buyer typed is still there
    draft.refresh_from_db()
    assert draft.answers["term"]["start_date"] == "2027-01-01"


def test_an_unfinished_draft_is_never_called_ready_for_signing(alice_client, alice, complete_draft):
    empty = DraftFactory(owner=alice, answers={}, step_reached=0)
    page = alice_client.get(f"/drafts/{empty.pk}/review/").content.decode()
    assert "No risks found: ready for signing." not in page
    assert "Not ready for signing: 8 answers above are missing or invalid." in page
    assert "The checks below found nothing in the answers given so far; this is not a clearance to sign." in page
    done = alice_client.get(f"/drafts/{complete_draft.pk}/review/").content.decode()
    assert "Not ready for signing" not in done


def field_errors(page: str, name: str) -> list[str]:
    return re.findall(rf'id="error_\d+_id_{name}"[^>]*><strong>(.*?)</strong>', page)


def test_every_error_of_a_step_shows_in_one_round_in_the_buyers_words(alice_client, alice):
    answers = answers_document()
    draft = DraftFactory(owner=alice, answers=answers, step_reached=8)
    parties = post_data(
        "parties",
        answers["parties"]
        | {
            "buyer_name": "",
            "buyer_uscc": "91310115MA1K4L8X25",  # the check character is wrong
            "vendor_country": "China",
            "vendor_customer_count": "99999999999999999999999",
        },
    )
    page = alice_client.post(f"/drafts/{draft.pk}/step/parties/", parties).content.decode()
    assert field_errors(page, "buyer_name")  # and, in the same round:
    assert field_errors(page, "buyer_uscc") == [
        "“91310115MA1K4L8X25” is not a valid unified social credit code: check all 18 characters against the "
        "business licence (the last one is a check character)."
    ]
    assert field_errors(page, "vendor_country") == ["Choose the country from the list."]
    assert field_errors(page, "vendor_customer_count") == ["Enter a number from 0 to 2,000,000,000."]
    pricing = post_data("pricing", answers["pricing"] | {"vat_rate_pct": "20000", "unit_price_per_seat_year": "-1"})
    page = alice_client.post(f"/drafts/{draft.pk}/step/pricing/", pricing).content.decode()
    assert field_errors(page, "vat_rate_pct") == ["Enter a number from 0 to 20."]  # one message, not two
    assert field_errors(page, "unit_price_per_seat_year") == ["Enter a number from 0 to 999,999,999,999.99."]
    draft.refresh_from_db()
    assert draft.answers == answers


def error_summary(page: str) -> list[tuple[str, str]]:
    """(anchor, text) of each line of the step's error summary."""
    summary = re.search(r'<div class="alert alert-danger" role="alert" id="error-summary".*?</div>', page, re.S)
    assert summary, "no error summary"
    return [
        (anchor, re.sub(r"<[^>]+>", "", text))
        for anchor, text in re.findall(r'<li><a href="#([^"]+)"[^>]*>(.*?)</li>', summary.group(0), re.S)
    ]


def test_a_refused_step_has_one_summary_linking_each_answer_at_fault(alice_client, alice):
    answers = answers_document()
    draft = DraftFactory(owner=alice, answers=answers, step_reached=8)
    scope = answers["scope"] | {"seat_count": 0}
    scope["requirements"] = [dict(scope["requirements"][0], priority="")] + scope["requirements"][1:]
    page = alice_client.post(f"/drafts/{draft.pk}/step/scope/", post_data("scope", scope)).content.decode()
    assert page.count('role="alert"') == 1  # the summary, not a second banner saying the same
    assert "Please correct these 2 answers; nothing you typed has been lost." in page
    links = error_summary(page)
    assert links == [
        ("id_seat_count", "Licensed users (named): Enter a number from 1 to 100,000."),
        ("id_requirements-0-priority", "Requirements, row 1: Priority: This field is required."),
    ]
    for anchor, _ in links:  # every link lands on an input of the page
        assert f'id="{anchor}"' in page
    draft.refresh_from_db()
    assert draft.answers == answers


def test_a_problem_of_a_whole_list_links_to_the_list(alice_client, alice):
    answers = answers_document(pricing={"payment_schedule": "milestones"})
    draft = DraftFactory(owner=alice, answers=answers, step_reached=8)
    implementation = answers["implementation"]
    implementation["milestones"][0]["payment_pct"] = "10"  # the milestones no longer pay 100 %
    page = alice_client.post(
        f"/drafts/{draft.pk}/step/implementation/", post_data("implementation", implementation)
    ).content.decode()
    [(anchor, text)] = error_summary(page)
    assert anchor == "list-milestones" and 'id="list-milestones"' in page
    assert text.startswith("Milestones: ") and "100" in text


def test_steps_cannot_be_skipped(alice_client, alice):
    draft = DraftFactory(owner=alice, answers={}, step_reached=0)
    response = alice_client.get(f"/drafts/{draft.pk}/step/pricing/")
    assert response["Location"] == f"/drafts/{draft.pk}/step/parties/"


def test_review_lists_answers_and_figures(alice_client, complete_draft):
    page = alice_client.get(f"/drafts/{complete_draft.pk}/review/").content.decode()
    assert "上海某某贸易有限公司" in page
    assert "2027年12月31日" in page or "31 December 2027" in page  # end of the initial term
    assert "2027年12月1日" in page or "1 December 2027" in page  # last day for notice of non-renewal
    assert "43.2" in page  # minutes of downtime at 99.9 % in a 30-day month
    assert "CNY 62,903.23" in page  # total contract value: 60,000 a year from acceptance (14 April) + 20,000
    for step in STEP_KEYS:
        assert f"/drafts/{complete_draft.pk}/step/{step}/" in page
    assert 'value="bilingual"' in page


def test_review_yearly_fees_name_the_currency_once(alice_client, complete_draft):
    """The card is narrow: the currency is in the heading, so every figure fits without scrolling."""
    page = alice_client.get(f"/drafts/{complete_draft.pk}/review/").content.decode()
    table = re.search(r'<table class="[^"]*yearly-fees.*?</table>', page, re.S).group(0)
    assert "Yearly fees (CNY)</h3>" in page
    zh = alice_client.get(f"/drafts/{complete_draft.pk}/review/", headers={"Accept-Language": "zh-hans"})
    assert "年度费用（元）</h3>" in zh.content.decode()  # as the contract's fee tables head their amounts
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", table)
    assert cells == ["1", "42,903.23", "20,000.00", "62,903.23"]  # one year: no total row
    assert "<tfoot>" not in table


def test_review_yearly_fees_over_several_years_end_with_their_totals(alice_client, alice):
    draft = DraftFactory(owner=alice, answers=answers_document(term={"initial_term_months": 30}))
    page = alice_client.get(f"/drafts/{draft.pk}/review/").content.decode()
    table = re.search(r'<table class="[^"]*yearly-fees.*?</table>', page, re.S).group(0)
    total = re.search(r"<tfoot>(.*?)</tfoot>", table, re.S).group(1)
    # service years from acceptance (14 April 2027): 60,000 + 63,000 + 14,148.75 (2 months and 17 days of 66,150
    # to the end of the term, 30 June 2029); the one-time fees in year 1; the contract value
    assert re.findall(r"<td[^>]*>([^<]*)</td>", total) == ["137,148.75", "20,000.00", "157,148.75"]


def test_incomplete_draft_offers_no_download(alice_client, alice):
    answers = answers_document()
    del answers["legal"]
    draft = DraftFactory(owner=alice, answers=answers, step_reached=7, status=Draft.Status.IN_PROGRESS)
    page = alice_client.get(f"/drafts/{draft.pk}/review/").content.decode()
    assert f"/drafts/{draft.pk}/generate/" not in page
    response = alice_client.post(f"/drafts/{draft.pk}/generate/", {"language": "zh", "format": "pdf"})
    assert response["Location"] == f"/drafts/{draft.pk}/review/"


def test_drafts_list_and_delete(alice_client, alice, bob):
    mine = DraftFactory(owner=alice, title="Mine")
    DraftFactory(owner=bob, title="Not mine")
    page = alice_client.get("/drafts/").content.decode()
    assert "Mine" in page and "Not mine" not in page
    assert alice_client.get(f"/drafts/{mine.pk}/delete/").status_code == 200  # confirmation first
    assert Draft.objects.filter(pk=mine.pk).exists()
    alice_client.post(f"/drafts/{mine.pk}/delete/")
    assert not Draft.objects.filter(pk=mine.pk).exists()


def test_drafts_list_says_what_stands_between_a_draft_and_its_contract(alice_client, alice, complete_draft):
    broken = answers_document()
    broken["scope"]["seat_count"] = 0
    broken["pricing"]["vat_rate_pct"] = "99"
    with_problems = DraftFactory(owner=alice, title="Imported, two answers wrong", answers=broken, step_reached=8)
    kept = DraftFactory(
        owner=alice,
        title="Kept input",
        answers=answers_document(),
        step_reached=8,
        pending_input={"pricing": {"seat_count": ["-1"]}},
    )
    DraftFactory(owner=alice, title="Halfway", answers={"parties": broken["parties"]}, step_reached=1)
    page = alice_client.get("/drafts/").content.decode()
    cards = {
        title: card
        for card, title in (
            (c, re.search(r'class="fw-semibold"[^>]*>([^<]+)</a>', c).group(1))
            for c in page.split('<li class="card')[1:]
        )
    }
    assert "2 answers to correct before the contract can be downloaded" in cards["Imported, two answers wrong"]
    assert f'href="/drafts/{with_problems.pk}/review/">2 answers' in cards["Imported, two answers wrong"]
    assert "Changes not in the contract yet:" in cards["Kept input"]
    assert f'href="/drafts/{kept.pk}/step/pricing/">Price and payment</a>' in cards["Kept input"]
    assert "to correct" not in cards["Kept input"]
    assert (
        "to correct" not in cards["Halfway"] and "not in the contract" not in cards["Halfway"]
    )  # next steps, not faults
    assert "to correct" not in cards[complete_draft.title] and "not in the contract" not in cards[complete_draft.title]


def test_the_credit_cap_is_asked_for_money_credits_only():
    """A term extension is counted in days: the cap (a share of the monthly fee) is not asked, and not kept."""
    days = [
        {"below_pct": "99.9", "credit": "3"},
        {"below_pct": "99", "credit": "7"},
        {"below_pct": "95", "credit": "15"},
    ]
    extension = answers_document(sla={"remedy_form": "term_extension", "credit_cap_pct": "50", "credit_table": days})
    typed, problems = validate_answers(extension)
    assert problems == [] and typed["sla"]["credit_cap_pct"] is None
    missing = answers_document(sla={"remedy_form": "refund", "credit_cap_pct": None})
    _typed, problems = validate_answers(missing)
    assert [(p.step, p.field) for p in problems] == [("sla", "credit_cap_pct")]


def test_changing_validated_answers_never_changes_what_the_next_reader_gets():
    """Validated steps are cached per content; a caller that edits its copy must not edit the cache."""
    document = answers_document()
    first, _problems = validate_answers(document)
    first["implementation"]["milestones"][0]["due_date"] = None
    first["pricing"]["one_time_fees"].clear()
    second, problems = validate_answers(document)
    assert problems == []
    assert second["implementation"]["milestones"][0]["due_date"] is not None
    assert second["pricing"]["one_time_fees"]


@pytest.mark.parametrize(
    "accept, cure, email",
    [
        ("en", "Enter a number from 10 to 60.", "Enter a valid email address, such as name@example.com."),
        ("zh-hans", "请输入10至60之间的数值。", "请输入有效的电子邮箱地址，例如 name@example.com。"),
    ],
)
def test_out_of_range_and_malformed_input_say_what_is_allowed(alice_client, complete_draft, accept, cure, email):
    headers = {"Accept-Language": accept}
    term = post_data("term", complete_draft.answers["term"] | {"cure_days": 5})
    page = alice_client.post(f"/drafts/{complete_draft.pk}/step/term/", term, headers=headers).content.decode()
    assert cure in page and 'name="cure_days" value="5"' in page  # at the field, with what was typed
    parties = post_data("parties", complete_draft.answers["parties"] | {"buyer_contact_email": "li.na@"})
    page = alice_client.post(f"/drafts/{complete_draft.pk}/step/parties/", parties, headers=headers).content.decode()
    assert email in page and 'value="li.na@"' in page


def test_list_columns_give_free_text_the_room_and_codes_little(alice_client, complete_draft):
    """The requirement list was four equal columns: an 'R1' box as wide as the acceptance test it sat beside."""
    page = alice_client.get(f"/drafts/{complete_draft.pk}/step/scope/").content.decode()
    requirements = page.split('data-list="requirements"')[1].split("</table>")[0]  # cells hold fieldsets
    header = re.search(r"<thead>.*?</thead>", requirements, re.S).group(0)
    # id, requirement, priority, acceptance test, the modules it needs (a checkbox list)
    assert re.findall(r'<th scope="col"(?: class="([^"]+)")?>', header)[:4] == [
        "cell-short",
        "cell-text",
        "",
        "cell-text",
    ]
    first_row = re.search(r"<tbody>\s*<tr>(.*?)</tr>", requirements, re.S).group(1)
    assert first_row.count('class="cell-text"') == 2 and first_row.count('class="cell-short"') == 1
