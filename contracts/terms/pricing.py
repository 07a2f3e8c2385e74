"""Fees over time: escalation after the price lock, the yearly fee table, TCO and the VAT split."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from .dates import add_months
from .money import ZERO, dec_or_zero, round_money, to_decimal

ESCALATING_TYPES = ("fixed", "capped_pct", "cpi_capped")
DEFAULT_TCO_YEARS = {"perpetual": 5}
DEFAULT_TCO_YEARS_SUBSCRIPTION = 3


@dataclass(frozen=True)
class YearFee:
    year: int
    recurring: Decimal
    one_time: Decimal
    total: Decimal


@dataclass(frozen=True)
class MilestonePayment:
    name: str | None
    due_date: date | None
    payment_pct: Decimal | None
    amount: Decimal | None
    name_en: str | None = None  # the milestone's English name (bilingual contracts)


@dataclass(frozen=True)
class VatSplit:
    net: Decimal
    tax: Decimal
    gross: Decimal


def escalation_rate(escalation_type: str | None, escalation_cap_pct: object) -> Decimal:
    """The yearly increase as a fraction; cpi_capped is costed at its cap, the worst case."""
    if escalation_type not in ESCALATING_TYPES:
        return ZERO
    return dec_or_zero(escalation_cap_pct) / 100


def escalations_up_to(year: int, price_lock_months: int | None) -> int:
    """How many yearly increases have applied by contract year `year` (1-based).

    Year k starts at month 12(k − 1); an increase applies at the start of each year k ≥ 2 that
    starts once the price lock has run out.
    """
    lock = price_lock_months or 0
    return sum(1 for k in range(2, year + 1) if 12 * (k - 1) >= lock)


def recurring_for_year(base: Decimal, year: int, *, rate: Decimal, price_lock_months: int | None) -> Decimal:
    """base × (1 + p)^(number of increases so far), rounded to the cent."""
    return round_money(base * (1 + rate) ** escalations_up_to(year, price_lock_months))


def model_recurring_fee(
    pricing_model: str | None,
    *,
    seat_count: int | None,
    unit_price_per_seat_year: object,
    module_lines: Iterable[tuple[object, object]],
    estimated_usage_fee_year: object,
    licence_fee: object,
    maintenance_pct: object,
    hosting_fee_year: object,
) -> Decimal:
    """The yearly fee of the chosen pricing model before usage add-ons and escalation."""
    if pricing_model == "per_seat":
        return round_money((seat_count or 0) * dec_or_zero(unit_price_per_seat_year))
    if pricing_model == "per_module":
        return round_money(sum(((quantity or 0) * dec_or_zero(price) for quantity, price in module_lines), ZERO))
    if pricing_model == "usage_based":
        return round_money(dec_or_zero(estimated_usage_fee_year))
    if pricing_model == "perpetual":
        maintenance = dec_or_zero(licence_fee) * dec_or_zero(maintenance_pct) / 100
        return round_money(maintenance + dec_or_zero(hosting_fee_year))
    return ZERO


FEES_START_EVENTS = ("acceptance", "go_live")


def fees_start_event(*, has_implementation: bool | None, recurring_fees_from: str | None) -> str:
    """What starts the recurring fees and the first service year: the term's start when the vendor
    implements nothing; else final acceptance (the default, for drafts from before the answer too) or go-live."""
    if not has_implementation:
        return "start"
    return "go_live" if recurring_fees_from == "go_live" else "acceptance"


def fees_start_date(
    event: str, *, start_date: date | None, go_live_date: date | None, acceptance_end: date | None
) -> date | None:
    """The day the recurring fees are planned to start: the planned go-live, or the end of the acceptance
    period after it; never before the term starts, and the term's start when the plan has no date (the
    worst case for the buyer's budget)."""
    planned = {"go_live": go_live_date, "acceptance": acceptance_end}.get(event) or start_date
    if planned is not None and start_date is not None and planned < start_date:
        return start_date
    return planned


def fee_months(first_day: date | None, last_day: date | None, *, initial_term_months: int | None) -> Decimal:
    """Months of recurring fees from `first_day` to `last_day` inclusive: whole calendar months, and a
    remainder pro rata by the days of the month it falls in. Without both dates, the initial term's months."""
    if first_day is None or last_day is None:
        return Decimal(initial_term_months or 0)
    if last_day < first_day:
        return ZERO
    whole = 0
    while add_months(first_day, whole + 1) - timedelta(days=1) <= last_day:
        whole += 1
    month_start = add_months(first_day, whole)
    month_days = (add_months(first_day, whole + 1) - month_start).days
    return whole + Decimal((last_day - month_start).days + 1) / month_days


def contract_years(months: Decimal | int | None) -> int:
    """Service years in `months` of fees, a last partial year counting as one."""
    return math.ceil(Decimal(months or 0) / 12)


def year_months(year: int, months: Decimal | int | None) -> Decimal:
    """The months of fees in service year `year` (1-based) of `months` of fees (pricing.fee_months): 12, or
    what is left of them in the last, partial year."""
    return min(Decimal(12), Decimal(months or 0) - 12 * (year - 1))


def yearly_fees(
    base: Decimal,
    *,
    one_time_total: Decimal,
    months: Decimal,
    rate: Decimal,
    price_lock_months: int | None,
) -> tuple[YearFee, ...]:
    """One row per service year of the initial term (`months` of recurring fees, pricing.fee_months); a
    last partial year is pro-rated by its months."""
    rows = []
    for year in range(1, contract_years(months) + 1):
        months_in_year = year_months(year, months)
        full_year = recurring_for_year(base, year, rate=rate, price_lock_months=price_lock_months)
        recurring = full_year if months_in_year == 12 else round_money(full_year * months_in_year / 12)
        one_time = one_time_total if year == 1 else ZERO
        rows.append(YearFee(year=year, recurring=recurring, one_time=one_time, total=recurring + one_time))
    return tuple(rows)


def warranty_waiver(
    licence_fee: object, maintenance_pct: object, *, warranty_months: int | None, months: Decimal
) -> Decimal:
    """The maintenance fee not charged in the first service year: its first warranty months are free."""
    months = min(Decimal(warranty_months or 0), Decimal(12), months)
    maintenance = dec_or_zero(licence_fee) * dec_or_zero(maintenance_pct) / 100
    return round_money(maintenance * months / 12)


def less_in_first_year(rows: tuple[YearFee, ...], amount: Decimal) -> tuple[YearFee, ...]:
    """The rows with `amount` taken off the first year's recurring fees."""
    if not rows or not amount:
        return rows
    first = rows[0]
    recurring = first.recurring - amount
    return (YearFee(first.year, recurring, first.one_time, recurring + first.one_time), *rows[1:])


def tco_by_year(
    base: Decimal,
    *,
    one_time_total: Decimal,
    years: int,
    rate: Decimal,
    price_lock_months: int | None,
) -> tuple[YearFee, ...]:
    """The years the TCO adds up: full years 1..years at the highest permitted increase, renewals
    included, with the one-time fees in year 1."""
    rows = []
    for year in range(1, years + 1):
        recurring = recurring_for_year(base, year, rate=rate, price_lock_months=price_lock_months)
        one_time = one_time_total if year == 1 else ZERO
        rows.append(YearFee(year=year, recurring=recurring, one_time=one_time, total=recurring + one_time))
    return tuple(rows)


def tco(
    base: Decimal,
    *,
    one_time_total: Decimal,
    years: int,
    rate: Decimal,
    price_lock_months: int | None,
) -> Decimal:
    """One-time fees + Σ recurring(y) for y = 1..years (full years, escalated)."""
    rows = tco_by_year(base, one_time_total=one_time_total, years=years, rate=rate, price_lock_months=price_lock_months)
    return round_money(sum((row.total for row in rows), ZERO))


def vat_split(value: Decimal, *, vat_rate_pct: object, tax_inclusive: bool) -> VatSplit:
    """Net, VAT and gross of `value`, which includes the tax when `tax_inclusive`."""
    rate = dec_or_zero(vat_rate_pct) / 100
    if tax_inclusive:
        gross = round_money(value)
        net = round_money(gross / (1 + rate))
        return VatSplit(net=net, tax=gross - net, gross=gross)
    net = round_money(value)
    tax = round_money(net * rate)
    return VatSplit(net=net, tax=tax, gross=net + tax)


def milestone_payments(milestones: Iterable, one_time_total: Decimal) -> tuple[MilestonePayment, ...]:
    """Each milestone's share of the one-time fees; when the shares make 100 % the last milestone
    takes the rounding remainder, so the amounts add up to the total exactly."""
    rows = list(milestones)
    pcts = [to_decimal(row.payment_pct) for row in rows]
    amounts = [None if pct is None else round_money(one_time_total * pct / 100) for pct in pcts]
    if rows and None not in pcts and sum(pcts, ZERO) == 100:
        amounts[-1] = one_time_total - sum(amounts[:-1], ZERO)
    return tuple(
        MilestonePayment(
            name=row.name, due_date=row.due_date, payment_pct=pct, amount=amount, name_en=getattr(row, "name_en", None)
        )
        for row, pct, amount in zip(rows, pcts, amounts, strict=True)
    )


FOREIGN_VAT_PCT = Decimal("6")  # VAT on services and intangibles bought from abroad, withheld by the buyer
STATUTORY_WITHHOLDING_EIT_PCT = Decimal("10")  # EIT Law art. 27(5), Implementing Regulations art. 91


@dataclass(frozen=True)
class Withholding:
    """What the buyer withholds from a foreign vendor on an amount of fees, and who ends up with what."""

    vat: Decimal
    eit: Decimal
    vendor_receives: Decimal
    buyer_pays: Decimal


def withholding_factor(*, eit_pct: object, gross_up: bool) -> Decimal:
    """The buyer's outlay per unit of agreed fees: 1 without gross-up; with it, the fee F is what the
    vendor must receive after VAT (withheld on price ÷ (1 + rate) × rate) and EIT (on the price net of
    VAT), so the buyer pays G = F × (1 + v) / (1 − e)."""
    if not gross_up:
        return Decimal(1)
    v, e = FOREIGN_VAT_PCT / 100, dec_or_zero(eit_pct) / 100
    return (1 + v) / (1 - e)


def withholding(fees: Decimal, *, eit_pct: object, gross_up: bool) -> Withholding:
    """VAT and EIT the buyer withholds on `fees`. Without gross-up the fees include every tax of the
    vendor's (it receives the rest); with gross-up the vendor receives the fees in full and the buyer
    bears the taxes, computed on the grossed-up price. EIT is counted on all fees, the worst case."""
    v, e = FOREIGN_VAT_PCT / 100, dec_or_zero(eit_pct) / 100
    price = round_money(fees * withholding_factor(eit_pct=eit_pct, gross_up=gross_up))
    net_of_vat = round_money(price / (1 + v))
    vat = price - net_of_vat
    eit = round_money(net_of_vat * e)
    return Withholding(vat=vat, eit=eit, vendor_receives=price - vat - eit, buyer_pays=price)
