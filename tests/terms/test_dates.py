from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from contracts.terms.dates import add_months, initial_term_end, non_renewal_deadline


def test_add_months_clamps_to_the_end_of_a_shorter_month():
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2027, 3, 31), 1) == date(2027, 4, 30)
    assert add_months(date(2027, 1, 15), 1) == date(2027, 2, 15)


def test_add_months_across_years_and_backwards():
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
    assert add_months(date(2027, 1, 1), 60) == date(2032, 1, 1)
    assert add_months(date(2027, 3, 31), -1) == date(2027, 2, 28)


def test_initial_term_end_is_the_day_before_the_anniversary():
    assert initial_term_end(date(2027, 1, 1), 12) == date(2027, 12, 31)
    assert initial_term_end(date(2027, 1, 1), 36) == date(2029, 12, 31)
    assert initial_term_end(date(2027, 3, 15), 1) == date(2027, 4, 14)
    assert initial_term_end(date(2027, 1, 31), 1) == date(2027, 2, 27)


def test_non_renewal_deadline():
    assert non_renewal_deadline(date(2027, 12, 31), 30) == date(2027, 12, 1)
    assert non_renewal_deadline(date(2027, 12, 31), 90) == date(2027, 10, 2)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 120))
def test_add_months_lands_in_the_right_month_never_later_day(day, months):
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day <= day.day
