"""Key dates a buyer must not miss, and the calendar file they go into."""

from datetime import date, datetime, timedelta, timezone

import pytest

from contracts.terms import add_working_days, build_terms, key_dates
from contracts.terms.dates import CALENDAR_LAST_YEAR
from tests.terms.sample_answers import complete_answers

STAMP = datetime(2026, 12, 1, 9, 30, tzinfo=timezone(timedelta(hours=8)))


def sample_dates(**steps):
    answers = complete_answers()
    for step, changes in steps.items():
        answers[step].update(changes)
    return key_dates(build_terms(answers))


@pytest.mark.parametrize(
    "start, days, expected",
    [
        (date(2027, 3, 31), 10, date(2027, 4, 14)),  # Wednesday + 10 working days
        (date(2027, 4, 2), 1, date(2027, 4, 5)),  # Friday + 1 is Monday
        (date(2027, 4, 3), 1, date(2027, 4, 5)),  # from a Saturday
        (date(2027, 4, 5), 5, date(2027, 4, 12)),
        (date(2027, 4, 5), 0, date(2027, 4, 5)),
    ],
)
def test_working_days_skip_weekends(start, days, expected):
    assert add_working_days(start, days) == expected


@pytest.mark.parametrize(
    "start, days, expected",
    [
        (date(2026, 9, 30), 1, date(2026, 10, 8)),  # National Day: 1–7 October are holidays
        (date(2026, 10, 9), 1, date(2026, 10, 10)),  # Saturday 10 October is a make-up working day (调休)
        (date(2026, 9, 25), 10, date(2026, 10, 15)),
        (date(2026, 12, 24), 10, date(2027, 1, 7)),  # into a year not in the calendar: weekends only
    ],
)
def test_working_days_follow_the_prc_holiday_calendar(start, days, expected):
    assert add_working_days(start, days) == expected


def test_an_acceptance_deadline_in_a_known_year_is_not_an_estimate():
    rows = sample_dates(implementation={"go_live_date": date(2026, 9, 25)})
    deadline = next(k for k in rows if k.kind == "acceptance_deadline")
    assert deadline.date == date(2026, 10, 15)
    assert not deadline.estimated
    assert "public holidays skipped, make-up working days counted" in deadline.description.en
    assert "已扣除法定节假日并计入调休上班日" in deadline.description.zh
    assert "estimate" not in deadline.label.en and "估算" not in deadline.label.zh


def test_an_acceptance_deadline_beyond_the_calendar_says_it_is_an_estimate():
    deadline = next(k for k in sample_dates() if k.kind == "acceptance_deadline")
    assert deadline.date.year > CALENDAR_LAST_YEAR
    assert deadline.estimated and deadline.as_dict()["estimated"] is True
    assert deadline.label.en == "Acceptance period ends (expected; estimated date)"
    assert deadline.label.zh == "验收期届满（预计，估算日期）"
    assert "an estimate" in deadline.description.en and "估算日期：" in deadline.description.zh


def test_the_sample_contract_dates_in_order():
    rows = sample_dates()
    assert [(k.date, k.kind) for k in rows] == [
        (date(2026, 12, 15), "effective"),
        (date(2027, 1, 1), "start"),
        (date(2027, 1, 29), "milestone"),
        (date(2027, 3, 12), "milestone"),
        (date(2027, 3, 31), "milestone"),
        (date(2027, 3, 31), "go_live"),
        (date(2027, 4, 14), "acceptance_deadline"),
        (date(2027, 12, 1), "non_renewal_deadline"),
        (date(2027, 12, 31), "initial_term_end"),
        (None, "credit_claim_window"),
    ]
    assert rows[2].label.zh == "里程碑：需求确认"
    assert "an estimate" in rows[6].description.en  # 2027 is beyond the holiday calendar's years
    assert "30 days" in rows[7].description.en and "12 months" in rows[7].description.en
    # The window runs from receipt of the month's report, as in the clause, not from the month's end.
    assert "within 30 days of receiving it" in rows[-1].description.en
    assert "自收到该月报告之日起30日内" in rows[-1].description.zh
    assert "from receipt of the vendor's acceptance notice" in rows[6].description.en


def test_without_renewal_or_implementation():
    rows = sample_dates(term={"auto_renew": False}, implementation={"has_implementation": False})
    kinds = [k.kind for k in rows]
    assert "non_renewal_deadline" not in kinds
    assert not {"go_live", "milestone", "acceptance_deadline"} & set(kinds)
    end = next(k for k in rows if k.kind == "initial_term_end")
    assert "renews" not in end.description.en


def test_effective_date_on_the_start_date_is_one_entry():
    kinds = [k.kind for k in sample_dates(parties={"effective_date": date(2027, 1, 1)})]
    assert "effective" not in kinds and "start" in kinds
