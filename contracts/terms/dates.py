"""Calendar arithmetic: month steps with end-of-month clamping, and PRC working days."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import chinese_calendar


def add_months(day: date, months: int) -> date:
    """`day` moved by `months` calendar months; the 31st becomes the last day of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def initial_term_end(start_date: date, initial_term_months: int) -> date:
    """Last day of the initial term: start + months − 1 day."""
    return add_months(start_date, initial_term_months) - timedelta(days=1)


def non_renewal_deadline(term_end: date, non_renewal_notice_days: int) -> date:
    """Last day on which notice of non-renewal still reaches the vendor in time."""
    return term_end - timedelta(days=non_renewal_notice_days)


# Working days (工作日) -----------------------------------------------------------------------------
# The contract defines a Working Day as a PRC statutory working day: not a weekend or public holiday,
# with the State Council's make-up working days (调休). chinese-calendar holds those arrangements for the
# years the State Council has published; beyond them only weekends are known, and a date is an estimate.

CALENDAR_FIRST_YEAR = min(chinese_calendar.constants.holidays).year
CALENDAR_LAST_YEAR = max(chinese_calendar.constants.holidays).year


def in_calendar(day: date) -> bool:
    """Whether the PRC holiday arrangements of `day`'s year are known."""
    return CALENDAR_FIRST_YEAR <= day.year <= CALENDAR_LAST_YEAR


def is_working_day(day: date) -> bool:
    """A PRC working day: holidays and make-up days where the year is known, else Monday to Friday."""
    if in_calendar(day):
        return chinese_calendar.is_workday(day)
    return day.weekday() < 5


def add_working_days(day: date, working_days: int) -> date:
    """The date `working_days` PRC working days after `day` (the day itself not counted)."""
    current, left = day, working_days
    while left > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            left -= 1
    return current


def working_days_estimated(start: date, end: date) -> bool:
    """Whether a count of working days from `start` to `end` reaches a year the calendar does not hold."""
    return not (in_calendar(start) and in_calendar(end))
