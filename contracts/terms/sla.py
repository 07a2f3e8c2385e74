"""Service-level figures: allowed downtime and the money value of service credits."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .money import round_money, to_decimal

MINUTES_PER_DAY = 1440


@dataclass(frozen=True)
class CreditTier:
    """Availability below `below_pct` earns `credit` (% of the month's fee, or days of term)."""

    below_pct: Decimal | None
    credit: Decimal | None
    amount: Decimal | None  # money value from the monthly fee; None for term_extension


def allowed_downtime_minutes(availability_target_pct: object, days: int) -> Decimal | None:
    """(1 − A/100) × days × 1,440 minutes: the downtime a month of `days` days may have."""
    target = to_decimal(availability_target_pct)
    if target is None:
        return None
    minutes = (1 - target / 100) * days * MINUTES_PER_DAY
    return round_money(minutes)


def credit_tiers(
    credit_table: tuple, monthly_fee: Decimal, remedy_form: str | None, cap_pct: object = None
) -> tuple[CreditTier, ...]:
    """Each answered tier with its credit in money (fee_credit, refund: % of the month's fee), no
    more than the monthly cap: the amount is what the Customer actually receives."""
    in_money = remedy_form in ("fee_credit", "refund")
    cap = to_decimal(cap_pct)
    tiers = []
    for row in credit_table:
        credit = to_decimal(row.credit)
        amount = None
        if in_money and credit is not None:
            amount = round_money(monthly_fee * (credit if cap is None else min(credit, cap)) / 100)
        tiers.append(CreditTier(below_pct=to_decimal(row.below_pct), credit=credit, amount=amount))
    return tuple(tiers)


SUPPORT_DAY_HOURS = 8  # a Working Day of support: 9:00 to 17:00 Beijing time (support.hours)


def runs_in_clock_time(level: str | None, support_hours: str | None) -> bool:
    """Whether a severity level's times run round the clock rather than within support hours."""
    return support_hours == "7x24" or (support_hours == "5x8_with_p1_7x24" and level == "P1")


def resolution_working_days(hours: int | None, level: str | None, support_hours: str | None) -> Decimal | None:
    """A resolution time counted in support hours, as Working Days when it is a day or more in whole or
    half days (56 support hours are 7 Working Days); None when it stays in hours. Round-the-clock times stay
    in hours: a Working Day there would lengthen them over weekends."""
    if not hours or runs_in_clock_time(level, support_hours) or hours < SUPPORT_DAY_HOURS:
        return None
    if hours % (SUPPORT_DAY_HOURS // 2):
        return None
    return Decimal(hours) / SUPPORT_DAY_HOURS
