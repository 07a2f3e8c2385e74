"""Reading an answers document from a file (draft import, the command line): bytes to JSON, or a refusal.

What the wizard's forms cannot see is refused here: a file that is not UTF-8 JSON, nesting deeper than
any answers document has, and text no page or file can hold (half of a UTF-16 surrogate pair).
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from .validation import gettext_noop

# answers → step → list → row → cell is four levels; a little room, and no more, for whatever else
MAX_DEPTH = 8


@dataclass(frozen=True)
class DocumentProblem:
    place: str  # "parties.buyer_name", "scope.requirements[2].text"; empty for the whole file
    message: str  # English, with %(name)s placeholders filled from params
    params: dict[str, Any] = field(default_factory=dict)


class DocumentRefused(ValueError):
    def __init__(self, problems: list[DocumentProblem]):
        super().__init__("; ".join(f"{p.place}: {p.message % p.params}" if p.place else p.message for p in problems))
        self.problems = problems


NOT_UTF8 = gettext_noop("The file is not UTF-8 text.")
NOT_JSON = gettext_noop("The file is not a JSON document (line %(line)s, column %(column)s: %(error)s).")
TOO_DEEP = gettext_noop(
    "The file nests lists and objects more than %(max)s levels deep; an answers document never does."
)
LONE_SURROGATE = gettext_noop(
    "This text holds a broken character (\\u%(code)s, half of an emoji or other character copied apart): remove it."
)


def parse_answers(raw: bytes | str) -> Any:
    """The JSON value of an answers file; a UTF-8 byte order mark (as Windows editors save) is skipped.
    Raises DocumentRefused naming every place at fault."""
    if isinstance(raw, bytes):
        if raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise DocumentRefused([DocumentProblem("", NOT_UTF8)]) from None
    raw = raw.removeprefix("\ufeff")
    try:
        value = json.loads(raw)
    except RecursionError:  # the parser gives up on deep nesting before the walk below could
        raise DocumentRefused([DocumentProblem("", TOO_DEEP, {"max": MAX_DEPTH})]) from None
    except json.JSONDecodeError as exc:
        params = {"line": exc.lineno, "column": exc.colno, "error": exc.msg}
        raise DocumentRefused([DocumentProblem("", NOT_JSON, params)]) from None
    problems = _walk(value)
    if problems:
        raise DocumentRefused(problems)
    return value


def _walk(value: Any) -> list[DocumentProblem]:
    """Depth and lone surrogates, iteratively (a recursive walk would hit the limit it checks)."""
    problems: list[DocumentProblem] = []
    stack: list[tuple[Any, str, int]] = [(value, "", 0)]
    while stack:
        item, place, depth = stack.pop()
        if depth > MAX_DEPTH:
            return [DocumentProblem("", TOO_DEEP, {"max": MAX_DEPTH})]
        if isinstance(item, dict):
            for key, child in item.items():
                child_place = f"{place}.{key}" if place else str(key)
                if (code := _lone_surrogate(key)) is not None:
                    problems.append(DocumentProblem(_printable(child_place), LONE_SURROGATE, {"code": code}))
                    continue
                stack.append((child, child_place, depth + 1))
        elif isinstance(item, list):
            stack.extend((child, f"{place}[{i}]", depth + 1) for i, child in enumerate(item, start=1))
        elif isinstance(item, str) and (code := _lone_surrogate(item)) is not None:
            problems.append(DocumentProblem(place, LONE_SURROGATE, {"code": code}))
    return sorted(problems, key=lambda p: p.place)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _lone_surrogate(text: str) -> str | None:
    found = _SURROGATE.search(text)
    return f"{ord(found.group()):04x}" if found else None


def _printable(text: str) -> str:
    return _SURROGATE.sub("?", text)


def fingerprint(fragment: Any) -> str:
    """Identifies a saved part of an answers document, to notice a save from another tab (optimistic locking)."""
    return hashlib.sha256(json.dumps(fragment, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]
