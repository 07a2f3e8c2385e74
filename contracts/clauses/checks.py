"""Whole-library checks: render the clauses under many answers and report what a lawyer would catch.

An unresolved variable, a reference to a clause that is not printed under those answers, an article
or clause that prints nothing, a duplicate number, a blank left in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from jinja2 import TemplateError

from contracts.clauses.assemble import assemble, numbering, select
from contracts.clauses.engine import (
    ClauseTemplateError,
    check_source,
    evaluate_condition,
    paragraphs,
    render_text,
    template_line,
)
from contracts.clauses.matrix import answer_matrix
from contracts.clauses.samples import SAMPLES, STANDARD, context_for, sample_document
from contracts.clauses.spec import ClauseSpec, SectionSpec

# What a rendered text must never show: a template left over, a Python value, an empty blank.
LEFTOVERS = re.compile(r"\{\{|\{%|\}\}|\bNone\b|\[ \]|\(\)|（）|“”|\"\"")


@dataclass(frozen=True)
class LibraryProblem:
    answers: str  # which answers document of the matrix
    clause: str
    message: str

    def __str__(self) -> str:
        return f"{self.clause} (answers: {self.answers}): {self.message}"


def _texts(clause) -> list[tuple[str, tuple[str, ...]]]:
    return [
        ("zh", clause.text.zh),
        ("en", clause.text.en),
        ("title zh", (clause.title_zh,)),
        ("title en", (clause.title_en,)),
    ]


def document_problems(document, label: str = "") -> list[LibraryProblem]:
    problems = []
    seen: dict[str, str] = {}
    for section in document.sections:
        if not section.clauses:
            problems.append(LibraryProblem(label, section.key, "the section prints no clause"))
        for clause in section.clauses:
            # an annex numbers its paragraphs from 1: "Annex 2, 1" and "Annex 3, 1" are different
            number = f"{section.kind} {section.number}: {clause.number}" if clause.number else ""
            if number and number in seen:
                problems.append(LibraryProblem(label, clause.key, f"number {number} also used by {seen[number]}"))
            seen[number] = clause.key
            for lang, text in _texts(clause):
                if not any(p.strip() for p in text):
                    problems.append(LibraryProblem(label, clause.key, f"the {lang} text is empty"))
                for paragraph in text:
                    if match := LEFTOVERS.search(paragraph):
                        problems.append(
                            LibraryProblem(label, clause.key, f"{lang}: '{match.group()}' left in: {paragraph[:80]}")
                        )
    return problems


def with_positions(library: list[SectionSpec], position: str) -> dict[str, str]:
    return {c.key: position for s in library for c in s.clauses if c.position(position)}


def library_problems(
    library: list[SectionSpec],
    documents: list[tuple[str, dict]] | None = None,
    *,
    positions: tuple[str, ...] = ("buyer", "balanced", "vendor"),
) -> list[LibraryProblem]:
    """Assemble the library under each answers document (the matrix by default) in each position."""
    documents = documents if documents is not None else answer_matrix(STANDARD, library)
    problems = []
    for label, document in documents:
        try:
            context = context_for(document)
        except ValueError as exc:
            problems.append(LibraryProblem(label, "-", f"invalid answers: {exc}"))
            continue
        for position in positions:
            name = f"{label}, {position}"
            try:
                doc = assemble(context, library, with_positions(library, position))
            except (TemplateError, ClauseTemplateError) as exc:
                problems.append(LibraryProblem(name, _failing_clause(context, library, position), str(exc)))
                continue
            problems += document_problems(doc, name)
    return problems


def _failing_clause(context, library, position) -> str:
    """Which clause breaks the assembly (rendered one by one to find it)."""
    selected = select(context, library)
    _, _, references = numbering(selected)
    for _, clauses in selected:
        for clause in clauses:
            try:
                _render_clause(clause, context | {"_numbers": references}, position)
            except (TemplateError, ClauseTemplateError):
                return clause.key
    return "-"


def _render_clause(clause: ClauseSpec, render_ctx: dict, position: str | None = None) -> None:
    if failure := _render_failure(clause, render_ctx, position):
        raise ClauseTemplateError(failure[2])


def _clause_texts(clause: ClauseSpec, position: str | None) -> list[tuple[str, str, str]]:
    """(which text, language, source) of what the clause prints in `position`."""
    alternative = clause.position(position) if position else None
    prefix = f"positions.{alternative.name}." if alternative else ""
    body = alternative or clause
    return [
        ("title_zh", "zh", clause.title_zh),
        ("title_en", "en", clause.title_en),
        (f"{prefix}body_zh", "zh", body.body_zh),
        (f"{prefix}body_en", "en", body.body_en),
    ]


def _render_failure(clause: ClauseSpec, render_ctx: dict, position: str | None) -> tuple[str, int | None, str] | None:
    """(which text, line, message) of the first text of `clause` that fails to render; None when all render."""
    for name, lang, source in _clause_texts(clause, position):
        try:
            paragraphs(render_text(source, render_ctx, lang))
        except (TemplateError, ClauseTemplateError) as exc:
            line, reason = error_line(exc)
            return name, line, reason
    return None


def error_line(exc: BaseException) -> tuple[int | None, str]:
    """(line, reason) of a render error: a refusal carries both; Jinja's own errors have their line in the
    traceback."""
    if isinstance(exc, ClauseTemplateError):
        return exc.line if exc.line is not None else template_line(exc), exc.reason
    return template_line(exc), re.sub(r"^line \d+: ", "", str(exc))


def _condition_failure(candidate: list[SectionSpec], context: dict) -> tuple[str, str] | None:
    """(clause key, reason) of the first condition of `candidate` that cannot be worked out under `context`."""
    for section in candidate:
        for clause in section.clauses:
            try:
                evaluate_condition(clause.condition, context)
            except (TemplateError, ClauseTemplateError) as exc:
                return clause.key, error_line(exc)[1]
    return None


def library_with_clause(
    library: list[SectionSpec], section_key: str, spec: ClauseSpec | None, *, replaces: str | None = None
) -> list[SectionSpec]:
    """The library with `spec` saved into `section_key`, in place of the clause `replaces` (its old key,
    when renamed); `spec` None takes the clause out (switched off)."""
    gone = {k for k in (replaces, spec.key if spec else None) if k}
    result = []
    for section in library:
        clauses = tuple(c for c in section.clauses if c.key not in gone)
        if spec is not None and section.key == section_key:
            clauses += (spec,)
        result.append(replace(section, clauses=clauses))
    return result


@dataclass(frozen=True)
class SaveProblem:
    """Why a clause save would break a contract: which clause's which text, on which line, and where.

    `kind` is "render" (a text fails), "referred" (`clause` refers to the key leaving the library),
    "empty_section" (the section would print nothing), "empty" or "leftover" (a printed text)."""

    kind: str
    clause: str
    message: str = ""
    text: str = ""  # "body_zh", "title_en", "positions.balanced.body_en", ...
    line: int | None = None
    sample: str = ""  # a key of samples.SAMPLES; "" for the answers of the matrix
    position: str = ""

    def __str__(self) -> str:
        where = f"{self.clause} {self.text}".strip() + (f" line {self.line}" if self.line else "")
        return f"{where}: {self.kind}: {self.message}"


def referring_clauses(library: list[SectionSpec], key: str) -> list[str]:
    """The clauses of `library` whose texts `ref` the clause `key`."""
    return sorted(c.key for s in library for c in s.clauses if c.key != key and key in _refs(c))


def clause_save_problems(
    library: list[SectionSpec],
    section_key: str,
    spec: ClauseSpec,
    *,
    old_key: str | None = None,
    active: bool = True,
) -> list[SaveProblem]:
    """What saving `spec` into `section_key` would break; empty when the save is safe.

    A key leaving the library (renamed from `old_key`, or the clause switched off) may not be referred
    to by another clause. Then, under the answer matrix, the clause's own texts must render wherever it
    is printed and no clause may refer to it where it is left out; and the library as it would be must
    print every sample draft in every position. Each problem is reported once."""
    leaving = {k for k in (old_key, spec.key if not active else None) if k and (k != spec.key or not active)}
    kept = [replace(s, clauses=tuple(c for c in s.clauses if c.key not in leaving)) for s in library]
    referred = [
        SaveProblem("referred", referrer, key) for key in sorted(leaving) for referrer in referring_clauses(kept, key)
    ]
    if referred:
        return referred
    candidate = library_with_clause(library, section_key, spec if active else None, replaces=old_key)
    problems: list[SaveProblem] = []

    def add(problem: SaveProblem) -> None:
        # once per clause and reason: the same broken ref fails in both languages and under many answers
        if not any((p.kind, p.clause, p.message) == (problem.kind, problem.clause, problem.message) for p in problems):
            problems.append(problem)

    # a section left with no clause at all would drop out of every contract it belongs in
    for before, after in zip(library, candidate, strict=True):
        if before.clauses and not after.clauses:
            add(SaveProblem("empty_section", after.key))
    if active:
        _matrix_problems(candidate, spec, add)
    _sample_problems(candidate, spec.key if active else None, add)
    return problems


def _matrix_problems(candidate: list[SectionSpec], spec: ClauseSpec, add) -> None:
    referrers = [c for s in candidate for c in s.clauses if c.key != spec.key and spec.key in _refs(c)]
    for _label, document in answer_matrix(STANDARD, candidate):
        try:
            context = context_for(document)
        except ValueError:
            continue  # the matrix's own validity is a test's business, not the author's
        try:
            selected = select(context, candidate)
        except (TemplateError, ClauseTemplateError):  # a condition cannot be worked out under these answers
            if failure := _condition_failure(candidate, context):
                add(SaveProblem("render", failure[0], failure[1], "condition"))
            return
        _, _, references = numbering(selected)
        render_ctx = context | {"_numbers": references}
        printed = {c.key for _, clauses in selected for c in clauses}
        if spec.key in printed:
            checks = [(spec, p) for p in (None, *[p.name for p in spec.positions])]
        else:
            checks = [(c, None) for c in referrers if c.key in printed]
        for clause, position in checks:
            if failure := _render_failure(clause, render_ctx, position):
                name, line, message = failure
                add(SaveProblem("render", clause.key, message, name, line, position=position or ""))


def _sample_problems(candidate: list[SectionSpec], key: str | None, add) -> None:
    """Assemble every sample draft in every position with the candidate library."""
    for sample in SAMPLES:
        context = context_for(sample_document(sample))
        for position in ("buyer", "balanced", "vendor"):
            positions = with_positions(candidate, position)
            try:
                document = assemble(context, candidate, positions)
            except (TemplateError, ClauseTemplateError):
                try:
                    selected = select(context, candidate)
                except (TemplateError, ClauseTemplateError):  # a condition, not a text, fails
                    if failure := _condition_failure(candidate, context):
                        add(SaveProblem("render", failure[0], failure[1], "condition", None, sample, position))
                    break  # the same condition fails in every position
                _, _, references = numbering(selected)
                render_ctx = context | {"_numbers": references}
                for _, clauses in selected:
                    for clause in clauses:
                        if failure := _render_failure(clause, render_ctx, positions.get(clause.key)):
                            name, line, message = failure
                            add(SaveProblem("render", clause.key, message, name, line, sample, position))
                            break
                continue
            for doc_section in document.sections:
                for clause in doc_section.clauses:
                    if clause.key != key:
                        continue
                    for lang, text in (("zh", clause.text.zh), ("en", clause.text.en)):
                        if not any(p.strip() for p in text):
                            add(SaveProblem("empty", key, text=f"body_{lang}", sample=sample, position=position))
                        for paragraph in text:
                            if match := LEFTOVERS.search(paragraph):
                                add(SaveProblem("leftover", key, match.group(), f"body_{lang}", None, sample, position))


@lru_cache(maxsize=4096)  # every save asks it of the whole library; a spec is immutable
def _refs(clause: ClauseSpec) -> frozenset[str]:
    texts = [clause.body_zh, clause.body_en, *[t for p in clause.positions for t in (p.body_zh, p.body_en)]]
    refs: set[str] = set()
    for text in texts:
        try:
            refs |= check_source(text).refs
        except ClauseTemplateError:
            continue
    return frozenset(refs)
