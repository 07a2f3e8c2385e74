"""Readable differences between two clause versions: word by word in English, character by character in Chinese."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from contracts.clauses.spec import POSITION_PARTS
from contracts.clauses.versions import version_content

EN_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class Segment:
    op: str  # equal | insert | delete
    text: str


@dataclass(frozen=True)
class FieldDiff:
    name: str  # e.g. "body_zh", "positions.vendor.body_en", "condition"
    label: str
    lang: str  # zh | en | "" for settings
    segments: tuple[Segment, ...]

    @property
    def changed(self) -> bool:
        return any(s.op != "equal" for s in self.segments)


LABELS = {
    "title_zh": "Title (zh)",
    "title_en": "Title (en)",
    "body_zh": "Text (zh)",
    "body_en": "Text (en)",
    "note_zh": "Note (zh)",
    "note_en": "Note (en)",
    "condition": "Condition",
    "order": "Order",
    "highlight": "Highlight",
    "table": "Table",
}


def _tokens(text: str, lang: str) -> list[str]:
    return list(text) if lang == "zh" else EN_TOKEN.findall(text)


def text_diff(old: str, new: str, lang: str = "en") -> tuple[Segment, ...]:
    """The edits that turn `old` into `new`, as runs of kept, inserted and deleted text."""
    a, b = _tokens(old, lang), _tokens(new, lang)
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("equal", "delete", "replace") and i2 > i1:
            segments.append(Segment("equal" if op == "equal" else "delete", "".join(a[i1:i2])))
        if op in ("insert", "replace") and j2 > j1:
            segments.append(Segment("insert", "".join(b[j1:j2])))
    return tuple(segments)


def _flat(content: dict) -> dict[str, str]:
    flat = {
        name: str(content[name])
        for name in ("title_zh", "title_en", "body_zh", "body_en", "condition", "order", "highlight", "table")
    }
    for position, parts in POSITION_PARTS.items():
        for part in parts:
            flat[f"positions.{position}.{part}"] = ((content.get("positions") or {}).get(position) or {}).get(part, "")
    return flat


def _label(name: str) -> str:
    if name.startswith("positions."):
        _, position, part = name.split(".")
        return f"{position.capitalize()} position — {LABELS[part]}"
    return LABELS[name]


def content_diff(old: dict, new: dict, *, changed_only: bool = True) -> list[FieldDiff]:
    """Field by field differences between two version contents (see `version_content`)."""
    before, after = _flat(old), _flat(new)
    result = []
    for name in before:
        lang = name[-2:] if name[-3:] in ("_zh", "_en") else ""
        diff = FieldDiff(name, _label(name), lang, text_diff(before[name], after[name], lang or "en"))
        if diff.changed or not changed_only:
            result.append(diff)
    return result


def version_diff(old, new, *, changed_only: bool = True) -> list[FieldDiff]:
    """What changed from version `old` to version `new` (ClauseVersion rows)."""
    return content_diff(version_content(old), version_content(new), changed_only=changed_only)


# What a contract would print differently -----------------------------------------------------------


@dataclass(frozen=True)
class PrintedChange:
    """A clause that a contract would print differently if it were generated now from the same answers."""

    key: str
    number: str  # where it prints now, or printed then when it is no longer in the contract
    title_zh: str
    title_en: str
    kind: str  # changed | added | removed
    diffs: tuple[FieldDiff, ...]  # the printed title, text and table, one per language


def printed_text(clause, lang: str) -> str:
    """A printed clause in one language as plain text: title, paragraphs, then its table row by row."""
    lines = [clause.title_zh if lang == "zh" else clause.title_en, *clause.text.get(lang)]
    table = clause.table_zh if lang == "zh" else clause.table_en
    if table is not None:
        lines += [" | ".join(table.headers), *(" | ".join(row) for row in table.rows)]
    return "\n\n".join(lines)


def _printed_diff(was, clause, lang: str) -> FieldDiff:
    before, after = (printed_text(c, lang) if c is not None else "" for c in (was, clause))
    return FieldDiff(f"text_{lang}", f"Text ({lang})", lang, text_diff(before, after, lang))


def printed_changes(before, now, langs: tuple[str, ...]) -> list[PrintedChange]:
    """The clauses of document `now` whose printed text differs from document `before` (both built from
    the same answers, with the contract's pinned clause versions and with the current library), in
    print order; then those no longer printed. A change to how a clause is written that prints the same
    (a template rewritten, a note in the admin) is not a change here."""
    old = {c.key: c for s in before.sections for c in s.clauses}
    new = {c.key: c for s in now.sections for c in s.clauses}
    changes = []
    for key in [*new, *(key for key in old if key not in new)]:
        was, clause = old.get(key), new.get(key)
        diffs = tuple(_printed_diff(was, clause, lang) for lang in langs)
        kind = "added" if was is None else "removed" if clause is None else "changed"
        if kind != "changed" or any(d.changed for d in diffs):
            shown = clause or was
            changes.append(PrintedChange(key, shown.number, shown.title_zh, shown.title_en, kind, diffs))
    return changes
