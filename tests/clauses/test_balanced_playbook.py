"""A balanced playbook (issue 18): what a vendor's lawyer strikes at once has a balanced text, and one
whole-contract stance sets every negotiable clause; the contract, the deviations and the risk review follow."""

import pytest

from contracts.clauses.assemble import assemble
from contracts.clauses.files import read_library_files
from contracts.clauses.positions import (
    deviations,
    negotiable_clauses,
    position_problems,
    positions_clean,
    positions_stored,
)
from contracts.clauses.samples import context_for, patched, sample_context, sample_document
from contracts.terms import build_terms
from contracts.terms.risk import risk_review
from contracts.wizard.steps import partial_typed_answers

LIBRARY = read_library_files()
STRUCK = {  # what the vendor's lawyer struck, and the clause that says it
    "term.termination": "the vendor may never suspend the Service",
    "scope.modules": "whichever is more favourable to the buyer (functions)",
    "sla.calculation": "whichever is more favourable to the buyer (monitoring)",
    "support.severity": "the buyer alone sets severity",
    "term.refund": "unaccepted one-time fees refunded on termination for convenience",
    "general.amendments": "bid promises survive the entire-agreement clause",
    "annex_escrow.release": "escrow released on a service-level breach",
    "implementation.cooperation": "no customer duties",
}
ESCROW = {"legal": {"escrow": "saas_continuity"}}


def text(document, key, lang):
    return " ".join(p for s in document.sections for c in s.clauses if c.key == key for p in c.text.get(lang))


def whole(document, lang):
    return " ".join(p for s in document.sections for c in s.clauses for p in c.text.get(lang))


@pytest.fixture(scope="module")
def contracts():
    context = context_for(patched(sample_document("standard"), ESCROW))
    return assemble(context, LIBRARY), assemble(context, LIBRARY, {"stance": "balanced"})


def test_at_least_twenty_clauses_are_negotiable_and_each_struck_clause_has_a_balanced_text():
    offered = {c.key: c for c in negotiable_clauses(LIBRARY)}
    assert len(offered) >= 20
    for key in STRUCK:
        assert "balanced" in offered[key].positions, key


def test_the_balanced_stance_prints_every_balanced_text_and_no_tie_breaker_for_the_buyer(contracts):
    buyer, balanced = contracts
    assert buyer.positions == {}
    assert balanced.positions == {c.key: "balanced" for c in negotiable_clauses(LIBRARY)}
    assert "more favourable to the Customer" in whole(buyer, "en") and "更有利" in whole(buyer, "zh")
    assert "more favourable to the Customer" not in whole(balanced, "en")
    assert "更有利" not in whole(balanced, "zh") and "对甲方有利者为准" not in whole(balanced, "zh")


def test_the_balanced_texts_concede_what_the_vendor_struck(contracts):
    buyer, balanced = contracts
    # a narrow suspension right for a security emergency, with notice
    assert "亦无权暂停本服务" in text(buyer, "term.termination", "zh")
    termination = text(balanced, "term.termination", "en")
    assert "may suspend the affected accounts or functions" in termination
    assert "notify the Customer in writing before the suspension" in termination
    assert "乙方可以暂停受影响的账户或功能" in text(balanced, "term.termination", "zh")
    # severity: the vendor may propose another level
    assert "propose another level with written reasons" in text(balanced, "support.severity", "en")
    # bid promises bind only as far as the contract sets them out
    assert "remains binding on the Vendor" in text(buyer, "general.amendments", "en")
    assert "bind the Vendor only to the extent set out in this Agreement" in text(balanced, "general.amendments", "en")
    assert "仅在本合同（包括其附件）已载明的范围内" in text(balanced, "general.amendments", "zh")
    # escrow: no release on a service-level breach
    assert "服务水平义务" in text(buyer, "annex_escrow.release", "zh")
    assert "服务水平义务" not in text(balanced, "annex_escrow.release", "zh")
    assert "service level obligations" not in text(balanced, "annex_escrow.release", "en")
    # customer duties: acceptable use and the buyer's responsibility for its own data
    cooperation = text(balanced, "implementation.cooperation", "en")
    assert "do not attempt to gain unauthorised access to the Service" in cooperation
    assert "responsible for the lawfulness of the Customer Data" in cooperation
    assert "对甲方及用户上传至本服务的客户数据的合法性负责" in text(balanced, "implementation.cooperation", "zh")
    assert "lawfulness" not in text(buyer, "implementation.cooperation", "en")


def test_the_security_suspension_cites_the_clauses_it_overrides_as_this_contract_numbers_them(contracts):
    _buyer, balanced = contracts
    numbers = {c.key: c.number for s in balanced.sections for c in s.clauses}
    termination = text(balanced, "term.termination", "zh")
    for key in ("sla.exclusions", "pricing.late_payment", "disputes.negotiation"):
        assert f"第{numbers[key]}条" in termination


def test_unaccepted_one_time_fees_are_paid_for_by_completion_on_a_termination_for_convenience():
    context = context_for(patched(sample_document("standard"), {"term": {"buyer_convenience_termination": True}}))
    document = assemble(context, LIBRARY, {"stance": "balanced"})
    number = next(c.number for s in document.sections for c in s.clauses if c.key == "term.convenience")
    refund = text(document, "term.refund", "en")
    assert f"on a termination under Section {number}, work the Vendor has performed" in refund
    assert "paid for in proportion to its completion" in refund
    assert "按其完成比例计费" in text(document, "term.refund", "zh")
    assert "in proportion to its completion" not in text(assemble(context, LIBRARY), "term.refund", "en")


def test_a_single_clause_can_be_set_back_after_the_stance():
    context = sample_context("standard")
    chosen = {"stance": "balanced", "general.amendments": "buyer", "term.termination": "vendor"}
    document = assemble(context, LIBRARY, chosen)
    assert document.positions["term.termination"] == "vendor"
    assert "general.amendments" not in document.positions
    assert document.positions["sla.calculation"] == "balanced"
    assert "remains binding on the Vendor" in text(document, "general.amendments", "en")
    assert "unlawful activities" in text(document, "term.termination", "en")


def test_the_deviation_list_and_the_risk_review_follow_the_stance():
    found = deviations({"stance": "balanced"}, LIBRARY)
    assert {d.key for d in found} == {c.key for c in negotiable_clauses(LIBRARY)}
    assert all(d.position == "balanced" and d.note_en for d in found)
    back = deviations({"stance": "balanced", "sla.remedies": "buyer"}, LIBRARY)
    assert "sla.remedies" not in {d.key for d in back} and len(back) == len(found) - 1
    terms = build_terms(partial_typed_answers(sample_document("standard")))
    review = risk_review(terms, deviations=found, deviations_checked=len(found))
    flagged = {f.rule for f in review.findings if f.group == "deviations"}
    assert {f"deviation.{key}" for key in STRUCK} <= flagged


def test_the_stance_is_stored_once_and_checked_on_import():
    assert positions_stored({"stance": "balanced", "sla.remedies": "balanced", "liability.cap": "buyer"}, LIBRARY) == {
        "stance": "balanced",
        "liability.cap": "buyer",
    }
    assert positions_stored({"stance": "buyer", "liability.cap": "buyer"}, LIBRARY) == {}
    assert positions_stored({"liability.cap": "vendor"}, LIBRARY, stance="balanced") == {
        "stance": "balanced",
        "liability.cap": "vendor",
    }
    assert position_problems({"stance": "balanced", "liability.cap": "buyer"}, LIBRARY) == []
    assert [key for key, _ in position_problems({"stance": "vendor"}, LIBRARY)] == ["stance"]
    assert positions_clean({"stance": "nonsense"}, LIBRARY) == {}


@pytest.mark.parametrize("position", ["balanced", "vendor"])
def test_a_narrower_audit_never_limits_the_audits_gdpr_requires(position):
    gdpr = {"data": {"gdpr_applies": True, "gdpr_transfer_mechanism": "scc_module_2"}}
    document = assemble(context_for(patched(sample_document("standard"), gdpr)), LIBRARY, {"data.audit": position})
    assert (
        'does not limit the audits, including inspections, that the Customer may conduct under the Annex "Data Processing Agreement (GDPR)"'
        in text(document, "data.audit", "en")
    )
    assert "本条不限制甲方依照附件《数据处理协议（GDPR）》进行审计（包括检查）的权利" in text(
        document, "data.audit", "zh"
    )
    without = assemble(sample_context("standard"), LIBRARY, {"data.audit": position})
    assert "GDPR" not in text(without, "data.audit", "en")
