"""Tables a clause may print after its text, built from the Terms context with headers per language."""

from __future__ import annotations

from dataclasses import dataclass

from contracts.terms import formatting, sla

PRIORITY = {"must": ("必须", "Must"), "should": ("期望", "Should")}
DIRECTION = {"inbound": ("导入", "Inbound"), "outbound": ("导出", "Outbound"), "both": ("双向", "Both ways")}


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()  # columns aligned right


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "zh" else pair[1]


def build_table(name: str, ctx: dict, lang: str) -> Table | None:
    """The named table in the given language; None when it has no rows."""
    pricing = ctx["pricing"]
    currency = pricing.get("currency") or "CNY"
    perpetual = pricing.get("pricing_model") == "perpetual"

    unit = formatting.currency_unit(currency, lang)
    money = formatting.amount  # the heading names the currency: a cell never wraps between the two

    def priced(pair: tuple[str, str]) -> tuple[str, str]:
        return (f"{pair[0]}（{unit}）", f"{pair[1]} ({unit})")

    def date(value):
        return formatting.date_text(value, lang)

    def h(*pairs):
        return tuple(_pick(p, lang) for p in pairs)

    if name in ("yearly_fees", "tco_by_year"):
        years = pricing.get(name) or []
        initial_months = ctx["term"].get("initial_term_months")
        # a TCO year that starts after the initial term: a renewal, or for a perpetual licence more maintenance
        renewal = (
            ("（续购维护）", " (maintenance continued)")
            if pricing.get("pricing_model") == "perpetual"
            else ("（续约）", " (renewal)")
        )

        def year(y):
            after = initial_months and (y["year"] - 1) * 12 >= initial_months
            return f"{y['year']}{_pick(renewal, lang)}" if after else str(y["year"])

        rows = [(year(y), money(y["recurring"]), money(y["one_time"]), money(y["total"])) for y in years]
        if len(rows) > 1:  # each column's total: the recurring and the one-time fees make the total
            recurring, total = (
                ("recurring_total", "total_contract_value") if name == "yearly_fees" else ("tco_recurring", "tco")
            )
            rows.append(
                (
                    _pick(("合计", "Total"), lang),
                    money(pricing.get(recurring)),
                    money(pricing.get("one_time_total")),
                    money(pricing.get(total)),
                )
            )
        recurring = (
            (
                ("维护及托管费", "Maintenance and hosting fees")
                if pricing.get("hosting_fee_year")
                else ("维护费", "Maintenance fees")
            )
            if perpetual
            else ("经常性费用", "Recurring fees")
        )
        if name == "tco_by_year" and pricing.get("usage_addons_year"):  # estimates, billed on actual use
            recurring = (f"{recurring[0]}及附加用量预估", f"{recurring[1]} and estimated add-on usage")
        headers = h(
            ("服务年度", "Service year"),
            priced(recurring),
            priced(("一次性费用", "One-time fees")),
            priced(("合计", "Total")),
        )
        return Table(headers, tuple(rows), (1, 2, 3)) if rows else None
    if name == "one_time_fees":
        rows = [(f["name"], money(f["amount"])) for f in pricing.get("one_time_fees") or []]
        if rows and perpetual and pricing.get("licence_fee"):  # the total the clause states includes it
            rows.insert(0, (_pick(("许可费", "Licence fee"), lang), money(pricing["licence_fee"])))
        return Table(h(("费用项目", "Item"), priced(("金额", "Amount"))), tuple(rows), (1,)) if rows else None
    if name == "module_prices":
        rows = [
            (
                m["module"],
                formatting.num(m["quantity"]),
                money(m["unit_price_year"]),
                money((m["quantity"] or 0) * (m["unit_price_year"] or 0)),
            )
            for m in pricing.get("module_prices") or []
        ]
        headers = h(
            ("模块", "Module"),
            ("数量", "Quantity"),
            priced(("年单价", "Unit price per year")),
            priced(("年费", "Fee per year")),
        )
        return Table(headers, tuple(rows), (1, 2, 3)) if rows else None
    if name == "usage_addons":
        rows = [
            (a["name"], money(a["estimated_fee_year"]), formatting.pct(a.get("alert_pct")))
            for a in pricing.get("usage_addons") or []
        ]
        headers = h(
            ("用量计费项目", "Usage charge"), priced(("预估年费", "Estimated fee per year")), ("预警比例", "Alert at")
        )
        return Table(headers, tuple(rows), (1, 2)) if rows else None
    if name == "credit_tiers":
        tiers = ctx["sla"].get("credit_tiers") or []
        if ctx["sla"].get("remedy_form") == "term_extension":  # days of service, no money to show
            rows = [
                (
                    f"< {formatting.pct(t['below_pct'])}",
                    f"{formatting.num(t['credit'])}{'天' if lang == 'zh' else ' days'}",
                )
                for t in tiers
            ]
            return (
                Table(h(("月度可用率", "Monthly availability"), ("服务期延长", "Term extension")), tuple(rows), (1,))
                if rows
                else None
            )
        rows = [
            (
                f"< {formatting.pct(t['below_pct'])}",
                formatting.pct(t["credit"]),
                "—" if t.get("amount") is None else money(t["amount"]),
            )
            for t in tiers
        ]
        cap = ctx["sla"].get("credit_cap_pct")
        capped = cap is not None and any(t["credit"] is not None and t["credit"] > cap for t in tiers)
        amount = (
            ("首个服务年度对应金额（以每月补偿上限为限）", "Amount in the first service year (within the monthly cap)")
            if capped
            else ("首个服务年度对应金额", "Amount in the first service year")
        )
        headers = h(
            ("月度可用率", "Monthly availability"), ("服务费抵扣/退还比例", "Credit (% of monthly fee)"), priced(amount)
        )
        return Table(headers, tuple(rows), (1, 2)) if rows else None
    if name == "severity_targets":
        none = _pick(("不适用（随下一版本修复）", "none (next release)"), lang)
        support_hours = ctx["sla"].get("support_hours")

        def resolution(s: dict) -> str:
            if not s["resolution_hours"]:
                return none
            days = sla.resolution_working_days(s["resolution_hours"], s["level"], support_hours)
            if days is not None:  # a day or more of support time reads as Working Days, not 56 hours
                n = formatting.num(days)
                return f"{n}个工作日" if lang == "zh" else f"{n} Working Day{'' if days == 1 else 's'}"
            return f"{s['resolution_hours']}小时" if lang == "zh" else f"{s['resolution_hours']} h"

        rows = [
            (s["level"], formatting.minutes(s["response_minutes"], lang), resolution(s))
            for s in ctx["sla"].get("severity_targets") or []
        ]
        headers = h(("级别", "Severity"), ("响应时间", "Response time"), ("解决时间", "Resolution time"))
        return Table(headers, tuple(rows)) if rows else None
    if name == "requirements":
        rows = [
            (
                r["id"],
                r["text"],
                _pick(PRIORITY.get(r["priority"], (r["priority"],) * 2), lang),
                r.get("acceptance_test") or "—",
            )
            for r in ctx["scope"].get("requirements") or []
        ]
        headers = h(("编号", "ID"), ("需求", "Requirement"), ("优先级", "Priority"), ("验收测试", "Acceptance test"))
        return Table(headers, tuple(rows)) if rows else None
    if name == "milestones":
        milestones = pricing.get("milestone_payments") or []
        if pricing.get("payment_schedule") != "milestones":  # payment does not follow them: no payment columns
            rows = [(m["name"], date(m["due_date"])) for m in milestones]
            return Table(h(("里程碑", "Milestone"), ("完成日期", "Due date")), tuple(rows)) if rows else None
        rows = [
            (m["name"], date(m["due_date"]), formatting.pct(m["payment_pct"]), money(m.get("amount")))
            for m in milestones
        ]
        headers = h(
            ("里程碑", "Milestone"), ("完成日期", "Due date"), ("付款比例", "Payment"), priced(("金额", "Amount"))
        )
        return Table(headers, tuple(rows), (2, 3)) if rows else None
    if name == "integrations":
        rows = [
            (
                i["system"],
                _pick(DIRECTION.get(i["direction"], (i["direction"],) * 2), lang),
                i.get("description") or "—",
            )
            for i in ctx["scope"].get("integrations") or []
        ]
        headers = h(("对接系统", "System"), ("方向", "Direction"), ("说明", "Description"))
        return Table(headers, tuple(rows)) if rows else None
    if name == "other_modules":
        rows = [(m["name"], m.get("description") or "—") for m in ctx["scope"].get("other_modules") or []]
        return Table(h(("模块", "Module"), ("说明", "Description")), tuple(rows)) if rows else None
    raise ValueError(f"unknown table {name!r}")
