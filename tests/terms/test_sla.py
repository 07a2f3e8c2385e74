from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracts.terms.model import CreditTableRow
from contracts.terms.sla import CreditTier, allowed_downtime_minutes, credit_tiers


@pytest.mark.parametrize(
    "target, minutes",
    [("99.0", "432"), ("99.5", "216"), ("99.9", "43.2"), ("99.95", "21.6"), ("99.99", "4.32")],
)
def test_allowed_downtime_in_a_30_day_month(target, minutes):
    assert allowed_downtime_minutes(Decimal(target), 30) == Decimal(minutes)


def test_allowed_downtime_depends_on_the_month_length():
    assert allowed_downtime_minutes(Decimal("99.9"), 28) == Decimal("40.32")
    assert allowed_downtime_minutes(Decimal("99.9"), 31) == Decimal("44.64")


def test_allowed_downtime_is_a_decimal_and_none_without_a_target():
    assert isinstance(allowed_downtime_minutes(Decimal("99.9"), 30), Decimal)
    assert allowed_downtime_minutes(None, 30) is None


TABLE = (
    CreditTableRow(Decimal("99.9"), Decimal("25")),
    CreditTableRow(Decimal("99.0"), Decimal("50")),
    CreditTableRow(Decimal("95.0"), Decimal("100")),
)


def test_credit_amounts_from_the_monthly_fee():
    tiers = credit_tiers(TABLE, Decimal("5000.00"), "fee_credit")
    assert [t.amount for t in tiers] == [Decimal("1250.00"), Decimal("2500.00"), Decimal("5000.00")]
    assert tiers[0] == CreditTier(Decimal("99.9"), Decimal("25"), Decimal("1250.00"))


def test_credit_amounts_stop_at_the_monthly_cap():
    tiers = credit_tiers(TABLE, Decimal("5300.00"), "refund", Decimal("50"))
    assert [t.amount for t in tiers] == [Decimal("1325.00"), Decimal("2650.00"), Decimal("2650.00")]
    assert tiers[2].credit == Decimal("100")  # the tier as agreed; the amount is what is paid


def test_refund_is_money_too_but_term_extension_is_days():
    assert credit_tiers(TABLE, Decimal("5000"), "refund")[1].amount == Decimal("2500.00")
    assert [t.amount for t in credit_tiers(TABLE, Decimal("5000"), "term_extension")] == [None] * 3


targets = st.decimals(min_value=0, max_value=100, places=3)


@given(targets, targets)
def test_allowed_downtime_falls_as_the_target_rises(a, b):
    low, high = sorted((a, b))
    assert allowed_downtime_minutes(low, 30) >= allowed_downtime_minutes(high, 30)


@given(targets)
def test_longer_months_allow_more_downtime(target):
    d28, d30, d31 = (allowed_downtime_minutes(target, days) for days in (28, 30, 31))
    assert Decimal(0) <= d28 <= d30 <= d31
