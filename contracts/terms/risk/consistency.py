"""Consistency between answers (条款之间的一致性): contradictions that no single answer shows."""

from __future__ import annotations

from decimal import Decimal

from ..coverage import mentions
from ..model import Terms
from ..text import Text, pct_text
from ..vendors import CERTIFICATION_LABELS
from .review import Issue, rule

# Modules that by their nature hold individuals' data (contacts, leads, tickets, a phone app's users).
PERSONAL_DATA_MODULES = frozenset({"contacts", "leads_opportunities", "marketing", "service_tickets", "mobile"})
# Words of a requirement that collects location or other sensitive personal information (PIPL Art. 28).
SENSITIVE_WORDS = (
    "定位",
    "位置",
    "轨迹",
    "身份证",
    "人脸",
    "指纹",
    "健康",
    "病历",
    "银行卡",
    "location",
    "GPS",
    "geolocation",
    "ID card",
    "biometric",
    "health",
    "bank card",
)


def _norm(value: str | None) -> str:
    return "".join((value or "").split()).casefold()


@rule(
    "consistency.contacts_identical",
    clauses=("general.notices",),
    group="consistency",
    step="parties",
    field="vendor_contact_email",
)
def _contacts_identical(t: Terms) -> Issue | None:
    p = t.parties
    same = [
        kind
        for kind, buyer, vendor in (
            ("email", p.buyer_contact_email, p.vendor_contact_email),
            ("phone", p.buyer_contact_phone, p.vendor_contact_phone),
        )
        if _norm(buyer) and _norm(buyer) == _norm(vendor)
    ]
    if not same:
        return None
    zh = "、".join({"email": "电子邮箱", "phone": "电话"}[k] for k in same)
    en = " and ".join({"email": "e-mail", "phone": "phone"}[k] for k in same)
    return Issue(
        "high",
        Text(f"甲乙双方的通知联系{zh}相同。", f"The buyer's and the vendor's notice {en} are the same."),
        Text(
            "通知以送达对方指定的联系方式为准；双方相同，多半是复制时的错误，解除、催告等通知将无法有效送达。",
            "Notices take effect when delivered to the other party's contact; identical details are "
            "almost always a copying error, and a termination or reminder notice would not reach the vendor.",
        ),
        Text("核对并分别填写双方的通知联系人、邮箱和电话。", "Check and enter each party's own notice contact."),
        field="vendor_contact_email" if "email" in same else "vendor_contact_phone",
        reason=Text(
            "通知无法送达会使合同中的各项期限和解除权落空。",
            "Undeliverable notices defeat every deadline and termination right.",
        ),
    )


@rule(
    "consistency.certification_not_held",
    clauses=("data.security",),
    group="consistency",
    step="data",
    field="security_certifications_required",
)
def _certification_not_held(t: Terms) -> Issue | None:
    required = t.data.security_certifications_required or ()
    held = t.parties.vendor_certifications
    if held is None:
        return None  # not recorded: vendor.facts_unknown asks for the vendor's facts
    missing = [c for c in required if c not in held]
    if not missing:
        return None
    # by the names the contract and the wizard give them, never the answer codes (iso27001)
    names = [CERTIFICATION_LABELS.get(c, Text(c, c)) for c in missing]
    return Issue(
        "medium",
        Text(
            f"合同要求乙方具备{'、'.join(n.zh for n in names)}认证，但记录显示乙方并未持有，也没有约定取得期限。",
            f"The contract requires {', '.join(n.en for n in names)}, which the vendor does not hold, with no date "
            "to obtain it.",
        ),
        Text(
            "乙方签约当日即违约，或该要求形同虚设；甲方的安全合规依据也随之落空。",
            "The vendor is in breach on the day it signs, or the requirement is ignored; either way "
            "the buyer's security compliance rests on nothing.",
        ),
        Text(
            "核实乙方的认证；未持有的，约定取得认证的期限及逾期未取得时甲方的解除权。",
            "Verify the vendor's certifications; for one it lacks, agree a date to obtain it and a "
            "right to terminate if it does not.",
        ),
    )


@rule(
    "consistency.personal_info_denied",
    clauses=("data.pipl", "data.security"),
    group="consistency",
    step="data",
    field="personal_info",
)
def _personal_info_denied(t: Terms) -> Issue | None:
    if t.data.personal_info is not False:
        return None
    modules = sorted(PERSONAL_DATA_MODULES & set(t.scope.modules or ()))
    sensitive = [
        r.id or "?" for r in t.scope.requirements or () if any(mentions(r.text or "", word) for word in SENSITIVE_WORDS)
    ]
    if not modules and not sensitive:
        return None
    zh, en = [], []
    if modules:
        zh.append(f"所购模块（{'、'.join(modules)}）处理个人信息")
        en.append(f"the modules bought ({', '.join(modules)}) hold personal information")
    if sensitive:
        zh.append(f"需求{'、'.join(sensitive)}收集位置或其他敏感个人信息")
        en.append(f"requirements {', '.join(sensitive)} collect location or other sensitive personal information")
    return Issue(
        "high",
        Text(
            f"“数据”一步答称不处理个人信息，但{'；'.join(zh)}。",
            f"The data step says no personal information is processed, but {'; '.join(en)}.",
        ),
        Text(
            "答称没有个人信息，合同就不含委托处理条款（个人信息保护法第21条）和敏感个人信息的加强保护；"
            "甲方作为个人信息处理者仍须承担全部责任。",
            "With no personal information declared, the contract leaves out the entrusted-processing "
            "terms (PIPL Art. 21) and the stricter terms for sensitive data, while the buyer stays "
            "liable as the handler.",
        ),
        Text(
            "在“数据”一步如实选择处理个人信息（及敏感个人信息），使相应条款和附件进入合同。",
            "Answer in the data step that personal (and sensitive) information is processed, so the "
            "clauses and annex enter the contract.",
        ),
    )


# Market range of yearly maintenance for a perpetual licence, % of the licence fee (checklist: 8–12 %
# average for 8×5 support [SLH], vendors ask 20–25 %, another source 12–25 % [MEC]).
MAINTENANCE_MARKET_PCT = (Decimal("8"), Decimal("25"))


@rule(
    "consistency.maintenance_out_of_market",
    clauses=("pricing.perpetual", "pricing.fee_schedule"),
    group="consistency",
    step="pricing",
    field="maintenance_pct",
)
def _maintenance_out_of_market(t: Terms) -> Issue | None:
    share = t.pricing.maintenance_pct
    low, high = MAINTENANCE_MARKET_PCT
    if t.pricing.pricing_model != "perpetual" or share is None or low <= share <= high:
        return None
    above = share > high
    return Issue(
        "medium" if above else "low",
        Text(
            f"永久许可的年维护费为许可费的{pct_text(share)}，超出市场常见的{pct_text(low)}至{pct_text(high)}。",
            f"Yearly maintenance is {pct_text(share)} of the perpetual licence fee, outside the usual "
            f"{pct_text(low)} to {pct_text(high)}.",
        ),
        Text(
            "维护费偏高时，几年的维护费就超过许可费本身；偏低时，乙方可能压缩支持或在续约时大幅涨价。",
            "Above the range, a few years of maintenance cost more than the licence; below it, the "
            "vendor may skimp on support or raise the fee sharply at renewal.",
        ),
        Text(
            "对照市场区间谈判维护费比例，并约定续约时维护费的涨幅上限。",
            "Negotiate the share against the market range, and cap its increase at renewal.",
        ),
    )


def _domain(email: str | None) -> str:
    return (email or "").rpartition("@")[2].strip().casefold()


@rule(
    "consistency.email_at_other_party",
    clauses=("general.notices",),
    group="consistency",
    step="parties",
    field="buyer_contact_email",
)
def _email_at_other_party(t: Terms) -> Issue | None:
    p = t.parties
    buyer, vendor = _domain(p.buyer_contact_email), _domain(p.vendor_contact_email)
    if not buyer or buyer != vendor or _norm(p.buyer_contact_email) == _norm(p.vendor_contact_email):
        return None  # identical addresses: consistency.contacts_identical reports them
    return Issue(
        "medium",
        Text(
            f"甲乙双方的通知邮箱使用同一域名（{buyer}），其中一方的邮箱不是其自己的。",
            f"Both parties' notice e-mails are at the same domain ({buyer}): one of them is not that party's own.",
        ),
        Text(
            "发给甲方的通知若送到乙方的邮箱（或相反），视为已送达却无人知悉，期限照常起算。",
            "A notice for the buyer sent to a mailbox of the vendor (or the reverse) counts as "
            "delivered though nobody who should read it does, and deadlines run.",
        ),
        Text(
            "各方填写本单位域名下的通知邮箱。",
            "Give each party a notice e-mail at its own organisation's domain.",
        ),
    )
