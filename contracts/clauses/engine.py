"""The locked-down template engine for clause texts and conditions written by admins.

Clause bodies are untrusted: they are rendered in a Jinja sandbox that can only read keys of the
plain-data context (dicts, lists, str, numbers, dates), call none of their methods, and use only the
filters below. Saving a clause checks its syntax, its statements and every variable it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from jinja2 import StrictUndefined, TemplateSyntaxError, nodes
from jinja2.parser import Parser
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import pass_context

from contracts.terms import VARIABLE_NAMES, VARIABLES, formatting
from contracts.terms.places import country_names

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


class ClauseTemplateError(ValueError):
    """A clause text or condition that cannot be used, with the reason and the line."""


class _Sandbox(ImmutableSandboxedEnvironment):
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
    env.filters = {name: builtin[name] for name in SAFE_BUILTIN_FILTERS} | _filters(lang)
    env.tests = {name: env.tests[name] for name in SAFE_TESTS}
    env.globals = {}
    return env


ENVIRONMENTS = {"zh": _make_env("zh"), "en": _make_env("en")}
FILTER_NAMES = frozenset(ENVIRONMENTS["en"].filters)


@lru_cache(maxsize=4096)
def _compiled(lang: str, source: str):
    return ENVIRONMENTS[lang].from_string(source)


@lru_cache(maxsize=1024)
def _compiled_condition(expression: str):
    return ENVIRONMENTS["en"].compile_expression(expression)


def render_text(source: str, context: dict, lang: str) -> str:
    return _compiled(lang, source).render(context)


def evaluate_condition(expression: str, context: dict) -> bool:
    if not expression.strip():
        return True
    return bool(_compiled_condition(expression)(**context))


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
    if expression:
        tree = _parse_expression(source)
    else:
        try:
            tree = ENVIRONMENTS["en"].parse(source)
        except TemplateSyntaxError as exc:
            raise ClauseTemplateError(f"line {exc.lineno}: {exc.message}") from exc
    checker = _Checker(known_variables, clause_keys)
    checker.visit(tree)
    for name, lineno in sorted(checker.variables, key=lambda v: (v[1], v[0])):
        if name not in known_variables:
            raise ClauseTemplateError(f"line {lineno}: unknown variable '{name}'")
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
