"""assemble(context, library) → Document: the clauses that apply, numbered, rendered in both languages.

`positions` picks, per clause key, the buyer-favourable text (the default), the balanced one or the
vendor's usual one, and under the key `stance` the position of every clause without an entry of its own
(spec.ClauseSpec.position_in); the document records which position each clause was printed in."""

from __future__ import annotations

from dataclasses import dataclass

from contracts.clauses.bounds import document_budget
from contracts.clauses.engine import ClauseLimitExceeded, evaluate_condition, paragraphs, render_text
from contracts.clauses.spec import BUYER, ClauseSpec, SectionSpec
from contracts.clauses.tables import Table, build_table
from contracts.terms.bilingual import column_context

LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class Text:
    zh: tuple[str, ...]
    en: tuple[str, ...]

    def get(self, lang: str) -> tuple[str, ...]:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class DocClause:
    key: str
    number: str  # "7.3"; empty in the preamble
    title_zh: str
    title_en: str
    text: Text
    highlight: bool
    table_zh: Table | None
    table_en: Table | None
    version_id: int | None
    position: str = BUYER


@dataclass(frozen=True)
class DocSection:
    key: str
    kind: str
    number: int | None
    title_zh: str
    title_en: str
    clauses: tuple[DocClause, ...]


@dataclass(frozen=True)
class Document:
    context: dict
    preamble: tuple[DocSection, ...]
    articles: tuple[DocSection, ...]
    annexes: tuple[DocSection, ...]

    @property
    def clause_versions(self) -> list[int]:
        return sorted(c.version_id for s in self.sections for c in s.clauses if c.version_id)

    @property
    def sections(self) -> tuple[DocSection, ...]:
        return self.preamble + self.articles + self.annexes

    def clause_keys(self) -> set[str]:
        return {c.key for s in self.sections for c in s.clauses}

    @property
    def positions(self) -> dict[str, str]:
        """The clauses printed in a position other than the buyer's: clause key → position."""
        return {c.key: c.position for s in self.sections for c in s.clauses if c.position != BUYER}


def _text_in_position(clause: ClauseSpec, positions: dict) -> tuple[str, str, str]:
    """(position, zh body, en body); a position the clause does not offer falls back to the stance's, then
    to the buyer's."""
    wanted = clause.position_in(positions)
    alternative = clause.position(wanted) if wanted != BUYER else None
    if alternative is None:
        return BUYER, clause.body_zh, clause.body_en
    return alternative.name, alternative.body_zh, alternative.body_en


def select(context: dict, library: list[SectionSpec]) -> list[tuple[SectionSpec, list[ClauseSpec]]]:
    """The sections and clauses whose conditions hold, in print order; empty sections dropped."""
    selected = []
    for section in library:
        if not evaluate_condition(section.condition, context):
            continue
        clauses = [
            c
            for c in sorted(section.clauses, key=lambda c: (c.order, c.key))
            if evaluate_condition(c.condition, context)
        ]
        if clauses:
            selected.append((section, clauses))
    return selected


def numbering(selected) -> tuple[dict[str, int | None], dict[str, str], dict[str, dict]]:
    """Section numbers, clause numbers ("7.3"; "2" in an annex) and what the ref filter cites."""
    numbers: dict[str, str] = {}
    references: dict[str, dict] = {}
    counters = {"article": 0, "annex": 0}
    section_numbers: dict[str, int | None] = {}
    for section, clauses in selected:
        if section.kind == "preamble":
            section_numbers[section.key] = None
            continue
        counters[section.kind] += 1
        n = counters[section.kind]
        section_numbers[section.key] = n
        for i, clause in enumerate(clauses, start=1):
            numbers[clause.key] = f"{n}.{i}" if section.kind == "article" else str(i)
            references[clause.key] = {"kind": section.kind, "section": n, "item": i}
    return section_numbers, numbers, references


def assemble(context: dict, library: list[SectionSpec], positions: dict[str, str] | None = None) -> Document:
    """The document; all its clause texts share one time budget (bounds.DOCUMENT_SECONDS)."""
    with document_budget():
        return _assemble(context, library, positions or {})


def _assemble(context: dict, library: list[SectionSpec], positions: dict[str, str]) -> Document:
    selected = select(context, library)
    section_numbers, numbers, references = numbering(selected)
    # each column reads the buyer's free texts in its own language; conditions read the answers as given
    columns = {lang: column_context(context, lang) for lang in LANGUAGES}
    render_ctx = {lang: columns[lang] | {"_numbers": references} for lang in LANGUAGES}
    groups: dict[str, list[DocSection]] = {"preamble": [], "article": [], "annex": []}
    for section, clauses in selected:
        doc_clauses = []
        for clause in clauses:
            position, body_zh, body_en = _text_in_position(clause, positions)
            try:
                text = Text(
                    zh=tuple(paragraphs(render_text(body_zh, render_ctx["zh"], "zh"))),
                    en=tuple(paragraphs(render_text(body_en, render_ctx["en"], "en"))),
                )
                titles = (
                    render_text(clause.title_zh, render_ctx["zh"], "zh"),
                    render_text(clause.title_en, render_ctx["en"], "en"),
                )
            except ClauseLimitExceeded as exc:
                raise ClauseLimitExceeded(f"{clause.key}: {exc}") from exc  # which clause, for the operator's log
            doc_clauses.append(
                DocClause(
                    key=clause.key,
                    number=numbers.get(clause.key, ""),
                    title_zh=titles[0].strip(),
                    title_en=titles[1].strip(),
                    text=text,
                    highlight=clause.highlight,
                    table_zh=build_table(clause.table, columns["zh"], "zh") if clause.table else None,
                    table_en=build_table(clause.table, columns["en"], "en") if clause.table else None,
                    version_id=clause.version_id,
                    position=position,
                )
            )
        groups[section.kind].append(
            DocSection(
                key=section.key,
                kind=section.kind,
                number=section_numbers[section.key],
                title_zh=section.title_zh,
                title_en=section.title_en,
                clauses=tuple(doc_clauses),
            )
        )
    return Document(
        context=context,
        preamble=tuple(groups["preamble"]),
        articles=tuple(groups["article"]),
        annexes=tuple(groups["annex"]),
    )
