"""Vendor stability (供应商稳定性): young or small vendors, change of control."""

from __future__ import annotations

from ..model import Terms
from ..text import Text
from ..vendors import WEAK_CUSTOMERS, WEAK_YEARS, is_young_or_small
from .review import (
    Issue,
    rule,
)


@rule(
    "vendor.young_without_escrow",
    clauses=(
        "exit.escrow",
        "exit.warranties",
    ),
    group="vendor",
    step="legal",
    field="escrow",
)
def _young_without_escrow(t: Terms) -> Issue | None:
    years, customers = t.parties.vendor_years_in_business, t.parties.vendor_customer_count
    if t.legal.escrow not in (None, "none") or not is_young_or_small(years, customers):
        return None
    facts_zh, facts_en = [], []
    if years is not None and years < WEAK_YEARS:
        facts_zh.append(f"成立仅{years}年")
        facts_en.append(f"{years} years in business")
    if customers is not None and customers < WEAK_CUSTOMERS:
        facts_zh.append(f"客户仅{customers}家")
        facts_en.append(f"{customers} customers")
    return Issue(
        "high",
        Text(
            f"乙方{'、'.join(facts_zh)}，合同却没有源代码托管或服务连续性安排。",
            f"The vendor has {' and '.join(facts_en)}, yet there is no escrow or continuity term.",
        ),
        Text(
            f"成立不足{WEAK_YEARS}年或客户少于{WEAK_CUSTOMERS}家的供应商更可能被收购、停业或停止产品；"
            "CRM中是甲方的全部客户关系，服务中断时甲方需要能继续运行或迁出。",
            f"A vendor under {WEAK_YEARS} years old or with fewer than {WEAK_CUSTOMERS} customers "
            "is more likely to be sold, fold or drop the product; the CRM holds all the buyer's "
            "customer relationships and must keep running or be moved out.",
        ),
        Text(
            "选择SaaS服务连续性安排（或源代码托管），并约定触发条件；同时要求乙方提供财务状况与客户推荐。",
            "Choose SaaS continuity (or source-code escrow) with clear release events, and ask the "
            "vendor for financial statements and references.",
        ),
    )


@rule(
    "vendor.facts_unknown",
    clauses=("exit.warranties",),
    group="vendor",
    step="parties",
    field="vendor_years_in_business",
)
def _facts_unknown(t: Terms) -> Issue | None:
    years, customers = t.parties.vendor_years_in_business, t.parties.vendor_customer_count
    if t.legal.escrow not in (None, "none") or (years is not None and customers is not None):
        return None
    return Issue(
        "low",
        Text(
            "未记录乙方的成立年限或客户数量，无法评估其稳定性。",
            "The vendor's years in business or customer count is not recorded: its stability cannot be assessed.",
        ),
        Text(
            "供应商稳定性是签约前四大风险之一；不了解这些事实，就无法判断是否需要托管或连续性安排。",
            "Vendor stability is one of the four pre-signing risks; without these facts the buyer "
            "cannot tell whether it needs escrow or continuity terms.",
        ),
        Text(
            "向乙方索取成立年限、客户数量和资质证明，并填入“合同主体”。",
            "Ask the vendor for its years in business, customer count and certifications, and "
            "enter them in the parties step.",
        ),
        field="vendor_years_in_business" if years is None else "vendor_customer_count",
    )


@rule(
    "vendor.no_change_of_control",
    clauses=(
        "exit.change_of_control",
        "exit.warranties",
    ),
    group="vendor",
    step="legal",
    field="change_of_control_notice",
)
def _no_change_of_control(t: Terms) -> Issue | None:
    if t.legal.change_of_control_notice is not False:
        return None
    return Issue(
        "medium",
        Text("乙方控制权变更时无需通知甲方。", "The vendor need not notify a change of control."),
        Text(
            "乙方被竞争对手或境外主体收购时，甲方的客户数据将由新的控制人掌握；不知情就无法及时评估和退出。",
            "If a competitor or a foreign company buys the vendor, a new owner controls the "
            "buyer's customer data; without notice the buyer cannot assess or leave in time.",
        ),
        Text(
            "要求乙方在控制权变更时书面通知，并赋予甲方解除合同和取回数据的权利。",
            "Require written notice of a change of control, with a right to terminate and take the data out.",
        ),
    )
