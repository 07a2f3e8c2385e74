"""The clause library's files in the repository: YAML in, YAML out (one file per section)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from contracts.clauses.engine import ClauseTemplateError
from contracts.clauses.snapshot import library_snapshot
from contracts.clauses.spec import BUYER, POSITIONS, ClauseSpec, SectionSpec, positions_from_json

LIBRARY_DIR = Path(__file__).resolve().parent / "library"


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


# libyaml's loader where PyYAML was built with it (its wheels are): the same documents, 14 times faster
# (the library's 21 files: 140 ms → 10 ms); the tests and each import of the library read them.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_library_files(directory: Path = LIBRARY_DIR) -> list[SectionSpec]:
    sections = []
    for path in sorted(Path(directory).glob("*.yaml")):
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)  # a safe loader: plain data only
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
