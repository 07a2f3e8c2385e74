"""The buyer's decision aids on the web: risk check, hints, key dates, positions."""

import html
import json
import re
from decimal import Decimal

import pytest
from django.core.management import call_command

from contracts.clauses.snapshot import library_snapshot
from contracts.pipeline import build_document
from contracts.wizard.steps import partial_typed_answers
from tests.factories import DraftFactory, answers_document
from tests.helpers import pdf_text, post_data, squash

pytestmark = pytest.mark.django_db


def risky_answers():
    return answers_document(
        sla={"availability_target_pct": "99.0", "credit_table": [{"below_pct": "99.0", "credit": "25"}]},
        legal={"change_of_control_notice": False},
    )


def test_review_shows_findings_with_a_link_to_the_field(alice_client, alice, library):
    draft = DraftFactory(owner=alice, answers=risky_answers())
    page = alice_client.get(f"/drafts/{draft.pk}/review/").content.decode()
    assert 'id="finding-sla.target_low"' in page or "finding-sla." in page
    assert f"/drafts/{draft.pk}/step/sla/?focus=availability_target_pct#div_id_availability_target_pct" in page
    assert "to resolve before signing" in page or "points to consider" in page


def test_resolving_the_answer_removes_the_finding(alice_client, alice, library):
    draft = DraftFactory(owner=alice, answers=risky_answers())
    assert "focus=availability_target_pct" in alice_client.get(f"/drafts/{draft.pk}/review/").content.decode()
    data = post_data("sla", answers_document()["sla"])
    alice_client.post(f"/drafts/{draft.pk}/step/sla/", data)
    assert "focus=availability_target_pct" not in alice_client.get(f"/drafts/{draft.pk}/review/").content.decode()


def test_the_step_a_finding_points_to_shows_it_with_guidance_and_hints(alice_client, alice, library):
    draft = DraftFactory(owner=alice, answers=risky_answers())
    page = alice_client.get(f"/drafts/{draft.pk}/step/sla/").content.decode()
    assert 'id="step-risks"' in page and "#div_id_availability_target_pct" in page
    assert 'class="guidance' in page
    assert "432" in page  # 99.0 % allows 432 minutes of downtime in a 30-day month


def test_hints_follow_what_is_typed(alice_client, complete_draft):
    data = post_data("sla", complete_draft.answers["sla"] | {"availability_target_pct": "99.5"})
    hints = alice_client.post(f"/drafts/{complete_draft.pk}/hints/", {**data, "_step": "sla"}).json()
    assert "216" in hints["availability_target_pct"]  # 99.5 % → 216 minutes a 30-day month
    data = post_data("term", complete_draft.answers["term"])
    hints = alice_client.post(f"/drafts/{complete_draft.pk}/hints/", {**data, "_step": "term"}).json()
    assert any("1 December 2027" in text or "2027-12-01" in text for text in hints.values())


def test_key_dates_calendar(alice_client, complete_draft):
    response = alice_client.get(f"/drafts/{complete_draft.pk}/key-dates.ics")
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and "DTSTART;VALUE=DATE:20271201" in body  # notice deadline
    assert "DTSTART;VALUE=DATE:20270101" in body  # start of the service


def test_risk_review_pdf_is_separate_from_the_contract(alice_client, alice, library):
    draft = DraftFactory(owner=alice, answers={**risky_answers(), "positions": {"liability.cap": "vendor"}})
    response = alice_client.get(f"/drafts/{draft.pk}/risk-review.pdf?language=bilingual")
    text = squash(pdf_text(response.content))
    assert "签约前风险审查" in text and "Pre-signingRiskReview" in text  # asked for in both languages
    assert "请勿提供给供应商" in text
    assert "谈判立场页面Thenegotiationpositionspage" in text  # where a deviation is changed
    contract = alice_client.post(f"/drafts/{draft.pk}/generate/", {"language": "zh", "format": "pdf"})
    contract_text = squash(pdf_text(b"".join(alice_client.get(contract["Location"]).streaming_content)))
    assert "签约前风险审查" not in contract_text


def test_choosing_a_vendor_position_changes_the_clause_and_is_a_deviation(alice_client, complete_draft, library):
    page = alice_client.get(f"/drafts/{complete_draft.pk}/positions/").content.decode()
    assert 'name="liability.cap"' in page
    assert f'href="/drafts/{complete_draft.pk}/step/legal/"' in page  # the steps, as on every draft page
    # each clause is named by where it prints in this contract, not by the library's key
    legend = page.split("General Liability Cap")[1].split("</legend>")[0]
    number = re.search(r"\(Section (\d+\.\d+)\)", legend).group(1)
    assert "liability.cap)" not in page
    # beside the alternatives, what our own text secures for that clause
    assert "fees, service credits, refunds and delay liquidated damages neither count towards" in html.unescape(page)
    # and each text as this draft's contract would print it: our cap in money, the vendor's in paid fees
    fieldset = html.unescape(page.split("General Liability Cap")[1].split("</fieldset>")[0])
    texts = dict(
        re.findall(r'<details class="small position-text" data-position="(\w+)">(.*?)</details>', fieldset, re.S)
    )
    assert set(texts) == {"buyer", "balanced", "vendor"}
    assert "12 times the monthly Fee, being CNY 60,000.00" in texts["buyer"]
    assert "in the twelve months preceding the event" in texts["vendor"]
    preview = alice_client.get(f"/drafts/{complete_draft.pk}/preview/?language=en").content.decode()
    assert f'<span class="num">{number}</span>General Liability Cap' in preview
    alice_client.post(f"/drafts/{complete_draft.pk}/positions/", {"liability.cap": "vendor"})
    complete_draft.refresh_from_db()
    assert complete_draft.answers["positions"] == {"liability.cap": "vendor"}
    review = html.unescape(alice_client.get(f"/drafts/{complete_draft.pk}/review/").content.decode())
    assert "Deviations from our standard" in review
    assert "1 clause uses a balanced or the vendor's text instead of ours" in review  # the positions card
    alice_client.post(f"/drafts/{complete_draft.pk}/positions/", {"liability.cap": "buyer"})
    complete_draft.refresh_from_db()
    assert "positions" not in complete_draft.answers


def test_risk_review_command(tmp_path, library, capsys):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(risky_answers(), ensure_ascii=False))
    call_command("risk_review", str(path))
    findings = json.loads(capsys.readouterr().out)["findings"]
    target = next(f for f in findings if f["field"] == "availability_target_pct")
    assert target["step"] == "sla" and target["severity"] in ("high", "medium")
    out = tmp_path / "review.pdf"
    call_command("risk_review", str(path), "--format", "pdf", "-o", str(out), "--language", "en")
    assert "Pre-signingRiskReview" in squash(pdf_text(out.read_bytes()))


def test_vendor_library_shows_a_stability_assessment(alice_client):
    from tests.factories import VendorFactory

    VendorFactory(name="新创软件有限公司", years_in_business=1, customer_count=12, certifications=[])
    VendorFactory(
        name="老牌软件有限公司",
        years_in_business=15,
        customer_count=3000,
        certifications=["iso27001", "mlps_level3"],
        references="甲公司\n乙公司\n丙公司",
    )
    page = alice_client.get("/vendors/").content.decode()
    young = page.split("新创软件有限公司")[1].split("</section>")[0]
    old = page.split("老牌软件有限公司")[1].split("</section>")[0]
    assert "text-bg-danger" in young  # weak
    assert "text-bg-success" in old  # strong
    assert "3,000" in old and "3,000 customers." in old  # counts as the contract prints them


def two_offers(alice):
    cheap = DraftFactory(
        owner=alice,
        title="Offer A",
        answers=answers_document(parties={"vendor_name": "甲供应商"}, pricing={"unit_price_per_seat_year": "1000"}),
    )
    dear = DraftFactory(
        owner=alice,
        title="Offer B",
        answers=answers_document(
            parties={"vendor_name": "乙供应商"},
            pricing={"unit_price_per_seat_year": "1500"},
            sla={
                "availability_target_pct": "99.95",
                "credit_table": [{"below_pct": "99.95", "credit": "25"}, {"below_pct": "99.0", "credit": "50"}],
            },
        ),
    )
    return cheap, dear


def test_compare_offers_side_by_side_and_as_csv(alice_client, alice, bob):
    cheap, dear = two_offers(alice)
    theirs = DraftFactory(owner=bob, title="Bob's offer")
    page = alice_client.get(f"/compare/?d={cheap.pk}&d={dear.pk}").content.decode()
    assert "甲供应商" in page and "乙供应商" in page and "99.95" in page
    assert "Bob&#x27;s offer" not in page
    csv_text = alice_client.get(f"/compare/?d={cheap.pk}&d={dear.pk}&format=csv").content.decode("utf-8-sig")
    rows = [line.split(",") for line in csv_text.strip().splitlines()]
    assert rows[0][1:3] == ["Offer A", "Offer B"]
    # money reads 180,000.00 on the page, and stays a plain figure a spreadsheet can sum in the CSV
    tco = next(row for row in rows if re.fullmatch(r"\d{5,}\.\d{2}", row[1]))
    grouped = f"{Decimal(tco[1]):,.2f}"
    assert f"<td>{grouped}</td>" in page and f"<td>{tco[1]}</td>" not in page
    # another buyer's draft cannot be slipped into the comparison
    response = alice_client.get(f"/compare/?d={cheap.pk}&d={theirs.pk}")
    assert "Choose between 2 and 4 of your drafts to compare." in response.content.decode()
    assert "<table" not in response.content.decode()


def test_choosing_an_offer_updates_the_base_draft(alice_client, alice):
    cheap, dear = two_offers(alice)
    response = alice_client.post(f"/compare/choose/{dear.pk}/", {"base": cheap.pk, "confirmed": "yes"})
    assert response["Location"] == f"/drafts/{cheap.pk}/review/"
    cheap.refresh_from_db()
    assert cheap.answers["parties"]["vendor_name"] == "乙供应商"
    response = alice_client.post(f"/compare/choose/{dear.pk}/", {"base": ""})
    assert response.status_code == 302 and response["Location"] != f"/drafts/{dear.pk}/review/"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("A", []),  # the sample: court, no migration, data in China, capped prices — nothing to flag
        (
            "B",
            [
                ("compliance.cross_border_standard_contract", "medium"),  # 150,000 people's data to the EU
                ("compliance.gdpr_transfer", "medium"),  # kept in the EU, but a Chinese vendor serves it
                ("consistency.escrow_without_agent", "medium"),  # the escrow annex prints a blank for the agent
                # an English contract whose requirements, milestones and module names are typed in Chinese
                ("consistency.chinese_in_english_contract", "medium"),
            ],
        ),
        ("C", []),  # perpetual licence paid by milestones up to go-live, no renewal to forget
    ],
)
def test_the_three_contrasting_drafts_get_the_findings_a_lawyer_expects(name, expected, library):
    from contracts.insights import draft_insights
    from tests import test_contract_pdf

    answers = answers_document(**getattr(test_contract_pdf, f"ANSWERS_{name}"))
    review = draft_insights(answers).review
    assert [(f.rule, f.severity) for f in review.findings] == expected


def test_risk_review_pdf_in_chinese_and_english(alice_client, alice, library):
    for language, title in (("zh", "签约前风险审查"), ("en", "Pre-signingRiskReview")):
        draft = DraftFactory(
            owner=alice,
            answers=answers_document(
                parties={"contract_language": language, "prevailing_language": None},
                legal={"change_of_control_notice": False},
            ),
        )
        text = squash(pdf_text(alice_client.get(f"/drafts/{draft.pk}/risk-review.pdf?language={language}").content))
        assert title in text
        other = "Pre-signingRiskReview" if language == "zh" else "签约前风险审查"
        assert other not in text
        # where to change it, in the wizard's words rather than the answer's key
        assert ("责任与争议解决·" if language == "zh" else "Liabilityanddisputes·") in text
        assert "change_of_control_notice" not in text
        # the finding cites the clause as this draft's contract prints it, in its language, and its rule id
        document = build_document(partial_typed_answers(draft.answers), contract_number="", library=library_snapshot())
        printed = next(
            c
            for key in ("exit.change_of_control", "exit.warranties")  # the notice clause, else the warranties
            for s in document.sections
            for c in s.clauses
            if c.key == key
        )
        cited = f"第{printed.number}条“{printed.title_zh}”" if language == "zh" else f"Section{printed.number}("
        assert cited.replace(" ", "") in text and "vendor.no_change_of_control" in text
        assert ("风险等级理由" if language == "zh" else "Whythisseverity") in text
        assert ("本审查无法判断的事项" if language == "zh" else "Whatthisreviewcannotjudge") in text
        assert ("草稿：" if language == "zh" else "Draft:") in text  # the colon of the language
        # the running header prints the apostrophe, not the HTML entity a CSS string would show as is
        assert ("甲方内部文件" if language == "zh" else "Forthebuyer'sownfile") in text and "&#x27;" not in text


def test_compare_per_seat_with_perpetual_on_a_common_horizon(alice_client, alice):
    seat = DraftFactory(owner=alice, title="SaaS offer", answers=answers_document())
    perpetual = DraftFactory(
        owner=alice,
        title="Licence offer",
        answers=answers_document(
            pricing={
                "pricing_model": "perpetual",
                "unit_price_per_seat_year": None,
                "licence_fee": "300000",
                "maintenance_pct": "20",
                "hosting_fee_year": "0",
                "tco_years": 5,
            }
        ),
    )
    page = alice_client.get(f"/compare/?d={seat.pk}&d={perpetual.pk}").content.decode()
    assert "total cost over 5 years" in page  # the longer horizon, for both offers
    # per seat over 5 years: 20,000 + 60,000 + 63,000 + 66,150 + 69,457.50 + 72,930.38 = 351,537.88
    assert "351537.88" in page or "351,537.88" in page


def test_two_offers_with_the_same_title_are_told_apart(alice_client, alice):
    first, second = DraftFactory(owner=alice, title="Sample"), DraftFactory(owner=alice, title="Sample")
    page = alice_client.get(f"/compare/?d={first.pk}&d={second.pk}").content.decode()
    head = page.split("<thead>")[1].split("</thead>")[0]
    assert f"Sample (#{first.pk})" in head and f"Sample (#{second.pk})" in head
    choose = page.split("</table>")[1]
    assert f"#{first.pk} · {first.answers['parties']['vendor_name']}" in choose


def test_a_negotiable_clause_these_answers_leave_out_says_so(alice_client, alice, library):
    draft = DraftFactory(
        owner=alice,
        answers=answers_document(term={"buyer_convenience_termination": False, "convenience_notice_days": None}),
    )
    page = html.unescape(alice_client.get(f"/drafts/{draft.pk}/positions/").content.decode())
    convenience = page.split("Termination for Convenience by the Customer")[1].split("</fieldset>")[0]
    assert "This draft's answers leave this clause out of the contract." in convenience
    assert "position-text" not in convenience and "(Section" not in convenience
    assert 'data-position="vendor"' in page.split("General Liability Cap")[1].split("</fieldset>")[0]


def test_one_draft_chosen_gets_the_forms_message_not_an_error_page(alice_client, alice):
    cheap, _dear = two_offers(alice)
    response = alice_client.get(f"/compare/?d={cheap.pk}")
    assert response.status_code == 200
    page = response.content.decode()
    form = page.split('<form method="get"')[1].split("</form>")[0]
    assert "Choose between 2 and 4 of your drafts to compare." in form


def test_the_comparison_marks_unfinished_drafts_and_changes_not_saved(alice_client, alice):
    cheap, dear = two_offers(alice)
    half = DraftFactory(owner=alice, title="Half", step_reached=3, status="in_progress")
    dear.pending_input = {"pricing": {"unit_price_per_seat_year": ["abc"]}}
    dear.save()
    page = alice_client.get(f"/compare/?d={cheap.pk}&d={dear.pk}&d={half.pk}").content.decode()
    head = page.split("<thead>")[1].split("</thead>")[0]
    columns = head.split('<th scope="col">')[2:5]
    assert "Unfinished" not in columns[0] and "not saved" not in columns[0]
    assert f'href="/drafts/{dear.pk}/review/#unfinished"' in columns[1]
    assert "Changes not saved on 1 step: they are not compared" in columns[1]
    assert "Unfinished: 3 of 8 steps, figures may be missing" in columns[2]
    assert f"#{half.pk} · " in columns[2]  # each column says which draft it is
    chooser = page.split('<form method="get"')[1].split("</form>")[0]
    assert "Unfinished: 3 of 8 steps" in chooser and "Changes not saved on 1 step" in chooser
