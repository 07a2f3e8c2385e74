"""Vendor stability: the thresholds a buyer is told about, and the reasons it is shown."""

import pytest

from contracts.terms import build_terms, terms_vendor_stability, vendor_stability
from tests.terms.sample_answers import complete_answers


def assess(years=8, customers=1200, certifications=("iso27001",), **more):
    return vendor_stability(years_in_business=years, customer_count=customers, certifications=certifications, **more)


@pytest.mark.parametrize(
    "years, customers, level",
    [
        (2, 1200, "weak"),  # younger than 3 years
        (3, 1200, "adequate"),  # not weak at 3 years, but strong needs 5
        (3, 199, "adequate"),
        (8, 49, "weak"),  # fewer than 50 customers
        (8, 50, "adequate"),
        (4, 500, "adequate"),  # under 5 years cannot be strong
        (5, 200, "strong"),
        (None, None, "unknown"),
        (None, 800, "adequate"),  # a missing figure never makes a vendor strong
        (1, None, "weak"),
    ],
)
def test_levels_at_the_thresholds(years, customers, level):
    assert assess(years, customers).level == level


def test_strong_needs_a_security_certification():
    assert assess(certifications=()).level == "adequate"
    assert assess(certifications=("mlps_level2", "iso27701")).level == "adequate"
    assert assess(certifications=("soc2",)).level == "strong"
    assert assess(certifications=("mlps_level3",)).level == "strong"


def test_few_references_keep_a_vendor_from_strong():
    assert assess(references_count=2).level == "adequate"
    assert assess(references_count=3).level == "strong"
    stability = assess(references_count=2)
    assert any("2 customer references" in reason.en for reason in stability.reasons)


def test_reasons_say_why_in_both_languages():
    stability = assess(years=2, customers=30, certifications=())
    assert stability.level == "weak"
    assert stability.label.zh == "稳定性弱" and stability.label.en == "Weak"
    text_en = " ".join(r.en for r in stability.reasons)
    text_zh = "".join(r.zh for r in stability.reasons)
    assert "only 2 years" in text_en and "Only 30 customers" in text_en
    assert "No security or compliance certification" in text_en
    assert "成立仅2年" in text_zh and "客户仅30家" in text_zh


def test_financial_notes_are_listed_not_scored():
    stability = assess(financial_notes="2025年营收增长20%，无重大诉讼")
    assert stability.level == "strong"
    assert stability.reasons[-1].zh == "财务情况：2025年营收增长20%，无重大诉讼"
    assert stability.reasons[-1].en.startswith("Financial notes: ")


def test_assessment_from_the_parties_step():
    answers = complete_answers()
    assert terms_vendor_stability(build_terms(answers)).level == "strong"  # 8 years, 1,200, ISO
    answers["parties"]["vendor_years_in_business"] = 1
    stability = terms_vendor_stability(build_terms(answers))
    assert stability.level == "weak"
    assert stability.as_dict()["level"] == "weak"
