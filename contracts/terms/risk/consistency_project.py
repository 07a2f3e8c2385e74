"""Consistency of the project's dates (实施日程): go-live and the migration it rests on.

The migration clauses promise a reconciled migration before go-live; the dates chosen can take that back:
a go-live too soon after signing for the migration to be tested and checked. (Acceptance cannot fall due
during the parallel run: implementation.acceptance counts its period from the end of the run.)
"""

from __future__ import annotations

from ..migration import TASKS
from ..model import Terms
from ..text import Text, date_text
from .review import Issue, rule

# Days before go-live the test migration is due (migration.TASKS): test, its confirmation, the production
# migration and the reconciliation all fit between it and go-live.
RECONCILED_MIGRATION_DAYS = next(days for task, days, _owners in TASKS if task == "test_migration")


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
