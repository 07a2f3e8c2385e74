"""The clause library: files in the repository ⇄ database rows, versions, and the snapshot assembly reads."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from django.db import transaction
from django.utils.translation import gettext
from jinja2 import TemplateSyntaxError, nodes
from jinja2.parser import Parser

from contracts.clauses.engine import ENVIRONMENTS, ClauseTemplateError, check_source
from contracts.models import Clause, ClauseVersion, Section
from contracts.terms import VARIABLES, variable_names

LIBRARY_DIR = Path(__file__).resolve().parent / "library"
TABLES = (
    "yearly_fees",
    "tco_by_year",
    "one_time_fees",
    "module_prices",
    "usage_addons",
    "credit_tiers",
    "severity_targets",
    "requirements",
    "milestones",
    "integrations",
    "other_modules",
)
BUYER = "buyer"
ALTERNATIVE_POSITIONS = ("balanced", "vendor")  # the buyer-favourable text is the clause body itself
POSITIONS = (BUYER, *ALTERNATIVE_POSITIONS)
PART_LABELS = {"note_zh": "note (zh)", "note_en": "note (en)", "body_zh": "text (zh)", "body_en": "text (en)"}
# What each position stores: the buyer's text is the clause body, so the buyer position has only its note
# (what our standard secures); an alternative has its note (what it gives away) and its own text.
POSITION_PARTS = {
    BUYER: ("note_zh", "note_en"),
    **{name: ("note_zh", "note_en", "body_zh", "body_en") for name in ALTERNATIVE_POSITIONS},
}
KIND_ORDER = {"preamble": 0, "article": 1, "annex": 2}


@dataclass(frozen=True)
class PositionSpec:
    """An alternative text of a clause and what the buyer gives away by accepting it."""

    name: str
    note_zh: str
    note_en: str
    body_zh: str
    body_en: str


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
    positions: tuple[PositionSpec, ...] = ()  # the alternatives (balanced, vendor) a buyer may accept
    buyer_note_zh: str = ""  # what the clause's own (buyer) text secures, shown beside the alternatives
    buyer_note_en: str = ""

    def position(self, name: str) -> PositionSpec | None:
        return next((p for p in self.positions if p.name == name), None)

    def content(self) -> dict:
        """What a version stores: every field that decides whether and how the clause prints."""
        return {
            "order": self.order,
            "condition": self.condition,
            "highlight": self.highlight,
            "table": self.table,
            "title_zh": self.title_zh,
            "title_en": self.title_en,
            "body_zh": self.body_zh,
            "body_en": self.body_en,
            "positions": positions_to_json(self.positions, self.buyer_note_zh, self.buyer_note_en),
        }


@dataclass(frozen=True)
class SectionSpec:
    key: str
    kind: str
    order: int
    title_zh: str
    title_en: str
    condition: str
    clauses: tuple[ClauseSpec, ...] = field(default_factory=tuple)


def positions_to_json(positions: tuple[PositionSpec, ...], buyer_note_zh: str = "", buyer_note_en: str = "") -> dict:
    """The stored form: {buyer: {note_zh, note_en}, balanced|vendor: {note_zh, note_en, body_zh, body_en}}."""
    stored = {BUYER: {"note_zh": buyer_note_zh, "note_en": buyer_note_en}} if buyer_note_zh or buyer_note_en else {}
    return stored | {p.name: {k: v for k, v in asdict(p).items() if k != "name"} for p in positions}


def positions_from_json(data: dict | None) -> dict:
    """ClauseSpec's `positions`, `buyer_note_zh` and `buyer_note_en` from the stored form."""
    data = data or {}
    buyer = data.get(BUYER) or {}
    alternatives = tuple(
        PositionSpec(
            name=name,
            note_zh=data[name].get("note_zh", ""),
            note_en=data[name].get("note_en", ""),
            body_zh=data[name].get("body_zh", ""),
            body_en=data[name].get("body_en", ""),
        )
        for name in ALTERNATIVE_POSITIONS
        if name in data
    )
    return {
        "positions": alternatives,
        "buyer_note_zh": buyer.get("note_zh", ""),
        "buyer_note_en": buyer.get("note_en", ""),
    }


# Validation ----------------------------------------------------------------------------------


def clause_problems(
    *,
    title_zh: str,
    title_en: str,
    body_zh: str,
    body_en: str,
    condition: str = "",
    table: str = "",
    positions: dict | None = None,
    clause_keys: frozenset[str] | set[str] | None = None,
) -> dict[str, str]:
    """Why a clause cannot be saved, keyed by the field at fault; empty when it is fine.

    `positions` is the stored form (see `positions_to_json`); `clause_keys`, when given, are the keys
    a `ref` may name."""
    known = variable_names()
    problems: dict[str, str] = {}
    sources = [("title_zh", title_zh), ("title_en", title_en), ("body_zh", body_zh), ("body_en", body_en)]
    for name, text in (positions or {}).items():
        if name not in POSITION_PARTS:
            problems["positions"] = f"unknown position '{name}'; one of: {', '.join(POSITIONS)}"
            continue
        for part in POSITION_PARTS[name]:
            if not (text.get(part) or "").strip():
                problems[f"positions.{name}.{part}"] = f"the {name} position needs its {PART_LABELS[part]}"
            sources.append((f"positions.{name}.{part}", text.get(part) or ""))
    if BUYER in (positions or {}) and not set(positions) & set(ALTERNATIVE_POSITIONS):
        problems.setdefault(
            f"positions.{BUYER}.note_zh",
            "a note on the buyer's text is shown only beside a balanced or vendor text; add one",
        )
    for name, source in sources:
        if name in problems:
            continue
        try:
            check_source(source or "", known, clause_keys=clause_keys)
        except ClauseTemplateError as exc:
            problems[name] = str(exc)
    if condition.strip():
        try:
            check_source(condition, known, expression=True)
            condition_type_check(condition)
        except ClauseTemplateError as exc:
            problems["condition"] = str(exc)
    if table and table not in TABLES:
        problems["table"] = f"unknown table '{table}'; one of: {', '.join(TABLES)}"
    return problems


def section_condition_problem(condition: str) -> str | None:
    if not condition.strip():
        return None
    try:
        check_source(condition, variable_names(), expression=True)
        condition_type_check(condition)
    except ClauseTemplateError as exc:
        return str(exc)
    return None


YES_NO_TYPES = ("bool", "list", "multi")  # a list is a yes/no answer too: does it have any rows


def condition_type_check(condition: str) -> None:
    """Refuse a condition that names a number, text or date alone (`pricing.total_contract_value`):
    it holds for any value but zero or empty, which is never what the author meant."""
    types = {v.name: v.type for v in VARIABLES}

    def visit(node) -> None:
        if isinstance(node, (nodes.And, nodes.Or)):
            visit(node.left)
            visit(node.right)
        elif isinstance(node, nodes.Not):
            visit(node.node)
        elif isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name):
            name = f"{node.node.name}.{node.attr}"
            if types.get(name, "bool") not in YES_NO_TYPES:
                example = f"{name} > 0" if types[name] in ("int", "dec", "pct") else f"{name} == '…'"
                raise ClauseTemplateError(
                    f"line {node.lineno}: '{name}' is a {types[name]}, not a yes/no answer; compare it, e.g. {example}"
                )

    try:
        expression = Parser(ENVIRONMENTS["en"], condition, state="variable").parse_expression()
    except TemplateSyntaxError:
        return  # check_source reports syntax
    visit(expression)


# Files -----------------------------------------------------------------------------------------


def _clause_from_yaml(c: dict) -> ClauseSpec:
    title = c.get("title") or {}
    raw = c.get("positions") or {}
    unknown = set(raw) - set(POSITIONS)
    if unknown:
        raise ClauseTemplateError(f"{c['key']}: unknown position {', '.join(sorted(unknown))}")
    if {"zh", "en"} & set(raw.get(BUYER) or {}):
        raise ClauseTemplateError(f"{c['key']}: the buyer position is the clause text itself; give it only a note")
    positions = {
        name: {
            "note_zh": (p.get("note") or {}).get("zh", ""),
            "note_en": (p.get("note") or {}).get("en", ""),
            **({} if name == BUYER else {"body_zh": p.get("zh") or "", "body_en": p.get("en") or ""}),
        }
        for name, p in raw.items()
    }
    return ClauseSpec(
        key=c["key"],
        order=int(c.get("order", 0)),
        condition=c.get("condition") or "",
        highlight=bool(c.get("highlight", False)),
        table=c.get("table") or "",
        title_zh=title.get("zh", ""),
        title_en=title.get("en", ""),
        body_zh=c.get("zh") or "",
        body_en=c.get("en") or "",
        **positions_from_json(positions),
    )


def read_library_files(directory: Path = LIBRARY_DIR) -> list[SectionSpec]:
    sections = []
    for path in sorted(Path(directory).glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        sections.append(
            SectionSpec(
                key=raw["section"],
                kind=raw.get("kind", "article"),
                order=int(raw.get("order", 0)),
                title_zh=raw["title"]["zh"],
                title_en=raw["title"]["en"],
                condition=raw.get("condition") or "",
                clauses=tuple(_clause_from_yaml(c) for c in raw.get("clauses", [])),
            )
        )
    return sections


def _clause_to_yaml(c: ClauseSpec) -> dict:
    data = {
        "key": c.key,
        "order": c.order,
        "title": {"zh": c.title_zh, "en": c.title_en},
        "condition": c.condition,
        "highlight": c.highlight,
        "table": c.table,
        "zh": c.body_zh,
        "en": c.body_en,
    }
    positions = {}
    if c.buyer_note_zh or c.buyer_note_en:
        positions[BUYER] = {"note": {"zh": c.buyer_note_zh, "en": c.buyer_note_en}}
    positions |= {
        p.name: {"note": {"zh": p.note_zh, "en": p.note_en}, "zh": p.body_zh, "en": p.body_en} for p in c.positions
    }
    if positions:
        data["positions"] = positions
    return data


def library_export(*, directory: Path) -> list[Path]:
    """Write the current library as one YAML file per section, in the format `library_import` reads."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for index, section in enumerate(library_snapshot()):
        data = {
            "section": section.key,
            "kind": section.kind,
            "order": section.order,
            "title": {"zh": section.title_zh, "en": section.title_en},
            "condition": section.condition,
            "clauses": [_clause_to_yaml(c) for c in section.clauses],
        }
        path = directory / f"{index:02d}-{section.key}.yaml"
        path.write_text(section_yaml(data), encoding="utf-8")
        written.append(path)
    return written


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _block(value: str, indent: str) -> str:
    """A text as a literal block, one paragraph line per line; its chomping keeps the text byte for byte."""
    if value[:1] in (" ", "\n") or "\t" in value or any(line != line.rstrip(" ") for line in value.split("\n")):
        return _quoted(value)  # what a literal block cannot hold exactly
    stripped = value.rstrip("\n")
    trailing = len(value) - len(stripped)
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    lines = stripped.split("\n") + [""] * max(trailing - 1, 0)
    body = "\n".join(f"{indent}{line}" if line else "" for line in lines)
    return f"|{chomp}\n{body}"


def _text(value: str, indent: str) -> str:
    return _block(value, indent) if "\n" in value else _quoted(value)


def section_yaml(data: dict) -> str:
    """One section file in the shipped library's style: flow titles, double-quoted one-line texts, literal
    blocks for paragraphs, a blank line between clauses; exporting an unchanged library reproduces it."""
    out = [
        f"section: {data['section']}",
        f"kind: {data['kind']}",
        f"order: {data['order']}",
        f"title: {{zh: {_quoted(data['title']['zh'])}, en: {_quoted(data['title']['en'])}}}",
        f"condition: {_quoted(data['condition'])}",
        "clauses:",
    ]
    for i, c in enumerate(data["clauses"]):
        if i:
            out.append("")
        out += [
            f"  - key: {c['key']}",
            f"    order: {c['order']}",
            f"    title: {{zh: {_quoted(c['title']['zh'])}, en: {_quoted(c['title']['en'])}}}",
            f"    condition: {_quoted(c['condition'])}",
            f"    highlight: {'true' if c['highlight'] else 'false'}",
            f"    table: {_quoted(c['table'])}",
            f"    zh: {_text(c['zh'], '      ')}",
            f"    en: {_text(c['en'], '      ')}",
        ]
        if positions := c.get("positions"):
            out.append("    positions:")
            for name, position in positions.items():
                out += [
                    f"      {name}:",
                    "        note:",
                    f"          zh: {_text(position['note']['zh'], '            ')}",
                    f"          en: {_text(position['note']['en'], '            ')}",
                ]
                out += [
                    f"        {lang}: {_text(position[lang], '          ')}"
                    for lang in ("zh", "en")
                    if lang in position
                ]
    return "\n".join(out) + "\n"


# Database -------------------------------------------------------------------------------------


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
