"""The key dates as a calendar file: what a calendar application reads back from it."""

from datetime import UTC, date, datetime, timedelta, timezone

import icalendar

from contracts.rendering.ics import ics_calendar
from contracts.terms.keydates import KeyDate
from contracts.terms.text import Text
from tests.terms.test_keydates import sample_dates

STAMP = datetime(2026, 12, 1, 9, 30, tzinfo=timezone(timedelta(hours=8)))


def calendar_text(rows=None, **kwargs):
    rows = sample_dates() if rows is None else rows
    options = {"uid_prefix": "CRM-2027-0001@contracts.example", "name": "合同关键日期", "dtstamp": STAMP, **kwargs}
    return ics_calendar(rows, **options)


def test_calendar_parses_back_with_one_all_day_event_per_date():
    calendar = icalendar.Calendar.from_ical(calendar_text())
    events = calendar.walk("VEVENT")
    assert len(events) == 9  # the claim window has no date
    assert str(calendar["X-WR-CALNAME"]) == "合同关键日期"
    deadline = next(e for e in events if str(e["SUMMARY"]) == "不续约通知截止日")
    assert deadline.decoded("DTSTART") == date(2027, 12, 1)
    assert deadline.decoded("DTEND") == date(2027, 12, 2)
    assert deadline.decoded("DTSTAMP") == datetime(2026, 12, 1, 1, 30, tzinfo=UTC)
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == 9
    assert all(uid.startswith("CRM-2027-0001@contracts.example") for uid in uids)


def test_only_the_non_renewal_deadline_has_a_reminder_a_week_before():
    events = icalendar.Calendar.from_ical(calendar_text()).walk("VEVENT")
    with_alarm = [e for e in events if e.walk("VALARM")]
    assert [str(e["SUMMARY"]) for e in with_alarm] == ["不续约通知截止日"]
    alarm = with_alarm[0].walk("VALARM")[0]
    assert alarm.decoded("TRIGGER") == timedelta(days=-7)
    assert str(alarm["ACTION"]) == "DISPLAY"


def test_lines_end_in_crlf_and_fold_at_75_octets():
    text = calendar_text(language="bilingual")
    assert text.endswith("\r\n")
    raw = text.encode("utf-8")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # long descriptions were folded
    for line in lines:
        line.decode("utf-8")  # no character was split between two lines


def test_special_characters_are_escaped_and_read_back():
    tricky = KeyDate(
        date(2027, 6, 30),
        "milestone",
        Text("里程碑：A, B; C\\D", "Milestone: A, B; C\\D"),
        Text("第一行\n第二行", "line one\nline two, with comma; and semicolon"),
    )
    text = calendar_text([tricky], language="en", name="Key dates, CRM; 2027")
    assert "SUMMARY:Milestone: A\\, B\\; C\\\\D" in text
    event = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Milestone: A, B; C\\D"
    assert str(event["DESCRIPTION"]) == "line one\nline two, with comma; and semicolon"


def test_same_input_gives_the_same_file():
    assert calendar_text() == calendar_text()
    assert "DTSTAMP:20261201T013000Z" in calendar_text()


def test_language_choice():
    english = icalendar.Calendar.from_ical(calendar_text(language="en")).walk("VEVENT")
    assert str(english[0]["SUMMARY"]) == "Contract takes effect"
    both = icalendar.Calendar.from_ical(calendar_text(language="bilingual")).walk("VEVENT")
    assert str(both[0]["SUMMARY"]) == "合同生效 / Contract takes effect"


def test_a_working_day_deadline_counts_prc_holidays_and_says_when_it_is_an_estimate():
    known = sample_dates(implementation={"go_live_date": date(2026, 9, 25)})
    event = next(
        e
        for e in icalendar.Calendar.from_ical(calendar_text(known, language="en")).walk("VEVENT")
        if str(e["UID"]).endswith("acceptance_deadline")
    )
    assert event.decoded("DTSTART") == date(2026, 10, 15)  # National Day and the 10 October make-up day
    assert str(event["SUMMARY"]) == "Acceptance period ends (expected)"
    assert "make-up working days counted" in str(event["DESCRIPTION"])
    beyond = icalendar.Calendar.from_ical(calendar_text(language="bilingual")).walk("VEVENT")
    estimated = next(e for e in beyond if str(e["UID"]).endswith("acceptance_deadline"))
    assert (
        str(estimated["SUMMARY"]) == "验收期届满（预计，估算日期） / Acceptance period ends (expected; estimated date)"
    )
    assert "估算日期：" in str(estimated["DESCRIPTION"]) and "an estimate" in str(estimated["DESCRIPTION"])
