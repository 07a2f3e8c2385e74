"""Functional mismatch (功能不符): the requirement list, acceptance tests, the modules bought."""

from __future__ import annotations

from ..coverage import module_label, requirement_coverage
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


def _ids(rows) -> tuple[str, str]:
    ids = [row.requirement.id or "?" for row in rows]
    return "、".join(ids), ", ".join(ids)


def _module_names(modules) -> Text:
    labels = [module_label(m) for m in dict.fromkeys(modules)]
    return Text("、".join(label.zh for label in labels), ", ".join(label.en for label in labels))


@rule(
    "functional.needed_module_not_bought",
    clauses=("scope.modules", "annex_requirements.list"),
    group="functional",
    step="scope",
    field="modules",
)
def _needed_module_not_bought(t: Terms) -> Issue | None:
    coverage = requirement_coverage(t.scope)
    chosen = [row for row in coverage if row.chosen and row.not_bought]
    # a suggestion counts only when nothing it suggests is bought: a keyword may match by accident
    guessed = [row for row in coverage if not row.chosen and row.not_bought and not row.covered]
    if not chosen and not guessed:
        return None
    if chosen:
        severity = "high" if any(row.must for row in chosen) else "medium"
        rows = chosen
        ids, missing = _ids(rows), _module_names(m for row in rows for m in row.not_bought)
        problem = Text(
            f"需求{ids[0]}所需的模块（{missing.zh}）未在所购模块之列。",
            f"Requirement{'s' if len(rows) > 1 else ''} {ids[1]} need{'' if len(rows) > 1 else 's'} "
            f"modules that are not bought: {missing.en}.",
        )
        reason = Text(
            "甲方已指明该需求所需的模块；必须需求缺少模块时，验收注定失败或须另行付费。"
            if severity == "high"
            else "甲方已指明该需求所需的模块；应当需求缺少模块，会使需求落空。",
            "The buyer named the module this requirement needs; a must-have without it fails acceptance or costs extra."
            if severity == "high"
            else "The buyer named the module this requirement needs; a should-have without it goes unmet.",
        )
    else:
        severity, rows = "low", guessed
        ids, missing = _ids(rows), _module_names(m for row in rows for m in row.not_bought)
        problem = Text(
            f"按需求文字推断，需求{ids[0]}可能需要未购买的模块（{missing.zh}）。",
            f"From their wording, requirement{'s' if len(rows) > 1 else ''} {ids[1]} may need modules "
            f"that are not bought: {missing.en}.",
        )
        reason = Text(
            "只是按关键词推断，未经甲方确认，因此不作为高风险。",
            "Only a keyword guess the buyer has not confirmed, so never a high risk.",
        )
    return Issue(
        severity,
        problem,
        Text(
            "需求清单是验收的依据；需求所需的模块不在服务范围内时，乙方可以主张该需求超出合同范围，"
            "甲方要么放弃该需求，要么另行付费。",
            "The requirement list is the basis of acceptance; if the module a requirement needs is "
            "out of scope, the vendor can say the requirement is too, and the buyer drops it or pays extra.",
        ),
        Text(
            "补购所需模块，或在“服务范围”的需求行中改选实际实现该需求的模块。",
            "Buy the module, or in the scope step choose the module that really delivers the requirement.",
        ),
        reason=reason,
    )


@rule(
    "functional.modules_cover_nothing",
    clauses=("scope.modules", "annex_requirements.list"),
    group="functional",
    step="scope",
    field="modules",
)
def _modules_cover_nothing(t: Terms) -> Issue | None:
    coverage = requirement_coverage(t.scope)
    if not coverage or not t.scope.modules or any(row.covered for row in coverage):
        return None
    if not any(row.needed for row in coverage):
        return None  # nothing named or suggested: functional.must_uncovered asks for the modules
    all_chosen = all(row.chosen for row in coverage)
    return Issue(
        "medium" if all_chosen else "low",
        Text(
            "所购模块与需求清单中的任何一条需求都不对应。",
            "None of the modules bought is needed by any requirement on the list.",
        ),
        Text(
            "所购模块与需求脱节，是“功能不符”风险的典型表现：甲方可能为用不上的模块付费，"
            "而真正需要的功能不在合同范围内。",
            "Modules that no requirement needs are the classic functional mismatch: the buyer "
            "pays for what it does not need while what it needs is out of scope.",
        ),
        Text(
            "核对模块与需求：在每条需求中选定实现它的模块，补购缺少的模块，或减去不需要的模块。",
            "Check modules against requirements: choose in each requirement the module that delivers "
            "it, buy what is missing, or drop what is not needed.",
        ),
        reason=None
        if all_chosen
        else Text(
            "部分需求的模块只是按关键词推断，未经甲方确认。",
            "Some requirements' modules are only a keyword guess the buyer has not confirmed.",
        ),
    )


@rule(
    "functional.must_uncovered",
    clauses=("scope.modules", "annex_requirements.list"),
    group="functional",
    step="scope",
    field="requirements",
)
def _must_uncovered(t: Terms) -> Issue | None:
    rows = [row for row in requirement_coverage(t.scope) if row.must and not row.needed]
    if not rows:
        return None
    ids = _ids(rows)
    return Issue(
        "low",
        Text(
            f"必须需求{ids[0]}没有指明由哪个模块实现，按文字也推断不出。",
            f"Must-have requirement{'s' if len(rows) > 1 else ''} {ids[1]}: no module is named for it, "
            "and none can be inferred from its wording.",
        ),
        Text(
            "如果实际上没有模块实现该需求，乙方可以主张其不在服务范围内。",
            "If no module really delivers the requirement, the vendor can say it is out of scope.",
        ),
        Text(
            "在“服务范围”的需求行中选定实现该需求的模块（非功能性需求可在文字中写明由哪项服务保证）。",
            "Choose in the requirement's row the module that delivers it (for a non-functional "
            "requirement, say in its text which service ensures it).",
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
