"""Whole-library checks: render the clauses under many answers and report what a lawyer would catch.

An unresolved variable, a reference to a clause that is not printed under those answers, an article
or clause that prints nothing, a duplicate number, a blank left in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from django.utils.translation import gettext
from jinja2 import TemplateError

from contracts.clauses.assemble import assemble, numbering, select
from contracts.clauses.engine import ClauseLimitExceeded, ClauseTemplateError, check_source, paragraphs, render_text
from contracts.clauses.library import ClauseSpec, SectionSpec
from contracts.clauses.matrix import answer_matrix
from contracts.clauses.samples import STANDARD, context_for

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


def _text_labels(position: str | None) -> tuple[str, str, str, str]:
    """The admin form's names of the texts rendered for `position`, to say which one failed."""
    bodies = {
        "balanced": (gettext("Balanced text (Chinese)"), gettext("Balanced text (English)")),
        "vendor": (gettext("Vendor's usual text (Chinese)"), gettext("Vendor's usual text (English)")),
    }.get(position or "", (gettext("Text (Chinese)"), gettext("Text (English)")))
    return (gettext("Title (Chinese)"), gettext("Title (English)"), *bodies)


def _render_clause(clause: ClauseSpec, render_ctx: dict, position: str | None = None) -> None:
    texts = [clause.title_zh, clause.title_en]
    alternative = clause.position(position) if position else None
    texts += [alternative.body_zh, alternative.body_en] if alternative else [clause.body_zh, clause.body_en]
    labels = _text_labels(position if alternative else None)
    for i, text in enumerate(texts):
        try:
            paragraphs(render_text(text, render_ctx, "zh" if i % 2 == 0 else "en"))
        except (TemplateError, ClauseTemplateError) as exc:
            kind = ClauseLimitExceeded if isinstance(exc, ClauseLimitExceeded) else ClauseTemplateError
            raise kind(f"{labels[i]}: {exc}") from exc


def library_with_clause(library: list[SectionSpec], section_key: str, spec: ClauseSpec) -> list[SectionSpec]:
    result = []
    for section in library:
        clauses = tuple(c for c in section.clauses if c.key != spec.key)
        if section.key == section_key:
            clauses += (spec,)
        result.append(replace(section, clauses=clauses))
    return result


def clause_save_problems(library: list[SectionSpec], section_key: str, spec: ClauseSpec) -> list[str]:
    """What saving `spec` into `section_key` would break, checked under the answer matrix: its own
    text must render wherever it is printed, and no clause may refer to it where it is left out."""
    candidate = library_with_clause(library, section_key, spec)
    referrers = [c for s in candidate for c in s.clauses if c.key != spec.key and spec.key in _refs(c)]
    problems: list[str] = []
    for label, document in answer_matrix(STANDARD, candidate):
        try:
            context = context_for(document)
        except ValueError:
            continue  # the matrix's own validity is a test's business, not the author's
        try:
            selected = select(context, candidate)
        except (TemplateError, ClauseTemplateError) as exc:  # the new condition cannot be worked out
            return [f"{gettext('Condition')}: {exc} (with the sample answers '{label}')"]
        _, _, references = numbering(selected)
        render_ctx = context | {"_numbers": references}
        printed = {c.key for _, clauses in selected for c in clauses}
        checks = [(spec, p) for p in (None, *[p.name for p in spec.positions])] if spec.key in printed else []
        if spec.key not in printed:
            checks += [(c, None) for c in referrers if c.key in printed]
        for clause, position in checks:
            try:
                _render_clause(clause, render_ctx, position)
            except (TemplateError, ClauseTemplateError) as exc:
                where = "" if clause.key == spec.key else f"{clause.key}: "
                message = f"{where}{exc} (with the sample answers '{label}')"
                if message not in problems:
                    problems.append(message)
                if isinstance(exc, ClauseLimitExceeded):
                    return problems  # one sample is enough, and each further one would spend the budget again
        if len(problems) >= 5:
            break
    return problems


def _refs(clause: ClauseSpec) -> frozenset[str]:
    texts = [clause.body_zh, clause.body_en, *[t for p in clause.positions for t in (p.body_zh, p.body_en)]]
    refs: set[str] = set()
    for text in texts:
        try:
            refs |= check_source(text).refs
        except ClauseTemplateError:
            continue
    return frozenset(refs)
