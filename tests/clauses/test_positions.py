"""Negotiation positions: the buyer's text by default, a balanced or the vendor's text on request."""

from dataclasses import replace

import pytest

from contracts.clauses.assemble import assemble
from contracts.clauses.files import read_library_files
from contracts.clauses.positions import BUYER_NOTE, deviations, negotiable_clauses, positions_clean
from contracts.clauses.samples import context_for, patched, sample_context, sample_document

LIBRARY = read_library_files()
REQUIRED = {"sla.remedies", "liability.cap", "pricing.adjustment", "term.convenience", "exit.deletion"}


def clause_text(document, key, lang):
    return " ".join(p for s in document.sections for c in s.clauses if c.key == key for p in c.text.get(lang))


def test_the_wizard_gets_every_negotiable_clause_with_its_positions_and_notes():
    offered = {c.key: c for c in negotiable_clauses(LIBRARY)}
    assert REQUIRED <= set(offered)
    for clause in offered.values():
        assert clause.positions[:2] == ("buyer", "balanced")  # a vendor text only where a buyer may accept it
        assert all(o.note_zh and o.note_en for o in clause.options)
        # our own text says what it secures for this clause, not a generic "protects the buyer"
        assert (clause.options[0].note_zh, clause.options[0].note_en) != (BUYER_NOTE["zh"], BUYER_NOTE["en"])
    assert all(offered[key].positions == ("buyer", "balanced", "vendor") for key in REQUIRED)
    assert offered["liability.cap"].title_zh == "一般责任上限"
    assert "early-termination fee" in offered["term.convenience"].options[0].note_en
    assert "不计入上限" in offered["liability.cap"].options[0].note_zh


def test_a_clause_without_a_note_on_its_own_text_gets_the_general_one():
    clause = next(c for s in LIBRARY for c in s.clauses if c.key == "liability.cap")
    bare = replace(clause, buyer_note_zh="", buyer_note_en="")
    library = [replace(s, clauses=tuple(bare if c.key == clause.key else c for c in s.clauses)) for s in LIBRARY]
    option = next(c for c in negotiable_clauses(library) if c.key == "liability.cap").options[0]
    assert (option.note_zh, option.note_en) == (BUYER_NOTE["zh"], BUYER_NOTE["en"])


def test_the_buyer_text_is_the_default_and_a_chosen_position_is_printed_and_recorded():
    context = sample_context("standard")
    default = assemble(context, LIBRARY)
    vendor = assemble(context, LIBRARY, positions={"liability.cap": "vendor", "exit.deletion": "balanced"})
    assert (
        "以下列两项金额中的较高者为上限：（一）月服务费的12倍，即人民币60,000.00元（大写：人民币陆万元整），月服务费为人民币5,000.00元"
        in clause_text(default, "liability.cap", "zh")
    )
    assert "前十二个月内甲方实际已向乙方支付的服务费为上限" in clause_text(vendor, "liability.cap", "zh")
    assert "twelve months preceding the event" in clause_text(vendor, "liability.cap", "en")
    assert "backup rotation" in clause_text(vendor, "exit.deletion", "en")
    assert default.positions == {}
    assert vendor.positions == {"liability.cap": "vendor", "exit.deletion": "balanced"}
    highlighted = [c for s in vendor.sections for c in s.clauses if c.key == "liability.cap"][0]
    assert highlighted.highlight and highlighted.position == "vendor"


def test_a_position_the_clause_does_not_offer_falls_back_to_the_buyer_text():
    context = sample_context("standard")
    document = assemble(context, LIBRARY, positions={"general.publicity": "vendor", "liability.cap": "nonsense"})
    assert document.positions == {}
    assert positions_clean({"general.publicity": "vendor", "liability.cap": "balanced", "x": 3}, LIBRARY) == {
        "liability.cap": "balanced"
    }


def test_deviations_list_what_the_buyer_gave_away_in_print_order():
    found = deviations({"exit.deletion": "vendor", "sla.remedies": "balanced", "term.convenience": "buyer"}, LIBRARY)
    assert [(d.key, d.position) for d in found] == [("sla.remedies", "balanced"), ("exit.deletion", "vendor")]
    assert "删除证明" in found[1].note_zh and "certificate" in found[1].note_en
    assert found[0].title_en == "Credits and Other Remedies"


@pytest.mark.parametrize("position", ["balanced", "vendor"])
def test_alternative_texts_use_the_same_figures_in_both_languages(position):
    context = sample_context("standard")
    document = assemble(context, LIBRARY, positions={key: position for key in REQUIRED})
    assert "30日" in clause_text(document, "term.convenience", "zh")
    assert "30 days" in clause_text(document, "term.convenience", "en")
    assert "60日" in clause_text(document, "exit.deletion", "zh")
    assert "60 days" in clause_text(document, "exit.deletion", "en")


@pytest.mark.parametrize("position", ["buyer", "balanced", "vendor"])
@pytest.mark.parametrize("exclusive", [False, True])
def test_the_sla_annex_never_restates_the_remedies_clause_against_its_chosen_text(position, exclusive):
    # The annex once printed "credits are not the Customer's exclusive remedy" from the answer while a
    # vendor text of sla.remedies made them the sole monetary remedy: one contract, two rules.
    context = context_for(patched(sample_document("standard"), {"sla": {"credits_exclusive_remedy": exclusive}}))
    document = assemble(context, LIBRARY, positions={"sla.remedies": position})
    annex_en, annex_zh = (
        clause_text(document, "annex_sla.credits", "en"),
        clause_text(document, "annex_sla.credits", "zh"),
    )
    number = next(c.number for s in document.sections for c in s.clauses if c.key == "sla.remedies")
    assert f"How service credits relate to the Customer's other remedies is governed by Section {number}." in annex_en
    assert "exclusive remedy" not in annex_en and "sole remedy" not in annex_en
    assert "唯一救济" not in annex_zh and f"第{number}条" in annex_zh
    remedies = clause_text(document, "sla.remedies", "en")
    assert ("sole" in remedies) == (position == "vendor" or (position == "buyer" and exclusive))
