"""Term and renewal (期限与续约): the non-renewal notice."""

from __future__ import annotations

from ..dates import non_renewal_deadline
from ..model import Terms
from ..text import Text, date_text
from .review import (
    Issue,
    rule,
)

MAX_NOTICE_DAYS = 90


@rule("term.long_notice", clauses=("term.renewal",), group="term", step="term", field="non_renewal_notice_days")
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
