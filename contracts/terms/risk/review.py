"""The review's frame: findings, rules and their registry, the report, and deviations as findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..model import Terms
from ..text import Text

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
    "consistency": Text("条款之间的一致性", "Consistency between answers"),
    "deviations": Text("与我方标准条款的偏离", "Deviations from our standard"),
}
GROUP_ORDER = {group: index for index, group in enumerate(GROUPS)}


# Why a severity: one line a lawyer can weigh; a rule gives its own reason when the default is too vague.
SEVERITY_REASONS: dict[str, Text] = {
    "high": Text(
        "签署前应解决：可能使条款无效、使甲方无法拒收或索赔，或造成重大损失。",
        "Resolve before signing: it can void a clause, leave the buyer unable to reject or claim, or cause a major loss.",
    ),
    "medium": Text(
        "值得谈判：削弱甲方的保护，但不致使合同失去作用。",
        "Worth negotiating: it weakens the buyer's protection without defeating the contract.",
    ),
    "low": Text(
        "值得核对：可能是疏漏，也可能是有意的安排。",
        "Worth checking: it may be an oversight or a deliberate choice.",
    ),
}

# What no rule can judge: said on every review, so that no finding-free review reads as a clearance.
NOT_JUDGED: tuple[Text, ...] = (
    Text(
        "律师对合同全文的审阅：条款措辞、附件内容、各条款之间以及与双方其他文件之间的关系。",
        "A lawyer's review of the whole text: the wording, the annexes, and how the clauses fit "
        "together and with the parties' other documents.",
    ),
    Text(
        "关于乙方的事实：主体资格与资质、财务状况、诉讼与处罚记录、实际交付能力，以及其所作陈述是否属实。",
        "Facts about the vendor: its standing and licences, finances, litigation and penalties, "
        "its real capacity to deliver, and whether what it states is true.",
    ),
    Text(
        "所填答案是否真实、完整，以及向导未询问的事项。",
        "Whether the answers given are true and complete, and matters the wizard does not ask about.",
    ),
)


@dataclass(frozen=True)
class Citation:
    """The clause a finding is about, as the assembled contract prints it (number and title)."""

    clause: str  # clause key, or a section key when the clause itself is not printed
    number: str  # "7.3", "7" (the article), "Annex 3 / 2"
    zh: str  # 第7.3条“可用率承诺”
    en: str  # Section 7.3 (Availability Commitment)
    printed: bool = True  # False: the clause the rule asks for is not in the contract

    def in_language(self, language: str) -> str:
        """The citation in the contract's language; both for a bilingual contract."""
        if language == "bilingual":
            return f"{self.zh} / {self.en}"
        return self.zh if language == "zh" else self.en

    def as_dict(self) -> dict[str, Any]:
        return {"clause": self.clause, "number": self.number, "zh": self.zh, "en": self.en, "printed": self.printed}


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
    clauses: tuple[str, ...] = ()  # clause keys the finding is about, the best first
    reason: Text | None = None  # why this severity; None: the severity's usual reason
    citation: Citation | None = None  # attached by the layer that assembles the contract
    citation_language: str = "zh"

    @property
    def group_label(self) -> Text:
        return GROUPS[self.group]

    @property
    def severity_label(self) -> Text:
        return SEVERITY_LABELS[self.severity]

    @property
    def severity_reason(self) -> Text:
        return self.reason or SEVERITY_REASONS[self.severity]

    @property
    def cited(self) -> str:
        """The printed clause in the contract's language; empty before a contract was assembled."""
        return self.citation.in_language(self.citation_language) if self.citation else ""

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON: ids, labels, the citation and the messages in both languages."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "severity_reason": self.severity_reason.as_dict(),
            "group": self.group,
            "group_label": self.group_label.as_dict(),
            "clause": self.citation.as_dict() | {"printed_text": self.cited} if self.citation else None,
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
    reason: Text | None = None  # why this severity, when the severity's usual reason does not say it
    step: str | None = None  # overrides the rule's step when the fix is in another step


@dataclass(frozen=True)
class Rule:
    id: str
    group: str
    step: str
    field: str
    check: Callable[[Terms], Issue | None]
    clauses: tuple[str, ...] = ()

    def run(self, terms: Terms) -> Finding | None:
        issue = self.check(terms)
        if issue is None:
            return None
        return Finding(
            rule=self.id,
            severity=issue.severity,
            group=self.group,
            step=issue.step or self.step,
            field=issue.field or self.field,
            problem=issue.problem,
            why=issue.why,
            change=issue.change,
            clauses=self.clauses,
            reason=issue.reason,
        )


RULES: list[Rule] = []


def rule(rule_id: str, *, group: str, step: str, field: str, clauses: tuple[str, ...] = ()) -> Callable:
    """Registers a check as a rule; the order of registration is the order of the report."""

    def register(check: Callable[[Terms], Issue | None]) -> Callable[[Terms], Issue | None]:
        RULES.append(Rule(rule_id, group, step, field, check, clauses))
        return check

    return register


@dataclass(frozen=True)
class FindingGroup:
    group: str
    label: Text
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class CheckedGroup:
    """A rule group the review ran, with how many rules it holds."""

    group: str
    label: Text
    rules: int

    def as_dict(self) -> dict[str, Any]:
        return {"group": self.group, "label": self.label.as_dict(), "rules": self.rules}


@dataclass(frozen=True)
class RiskReview:
    """The findings, most severe first, with counts, groups and a verdict a buyer can act on.

    `rules` are the rules that ran (all of RULES, or those of the steps answered so far); with
    `deviations_checked` they make the "what was checked" list that every review states."""

    findings: tuple[Finding, ...]
    rules: tuple[Rule, ...] = ()
    deviations_checked: int = 0  # negotiable clauses compared with our standard text

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
    def checked(self) -> tuple[CheckedGroup, ...]:
        """The rule groups that ran, in the order of GROUPS, with their number of rules."""
        per_group = {group: sum(1 for r in self.rules if r.group == group) for group in GROUPS}
        per_group["deviations"] = self.deviations_checked
        return tuple(CheckedGroup(group, GROUPS[group], n) for group, n in per_group.items() if n)

    @property
    def not_judged(self) -> tuple[Text, ...]:
        return NOT_JUDGED

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
                f"无高风险；有{others}项值得考虑。本审查不替代律师对合同全文的审阅。",
                f"No high risks; {others} point{'s' if others != 1 else ''} to consider. "
                "This review does not replace a lawyer's review of the whole text.",
            )
        rules = sum(c.rules for c in self.checked)
        return Text(
            f"以下{rules}项检查未发现问题。这不表示合同可以签署：本审查只核对所填答案，"
            "不替代律师对合同全文的审阅，也无法核实关于乙方的事实。",
            f"The {rules} checks listed below found nothing. This does not mean the contract is "
            "ready to sign: the review only checks the answers given; it does not replace a "
            "lawyer's review of the whole text and cannot verify facts about the vendor.",
        )

    def rule_ids(self) -> list[str]:
        return [finding.rule for finding in self.findings]

    def as_dict(self) -> dict[str, Any]:
        """Plain data for the risk_review command's JSON output."""
        return {
            "verdict": self.verdict.as_dict(),
            "counts": self.counts,
            "checked": [group.as_dict() for group in self.checked],
            "not_judged": [text.as_dict() for text in self.not_judged],
            "findings": [finding.as_dict() for finding in self.findings],
        }


def risk_review(terms: Terms, *, deviations: Iterable[Any] = (), deviations_checked: int = 0) -> RiskReview:
    """Run every rule on `terms`; each deviation from our standard clause adds a finding.

    A deviation is an object or a mapping with `key` (the clause key), `title_zh`, `title_en`,
    `position` ("balanced" → medium, "vendor" → high) and `note_zh`, `note_en`; optional `step`
    and `field` point at the answer that caused it. `deviations_checked` is how many negotiable
    clauses were compared with our standard, for the list of what the review checked.
    """
    found = [finding for r in RULES if (finding := r.run(terms)) is not None]
    found += [deviation_finding(item) for item in deviations]
    # a stable sort: within a severity and group, findings keep the order of RULES
    found.sort(key=lambda f: (SEVERITY_RANK[f.severity], GROUP_ORDER[f.group]))
    return RiskReview(findings=tuple(found), rules=tuple(RULES), deviations_checked=deviations_checked)


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
        clauses=(key,),
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
