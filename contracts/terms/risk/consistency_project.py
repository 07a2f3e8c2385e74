"""Consistency of the project's dates (实施日程): acceptance, go-live and the migration they rest on.

The migration clauses promise a parallel run after go-live and a reconciled migration before it; the
acceptance clause and the dates chosen can take that back: a final acceptance due while the parallel run
still finds differences, or a go-live too soon after signing for the migration to be tested and checked.
"""

from __future__ import annotations

from datetime import timedelta

from ..dates import working_days_estimated
from ..keydates import acceptance_deadline
from ..migration import TASKS
from ..model import Terms
from ..text import Text, date_text
from .review import Issue, rule

# Days before go-live the test migration is due (migration.TASKS): test, its confirmation, the production
# migration and the reconciliation all fit between it and go-live.
RECONCILED_MIGRATION_DAYS = next(days for task, days, _owners in TASKS if task == "test_migration")


@rule(
    "consistency.acceptance_before_parallel_run_end",
    clauses=("implementation.acceptance", "implementation.migration_quality", "annex_migration.cutover"),
    group="consistency",
    step="implementation",
    field="parallel_run_days",
)
def _acceptance_before_parallel_run_end(t: Terms) -> Issue | None:
    impl = t.implementation
    if impl.migrating is not True or not impl.parallel_run_days or impl.go_live_date is None:
        return None
    deadline = acceptance_deadline(impl.go_live_date, impl.acceptance_days)
    run_end = impl.go_live_date + timedelta(days=impl.parallel_run_days)
    if deadline is None or deadline >= run_end:
        return None
    accept, end = date_text(deadline), date_text(run_end)
    if working_days_estimated(impl.go_live_date, deadline):  # a year the holiday calendar does not hold
        accept = Text(f"{accept.zh}（估算）", f"{accept.en} (estimated)")
    return Issue(
        "medium",
        Text(
            f"验收期（{impl.acceptance_days}个工作日）在{accept.zh}届满，早于{impl.parallel_run_days}日并行运行期"
            f"结束的{end.zh}：甲方须在新旧系统比对完成前作出最终验收结论。",
            f"The acceptance period ({impl.acceptance_days} working days) ends on {accept.en}, before the "
            f"{impl.parallel_run_days}-day parallel run ends on {end.en}: the buyer must decide final "
            "acceptance before the old and new systems have been compared.",
        ),
        Text(
            "并行运行正是为了发现迁移差异；验收通过后，一次性费用随即到期，复验和解除退款的权利也随之用尽，"
            "并行期后段发现的数据差异只能作为一般违约处理。",
            "The parallel run exists to find migration differences; once acceptance is given the one-time "
            "fees fall due and the retest and refund rights are spent, so differences found later in the "
            "run are left to ordinary breach claims.",
        ),
        Text(
            "使验收期覆盖并行运行期：缩短并行运行期，或延长验收期；也可在合同中约定数据迁移的验收在并行运行期"
            "届满后进行。",
            "Make acceptance cover the parallel run: shorten the run or lengthen the acceptance period, or "
            "agree that the data migration is accepted only after the run ends.",
        ),
        reason=Text(
            "验收是甲方付款前最有力的手段，不应在迁移核对完成前用尽。",
            "Acceptance is the buyer's strongest lever before paying; it should not be spent before the "
            "migration is checked.",
        ),
    )


@rule(
    "consistency.go_live_before_reconciliation",
    clauses=("annex_migration.responsibilities", "annex_migration.plan", "implementation.migration"),
    group="consistency",
    step="implementation",
    field="go_live_date",
)
def _go_live_before_reconciliation(t: Terms) -> Issue | None:
    impl, effective = t.implementation, t.parties.effective_date
    go_live = impl.go_live_date or t.term.start_date
    if impl.migrating is not True or go_live is None or effective is None:
        return None
    window = (go_live - effective).days
    if window >= RECONCILED_MIGRATION_DAYS:
        return None
    when = date_text(go_live)
    return Issue(
        "medium",
        Text(
            f"合同生效后{max(window, 0)}日即上线（{when.zh}），不足{RECONCILED_MIGRATION_DAYS}日，"
            "来不及完成测试迁移、甲方确认、正式迁移和数据核对。",
            f"Go-live ({when.en}) is {max(window, 0)} days after the contract takes effect, under "
            f"{RECONCILED_MIGRATION_DAYS}: too soon for the test migration, its confirmation, the production "
            "migration and the reconciliation.",
        ),
        Text(
            "迁移分工表按上线日倒排各项任务；时间不足时各任务挤在同一两天，上线时数据尚未核对，而验收期照常起算。",
            "The migration table counts every task back from go-live; without the time they fall on the "
            "same day or two, and the system goes live on unreconciled data while the acceptance period runs.",
        ),
        Text(
            f"将上线日安排在生效日至少{RECONCILED_MIGRATION_DAYS}日之后（大数据量的迁移应更长），或提前签约。",
            f"Set go-live at least {RECONCILED_MIGRATION_DAYS} days after the effective date (longer for a "
            "large migration), or sign earlier.",
        ),
        step=None if impl.go_live_date else "term",
        field=None if impl.go_live_date else "start_date",
    )
