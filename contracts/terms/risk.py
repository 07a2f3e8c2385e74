"""The pre-signing risk review (签约前风险审查): rules that read the Terms and report findings.

`risk_review(terms, deviations=...)` runs every rule in RULES and returns a RiskReview. Each finding
has a stable rule id ("sla.target_low"), a severity (high / medium / low), what is wrong, why it
matters and what to change — each a Text in Chinese and English, because the review PDF follows the
contract's language — its risk group, and the wizard step and field (answers.md names) to fix.

The rules cover the "risk review" section of shared/domain/contract-checklist.md, grouped under the
brief's four risks (functional mismatch, vendor stability, data migration, legal compliance) plus
SLA, price, term, liability and exit. A rule whose answer is missing stays silent unless the
missing answer is itself the risk (no migration owner, no export format …): completeness is the
wizard's job.

Judgment calls, documented where they are made:
- functional: module coverage is the keyword heuristic of coverage.py;
- vendor: "young or small" is fewer than 3 years or fewer than 50 customers (vendors.py);
- price: our contract makes one-time fees payable after final acceptance, or per accepted
  milestone; the risk is milestones due before go-live that add up to 100 %, leaving nothing for
  final acceptance;
- liability: delay damages are a % of the total contract value; a total cap above 30 % of it is
  treated as "excessive" under Civil Code 585 (damages more than 30 % above the loss a delay
  usually causes are generally reduced on request), so the buyer cannot count on the excess.
Some rules cannot fire with the wizard's ranges (e.g. a liability cap under 12 months); they still
run, because answers also come from imports and older drafts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .coverage import requirement_coverage
from .dates import non_renewal_deadline
from .model import Terms
from .money import ZERO, dec_or_zero, pct_of
from .pricing import ESCALATING_TYPES
from .text import Text, date_text, minutes_text, money_text, pct_text
from .vendors import WEAK_CUSTOMERS, WEAK_YEARS, is_young_or_small

SEVERITIES = ("high", "medium", "low")
SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}
SEVERITY_LABELS: dict[str, Text] = {
    "high": Text("高风险", "High"),
    "medium": Text("中风险", "Medium"),
    "low": Text("低风险", "Low"),
}

GROUPS: dict[str, Text] = {
    "functional": Text("功能不符", "Functional mismatch"),
    "vendor": Text("供应商稳定性", "Vendor stability"),
    "migration": Text("数据迁移", "Data migration"),
    "compliance": Text("法律合规", "Legal compliance"),
    "sla": Text("服务水平", "Service levels"),
    "price": Text("价格", "Price"),
    "term": Text("期限与续约", "Term and renewal"),
    "liability": Text("违约责任", "Liability"),
    "exit": Text("退出与数据返还", "Exit and data return"),
    "deviations": Text("与我方标准条款的偏离", "Deviations from our standard"),
}
GROUP_ORDER = {group: index for index, group in enumerate(GROUPS)}

MIN_AVAILABILITY_PCT = Decimal("99.5")
MIN_CLAIM_DAYS = 15
MIN_CREDIT_CAP_PCT = Decimal("10")
MAX_ESCALATION_PCT = Decimal("5")
MAX_NOTICE_DAYS = 90
MIN_LIABILITY_CAP_MONTHS = 12
MAX_LD_CAP_PCT = Decimal("30")
MIN_RECONCILIATION_PCT = Decimal("99")
MAX_SENSITIVE_BREACH_HOURS = 24
EEA_COUNTRIES = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO".split()
)


@dataclass(frozen=True)
class Finding:
    """One risk: what is wrong, why it matters, what to change, and where to change it."""

    rule: str
    severity: str
    group: str
    step: str
    field: str
    problem: Text
    why: Text
    change: Text

    @property
    def group_label(self) -> Text:
        return GROUPS[self.group]

    @property
    def severity_label(self) -> Text:
        return SEVERITY_LABELS[self.severity]

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON: ids, labels and the three messages in both languages."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "group": self.group,
            "group_label": self.group_label.as_dict(),
            "step": self.step,
            "field": self.field,
            "problem": self.problem.as_dict(),
            "why": self.why.as_dict(),
            "change": self.change.as_dict(),
        }


@dataclass(frozen=True)
class Issue:
    """What a rule's check returns; the rule adds its id, group, step and field."""

    severity: str
    problem: Text
    why: Text
    change: Text
    field: str | None = None  # overrides the rule's field when the fix is elsewhere


@dataclass(frozen=True)
class Rule:
    id: str
    group: str
    step: str
    field: str
    check: Callable[[Terms], Issue | None]

    def run(self, terms: Terms) -> Finding | None:
        issue = self.check(terms)
        if issue is None:
            return None
        return Finding(
            rule=self.id,
            severity=issue.severity,
            group=self.group,
            step=self.step,
            field=issue.field or self.field,
            problem=issue.problem,
            why=issue.why,
            change=issue.change,
        )


RULES: list[Rule] = []


def rule(rule_id: str, *, group: str, step: str, field: str) -> Callable:
    """Registers a check as a rule; the order of registration is the order of the report."""

    def register(check: Callable[[Terms], Issue | None]) -> Callable[[Terms], Issue | None]:
        RULES.append(Rule(rule_id, group, step, field, check))
        return check

    return register


@dataclass(frozen=True)
class FindingGroup:
    group: str
    label: Text
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class RiskReview:
    """The findings, most severe first, with counts, groups and a verdict a buyer can act on."""

    findings: tuple[Finding, ...]

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(SEVERITIES, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    @property
    def groups(self) -> tuple[FindingGroup, ...]:
        """Groups with findings, in the order of GROUPS; within a group most severe first."""
        return tuple(
            FindingGroup(group, label, found)
            for group, label in GROUPS.items()
            if (found := tuple(f for f in self.findings if f.group == group))
        )

    @property
    def verdict(self) -> Text:
        counts = self.counts
        high, others = counts["high"], counts["medium"] + counts["low"]
        if high:
            zh = f"有{high}项高风险需在签署前解决"
            en = f"{high} high risk{'s' if high != 1 else ''} to resolve before signing"
            if others:
                zh += f"；另有{others}项值得考虑"
                en += f"; {others} more point{'s' if others != 1 else ''} to consider"
            return Text(zh + "。", en + ".")
        if others:
            return Text(
                f"无高风险；有{others}项值得考虑。",
                f"No high risks; {others} point{'s' if others != 1 else ''} to consider.",
            )
        return Text("未发现风险项，可以进入签署流程。", "No risks found: ready for signing.")

    def rule_ids(self) -> list[str]:
        return [finding.rule for finding in self.findings]

    def as_dict(self) -> dict[str, Any]:
        """Plain data for the risk_review command's JSON output."""
        return {
            "verdict": self.verdict.as_dict(),
            "counts": self.counts,
            "findings": [finding.as_dict() for finding in self.findings],
        }


def risk_review(terms: Terms, *, deviations: Iterable[Any] = ()) -> RiskReview:
    """Run every rule on `terms`; each deviation from our standard clause adds a finding.

    A deviation is an object or a mapping with `key` (the clause key), `title_zh`, `title_en`,
    `position` ("balanced" → medium, "vendor" → high) and `note_zh`, `note_en`; optional `step`
    and `field` point at the answer that caused it.
    """
    found = [finding for r in RULES if (finding := r.run(terms)) is not None]
    found += [deviation_finding(item) for item in deviations]
    # a stable sort: within a severity and group, findings keep the order of RULES
    found.sort(key=lambda f: (SEVERITY_RANK[f.severity], GROUP_ORDER[f.group]))
    return RiskReview(findings=tuple(found))


def deviation_finding(deviation: Any) -> Finding:
    """A clause that departs from our standard wording, as a finding of the deviations group."""
    key = _attr(deviation, "key") or _attr(deviation, "clause_key") or ""
    title = Text(_attr(deviation, "title_zh") or key, _attr(deviation, "title_en") or key)
    position = _attr(deviation, "position") or "balanced"
    note = Text(_attr(deviation, "note_zh") or "", _attr(deviation, "note_en") or "")
    if position == "vendor":
        problem = Text(
            f"“{title.zh}”条款采用了偏向乙方的表述，偏离我方标准条款。",
            f"The clause \u201c{title.en}\u201d uses vendor-favourable wording instead of our standard.",
        )
    else:
        problem = Text(
            f"“{title.zh}”条款采用了折中表述，偏离我方标准条款。",
            f"The clause \u201c{title.en}\u201d uses a balanced compromise instead of our standard.",
        )
    why = Text(
        note.zh or "偏离标准条款会削弱甲方在该事项上的保护。",
        note.en or "A departure from the standard weakens the buyer's protection on this point.",
    )
    change = Text(
        f"争取恢复我方标准表述；如确需接受，在内部记录接受“{title.zh}”偏离的理由和审批人。",
        f"Negotiate back to our standard wording; if the deviation in \u201c{title.en}\u201d "
        "must be accepted, record why and who approved it.",
    )
    return Finding(
        rule=f"deviation.{key}",
        severity="high" if position == "vendor" else "medium",
        group="deviations",
        step=_attr(deviation, "step") or "",
        field=_attr(deviation, "field") or "",
        problem=problem,
        why=why,
        change=change,
    )


def _attr(item: Any, name: str) -> Any:
    if isinstance(item, Mapping):
        return item.get(name)
    return getattr(item, name, None)


# Functional mismatch (功能不符) -------------------------------------------------------------------


@rule("functional.no_requirements", group="functional", step="scope", field="requirements")
def _no_requirements(t: Terms) -> Issue | None:
    if t.scope.requirements:
        return None
    return Issue(
        "high",
        Text("没有需求清单。", "There is no requirement list."),
        Text(
            "验收只能对照合同约定的内容进行；没有需求清单，乙方交付的功能与甲方的实际需要不符时，"
            "甲方无法据此拒绝验收或要求整改。",
            "Acceptance can only test what the contract states: without a requirement list the "
            "buyer cannot reject a delivery that does not do what it needs.",
        ),
        Text(
            "在“服务范围”中逐条列出需求，标明必须（must）或应当（should），并为每条必须需求写明验收测试。",
            "List the requirements in the scope step, mark each must or should, and give every "
            "must-have an acceptance test.",
        ),
    )


@rule("functional.must_without_test", group="functional", step="scope", field="requirements")
def _must_without_test(t: Terms) -> Issue | None:
    missing = [
        r.id or str(index)
        for index, r in enumerate(t.scope.requirements or (), start=1)
        if r.priority == "must" and not (r.acceptance_test or "").strip()
    ]
    if not missing:
        return None
    ids = "、".join(missing), ", ".join(missing)
    return Issue(
        "high",
        Text(
            f"必须需求{ids[0]}没有验收测试。",
            f"Must-have requirement{'s' if len(missing) > 1 else ''} {ids[1]} "
            f"{'have' if len(missing) > 1 else 'has'} no acceptance test.",
        ),
        Text(
            "没有约定的测试方法，双方对“是否满足需求”会各执一词，乙方可以主张已经交付。",
            "Without an agreed test the parties will argue over whether the requirement is met, "
            "and the vendor can claim it has delivered.",
        ),
        Text(
            "为每条必须需求写明可执行的验收测试：测试数据、操作步骤和通过标准。",
            "Write an acceptance test for each must-have: test data, steps and the pass criterion.",
        ),
    )


@rule("functional.modules_cover_nothing", group="functional", step="scope", field="modules")
def _modules_cover_nothing(t: Terms) -> Issue | None:
    coverage = requirement_coverage(t.scope)
    if not coverage or any(row.covered for row in coverage):
        return None
    return Issue(
        "high",
        Text(
            "所选功能模块与需求清单中的任何一条需求都不对应。",
            "None of the chosen modules matches any requirement on the list.",
        ),
        Text(
            "所购模块与需求脱节，是“功能不符”风险的典型表现：甲方可能为用不上的模块付费，"
            "而真正需要的功能不在合同范围内。",
            "Modules that match no requirement are the classic functional mismatch: the buyer "
            "pays for what it does not need while what it needs is out of scope.",
        ),
        Text(
            "核对模块与需求：补选覆盖需求的模块，或在需求中写明由哪个模块实现。",
            "Check modules against requirements: add the modules that deliver them, or say in "
            "each requirement which module delivers it.",
        ),
    )


@rule("functional.must_uncovered", group="functional", step="scope", field="modules")
def _must_uncovered(t: Terms) -> Issue | None:
    coverage = requirement_coverage(t.scope)
    if not any(row.covered for row in coverage):
        return None  # functional.modules_cover_nothing reports it
    uncovered = [
        row.requirement.id or str(index) for index, row in enumerate(coverage, start=1) if row.must and not row.covered
    ]
    if not uncovered:
        return None
    return Issue(
        "low",
        Text(
            f"必须需求{'、'.join(uncovered)}看不出由哪个所选模块实现。",
            f"Must-have requirement{'s' if len(uncovered) > 1 else ''} {', '.join(uncovered)}: "
            "no chosen module visibly delivers it.",
        ),
        Text(
            "需求与模块的对应是按关键词推断的；如果确实没有模块实现该需求，乙方可以主张其不在服务范围内。",
            "The match is inferred from keywords; if no module really delivers the requirement, "
            "the vendor can say it is out of scope.",
        ),
        Text(
            "确认由哪个模块实现这些需求，必要时补选模块或在需求文字中写明模块名称。",
            "Confirm which module delivers these requirements; add a module or name it in the requirement text.",
        ),
    )


@rule(
    "functional.deemed_acceptance",
    group="functional",
    step="implementation",
    field="deemed_acceptance",
)
def _deemed_acceptance(t: Terms) -> Issue | None:
    if t.implementation.deemed_acceptance is not True:
        return None
    return Issue(
        "medium",
        Text(
            "约定了“视为验收”：经乙方书面催告后甲方仍逾期未答复的，视为验收合格。",
            "Deemed acceptance: silence after the vendor's written reminder counts as acceptance.",
        ),
        Text(
            "验收期及催告后的期限内忙于其他事务或测试未完成，系统就会被视为合格，一次性费用随之到期，"
            "甲方失去拒收的权利。",
            "If the buyer is busy or testing runs late past the period and the reminder, the "
            "system is accepted by default, the one-time fees fall due and the right to reject is "
            "lost.",
        ),
        Text(
            "取消视为验收，验收只以甲方书面确认为准。",
            "Remove deemed acceptance: only the buyer's written sign-off accepts.",
        ),
    )


@rule("functional.reduction_allowed", group="functional", step="scope", field="no_material_reduction")
def _reduction_allowed(t: Terms) -> Issue | None:
    if t.scope.no_material_reduction is not False:
        return None
    return Issue(
        "medium",
        Text("合同允许乙方在服务期内削减已购功能。", "The vendor may reduce the functions bought."),
        Text(
            "SaaS版本随时更新；没有“不得实质性削减功能”的承诺，甲方付费的功能可能在下一次升级后消失。",
            "SaaS releases change constantly: without a no-reduction promise, functions the buyer "
            "pays for can disappear in the next release.",
        ),
        Text(
            "约定乙方不得实质性削减已购功能，削减的应退还相应费用。",
            "Require that the vendor may not materially reduce the functions bought, with a refund if it does.",
        ),
    )


# Vendor stability (供应商稳定性) ------------------------------------------------------------------


@rule("vendor.young_without_escrow", group="vendor", step="legal", field="escrow")
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


@rule("vendor.facts_unknown", group="vendor", step="parties", field="vendor_years_in_business")
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


@rule("vendor.no_change_of_control", group="vendor", step="legal", field="change_of_control_notice")
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


# Data migration (数据迁移) -------------------------------------------------------------------------


def _migrating(t: Terms) -> bool:
    return t.implementation.migrating is True


@rule("migration.no_owner", group="migration", step="implementation", field="migration_owner")
def _migration_no_owner(t: Terms) -> Issue | None:
    if not _migrating(t) or t.implementation.migration_owner:
        return None
    return Issue(
        "high",
        Text("迁移数据，但没有约定由谁负责迁移。", "Data is migrated, but nobody is responsible."),
        Text(
            "迁移失败或数据缺失时，双方会互相推诿，上线推迟而费用照付。",
            "When the migration fails or records go missing, each side blames the other while "
            "go-live slips and fees run.",
        ),
        Text("明确迁移责任方（建议由乙方负责）。", "Name who migrates (preferably the vendor)."),
    )


@rule("migration.no_method", group="migration", step="implementation", field="migration_method")
def _migration_no_method(t: Terms) -> Issue | None:
    if not _migrating(t) or t.implementation.migration_method:
        return None
    return Issue(
        "medium",
        Text("迁移数据，但没有约定迁移方式。", "Data is migrated, but the method is not agreed."),
        Text(
            "迁移方式决定能迁移哪些字段、附件和历史记录，以及工作量与费用。",
            "The method decides which fields, attachments and history can move, and what the work costs.",
        ),
        Text(
            "选择迁移方式（CSV导入、API或ETL），并在迁移方案附件中写明范围。",
            "Choose the method (CSV import, API or ETL) and set out the scope in the migration plan annex.",
        ),
    )


@rule(
    "migration.reconciliation_low",
    group="migration",
    step="implementation",
    field="reconciliation_threshold_pct",
)
def _reconciliation_low(t: Terms) -> Issue | None:
    if not _migrating(t):
        return None
    threshold = t.implementation.reconciliation_threshold_pct
    if threshold is not None and threshold >= MIN_RECONCILIATION_PCT:
        return None
    if threshold is None:
        problem = Text("迁移数据，但没有约定核对通过率。", "No reconciliation threshold is set.")
        severity = "high"
    else:
        problem = Text(
            f"迁移核对通过率仅为{pct_text(threshold)}，低于{pct_text(MIN_RECONCILIATION_PCT)}。",
            f"The reconciliation threshold is {pct_text(threshold)}, under {pct_text(MIN_RECONCILIATION_PCT)}.",
        )
        severity = "medium"
    return Issue(
        severity,
        problem,
        Text(
            "通过率决定迁移何时算完成；每缺失1%的记录，就意味着成百上千条客户数据丢失而乙方仍可主张迁移合格。",
            "The threshold decides when the migration is done: every missing per cent is hundreds "
            "or thousands of customer records lost while the vendor claims success.",
        ),
        Text(
            f"将核对通过率设为不低于{pct_text(MIN_RECONCILIATION_PCT)}（建议99.5%），未达标的由乙方重新迁移。",
            f"Set the threshold at {pct_text(MIN_RECONCILIATION_PCT)} or more (99.5% suggested), "
            "with a re-migration by the vendor if it is missed.",
        ),
    )


@rule("migration.no_parallel_run", group="migration", step="implementation", field="parallel_run_days")
def _no_parallel_run(t: Terms) -> Issue | None:
    if not _migrating(t) or t.implementation.parallel_run_days:
        return None
    return Issue(
        "medium",
        Text("新旧系统没有并行运行期。", "There is no parallel run of the old and new systems."),
        Text(
            "没有并行期，迁移后才发现的数据错误无法从旧系统核对和找回，业务会直接中断。",
            "Without a parallel run, errors found after the switch cannot be checked against or "
            "recovered from the old system, and the business stops.",
        ),
        Text(
            "约定不少于30日的并行运行期，期间旧系统保持可用。",
            "Agree a parallel run of at least 30 days with the old system still available.",
        ),
    )


@rule("migration.no_loss_remedy", group="migration", step="implementation", field="data_loss_remedy")
def _no_loss_remedy(t: Terms) -> Issue | None:
    if not _migrating(t) or t.implementation.data_loss_remedy:
        return None
    return Issue(
        "high",
        Text("没有约定迁移中数据丢失的补救措施。", "No remedy for data lost in migration."),
        Text(
            "客户数据丢失后难以恢复；没有约定补救，甲方只能自行承担重新录入的成本和业务损失。",
            "Lost customer data is hard to recover; without an agreed remedy the buyer bears the "
            "cost of re-entry and the lost business.",
        ),
        Text(
            "约定乙方自费重新迁移，并赔偿由此造成的损失。",
            "Require re-migration at the vendor's cost plus damages for the loss.",
        ),
    )


# Legal compliance (法律合规) -----------------------------------------------------------------------


@rule("compliance.pi_without_annex", group="compliance", step="data", field="personal_info")
def _pi_without_annex(t: Terms) -> Issue | None:
    if t.data.personal_info is True:
        return None
    return Issue(
        "high",
        Text(
            "已选择“不处理个人信息”，合同因此不含个人信息委托处理附件。",
            "Personal information is answered \u201cno\u201d, so the contract has no entrusted-processing annex.",
        ),
        Text(
            "CRM必然保存联系人的姓名、电话、邮箱等个人信息；《个人信息保护法》第二十一条要求甲方与受托方"
            "约定处理目的、期限、方式、种类、保护措施和双方权利义务，并监督其处理。",
            "A CRM always holds contacts' names, phones and emails; PIPL Art. 21 requires the "
            "buyer to agree the purpose, period, method, categories, safeguards and both sides' "
            "duties with the processor, and to supervise it.",
        ),
        Text(
            "将“处理个人信息”改为“是”，合同将附上委托处理附件；签约前完成个人信息保护影响评估。",
            "Answer \u201cyes\u201d to personal information so the entrusted-processing annex is "
            "included, and carry out the impact assessment before signing.",
        ),
    )


def _volumes_unknown(t: Terms) -> bool:
    d = t.data
    if d.is_ciio:
        return False  # a CIIO needs the security assessment whatever the volumes
    return d.cn_individuals_per_year is None or (d.sensitive_pi is True and d.cn_sensitive_per_year is None)


@rule(
    "compliance.cross_border_volumes_unknown",
    group="compliance",
    step="data",
    field="cn_individuals_per_year",
)
def _cross_border_volumes_unknown(t: Terms) -> Issue | None:
    if not t.data.cross_border or not _volumes_unknown(t):
        return None
    return Issue(
        "high",
        Text(
            "个人信息出境，但未填写出境人数，无法确定《个人信息保护法》要求的出境途径。",
            "Personal information leaves China, but the volumes are not given: the route PIPL "
            "requires cannot be determined.",
        ),
        Text(
            "出境途径（安全评估、标准合同或豁免）取决于自1月1日起累计出境的个人信息人数和敏感个人信息人数；"
            "走错途径属于违法出境。",
            "The route (security assessment, standard contract or exemption) depends on how many "
            "individuals' personal and sensitive personal information leave China since 1 January; "
            "the wrong route is an unlawful transfer.",
        ),
        Text(
            "填写每年出境的个人信息人数和敏感个人信息人数，以确定出境途径。",
            "Enter the yearly number of individuals whose personal and sensitive personal "
            "information is transferred, to fix the route.",
        ),
        field="cn_individuals_per_year" if t.data.cn_individuals_per_year is None else "cn_sensitive_per_year",
    )


@rule(
    "compliance.cross_border_cac_assessment",
    group="compliance",
    step="data",
    field="cn_individuals_per_year",
)
def _cross_border_cac(t: Terms) -> Issue | None:
    if _volumes_unknown(t) or t.data.pipl_route != "cac_assessment":
        return None
    return Issue(
        "high",
        Text(
            "本次出境须通过国家网信部门的数据出境安全评估，合同约定评估通过前乙方不得出境。",
            "This transfer needs the CAC security assessment; the contract bars any transfer until it has passed.",
        ),
        Text(
            "关键信息基础设施运营者、或出境100万人以上个人信息或1万人以上敏感个人信息的，须申报安全评估；"
            "评估由甲方申报且耗时较长，未通过前服务无法按计划使用。",
            "A CIIO, or a transfer of 1,000,000+ individuals' personal information or 10,000+ "
            "individuals' sensitive information, needs the assessment; the buyer files it and it "
            "takes time, so the service cannot be used as planned until it passes.",
        ),
        Text(
            "签约前由甲方启动安全评估申报并据此安排上线时间，或改为境内存储以免出境。",
            "Have the buyer start the assessment filing before signing and plan go-live around "
            "it, or store the data in mainland China to avoid the transfer.",
        ),
    )


@rule(
    "compliance.cross_border_standard_contract",
    group="compliance",
    step="data",
    field="cn_individuals_per_year",
)
def _cross_border_standard_contract(t: Terms) -> Issue | None:
    if _volumes_unknown(t) or t.data.pipl_route != "standard_contract":
        return None
    return Issue(
        "medium",
        Text(
            "本次出境须订立个人信息出境标准合同并备案（或通过个人信息保护认证），完成前乙方不得出境。",
            "This transfer needs the PIPL standard contract, filed with the provincial CAC (or a "
            "certification); until then the vendor may not transfer.",
        ),
        Text(
            "出境10万人以上不满100万人的个人信息或不满1万人的敏感个人信息，须采用标准合同或认证途径；"
            "标准合同应在生效之日起10个工作日内向省级网信部门备案。",
            "100,000–999,999 individuals' personal information, or sensitive information of fewer "
            "than 10,000, needs the standard contract or certification; the standard contract is "
            "filed with the provincial CAC within 10 working days of taking effect.",
        ),
        Text(
            "签约时与境外接收方签订标准合同，完成个人信息保护影响评估并按期备案。",
            "Sign the standard contract with the foreign recipient, complete the impact assessment "
            "and file it on time.",
        ),
    )


@rule(
    "compliance.cross_border_exempt",
    group="compliance",
    step="data",
    field="cn_individuals_per_year",
)
def _cross_border_exempt(t: Terms) -> Issue | None:
    if _volumes_unknown(t) or t.data.pipl_route != "exempt":
        return None
    return Issue(
        "low",
        Text(
            "本次出境按现行规定免于安全评估、标准合同和认证，但仍有法定义务。",
            "This transfer is exempt from the assessment, standard contract and certification, but duties remain.",
        ),
        Text(
            "豁免不免除《个人信息保护法》第三十九条的告知和单独同意义务及第五十五条的影响评估；"
            "出境人数增长后可能不再豁免。",
            "The exemption leaves the notice and separate consent of PIPL Art. 39 and the impact "
            "assessment of Art. 55; growing volumes can end it.",
        ),
        Text(
            "向个人告知境外接收方并取得单独同意，完成影响评估，并每年复核出境人数。",
            "Inform individuals of the foreign recipient and obtain separate consent, do the "
            "impact assessment, and recheck the volumes every year.",
        ),
    )


@rule("compliance.gdpr_not_applied", group="compliance", step="data", field="gdpr_applies")
def _gdpr_not_applied(t: Terms) -> Issue | None:
    in_eea = t.data.data_location == "eu" or (
        t.parties.vendor_is_foreign is True and (t.parties.vendor_country or "").upper() in EEA_COUNTRIES
    )
    if t.data.gdpr_applies is True or not in_eea:
        return None
    return Issue(
        "medium",
        Text(
            "数据存储于欧盟或乙方设立于欧洲经济区，但未选择适用GDPR，合同因此不含数据处理协议（DPA）附件。",
            "Data is stored in the EU or the vendor is established in the EEA, but the GDPR is "
            "answered \u201cno\u201d, so there is no data processing agreement (DPA) annex.",
        ),
        Text(
            "在欧盟设立的处理者须遵守GDPR；GDPR第28条要求控制者与处理者签订载明法定内容的处理协议。",
            "A processor established in the EU is bound by the GDPR, and Art. 28 requires a "
            "written processing agreement with set contents.",
        ),
        Text(
            "与法律顾问确认GDPR是否适用；适用的，选择“适用GDPR”以附上DPA附件。",
            "Confirm with counsel whether the GDPR applies; if it does, answer \u201cyes\u201d so "
            "the DPA annex is included.",
        ),
    )


@rule("compliance.gdpr_transfer", group="compliance", step="data", field="data_location")
def _gdpr_transfer(t: Terms) -> Issue | None:
    if t.data.gdpr_applies is not True or t.data.data_location in (None, "eu"):
        return None
    return Issue(
        "medium",
        Text(
            "适用GDPR，但数据存储于欧洲经济区以外，需要合法的跨境传输机制。",
            "The GDPR applies but data is stored outside the EEA: a transfer mechanism is needed.",
        ),
        Text(
            "DPA附件只允许依GDPR第五章传输：充分性认定、欧盟标准合同条款（2021/914）及传输影响评估，"
            "或其他第46条保障措施；缺少时传输即违法。",
            "The DPA annex allows transfers only under GDPR Chapter V: an adequacy decision, the "
            "EU standard contractual clauses (2021/914) with a transfer impact assessment, or "
            "another Art. 46 safeguard; without one the transfer is unlawful.",
        ),
        Text(
            "签约时一并签订欧盟标准合同条款并完成传输影响评估，或改为在欧盟存储数据。",
            "Sign the EU standard contractual clauses and do the transfer impact assessment with "
            "the contract, or store the data in the EU.",
        ),
    )


@rule(
    "compliance.sensitive_pi_weak_terms",
    group="compliance",
    step="data",
    field="breach_notice_hours",
)
def _sensitive_pi_weak_terms(t: Terms) -> Issue | None:
    d = t.data
    if d.sensitive_pi is not True:
        return None
    gaps: list[tuple[str, Text]] = []
    if d.breach_notice_hours is None or d.breach_notice_hours > MAX_SENSITIVE_BREACH_HOURS:
        hours = "—" if d.breach_notice_hours is None else str(d.breach_notice_hours)
        gaps.append(
            (
                "breach_notice_hours",
                Text(
                    f"安全事件通知时限为{hours}小时（超过{MAX_SENSITIVE_BREACH_HOURS}小时）",
                    f"incident notice in {hours} hours (over {MAX_SENSITIVE_BREACH_HOURS})",
                ),
            )
        )
    if not d.security_certifications_required:
        gaps.append(
            (
                "security_certifications_required",
                Text("未要求任何安全认证", "no security certification required"),
            )
        )
    if d.audit_rights is False:
        gaps.append(("audit_rights", Text("甲方没有审计权", "no audit rights")))
    if not gaps:
        return None
    return Issue(
        "high",
        Text(
            f"处理敏感个人信息，但保护条款不足：{'；'.join(g.zh for _, g in gaps)}。",
            f"Sensitive personal information is processed with weak terms: {'; '.join(g.en for _, g in gaps)}.",
        ),
        Text(
            "敏感个人信息一旦泄露，容易导致人格尊严受到侵害或人身、财产安全受到危害；"
            "《个人信息保护法》要求采取严格保护措施，甲方作为处理者须对受托方的处理负责。",
            "A leak of sensitive personal information easily harms dignity, safety or property; "
            "PIPL requires strict protection, and the buyer answers for its processor.",
        ),
        Text(
            f"将安全事件通知时限定为不超过{MAX_SENSITIVE_BREACH_HOURS}小时，要求ISO 27001或等保三级认证，"
            "并保留审计权。",
            f"Require incident notice within {MAX_SENSITIVE_BREACH_HOURS} hours, ISO 27001 or MLPS "
            "level 3 certification, and audit rights.",
        ),
        field=gaps[0][0],
    )


@rule(
    "compliance.arbitration_no_commission",
    group="compliance",
    step="legal",
    field="arbitration_commission",
)
def _arbitration_no_commission(t: Terms) -> Issue | None:
    legal = t.legal
    if legal.forum != "arbitration":
        return None
    other_name = (legal.arbitration_commission_other or "").strip()
    named = legal.arbitration_commission and (legal.arbitration_commission != "other" or other_name)
    if named:
        return None
    return Issue(
        "high",
        Text(
            "约定仲裁，但没有明确仲裁委员会，仲裁协议无效。",
            "Arbitration is chosen without a named commission: the arbitration agreement is invalid.",
        ),
        Text(
            "《仲裁法》第十六条、第十八条：仲裁协议未选定仲裁委员会且不能达成补充协议的，协议无效；"
            "发生争议时甲方将先陷入管辖之争。",
            "Arbitration Law Arts. 16 and 18: without a chosen commission, and no supplementary "
            "agreement, the clause is void, and a dispute starts with a fight over the forum.",
        ),
        Text(
            "写明仲裁委员会的全称（如中国国际经济贸易仲裁委员会），或改为法院管辖。",
            "Name the commission in full (e.g. CIETAC), or choose a court instead.",
        ),
        field="arbitration_commission_other" if legal.arbitration_commission == "other" else "arbitration_commission",
    )


# Service levels (服务水平) -------------------------------------------------------------------------


@rule("sla.target_low", group="sla", step="sla", field="availability_target_pct")
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


@rule("sla.no_credit_table", group="sla", step="sla", field="credit_table")
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


@rule("sla.credits_exclusive", group="sla", step="sla", field="credits_exclusive_remedy")
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


@rule("sla.no_chronic_exit", group="sla", step="sla", field="chronic_failure_consecutive_months")
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


@rule("sla.claim_window_short", group="sla", step="sla", field="credit_claim_days")
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


@rule("sla.credit_cap_low", group="sla", step="sla", field="credit_cap_pct")
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


# Price (价格) -----------------------------------------------------------------------------------


@rule("price.renewal_uncapped", group="price", step="pricing", field="escalation_cap_pct")
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


@rule("price.cap_above_5", group="price", step="pricing", field="escalation_cap_pct")
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


@rule("price.fees_before_acceptance", group="price", step="implementation", field="milestones")
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


# Term (期限与续约) ------------------------------------------------------------------------------------


@rule("term.long_notice", group="term", step="term", field="non_renewal_notice_days")
def _long_notice(t: Terms) -> Issue | None:
    days = t.term.non_renewal_notice_days
    if t.term.auto_renew is not True or days is None or days <= MAX_NOTICE_DAYS:
        return None
    deadline = t.term.non_renewal_deadline
    if deadline is None and t.term.initial_term_end is not None:
        deadline = non_renewal_deadline(t.term.initial_term_end, days)
    when = date_text(deadline) if deadline else Text("初始期限届满前", "before the term ends")
    return Issue(
        "medium",
        Text(
            f"须提前{days}日通知不续约，即最晚于{when.zh}发出，否则合同自动续约。",
            f"Non-renewal needs {days} days' notice — by {when.en} — or the contract renews.",
        ),
        Text(
            f"超过{MAX_NOTICE_DAYS}日的通知期很容易错过，错过就要再付一个续约期的费用。",
            f"A notice period over {MAX_NOTICE_DAYS} days is easy to miss, and missing it costs "
            "another renewal term of fees.",
        ),
        Text(
            "将不续约通知期缩短至30–60日，并把截止日期记入日历。",
            "Shorten the notice to 30–60 days and put the deadline in the calendar.",
        ),
    )


# Liability (违约责任) ---------------------------------------------------------------------------------


@rule("liability.cap_low", group="liability", step="legal", field="liability_cap_months")
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


@rule("liability.ld_excessive", group="liability", step="legal", field="ld_total_cap_pct")
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


# Exit (退出与数据返还) --------------------------------------------------------------------------------


@rule("exit.no_export_formats", group="exit", step="data", field="export_formats")
def _no_export_formats(t: Terms) -> Issue | None:
    if t.data.export_formats:
        return None
    return Issue(
        "high",
        Text("没有约定数据导出格式。", "No data export format is agreed."),
        Text(
            "退出时若只能得到PDF或专有格式，客户数据无法导入新系统，甲方将被锁定在现有供应商。",
            "If exit yields only PDFs or a proprietary format, the data cannot be loaded into a "
            "new system and the buyer is locked in.",
        ),
        Text(
            "约定以CSV、JSON等机器可读格式导出全部数据（含附件和字段说明）。",
            "Require export of all data, with attachments and field descriptions, in "
            "machine-readable formats such as CSV and JSON.",
        ),
    )


@rule("exit.deletion_before_export", group="exit", step="data", field="post_term_access_days")
def _deletion_before_export(t: Terms) -> Issue | None:
    access, export = t.data.post_term_access_days, t.data.export_on_request_days
    if access and (export is None or access >= export):
        return None
    if not access:
        problem = Text(
            "合同终止后没有数据访问期，乙方可在服务结束后立即开始删除数据。",
            "There is no access window after the term: deletion can start as soon as the service ends.",
        )
    else:
        problem = Text(
            f"终止后访问期仅{access}日，短于乙方按要求提供导出的{export}日，数据可能在导出完成前被删除。",
            f"The post-term access window ({access} days) is shorter than the {export} days the "
            "vendor has to deliver an export: data can be deleted before the export arrives.",
        )
    return Issue(
        "high",
        problem,
        Text(
            "数据删除后无法恢复；甲方必须在删除开始前拿到完整导出，才能迁移到新系统。",
            "Deleted data cannot be recovered; the buyer needs a complete export before deletion "
            "starts to move to a new system.",
        ),
        Text(
            "约定不少于30日的终止后访问期，且长于导出交付期限；删除只在访问期届满后开始。",
            "Agree an access window of at least 30 days, longer than the export delivery time; "
            "deletion starts only after it ends.",
        ),
    )


@rule("exit.no_transition_assistance", group="exit", step="legal", field="transition_assistance_days")
def _no_transition_assistance(t: Terms) -> Issue | None:
    if t.legal.transition_assistance_days != 0:
        return None
    return Issue(
        "low",
        Text("合同终止时乙方不提供过渡协助。", "The vendor gives no transition assistance at exit."),
        Text(
            "迁往新系统时常需要原供应商解释数据结构、配合导出和切换；没有约定，乙方可拒绝或另行收费。",
            "Moving to a new system usually needs the old vendor to explain the data and help "
            "with the switch; without a term it can refuse or charge extra.",
        ),
        Text("约定不少于60日的过渡协助。", "Agree at least 60 days of transition assistance."),
    )


RULE_IDS: tuple[str, ...] = tuple(r.id for r in RULES)


__all__ = [
    "Finding",
    "FindingGroup",
    "GROUPS",
    "RULES",
    "RULE_IDS",
    "RiskReview",
    "SEVERITIES",
    "deviation_finding",
    "risk_review",
]
