"""Functional mismatch (功能不符): the requirement list, acceptance tests, the modules bought."""

from __future__ import annotations

from ..coverage import requirement_coverage
from ..model import Terms
from ..text import Text
from .review import (
    Issue,
    rule,
)


@rule(
    "functional.no_requirements",
    clauses=(
        "scope.requirements",
        "annex_requirements.list",
    ),
    group="functional",
    step="scope",
    field="requirements",
)
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


@rule(
    "functional.must_without_test",
    clauses=(
        "annex_requirements.list",
        "scope.requirements",
    ),
    group="functional",
    step="scope",
    field="requirements",
)
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


@rule(
    "functional.modules_cover_nothing",
    clauses=(
        "scope.modules",
        "annex_requirements.list",
    ),
    group="functional",
    step="scope",
    field="modules",
)
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


@rule(
    "functional.must_uncovered",
    clauses=(
        "scope.modules",
        "annex_requirements.list",
    ),
    group="functional",
    step="scope",
    field="modules",
)
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
    clauses=("implementation.acceptance",),
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


@rule(
    "functional.reduction_allowed",
    clauses=(
        "scope.no_reduction",
        "scope.modules",
    ),
    group="functional",
    step="scope",
    field="no_material_reduction",
)
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
