"""Service levels (服务水平): target, credits, chronic failure, claim window."""

from __future__ import annotations

from decimal import Decimal

from ..model import Terms
from ..text import Text, minutes_text, money_text, pct_text
from .review import (
    Issue,
    rule,
)

MIN_AVAILABILITY_PCT = Decimal("99.5")
MIN_CLAIM_DAYS = 15
MIN_CREDIT_CAP_PCT = Decimal("10")


@rule("sla.target_low", clauses=("sla.availability",), group="sla", step="sla", field="availability_target_pct")
def _target_low(t: Terms) -> Issue | None:
    target = t.sla.availability_target_pct
    if target is None or target >= MIN_AVAILABILITY_PCT:
        return None
    allowed = minutes_text(t.sla.allowed_downtime_minutes_30)
    return Issue(
        "medium",
        Text(
            f"可用率目标为{pct_text(target)}，低于{pct_text(MIN_AVAILABILITY_PCT)}。",
            f"The availability target is {pct_text(target)}, under {pct_text(MIN_AVAILABILITY_PCT)}.",
        ),
        Text(
            f"{pct_text(target)}意味着30天的月份中可停机{allowed.zh}而不构成违约，销售团队在此期间无法使用CRM。",
            f"{pct_text(target)} lets the service be down {allowed.en} in a 30-day month without "
            "a breach, while the sales team cannot work.",
        ),
        Text(
            "将可用率目标提高到99.9%（主流CRM服务的常见承诺）。",
            "Raise the target to 99.9 %, the usual commitment of major CRM services.",
        ),
    )


@rule(
    "sla.no_credit_table",
    clauses=(
        "sla.credits",
        "annex_sla.credits",
    ),
    group="sla",
    step="sla",
    field="credit_table",
)
def _no_credit_table(t: Terms) -> Issue | None:
    if t.sla.credit_table:
        return None
    return Issue(
        "high",
        Text("没有服务补偿表。", "There is no service credit table."),
        Text(
            "可用率未达标而没有约定补偿，服务水平承诺就只是一句口号。",
            "A missed availability target without credits makes the service level a slogan.",
        ),
        Text(
            "按阶梯约定补偿比例（如低于99.9%补偿当月费用25%，低于99%补偿50%，低于95%补偿100%）。",
            "Add a tiered credit table (e.g. below 99.9 % 25 % of the month's fee, below 99 % 50 %, below 95 % 100 %).",
        ),
    )


@rule(
    "sla.credits_exclusive",
    clauses=(
        "sla.remedies",
        "sla.credits",
    ),
    group="sla",
    step="sla",
    field="credits_exclusive_remedy",
)
def _credits_exclusive(t: Terms) -> Issue | None:
    if t.sla.credits_exclusive_remedy is not True:
        return None
    return Issue(
        "high",
        Text(
            "服务补偿被约定为可用率未达标的唯一救济。",
            "Service credits are the exclusive remedy for missed availability.",
        ),
        Text(
            "补偿通常只是月费的一部分；约定为唯一救济后，严重的服务中断也只能获得补偿，甲方无法就此主张"
            "损失赔偿，只有达到持续未达标标准才能解除合同（乙方故意、重大过失及数据安全事件除外）。",
            "Credits are a fraction of a month's fee; as the exclusive remedy they are all the "
            "buyer gets even for a severe outage: no damages, and no termination short of the "
            "chronic-failure threshold (wilful misconduct, gross negligence and data security "
            "incidents aside).",
        ),
        Text(
            "约定补偿不影响甲方的其他权利和救济。",
            "State that credits are without prejudice to the buyer's other rights and remedies.",
        ),
    )


@rule(
    "sla.no_chronic_exit",
    clauses=(
        "sla.chronic_failure",
        "sla.remedies",
    ),
    group="sla",
    step="sla",
    field="chronic_failure_consecutive_months",
)
def _no_chronic_exit(t: Terms) -> Issue | None:
    if t.sla.chronic_failure_consecutive_months or t.sla.chronic_failure_months_in_12:
        return None
    return Issue(
        "medium",
        Text(
            "没有“持续不达标”时的解约权。",
            "There is no right to terminate for chronic failure.",
        ),
        Text(
            "服务反复不达标时，补偿无法弥补业务损失；没有解约权，甲方只能继续付费直到期满。",
            "When the service keeps failing, credits do not cover the harm; without an exit the "
            "buyer pays on until the term ends.",
        ),
        Text(
            "约定连续2个月或任意12个月内3个月未达标时，甲方可解除合同并获退预付费用。",
            "Allow termination with a refund after 2 consecutive months, or 3 in any 12, below target.",
        ),
    )


@rule("sla.claim_window_short", clauses=("sla.claims",), group="sla", step="sla", field="credit_claim_days")
def _claim_window_short(t: Terms) -> Issue | None:
    days = t.sla.credit_claim_days
    if days is None or days >= MIN_CLAIM_DAYS:
        return None
    return Issue(
        "low",
        Text(
            f"对月度报告提出补偿申请的期限仅{days}日，短于{MIN_CLAIM_DAYS}日。",
            f"A wrong monthly report must be disputed within {days} days, under {MIN_CLAIM_DAYS}.",
        ),
        Text(
            "报告有误或遗漏补偿时，甲方须在收到报告后的期限内自行核对监控数据并提出申请；期限过短，"
            "核对尚未完成即丧失补偿。",
            "When a report is wrong or misses a credit, the buyer must check its own monitoring "
            "data and claim within the window; a short window loses credits before the check is "
            "done.",
        ),
        Text(
            "将申请期限延长至30日（仍自收到月度服务水平报告之日起算）。",
            "Extend the window to 30 days (still counted from receipt of the monthly report).",
        ),
    )


@rule(
    "sla.credit_cap_low",
    clauses=(
        "sla.credits",
        "sla.claims",
    ),
    group="sla",
    step="sla",
    field="credit_cap_pct",
)
def _credit_cap_low(t: Terms) -> Issue | None:
    cap = t.sla.credit_cap_pct
    if cap is None or cap >= MIN_CREDIT_CAP_PCT:
        return None
    amount = money_text(t.sla.credit_cap_amount, t.pricing.currency)
    return Issue(
        "medium",
        Text(
            f"补偿上限仅为月费的{pct_text(cap)}（{amount.zh}）。",
            f"Credits are capped at {pct_text(cap)} of the monthly fee ({amount.en}).",
        ),
        Text(
            "上限过低时，无论停机多久甲方最多只能获得很少的补偿，乙方缺乏改进的动力（供应商格式条款常见8%上限）。",
            "With a low cap the buyer gets little however long the outage, and the vendor has "
            "no incentive to improve (vendor forms often cap at 8 %).",
        ),
        Text(
            "将补偿上限提高到当月费用的100%。",
            "Raise the cap to 100 % of the month's fee.",
        ),
    )
