"""Which modules each requirement needs, and which of them are bought: shared by the risk review,
the hints and the offer comparison.

A requirement names the modules it needs (`needs_modules`, chosen by the buyer). Without a choice
(older drafts, imports, a row just typed) a keyword heuristic suggests them: a module is suggested
when the text mentions one of its keywords (Chinese keywords as substrings; English keywords as
whole words, case-insensitive), or, for a module the buyer named itself (scope.other_modules), when
the text contains that module's name. A suggestion is a hint for the buyer to check, not a legal
test: a requirement worded without any keyword reads as needing nothing, and a module may match by
accident — so the risk review never builds a high finding on a suggestion alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .model import OtherModule, Requirement, Scope
from .text import Text

MODULE_LABELS: dict[str, Text] = {
    "contacts": Text("客户与联系人管理", "Accounts and Contacts"),
    "leads_opportunities": Text("线索与商机管理", "Leads and Opportunities"),
    "quotes_orders": Text("报价与订单管理", "Quotes and Orders"),
    "marketing": Text("营销自动化", "Marketing Automation"),
    "service_tickets": Text("客户服务与工单管理", "Customer Service and Ticketing"),
    "analytics": Text("报表与数据分析", "Reporting and Analytics"),
    "mobile": Text("移动端应用", "Mobile App"),
    "api": Text("开放接口（API）", "Open API"),
}

# Words a requirement uses when it needs the module. "客户" alone is left out: nearly every CRM
# requirement says it, so it would make the contacts module cover everything.
MODULE_KEYWORDS: dict[str, tuple[str, ...]] = {
    "contacts": (
        "联系人",
        "客户档案",
        "客户信息",
        "客户资料",
        "客户列表",
        "客户管理",
        "通讯录",
        "客户360",
        "contact",
        "contacts",
        "account",
        "accounts",
        "customer record",
        "customer records",
    ),
    "leads_opportunities": (
        "线索",
        "商机",
        "销售机会",
        "漏斗",
        "拜访",
        "跟进",
        "销售阶段",
        "赢单",
        "lead",
        "leads",
        "opportunity",
        "opportunities",
        "pipeline",
        "funnel",
        "visit",
        "visits",
    ),
    "quotes_orders": (
        "报价",
        "订单",
        "合同管理",
        "回款",
        "价格表",
        "quote",
        "quotes",
        "quotation",
        "quotations",
        "order",
        "orders",
        "invoice",
        "invoices",
    ),
    "marketing": (
        "营销",
        "市场活动",
        "推广",
        "群发",
        "短信",
        "邮件营销",
        "获客",
        "marketing",
        "campaign",
        "campaigns",
        "newsletter",
        "newsletters",
    ),
    "service_tickets": (
        "工单",
        "客服",
        "售后",
        "服务请求",
        "投诉",
        "报修",
        "ticket",
        "tickets",
        "case",
        "cases",
        "helpdesk",
        "service request",
        "complaint",
    ),
    "analytics": (
        "报表",
        "统计",
        "分析",
        "仪表盘",
        "看板",
        "图表",
        "report",
        "reports",
        "reporting",
        "analytics",
        "analysis",
        "dashboard",
        "dashboards",
        "statistics",
    ),
    "mobile": (
        "手机",
        "移动端",
        "移动应用",
        "小程序",
        "APP",
        "iOS",
        "Android",
        "mobile",
        "app",
        "apps",
        "phone",
        "phones",
        "smartphone",
    ),
    "api": (
        "接口",
        "API",
        "集成",
        "对接",
        "同步",
        "开放平台",
        "api",
        "apis",
        "integration",
        "integrate",
        "webhook",
        "webhooks",
        "sync",
    ),
}


@dataclass(frozen=True)
class Coverage:
    """A requirement, the modules it needs (chosen by the buyer, or else suggested) and the bought
    modules (keys, or the names of other modules) among them."""

    requirement: Requirement
    modules: tuple[str, ...]  # needed and bought
    needed: tuple[str, ...] = ()
    chosen: bool = False  # the buyer named the modules; False: `needed` is a keyword suggestion

    @property
    def covered(self) -> bool:
        return bool(self.modules)

    @property
    def not_bought(self) -> tuple[str, ...]:
        return tuple(module for module in self.needed if module not in self.modules)

    @property
    def must(self) -> bool:
        return self.requirement.priority == "must"


def mentions(text: str, keyword: str) -> bool:
    """Whether `text` mentions `keyword`: whole word for ASCII keywords, substring otherwise."""
    if keyword.isascii():
        pattern = rf"(?<![A-Za-z0-9]){re.escape(keyword)}(?![A-Za-z0-9])"
        return re.search(pattern, text, re.IGNORECASE) is not None
    return keyword.casefold() in text.casefold()


def covering_modules(
    requirement_text: str, modules: Iterable[str], other_modules: Iterable[OtherModule] = ()
) -> tuple[str, ...]:
    """The chosen modules whose keywords (or, for other modules, whose names) the text mentions."""
    found = [
        module for module in modules if any(mentions(requirement_text, kw) for kw in MODULE_KEYWORDS.get(module, ()))
    ]
    for other in other_modules:
        name = (other.name or "").strip()
        if len(name) >= 2 and mentions(requirement_text, name):
            found.append(name)
    return tuple(found)


def suggested_modules(requirement_text: str, other_modules: Iterable[OtherModule] = ()) -> tuple[str, ...]:
    """The modules (of all the standard ones, bought or not, and the buyer's own) the text suggests."""
    return covering_modules(requirement_text, MODULE_KEYWORDS, other_modules)


def requirement_coverage(scope: Scope, requirements: Iterable[Requirement] | None = None) -> tuple[Coverage, ...]:
    """Each requirement (the scope's own, or the list given) with the modules it needs and those bought."""
    rows = tuple(requirements) if requirements is not None else (scope.requirements or ())
    others = scope.other_modules or ()
    bought = set(scope.modules or ()) | {(o.name or "").strip() for o in others if (o.name or "").strip()}
    coverage = []
    for row in rows:
        chosen = bool(row.needs_modules)
        needed = tuple(row.needs_modules) if chosen else suggested_modules(row.text or "", others)
        coverage.append(
            Coverage(
                requirement=row,
                modules=tuple(module for module in needed if module in bought),
                needed=needed,
                chosen=chosen,
            )
        )
    return tuple(coverage)


def module_label(module: str) -> Text:
    """The module's name in both languages (an other module's own name as given)."""
    return MODULE_LABELS.get(module, Text(module, module))
