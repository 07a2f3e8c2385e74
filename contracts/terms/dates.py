"""Calendar arithmetic for the term: month steps with end-of-month clamping."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


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
