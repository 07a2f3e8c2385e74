"""What a clause text may cost: the limits, the render budget and the bounded operations of the sandbox.

A clause text is a program written in the admin. Every value it builds (a text, a list) is measured
before it is built, every loop iteration is counted and the output is counted as it streams, so one
text cannot take more than a bounded amount of memory and time; the save check refuses texts whose
constants alone would cross a limit (see `estimate` in engine.py), whatever the answers.
"""

from __future__ import annotations

import operator
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils.translation import gettext

# Per text (one title or body in one language) ----------------------------------------------------
MAX_SOURCE_CHARS = 20_000  # the longest shipped clause text is about 5,000
MAX_NESTING = 40  # blocks and expressions inside each other
MAX_LOOP_NESTING = 3  # loops inside loops
MAX_VALUE_CHARS = 100_000  # one text or list the clause text builds (a list counts its items' lengths)
MAX_BUILT_CHARS = 1_000_000  # everything it builds in one render, added up
MAX_ITERATIONS = 10_000  # loop iterations in one render, nested loops multiplied
MAX_OUTPUT_CHARS = 100_000  # what one text prints
MAX_INT_BITS = 4_096  # a whole number built by '*' (a 1,233-digit number)
MAX_ROUND_DIGITS = 10  # round(precision) from -10 to 10
# Time is the printing thread's own CPU time (time.thread_time), not the wall clock: a text is pure
# computation, and a busy machine or the other threads of a web worker must not stop a contract that costs
# a few milliseconds (the wall clock did, under load: "exit.warranties: printing took longer than 10 seconds").
TEXT_SECONDS = 2.0  # for one text
DOCUMENT_SECONDS = 10.0  # for all clause texts of one contract (or one preview)


class ClauseTemplateError(ValueError):
    """A clause text or condition that cannot be used, with the reason and the line.

    `line` and `reason` are kept apart so the admin can word "which text, which line" in its own
    language (the message's "line N: " prefix is in the language active when it was raised)."""

    def __init__(self, message: str = "", *, line: int | None = None, reason: str | None = None):
        super().__init__(message)
        self.line = line
        self.reason = message if reason is None else reason

    @classmethod
    def located(cls, line: int | None, reason: str) -> ClauseTemplateError:
        """The refusal `reason` on `line` of the text (None: the line is not known)."""
        return cls(at_line(line, reason), line=line, reason=reason)


class ClauseLimitExceeded(ClauseTemplateError):
    """A clause text crossed a limit of the render budget (size, loops, output or time)."""


def at_line(lineno: int | None, message: str) -> str:
    if lineno is None:
        return message
    return gettext("line %(line)d: %(message)s") % {"line": lineno, "message": message}


def _n(value: int) -> str:
    return f"{value:,}"


def too_big(size: int) -> str:
    return gettext("this builds a text or list of %(size)s characters; a clause text may build at most %(limit)s") % {
        "size": _n(size),
        "limit": _n(MAX_VALUE_CHARS),
    }


def too_many_iterations(count: int) -> str:
    return gettext("the loops here run %(count)s times; a clause text may loop at most %(limit)s times in all") % {
        "count": _n(count),
        "limit": _n(MAX_ITERATIONS),
    }


def too_much_output(size: int) -> str:
    return gettext("this prints %(size)s characters; a clause text may print at most %(limit)s") % {
        "size": _n(size),
        "limit": _n(MAX_OUTPUT_CHARS),
    }


def too_much_built(size: int) -> str:
    return gettext("the text builds %(size)s characters in all; a clause text may build at most %(limit)s in all") % {
        "size": _n(size),
        "limit": _n(MAX_BUILT_CHARS),
    }


def too_slow(seconds: float) -> str:
    return gettext("printing took longer than %(seconds)s seconds and was stopped") % {"seconds": f"{seconds:g}"}


def too_large_number() -> str:
    return gettext("this multiplies to a number of more than %(digits)s digits") % {
        "digits": _n(int(MAX_INT_BITS * 0.30103))
    }


# The budget of one render ---------------------------------------------------------------------


class Budget:
    """What one render may still spend: loop iterations, characters built, CPU time."""

    def __init__(self, document: tuple[float, float] | None = None):
        self.deadline, self.seconds = time.thread_time() + TEXT_SECONDS, TEXT_SECONDS
        if document is not None and document[0] < self.deadline:  # the document's time runs out first
            self.deadline, self.seconds = document
        self.iterations = 0
        self.built = 0

    def spend(self, *, iterations: int = 0, built: int = 0) -> None:
        self.iterations += iterations
        self.built += built
        if self.iterations > MAX_ITERATIONS:
            raise ClauseLimitExceeded(too_many_iterations(self.iterations))
        if self.built > MAX_BUILT_CHARS:
            raise ClauseLimitExceeded(too_much_built(self.built))
        if time.thread_time() > self.deadline:
            raise ClauseLimitExceeded(too_slow(self.seconds))


_BUDGET: ContextVar[Budget | None] = ContextVar("clause_budget", default=None)
_DOCUMENT_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("clause_document_deadline", default=None)


def current_budget() -> Budget:
    """The budget of the render under way; a fresh one outside a render (the compiler folding constants)."""
    return _BUDGET.get() or Budget()


@contextmanager
def text_budget() -> Iterator[Budget]:
    """A budget for one text, inside the deadline of the document being printed, if any."""
    budget = Budget(document=_DOCUMENT_DEADLINE.get())
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)


@contextmanager
def document_budget(seconds: float = DOCUMENT_SECONDS) -> Iterator[None]:
    """All texts rendered inside share one deadline (a contract, a preview); nested: the outer."""
    if _DOCUMENT_DEADLINE.get() is not None:
        yield
        return
    token = _DOCUMENT_DEADLINE.set((time.thread_time() + seconds, seconds))
    try:
        yield
    finally:
        _DOCUMENT_DEADLINE.reset(token)


# Sizes and bounded operations -------------------------------------------------------------------


def weight(value, memo: dict | None = None) -> int:
    """The characters `value` prints as: a text its length, a list its items' (shared items counted each
    time they occur, measured once), anything else a short number."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, (list, tuple, dict)):
        memo = {} if memo is None else memo
        key = id(value)
        if key not in memo:
            memo[key] = 0  # a list that contains itself prints as [...]
            items = value.items() if isinstance(value, dict) else ((item,) for item in value)
            memo[key] = 2 + sum(2 + sum(weight(part, memo) for part in parts) for parts in items)
        return memo[key]
    return 1


def charge(size: int) -> None:
    """Refuse a value of `size` characters before it is built; count it against the render's budget."""
    if size > MAX_VALUE_CHARS:
        raise ClauseLimitExceeded(too_big(size))
    current_budget().spend(built=size)


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_sequence(value) -> bool:
    return isinstance(value, (str, list, tuple))


def binop(op: str, left, right):
    """`left op right` as a clause text may compute it: sized before it is computed."""
    if op == "*":
        for sequence, count in ((left, right), (right, left)):
            if _is_sequence(sequence) and isinstance(count, int):
                charge(weight(sequence) * max(count, 0))
                break
        else:
            if _is_count(left) and _is_count(right) and left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise ClauseLimitExceeded(too_large_number())
        return left * right
    if op == "+":
        if _is_sequence(left) and _is_sequence(right):
            charge(weight(left) + weight(right))
        return left + right
    if op == "%":
        if isinstance(left, str):
            raise ClauseTemplateError(gettext("string formatting with '%' is not allowed in clause texts"))
        return left % right
    return BINOPS[op](left, right)


BINOPS = {
    "*": operator.mul,
    "+": operator.add,
    "-": operator.sub,
    "/": operator.truediv,
    "//": operator.floordiv,
    "%": operator.mod,
    "**": operator.pow,
}
INTERCEPTED_BINOPS = frozenset({"*", "+", "%"})


def concat(parts) -> str:
    """`a ~ b ~ c`: the parts as text, sized before they are joined."""
    charge(sum(weight(part) for part in parts))
    return "".join(str(part) for part in parts)


def sized(value):
    """A list or tuple the text writes out (`[a, b]`): counted like any built value."""
    charge(weight(value))
    return value


def counted(iterable) -> Iterator:
    """What a `for` loop walks through, one budget iteration per item."""
    budget = current_budget()
    for item in iterable:
        budget.spend(iterations=1)
        yield item


def join(value, d="", attribute=None):
    """The `join` filter, sized before it joins (the 'attribute' argument is refused on save)."""
    items = list(value)
    memo: dict = {}
    separator = str(d)
    charge(sum(weight(item, memo) for item in items) + len(separator) * max(len(items) - 1, 0))
    return separator.join(str(item) for item in items)


def check_round_precision(precision) -> None:
    if not _is_count(precision) or not -MAX_ROUND_DIGITS <= precision <= MAX_ROUND_DIGITS:
        raise ClauseTemplateError(
            gettext("round takes a precision from %(low)d to %(high)d")
            % {"low": -MAX_ROUND_DIGITS, "high": MAX_ROUND_DIGITS}
        )


def bounded_output(pieces: Iterator[str]) -> str:
    """The printed text, stopped as soon as it passes the output limit."""
    chunks = []
    size = 0
    for piece in pieces:
        size += len(piece)
        if size > MAX_OUTPUT_CHARS:
            raise ClauseLimitExceeded(too_much_output(size))
        chunks.append(piece)
    return "".join(chunks)
