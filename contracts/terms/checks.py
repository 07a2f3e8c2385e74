"""An answers document, validated: each step's typed answers and every problem, field by field and row by row,
then the cross-field rules. Pure Python, read from the one declaration of each rule (terms.schema), so the
command line, the import and the clause samples validate as the wizard's forms do, without them.

A value of the document is read as the wizard reads what a browser posts: absent fields take the wizard's
pre-filled values, null is blank, and nothing is coerced across JSON types ([50] is no 50).
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, DecimalException
from functools import lru_cache
from typing import Any

from . import schema as s
from .answers import ASKED_IF, REQUIRED_IF, is_asked, is_required_by_condition
from .data import effective_cross_border, effective_gdpr_transfer
from .formatting import num
from .identifiers import uscc_is_valid
from .places import has_cjk, known_city
from .validation import (
    DATE_OUT_OF_RANGE,
    INVALID_CODE,
    Problem,
    cross_field_problems,
    date_in_range,
    date_range_params,
    gettext_noop,
)

NOT_AN_OBJECT = gettext_noop("The answers document must be a JSON object.")
STEP_NOT_ANSWERED = gettext_noop("This step has not been answered.")
STEP_NOT_AN_OBJECT = gettext_noop("This step must be a JSON object.")
WRONG_TYPE = gettext_noop("Expected %(expected)s, not %(found)s.")
# What a field of an answers document holds, in JSON, and what it was given instead.
EXPECTED = {
    "text": gettext_noop("text"),
    "int": gettext_noop("a whole number (or one in quotes)"),
    "number": gettext_noop("a number (or a number in quotes)"),
    "bool": gettext_noop("true or false"),
    "choices": gettext_noop("a list of choices, each as text"),
    "rows": gettext_noop("a list of rows, each an object"),
}
TRANSLATED_PARAMS = frozenset({"expected", "found"})  # parameters that are words to translate, not values
FOUND = {
    "str": gettext_noop("text"),
    "int": gettext_noop("a number"),
    "float": gettext_noop("a number"),
    "bool": gettext_noop("true or false"),
    "list": gettext_noop("a list"),
    "dict": gettext_noop("an object"),
}
DOMESTIC_ABROAD = gettext_noop(
    "A vendor that is not foreign is a company of mainland China: choose China, or tick “The vendor is a foreign "
    "company” above."
)
FOREIGN_IN_CHINA = gettext_noop(
    "A foreign vendor is a company outside mainland China: choose its country or region (Hong Kong, Macao and "
    "Taiwan are listed), or untick “The vendor is a foreign company” above."
)
PLACE_NOT_IN_ENGLISH = gettext_noop(
    "The contract is in English: type the place of signing in English (e.g. Pudong New Area, Shanghai). Only a "
    "major city typed in Chinese (上海, 北京 …) is translated by itself."
)
PLACE_EN_REQUIRED = gettext_noop(
    "The contract does not know this place in English: give its English name (e.g. Pudong New Area, Shanghai), "
    "or the English column cannot name the place of signing."
)
PLACE_EN_IN_CHINESE = gettext_noop("Type the English name of the place in English, not in Chinese.")

# --- one value ---------------------------------------------------------------------------------------

# Direction overrides and isolates make printed text read differently from what was typed ("Invoice
# \u202egnp.exe" shows as "Invoice exe.png"): refused. Plain marks (U+200E/U+200F) stay allowed.
DIRECTION_CONTROLS_RE = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# Control characters cannot be printed in a PDF or stored in a Word file; tab and line breaks are fine.
CONTROL_CHARACTERS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Half of a UTF-16 pair alone ("\ud800", from a JSON escape) is no character: no page, PDF or Word file
# can encode it.
LONE_SURROGATES_RE = re.compile(r"[\ud800-\udfff]")
TEXT_CHECKS = (
    (CONTROL_CHARACTERS_RE, s.CONTROL_CHARACTERS),
    (DIRECTION_CONTROLS_RE, s.DIRECTION_CONTROLS),
    (LONE_SURROGATES_RE, s.LONE_SURROGATE),
)

TITLE_MAX = 200  # a draft's title: one line (it names the .ics calendar and the comparison's columns)
_NOT_IN_TITLES = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]+")


def title_text(text: str) -> str:
    """A title made from others (a copy's "Copy of …"): what a title may not hold becomes a space."""
    return " ".join(_NOT_IN_TITLES.sub(" ", text).split())[:TITLE_MAX]


# An e-mail address as Django's EmailValidator takes it (django.core.validators, 5.2).
_UL = "\u00a1-\uffff"
_HOSTNAME = r"[a-z" + _UL + r"0-9](?:[a-z" + _UL + r"0-9-]{0,61}[a-z" + _UL + r"0-9])?"
_DOMAIN = r"(?:\.(?!-)[a-z" + _UL + r"0-9-]{1,63}(?<!-))*"
_TLD = r"\.(?!-)(?:[a-z" + _UL + r"-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)"
_EMAIL_USER = re.compile(
    r"(^[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*\Z"
    r'|^"([\001-\010\013\014\016-\037!#-\[\]-\177]|\\[\001-\011\013\014\016-\177])*"\Z)',
    re.IGNORECASE,
)
_EMAIL_DOMAIN = re.compile(r"^" + _HOSTNAME + _DOMAIN + _TLD + r"\Z", re.IGNORECASE)
_EMAIL_LITERAL = re.compile(r"\[([A-F0-9:.]+)\]\Z", re.IGNORECASE)


def email_is_valid(value: str) -> bool:
    if not value or "@" not in value or len(value) > 320:
        return False
    user, domain = value.rsplit("@", 1)
    if not _EMAIL_USER.match(user):
        return False
    if domain == "localhost" or _EMAIL_DOMAIN.match(domain):
        return True
    literal = _EMAIL_LITERAL.match(domain)
    if literal:
        try:
            ipaddress.ip_address(literal[1])
        except ValueError:
            return False
        return True
    return False


@dataclass(frozen=True)
class Message:
    """A problem with one value: an English message marked for translation, and its parameters."""

    message: str
    params: Mapping[str, Any] | None = None
    plural: str | None = None  # the message for a count other than one (params["num"])


class Invalid(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = Message(message)


def range_message(rule: s.Rule) -> Message:
    """One message for a number out of range, naming both ends of the range."""
    if rule.min is not None and rule.max is not None:
        return Message(s.RANGE_BOTH, {"min": num(rule.min), "max": num(rule.max)})
    if rule.min is not None:
        return Message(s.RANGE_MIN, {"min": num(rule.min)})
    return Message(s.RANGE_MAX, {"max": num(rule.max)})


def text_problems(value: str, max_length: int | None) -> list[Message]:
    """What is wrong with a non-empty text: the characters it may not hold, its length."""
    return [Message(message) for pattern, message in TEXT_CHECKS if pattern.search(value)] + _length_problems(
        value, max_length
    )


def _length_problems(value: str, max_length: int | None) -> list[Message]:
    found = []
    if max_length is not None and len(value) > max_length:
        found.append(Message(s.TOO_LONG, {"limit_value": max_length, "show_value": len(value)}))
    if "\x00" in value:
        found.append(Message(s.NULL_CHARACTERS))
    return found


def decimal_places_exceeded(value: Decimal, places: int) -> bool:
    """More decimal places than `places` as written (1.0000 has four), as Django's DecimalValidator counts."""
    exponent = value.as_tuple().exponent
    return isinstance(exponent, int) and -exponent > places


_DECIMAL_SUFFIX = re.compile(r"\.0*\s*$")
_EMPTY = (None, "", [], (), {})


def posted(value: Any) -> Any:
    """A JSON value as a browser would post it (true → "true", false and null → blank)."""
    if value is True:
        return "true"
    if value is False or value is None:
        return ""
    if isinstance(value, list | tuple):
        return [posted(v) for v in value]
    return str(value)


def clean_value(rule: s.Rule, raw: Any) -> tuple[Any, list[Message]]:
    """(the typed value, or None when invalid; what is wrong) for a value as posted."""
    try:
        value = to_python(rule, raw)
        if value in _EMPTY and rule.required:
            return None, [Message(rule.required_message)]
        problems = _check(rule, value)
    except Invalid as invalid:
        return None, [invalid.message]
    return (None if problems else value), problems


def to_python(rule: s.Rule, raw: Any) -> Any:
    """A value as posted, as the Python value of its rule's kind; Invalid when it is none."""
    kind = rule.kind
    if kind in s.TEXT_KINDS or kind == "email":
        return "" if raw in _EMPTY else str(raw).strip()
    if kind == "bool":
        return raw.lower() not in ("false", "0", "") if isinstance(raw, str) else bool(raw)
    if kind == "int":
        if raw in _EMPTY:
            return None
        try:
            return int(_DECIMAL_SUFFIX.sub("", str(raw)))
        except (ValueError, TypeError):
            raise Invalid(s.NOT_WHOLE) from None
    if kind == "dec":
        number = _decimal(raw)
        if number is not None and not number.is_finite():
            raise Invalid(s.NOT_A_NUMBER)
        return number
    if kind == "decchoice":  # 99.90 and 99.9 are the same choice
        number = _decimal(raw)
        if number is None:
            return None
        for code in rule.choices:
            if Decimal(code) == number:
                return Decimal(code)
        raise Invalid(s.NOT_A_DECIMAL_CHOICE)
    if kind == "date":
        if raw in _EMPTY:
            return None
        try:
            return datetime.strptime(str(raw).strip(), "%Y-%m-%d").date()
        except ValueError:
            raise Invalid(s.NOT_A_DATE) from None
    if kind == "multi":
        if not raw:
            return []
        if not isinstance(raw, list | tuple):
            raise Invalid(s.NOT_A_LIST)
        return [str(v) for v in raw]
    if kind == "country":
        return "" if raw in _EMPTY else str(raw).strip().upper()
    # choice
    return "" if raw in _EMPTY else str(raw)


def _decimal(raw: Any) -> Decimal | None:
    if raw in _EMPTY:
        return None
    try:
        return Decimal(str(raw))
    except DecimalException:
        raise Invalid(s.NOT_A_NUMBER) from None


def _check(rule: s.Rule, value: Any) -> list[Message]:
    kind = rule.kind
    if kind == "choice":
        if value and value not in rule.choices:
            return [Message(s.NOT_A_CHOICE, {"value": value})]
        return []
    if kind == "multi":
        for choice in value:
            if choice not in rule.choices:
                return [Message(s.NOT_A_CHOICE, {"value": choice})]
        return []
    if kind == "country":
        return [Message(s.COUNTRY_INVALID)] if value and not re.fullmatch(r"[A-Z]{2}", value) else []
    if value in _EMPTY:
        return []
    if kind in s.TEXT_KINDS:
        return text_problems(value, rule.max_length)
    if kind == "email":
        return ([] if email_is_valid(value) else [Message(s.EMAIL_INVALID)]) + _length_problems(value, rule.max_length)
    if kind in ("int", "dec"):
        found = []
        if (rule.max is not None and value > rule.max) or (rule.min is not None and value < rule.min):
            found.append(range_message(rule))
        if kind == "dec" and rule.places is not None and decimal_places_exceeded(value, rule.places):
            found.append(Message(rule.places_message or s.PLACES_PCT))
        return found
    if kind == "date":
        return [] if date_in_range(value) else [Message(DATE_OUT_OF_RANGE, date_range_params())]
    return []


def uscc_problem(code: str) -> Message | None:
    """A unified social credit code (stripped, upper case) whose check character is wrong."""
    return Message(INVALID_CODE, {"code": code}) if code and not uscc_is_valid(code) else None


# --- a step ----------------------------------------------------------------------------------------


def json_kind(rule: s.Rule) -> str:
    """What a field holds in JSON: text, int, number, bool or choices."""
    return {"multi": "choices", "bool": "bool", "dec": "number", "decchoice": "number", "int": "int"}.get(
        rule.kind, "text"
    )


def holds(kind: str, value: Any) -> bool:
    if value is None:
        return True
    if kind == "choices":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == "rows":
        return isinstance(value, list) and all(isinstance(v, dict) for v in value)
    if kind == "bool":
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if kind in ("int", "number"):  # a number or a number in quotes (answers.md); the field checks the rest
        return isinstance(value, int | float | str)
    return isinstance(value, str)


def _type_message(kind: str, value: Any) -> Message:
    name = type(value).__name__
    return Message(WRONG_TYPE, {"expected": EXPECTED[kind], "found": FOUND.get(name, name)})


def type_problems(step: str, fragment: Mapping[str, Any]) -> list[tuple[str, Message]]:
    """(field, message) for every value of a step's answers whose JSON type its field does not take."""
    found = []
    for name, rule in s.FIELDS[step].items():
        kind = json_kind(rule)
        if name in fragment and not holds(kind, fragment[name]):
            found.append((name, _type_message(kind, fragment[name])))
    for list_name, spec in s.LISTS[step].items():
        rows = fragment.get(list_name)
        if not holds("rows", rows):
            found.append((list_name, _type_message("rows", rows)))
            continue
        for number, row in enumerate(rows or (), start=1):
            for name, rule in spec.rows.items():
                kind = json_kind(rule)
                if name in row and not holds(kind, row[name]):
                    found.append((f"{list_name}[{number}].{name}", _type_message(kind, row[name])))
    return found


def to_json(value: Any) -> Any:
    """A typed value as an answers document holds it: money as a string, dates ISO."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, Mapping):
        return {k: to_json(v) for k, v in value.items()}
    return value


def step_defaults(step: str) -> dict:
    """What the wizard pre-fills for a step, as an answers document fragment."""
    values = {name: to_json(rule.initial) for name, rule in s.FIELDS[step].items() if rule.initial is not None}
    for name, spec in s.LISTS[step].items():
        values[name] = to_json(list(spec.initial))
    return values


class _Errors(dict):
    """field → messages, in the order the fields first went wrong."""

    def add(self, name: str, message: Message) -> None:
        self.setdefault(name, []).append(message)


def forced(step: str, data: Mapping[str, Any]) -> Mapping[str, Any]:
    """The step's answers as posted, with what they cannot say otherwise: data stored abroad leaves China
    (and data stored outside the EU leaves it) whatever the boxes say (terms.data)."""
    if step != "data":
        return data
    data = dict(data)
    for name, effective in (("cross_border", effective_cross_border), ("gdpr_transfer", effective_gdpr_transfer)):
        if effective(data.get("data_location"), False):
            data[name] = "true"
    return data


def clean_code(step: str, name: str, code: str, cleaned: Mapping[str, Any]) -> tuple[str, Message | None]:
    """A unified social credit code, upper case, and what is wrong with its check character; not checked
    where it is not required (a foreign vendor's, terms.answers.REQUIRED_IF), given the fields before it."""
    code = code.upper()
    if name in REQUIRED_IF.get(step, {}) and not is_required_by_condition(step, name, cleaned):
        return code, None
    return code, uscc_problem(code)


def conditions(step: str, cleaned: Mapping[str, Any], invalid, raw: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """(fields not asked, fields asked, required when asked and blank) of a step's conditional fields;
    a controller that is invalid still decides what is shown, from its raw value."""
    rules = s.FIELDS[step]
    values = dict(cleaned) | {
        controller: raw.get(controller)
        for controller, _values in ASKED_IF.get(step, {}).values()
        if controller in rules and controller not in cleaned
    }
    hidden, required = [], []
    for name in ASKED_IF.get(step, {}):
        if name not in rules:
            continue
        if not is_asked(step, name, values):
            hidden.append(name)
            values[name] = None
        elif rules[name].required_if_asked and cleaned.get(name) in (None, "", []) and name not in invalid:
            required.append(name)
    return hidden, required


def step_rules(step: str, cleaned: dict, invalid) -> list[tuple[str, Message]]:
    """The rules of a step that read two of its fields at once, each at the field at fault; a blank number
    of years for the cost of ownership takes its default here."""
    if step == "parties":
        return _vendor_country_problems(cleaned) + _signing_place_problems(cleaned)
    elif step == "pricing" and cleaned.get("tco_years") is None and "tco_years" not in invalid:
        cleaned["tco_years"] = 5 if cleaned.get("pricing_model") == "perpetual" else 3
    return []


def _vendor_country_problems(cleaned: Mapping[str, Any]) -> list[tuple[str, Message]]:
    country, foreign = cleaned.get("vendor_country"), cleaned.get("vendor_is_foreign")
    if country and not foreign and country != "CN":
        return [("vendor_country", Message(DOMESTIC_ABROAD))]
    if country == "CN" and foreign:
        return [("vendor_country", Message(FOREIGN_IN_CHINA))]
    return []


def needs_english_place(language: str | None, place: str | None) -> bool:
    """Whether a bilingual contract's place of signing needs its English name: typed in Chinese, and not a
    city the catalogue knows in both languages."""
    return language == "bilingual" and has_cjk(place) and not known_city(place)


def _signing_place_problems(cleaned: Mapping[str, Any]) -> list[tuple[str, Message]]:
    """A place the city catalogue does not know prints as typed: an English contract needs it in English,
    a bilingual one its English name as well."""
    place, place_en = (cleaned.get("signing_place") or "").strip(), (cleaned.get("signing_place_en") or "").strip()
    language = cleaned.get("contract_language")
    if not place or known_city(place) or (place_en and known_city(place_en)):
        return []
    if language == "en" and has_cjk(place):
        return [("signing_place", Message(PLACE_NOT_IN_ENGLISH))]
    if needs_english_place(language, place) and not place_en:
        return [("signing_place_en", Message(PLACE_EN_REQUIRED))]
    if language == "bilingual" and has_cjk(place_en):
        return [("signing_place_en", Message(PLACE_EN_IN_CHINESE))]
    return []


def _clean_fields(step: str, data: Mapping[str, Any]) -> tuple[dict, _Errors]:
    rules = s.FIELDS[step]
    cleaned: dict = {}
    errors = _Errors()
    data = forced(step, data)
    for name, rule in rules.items():
        value, problems = clean_value(rule, data.get(name, [] if rule.kind == "multi" else None))
        if not problems and rule.kind == "uscc":
            value, problem = clean_code(step, name, value, cleaned)
            problems = [problem] if problem else []
        for problem in problems:
            errors.add(name, problem)
        if not problems:
            cleaned[name] = value
    hidden, required = conditions(step, cleaned, errors, data)
    for name in hidden:
        errors.pop(name, None)
        cleaned[name] = None
    for name in required:
        errors.add(name, Message(s.REQUIRED))
        cleaned.pop(name, None)
    for name, message in step_rules(step, cleaned, errors):
        errors.add(name, message)
        cleaned.pop(name, None)
    return cleaned, errors


def _blank_in_row(rule: s.Rule) -> str | None:
    """What a blank row's select shows when it has no empty choice: alone, it does not make a row entered."""
    if rule.kind == "choice" and not rule.blank_choice:
        return str(rule.initial) if rule.initial is not None else rule.choices[0]
    if rule.kind == "multi":
        return str(list(rule.initial))
    return None


def _entered(spec: s.ListRule, row: Mapping[str, Any]) -> bool:
    for name, rule in spec.rows.items():
        raw = row.get(name, [] if rule.kind == "multi" else None)
        if raw not in (None, "", [], False) and raw != _blank_in_row(rule):
            return True
    return False


@dataclass(frozen=True)
class ListResult:
    rows: list  # the rows entered, each with its valid values
    valid: bool
    errors: tuple[tuple[str, Message], ...]  # ("", message) for the list, ("[n].field", message) for a cell


def clean_rows(spec: s.ListRule, rows: list[Mapping[str, Any]]) -> ListResult:
    """A list's rows as posted: blank rows beyond the required ones are ignored."""
    errors: list[tuple[str, Message]] = []
    cleaned_rows = []
    blank = 0
    for index, row in enumerate(rows[: spec.max_rows]):
        entered = _entered(spec, row)
        blank += not entered
        if not entered and index >= spec.min_rows:
            continue
        cleaned: dict = {}
        for name, rule in spec.rows.items():
            value, problems = clean_value(rule, row.get(name, [] if rule.kind == "multi" else None))
            errors += [(f"[{index + 1}].{name}", problem) for problem in problems]
            if not problems:
                cleaned[name] = value
        if cleaned:
            cleaned_rows.append(cleaned)
    list_errors = []
    if len(rows) > spec.max_rows:
        list_errors.append(("", Message(s.TOO_MANY_ROWS[0], {"num": spec.max_rows}, s.TOO_MANY_ROWS[1])))
    elif min(len(rows), spec.max_rows) - blank < spec.min_rows:
        list_errors.append(("", Message(s.TOO_FEW_ROWS[0], {"num": spec.min_rows}, s.TOO_FEW_ROWS[1])))
    return ListResult(cleaned_rows, not (errors or list_errors), tuple(list_errors + errors))


@dataclass(frozen=True)
class StepResult:
    """One step, validated: its typed answers when valid, what is valid field by field (lists: only when the
    whole list is valid), the rows of each list as entered (None when the list is not asked), its problems
    as (field, message), lists' cells as `name[row].field`."""

    typed: dict | None
    partial: dict
    rows: dict
    errors: tuple[tuple[str, Message], ...]


def check_step(step: str, fragment: Mapping[str, Any]) -> StepResult:
    """Validate one step's answers; absent fields take the wizard's pre-filled values."""
    wrong_types = type_problems(step, fragment)
    if wrong_types:  # the rest of the step is still read, for the preview; the step is not valid
        wrong = {name.split("[")[0] for name, _message in wrong_types}
        fragment = {name: value for name, value in fragment.items() if name not in wrong}
    values = step_defaults(step) | dict(fragment)
    lists = s.LISTS[step]
    as_posted = {name: posted(value) for name, value in values.items() if name not in lists}
    cleaned, errors = _clean_fields(step, as_posted)
    problems: list[tuple[str, Message]] = [(name, m) for name, messages in errors.items() for m in messages]
    partial = dict(cleaned)
    rows: dict = {}
    valid = not errors and not wrong_types
    typed = dict(cleaned)
    for name, spec in lists.items():
        if not is_asked(step, name, cleaned):
            partial[name], rows[name], typed[name] = [], None, None
            continue
        given = [
            {key: posted(cell) for key, cell in row.items()} for row in values.get(name) or () if isinstance(row, dict)
        ]
        result = clean_rows(spec, given)
        rows[name] = result.rows
        partial[name] = result.rows if result.valid else []
        typed[name] = result.rows
        valid = valid and result.valid
        problems += [(name + place, message) for place, message in result.errors]
    return StepResult(typed if valid else None, partial, rows, tuple(wrong_types + problems) if not valid else ())


@lru_cache(maxsize=1024)
def _cached_step(step: str, fragment_json: str) -> StepResult:
    return check_step(step, json.loads(fragment_json))


def step_result(step: str, fragment: Mapping[str, Any]) -> StepResult:
    """check_step, kept per content: the several readers of one request, and later requests, validate each
    version of a step once. Callers must treat what it returns as read-only."""
    return _cached_step(step, json.dumps(fragment, sort_keys=True, ensure_ascii=False, default=str))


# --- the whole document ------------------------------------------------------------------------------


def problem(step: str, field: str, message: Message) -> Problem:
    return Problem(step, field, message.message, dict(message.params or {}), plural=message.plural)


def _copy(typed: dict) -> dict:
    """A copy the caller may change: lists and their rows are new, the values in them immutable."""
    return {
        name: [dict(v) if isinstance(v, dict) else v for v in value] if isinstance(value, list) else value
        for name, value in typed.items()
    }


def check_answers(answers: Any, *, steps: tuple[str, ...] = s.STEP_KEYS) -> tuple[dict, list[Problem]]:
    """Validate a whole answers document as the wizard does: the typed answers of the valid steps, and every
    problem (untranslated, each marked for translation) with the step and field at fault."""
    if not isinstance(answers, dict):
        return {}, [Problem("answers", "", NOT_AN_OBJECT)]
    typed: dict = {}
    problems: list[Problem] = []
    for step in steps:
        fragment = answers.get(step)
        if fragment is None:
            problems.append(Problem(step, "", STEP_NOT_ANSWERED))
        elif not isinstance(fragment, dict):
            problems.append(Problem(step, "", STEP_NOT_AN_OBJECT))
        else:
            result = step_result(step, fragment)
            if result.typed is not None:
                typed[step] = _copy(result.typed)  # the cached result stays intact
            else:
                problems += [problem(step, name, message) for name, message in result.errors]
    problems += [p for p in cross_field_problems(typed) if p.step in typed]
    return typed, problems


def typed_steps(answers: Mapping[str, Any]) -> dict:
    """The steps of a stored answers document that are valid on their own, as typed values."""
    typed = {}
    for step in s.STEP_KEYS:
        fragment = answers.get(step)
        if isinstance(fragment, dict):
            result = step_result(step, fragment)
            if result.typed is not None:
                typed[step] = _copy(result.typed)
    return typed


def partial_answers(answers: Mapping[str, Any]) -> dict:
    """Whatever is valid so far in a stored answers document, field by field and step by step (every step,
    an unanswered one as its defaults), for the preview and the review of an unfinished draft. The values
    are the cached results': callers must not change them."""
    typed = {}
    for step in s.STEP_KEYS:
        fragment = answers.get(step)
        typed[step] = dict(step_result(step, fragment if isinstance(fragment, dict) else {}).partial)
    return typed
