"""The answers validator of terms/ (what the command line, import and the clause samples use) and the
wizard's forms (what a buyer's browser posts to) find the same fields at fault, and type the same answers,
for the built-in samples and a corpus of broken documents."""

from __future__ import annotations

import copy

import pytest
from django.utils import translation

from contracts.clauses.samples import SAMPLES, sample_document
from contracts.problems import translated, validate_answers
from contracts.terms import schema
from contracts.terms.answers import ASKED_IF
from contracts.terms.checks import check_answers, check_step, type_problems
from contracts.wizard.steps import BY_KEY, STEPS, BoundStep

# Broken values by kind of field, as an answers file might hold them.
BAD = {
    "str": ["a\x00b", "tab\x07bell", "Invoice \u202egnp.exe", "\ud800", "x" * 201, "  ", None, "", 5, True],
    "text": ["a\x0bb", "\u2066isolated\u2069", "y" * 4001, None, "   "],
    "uscc": ["91310115MA1K4L8X25", "91310115ma1k4l8x24", " 91310115MA1K4L8X24 ", "X" * 19, "", None],
    "email": ["not an address", "a@b", "a@[1.2.3.4]", "a@[1.2.3]", "x" * 195 + "@b.com", "a@localhost", None],
    "int": ["abc", 5.5, -1, 10**12, "1e3", " 7 ", "7.0", 7.0, "1_0", "", None, [1], False],
    "dec": ["1.2345", "NaN", "-1", "1e400", "abc", 99999999999999, "0.0001", "5.000", 5.5, "", None, {}],
    "decchoice": ["99.90", 99.9, "98", "x", "", None],
    "date": [
        "2027-13-01",
        "1999-12-31",
        "9999-01-01",
        "2027/01/05",
        "01/05/2027",
        "2027年1月5日",
        "2027-1-5",
        " 2027-01-05 ",
        "",
        None,
        20270105,
    ],
    "bool": [None, "true", 1],
    "choice": ["nope", " zh", "", None, 3],
    "multi": [["nope"], [], None, [""], "api", [1]],
    "country": ["cn", "ZZZ", "X1", " de ", "", None, "DE", "CN"],
}
BAD_ROW_COUNTS = [[], [{}], [{}, {}], "rows", [1], None]


def wizard_step(step_key: str, fragment: dict) -> tuple[list, dict | None]:
    """What the wizard's forms say is wrong with a step's answers (field, message), and its typed answers if
    valid; a value of the wrong JSON type is left out (a browser posts text) and reported as such."""
    step = BY_KEY[step_key]
    wrong_types = [(name, translated(message)) for name, message in type_problems(step_key, fragment)]
    wrong = {name.split("[")[0] for name, _message in wrong_types}
    bound = BoundStep.from_answers(step, {name: value for name, value in fragment.items() if name not in wrong})
    valid = bound.is_valid() and not wrong_types
    found = wrong_types + [(name, str(message)) for name, message in bound.errors()]
    return sorted(found), bound.typed() if valid else None


def pure_step(step_key: str, fragment: dict) -> tuple[list, dict | None]:
    result = check_step(step_key, fragment)
    return sorted((name, translated(message)) for name, message in result.errors), result.typed


def corpus() -> list[tuple[str, str, dict]]:
    """(what, step, step answers): each sample's steps, then one broken value at a time, in a field or the
    first row of a list: every field of the standard sample, the conditional ones and the lists of the
    others too (so that conditional fields are both asked and not)."""
    cases = []
    for sample in SAMPLES:
        document = sample_document(sample)
        for step in STEPS:
            base = document[step.key]
            cases.append((f"{sample}", step.key, base))
            for name, rule in schema.FIELDS[step.key].items():
                if sample != "standard" and name not in ASKED_IF[step.key]:
                    continue
                for value in BAD[rule.kind]:
                    cases.append((f"{sample} {name}={value!r}", step.key, base | {name: value}))
            cases.append((f"{sample} all absent", step.key, {}))
            for list_name, spec in schema.LISTS[step.key].items():
                rows = base.get(list_name) or [dict(row) for row in spec.initial] or [{}]
                for count in BAD_ROW_COUNTS:
                    cases.append((f"{sample} {list_name}={count!r}", step.key, base | {list_name: count}))
                cases.append((f"{sample} {list_name} too many", step.key, base | {list_name: rows * 201}))
                cases.append((f"{sample} {list_name} one short", step.key, base | {list_name: rows[:-1]}))
                for name, rule in spec.rows.items():
                    for value in BAD[rule.kind]:
                        broken = [{**rows[0], name: value}, *rows[1:]]
                        cases.append(
                            (f"{sample} {list_name}[1].{name}={value!r}", step.key, base | {list_name: broken})
                        )
    return cases


CORPUS = corpus()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_validator_and_the_forms_say_the_same_of_the_same_fields(language):
    differ = []
    with translation.override(language):  # the messages in Chinese: those of the standard sample
        for what, step, fragment in CORPUS if language == "en" else [c for c in CORPUS if c[0].startswith("standard")]:
            fragment = copy.deepcopy(fragment)
            wizard, pure = wizard_step(step, fragment), pure_step(step, fragment)
            if wizard != pure:
                differ.append((what, step, wizard, pure))
    assert not differ, differ[:5]


def test_the_samples_are_valid_and_typed_alike():
    for sample in SAMPLES:
        typed, problems = check_answers(sample_document(sample))
        assert problems == [], (sample, problems)
        for step in STEPS:
            assert typed[step.key] == wizard_step(step.key, sample_document(sample)[step.key])[1]


def test_a_broken_document_is_refused_with_the_wizard_s_own_words():
    document = sample_document("standard")
    document["scope"]["seat_count"] = 0
    document["parties"]["buyer_uscc"] = "91310115MA1K4L8X25"
    document["sla"]["severity_targets"] = document["sla"]["severity_targets"][:3]
    document["pricing"]["vat_rate_pct"] = [6]
    _typed, problems = check_answers(document)
    found = {(p.step, p.field): p.text() for p in problems}
    assert found[("scope", "seat_count")] == "Enter a number from 1 to 100,000."
    assert "is not a valid unified social credit code" in found[("parties", "buyer_uscc")]
    assert found[("sla", "severity_targets")] == "Please submit at least 4 forms."
    assert found[("pricing", "vat_rate_pct")] == "Expected a number (or a number in quotes), not a list."
    with translation.override("zh-hans"):
        shown = {(p.step, p.field): translated(p) for p in problems}
    assert shown[("scope", "seat_count")] == "请输入1至100,000之间的数值。"
    assert "列表" in shown[("pricing", "vat_rate_pct")]  # the kinds of value are translated too
    assert "4" in shown[("sla", "severity_targets")] and "Please" not in shown[("sla", "severity_targets")]


def test_the_forms_take_every_rule_from_terms_schema():
    for step in STEPS:
        fields = {(step.key, "", name): field for name, field in step.form_class.base_fields.items()}
        for spec in step.lists:
            fields |= {(step.key, spec.name, n): fld for n, fld in spec.formset_class.form.base_fields.items()}
            rule = schema.LISTS[step.key][spec.name]
            assert (spec.formset_class.max_num, spec.formset_class.min_num) == (rule.max_rows, rule.min_rows)
        for (step_key, list_name, name), field in fields.items():
            rule = (schema.LISTS[step_key][list_name].rows if list_name else schema.FIELDS[step_key])[name]
            assert field.required == rule.required, name
            assert getattr(field, "max_length", None) == rule.max_length, name
            assert (getattr(field, "min_value", None), getattr(field, "max_value", None)) == (rule.min, rule.max), name
            assert getattr(field, "decimal_places", None) == rule.places, name
            codes = [code for code, _label in getattr(field, "choices", ()) if code != ""]
            assert codes == list(rule.choices if rule.kind != "country" else codes), name
            assert field.initial == rule.initial or (rule.kind == "multi" and field.initial == []), name


def test_a_date_is_read_as_iso_in_every_language_and_null_is_no_choice():
    document = sample_document("standard")
    document["parties"] |= {"effective_date": "2026/12/15", "vendor_certifications": None}
    for language in ("en", "zh-hans"):
        with translation.override(language):
            _typed, problems = validate_answers(document)
            assert [(p.step, p.field) for p in problems] == [("parties", "effective_date")]
            assert problems[0].message == translation.gettext("Enter a valid date.")
    document["parties"]["effective_date"] = "2026-12-15"
    typed, problems = check_answers(document)
    assert problems == [] and typed["parties"]["vendor_certifications"] == []
