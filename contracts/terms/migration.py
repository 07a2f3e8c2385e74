"""The migration responsibility table: every migration task, the party that does it and its deadline,
so that the buyer's duties to cooperate are a finite list with dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

OWNERS = ("vendor", "buyer", "joint")

# task → (days before go-live, owner when the vendor / the buyer / both jointly own the migration).
# Under "joint" the vendor does the technical work and the buyer decides the content (cleansing).
TASKS: tuple[tuple[str, int, tuple[str, str, str]], ...] = (
    ("source_data", 42, ("buyer", "buyer", "buyer")),
    ("tools", 42, ("vendor", "vendor", "vendor")),
    ("inventory", 35, ("vendor", "buyer", "vendor")),
    ("cleansing", 28, ("vendor", "buyer", "buyer")),
    ("mapping", 28, ("vendor", "buyer", "vendor")),
    ("confirm_mapping", 21, ("buyer", "buyer", "buyer")),
    ("test_migration", 14, ("vendor", "buyer", "vendor")),
    ("confirm_test", 10, ("buyer", "buyer", "buyer")),
    ("production", 3, ("vendor", "buyer", "vendor")),
    ("final_check", 0, ("buyer", "buyer", "buyer")),
)
LONGEST_LEAD_DAYS = max(days for _task, days, _owners in TASKS)


@dataclass(frozen=True)
class MigrationTask:
    task: str
    owner: str  # vendor or buyer
    days_before: int | None  # days before go-live (else the service start); None: 15 Working Days from effect
    due_date: date | None


def migration_tasks(owner: str | None, *, deadline: date | None, earliest: date | None) -> tuple[MigrationTask, ...]:
    """The tasks for `owner` (vendor, buyer or joint), due before `deadline`; when the time from
    `earliest` (the effective date) to the deadline is shorter than the longest lead, every lead
    shrinks in proportion so that no task falls due before the contract takes effect."""
    if owner not in OWNERS:
        return ()
    column = OWNERS.index(owner)
    scale = 1.0
    if deadline is not None and earliest is not None:
        window = (deadline - earliest).days
        scale = max(0.0, min(1.0, window / LONGEST_LEAD_DAYS))
    rows = []
    for task, days, owners in TASKS:
        if task == "tools" and owner == "buyer":  # implementation.migration: 15 Working Days from effect
            rows.append(MigrationTask(task, "vendor", None, None))
            continue
        lead = round(days * scale)
        rows.append(
            MigrationTask(task, owners[column], lead, None if deadline is None else deadline - timedelta(days=lead))
        )
    return tuple(rows)
