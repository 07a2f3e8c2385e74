"""The clause library: files in the repository ⇄ database rows, and the snapshot assembly reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction

from contracts.clauses.engine import ClauseTemplateError, check_source
from contracts.models import Clause, ClauseVersion, Section
from contracts.terms import variable_names

LIBRARY_DIR = Path(__file__).resolve().parent / "library"
TABLES = (
    "yearly_fees", "one_time_fees", "module_prices", "usage_addons", "credit_tiers",
    "severity_targets", "requirements", "milestones", "integrations", "other_modules",
)


@dataclass(frozen=True)
class ClauseSpec:
    key: str
    order: int
    condition: str
    highlight: bool
    table: str
    title_zh: str
    title_en: str
    body_zh: str
    body_en: str
    version_id: int | None = None


@dataclass(frozen=True)
class SectionSpec:
    key: str
    kind: str
    order: int
    title_zh: str
    title_en: str
    condition: str
    clauses: tuple[ClauseSpec, ...] = field(default_factory=tuple)


def clause_problems(*, title_zh: str, title_en: str, body_zh: str, body_en: str,
                    condition: str = "", table: str = "") -> dict[str, str]:
    """Why a clause cannot be saved, keyed by the field at fault; empty when it is fine."""
    known = variable_names()
    problems: dict[str, str] = {}
    for name, source in (("title_zh", title_zh), ("title_en", title_en), ("body_zh", body_zh), ("body_en", body_en)):
        try:
            check_source(source or "", known)
        except ClauseTemplateError as exc:
            problems[name] = str(exc)
    if condition.strip():
        try:
            check_source(condition, known, expression=True)
        except ClauseTemplateError as exc:
            problems["condition"] = str(exc)
    if table and table not in TABLES:
        problems["table"] = f"unknown table '{table}'; one of: {', '.join(TABLES)}"
    return problems


def read_library_files(directory: Path = LIBRARY_DIR) -> list[SectionSpec]:
    sections = []
    for path in sorted(Path(directory).glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        clauses = tuple(
            ClauseSpec(
                key=c["key"], order=int(c.get("order", 0)), condition=c.get("condition") or "",
                highlight=bool(c.get("highlight", False)), table=c.get("table") or "",
                title_zh=(c.get("title") or {}).get("zh", ""), title_en=(c.get("title") or {}).get("en", ""),
                body_zh=c.get("zh") or "", body_en=c.get("en") or "",
            )
            for c in raw.get("clauses", [])
        )
        sections.append(SectionSpec(
            key=raw["section"], kind=raw.get("kind", "article"), order=int(raw.get("order", 0)),
            title_zh=raw["title"]["zh"], title_en=raw["title"]["en"],
            condition=raw.get("condition") or "", clauses=clauses,
        ))
    return sections


@dataclass
class ImportResult:
    sections_created: int = 0
    clauses_created: int = 0
    versions_created: int = 0
    unchanged: int = 0


@transaction.atomic
def library_import(*, directory: Path = LIBRARY_DIR, author=None, change_note: str = "Imported from files") -> ImportResult:
    """Load the library files; idempotent: only changed clauses get a new version."""
    result = ImportResult()
    specs = read_library_files(directory)
    for spec in specs:
        for clause in spec.clauses:
            problems = clause_problems(title_zh=clause.title_zh, title_en=clause.title_en,
                                       body_zh=clause.body_zh, body_en=clause.body_en,
                                       condition=clause.condition, table=clause.table)
            if problems:
                details = "; ".join(f"{k}: {v}" for k, v in problems.items())
                raise ClauseTemplateError(f"{clause.key}: {details}")
    for spec in specs:
        section, created = Section.objects.update_or_create(
            key=spec.key,
            defaults={"kind": spec.kind, "order": spec.order, "title_zh": spec.title_zh,
                      "title_en": spec.title_en, "condition": spec.condition},
        )
        result.sections_created += created
        for c in spec.clauses:
            clause, created = Clause.objects.update_or_create(
                key=c.key,
                defaults={"section": section, "order": c.order, "condition": c.condition,
                          "highlight": c.highlight, "table": c.table, "is_active": True},
            )
            result.clauses_created += created
            version = clause_save_text(clause=clause, title_zh=c.title_zh, title_en=c.title_en,
                                       body_zh=c.body_zh, body_en=c.body_en, author=author,
                                       change_note=change_note)
            if version is None:
                result.unchanged += 1
            else:
                result.versions_created += 1
    return result


def clause_save_text(*, clause: Clause, title_zh: str, title_en: str, body_zh: str, body_en: str,
                     author=None, change_note: str = "") -> ClauseVersion | None:
    """Record a new immutable version when the text changed; None when it is the same."""
    current = clause.current_version
    text = (title_zh, title_en, body_zh, body_en)
    if current and (current.title_zh, current.title_en, current.body_zh, current.body_en) == text:
        return None
    number = (current.number if current else 0) + 1
    version = ClauseVersion.objects.create(
        clause=clause, number=number, title_zh=title_zh, title_en=title_en,
        body_zh=body_zh, body_en=body_en, author=author, change_note=change_note,
    )
    clause.current_version = version
    clause.save(update_fields=["current_version"])
    return version


def library_snapshot() -> list[SectionSpec]:
    """The current library as plain data, in print order: what assembly reads."""
    clauses_by_section: dict[int, list[ClauseSpec]] = {}
    for clause in Clause.objects.filter(is_active=True).select_related("current_version").order_by("order", "key"):
        v = clause.current_version
        if v is None:
            continue
        clauses_by_section.setdefault(clause.section_id, []).append(ClauseSpec(
            key=clause.key, order=clause.order, condition=clause.condition, highlight=clause.highlight,
            table=clause.table, title_zh=v.title_zh, title_en=v.title_en, body_zh=v.body_zh,
            body_en=v.body_en, version_id=v.pk,
        ))
    kind_order = {"preamble": 0, "article": 1, "annex": 2}
    sections = sorted(Section.objects.all(), key=lambda s: (kind_order.get(s.kind, 9), s.order, s.key))
    return [
        SectionSpec(key=s.key, kind=s.kind, order=s.order, title_zh=s.title_zh, title_en=s.title_en,
                    condition=s.condition, clauses=tuple(clauses_by_section.get(s.pk, ())))
        for s in sections
    ]
