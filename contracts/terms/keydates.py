"""The dates a buyer must not miss (contracts/rendering/ics.py puts them in a calendar file).

Acceptance deadlines count PRC working days (dates.add_working_days: public holidays and the make-up
working days of 调休); a deadline in a year whose holiday arrangements are not yet in the calendar is
counted Monday to Friday and says it is an estimate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from .dates import CALENDAR_LAST_YEAR, add_working_days, working_days_estimated
from .model import Terms
from .text import Text, date_text

KINDS = (
    "effective",
    "start",
    "milestone",
    "go_live",
    "acceptance_deadline",
    "fee_start",
    "non_renewal_deadline",
    "initial_term_end",
    "credit_claim_window",
)
ALARM_DAYS_BEFORE_NON_RENEWAL = 7


@dataclass(frozen=True)
class KeyDate:
    """A date to keep (or, for a recurring window, `date` None and the rule in words)."""

    date: date | None
    kind: str
    label: Text
    description: Text
    estimated: bool = False  # counted in working days of a year the holiday calendar does not hold yet

    def as_dict(self) -> dict:
        return {
            "date": self.date.isoformat() if self.date else None,
            "kind": self.kind,
            "label": self.label.as_dict(),
            "description": self.description.as_dict(),
            "estimated": self.estimated,
        }


def working_days_note(start: date, end: date) -> Text:
    """How a working-day deadline from `start` to `end` was counted, for a key date or a hint."""
    if not working_days_estimated(start, end):
        return Text(
            "按中国法定工作日计算，已扣除法定节假日并计入调休上班日",
            "PRC working days: public holidays skipped, make-up working days counted",
        )
    return Text(
        f"估算日期：日历只收录至{CALENDAR_LAST_YEAR}年的法定节假日安排，其后年份仅扣除周六、周日，"
        "请以国务院公布的放假安排核对",
        f"an estimate: the holiday calendar holds the public holidays up to {CALENDAR_LAST_YEAR} only, "
        "so later years skip weekends only; check it against the State Council's holiday arrangements",
    )


def acceptance_start(go_live_date: date | None, parallel_run_days: int | None = None) -> date | None:
    """The day the acceptance period starts, assuming the vendor's notice arrives on the go-live day: after a
    parallel run of migrated data, the day the run ends (implementation.acceptance: the run is part of what
    the buyer accepts, so acceptance is never due while the old and new systems are still being compared)."""
    if go_live_date is None:
        return None
    return go_live_date + timedelta(days=parallel_run_days or 0)


def acceptance_deadline(
    go_live_date: date | None, acceptance_days: int | None, parallel_run_days: int | None = None
) -> date | None:
    """Last day of the acceptance period: acceptance_days working days from its start (acceptance_start)."""
    start = acceptance_start(go_live_date, parallel_run_days)
    if start is None or acceptance_days is None:
        return None
    return add_working_days(start, acceptance_days)


def parallel_run_of(migrating: bool | None, parallel_run_days: int | None) -> int:
    """The days of parallel run the contract prints: only a migration has one."""
    return (parallel_run_days or 0) if migrating else 0


class AcceptancePeriod(NamedTuple):
    """The acceptance period as the contract counts it (implementation.acceptance), assuming the vendor's
    notice arrives on the go-live day: after the parallel run, if any, for `acceptance_days` working days."""

    parallel_run: int
    start: date | None
    deadline: date | None


def acceptance_period(
    *, go_live_date: date | None, acceptance_days: int | None, migrating: bool | None, parallel_run_days: int | None
) -> AcceptancePeriod:
    run = parallel_run_of(migrating, parallel_run_days)
    return AcceptancePeriod(
        run, acceptance_start(go_live_date, run), acceptance_deadline(go_live_date, acceptance_days, run)
    )


def implementation_acceptance(impl) -> AcceptancePeriod:
    """The acceptance period of the implementation step's answers (Terms.implementation)."""
    return acceptance_period(
        go_live_date=impl.go_live_date,
        acceptance_days=impl.acceptance_days,
        migrating=impl.migrating,
        parallel_run_days=impl.parallel_run_days,
    )


def key_dates(terms: Terms) -> list[KeyDate]:
    """The contract's key dates in date order, then the credit-claim window (no date)."""
    dated = [
        *_start_dates(terms),
        *_implementation_dates(terms),
        *_fee_start(terms),
        *_term_dates(terms),
    ]
    dated.sort(key=lambda k: (k.date, KINDS.index(k.kind)))
    return dated + _claim_window(terms)


def _start_dates(terms: Terms) -> list[KeyDate]:
    rows = []
    effective, start = terms.parties.effective_date, terms.term.start_date
    if effective is not None and effective != start:
        rows.append(
            KeyDate(
                effective,
                "effective",
                Text("合同生效", "Contract takes effect"),
                Text("合同自该日起生效。", "The contract takes effect on this day."),
            )
        )
    if start is not None:
        rows.append(
            KeyDate(
                start,
                "start",
                Text("服务期限开始", "Service term starts"),
                Text("服务期限和经常性费用自该日起算。", "The service term and the recurring fees run from this day.")
                if terms.pricing.fees_start == "start"
                else Text(
                    "服务期限自该日起算；经常性费用自计费起始日起算，此前不付经常性费用。",
                    "The service term runs from this day; recurring fees run from the Fee Start Date, none before.",
                ),
            )
        )
    return rows


def _fee_start(terms: Terms) -> list[KeyDate]:
    """The planned Fee Start Date, where the fees wait for go-live or acceptance (pricing.fees_start_date)."""
    p = terms.pricing
    if p.fees_start == "start" or p.fees_start_date is None:
        return []
    event = (
        Text("本服务全部验收合格之日", "the day the whole Service is accepted")
        if p.fees_start == "acceptance"
        else Text("本服务正式上线运行之日", "the day the Service goes live")
    )
    planned = (
        Text(
            "此日期假定在上线日后验收期届满时验收合格。",
            "This date assumes acceptance at the end of the acceptance period.",
        )
        if p.fees_start == "acceptance"
        else Text("此日期为计划上线日。", "This date is the planned go-live day.")
    )
    return [
        KeyDate(
            p.fees_start_date,
            "fee_start",
            Text("计费起始日（预计）", "Recurring fees start (expected)"),
            Text(
                f"经常性费用和首个服务年度自{event.zh}起算，乙方不得在此之前就经常性费用开具发票。{planned.zh}",
                f"Recurring fees and the first service year start on {event.en}; the vendor may not invoice "
                f"recurring fees before then. {planned.en}",
            ),
        )
    ]


def _implementation_dates(terms: Terms) -> list[KeyDate]:
    impl = terms.implementation
    if not impl.has_implementation:
        return []
    rows = [
        KeyDate(
            m.due_date,
            "milestone",
            Text(f"里程碑：{m.name or index}", f"Milestone: {m.name or index}"),
            Text(
                "乙方应在该日前完成此里程碑；逾期适用逾期违约金。",
                "The vendor must complete this milestone by this day; delay damages apply after.",
            ),
        )
        for index, m in enumerate(impl.milestones or (), start=1)
        if m.due_date is not None
    ]
    if impl.go_live_date is not None:
        rows.append(
            KeyDate(
                impl.go_live_date,
                "go_live",
                Text("上线", "Go-live"),
                Text(
                    "系统应在该日上线并提交甲方验收。",
                    "The system goes live and is handed over for acceptance on this day.",
                ),
            )
        )
    run, start, deadline = implementation_acceptance(impl)
    if start is not None and deadline is not None:
        estimated = working_days_estimated(start, deadline)
        note = working_days_note(start, deadline)
        counted = (
            Text(
                f"约定{run}日并行运行，验收期自并行运行期满之日（{date_text(start).zh}）起算；",
                f"with a {run}-day parallel run, the period runs from the day the run ends ({date_text(start).en}); ",
            )
            if run
            else Text("", "")
        )
        rows.append(
            KeyDate(
                deadline,
                "acceptance_deadline",
                Text("验收期届满（预计，估算日期）", "Acceptance period ends (expected; estimated date)")
                if estimated
                else Text("验收期届满（预计）", "Acceptance period ends (expected)"),
                Text(
                    f"验收期为自收到乙方验收通知及完整交付文档之日起{impl.acceptance_days}个工作日；{counted.zh}"
                    f"此日期假定乙方在上线日提交（{note.zh}）。在此期限内完成验收测试，"
                    "书面确认验收合格或列明不合格项。",
                    f"The acceptance period is {impl.acceptance_days} working days from receipt of "
                    f"the vendor's acceptance notice with complete documents; {counted.en}this date assumes "
                    f"they arrive on the go-live day ({note.en}). "
                    "Finish the tests by then and accept or list the failures in writing.",
                ),
                estimated=estimated,
            )
        )
    return rows


def _term_dates(terms: Terms) -> list[KeyDate]:
    term = terms.term
    rows = []
    if term.non_renewal_deadline is not None:
        rows.append(
            KeyDate(
                term.non_renewal_deadline,
                "non_renewal_deadline",
                Text("不续约通知截止日", "Last day for notice of non-renewal"),
                Text(
                    f"如不续约，须最晚于该日书面通知乙方（提前{term.non_renewal_notice_days}日），"
                    f"否则合同自动续约{term.renewal_term_months}个月。",
                    f"To stop the renewal, notify the vendor in writing by this day "
                    f"({term.non_renewal_notice_days} days' notice); otherwise the contract renews "
                    f"for {term.renewal_term_months} months.",
                ),
            )
        )
    if term.initial_term_end is not None:
        renews = term.auto_renew is True
        rows.append(
            KeyDate(
                term.initial_term_end,
                "initial_term_end",
                Text("初始服务期限届满", "Initial term ends"),
                Text(
                    "初始服务期限的最后一日" + ("；未通知不续约的，合同自动续约。" if renews else "。"),
                    "Last day of the initial term"
                    + ("; without notice of non-renewal the contract renews." if renews else "."),
                ),
            )
        )
    return rows


def _claim_window(terms: Terms) -> list[KeyDate]:
    days = terms.sla.credit_claim_days
    if days is None:
        return []
    return [
        KeyDate(
            None,
            "credit_claim_window",
            Text("核对月度服务水平报告", "Check the monthly service level report"),
            Text(
                f"乙方应在每月结束后提交服务水平报告，并据此主动提供服务补偿。报告有误或遗漏补偿的，"
                f"须自收到该月报告之日起{days}日内书面提出补偿申请；乙方未提交报告的，期限不开始计算。",
                f"The vendor reports on each month and grants the service credits without a claim. "
                f"If a report is wrong or misses a credit, claim in writing within {days} days of "
                f"receiving it; the period does not start until the report arrives.",
            ),
        )
    ]
