"""Exit and data return (退出与数据返还): export formats, access window, transition."""

from __future__ import annotations

from ..model import Terms
from ..text import Text
from .review import (
    Issue,
    rule,
)


@rule("exit.no_export_formats", clauses=("exit.export",), group="exit", step="data", field="export_formats")
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


@rule(
    "exit.deletion_before_export",
    clauses=(
        "exit.post_term_access",
        "exit.deletion",
    ),
    group="exit",
    step="data",
    field="post_term_access_days",
)
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


@rule(
    "exit.no_transition_assistance",
    clauses=("exit.transition",),
    group="exit",
    step="legal",
    field="transition_assistance_days",
)
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
