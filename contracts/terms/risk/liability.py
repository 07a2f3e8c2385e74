"""Liability (违约责任): the general cap and liquidated damages."""

from __future__ import annotations

from decimal import Decimal

from ..model import Terms
from ..money import ZERO, pct_of
from ..text import Text, money_text, pct_text
from .review import (
    Issue,
    rule,
)

MIN_LIABILITY_CAP_MONTHS = 12
MAX_LD_CAP_PCT = Decimal("30")


@rule("liability.cap_low", clauses=("liability.cap",), group="liability", step="legal", field="liability_cap_months")
def _cap_low(t: Terms) -> Issue | None:
    months = t.legal.liability_cap_months
    if months is None or months >= MIN_LIABILITY_CAP_MONTHS:
        return None
    amount = money_text(t.pricing.liability_cap_amount, t.pricing.currency)
    return Issue(
        "high",
        Text(
            f"乙方的责任上限仅为{months}个月的费用（{amount.zh}）。",
            f"The vendor's liability is capped at {months} months of fees ({amount.en}).",
        ),
        Text(
            "数据丢失或长时间停机造成的损失远超几个月的服务费；上限过低等于由甲方承担大部分风险。",
            "Lost data or a long outage costs far more than a few months of fees; a low cap "
            "leaves most of the risk with the buyer.",
        ),
        Text(
            f"将一般责任上限提高到不少于{MIN_LIABILITY_CAP_MONTHS}个月的费用，数据安全事件另设更高上限。",
            f"Raise the general cap to at least {MIN_LIABILITY_CAP_MONTHS} months of fees, with a "
            "higher cap for data breaches.",
        ),
    )


@rule("liability.ld_excessive", clauses=("liability.delay",), group="liability", step="legal", field="ld_total_cap_pct")
def _ld_excessive(t: Terms) -> Issue | None:
    legal = t.legal
    cap, per_day = legal.ld_total_cap_pct, legal.delay_ld_pct_per_day
    value = t.pricing.total_contract_value or ZERO
    currency = t.pricing.currency
    if cap is None and per_day:
        problem = Text(
            f"逾期违约金按每日合同总价的{pct_text(per_day)}计算，但没有总额上限。",
            f"Delay damages run at {pct_text(per_day)} of the contract value a day with no total cap.",
        )
    elif cap is not None and cap > MAX_LD_CAP_PCT:
        amount = money_text(pct_of(value, cap), currency)
        problem = Text(
            f"逾期违约金上限为合同总价的{pct_text(cap)}（{amount.zh}），超过{pct_text(MAX_LD_CAP_PCT)}。",
            f"Delay damages are capped at {pct_text(cap)} of the contract value ({amount.en}), "
            f"over {pct_text(MAX_LD_CAP_PCT)}.",
        )
    else:
        return None
    return Issue(
        "medium",
        problem,
        Text(
            "《民法典》第五百八十五条：约定的违约金过分高于造成的损失的，法院或仲裁机构可根据乙方请求予以减少；"
            "超过损失30%的一般认定为过分高于。实施延误给甲方造成的损失通常只是合同价款的一部分，"
            "超出部分甲方难以实际获得。",
            "Civil Code Art. 585: damages excessively higher than the loss may be reduced on the "
            "vendor's request, and more than 30 % above the loss is generally excessive. A delay "
            "usually costs the buyer a fraction of the contract value, so the excess is unlikely "
            "to be paid.",
        ),
        Text(
            f"将违约金总额上限设在合同总价的{pct_text(MAX_LD_CAP_PCT)}以内，"
            "并保留达到上限后解除合同和全额退款的权利；实际损失更大的，另行举证主张赔偿。",
            f"Keep the total within {pct_text(MAX_LD_CAP_PCT)} of the contract value, with the "
            "right to terminate with a full refund when it is reached; claim a larger proven loss "
            "as damages.",
        ),
    )
