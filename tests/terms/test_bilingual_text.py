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


# The parties, and Chinese in an English contract (issue 17) ---------------------------------------

CHINESE_IN_ENGLISH = "consistency.chinese_in_english_contract"


def test_a_party_given_in_chinese_only_is_marked_in_the_english_column_and_flagged():
    typed = answers(parties={"vendor_name_en": "", "vendor_name": "杭州某某云软件有限公司"})
    en = column_context(terms_context(build_terms(typed)), "en")
    assert en["parties"]["vendor_name"] == "杭州某某云软件有限公司 (given in Chinese only)"
    assert en["parties"]["buyer_name"] == "Shanghai Example Trading Co., Ltd."
    finding = findings(typed)[RULE]
    assert (finding.step, finding.field) == ("parties", "vendor_name")
    assert "\u201c杭州某某云软件有限公司\u201d" in finding.problem.en
    assert "give the English too" in hints_for("parties", typed["parties"], typed)["vendor_name"].en


def english_contract(**parties) -> dict:
    """An English contract with its parties and place in English, every other free text too."""
    typed = answers()
    english = {
        name[:-3]: value
        for name, value in typed["parties"].items()
        if name.endswith("_en") and name != "signing_place_en"
    }
    typed["parties"] |= english | {"contract_language": "en", "prevailing_language": None, "signing_place": "Shanghai"}
    for step in ("scope", "implementation", "pricing", "data", "legal"):
        section = typed[step]
        for name, value in list(section.items()):
            if f"{name}_en" in section and section[f"{name}_en"]:
                section[name] = section[f"{name}_en"]
            elif isinstance(value, (list, tuple)) and value and isinstance(value[0], dict):
                section[name] = [
                    row | {k: row[f"{k}_en"] for k in row if row.get(f"{k}_en") and not k.endswith("_en")}
                    for row in value
                ]
    typed["parties"] |= parties
    return typed


def test_chinese_typed_into_an_english_contract_is_flagged_by_field_with_a_fix_link():
    assert CHINESE_IN_ENGLISH not in findings(english_contract())
    typed = english_contract(vendor_address="浙江省杭州市西湖区文三路90号")
    finding = findings(typed)[CHINESE_IN_ENGLISH]
    assert (finding.step, finding.field) == ("parties", "vendor_address")
    assert finding.severity == "medium"
    assert "parties.vendor_address" in finding.problem.en and "parties.vendor_address" in finding.problem.zh
    assert (
        "English contract: this contains Chinese" in hints_for("parties", typed["parties"], typed)["vendor_address"].en
    )
    rows = [dict(r) for r in typed["scope"]["requirements"]]
    rows[1]["text"] = "按区域统计商机漏斗。"
    typed["scope"]["requirements"] = rows
    finding = findings(typed)[CHINESE_IN_ENGLISH]
    assert "scope.requirements[2].text" in finding.problem.en
    assert "row 2 contains Chinese" in hints_for("scope", typed["scope"], typed)["requirements"].en


def test_chinese_is_not_flagged_in_a_chinese_or_bilingual_contract_nor_a_city_the_catalogue_knows():
    assert CHINESE_IN_ENGLISH not in findings(answers())
    assert CHINESE_IN_ENGLISH not in findings(answers(parties={"contract_language": "zh", "prevailing_language": None}))
    assert CHINESE_IN_ENGLISH not in findings(english_contract(signing_place="上海"))
    assert CHINESE_IN_ENGLISH in findings(english_contract(signing_place="上海市浦东新区"))
