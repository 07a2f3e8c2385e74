"""Comparing 2–4 vendors' offers for the same need (the brief's "value for money across vendors").

Rows are criteria, columns are offers. A cell is a number (Decimal or int), a Text, or None when the
offer does not say. Each row names the offers with the best value where a comparison means
something: money only when all offers use the same currency, the total contract value only when
the initial terms are equally long, the TCO always over one horizon for all offers.

Requirement coverage uses the keyword heuristic of coverage.py against ONE requirement list: the
one given, or else the first offer's that has one (the buyer's list should be the same in all).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from . import pricing
from .coverage import module_label, requirement_coverage
from .model import Requirement, Terms
from .money import ZERO
from .risk import risk_review
from .text import Text, join_texts, pct_text, same
from .vendors import Stability, terms_vendor_stability

MIN_OFFERS, MAX_OFFERS = 2, 4


def offer_labels(titles_and_ids: Sequence[tuple[str, int]]) -> list[str]:
    """Column headings: the draft titles, numbered where two drafts share one ("Sample (#3)")."""
    titles = [title for title, _id in titles_and_ids]
    return [f"{title} (#{pk})" if titles.count(title) > 1 else title for title, pk in titles_and_ids]


Cell = Text | Decimal | int | None

MODEL_LABELS: dict[str, Text] = {
    "per_seat": Text("按用户", "Per user"),  # as the contract and the wizard name it
    "per_module": Text("按模块", "Per module"),
    "usage_based": Text("按用量", "Usage-based"),
    "perpetual": Text("永久许可", "Perpetual licence"),
}
REMEDY_LABELS: dict[str, Text] = {
    "fee_credit": Text("服务费抵扣", "Fee credit"),
    "term_extension": Text("延长服务期", "Term extension"),
    "refund": Text("退款", "Refund"),
}
NOT_STATED = Text("未约定", "Not stated")


@dataclass(frozen=True)
class Offer:
    """One vendor's offer: a label for the column, its Terms and, optionally, an assessment."""

    label: str
    terms: Terms
    stability: Stability | None = None  # None: assessed from the terms' parties step


@dataclass(frozen=True)
class Row:
    key: str
    label: Text
    cells: tuple[Cell, ...]
    best: tuple[int, ...] = ()  # column indices holding the best value (ties all count)


@dataclass(frozen=True)
class Comparison:
    labels: tuple[str, ...]
    horizon_years: int
    requirement_count: int
    rows: tuple[Row, ...]

    def row(self, key: str) -> Row:
        return next(row for row in self.rows if row.key == key)

    def as_csv_rows(self, lang: str) -> list[list[str]]:
        """The rows for the CSV export, every cell safe to open in a spreadsheet."""
        return [[spreadsheet_cell(cell) for cell in row] for row in self.as_rows(lang)]

    def as_rows(self, lang: str, *, grouped: bool = False) -> list[list[str]]:
        """A header and one line per criterion, as strings; the last column names the best offer(s).
        Numbers are plain figures for CSV (money with two decimals), with thousands separators for
        people (`grouped`)."""
        header = [
            Text("评估项", "Criterion").in_language(lang),
            *self.labels,
            Text("最优", "Best").in_language(lang),
        ]
        lines = [header]
        for row in self.rows:
            cells = [_cell_text(cell, lang, grouped=grouped) for cell in row.cells]
            best = ", ".join(self.labels[index] for index in row.best)
            lines.append([row.label.in_language(lang), *cells, best])
        return lines


# A spreadsheet runs a cell starting with one of these as a formula (=HYPERLINK(…) in a draft title).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?%?")


def spreadsheet_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading quote before anything that could start a formula
    (a plain negative figure stays a figure)."""
    if text.lstrip(" ").startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def compare_offers(
    offers: Iterable[Offer | tuple],
    *,
    horizon_years: int | None = None,
    requirements: Sequence[Requirement] | None = None,
) -> Comparison:
    """Compare 2–4 offers, each an Offer or a (label, terms, stability) tuple."""
    items = [item if isinstance(item, Offer) else Offer(*item) for item in offers]
    if not MIN_OFFERS <= len(items) <= MAX_OFFERS:
        raise ValueError(f"compare {MIN_OFFERS} to {MAX_OFFERS} offers, not {len(items)}")
    terms = [offer.terms for offer in items]
    horizon = horizon_years or max(tco_horizon(t) for t in terms)
    buyer_list = _buyer_requirements(terms, requirements)
    stabilities = [offer.stability or terms_vendor_stability(offer.terms) for offer in items]
    counts = [risk_review(t).counts for t in terms]
    same_currency = len({t.pricing.currency for t in terms}) == 1
    same_term = len({t.term.initial_term_months for t in terms}) == 1
    coverage = [requirement_coverage(t.scope, buyer_list) for t in terms]

    rows = [
        Row(
            "vendor",
            Text("供应商", "Vendor"),
            tuple(same(t.parties.vendor_name or "") for t in terms),
        ),
        Row("modules", Text("功能模块", "Modules"), tuple(_modules(t) for t in terms)),
        _ranked(
            "requirements_covered",
            Text(f"覆盖需求数（共{len(buyer_list)}条）", f"Requirements covered (of {len(buyer_list)})"),
            [sum(1 for c in rows_ if c.covered) if buyer_list else None for rows_ in coverage],
            higher=True,
        ),
        Row(
            "must_uncovered",
            Text("未覆盖的必须需求", "Must-haves not covered"),
            tuple(_uncovered_musts(rows_) if buyer_list else None for rows_ in coverage),
        ),
        _ranked(
            "availability_target_pct",
            Text("可用率目标（%）", "Availability target (%)"),
            [t.sla.availability_target_pct for t in terms],
            higher=True,
        ),
        _ranked(
            "allowed_downtime_minutes_30",
            Text("每月允许停机（分钟，按30天的月份计）", "Allowed downtime per 30-day month (minutes)"),
            [t.sla.allowed_downtime_minutes_30 for t in terms],
            higher=False,
        ),
        Row(
            "sla_remedies",
            Text("未达标救济", "Remedies for missed service levels"),
            tuple(_remedies(t) for t in terms),
        ),
        Row(
            "pricing_model",
            Text("计价方式", "Pricing model"),
            tuple(MODEL_LABELS.get(t.pricing.pricing_model or "", NOT_STATED) for t in terms),
        ),
        Row(
            "currency",
            Text("币种", "Currency"),
            tuple(same(t.pricing.currency or "") for t in terms),
        ),
        _ranked(
            "annual_recurring_fee",
            Text("首年经常性费用", "Year-1 recurring fees"),
            [t.pricing.annual_recurring_fee for t in terms],
            higher=False,
            comparable=same_currency,
        ),
        _ranked(
            "one_time_total",
            Text("一次性费用", "One-time fees"),
            [t.pricing.one_time_total for t in terms],
            higher=False,
            comparable=same_currency,
        ),
        _ranked(
            "total_contract_value",
            Text("初始期限合同总价", "Total contract value (initial term)"),
            [t.pricing.total_contract_value for t in terms],
            higher=False,
            comparable=same_currency and same_term,
        ),
        _ranked(
            "tco",
            Text(f"{horizon}年总拥有成本", f"TCO over {horizon} years"),
            [tco_over(t, horizon) for t in terms],
            higher=False,
            comparable=same_currency,
        ),
        _ranked(
            "vendor_stability",
            Text("供应商稳定性", "Vendor stability"),
            [s.rank if s.level != "unknown" else None for s in stabilities],
            higher=True,
            shown=[s.label for s in stabilities],
        ),
        *(
            _ranked(f"risks_{severity}", label, [c[severity] for c in counts], higher=False)
            for severity, label in (
                ("high", Text("高风险项", "High risks")),
                ("medium", Text("中风险项", "Medium risks")),
                ("low", Text("低风险项", "Low risks")),
            )
        ),
    ]
    return Comparison(
        labels=tuple(offer.label for offer in items),
        horizon_years=horizon,
        requirement_count=len(buyer_list),
        rows=tuple(rows),
    )


def tco_over(terms: Terms, years: int) -> Decimal:
    """The offer's TCO over `years`, with the same pricing functions build_terms uses."""
    p = terms.pricing
    return pricing.tco(
        (p.annual_recurring_fee or ZERO) + (p.usage_addons_year or ZERO),
        one_time_total=p.one_time_total or ZERO,
        years=years,
        rate=pricing.escalation_rate(p.escalation_type, p.escalation_cap_pct),
        price_lock_months=p.price_lock_months,
    )


def tco_horizon(terms: Terms) -> int:
    """The offer's own TCO years: pricing.tco_years, or the answers.md default for its model."""
    p = terms.pricing
    if p.tco_years is not None:
        return p.tco_years
    return pricing.DEFAULT_TCO_YEARS.get(p.pricing_model, pricing.DEFAULT_TCO_YEARS_SUBSCRIPTION)


def _buyer_requirements(terms: list[Terms], requirements: Sequence[Requirement] | None) -> tuple[Requirement, ...]:
    if requirements is not None:
        return tuple(requirements)
    return next((t.scope.requirements for t in terms if t.scope.requirements), ())


def _ranked(
    key: str,
    label: Text,
    values: list[Any],
    *,
    higher: bool,
    comparable: bool = True,
    shown: list[Cell] | None = None,
) -> Row:
    """A row whose best cells are the highest (or lowest) known values."""
    known = [value for value in values if value is not None]
    best: tuple[int, ...] = ()
    if comparable and len(known) >= 2 and len(set(known)) > 1:
        target = max(known) if higher else min(known)
        best = tuple(index for index, value in enumerate(values) if value == target)
    return Row(key, label, tuple(shown if shown is not None else values), best)


def _modules(terms: Terms) -> Text:
    names = [module_label(m) for m in terms.scope.modules or ()]
    names += [same(o.name) for o in terms.scope.other_modules or () if o.name]
    if not names:
        return NOT_STATED
    return join_texts(names, zh_sep="、", en_sep=", ")


def _uncovered_musts(coverage: Iterable) -> Text:
    ids = [c.requirement.id or "?" for c in coverage if c.must and not c.covered]
    return same(", ".join(ids)) if ids else Text("无", "None")


def _remedies(terms: Terms) -> Text:
    s = terms.sla
    parts = [REMEDY_LABELS.get(s.remedy_form or "", NOT_STATED)]
    if s.credit_cap_pct is not None:
        parts.append(
            Text(
                f"上限为月费的{pct_text(s.credit_cap_pct)}",
                f"capped at {pct_text(s.credit_cap_pct)} of the monthly fee",
            )
        )
    parts.append(
        Text("为唯一救济", "exclusive remedy")
        if s.credits_exclusive_remedy
        else Text("不排除其他救济", "not exclusive")
    )
    if s.chronic_failure_consecutive_months or s.chronic_failure_months_in_12:
        parts.append(
            Text(
                f"连续{s.chronic_failure_consecutive_months or '—'}个月或12个月内"
                f"{s.chronic_failure_months_in_12 or '—'}个月未达标可解约",
                f"exit after {s.chronic_failure_consecutive_months or '—'} consecutive months or "
                f"{s.chronic_failure_months_in_12 or '—'} in 12",
            )
        )
    else:
        parts.append(Text("无持续不达标解约权", "no chronic-failure exit"))
    return join_texts(parts, zh_sep="；", en_sep="; ")


def _cell_text(cell: Cell, lang: str, *, grouped: bool = False) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Text):
        return cell.in_language(lang)
    if isinstance(cell, Decimal):
        return f"{cell:,f}" if grouped else f"{cell:f}"
    return str(cell)
