"""Free text of a bilingual contract in both languages: what each column prints, what the wizard warns
about and what the risk review flags (consistency.bilingual_text_missing)."""

import copy

from contracts.terms import build_terms, hints_for, risk_review, terms_context
from contracts.terms.bilingual import column_context
from contracts.terms.places import place_names
from tests.terms.sample_answers import complete_answers

RULE = "consistency.bilingual_text_missing"


def answers(**changes) -> dict:
    typed = complete_answers()  # bilingual, every free text given in English too
    for step, fields in changes.items():
        typed[step] = {**typed[step], **copy.deepcopy(fields)}
    return typed


def chinese_only_requirement(typed: dict) -> dict:
    rows = [dict(r) for r in typed["scope"]["requirements"]]
    rows[1] = rows[1] | {"text_en": "", "acceptance_test_en": ""}
    return {"requirements": rows}


def findings(typed: dict) -> dict:
    return {f.rule: f for f in risk_review(build_terms(typed)).findings}


def test_the_english_column_prints_the_english_and_the_chinese_column_the_chinese():
    context = terms_context(build_terms(answers()))
    en, zh = column_context(context, "en"), column_context(context, "zh")
    assert en["scope"]["requirements"][0]["text"] == "Sales staff can record customer visits on their phones."
    assert zh["scope"]["requirements"][0]["text"] == "销售人员可在手机端录入拜访记录。"
    assert [m["name"] for m in en["pricing"]["milestone_payments"]][0] == "Requirements confirmed"
    assert en["scope"]["edition"] == "Enterprise Edition"


def test_a_text_given_in_chinese_only_is_marked_in_the_english_column_and_flagged():
    typed = answers()
    typed["scope"] |= chinese_only_requirement(typed)
    en = column_context(terms_context(build_terms(typed)), "en")
    assert en["scope"]["requirements"][1]["text"] == "按区域统计商机漏斗。 (given in Chinese only)"
    finding = findings(typed)[RULE]
    assert finding.step == "scope" and finding.field == "requirements"
    assert finding.problem.en.startswith(
        "2 free texts of the bilingual contract are given in one language only: \u201c按区域统计商机漏斗\u201d, "
    )
    assert finding.clauses == ("general.language",)
    assert finding.severity == "medium"  # Chinese prevails: the governing text is complete
    hint = hints_for("scope", typed["scope"], typed)["requirements"]
    assert "row 2 lacks the other language" in hint.en


def test_missing_english_is_graver_when_english_prevails():
    typed = answers(parties={"prevailing_language": "en"})
    typed["scope"] |= chinese_only_requirement(typed)
    assert findings(typed)[RULE].severity == "high"


def test_no_finding_when_every_text_is_in_both_languages_or_the_contract_has_one_language():
    assert RULE not in findings(answers())
    single = answers(parties={"contract_language": "zh", "prevailing_language": None})
    single["scope"] |= chinese_only_requirement(single)
    assert RULE not in findings(single)
    assert "requirements" not in hints_for("scope", single["scope"], single)


def test_a_single_language_contract_prints_the_answer_as_typed():
    typed = answers(parties={"contract_language": "zh", "prevailing_language": None})
    en = column_context(terms_context(build_terms(typed)), "en")
    assert en["scope"]["requirements"][0]["text"] == "销售人员可在手机端录入拜访记录。"


def test_the_seat_of_arbitration_is_named_in_each_language_from_the_catalogue():
    legal = {"forum": "arbitration", "arbitration_commission": "CIETAC", "arbitration_seat": "北京"}
    for language in ("en", "bilingual"):
        context = terms_context(build_terms(answers(parties={"contract_language": language}, legal=legal)))
        assert column_context(context, "en")["legal"]["arbitration_seat"] == "Beijing"
        assert column_context(context, "zh")["legal"]["arbitration_seat"] == "北京市"
    assert place_names("London") == ("伦敦", "London")
    assert place_names("香港") == ("香港", "Hong Kong")


def test_a_seat_outside_the_catalogue_needs_its_english():
    legal = {"forum": "arbitration", "arbitration_commission": "CIETAC", "arbitration_seat": "珠海横琴"}
    typed = answers(legal=legal)
    assert findings(typed)[RULE].field == "arbitration_seat"
    typed["legal"]["arbitration_seat_en"] = "Hengqin, Zhuhai"
    assert RULE not in findings(typed)
    en = column_context(terms_context(build_terms(typed)), "en")
    assert en["legal"]["arbitration_seat"] == "Hengqin, Zhuhai"


def test_the_risk_review_names_a_certification_as_the_contract_does():
    typed = answers(
        parties={"vendor_certifications": ["iso27001"]},
        data={"security_certifications_required": ["iso27001", "soc2"]},
    )
    finding = findings(typed)["consistency.certification_not_held"]
    assert "SOC 2 Type II" in finding.problem.en and "soc2" not in finding.problem.en
