"""Answers as a person reads them on the review page: labels, choice names, formatted values."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from contracts.questions import words
from contracts.questions.steps import BY_KEY, STEPS, Step
from contracts.questions.words import choice_names, is_english_companion
from contracts.terms import build_terms, checks, formatting, schema
from contracts.terms.answers import ASKED_IF, is_asked
from contracts.terms.bilingual import chinese_in_english

_LIST_CELL = re.compile(r"(?P<name>\w+)\[(?P<row>\d+)\]\.(?P<cell>\w+)")


def page_language() -> str:
    """The language the page is shown in, as the contract texts name theirs: "zh" or "en"."""
    return "zh" if (get_language() or "").startswith("zh") else "en"


def display_value(value, choices=()) -> str:
    """An answer as the buyer would write it: Yes/No, the names of its `choices` ((code, name) pairs), dates
    as the contract writes them."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    choices = dict(choices or ())
    if choices:
        if isinstance(value, list):
            return _list_separator().join(str(choices.get(v, v)) for v in value)
        for code, text in choices.items():
            if str(code) == str(value):
                return str(text)
    if isinstance(value, date):  # as the contract and the key dates write it: 2027年3月31日 / 31 March 2027
        return formatting.date_text(value, page_language())
    if isinstance(value, Decimal):
        return formatting.num(value)
    return str(value)


def _list_separator() -> str:
    # Chinese lists items with the enumeration comma 、, not ", ".
    return "、" if page_language() == "zh" else ", "


def review_sections(answers: dict) -> list[dict]:
    """Every step with its shown answers, lists as rows; steps not answered are marked. Read from the
    validated steps (kept per content), so the review page binds no form of its own."""
    sections = []
    # a single-language contract prints no English companion of a free text: the review does not list it
    bilingual = (answers.get("parties") or {}).get("contract_language") == "bilingual"
    for step in STEPS:
        fragment = answers.get(step.key)
        entry = {"step": step, "answered": isinstance(fragment, dict), "fields": [], "lists": []}
        if entry["answered"]:
            result = checks.step_result(step.key, fragment)
            cleaned = result.partial
            asks, rules = words.STEPS[step.key].asks, schema.FIELDS[step.key]
            for name, ask in asks.items():
                companion = is_english_companion(name, asks, ASKED_IF.get(step.key))
                if is_asked(step.key, name, cleaned) and (bilingual or not companion):
                    entry["fields"].append((ask.label, _shown(ask, rules[name], cleaned.get(name))))
            for spec in step.lists:
                if result.rows[spec.name] is None:
                    continue
                entry["lists"].append(_list_table(step, spec, result.rows[spec.name], bilingual=bilingual))
        sections.append(entry)
    return sections


def _shown(ask: words.Ask, rule: schema.Rule, value) -> str:
    return display_value(value, choice_names(ask, rule))


def _list_table(step: Step, spec, rows: list[dict], *, bilingual: bool) -> dict:
    """A list's answers as a table. A bilingual contract's English companion of a text is shown under its
    Chinese, in the same cell (a cell is its text and its English, or None), so the table keeps its columns."""
    asks, rules = words.ROWS[step.key, spec.name].asks, schema.LISTS[step.key][spec.name].rows
    names = [n for n in asks if not is_english_companion(n, asks)]

    def english(row: dict, name: str) -> str | None:
        companion = f"{name}_en"
        if not bilingual or companion not in asks or not is_english_companion(companion, asks):
            return None
        return _shown(asks[companion], rules[companion], row.get(companion))

    return {
        "label": spec.label,
        "headers": [asks[n].label for n in names],
        "rows": [[(_shown(asks[n], rules[n], row.get(n)), english(row, n)) for n in names] for row in rows],
    }


def problem_place(step_key: str, field_name: str) -> str:
    """Where a problem is, in the buyer's words: the step title and the field label, not the JSON keys."""
    step = BY_KEY.get(step_key)
    if step is None:
        return ".".join(filter(None, (step_key, field_name)))
    if not field_name:
        return str(step.title)
    return f"{step.title} · {_field_label(step, field_name)}"


def _field_label(step: Step, field_name: str) -> str:
    asks = words.STEPS[step.key].asks
    if field_name in asks:
        return str(asks[field_name].label)
    cell = _LIST_CELL.fullmatch(field_name)
    list_name = cell["name"] if cell else field_name
    spec = next((s for s in step.lists if s.name == list_name), None)
    if spec is None:
        return field_name
    if cell is None:
        return str(spec.label)
    row_field = words.ROWS[step.key, spec.name].asks.get(cell["cell"])
    return _("%(list)s, row %(row)s: %(field)s") % {
        "list": spec.label,
        "row": cell["row"],
        "field": row_field.label if row_field else cell["cell"],
    }


def answers_changes(before: dict, after: dict) -> list[dict]:
    """What taking `after` in place of `before` changes, as the review page shows answers: per step, each
    field or list whose shown value differs ({"step", "label", "before", "after"}); "—" where unanswered."""
    changes = []
    for old, new in zip(review_sections(before), review_sections(after), strict=True):
        old_fields, new_fields = dict(old["fields"]), dict(new["fields"])
        for label in dict.fromkeys([*old_fields, *new_fields]):
            was, now = old_fields.get(label, "—"), new_fields.get(label, "—")
            if was != now:
                changes.append({"step": old["step"], "label": label, "before": was, "after": now})
        old_lists = {entry["label"]: _rows_text(entry["rows"]) for entry in old["lists"]}
        new_lists = {entry["label"]: _rows_text(entry["rows"]) for entry in new["lists"]}
        for label in dict.fromkeys([*old_lists, *new_lists]):
            was, now = old_lists.get(label, "—"), new_lists.get(label, "—")
            if was != now:
                changes.append({"step": old["step"], "label": label, "before": was, "after": now})
    if (before.get("positions") or {}) != (after.get("positions") or {}):
        changes.append(
            {
                "step": None,
                "label": _("Negotiation positions"),
                "before": _positions_text(before.get("positions")),
                "after": _positions_text(after.get("positions")),
            }
        )
    return changes


def _rows_text(rows: list[list[tuple[str, str | None]]]) -> str:
    def cell(text: str, english: str | None) -> str:
        return text if english is None else f"{text} / {english}"

    return "; ".join(" · ".join(cell(*pair) for pair in cells) for cells in rows) or "—"


def _positions_text(positions) -> str:
    count = len(positions or {})
    if not count:
        return _("our text in every clause")
    return ngettext("%(count)d clause with another position", "%(count)d clauses with another position", count) % {
        "count": count
    }


def chinese_in_english_labels(answers: dict, step) -> list[str]:
    """The fields and list rows of `step` whose saved answers put Chinese into an English contract (they
    print as typed: a warning on save, not an error), by the labels the step shows."""
    terms = build_terms(checks.partial_answers(answers))
    lists = {spec.name: spec.label for spec in step.lists}
    labels = []
    for item in chinese_in_english(terms):
        if item.step != step.key:
            continue
        name, _bracket, rest = item.field.partition("[")
        if name in lists:
            labels.append(_("%(list)s, row %(row)s") % {"list": lists[name], "row": rest.split("]")[0]})
        elif name in (asks := words.STEPS[step.key].asks):
            labels.append(str(asks[name].label))
    return list(dict.fromkeys(labels))
