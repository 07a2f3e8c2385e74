"""The shipped clause library, read as a lawyer reads it: every clause renders under every combination
of answers its conditions distinguish, in every position, with nothing left blank or broken."""

import re

import pytest

from contracts.clauses.assemble import assemble
from contracts.clauses.checks import library_problems
from contracts.clauses.engine import ClauseTemplateError, evaluate_condition
from contracts.clauses.files import read_library_files
from contracts.clauses.matrix import answer_matrix, library_conditions, unvaried_paths
from contracts.clauses.samples import STANDARD, context_for, sample_context
from contracts.clauses.spec import clause_problems
from contracts.problems import validate_answers
from contracts.terms.checks import to_json
from tests.factories import answers_document
from tests.terms.sample_answers import complete_answers

LIBRARY = read_library_files()


@pytest.fixture(scope="module")
def matrix():
    """The tests' complete sample draft, varied as the library's conditions require."""
    return answer_matrix(answers_document(), LIBRARY)


@pytest.fixture(scope="module")
def contexts(matrix):
    return [(label, context_for(document)) for label, document in matrix]


def test_the_built_in_sample_is_a_valid_draft_that_round_trips_through_json():
    exported = to_json(complete_answers())  # the tests' complete draft is this sample, validated
    assert {
        step: {k: v for k, v in fields.items() if k in STANDARD[step]} for step, fields in exported.items()
    } == STANDARD
    hidden = {(step, k): v for step, fields in exported.items() for k, v in fields.items() if k not in STANDARD[step]}
    assert hidden and set(hidden.values()) == {None}  # questions the sample's answers do not ask


def test_every_variable_a_condition_reads_is_varied_by_the_matrix():
    assert unvaried_paths(LIBRARY) == set()


def test_every_matrix_document_is_a_valid_draft(matrix):
    for label, document in matrix:
        _typed, problems = validate_answers(document)
        assert problems == [], (label, problems)


def test_every_condition_is_true_and_false_at_least_once(contexts):
    conditions = library_conditions(LIBRARY)
    assert len(conditions) > 80  # clause and section conditions and the if tests in the texts
    never = []
    for condition in conditions:
        outcomes = {evaluate_condition(condition, context) for _label, context in contexts}
        if outcomes != {True, False}:
            never.append((condition, outcomes))
    assert never == []


def test_every_clause_renders_cleanly_under_every_combination_and_position(matrix):
    problems = library_problems(LIBRARY, matrix)
    assert [str(p) for p in problems] == []


def test_the_checker_catches_what_it_is_meant_to_catch():
    broken = [s for s in read_library_files()]
    sla = next(s for s in broken if s.key == "sla")
    from dataclasses import replace

    bad = replace(sla.clauses[0], body_zh="见{{ 'implementation.migration'|ref }}。", body_en="Blank: [ ]")
    library = [replace(s, clauses=(bad, *s.clauses[1:])) if s.key == "sla" else s for s in broken]
    messages = [str(p) for p in library_problems(library, [("base", STANDARD)], positions=("buyer",))]
    assert any("sla.availability" in m and "implementation.migration" in m for m in messages), messages
    bad = replace(sla.clauses[0], body_en="Blank: [ ]")
    library = [replace(s, clauses=(bad, *s.clauses[1:])) if s.key == "sla" else s for s in broken]
    messages = [str(p) for p in library_problems(library, [("base", STANDARD)], positions=("buyer",))]
    assert any("'[ ]' left" in m for m in messages), messages


def _clause(key):
    return next(c for s in LIBRARY for c in s.clauses if c.key == key)


def test_every_clause_family_and_annex_of_the_checklist_is_present():
    sections = {s.key: s for s in LIBRARY}
    for family in (
        "definitions",
        "scope",
        "implementation",
        "term",
        "pricing",
        "sla",
        "support",
        "data",
        "ip",
        "liability",
        "exit",
        "disputes",
        "general",
    ):
        assert sections[family].kind == "article"
    for annex in (
        "annex_requirements",
        "annex_price",
        "annex_sla",
        "annex_pipl",
        "annex_migration",
        "annex_gdpr",
        "annex_escrow",
    ):
        assert sections[annex].kind == "annex"
    for key in (
        "definitions.precedence",
        "implementation.acceptance",
        "implementation.retest",
        "term.renewal",
        "term.refund",
        "pricing.adjustment",
        "sla.credits",
        "sla.chronic_failure",
        "support.backup",
        "data.breach",
        "data.pipl",
        "data.cross_border",
        "ip.indemnity",
        "liability.delay",
        "exit.export",
        "exit.deletion",
        "disputes.arbitration",
        "disputes.court",
        "general.standard_terms",
    ):
        assert _clause(key).body_zh and _clause(key).body_en, key


def test_the_chinese_is_in_contract_register_and_each_clause_has_both_languages():
    for section in LIBRARY:
        for clause in section.clauses:
            for text in (clause.body_zh, *[p.body_zh for p in clause.positions]):
                assert not re.search(r"买方|卖方|供应商应该|客户应该|你们|我们", text), clause.key
            assert clause.title_zh and clause.title_en and clause.body_zh and clause.body_en, clause.key


def test_clauses_limiting_the_buyers_liability_are_highlighted_and_named_in_the_standard_terms_notice():
    context = sample_context("standard")
    document = assemble(context, LIBRARY)
    highlighted = {c.key for s in document.sections for c in s.clauses if c.highlight}
    assert {
        "liability.cap",
        "liability.indirect",
        "pricing.late_payment",
        "implementation.cooperation",
        "term.convenience",
    } <= highlighted
    notice = _clause("general.standard_terms").body_zh
    named = set(re.findall(r"'([a-z_]+\.[a-z_]+)'\|ref", notice))
    assert named == highlighted


DEFINITION = re.compile(r"“([^”]+)”指|（“([^”]+)”）")
DEFINITION_EN = re.compile(r'"([A-Z][^"]+)" means|\(the "([A-Z][^"]+)"\)|where "([A-Z][^"]+)" means')


def test_each_defined_term_is_defined_once_and_listed_in_the_definitions_article():
    definitions = _clause("definitions.terms")
    defined_zh, defined_en = {}, {}
    for section in LIBRARY:
        for clause in section.clauses:
            for match in DEFINITION.finditer(clause.body_zh):
                term = match.group(1) or match.group(2)
                assert term not in defined_zh, f"“{term}” defined in {defined_zh.get(term)} and {clause.key}"
                defined_zh[term] = clause.key
            for match in DEFINITION_EN.finditer(clause.body_en):
                term = next(g for g in match.groups() if g)
                assert term not in defined_en, f'"{term}" defined in {defined_en.get(term)} and {clause.key}'
                defined_en[term] = clause.key
    for term in defined_zh:
        assert f"“{term}”" in definitions.body_zh, term
    for term in defined_en:
        assert f'"{term}"' in definitions.body_en, term
    assert "关联方" in defined_zh and "Affiliate" in defined_en


@pytest.mark.parametrize(
    "lowercase",
    [
        "customer data",
        "working day",
        "scheduled maintenance",
        "post-termination access period",
        "vendor platform",
        "confidential information",
    ],
)
def test_defined_terms_are_used_with_their_capitals(lowercase):
    for section in LIBRARY:
        for clause in section.clauses:
            if clause.key == "definitions.terms":
                continue  # where each term is defined in ordinary words
            for text in (clause.body_en, *[p.body_en for p in clause.positions]):
                assert lowercase not in text, clause.key


def test_usage_pricing_warns_before_the_included_units_and_before_the_estimate_run_out():
    """What the wizard asks ("usage alert at %") is what the clause binds the vendor to: both alerts."""
    document = answers_document(
        pricing={
            "pricing_model": "usage_based",
            "unit_price_per_seat_year": None,
            "usage_metric": "API调用次数",
            "included_units": 100000,
            "overage_rate": "0.05",
            "estimated_usage_fee_year": "48000",
            "spend_alert_pct": "75",
        }
    )
    contract = assemble(context_for(document), LIBRARY)
    clause = next(c for s in contract.sections for c in s.clauses if c.key == "pricing.usage_based")
    zh, en = "".join(clause.text.zh), " ".join(clause.text.en)
    assert "当年用量达到包含用量的75%时，以及当年已产生的用量费用达到预估用量费用的75%时" in zh
    assert (
        "when usage in a year reaches 75% of the included units, and again when the usage charges "
        "incurred in a year reach 75% of the estimated usage charge"
    ) in en


@pytest.mark.parametrize(
    ("hours", "counting"),
    [
        ("7x24", "All times run continuously in clock time."),
        ("5x8", "All times run only within the support hours agreed in Section"),
        ("5x8_with_p1_7x24", "Times for P1 incidents run continuously in clock time; times for other levels run only"),
    ],
)
def test_response_and_resolution_times_say_which_hours_they_count(hours, counting):
    """A 56-hour resolution time means a week or two and a half days: the contract must say which."""
    contract = assemble(context_for(answers_document(sla={"support_hours": hours})), LIBRARY)
    clause = next(c for s in contract.sections for c in s.clauses if c.key == "support.severity")
    assert counting in " ".join(clause.text.en)


BUYER_WITH_TEXT = """section: x
title: {zh: 甲, en: X}
clauses:
  - key: x.one
    title: {zh: 一, en: One}
    zh: 甲方
    en: The Customer
    positions:
      buyer:
        note: {zh: 注, en: Note}
        zh: 另一文本
        en: Another text
"""


def test_a_library_file_cannot_give_the_buyer_position_a_second_text(tmp_path):
    (tmp_path / "00-x.yaml").write_text(BUYER_WITH_TEXT, encoding="utf-8")
    with pytest.raises(ClauseTemplateError, match="x.one: the buyer position is the clause text itself"):
        read_library_files(tmp_path)


@pytest.mark.parametrize(
    "positions, field, reason",
    [
        (
            {"buyer": {"note_zh": "注", "note_en": "Note"}},
            "positions.buyer.note_zh",
            "shown only beside a balanced or vendor text",
        ),
        (
            {
                "buyer": {"note_zh": "注", "note_en": " "},
                "vendor": {"note_zh": "注", "note_en": "Note", "body_zh": "文本", "body_en": "Text"},
            },
            "positions.buyer.note_en",
            "the buyer position needs its note (en)",
        ),
        ({"seller": {"note_zh": "注"}}, "positions", "unknown position 'seller'; one of: buyer, balanced, vendor"),
    ],
)
def test_notes_on_the_buyers_text_are_checked(positions, field, reason):
    problems = clause_problems(
        title_zh="一", title_en="One", body_zh="甲方", body_en="The Customer", positions=positions
    )
    assert reason in problems[field]
