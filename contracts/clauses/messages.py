"""The clause checks' findings in the admin's language: which text, which line, and why.

The template engine and the library checks word their findings in English for the command line and
the logs; the admin shows them through these translations (an unknown wording is shown as it is)."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from contracts.clauses.checks import SaveProblem
from contracts.clauses.samples import SAMPLES

LINE = re.compile(r"^line (\d+): (.*)$", re.S)

# (English wording of the engine or the library, its translation with the same named parts)
PATTERNS = [
    (r"unknown variable '(?P<name>[^']*)'", gettext_lazy("unknown variable '%(name)s'")),
    (r"unknown filter '(?P<name>[^']*)'", gettext_lazy("unknown filter '%(name)s'")),
    (r"unknown test '(?P<name>[^']*)'", gettext_lazy("unknown test '%(name)s'")),
    (
        r"attribute '(?P<name>[^']*)' is not allowed in clause texts",
        gettext_lazy("'%(name)s' may not be read in clause texts"),
    ),
    (
        r"attribute '(?P<name>[^']*)' of '(?P<of>[^']*)' is not allowed in clause texts",
        gettext_lazy("'%(of)s.%(name)s' may not be read in clause texts"),
    ),
    (r"'(?P<name>\w+)' is not allowed in clause texts", gettext_lazy("'%(name)s' is not allowed in clause texts")),
    (
        r"calling functions or methods is not allowed in clause texts",
        gettext_lazy("calling functions or methods is not allowed in clause texts"),
    ),
    (
        r"reference to an unknown clause '(?P<key>[^']*)'",
        gettext_lazy("reference to an unknown clause '%(key)s'"),
    ),
    (
        r"reference to a clause that is not in this contract: (?P<key>\S+)",
        gettext_lazy(
            "refers to clause %(key)s, which this contract leaves out under some answers: "
            "guard the reference with the same condition"
        ),
    ),
    (
        r"ref needs a clause key in quotes.*",
        gettext_lazy("ref needs a clause key in quotes, e.g. {{ 'sla.credits'|ref }}"),
    ),
    (
        r"a condition must be a yes/no test.*",
        gettext_lazy("a condition must be a yes/no test, e.g. legal.forum == 'court'"),
    ),
    (
        r"'(?P<name>[^']*)' is a (?P<type>\w+), not a yes/no answer; compare it, e.g. (?P<example>.*)",
        gettext_lazy("'%(name)s' is a number, text or date, not a yes/no answer: compare it, e.g. %(example)s"),
    ),
    (r"name a field of '(?P<name>[^']*)'.*", gettext_lazy("name a field of '%(name)s', e.g. '%(name)s.…'")),
    (
        r"string formatting with '%' is not allowed in clause texts",
        gettext_lazy("string formatting with '%%' is not allowed in clause texts"),
    ),
    (
        r"item lookup with a computed key is not allowed in clause texts",
        gettext_lazy("item lookup with a computed key is not allowed in clause texts"),
    ),
    (
        r"'dict object' has no attribute '(?P<name>[^']*)'",
        gettext_lazy("a value this draft does not have: '%(name)s' (test it before printing)"),
    ),
    (r"unexpected end of template.*", gettext_lazy("the text ends inside an unfinished {{ … }} or {%% … %%}")),
    (r"unexpected '(?P<name>[^']*)'", gettext_lazy("unexpected '%(name)s'")),
    (r"unknown position '(?P<name>[^']*)'.*", gettext_lazy("unknown position '%(name)s'")),
    (r"unknown table '(?P<name>[^']*)'.*", gettext_lazy("unknown table '%(name)s'")),
    (
        r"a note on the buyer's text is shown only beside a balanced or vendor text.*",
        gettext_lazy("a note on the buyer's text is shown only beside a balanced or vendor text; add one"),
    ),
    (
        r"the (?P<position>\w+) position needs its (?P<part>.+)",
        gettext_lazy("needed as long as this position is offered"),
    ),
]
COMPILED = [(re.compile(f"^{pattern}$", re.S), text) for pattern, text in PATTERNS]

POSITION_LABELS = {
    "buyer": gettext_lazy("our standard (buyer) position"),
    "balanced": gettext_lazy("the balanced position"),
    "vendor": gettext_lazy("the vendor position"),
}


def text_label(name: str) -> str:
    """Which text a field name stands for: "body_zh" → "the Chinese text", with its position."""
    parts = name.split(".")
    field = parts[-1]
    labels = {
        "body_zh": _("Chinese text"),
        "body_en": _("English text"),
        "title_zh": _("Chinese title"),
        "title_en": _("English title"),
        "note_zh": _("Chinese note"),
        "note_en": _("English note"),
        "condition": _("Condition"),
        "table": _("table"),
        "positions": _("positions"),
    }
    label = labels.get(field, field)
    if len(parts) == 3 and parts[0] == "positions":
        return _("%(text)s of %(position)s") % {"text": label, "position": POSITION_LABELS.get(parts[1], parts[1])}
    return label


def problem_text(message: str) -> str:
    """An engine or library finding in the active language, its line number first when it has one."""
    line = None
    if match := LINE.match(message):
        line, message = int(match.group(1)), match.group(2)
    for pattern, text in COMPILED:
        if found := pattern.match(message):
            message = str(text) % found.groupdict()
            break
    return _("line %(line)d: %(message)s") % {"line": line, "message": message} if line else message


def field_problem(name: str, message: str) -> str:
    """A finding about one field of the clause form, saying which text it is about."""
    return _("%(text)s: %(problem)s") % {"text": text_label(name), "problem": problem_text(message)}


def save_problem_text(problem: SaveProblem, *, key: str) -> str:
    """A whole-library finding of a clause save (`key` is the clause being saved), once and in words."""
    if problem.kind == "referred":
        return _(
            "Clause %(referrer)s refers to %(key)s ({{ '%(key)s'|ref }}): change that text first, or keep "
            "the key and leave the clause in use."
        ) % {"referrer": problem.clause, "key": problem.message}
    if problem.kind == "empty_section":
        return _("Section %(section)s would have no clause left.") % {"section": problem.clause}
    where = text_label(problem.text) if problem.text else ""
    if problem.position and problem.position != "buyer" and not problem.text.startswith("positions."):
        where = _("%(text)s of %(position)s") % {"text": where, "position": POSITION_LABELS[problem.position]}
    if problem.line:
        where = _("%(text)s, line %(line)d") % {"text": where, "line": problem.line}
    if problem.kind == "empty":
        reason = _("prints nothing")
    elif problem.kind == "leftover":
        reason = _("prints '%(text)s': a blank or template code is left in the text") % {"text": problem.message}
    else:
        reason = problem_text(problem.message)
    if problem.sample:
        reason = _("%(reason)s (sample draft: %(sample)s)") % {
            "reason": reason,
            "sample": _(SAMPLES[problem.sample][0]),
        }
    if problem.clause != key:
        return _("Clause %(clause)s, %(text)s: %(reason)s") % {
            "clause": problem.clause,
            "text": where,
            "reason": reason,
        }
    return _("%(text)s: %(reason)s") % {"text": where, "reason": reason}
