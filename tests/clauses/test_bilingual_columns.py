"""Each column speaks its own language: under every answer combination of the matrix, in every language
and layout, no Chinese character in an English part and no untranslated English word in a Chinese part,
outside the text the buyer typed itself (names, addresses, milestone names …), which prints as typed."""

import re

import pytest

from contracts.clauses.assemble import assemble
from contracts.clauses.checks import with_positions
from contracts.clauses.files import read_library_files
from contracts.clauses.matrix import answer_matrix
from contracts.clauses.samples import context_for, patched, sample_document
from contracts.rendering.html import LAYOUTS, print_model
from tests.factories import answers_document

LIBRARY = read_library_files()
CJK = re.compile(r"[\u3400-\u9fff]")
WORD = re.compile(r"[A-Za-z]{4,}")
# Names and standards a Chinese legal text writes in Latin letters.
KEPT_IN_LATIN = {"GDPR", "SaaS", "JSON", "CIETAC", "SHIAC", "SCIA"}


def typed_strings(value) -> list[str]:
    """Every string the buyer typed in an answers document, longest first."""
    found = []
    if isinstance(value, dict):
        for item in value.values():
            found += typed_strings(item)
    elif isinstance(value, list):
        for item in value:
            found += typed_strings(item)
    elif isinstance(value, str) and value.strip():
        found.append(value.strip())
    return sorted(set(found), key=len, reverse=True)


def without(text: str, typed: list[str]) -> str:
    for t in typed:
        text = text.replace(t, " ")
    return text


def foreign_language_in(lang: str, text: str) -> list[str]:
    if lang == "en":
        return CJK.findall(text)
    return [w for w in WORD.findall(text) if w not in KEPT_IN_LATIN]


@pytest.fixture(scope="module")
def documents():
    """Every matrix document in every position: each negotiable clause's balanced and vendor texts too."""
    found = []
    for label, doc in answer_matrix(answers_document(), LIBRARY):
        context = context_for(doc)
        for position in ("buyer", "balanced", "vendor"):
            found.append((f"{label}, {position}", doc, assemble(context, LIBRARY, with_positions(LIBRARY, position))))
    return found


@pytest.mark.parametrize("layout", LAYOUTS)
def test_no_column_carries_the_other_language(documents, layout):
    wrong = []
    for label, doc, contract in documents:
        typed = typed_strings(doc)
        model = print_model(contract, contract.context["contract"]["language"] or "zh", layout=layout)
        for section in model["preamble"] + model["articles"] + model["annexes"]:
            for clause in section["clauses"]:
                for para in clause["paragraphs"]:
                    if found := foreign_language_in(para.lang, without(para.text, typed)):
                        wrong.append((label, clause["key"], para.lang, found[:3]))
                for column in clause["columns"]:
                    if found := foreign_language_in(column.lang, without(column.title, typed)):
                        wrong.append((label, clause["key"], column.lang, found[:3]))
        for line in model["signing_place_lines"]:
            lang = "zh" if line.startswith("签订地点") else "en"
            if found := foreign_language_in(lang, without(line, typed)):
                wrong.append((label, "signing place", lang, found))
    assert wrong == []


def test_a_place_typed_in_chinese_only_is_marked_not_passed_off_in_english():
    doc = patched(sample_document("standard"), {"parties": {"signing_place": "上海市浦东新区", "signing_place_en": ""}})
    contract = assemble(context_for(doc), LIBRARY)
    lines = print_model(contract, "bilingual")["signing_place_lines"]
    assert lines[1] == "Place of signing: 上海市浦东新区 (name given in Chinese only)"
