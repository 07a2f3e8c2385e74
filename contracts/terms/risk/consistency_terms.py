"""Consistency of the money and exit terms (税费、计费与托管): what a chosen arrangement needs to work.

A foreign vendor needs the withholding choices, usage pricing needs the price of a unit, and an escrow
needs its agent and a deposit fresh enough to carry on from.
"""

from __future__ import annotations

from ..model import Terms
from ..places import COUNTRIES
from ..text import Text
from .review import Issue, rule

MAX_DEPOSIT_AGE_HOURS = 24  # a continuity deposit refreshed less often than daily is stale


def _country(code: str) -> Text:
    zh, en = COUNTRIES.get(code, (code, code))
    return Text(zh, en)


@rule(
    "consistency.foreign_vendor_no_tax_choice",
    clauses=("pricing.tax_invoice",),
    group="consistency",
    step="pricing",
    field="gross_up",
)
def _foreign_vendor_no_tax_choice(t: Terms) -> Issue | None:
    p, country = t.parties, (t.parties.vendor_country or "").strip().upper()
    if p.vendor_is_foreign is not True and country and country != "CN":
        name = _country(country)
        return Issue(
            "high",
            Text(
                f"乙方所在国家为{name.zh}，却被答为境内企业：税费条款要求其开具增值税发票，没有代扣代缴的安排。",
                f"The vendor's country is {name.en}, yet it is answered as a Chinese company: the tax clause "
                "has it issue VAT invoices (fapiao) and says nothing of withholding.",
            ),
            Text(
                "境外企业不能开具增值税发票；甲方作为扣缴义务人须代扣6%增值税和特许权使用费的预提所得税，"
                "未扣缴的由甲方承担补缴和罚款责任，而合同对由谁负担这些税款没有约定。",
                "A foreign company cannot issue fapiao; the buyer must withhold 6 % VAT and the withholding "
                "income tax on royalties, answers for any tax it fails to withhold, and the contract says "
                "nothing of who bears those taxes.",
            ),
            Text(
                "在“合同主体”一步勾选乙方为境外企业，再在“价格与付款”一步选择是否由甲方承担代扣税款（税款上浮）。",
                "Mark the vendor as foreign in the parties step, then choose in the price step whether the "
                "buyer bears the withheld taxes (gross-up).",
            ),
            step="parties",
            field="vendor_is_foreign",
        )
    if p.vendor_is_foreign is not True:
        return None
    missing = [name for name in ("gross_up", "withholding_eit_pct") if getattr(t.pricing, name) is None]
    if not missing:
        return None
    no_rate = "withholding_eit_pct" in missing
    return Issue(
        "high" if no_rate else "medium",
        Text(
            "乙方为境外企业，但"
            + ("没有填写预提企业所得税税率，税费条款的扣缴税率处为空白" if no_rate else "没有选择代扣税款由谁负担")
            + "。",
            "The vendor is foreign, but "
            + (
                "no withholding income tax rate is given: the tax clause prints a blank rate"
                if no_rate
                else "nobody chose who bears the withheld taxes"
            )
            + ".",
        ),
        Text(
            "甲方须代扣代缴增值税和预提所得税；未约定由谁负担时，合同按“价款已含乙方全部税费”处理，"
            "乙方实收会少于其报价，双方常在首次付款时才发现分歧。",
            "The buyer must withhold VAT and income tax; without a choice the contract treats the fees "
            "as including all the vendor's taxes, so the vendor receives less than it quoted, and the "
            "dispute usually surfaces at the first payment.",
        ),
        Text(
            "与乙方确认报价是否含税，选择是否税款上浮，并填写预提所得税税率（10%或税收协定税率）。",
            "Confirm with the vendor whether its price includes the taxes, choose gross-up or not, and "
            "enter the withholding rate (10 % or the treaty rate).",
        ),
        field=missing[0],
    )


@rule(
    "consistency.usage_without_rate_card",
    clauses=("pricing.usage_based", "pricing.usage_addons", "annex_price.usage"),
    group="consistency",
    step="pricing",
    field="overage_rate",
)
def _usage_without_rate_card(t: Terms) -> Issue | None:
    p = t.pricing
    unpriced_model = p.pricing_model == "usage_based" and (p.overage_rate is None or p.included_units is None)
    addons = [a.name or "?" for a in p.usage_addons or ()]
    if not unpriced_model and not addons:
        return None
    if unpriced_model:
        gap = "overage_rate" if p.overage_rate is None else "included_units"
        return Issue(
            "high" if gap == "overage_rate" else "medium",
            Text(
                "按用量计费，但没有约定"
                + ("超出部分的单价" if gap == "overage_rate" else "每年包含的用量")
                + "，合同的计费条款在此处为空白。",
                "Usage is charged, but "
                + ("no price per unit above the included units" if gap == "overage_rate" else "no included usage")
                + " is agreed: the charging clause prints a blank.",
            ),
            Text(
                "没有单价和包含量，用量费用无从计算，乙方将按其自己的价目表收费（《民法典》第五百一十条、"
                "第五百一十一条只能以市场价格补缺）。",
                "Without a unit price and included units the usage fees cannot be computed, and the vendor "
                "will bill from its own price list (Civil Code Arts. 510 and 511 fill the gap only with a "
                "market price).",
            ),
            Text(
                "填写包含用量和超出部分的单价，作为合同的费率表。",
                "Enter the included units and the price per unit above them, as the contract's rate card.",
            ),
            field=gap,
        )
    return Issue(
        "medium",
        Text(
            f"附加用量费用（{'、'.join(addons)}）按实际用量付费，但合同只写了年度预估金额，没有计量单位和单价。",
            f"The usage add-ons ({', '.join(addons)}) are paid by actual use, but the contract gives only "
            "a yearly estimate, with no unit or unit price.",
        ),
        Text(
            "没有费率表，甲方无法核对月度账单；超出预估的部分虽须甲方确认，预估以内的用量仍按乙方自行定价。",
            "Without a rate card the buyer cannot check the monthly invoices; usage beyond the estimate "
            "needs the buyer's confirmation, but usage within it is priced as the vendor pleases.",
        ),
        Text(
            "要求乙方提供各项附加服务的计量单位和单价，作为附件《价格表》的一部分签署。",
            "Have the vendor state each add-on's unit and unit price, signed as part of the Annex "
            "\u201cPrice Schedule\u201d.",
        ),
        field="usage_addons",
    )


@rule(
    "consistency.escrow_without_agent",
    clauses=("annex_escrow.deposit", "exit.escrow"),
    group="consistency",
    step="legal",
    field="escrow_agent",
)
def _escrow_without_agent(t: Terms) -> Issue | None:
    if t.legal.escrow not in ("source_code", "saas_continuity") or (t.legal.escrow_agent or "").strip():
        return None
    return Issue(
        "medium",
        Text(
            "约定了托管，但没有指定托管机构，合同在托管机构处留有空白。",
            "An escrow is agreed without a named escrow agent: the contract leaves a blank for it.",
        ),
        Text(
            "托管要靠乙方与甲方及托管机构另签三方协议才能运作；机构未定，乙方可以拖延或提出甲方无法接受的机构，"
            "托管在最需要时并不存在。",
            "The escrow works only through a tripartite agreement with the agent; with no agent named the "
            "vendor can delay or propose one the buyer cannot accept, and the escrow is missing when it is "
            "needed.",
        ),
        Text(
            "签约前与乙方商定托管机构并填写其全称。",
            "Agree the escrow agent with the vendor before signing and enter its full name.",
        ),
    )


@rule(
    "consistency.escrow_deposit_stale",
    clauses=("annex_escrow.deposit", "exit.escrow"),
    group="consistency",
    step="legal",
    field="escrow_data_refresh_hours",
)
def _escrow_deposit_stale(t: Terms) -> Issue | None:
    hours = t.legal.escrow_data_refresh_hours
    if t.legal.escrow != "saas_continuity" or hours is None or hours <= MAX_DEPOSIT_AGE_HOURS:
        return None
    return Issue(
        "medium",
        Text(
            f"持续运行托管的数据副本每{hours}小时才更新一次，少于每日一次。",
            f"The continuity escrow's copy of the data is refreshed only every {hours} hours, less often than daily.",
        ),
        Text(
            f"托管释放时，甲方只能从最多{hours}小时前的数据继续运行，其间录入的客户、商机和工单全部丢失；"
            "持续运行托管本是为乙方突然停止服务而设。",
            f"On release the buyer carries on from data up to {hours} hours old, and every customer, deal "
            "and ticket entered since is lost; a continuity escrow exists for a vendor that stops suddenly.",
        ),
        Text(
            f"约定数据副本至少每{MAX_DEPOSIT_AGE_HOURS}小时更新一次。",
            f"Require the deposit to be refreshed at least every {MAX_DEPOSIT_AGE_HOURS} hours.",
        ),
    )
