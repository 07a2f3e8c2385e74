"""Tables a clause may print after its text, built from the Terms context with headers per language."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from contracts.terms import formatting, sla
from contracts.terms import pricing as terms_pricing

PRIORITY = {"must": ("必须", "Must"), "should": ("期望", "Should")}
OWNER = {"vendor": ("乙方", "Vendor"), "buyer": ("甲方", "Customer")}
MIGRATION_TASKS = {
    "source_data": {
        "csv_import": (
            "按约定格式导出源数据文件并提供数据字典",
            "export the source data files in the agreed format, with a data dictionary",
        ),
        "api": (
            "提供源系统的只读访问权限（API凭证）及数据字典",
            "give read-only access to the source system (API credentials), with a data dictionary",
        ),
        "etl": (
            "提供源系统的只读访问权限（数据库或API账号）及数据字典",
            "give read-only access to the source system (database or API account), with a data dictionary",
        ),
    },
    "tools": (
        "提供导入工具、模板、目标数据结构说明及技术支持",
        "provide the import tools, templates, a description of the target data structure and technical support",
    ),
    "inventory": ("数据盘点，编制清洗规则", "take the data inventory and draft the cleansing rules"),
    "cleansing": ("按确认的清洗规则清洗源数据", "cleanse the source data under the confirmed rules"),
    "mapping": ("编制字段映射表", "prepare the field mapping"),
    "confirm_mapping": (
        "书面确认数据盘点结果、清洗规则和字段映射表（或书面提出修改意见）",
        "confirm the inventory, cleansing rules and field mapping in writing (or request changes in writing)",
    ),
    "test_migration": (
        "完成测试迁移并提交核对报告",
        "complete the test migration and deliver the reconciliation report",
    ),
    "confirm_test": (
        "抽样核对测试迁移结果并书面确认（或书面提出问题）",
        "check samples of the test migration and confirm it in writing (or report issues in writing)",
    ),
    "production": (
        "完成正式迁移并提交各批次核对报告",
        "complete the production migration and deliver each batch's reconciliation report",
    ),
    "final_check": (
        "抽样核对正式迁移结果，书面确认或提出问题，并决定切换时间",
        "check samples of the production migration, confirm it or report issues in writing, and decide the cut-over time",
    ),
}
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
        initial_months = pricing.get("fee_months")  # the months of fees in the initial term, from the Fee Start Date
        # a TCO year that starts after the initial term: a renewal, or for a perpetual licence more maintenance
        renewal = (
            ("（续购维护）", " (maintenance continued)")
            if pricing.get("pricing_model") == "perpetual"
            else ("（续约）", " (renewal)")
        )

        def year(y):
            left = terms_pricing.year_months(y["year"], initial_months) if initial_months else Decimal(12)
            if left <= 0:  # a TCO year after the initial term
                return f"{y['year']}{_pick(renewal, lang)}"
            if name == "yearly_fees" and left < 12:  # the initial term ends within this service year
                months = formatting.num(left.quantize(Decimal("0.01")))
                return f"{y['year']}{_pick((f'（按{months}个月折算）', f' (pro rata, {months} months)'), lang)}"
            return str(y["year"])

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
                Table(
                    h(("月度可用率", "Monthly availability"), ("期满后免费服务", "Free service after the term")),
                    tuple(rows),
                    (1,),
                )
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
    if name == "migration_tasks":
        implementation = ctx["implementation"]
        method = implementation.get("migration_method") or "csv_import"
        anchor = (
            ("上线日", "go-live") if implementation.get("go_live_date") else ("服务开始日", "the service start date")
        )

        def task(t: dict) -> str:
            label = MIGRATION_TASKS[t["task"]]
            return _pick(label.get(method, label["csv_import"]) if isinstance(label, dict) else label, lang)

        def due(t: dict) -> str:
            days = t["days_before"]
            if days is None:  # the buyer-led migration's tools, due as implementation.migration says
                return _pick(("本合同生效之日起15个工作日内", "within 15 Working Days of the effective date"), lang)
            if lang == "zh":
                relative = f"{anchor[0]}前{days}日" if days else f"{anchor[0]}前"
                return f"{date(t['due_date'])}（{relative}）" if t["due_date"] else relative
            relative = f"{days} days before {anchor[1]}" if days else f"by {anchor[1]}"
            return f"{date(t['due_date'])} ({relative})" if t["due_date"] else relative

        rows = [
            (str(i), task(t), _pick(OWNER[t["owner"]], lang), due(t))
            for i, t in enumerate(implementation.get("migration_tasks") or [], 1)
        ]
        headers = h(("序号", "No."), ("事项", "Task"), ("责任方", "Party"), ("完成期限", "Deadline"))
        return Table(headers, tuple(rows)) if rows else None
    if name == "other_modules":
        rows = [(m["name"], m.get("description") or "—") for m in ctx["scope"].get("other_modules") or []]
        return Table(h(("模块", "Module"), ("说明", "Description")), tuple(rows)) if rows else None
    raise ValueError(f"unknown table {name!r}")
