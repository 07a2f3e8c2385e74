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
