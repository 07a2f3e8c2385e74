"""Live hints next to wizard fields, and a plain-language reason for each step.

`hints_for(step, step_answers, all_answers)` builds Terms from the draft's answers with the step's
current (unsaved) answers laid over them, and reads the figures Terms already computed: the same
functions that feed the contract feed the hints, so a hint never disagrees with the contract.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from . import pricing
from .bilingual import chinese_in_english, untranslated
from .build import build_terms
from .comparison import tco_horizon
from .coverage import requirement_coverage
from .keydates import implementation_acceptance, working_days_note
from .model import Terms
from .money import pct_of
from .sensitive import SENSITIVE_LABELS
from .text import Text, date_text, join_texts, minutes_text, money_text, num_text, pct_text
from .vendors import terms_vendor_stability

STEP_GUIDANCE: dict[str, Text] = {
    "parties": Text(
        "写准双方的名称和统一社会信用代码，合同才能约束真正签约的公司；供应商的成立年限和客户数量用于评估其稳定性。",
        "Exact names and credit codes make the contract bind the companies that really sign; "
        "the vendor's age and customer count tell you how much its stability is at risk.",
    ),
    "scope": Text(
        "需求清单是验收的依据：没写进清单的功能，供应商没有义务提供。每条必须需求都要有验收测试。",
        "The requirement list is what acceptance tests: a function not on it is one the vendor "
        "need not deliver. Give every must-have an acceptance test.",
    ),
    "implementation": Text(
        "里程碑、验收期和迁移规则决定系统何时、以什么质量上线；验收合格前不应付清实施费用。",
        "Milestones, acceptance and migration rules decide when and how well the system goes "
        "live; do not pay all implementation fees before you accept it.",
    ),
    "term": Text(
        "自动续约的合同须在截止日前通知不续约，否则要再付一个期限的费用；请记下截止日期。",
        "An auto-renewing contract needs notice of non-renewal by a deadline, or you pay for "
        "another term: note the date.",
    ),
    "sla": Text(
        "服务水平把“系统稳定”变成可衡量的数字：允许停机多久、未达标时补偿多少、持续不达标时能否解约。",
        "The service levels turn \u201creliable\u201d into numbers: how much downtime is "
        "allowed, what you get back when it is missed, and when you may leave.",
    ),
    "pricing": Text(
        "看总拥有成本而不只是首年价格：调价上限、一次性费用和付款节点决定几年下来实际花多少钱。",
        "Look at the total cost of ownership, not the first-year price: the increase cap, "
        "one-time fees and payment timing decide what you really spend over the years.",
    ),
    "data": Text(
        "CRM系统中存有大量客户个人信息：数据存放地点、出境途径、安全事件通知和退出时的数据导出都由这里决定。",
        "A CRM holds your customers' personal information: this step fixes where it is stored, "
        "how it may leave China, how fast breaches are reported and how you get it back.",
    ),
    "legal": Text(
        "责任上限决定出事时最多能获赔多少；争议解决条款必须只选一个有效的法院或仲裁机构。",
        "The liability cap is the most you can recover when things go wrong; disputes must go "
        "to exactly one valid court or arbitration commission.",
    ),
}

PIPL_ROUTE_TEXT: dict[str, Text] = {
    "none": Text("数据不出境，无需出境手续。", "No transfer out of China: no export procedure."),
    "cac_assessment": Text(
        "须通过国家网信部门的数据出境安全评估后方可出境。",
        "The transfer needs the CAC security assessment before any data leaves.",
    ),
    "standard_contract": Text(
        "须订立个人信息出境标准合同并向省级网信部门备案（或通过认证）。",
        "The transfer needs the PIPL standard contract filed with the provincial CAC (or certification).",
    ),
    "exempt": Text(
        "免于安全评估、标准合同和认证；仍须告知个人、取得单独同意并做影响评估。",
        "Exempt from the assessment, standard contract and certification; notice, separate "
        "consent and the impact assessment still apply.",
    ),
}


def hints_for(step: str, step_answers: Mapping[str, Any], all_answers: Mapping[str, Any]) -> dict[str, Text]:
    """Hints for the fields of `step`, keyed by field name, from the draft with this step's
    current answers; fields without a figure to show are left out."""
    builder = _BUILDERS.get(step)
    if builder is None:
        return {}
    terms = build_terms({**all_answers, step: step_answers})
    hints = {
        field: text
        for field, text in builder(terms).items()
        if text is not None and _ANSWERED_ENOUGH.get(field, _always)(terms)
    }
    for field, text in (_second_language_hints(terms, step) | _chinese_in_english_hints(terms, step)).items():
        hints[field] = join_texts([hints[field], text], zh_sep="", en_sep=" ") if field in hints else text
    return hints


def _always(_terms: Terms) -> bool:
    return True


def _route_decided(terms: Terms) -> bool:
    """The PIPL route needs both counts (a CIIO needs the assessment whatever they are): an empty count is
    no count of zero, and an exemption declared on it would be wrong."""
    d = terms.data
    return bool(d.is_ciio) or (d.cn_individuals_per_year is not None and d.cn_sensitive_per_year is not None)


def _increase_known(terms: Terms) -> bool:
    """Fees over the years need the increase: with an increase chosen and no rate yet, they would read flat."""
    p = terms.pricing
    return p.escalation_type not in pricing.ESCALATING_TYPES or p.escalation_cap_pct is not None


# A hint whose figure rests on answers still empty says nothing yet: an empty answer is not a zero. The
# answers each hint needs beyond the ones its builder already checks.
_ANSWERED_ENOUGH: dict[str, Callable[[Terms], bool]] = {
    "cn_individuals_per_year": _route_decided,
    "escalation_cap_pct": _increase_known,
    "tco_years": _increase_known,
}


def _second_language_hints(terms: Terms, step: str) -> dict[str, Text]:
    """A bilingual contract's free texts of this step given in one language only, by field or list."""
    by_field: dict[str, list] = {}
    for item in untranslated(terms):
        if item.step == step:
            by_field.setdefault(item.field.partition("[")[0], []).append(item)
    hints = {}
    for field, items in by_field.items():
        if numbers := _rows(items):
            lack = f"row {numbers[0]} lacks" if len(numbers) == 1 else f"rows {', '.join(numbers)} lack"
            hints[field] = Text(
                f"双语合同：第{'、'.join(numbers)}行缺少另一语言的文字，该语言的栏目将照录原文并注明仅以一种语言提供。",
                f"Bilingual contract: {lack} the other language; that column will print the text as given, "
                "marked as given in one language only.",
            )
        elif items[0].missing == "zh":
            hints[field] = Text(
                "双语合同：请同时填写中文，否则中文栏目将照录英文并注明仅提供英文。",
                "Bilingual contract: give the Chinese too, or the Chinese column prints the English, marked as "
                "given in English only.",
            )
        else:
            hints[field] = Text(
                "双语合同：请同时填写英文，否则英文栏目将照录中文并注明仅以中文提供。",
                "Bilingual contract: give the English too, or the English column prints the Chinese, marked as "
                "given in Chinese only.",
            )
    return hints


def _rows(items) -> list[str]:
    """The row numbers of a list's items ("requirements[2].text" → "2"), each once."""
    return list(dict.fromkeys(i.field.partition("[")[2].split("]")[0] for i in items if "[" in i.field))


def _chinese_in_english_hints(terms: Terms, step: str) -> dict[str, Text]:
    """An English contract's free texts of this step typed with Chinese characters, by field or list: a
    warning, not an error (the buyer may mean it)."""
    by_field: dict[str, list] = {}
    for item in chinese_in_english(terms):
        if item.step == step:
            by_field.setdefault(item.field.partition("[")[0], []).append(item)
    hints = {}
    for field, items in by_field.items():
        if numbers := _rows(items):
            rows = f"row {numbers[0]} contains" if len(numbers) == 1 else f"rows {', '.join(numbers)} contain"
            hints[field] = Text(
                f"英文合同：第{'、'.join(numbers)}行含有中文，将按原样印入英文合同；请以英文填写，除非确需保留中文。",
                f"English contract: {rows} Chinese, which prints as typed; type it in English unless you mean it.",
            )
        else:
            hints[field] = Text(
                "英文合同：此处含有中文，将按原样印入英文合同；请以英文填写，除非确需保留中文。",
                "English contract: this contains Chinese, which prints as typed; type it in English unless you "
                "mean it.",
            )
    return hints


def downtime_hint(terms: Terms) -> Text | None:
    """ "99.9% allows 43.2 minutes of downtime in a 30-day month" (with h/min past an hour)."""
    s = terms.sla
    minutes = s.allowed_downtime_minutes_30
    if minutes is None:
        return None
    spoken = minutes_text(minutes)
    figure = num_text(minutes)
    zh = f"{figure}分钟" + (f"（{spoken.zh}）" if minutes >= 60 else "")
    en = f"{figure} min" + (f" ({spoken.en})" if minutes >= 60 else "")
    target = pct_text(s.availability_target_pct)
    other = (num_text(s.allowed_downtime_minutes_28), num_text(s.allowed_downtime_minutes_31))
    return Text(
        f"{target}即30天的月份最多停机{zh}（28天的月份{other[0]}分钟，31天的月份{other[1]}分钟），"
        "未计排除事项和计划维护。",
        f"{target} allows {en} of downtime in a 30-day month ({other[0]} min in 28 days, "
        f"{other[1]} min in 31), before exclusions and scheduled maintenance.",
    )


def _sla(terms: Terms) -> dict[str, Text | None]:
    return {
        "availability_target_pct": downtime_hint(terms),
        "credit_table": _credit_tiers_hint(terms),
        "credit_cap_pct": _credit_cap_hint(terms),
    }


def _credit_tiers_hint(terms: Terms) -> Text | None:
    if terms.sla.remedy_form == "term_extension":
        return _extension_days_hint(terms)
    tiers = [t for t in terms.sla.credit_tiers or () if t.amount is not None]
    if not tiers:
        return None
    if not terms.pricing.monthly_fee:  # the SLA step comes before the price: say where the money will show
        return Text(
            "各档补偿的金额在“价格与付款”一步填写价格后显示于此（按月费计算）。",
            "The amount of each tier's credit appears here once the price is known (price step): "
            "it is a share of the monthly fee.",
        )
    currency = terms.pricing.currency
    parts = [(pct_text(t.below_pct), pct_text(t.credit), money_text(t.amount, currency)) for t in tiers]
    fee = money_text(terms.pricing.monthly_fee, currency)
    return Text(
        f"按月费{fee.zh}计：" + "；".join(f"低于{b}补偿{c}即{m.zh}" for b, c, m in parts) + "。",
        f"At a monthly fee of {fee.en}: " + "; ".join(f"below {b}, {c} = {m.en}" for b, c, m in parts) + ".",
    )


def _extension_days_hint(terms: Terms) -> Text | None:
    tiers = [t for t in terms.sla.credit_tiers or () if t.below_pct is not None and t.credit is not None]
    if not tiers:
        return None
    return Text(
        "补偿为服务期限届满后的免费服务天数（服务期限届满日和不续约通知截止日不变）："
        + "；".join(f"低于{pct_text(t.below_pct)}免费服务{num_text(t.credit)}天" for t in tiers)
        + "。",
        "Credits are days of free service after the term (its end date and notice deadline stay): "
        + "; ".join(f"below {pct_text(t.below_pct)}, {num_text(t.credit)} days" for t in tiers)
        + ".",
    )


def _credit_cap_hint(terms: Terms) -> Text | None:
    amount = terms.sla.credit_cap_amount
    if amount is None or not terms.pricing.monthly_fee:
        return None
    money = money_text(amount, terms.pricing.currency)
    return Text(f"每月补偿最多{money.zh}。", f"Credits of at most {money.en} a month.")


def _pricing(terms: Terms) -> dict[str, Text | None]:
    p = terms.pricing
    if not p.annual_recurring_fee:
        return {}
    currency = p.currency
    annual = money_text(p.annual_recurring_fee, currency)
    monthly = money_text(p.monthly_fee, currency)
    fee_hint = Text(
        f"首年经常性费用{annual.zh}，月费{monthly.zh}（服务补偿的计算基数）。",
        f"First-year recurring fee {annual.en}; monthly fee {monthly.en} (the basis of service credits).",
    )
    price_field = {
        "per_seat": "unit_price_per_seat_year",
        "per_module": "module_prices",
        "usage_based": "estimated_usage_fee_year",
        "perpetual": "maintenance_pct",
    }.get(p.pricing_model or "")
    hints: dict[str, Text | None] = {
        "escalation_cap_pct": _yearly_fees_hint(terms),
        "tco_years": _tco_hint(terms),
        # a foreign vendor's VAT is the 6 % the buyer withholds, told beside the withholding rate
        "withholding_eit_pct" if terms.parties.vendor_is_foreign else "vat_rate_pct": _vat_hint(terms),
    }
    if price_field:
        hints[price_field] = fee_hint
    if p.pricing_model == "per_module":
        users = _module_users_hint(terms)
        hints["module_prices"] = join_texts([fee_hint, users] if users else [fee_hint], zh_sep="", en_sep=" ")
    return hints


def _module_users_hint(terms: Terms) -> Text | None:
    """A module priced per user for fewer (or more) users than the contract licenses: the vendor may say
    the rest are not covered (a quantity of 1 is a flat module fee)."""
    seats = terms.scope.seat_count
    odd = [m for m in terms.pricing.module_prices or () if seats and m.quantity and m.quantity not in (1, seats)]
    if not odd:
        return None
    zh = "、".join(f"“{m.module}”按{m.quantity:,}个用户计价" for m in odd)
    en = "; ".join(f"\u201c{m.module}\u201d is priced for {m.quantity:,} users" for m in odd)
    return Text(
        f"{zh}，而合同授权{seats:,}个用户（服务范围一步）：请确认每一计价项目覆盖需要它的全部用户。",
        f"{en}, while the contract licenses {seats:,} users (scope step): make sure each priced line "
        "covers every user who needs it.",
    )


def _yearly_fees_hint(terms: Terms) -> Text | None:
    p = terms.pricing
    rate = pricing.escalation_rate(p.escalation_type, p.escalation_cap_pct)
    years = max(tco_horizon(terms), pricing.contract_years(terms.term.initial_term_months))
    fees = [
        money_text(
            pricing.recurring_for_year(p.annual_recurring_fee, year, rate=rate, price_lock_months=p.price_lock_months),
            p.currency,
        )
        for year in range(1, years + 1)
    ]
    return Text(
        "按最高调价幅度计的年度经常性费用：" + "；".join(f"第{y}年{f.zh}" for y, f in enumerate(fees, 1)) + "。",
        "Recurring fee by year at the highest increase: "
        + "; ".join(f"year {y} {f.en}" for y, f in enumerate(fees, 1))
        + ".",
    )


def tco_assumption(terms: Terms) -> Text:
    """How the TCO years are costed: the increase the contract permits at its highest, renewals included."""
    p = terms.pricing
    lock = p.price_lock_months or 0
    if p.escalation_type not in pricing.ESCALATING_TYPES or not p.escalation_cap_pct:
        return Text(
            "按价格不上涨计算：合同不允许调价，续约年度按相同价格计。",
            "Costed without price increases: the contract allows none; renewal years at the same price.",
        )
    rate = pct_text(p.escalation_cap_pct)
    zh_kind, en_kind = {
        "fixed": ("固定涨幅", "the fixed increase"),
        "capped_pct": ("调价上限", "the increase cap"),
        "cpi_capped": ("CPI调价的上限", "the cap on CPI increases"),
    }[p.escalation_type]
    zh_lock = f"价格锁定{lock}个月后，" if lock else ""
    en_lock = f" after the {lock}-month price lock" if lock else ""
    return Text(
        f"{zh_lock}每个服务年度按{zh_kind}{rate}上涨计算（合同允许的最高涨幅），续约年度亦同。",
        f"Costed with a yearly increase of {rate}{en_lock}, {en_kind} (the most the contract allows), "
        "renewal years included.",
    )


def _tco_hint(terms: Terms) -> Text | None:
    p = terms.pricing
    if p.tco is None:
        return None
    tco, value = money_text(p.tco, p.currency), money_text(p.total_contract_value, p.currency)
    years = tco_horizon(terms)
    return Text(
        f"{years}年总拥有成本{tco.zh}；初始服务期限内合同总价{value.zh}。",
        f"Total cost of ownership over {years} years: {tco.en}; total contract value over the "
        f"initial term: {value.en}.",
    )


def _vat_hint(terms: Terms) -> Text | None:
    p = terms.pricing
    if terms.parties.vendor_is_foreign and p.withheld_vat is not None:
        vat, eit, receives, pays = (
            money_text(v, p.currency) for v in (p.withheld_vat, p.withheld_eit, p.vendor_receives, p.buyer_pays)
        )
        return Text(
            f"您代扣代缴增值税{vat.zh}、企业所得税{eit.zh}（假定全部费用均为特许权使用费）；"
            f"乙方实际收取{receives.zh}，您支付{pays.zh}。",
            f"You withhold VAT of {vat.en} and EIT of {eit.en} (assuming all fees are royalties); "
            f"the vendor receives {receives.en} and you pay {pays.en}.",
        )
    if p.vat_gross is None or p.vat_rate_pct is None:
        return None
    net, tax, gross = (money_text(v, p.currency) for v in (p.vat_net, p.vat_tax, p.vat_gross))
    return Text(
        f"合同总价不含税{net.zh}，税额{tax.zh}，含税{gross.zh}。",
        f"Total contract value: net {net.en}, VAT {tax.en}, gross {gross.en}.",
    )


def _term(terms: Terms) -> dict[str, Text | None]:
    t = terms.term
    hints: dict[str, Text | None] = {}
    if t.initial_term_end is not None:
        end = date_text(t.initial_term_end)
        hints["initial_term_months"] = Text(f"初始服务期限于{end.zh}届满。", f"The initial term ends on {end.en}.")
    if t.non_renewal_deadline is not None:
        deadline = date_text(t.non_renewal_deadline)
        hints["non_renewal_notice_days"] = Text(
            f"不续约通知最晚须于{deadline.zh}发出。",
            f"Last day to give notice of non-renewal: {deadline.en}.",
        )
    hints["start_date"] = _fees_start_hint(terms)
    return hints


def _fees_start_hint(terms: Terms) -> Text | None:
    """The implementation runs within the term, but recurring fees wait for the Fee Start Date."""
    start, p = terms.term.start_date, terms.pricing
    if p.fees_start == "start" or start is None or p.fees_start_date is None or p.fees_start_date <= start:
        return None
    days = (p.fees_start_date - start).days
    when = date_text(p.fees_start_date)
    event = Text("验收合格", "acceptance") if p.fees_start == "acceptance" else Text("上线", "go-live")
    return Text(
        f"经常性费用自{event.zh}起计算（预计{when.zh}），服务期限开始后的前{days}日不计经常性费用。",
        f"Recurring fees run from {event.en} (expected on {when.en}), not for the first {days} days of the term.",
    )


def _implementation(terms: Terms) -> dict[str, Text | None]:
    impl = terms.implementation
    hints: dict[str, Text | None] = {}
    run, start, deadline = implementation_acceptance(impl)
    if start is not None and deadline is not None:
        when, note = date_text(deadline), working_days_note(start, deadline)
        after_run = (
            Text(f"自{run}日并行运行期满之日起算，", f", counted from the end of the {run}-day parallel run,")
            if run
            else Text("", "")
        )
        hints["acceptance_days"] = Text(
            f"乙方在上线日提交验收通知及完整文档的，验收期{after_run.zh}至{when.zh}届满（{note.zh}）。",
            f"If the vendor's notice and complete documents arrive on the go-live day, acceptance"
            f"{after_run.en} ends on {when.en} ({note.en}).",
        )
    payments = [m for m in terms.pricing.milestone_payments or () if m.amount is not None]
    if payments and terms.pricing.payment_schedule != "milestones":  # the contract prints no payments then
        hints["milestones"] = Text(
            "付款比例仅在“价格与付款”一步选择“按里程碑”付款时适用；按目前的选择，一次性费用在全部验收合格后支付。",
            "The payment percentages apply only when the price step pays by milestones; as it stands, "
            "the one-time fees are due after final acceptance.",
        )
    elif payments and terms.pricing.one_time_total:
        currency = terms.pricing.currency
        amounts = [(m.name or "", money_text(m.amount, currency)) for m in payments]
        hints["milestones"] = Text(
            "各里程碑支付的一次性费用：" + "；".join(f"{n}{a.zh}" for n, a in amounts) + "。",
            "One-time fees paid per milestone: " + "; ".join(f"{n} {a.en}" for n, a in amounts) + ".",
        )
    return hints


def _data(terms: Terms) -> dict[str, Text | None]:
    hints: dict[str, Text | None] = {"sensitive_pi": _sensitive_hint(terms)}
    if terms.data.cross_border:
        hints["cn_individuals_per_year"] = PIPL_ROUTE_TEXT[terms.data.pipl_route or "none"]
    return hints


def _sensitive_hint(terms: Terms) -> Text | None:
    categories = terms.data.sensitive_categories or ()
    if not categories or not terms.data.personal_info:
        return None
    names = [SENSITIVE_LABELS[c] for c in categories]
    zh = "、".join(n.zh for n in names)
    en = (
        " and ".join(n.en for n in names)
        if len(names) < 3
        else ", ".join(n.en for n in names[:-1]) + f" and {names[-1].en}"
    )
    if terms.data.sensitive_pi:
        return Text(
            f"合同将把{zh}列为敏感个人信息：仅限必要范围收集，个人单独同意，保护措施更严格。",
            f"The contract lists {en} as sensitive personal information: collected only as necessary, "
            "with individuals' separate consent and stricter protection.",
        )
    return Text(
        f"所选模块或需求涉及{zh}，属于敏感个人信息。不勾选此项，合同将约定本服务不收集这些信息；需要收集的，请勾选。",
        f"The chosen modules or requirements involve {en}, which is sensitive personal information. Left "
        "unticked, the contract states that the service will not collect it; tick this if it must be collected.",
    )


def _scope(terms: Terms) -> dict[str, Text | None]:
    coverage = requirement_coverage(terms.scope)
    if not coverage:
        return {}
    covered = sum(1 for row in coverage if row.covered)
    guessed = sum(1 for row in coverage if not row.chosen)
    zh = f"所购模块覆盖{len(coverage)}条需求中的{covered}条"
    en = f"The modules bought cover {covered} of {len(coverage)} requirements"
    if guessed:  # a row without the buyer's choice is matched by keyword only
        zh += f"（其中{guessed}条需求未选定模块，按关键词推断）"
        en += f" ({guessed} without a module chosen, matched by keyword)"
    return {"modules": Text(zh + "。", en + ".")}


def _legal(terms: Terms) -> dict[str, Text | None]:
    p = terms.pricing
    if not p.monthly_fee:
        return {}
    hints: dict[str, Text | None] = {}
    if p.liability_cap_amount is not None:
        cap = money_text(p.liability_cap_amount, p.currency)
        hints["liability_cap_months"] = Text(f"一般责任上限{cap.zh}。", f"General cap: {cap.en}.")
    if p.breach_cap_amount is not None:
        cap = money_text(p.breach_cap_amount, p.currency)
        hints["data_breach_supercap_multiple"] = Text(f"数据安全责任上限{cap.zh}。", f"Data-security cap: {cap.en}.")
    ld_cap = terms.legal.ld_total_cap_pct
    if ld_cap is not None and p.total_contract_value:
        amount = money_text(pct_of(p.total_contract_value, ld_cap), p.currency)
        hints["ld_total_cap_pct"] = Text(f"逾期违约金最多{amount.zh}。", f"Delay damages of at most {amount.en}.")
    return hints


def _parties(terms: Terms) -> dict[str, Text | None]:
    stability = terms_vendor_stability(terms)
    if stability.level == "unknown":
        return {}
    return {
        "vendor_years_in_business": Text(
            f"供应商稳定性评估：{stability.label.zh}。", f"Vendor stability: {stability.label.en}."
        )
    }


_BUILDERS: dict[str, Callable[[Terms], dict[str, Text | None]]] = {
    "parties": _parties,
    "scope": _scope,
    "implementation": _implementation,
    "term": _term,
    "sla": _sla,
    "pricing": _pricing,
    "data": _data,
    "legal": _legal,
}
