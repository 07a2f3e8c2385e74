"""Clause texts are untrusted templates: they read plain data and nothing else."""

import pytest

from contracts.clauses.engine import ClauseTemplateError, check_source, evaluate_condition, render_text
from contracts.terms import variable_names

KNOWN = variable_names()
CONTEXT = {"parties": {"buyer_name": "甲公司"}, "sla": {"availability_target_pct": "99.9"}, "pricing": {"currency": "CNY"}}


@pytest.mark.parametrize("source, reason", [
    ("{{ parties.buyer_name", "unexpected end"),
    ("{% include 'x.html' %}", "Include"),
    ("{% import 'x' as y %}", "Import"),
    ("{% extends 'base.html' %}", "Extends"),
    ("{% macro m() %}x{% endmacro %}", "Macro"),
    ("{{ parties.buyer_name.upper() }}", "Call"),
    ("{{ settings.SECRET_KEY }}", "unknown variable 'settings'"),
    ("{{ request.user }}", "unknown variable 'request'"),
    ("{{ parties.no_such_field }}", "unknown variable 'parties.no_such_field'"),
    ("{{ parties.buyer_name|safe }}", "unknown filter 'safe'"),
    ("{{ parties.buyer_name|attr('__class__') }}", "unknown filter 'attr'"),
    ("{{ ''.__class__ }}", "attribute '__class__' is not allowed"),
    ("{{ parties['__class__'] }}", "attribute '__class__' is not allowed"),
    ("{% for x in scope.modules %}{{ x.__class__ }}{% endfor %}", "attribute '__class__' is not allowed"),
])
def test_refused_on_save_with_the_reason(source, reason):
    with pytest.raises(ClauseTemplateError, match="line 1") as exc:
        check_source(source, KNOWN)
    assert reason in str(exc.value)


def test_known_variables_loops_and_filters_pass():
    check_source("{% for m in scope.modules %}{{ loop.index }}{{ m }}{% endfor %}{{ pricing.tco|money }}", KNOWN)
    check_source("legal.forum == 'arbitration' and not data.gdpr_applies", KNOWN, expression=True)


def test_rendering_cannot_reach_attributes_or_methods():
    assert render_text("{{ parties.buyer_name }}", CONTEXT, "zh") == "甲公司"
    with pytest.raises(Exception):
        render_text("{{ parties.buyer_name.__class__ }}", CONTEXT, "zh")
    with pytest.raises(Exception):
        render_text("{{ parties.items }}", CONTEXT, "zh")


def test_condition_evaluation():
    assert evaluate_condition("", CONTEXT)
    assert evaluate_condition("parties.buyer_name == '甲公司'", CONTEXT)
    assert not evaluate_condition("parties.buyer_name == '乙公司'", CONTEXT)
