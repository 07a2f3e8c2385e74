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
    "deviations": Text("与我方标准条款的偏离", "Deviations from our standard"),
}
GROUP_ORDER = {group: index for index, group in enumerate(GROUPS)}


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
