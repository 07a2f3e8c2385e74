"""Writes to the clause library: loading the shipped files, and new immutable versions of a clause."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext

from contracts.clauses.engine import ClauseTemplateError
from contracts.clauses.files import LIBRARY_DIR, read_library_files
from contracts.clauses.spec import ClauseSpec, clause_problems, section_condition_problem
from contracts.models import Clause, ClauseVersion, Section


@dataclass
class ImportResult:
    sections_created: int = 0
    clauses_created: int = 0
    versions_created: int = 0
    unchanged: int = 0
    missing: list[str] = field(default_factory=list)  # active clauses the files do not have
    deactivated: bool = False  # whether `missing` were switched off
    kept: list[str] = field(default_factory=list)  # clauses an admin edited last, left as they are


def _problems_of(spec: ClauseSpec, clause_keys) -> dict[str, str]:
    return clause_problems(
        title_zh=spec.title_zh,
        title_en=spec.title_en,
        body_zh=spec.body_zh,
        body_en=spec.body_en,
        condition=spec.condition,
        table=spec.table,
        positions=spec.content()["positions"],
        clause_keys=clause_keys,
    )


@transaction.atomic
def library_import(
    *,
    directory: Path = LIBRARY_DIR,
    author=None,
    change_note: str = "Imported from files",
    deactivate_missing: bool = False,
    force: bool = False,
) -> ImportResult:
    """Load the library files; idempotent: only changed clauses get a new version.

    A clause whose current version an admin made (edit, restore, switch-off) is left as it is and
    reported in `kept`, unless `force`: the files never silently replace an admin's work.
    Active clauses that the files do not have (removed from the files, or written in the admin) are
    reported in `missing`; with `deactivate_missing` they are switched off (their versions stay, so
    contracts pinned to them re-render as they were), and nothing left may refer to them."""
    result = ImportResult()
    specs = read_library_files(directory)
    file_keys = {c.key for s in specs for c in s.clauses}
    admin_made = (
        set()
        if force
        else set(Clause.objects.filter(current_version__author__isnull=False).values_list("key", flat=True))
    )
    result.missing = sorted(set(Clause.objects.filter(is_active=True).values_list("key", flat=True)) - file_keys)
    if deactivate_missing:
        result.kept = sorted(set(result.missing) & admin_made)
        result.missing = sorted(set(result.missing) - admin_made)
    result.deactivated = deactivate_missing and bool(result.missing)
    kept = Clause.objects.filter(is_active=True).exclude(key__in=result.missing if deactivate_missing else ())
    clause_keys = file_keys | set(kept.values_list("key", flat=True))
    for spec in specs:
        if problem := section_condition_problem(spec.condition):
            raise ClauseTemplateError(f"section {spec.key}: condition: {problem}")
        for clause in spec.clauses:
            if problems := _problems_of(clause, clause_keys):
                details = "; ".join(f"{k}: {v}" for k, v in problems.items())
                raise ClauseTemplateError(f"{clause.key}: {details}")
    for spec in specs:
        section, created = Section.objects.update_or_create(
            key=spec.key,
            defaults={
                "kind": spec.kind,
                "order": spec.order,
                "title_zh": spec.title_zh,
                "title_en": spec.title_en,
                "condition": spec.condition,
            },
        )
        result.sections_created += created
        for c in spec.clauses:
            if c.key in admin_made:
                current = Clause.objects.select_related("current_version", "section").get(key=c.key)
                same = (current.section.key, current.is_active) == (spec.key, True) and version_content(
                    current.current_version
                ) == {**c.content(), "positions": c.content()["positions"] or {}}
                if same:
                    result.unchanged += 1
                else:
                    result.kept.append(c.key)
                continue
            clause, created = Clause.objects.update_or_create(
                key=c.key,
                defaults={"section": section, "is_active": True},
            )
            result.clauses_created += created
            version = clause_version_create(clause=clause, content=c.content(), author=author, change_note=change_note)
            if version is None:
                result.unchanged += 1
            else:
                result.versions_created += 1
    if result.deactivated:
        Clause.objects.filter(key__in=result.missing).update(is_active=False)
    result.kept.sort()
    return result


VERSION_FIELDS = ("order", "condition", "highlight", "table", "title_zh", "title_en", "body_zh", "body_en", "positions")


def version_content(version: ClauseVersion) -> dict:
    return {name: getattr(version, name) for name in VERSION_FIELDS}


@transaction.atomic  # the row lock below needs a transaction; callers need not open one
def clause_version_create(
    *, clause: Clause, content: dict, author=None, change_note: str = "", force: bool = False
) -> ClauseVersion | None:
    """Record a new immutable version when anything printed changed (or `force`: the clause's key,
    section or use changed); None when it is the same."""
    # Lock the clause row only: PostgreSQL refuses FOR UPDATE on the nullable side of the outer join.
    clause = Clause.objects.select_for_update(of=("self",)).select_related("current_version").get(pk=clause.pk)
    current = clause.current_version
    content = {name: content[name] for name in VERSION_FIELDS}
    content["positions"] = content["positions"] or {}
    if current and version_content(current) == content and not force:
        return None
    number = (clause.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = ClauseVersion.objects.create(
        clause=clause, number=number, author=author, change_note=change_note[:300], **content
    )
    Clause.objects.filter(pk=clause.pk).update(current_version=version)
    return version


@transaction.atomic
def clause_version_restore(*, version: ClauseVersion, author=None) -> ClauseVersion | None:
    """Make an old version current again, as a new version (history is never rewritten)."""
    return clause_version_create(
        clause=version.clause,
        content=version_content(version),
        author=author,
        change_note=gettext("Restored version %(number)d") % {"number": version.number},
    )
