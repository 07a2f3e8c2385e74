"""Clause texts are untrusted templates: they read plain data from the answers and nothing else."""

import pytest
from django.conf import settings
from jinja2 import UndefinedError

from contracts.clauses.engine import ClauseTemplateError, check_source, evaluate_condition, render_text
from contracts.clauses.samples import sample_context
from contracts.terms import variable_names

# What a clause text gets when it reaches past plain data: an undefined name, or a refused call.
REFUSED = (UndefinedError, ClauseTemplateError)

KNOWN = variable_names()
CONTEXT = {
    "parties": {"buyer_name": "甲公司"},
    "sla": {"availability_target_pct": "99.9"},
    "pricing": {"currency": "CNY"},
}


@pytest.mark.parametrize(
    "source, reason",
    [
        ("{{ parties.buyer_name", "unexpected end"),
        ("{% include 'x.html' %}", "Include"),
        ("{% import 'x' as y %}", "Import"),
        ("{% from 'x' import y %}", "FromImport"),
        ("{% extends 'base.html' %}", "Extends"),
        ("{% macro m() %}x{% endmacro %}", "Macro"),
        ("{% call m() %}x{% endcall %}", "CallBlock"),
        ("{% filter upper %}x{% endfilter %}", "FilterBlock"),
        ("{% with x = parties %}{{ x }}{% endwith %}", "With"),
        ("{% debug %}", "debug"),
        ("{% url 'home' %}", "url"),
        ("{% csrf_token %}", "csrf_token"),
        ("{% load static %}", "load"),
        ("{{ parties.buyer_name.upper() }}", "Call"),
        ("{{ settings.SECRET_KEY }}", "unknown variable 'settings'"),
        ("{{ request.user }}", "unknown variable 'request'"),
        ("{{ user.password }}", "unknown variable 'user'"),
        ("{{ self }}", "unknown variable 'self'"),
        ("{{ range(10) }}", "Call"),
        ("{{ lipsum }}", "unknown variable 'lipsum'"),
        ("{{ parties.no_such_field }}", "unknown variable 'parties.no_such_field'"),
        ("{{ parties }}", "name a field of 'parties'"),
        ("{{ parties.buyer_name|safe }}", "unknown filter 'safe'"),
        ("{{ parties.buyer_name|attr('__class__') }}", "unknown filter 'attr'"),
        ("{{ scope.modules|map(attribute='x') }}", "unknown filter 'map'"),
        ("{{ parties|dictsort }}", "unknown filter 'dictsort'"),
        ("{{ '%s'|format(parties) }}", "unknown filter 'format'"),
        ("{{ scope.modules|join(attribute='__class__') }}", "the 'attribute' argument"),
        ("{{ '%s' % parties.buyer_name }}", "string formatting"),
        ("{{ '{0.__class__}'.format(parties) }}", "Call"),
        ("{{ ''.__class__ }}", "attribute '__class__' is not allowed"),
        ("{{ parties.__class__.__mro__ }}", "is not allowed"),
        ("{{ parties.__globals__ }}", "attribute '__globals__' is not allowed"),
        ("{{ parties['__class__'] }}", "attribute '__class__' is not allowed"),
        ("{{ parties[parties.buyer_name] }}", "computed key"),
        ("{{ parties.items }}", "unknown variable 'parties.items'"),
        ("{% for k, v in parties.items() %}{{ k }}{% endfor %}", "Call"),
        ("{% for x in scope.modules %}{{ x.__class__ }}{% endfor %}", "attribute '__class__' is not allowed"),
        ("{% for x in scope.modules %}{{ x.name }}{% endfor %}", "unknown variable 'scope.modules[].name'"),
        ("{% for t in sla.credit_tiers %}{{ t.secret }}{% endfor %}", "unknown variable 'sla.credit_tiers[].secret'"),
        ("{% for x in scope.modules %}{{ loop.cycle('a') }}{% endfor %}", "Call"),
        ("{% for x in scope.modules %}{{ loop.cycle }}{% endfor %}", "loop.cycle"),
        ("{% set x = 1 %}{{ x.real }}", "attribute 'real' of 'x'"),
        ("{{ loop.index }}", "unknown variable 'loop'"),
        ("{{ parties.buyer_name is callable }}", "unknown test 'callable'"),
    ],
)
def test_refused_on_save_with_the_line_and_the_reason(source, reason):
    with pytest.raises(ClauseTemplateError, match=r"line \d") as exc:
        check_source(source, KNOWN)
    assert reason in str(exc.value)


def test_the_line_at_fault_is_named():
    with pytest.raises(ClauseTemplateError, match="line 3: unknown variable 'parties.secret'"):
        check_source("第一段。\n\n{{ parties.secret }}", KNOWN)


def test_known_variables_loops_list_items_and_filters_pass():
    check = check_source(
        "{% for m in scope.modules %}{{ loop.index }}{{ m }}{% endfor %}{{ pricing.tco|money }}"
        "{% for t in sla.credit_tiers %}{{ t.below_pct|pct }}{{ t.amount|money }}{% endfor %}"
        "{% set first = pricing.milestone_payments[0] %}{{ first.amount|money }}{{ 'sla.credits'|ref }}",
        KNOWN,
    )
    assert {"scope.modules", "sla.credit_tiers", "pricing.tco"} <= check.variables
    assert check.refs == {"sla.credits"}


@pytest.mark.parametrize(
    "condition, reason",
    [
        ("legal.forum ==", "line 1"),
        ("legal.forum = 'court'", "line 1"),
        ("pricing.tco + 1", "yes/no test"),
        ("'court'", "yes/no test"),
        ("legal.forum) }}{% include 'x' %}{{ (legal.forum", "line 1"),
        ("legal.forum == 'court' legal.forum", "chunk after expression"),
        ("{{ legal.forum }}", "line 1"),
        ("legal.nothing == 'x'", "unknown variable 'legal.nothing'"),
    ],
)
def test_a_condition_must_be_a_valid_yes_no_expression(condition, reason):
    with pytest.raises(ClauseTemplateError) as exc:
        check_source(condition, KNOWN, expression=True)
    assert reason in str(exc.value)


def test_valid_conditions_pass():
    for condition in (
        "legal.forum == 'arbitration' and not data.gdpr_applies",
        "scope.integrations",
        "'sandbox' in scope.environments",
        "data.cn_individuals_per_year is not none",
    ):
        check_source(condition, KNOWN, expression=True)


def test_ref_to_an_unknown_clause_is_refused_when_the_keys_are_known():
    with pytest.raises(ClauseTemplateError, match="unknown clause 'sla.nothing'"):
        check_source("{{ 'sla.nothing'|ref }}", KNOWN, clause_keys={"sla.credits"})
    with pytest.raises(ClauseTemplateError, match="clause key in quotes"):
        check_source("{{ parties.buyer_name|ref }}", KNOWN, clause_keys={"sla.credits"})


class Secret:
    password = "hunter2"

    def delete(self):
        raise AssertionError("a clause template called a method")


@pytest.mark.parametrize(
    "source",
    [
        "{{ parties.password }}",
        "{{ parties.delete }}",
        "{{ parties['password'] }}",
        "{{ parties.__class__ }}",
        "{{ parties.__dict__ }}",
    ],
)
def test_rendering_cannot_read_an_object_even_if_one_slips_into_the_context(source):
    with pytest.raises(REFUSED) as exc:
        render_text(source, {"parties": Secret()}, "en")
    assert "hunter2" not in str(exc.value)


@pytest.mark.django_db
def test_rendering_cannot_read_a_model_instance_or_settings(alice):
    for source in ("{{ parties.password }}", "{{ parties.username }}", "{{ parties.SECRET_KEY }}"):
        with pytest.raises(REFUSED):
            render_text(source, {"parties": alice, "legal": settings}, "en")
    with pytest.raises(REFUSED):
        render_text("{{ legal.SECRET_KEY }}", {"legal": settings}, "en")


def test_rendering_cannot_call_methods_or_walk_dicts():
    assert render_text("{{ parties.buyer_name }}", CONTEXT, "zh") == "甲公司"
    for source in (
        "{{ parties.buyer_name.__class__ }}",
        "{{ parties.items }}",
        "{{ parties.items() }}",
        "{% for k in parties.keys() %}{{ k }}{% endfor %}",
        "{{ parties.buyer_name.upper() }}",
    ):
        with pytest.raises(REFUSED):
            render_text(source, CONTEXT, "zh")


def test_the_context_holds_plain_data_only():
    allowed = (type(None), bool, int, str, list, dict, __import__("decimal").Decimal, __import__("datetime").date)

    def walk(value, path):
        assert isinstance(value, allowed), f"{path}: {type(value)}"
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{path}.{k}")
        if isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{path}[{i}]")

    walk(sample_context("all_options"), "context")


def test_condition_evaluation():
    assert evaluate_condition("", CONTEXT)
    assert evaluate_condition("parties.buyer_name == '甲公司'", CONTEXT)
    assert not evaluate_condition("parties.buyer_name == '乙公司'", CONTEXT)
