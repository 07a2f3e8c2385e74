"""Price (价格): renewal escalation, and one-time and recurring fees due before acceptance."""

from __future__ import annotations

from decimal import Decimal

from ..model import Terms
from ..money import ZERO, dec_or_zero
from ..pricing import ESCALATING_TYPES
from ..text import Text, money_text, pct_text
from .review import (
    Issue,
    rule,
)

MAX_ESCALATION_PCT = Decimal("5")


@rule(
    "price.renewal_uncapped",
    clauses=(
        "pricing.adjustment",
        "term.renewal",
    ),
    group="price",
    step="pricing",
    field="escalation_cap_pct",
)
def _renewal_uncapped(t: Terms) -> Issue | None:
    p = t.pricing
    if t.term.auto_renew is not True:
        return None
    uncapped = p.escalation_type is None or (p.escalation_type in ESCALATING_TYPES and p.escalation_cap_pct is None)
    if not uncapped:
        return None
    return Issue(
        "high",
        Text(
            "合同自动续约，但没有约定调价上限。",
            "The contract renews automatically with no cap on price increases.",
        ),
        Text(
            "续约时乙方可以任意提价，而甲方的客户数据已在系统中，迁出成本高，议价能力很弱。",
            "At renewal the vendor can raise prices at will, while the buyer's data is locked in "
            "and leaving is costly.",
        ),
        Text(
            "约定每次调价不超过上一年度价格的3%–5%（或CPI且不超过上限），不累积计算。",
            "Cap each increase at 3–5 % of the previous year's price (or CPI with a ceiling), non-cumulative.",
        ),
        field="escalation_type" if p.escalation_type is None else "escalation_cap_pct",
    )


@rule("price.cap_above_5", clauses=("pricing.adjustment",), group="price", step="pricing", field="escalation_cap_pct")
def _cap_above_5(t: Terms) -> Issue | None:
    p = t.pricing
    cap = p.escalation_cap_pct
    if p.escalation_type not in ESCALATING_TYPES or cap is None or cap <= MAX_ESCALATION_PCT:
        return None
    return Issue(
        "medium",
        Text(
            f"调价幅度为每年{pct_text(cap)}，高于{pct_text(MAX_ESCALATION_PCT)}。",
            f"Prices may rise {pct_text(cap)} a year, over {pct_text(MAX_ESCALATION_PCT)}.",
        ),
        Text(
            f"每年{pct_text(cap)}的涨幅在三至五年内会显著推高总成本，超过常见的3%–5%或CPI水平。",
            f"{pct_text(cap)} a year compounds into a much higher cost over three to five years, "
            "above the usual 3–5 % or CPI.",
        ),
        Text(
            f"将调价上限降至{pct_text(MAX_ESCALATION_PCT)}以内，或按CPI调整并设上限。",
            f"Lower the cap to {pct_text(MAX_ESCALATION_PCT)} or less, or tie it to CPI with a ceiling.",
        ),
    )


@rule(
    "price.fees_before_acceptance",
    clauses=(
        "implementation.milestones",
        "pricing.payment",
    ),
    group="price",
    step="implementation",
    field="milestones",
)
def _fees_before_acceptance(t: Terms) -> Issue | None:
    milestones = t.implementation.milestones or ()
    if t.pricing.payment_schedule != "milestones" or not milestones or not t.pricing.one_time_total:
        return None
    go_live = t.implementation.go_live_date
    if go_live is not None:
        before = [m for m in milestones if m.due_date is not None and m.due_date < go_live]
    else:
        before = list(milestones[:-1])
    share = sum((dec_or_zero(m.payment_pct) for m in before), ZERO)
    if share < 100:
        return None
    return Issue(
        "medium",
        Text(
            f"一次性费用{money_text(t.pricing.one_time_total, t.pricing.currency).zh}在上线验收前的里程碑中已全部支付。",
            f"All one-time fees ({money_text(t.pricing.one_time_total, t.pricing.currency).en}) "
            "are paid at milestones before go-live acceptance.",
        ),
        Text(
            "最终验收前付清全部实施费用，甲方就失去了促使乙方完成上线和整改的最有效手段。",
            "Paying everything before final acceptance gives away the buyer's strongest lever to "
            "get the go-live finished and defects fixed.",
        ),
        Text(
            "将至少20%–30%的一次性费用安排在上线验收合格后支付。",
            "Hold back at least 20–30 % of the one-time fees until go-live acceptance.",
        ),
    )


@rule(
    "price.recurring_fees_before_acceptance",
    clauses=(
        "pricing.payment",
        "definitions.terms",
    ),
    group="price",
    step="implementation",
    field="recurring_fees_from",
)
def _recurring_fees_before_acceptance(t: Terms) -> Issue | None:
    """Recurring fees and the first service year follow pricing.fees_start: only a go-live start lets them
    fall due while the buyer is still testing (the term's start applies only without an implementation)."""
    if t.pricing.fees_start != "go_live":
        return None
    return Issue(
        "medium",
        Text(
            "经常性费用自上线之日起计算，验收合格之前即已到期应付。",
            "Recurring fees run from go-live and fall due before the service is accepted.",
        ),
        Text(
            "验收期间本服务尚未证明符合约定；验收不合格、反复整改乃至解除合同时，甲方已为未被接受的服务付费，"
            "还须另行追讨。",
            "During acceptance the service has not yet been shown to conform; if it fails, is fixed again and "
            "again or the contract ends, the buyer has paid for a service it never accepted and must claim it back.",
        ),
        Text(
            "在“实施与验收”一步将经常性费用的起算改为全部验收合格之日。",
            "In the implementation step, let recurring fees start at final acceptance.",
        ),
        reason=Text(
            "验收前付费削弱了甲方促使乙方通过验收的手段，但费用仍可依约退还。",
            "Paying before acceptance weakens the buyer's lever to get the service accepted, though the fees "
            "remain refundable under the contract.",
        ),
    )
