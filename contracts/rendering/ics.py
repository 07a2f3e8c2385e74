"""The key dates as an iCalendar (RFC 5545) file: one all-day event per dated key date.

icalendar does the escaping, the folding at 75 octets and the CRLF line ends; this module only decides
what goes into the calendar.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

import icalendar

from contracts.terms.keydates import ALARM_DAYS_BEFORE_NON_RENEWAL, KeyDate
from contracts.terms.text import Text, date_text


def ics_calendar(
    key_dates: Iterable[KeyDate],
    *,
    uid_prefix: str,
    name: str,
    dtstamp: datetime,
    language: str = "zh",
) -> str:
    """The calendar of the dated key dates, in `language` ("zh", "en" or "bilingual").

    `dtstamp` (the time the file is produced) is a parameter so the same contract gives the same file.
    `uid_prefix` should be unique to the contract (e.g. its number and the site's domain); each event's
    UID adds the kind and position. The non-renewal deadline carries a reminder a week before.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//CRM procurement contracts//Key dates//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", " ".join(_text(name).split()))  # icalendar leaves its breaks unescaped
    stamp = _utc(dtstamp)
    for index, key_date in enumerate(key_dates, start=1):
        if key_date.date is not None:
            calendar.add_component(_event(key_date, index, uid_prefix=uid_prefix, stamp=stamp, language=language))
    return calendar.to_ical().decode("utf-8")


def _event(key_date: KeyDate, index: int, *, uid_prefix: str, stamp: datetime, language: str) -> icalendar.Event:
    day = key_date.date
    event = icalendar.Event()
    event.add("uid", f"{uid_prefix}-{index:02d}-{key_date.kind}")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", _text(key_date.label.in_language(language)))
    event.add("description", _text(key_date.description.in_language(language)))
    event.add("transp", "TRANSPARENT")
    if key_date.kind == "non_renewal_deadline":
        reminder = Text(
            f"{ALARM_DAYS_BEFORE_NON_RENEWAL}日后截止：{key_date.label.zh}（{date_text(day).zh}）",
            f"In {ALARM_DAYS_BEFORE_NON_RENEWAL} days: {key_date.label.en} ({date_text(day).en})",
        )
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", timedelta(days=-ALARM_DAYS_BEFORE_NON_RENEWAL))
        alarm.add("description", _text(reminder.in_language(language)))
        event.add_component(alarm)
    return event


_BREAKS_AND_CONTROLS = re.compile(r"\r\n?|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _text(value: str) -> str:
    """icalendar escapes LF only: a lone CR (a title typed before titles were checked) would end the
    content line and start a property of its own, so it becomes a line break; other controls go."""
    return _BREAKS_AND_CONTROLS.sub(lambda found: "\n" if found.group().startswith("\r") else "", value)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)  # a naive time is taken as UTC already
    return moment.astimezone(UTC)
