"""Reads of the clause library: the current library (or the versions a contract pinned) as plain data."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache

from contracts.clauses.spec import KIND_ORDER, ClauseSpec, SectionSpec, positions_from_json
from contracts.models import Clause, ClauseVersion, Section


def clause_spec(clause: Clause, version: ClauseVersion) -> ClauseSpec:
    return ClauseSpec(
        key=clause.key,
        order=version.order,
        condition=version.condition,
        highlight=version.highlight,
        table=version.table,
        title_zh=version.title_zh,
        title_en=version.title_en,
        body_zh=version.body_zh,
        body_en=version.body_en,
        version_id=version.pk,
        **positions_from_json(version.positions),
    )


class UnknownClauseVersions(LookupError):
    """A pinned clause version no longer exists."""


def library_revision() -> str:
    """Identifies everything in the current library that can change a printed contract (the current
    version of each active clause, and each section's title, order and condition) in two small queries."""
    versions = sorted(
        (pk, str(created))
        for pk, created in Clause.objects.filter(is_active=True, current_version__isnull=False).values_list(
            "current_version_id", "current_version__created_at"
        )
    )
    sections = sorted(Section.objects.values_list("key", "kind", "order", "title_zh", "title_en", "condition"))
    payload = json.dumps([versions, sections], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def library_versions() -> dict[str, int]:
    """The version number of each clause the current library prints from: what an approval records, to say
    later which clauses changed since."""
    return dict(
        Clause.objects.filter(is_active=True, current_version__isnull=False).values_list(
            "key", "current_version__number"
        )
    )


@lru_cache(maxsize=8)
def _current_snapshot(revision: str) -> tuple[SectionSpec, ...]:
    return tuple(_snapshot(None))


def library_snapshot(version_ids: list[int] | None = None) -> list[SectionSpec]:
    """The library as plain data, in print order: what assembly reads.

    With `version_ids` (what a generated contract recorded), the library as it was: exactly those
    versions. Their sections are kept unconditionally, since each pinned clause was printed.
    The current library is built once per revision: an admin's edit makes a new revision."""
    if version_ids is None:
        return list(_current_snapshot(library_revision()))
    return _snapshot(version_ids)


def _snapshot(version_ids: list[int] | None) -> list[SectionSpec]:
    if version_ids is None:
        clauses = Clause.objects.filter(is_active=True, current_version__isnull=False).select_related("current_version")
        pairs = [(c, c.current_version) for c in clauses]
    else:
        versions = list(ClauseVersion.objects.filter(pk__in=version_ids).select_related("clause"))
        missing = set(version_ids) - {v.pk for v in versions}
        if missing:
            raise UnknownClauseVersions(f"clause versions not found: {sorted(missing)}")
        pairs = [(v.clause, v) for v in versions]
    by_section: dict[int, list[ClauseSpec]] = {}
    for clause, version in pairs:
        by_section.setdefault(clause.section_id, []).append(clause_spec(clause, version))
    sections = Section.objects.all() if version_ids is None else Section.objects.filter(pk__in=by_section)
    ordered = sorted(sections, key=lambda s: (KIND_ORDER.get(s.kind, 9), s.order, s.key))
    return [
        SectionSpec(
            key=s.key,
            kind=s.kind,
            order=s.order,
            title_zh=s.title_zh,
            title_en=s.title_en,
            condition=s.condition if version_ids is None else "",
            clauses=tuple(sorted(by_section.get(s.pk, ()), key=lambda c: (c.order, c.key))),
        )
        for s in ordered
    ]
