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
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import pass_context

from contracts import formatting

CONTEXT_ROOTS = ("parties", "scope", "implementation", "term", "sla", "pricing", "data", "legal", "contract")
LOOP_ATTRIBUTES = {"index", "index0", "first", "last", "length", "revindex", "revindex0"}
ALLOWED_NODES = (
    nodes.Template, nodes.Output, nodes.TemplateData, nodes.If, nodes.For, nodes.Assign,
    nodes.Name, nodes.Const, nodes.Getattr, nodes.Getitem, nodes.Filter, nodes.Test,
    nodes.CondExpr, nodes.And, nodes.Or, nodes.Not, nodes.Compare, nodes.Operand, nodes.Concat,
    nodes.Add, nodes.Sub, nodes.Mul, nodes.Div, nodes.Mod, nodes.Neg, nodes.Pos, nodes.List,
    nodes.Tuple, nodes.Slice, nodes.Keyword,
)
SAFE_BUILTIN_FILTERS = ("default", "join", "length", "first", "last", "lower", "upper", "round", "int", "abs")


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
    }


def _make_env(lang: str) -> _Sandbox:
    env = _Sandbox(undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True,
                   finalize=lambda v: "" if v is None else v)
    builtin = env.filters
    env.filters = {name: builtin[name] for name in SAFE_BUILTIN_FILTERS} | _filters(lang)
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
    """What a clause text names: the dotted variables and the filters it uses."""

    variables: frozenset[str]
    filters: frozenset[str]


def _walk(node: nodes.Node, found_vars: set, found_filters: set, locals_: set) -> None:
    if not isinstance(node, ALLOWED_NODES):
        raise ClauseTemplateError(
            f"line {node.lineno}: '{type(node).__name__}' is not allowed in clause texts"
        )
    if isinstance(node, (nodes.For, nodes.Assign)):
        targets = [node.target, *node.target.find_all(nodes.Name)]
        locals_.update(t.name for t in targets if isinstance(t, nodes.Name))
    if isinstance(node, nodes.For):
        locals_.add("loop")
    if isinstance(node, nodes.Filter):
        if node.name not in FILTER_NAMES:
            raise ClauseTemplateError(f"line {node.lineno}: unknown filter '{node.name}'")
        found_filters.add(node.name)
    if isinstance(node, nodes.Test) and node.name not in ENVIRONMENTS["en"].tests:
        raise ClauseTemplateError(f"line {node.lineno}: unknown test '{node.name}'")
    if isinstance(node, (nodes.Getattr, nodes.Getitem)):
        attr = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", "")
        if (isinstance(attr, str) and attr.startswith("_")) or not isinstance(node.node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            raise ClauseTemplateError(f"line {node.lineno}: attribute '{attr}' is not allowed in clause texts")
    if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name):
        if node.node.name in CONTEXT_ROOTS:
            found_vars.add((f"{node.node.name}.{node.attr}", node.lineno))
    if isinstance(node, nodes.Name) and node.ctx == "load":
        if node.name not in CONTEXT_ROOTS and node.name not in locals_:
            raise ClauseTemplateError(f"line {node.lineno}: unknown variable '{node.name}'")
    for child in node.iter_child_nodes():
        _walk(child, found_vars, found_filters, locals_)


def check_source(source: str, known_variables: frozenset[str] | set[str], *, expression: bool = False) -> Check:
    """Parse a clause text (or a condition) and refuse what it may not do. Raises ClauseTemplateError."""
    env = ENVIRONMENTS["en"]
    text = "{{ (" + source + ") }}" if expression else source
    try:
        tree = env.parse(text)
    except TemplateSyntaxError as exc:
        raise ClauseTemplateError(f"line {exc.lineno}: {exc.message}") from exc
    found_vars: set = set()
    found_filters: set = set()
    _walk(tree, found_vars, found_filters, set())
    for name, lineno in sorted(found_vars):
        if name not in known_variables:
            raise ClauseTemplateError(f"line {lineno}: unknown variable '{name}'")
    return Check(frozenset(v for v, _ in found_vars), frozenset(found_filters))


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
