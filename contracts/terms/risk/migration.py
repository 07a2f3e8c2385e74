"""Data migration (数据迁移): owner, method, reconciliation, parallel run, loss remedy."""

from __future__ import annotations

from decimal import Decimal

from ..model import Terms
from ..text import Text, pct_text
from .review import (
    Issue,
    rule,
)

MIN_RECONCILIATION_PCT = Decimal("99")


def _migrating(t: Terms) -> bool:
    return t.implementation.migrating is True


@rule(
    "migration.no_owner",
    clauses=(
        "implementation.migration",
        "annex_migration.plan",
    ),
    group="migration",
    step="implementation",
    field="migration_owner",
)
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


@rule(
    "migration.no_method",
    clauses=(
        "implementation.migration",
        "annex_migration.plan",
    ),
    group="migration",
    step="implementation",
    field="migration_method",
)
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
    clauses=(
        "implementation.migration_quality",
        "implementation.migration",
    ),
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


@rule(
    "migration.no_parallel_run",
    clauses=(
        "annex_migration.cutover",
        "implementation.migration_quality",
        "implementation.migration",
    ),
    group="migration",
    step="implementation",
    field="parallel_run_days",
)
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


@rule(
    "migration.no_loss_remedy",
    clauses=(
        "implementation.migration_loss",
        "implementation.migration",
    ),
    group="migration",
    step="implementation",
    field="data_loss_remedy",
)
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
