"""The locked-down template engine for clause texts and conditions written by admins.

Clause bodies are untrusted: they are rendered in a Jinja sandbox that can only read keys of the
plain-data context (dicts, lists, str, numbers, dates), call none of their methods, and use only the
filters below. Saving a clause checks its syntax, its statements and every variable it names.
"""

from __future__ import annotations

import functools
import re
import traceback
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, nodes
from jinja2.parser import Parser
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import pass_context

from contracts.clauses import bounds
from contracts.clauses.bounds import ClauseLimitExceeded, ClauseTemplateError
from contracts.terms import VARIABLE_NAMES, VARIABLES, formatting
from contracts.terms.places import country_names

__all__ = ["ClauseLimitExceeded", "ClauseTemplateError", "check_source", "evaluate_condition", "render_text"]

CONTEXT_ROOTS = ("parties", "scope", "implementation", "term", "sla", "pricing", "data", "legal", "contract")
LOOP_ATTRIBUTES = {"index", "index0", "first", "last", "length", "revindex", "revindex0"}
ALLOWED_NODES = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.If,
    nodes.For,
    nodes.Assign,
    nodes.Name,
    nodes.Const,
    nodes.Getattr,
    nodes.Getitem,
    nodes.Filter,
    nodes.Test,
    nodes.CondExpr,
    nodes.And,
    nodes.Or,
    nodes.Not,
    nodes.Compare,
    nodes.Operand,
    nodes.Concat,
    nodes.Add,
    nodes.Sub,
    nodes.Mul,
    nodes.Div,
    nodes.Mod,
    nodes.Neg,
    nodes.Pos,
    nodes.List,
    nodes.Tuple,
    nodes.Slice,
    nodes.Keyword,
)
SAFE_BUILTIN_FILTERS = ("default", "join", "length", "first", "last", "lower", "upper", "round", "int", "abs")
SAFE_TESTS = (
    "defined",
    "undefined",
    "none",
    "true",
    "false",
    "boolean",
    "number",
    "integer",
    "float",
    "string",
    "sequence",
    "iterable",
    "mapping",
    "divisibleby",
    "even",
    "odd",
    "in",
    "eq",
    "ne",
    "lt",
    "le",
    "gt",
    "ge",
)


# Filters the engine wraps around what a text does, so it can be counted; no text may name them.
HOOK = "__bounded_"


def _hook(node, name: str) -> nodes.Filter:
    return nodes.Filter(node, HOOK + name, [], [], None, None, lineno=node.lineno)


def _bounded_tree(node: nodes.Node) -> nodes.Node:
    """The parsed text with its loops counted and its `~` and `[...]` sized (bottom-up)."""
    for field in node.fields:
        value = getattr(node, field, None)
        if isinstance(value, nodes.Node):
            setattr(node, field, _bounded_tree(value))
        elif isinstance(value, list):
            setattr(node, field, [_bounded_tree(v) if isinstance(v, nodes.Node) else v for v in value])
    if isinstance(node, nodes.For):
        node.iter = _hook(node.iter, "counted")
    elif isinstance(node, nodes.Concat):
        return _hook(nodes.List(node.nodes, lineno=node.lineno), "concat")
    elif isinstance(node, nodes.List) or (isinstance(node, nodes.Tuple) and node.ctx == "load"):
        if all(isinstance(item, nodes.Const) for item in node.items):
            return node  # written out in full in the text: no bigger than the text, and folded once
        return _hook(node, "sized")
    return node


def _hooks() -> dict:
    # pass_context keeps the compiler from running them ahead of time on constants
    return {
        HOOK + "counted": pass_context(lambda _context, iterable: bounds.counted(iterable)),
        HOOK + "concat": pass_context(lambda _context, parts: bounds.concat(parts)),
        HOOK + "sized": pass_context(lambda _context, value: bounds.sized(value)),
    }


def _bounded_filter(func):
    """A filter whose result is measured like any value the text builds (before it is kept)."""

    @functools.wraps(func)  # keeps Jinja's pass_context / pass_eval_context mark
    def bounded(*args, **kwargs):
        result = func(*args, **kwargs)
        if isinstance(result, (str, list, tuple)):
            bounds.charge(bounds.weight(result))
        return result

    return bounded


def _bounded_round(round_filter):
    def bounded_round(value, precision=0, method="common"):
        bounds.check_round_precision(precision)
        return round_filter(value, precision, method)

    return bounded_round


class _Sandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = bounds.INTERCEPTED_BINOPS

    def call_binop(self, context, operator, left, right):
        return bounds.binop(operator, left, right)

    def _generate(self, source, name, filename, defer_init=False):
        return super()._generate(_bounded_tree(source), name, filename, defer_init=defer_init)

    def getattr(self, obj, attribute):
        if isinstance(obj, dict) and attribute in obj:
            return obj[attribute]
        if isinstance(obj, LoopContext) and attribute in LOOP_ATTRIBUTES:
            return getattr(obj, attribute)
        return self.undefined(obj=obj, name=attribute)

    def getitem(self, obj, argument):
        if isinstance(obj, dict) and isinstance(argument, str):
            return self.getattr(obj, argument)
        if isinstance(obj, (list, tuple)) and isinstance(argument, int):
            return obj[argument]
        return self.undefined(obj=obj, name=argument)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's signature
        raise ClauseTemplateError("calling functions or methods is not allowed in clause texts")


def _filters(lang: str) -> dict:
    def currency(context) -> str:
        pricing = context.get("pricing") or {}
        return pricing.get("currency") or "CNY"

    @pass_context
    def money(context, value):
        return formatting.money(value, currency(context), lang)

    @pass_context
    def ref(context, key):
        target = (context.get("_numbers") or {}).get(key)
        if target is None:
            raise ClauseTemplateError(f"reference to a clause that is not in this contract: {key}")
        section, item = target["section"], target["item"]
        if target["kind"] == "annex":
            return f"附件{section}第{item}条" if lang == "zh" else f"paragraph {item} of Annex {section}"
        return f"第{section}.{item}条" if lang == "zh" else f"Section {section}.{item}"

    return {
        "money": money,
        "num": lambda v: formatting.num(v, lang),
        "pct": lambda v: formatting.pct(v, lang),
        "date": lambda v: formatting.date_text(v, lang),
        "minutes": lambda v: formatting.minutes(v, lang),
        "ref": ref,
        "country": lambda code: country_names(code)[0 if lang == "zh" else 1] or "",
    }


def _make_env(lang: str) -> _Sandbox:
    env = _Sandbox(
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=lambda v: "" if v is None else v,
    )
    builtin = env.filters
    filters = {name: builtin[name] for name in SAFE_BUILTIN_FILTERS} | _filters(lang)
    filters |= {"join": bounds.join, "round": _bounded_round(builtin["round"])}
    # the filters that build a new text from theirs; the others pass a value on or print a short one
    filters |= {name: _bounded_filter(builtin[name]) for name in ("upper", "lower")}
    env.filters = filters | _hooks()
    env.tests = {name: env.tests[name] for name in SAFE_TESTS}
    env.globals = {}
    return env


ENVIRONMENTS = {"zh": _make_env("zh"), "en": _make_env("en")}
FILTER_NAMES = frozenset(name for name in ENVIRONMENTS["en"].filters if not name.startswith(HOOK))


@lru_cache(maxsize=4096)
def _compiled(lang: str, source: str):
    return ENVIRONMENTS[lang].from_string(source)


@lru_cache(maxsize=1024)
def _compiled_condition(expression: str):
    return ENVIRONMENTS["en"].compile_expression(expression)


def template_line(exc: BaseException) -> int | None:
    """The line of the clause text being run when `exc` was raised (Jinja maps its frames to lines)."""
    line = None
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename == "<template>":
            line = lineno
    return line


def _refusal(exc: Exception, *, with_line: bool = True) -> ClauseTemplateError:
    """A failure of a text at render time as a refusal naming the line: a limit, or a value that cannot be
    worked out (1/0, text + number)."""
    line = template_line(exc) if with_line else None
    if isinstance(exc, ClauseTemplateError):
        return type(exc).located(line if line is not None else exc.line, exc.reason)
    if isinstance(exc, (MemoryError, RecursionError)):
        return ClauseLimitExceeded.located(line, gettext("this needs too much memory or nesting to print"))
    return ClauseTemplateError.located(
        line, gettext("this cannot be printed: %(error)s") % {"error": str(exc) or type(exc).__name__}
    )


def _render_bounded(template, context: dict) -> str:
    """Template.render, with the output counted as it streams (as render does, without generate's wrapper)."""
    try:
        return bounds.bounded_output(template.root_render_func(template.new_context(context)))
    except Exception:  # noqa: BLE001 - re-raised with the clause text's lines in the traceback
        template.environment.handle_exception()


def render_text(source: str, context: dict, lang: str) -> str:
    """The text printed under `context`, within the render budget; ClauseTemplateError when it cannot be."""
    try:
        with bounds.text_budget():
            return _render_bounded(_compiled(lang, source), context)
    except TemplateError:
        raise  # an undefined name: the checks report it as it is
    except Exception as exc:  # noqa: BLE001 - any failure of an admin's text is a refusal, not a 500
        raise _refusal(exc) from exc


def evaluate_condition(expression: str, context: dict) -> bool:
    if not expression.strip():
        return True
    try:
        with bounds.text_budget():
            return bool(_compiled_condition(expression)(**context))
    except TemplateError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise _refusal(exc, with_line=False) from exc  # a condition is one line; Jinja's would be its own


@dataclass(frozen=True)
class Check:
    """What a clause text names: the dotted variables, the filters and the clauses it refers to."""

    variables: frozenset[str]
    filters: frozenset[str]
    refs: frozenset[str] = frozenset()


def _catalogue_paths() -> frozenset[str]:
    """Every path a template may read: `step.field`, `step.list[]` and `step.list[].key`."""
    paths = {v.name for v in VARIABLES}
    paths |= {f"{v.name}[]" for v in VARIABLES if v.type in ("list", "multi")}
    return frozenset(paths)


CATALOGUE_PATHS = _catalogue_paths()
_LOOP = "loop"  # the path of Jinja's loop helper inside a for loop


class _Checker:
    """Walks a parsed template and refuses whatever a clause text may not do."""

    def __init__(self, known_variables, clause_keys):
        self.known = frozenset(known_variables)
        self.clause_keys = clause_keys
        self.variables: set[tuple[str, int]] = set()
        self.filters: set[str] = set()
        self.refs: set[str] = set()
        self.scopes: list[dict[str, str | None]] = [{}]  # local name -> the path it stands for

    def local(self, name: str) -> tuple[bool, str | None]:
        for scope in reversed(self.scopes):
            if name in scope:
                return True, scope[name]
        return False, None

    def fail(self, node, message: str):
        raise ClauseTemplateError(f"line {node.lineno}: {message}")

    # Paths ------------------------------------------------------------------------------------
    def path(self, node) -> str | None:
        """The dotted path an expression reads; fails on anything that is not plain data lookup."""
        if isinstance(node, nodes.Name):
            if node.name in CONTEXT_ROOTS:
                return node.name
            found, path = self.local(node.name)
            if not found:
                self.fail(node, f"unknown variable '{node.name}'")
            return path if path is not None else f"={node.name}"
        if isinstance(node, nodes.Getattr):
            if node.attr.startswith("_"):
                self.fail(node, f"attribute '{node.attr}' is not allowed in clause texts")
            return self.step(node, self.path(node.node), node.attr)
        if isinstance(node, nodes.Getitem):
            arg = node.arg
            if isinstance(arg, nodes.Const) and isinstance(arg.value, str) and arg.value.startswith("_"):
                self.fail(node, f"attribute '{arg.value}' is not allowed in clause texts")
            base = self.path(node.node)
            if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
                return self.step(node, base, arg.value)
            if isinstance(arg, nodes.Const) and isinstance(arg.value, int) and not isinstance(arg.value, bool):
                return self.step(node, base, "[]")
            if isinstance(arg, nodes.Slice):
                self.visit(arg)
                return base
            self.fail(node, "item lookup with a computed key is not allowed in clause texts")
        self.fail(node, "attribute or item access is only allowed on variables")

    def step(self, node, base: str, attr: str) -> str:
        if attr.startswith("_"):
            self.fail(node, f"attribute '{attr}' is not allowed in clause texts")
        if base.startswith("="):
            self.fail(node, f"attribute '{attr}' of '{base[1:]}' is not allowed in clause texts")
        if base == _LOOP:
            if attr not in LOOP_ATTRIBUTES:
                self.fail(node, f"attribute 'loop.{attr}' is not allowed in clause texts")
            return f"={_LOOP}.{attr}"
        if attr == "[]":
            return f"{base}[]"
        return f"{base}.{attr}"

    def record(self, node, path: str) -> None:
        if path.startswith("="):
            return
        if path in CONTEXT_ROOTS:
            self.fail(node, f"name a field of '{path}', e.g. '{path}.…'")
        if "[]" not in path and "." in path and path.count(".") == 1:
            self.variables.add((path, node.lineno))
            return
        if path not in CATALOGUE_PATHS:
            self.fail(node, f"unknown variable '{path}'")
        self.variables.add((path.split("[]")[0], node.lineno))

    # Nodes ------------------------------------------------------------------------------------
    def visit(self, node) -> None:
        if not isinstance(node, ALLOWED_NODES):
            self.fail(node, f"'{type(node).__name__}' is not allowed in clause texts")
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)) and getattr(node, "ctx", "load") == "load":
            self.record(node, self.path(node))
            return
        if isinstance(node, nodes.For):
            self.visit_for(node)
            return
        if isinstance(node, nodes.Assign):
            self.visit(node.node)
            self.bind(node.target, self.value_path(node.node))
            return
        if isinstance(node, nodes.Filter):
            self.visit_filter(node)
        if isinstance(node, nodes.Test) and node.name not in SAFE_TESTS:
            self.fail(node, f"unknown test '{node.name}'")
        if (
            isinstance(node, nodes.Mod)
            and isinstance(node.left, (nodes.Const, nodes.TemplateData))
            and isinstance(node.left.value, str)
        ):
            self.fail(node, "string formatting with '%' is not allowed in clause texts")
        for child in node.iter_child_nodes():
            self.visit(child)

    def value_path(self, node) -> str | None:
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            path = self.path(node)
            return None if path.startswith("=") else path
        return None

    def bind(self, target, path: str | None) -> None:
        if isinstance(target, nodes.Name):
            self.scopes[-1][target.name] = path
        else:  # tuple unpacking: the parts are opaque values
            for name in target.find_all(nodes.Name):
                self.scopes[-1][name.name] = None

    def visit_for(self, node) -> None:
        if node.recursive:
            self.fail(node, "recursive loops are not allowed in clause texts")
        self.visit(node.iter)
        iterated = self.value_path(node.iter)
        self.scopes.append({_LOOP: _LOOP})
        self.bind(node.target, f"{iterated}[]" if iterated and f"{iterated}[]" in CATALOGUE_PATHS else None)
        if node.test is not None:
            self.visit(node.test)
        for child in node.body:
            self.visit(child)
        self.scopes.pop()
        for child in node.else_:
            self.visit(child)

    def visit_filter(self, node) -> None:
        if node.name not in FILTER_NAMES:
            self.fail(node, f"unknown filter '{node.name}'")
        if any(kw.key == "attribute" for kw in node.kwargs):
            self.fail(node, f"the 'attribute' argument of '{node.name}' is not allowed in clause texts")
        if node.dyn_args is not None or node.dyn_kwargs is not None:
            self.fail(node, "'*' and '**' arguments are not allowed in clause texts")
        self.filters.add(node.name)
        if node.name == "ref":
            target = node.node
            if not (isinstance(target, nodes.Const) and isinstance(target.value, str)):
                self.fail(node, "ref needs a clause key in quotes, e.g. {{ 'sla.credits'|ref }}")
            if self.clause_keys is not None and target.value not in self.clause_keys:
                self.fail(node, f"reference to an unknown clause '{target.value}'")
            self.refs.add(target.value)


_UNKNOWN = object()
ANSWER_SIZE = 50  # what the save check assumes for a text or list from the answers (the render budget bounds it)
PRINTED_NUMBER = 30  # a number or amount as printed
STATIC_FILTERS = frozenset({"default", "join", "length", "first", "last", "lower", "upper", "round", "int", "abs"})


@dataclass(frozen=True)
class _Est:
    """What the save check knows of a value: its size bound, the size of one of its items, its value."""

    size: int = 0  # characters (a text) or characters of all items (a list); 0 for a number or yes/no
    item: int = 0  # characters of one item when looped over
    value: object = _UNKNOWN  # known when the text itself fixes it (constants)
    answer: bool = False  # read from the answers: a number or a text, the save check cannot tell

    @property
    def known(self) -> bool:
        return self.value is not _UNKNOWN


def _known(value) -> _Est:
    if isinstance(value, str):
        return _Est(len(value), 1, value)
    if isinstance(value, (list, tuple)):
        sizes = [bounds.weight(v) for v in value]
        return _Est(bounds.weight(value), max(sizes, default=0), value)
    return _Est(0, 0, value)


class _Cost:
    """What a text costs at most whatever branch its answers take: its constants are worked out (with the
    bounded operations, so a huge one is refused before it is built), the answers count as ANSWER_SIZE."""

    def __init__(self):
        self.scopes: list[dict[str, _Est]] = [{}]
        self.repeat = 1  # how often the current statement runs: the enclosing loops multiplied
        self.loop_depth = 0
        self.depth = 0
        self.iterations = 0
        self.output = 0
        self.built_chars = 0

    def fail(self, node, message: str):
        raise ClauseLimitExceeded.located(node.lineno, message)

    def run(self, node, func, *args):
        """Work out a constant with the render's own bounded operations; a failure refuses the text."""
        try:
            with bounds.text_budget():
                return func(*args)
        except ClauseTemplateError as exc:
            raise type(exc).located(node.lineno, exc.reason) from exc
        except Exception as exc:  # noqa: BLE001 - 1/0, text + number: refused on save, with the line
            message = gettext("this cannot be printed: %(error)s") % {"error": str(exc) or type(exc).__name__}
            raise ClauseTemplateError.located(node.lineno, message) from exc

    def nest(self, node):
        self.depth += 1
        if self.depth > bounds.MAX_NESTING:
            self.fail(
                node, gettext("blocks and expressions nest more than %(limit)d deep") % {"limit": bounds.MAX_NESTING}
            )

    # Statements ---------------------------------------------------------------------------------
    def statements(self, body) -> None:
        for node in body:
            self.statement(node)

    def statement(self, node) -> None:
        self.nest(node)
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                size = len(child.data) if isinstance(child, nodes.TemplateData) else self.printed(child)
                self.add_output(child, size)
        elif isinstance(node, nodes.If):
            self.expr(node.test)
            self.statements(node.body)
            for branch in node.elif_:
                self.statement(branch)
            self.statements(node.else_)
        elif isinstance(node, nodes.For):
            self.loop(node)
        elif isinstance(node, nodes.Assign):
            self.bind(node.target, self.expr(node.node))
        elif isinstance(node, nodes.Template):
            self.statements(node.body)
        else:  # an expression at the top of a condition
            self.expr(node)
        self.depth -= 1

    def printed(self, node) -> int:
        est = self.expr(node)
        if est.known and not est.size:
            return len(str(est.value))
        return est.size or PRINTED_NUMBER

    def add_output(self, node, size: int) -> None:
        self.output += size * self.repeat
        if self.output > bounds.MAX_OUTPUT_CHARS:
            self.fail(node, bounds.too_much_output(self.output))

    def loop(self, node) -> None:
        over = self.expr(node.iter)
        count = len(over.value) if over.known and isinstance(over.value, (str, list, tuple)) else over.size
        self.loop_depth += 1
        if self.loop_depth > bounds.MAX_LOOP_NESTING:
            self.fail(node, gettext("loops nest more than %(limit)d deep") % {"limit": bounds.MAX_LOOP_NESTING})
        self.iterations += self.repeat * count
        if self.iterations > bounds.MAX_ITERATIONS:
            self.fail(node, bounds.too_many_iterations(self.iterations))
        outer = self.repeat
        self.repeat *= count
        self.scopes.append({"loop": _Est()})
        item = _Est(over.item, over.item if not isinstance(over.value, str) else 1)
        if over.known and isinstance(over.value, (list, tuple)) and over.value:
            item = max((_known(v) for v in over.value), key=lambda e: e.size)
            item = _Est(item.size, item.item)  # which item is unknown: only its size bound stays
        self.bind(node.target, item)
        if node.test is not None:
            self.expr(node.test)
        self.statements(node.body)
        self.scopes.pop()
        self.repeat = outer
        self.loop_depth -= 1
        self.statements(node.else_)

    def bind(self, target, est: _Est) -> None:
        if isinstance(target, nodes.Name):
            self.scopes[-1][target.name] = est
        else:
            for name in target.find_all(nodes.Name):
                self.scopes[-1][name.name] = _Est(est.item, est.item)

    def lookup(self, name: str) -> _Est | None:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return None

    # Expressions --------------------------------------------------------------------------------
    def built(self, node, est: _Est) -> _Est:
        if est.size > bounds.MAX_VALUE_CHARS:
            self.fail(node, bounds.too_big(est.size))
        self.built_chars += est.size * self.repeat
        if self.built_chars > bounds.MAX_BUILT_CHARS:
            self.fail(node, bounds.too_much_built(self.built_chars))
        return est

    def expr(self, node) -> _Est:
        self.nest(node)
        try:
            return self._expr(node)
        finally:
            self.depth -= 1

    def _expr(self, node) -> _Est:  # noqa: C901 - one case per kind of expression
        if isinstance(node, nodes.Const):
            return _known(node.value)
        if isinstance(node, nodes.Name):
            found = self.lookup(node.name)
            return found if found is not None else _Est(ANSWER_SIZE, ANSWER_SIZE, answer=True)
        if isinstance(node, (nodes.Getattr, nodes.Getitem)):
            base = self.expr(node.node)
            if isinstance(node, nodes.Getitem):
                self.expr(node.arg)
            if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Slice):
                return _Est(base.size, base.item)
            if base.answer:
                return _Est(ANSWER_SIZE, ANSWER_SIZE, answer=True)
            return _Est(base.item, base.item)
        if isinstance(node, (nodes.List, nodes.Tuple)):
            items = [self.expr(item) for item in node.items]
            if all(item.known for item in items):
                return self.built(node, _known(self.run(node, bounds.sized, [item.value for item in items])))
            return self.built(node, _Est(sum(i.size + 2 for i in items) + 2, max((i.size for i in items), default=0)))
        if isinstance(node, nodes.Concat):
            parts = [self.expr(part) for part in node.nodes]
            if all(part.known for part in parts):
                return self.built(node, _known(self.run(node, bounds.concat, [part.value for part in parts])))
            size = sum(part.size if part.size or part.known else PRINTED_NUMBER for part in parts)
            return self.built(node, _Est(size, 1))
        if isinstance(node, nodes.BinExpr):
            return self.binop(node)
        if isinstance(node, nodes.UnaryExpr):
            operand = self.expr(node.node)
            if operand.known and isinstance(node, (nodes.Neg, nodes.Pos)):
                value = self.run(node, lambda v: -v if isinstance(node, nodes.Neg) else +v, operand.value)
                return _known(value)
            return _Est()
        if isinstance(node, nodes.Filter):
            return self.filter(node)
        if isinstance(node, nodes.CondExpr):
            self.expr(node.test)
            one = self.expr(node.expr1)
            other = self.expr(node.expr2) if node.expr2 is not None else _Est()
            return _Est(max(one.size, other.size), max(one.item, other.item))
        if isinstance(node, nodes.Test) and node.name in SAFE_TESTS:
            subject, args = self.expr(node.node), [self.expr(arg) for arg in node.args]
            if subject.known and all(arg.known for arg in args) and not node.kwargs:  # `is divisibleby 0`
                self.run(node, ENVIRONMENTS["en"].tests[node.name], subject.value, *[arg.value for arg in args])
            return _Est()
        for child in node.iter_child_nodes():  # comparisons, and/or, keywords, slices
            self.expr(child)
        return _Est()

    def binop(self, node) -> _Est:
        left, right = self.expr(node.left), self.expr(node.right)
        op = node.operator
        if left.known and right.known:
            return self.built(node, _known(self.run(node, bounds.binop, op, left.value, right.value)))
        if op == "*":
            if left.answer and right.answer:  # most likely two numbers; the render budget bounds a text
                return _Est(ANSWER_SIZE, ANSWER_SIZE, answer=True)
            for sequence, count in ((left, right), (right, left)):
                if count.known and isinstance(count.value, int):
                    if sequence.answer:
                        return _Est(ANSWER_SIZE, ANSWER_SIZE, answer=True)
                    return self.built(node, _Est(sequence.size * max(count.value, 0), sequence.item))
            if (left.size and not left.answer) or (right.size and not right.answer):
                self.fail(
                    node, gettext("a text or list can be repeated only a fixed number of times, e.g. {{ '-' * 3 }}")
                )
            return _Est()
        if op == "+":
            est = _Est(left.size + right.size, max(left.item, right.item), answer=left.answer and right.answer)
            return self.built(node, est)
        if op == "%" and left.known and isinstance(left.value, str):
            self.fail(node, gettext("string formatting with '%' is not allowed in clause texts"))
        return _Est()

    def filter(self, node) -> _Est:
        subject = self.expr(node.node) if node.node is not None else _Est()
        args = [self.expr(arg) for arg in node.args]
        kwargs = {kw.key: self.expr(kw.value) for kw in node.kwargs}
        if node.name == "round":
            precision = args[0] if args else kwargs.get("precision")
            if precision is not None and precision.known:
                self.run(node, bounds.check_round_precision, precision.value)
        every = [subject, *args, *kwargs.values()]
        if node.name in STATIC_FILTERS and all(e.known for e in every):
            func = ENVIRONMENTS["en"].filters[node.name]
            values = {k: v.value for k, v in kwargs.items()}
            return self.built(node, _known(self.run(node, func, subject.value, *[a.value for a in args], **values)))
        if node.name == "join":
            separator = args[0].size if args else kwargs.get("d", _Est()).size
            return self.built(node, _Est(subject.size + subject.size * separator, 1))
        if node.name in ("upper", "lower", "default"):
            return self.built(node, _Est(max(e.size for e in every), max(e.item for e in every)))
        if node.name in ("first", "last"):
            return _Est(subject.item, subject.item)
        return _Est(PRINTED_NUMBER, 1)


def estimate(tree) -> None:
    """Refuse a text whose constants alone would cross a limit of the render budget, in any branch."""
    _Cost().statement(tree)


def _is_yes_no(node) -> bool:
    """Whether an expression is a test with a yes/no answer, not a number, text or amount."""
    if isinstance(node, (nodes.And, nodes.Or)):
        return _is_yes_no(node.left) and _is_yes_no(node.right)
    if isinstance(node, nodes.Not):
        return _is_yes_no(node.node)
    if isinstance(node, nodes.Const):
        return isinstance(node.value, bool)
    return isinstance(node, (nodes.Compare, nodes.Test, nodes.Name, nodes.Getattr, nodes.Getitem))


def _parse_expression(source: str) -> nodes.Expr:
    env = ENVIRONMENTS["en"]
    try:
        parser = Parser(env, source, state="variable")
        expr = parser.parse_expression()
        if not parser.stream.eos:
            raise TemplateSyntaxError("chunk after expression", parser.stream.current.lineno, None, None)
    except TemplateSyntaxError as exc:
        raise ClauseTemplateError(f"line {exc.lineno}: {exc.message}") from exc
    if not _is_yes_no(expr):
        raise ClauseTemplateError(f"line {expr.lineno}: a condition must be a yes/no test, e.g. legal.forum == 'court'")
    return expr


def check_source(
    source: str,
    known_variables: frozenset[str] | set[str] = VARIABLE_NAMES,
    *,
    expression: bool = False,
    clause_keys: frozenset[str] | set[str] | None = None,
) -> Check:
    """Parse a clause text (or a condition) and refuse what it may not do. Raises ClauseTemplateError.

    `clause_keys`, when given, are the clauses a `ref` may name; any other key is refused."""
    if len(source) > bounds.MAX_SOURCE_CHARS:
        raise ClauseLimitExceeded(
            gettext("the text is %(size)s characters long; a clause text may be at most %(limit)s")
            % {"size": f"{len(source):,}", "limit": f"{bounds.MAX_SOURCE_CHARS:,}"}
        )
    try:
        if expression:
            tree = _parse_expression(source)
        else:
            try:
                tree = ENVIRONMENTS["en"].parse(source)
            except TemplateSyntaxError as exc:
                raise ClauseTemplateError(f"line {exc.lineno}: {exc.message}") from exc
        checker = _Checker(known_variables, clause_keys)
        checker.visit(tree)
    except RecursionError as exc:  # brackets or blocks thousands deep: the parser gives up
        raise ClauseLimitExceeded(
            gettext("blocks and expressions nest more than %(limit)d deep") % {"limit": bounds.MAX_NESTING}
        ) from exc
    for name, lineno in sorted(checker.variables, key=lambda v: (v[1], v[0])):
        if name not in known_variables:
            raise ClauseTemplateError(f"line {lineno}: unknown variable '{name}'")
    estimate(tree)
    return Check(frozenset(v for v, _ in checker.variables), frozenset(checker.filters), frozenset(checker.refs))


PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> list[str]:
    """Split rendered clause text into paragraphs; single newlines inside one are kept as spaces."""
    result = []
    for block in PARAGRAPH_BREAK.split(text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if lines:
            joiner = "" if all(_is_cjk_line(line) for line in lines) else " "
            result.append(joiner.join(lines))
    return result


def _is_cjk_line(line: str) -> bool:
    return bool(line) and ord(line[-1]) > 0x2E80
