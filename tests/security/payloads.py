"""What an attacker (or a careless paste) types into the wizard, and where the wizard takes free text."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from django import forms

from contracts.wizard.steps import STEPS
from tests.factories import answers_document

PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "attribute_break": '"><img src=x onerror=alert(1)>',
    "style_break": "</style><style>body{display:none}",
    "css_url": "url(http://169.254.169.254/)",
    "settings": "{{ settings.SECRET_KEY }}",
    "template_tag": "{% debug %}",
    "arithmetic": "{{7*7}}",
    "right_to_left": "\u05e9\u05dc\u05d5\u05dd \u200fCRM\u200e 2027",  # Hebrew with direction marks
    "rare_cjk_emoji": "㐀 䶮 𠀀 😀👍🏽",
}
# Free text whose value the wizard checks against a format (a credit code, a country code): a payload
# there is refused at the field, which tests/security/test_payloads.py checks separately.
FORMATTED = {
    ("parties", "buyer_uscc"),
    ("parties", "vendor_uscc"),
    ("parties", "vendor_country"),
    ("data", "eu_affiliates.country"),
}
# A name the contract prints as English: Chinese characters there are refused at the field
# (tests/test_bilingual_wizard.py), so the payloads go there without them.
ENGLISH_ONLY = {("parties", "signing_place_en")}
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")


def for_field(value: str, field: TextField) -> str:
    """A payload as a field takes it: cut to its length, without Chinese where only English is taken."""
    if (field.step, field.name) in ENGLISH_ONLY:
        value = CJK.sub("", value)
    return fitted(value, field)


# Answers under which every conditional free-text field is asked: a foreign vendor under a foreign law,
# arbitration before a commission the buyer names, and module prices (or usage charges).
SHOW_EVERYTHING = {
    "parties": {
        "vendor_is_foreign": True,
        "vendor_uscc": "",
        "vendor_country": "US",
        "contract_language": "bilingual",  # the place of signing is asked in both languages
        "prevailing_language": "zh",
    },
    "data": {
        "gdpr_applies": True,
        "gdpr_transfer_mechanism": "scc_module_2",
        "eu_affiliates": [{"name": "CRM Buyer GmbH", "country": "DE"}],
    },
    "legal": {
        "escrow": "saas_continuity",  # the escrow agent is named
        "forum": "arbitration",
        "arbitration_commission": "other",
        "arbitration_language": "en",
        "arbitration_commission_other": "Hong Kong International Arbitration Centre",
        "arbitration_seat": "Hong Kong",
        "governing_law": "other",
        "governing_law_other": "the laws of England and Wales",
        "court_place": None,
    },
}
PER_MODULE = {"pricing_model": "per_module", "unit_price_per_seat_year": None}
USAGE_BASED = {
    "pricing_model": "usage_based",
    "unit_price_per_seat_year": None,
    "usage_metric": "API calls",
    "included_units": 1000,
    "overage_rate": "2",
    "estimated_usage_fee_year": "8000",
    "spend_alert_pct": "80",
}


@dataclass(frozen=True)
class TextField:
    step: str
    name: str  # "field", or "list.cell" for a cell of a list row
    max_length: int

    @property
    def list_name(self) -> str | None:
        return self.name.split(".")[0] if "." in self.name else None

    @property
    def cell(self) -> str:
        return self.name.split(".")[-1]

    def __str__(self) -> str:
        return f"{self.step}.{self.name}"


def _is_free_text(field) -> bool:
    return type(field) is forms.CharField  # not an e-mail, choice or number field


def text_fields() -> list[TextField]:
    """Every free-text field of the wizard: step fields and the text cells of list rows."""
    found = []
    for step in STEPS:
        for name, field in step.form_class().fields.items():
            if _is_free_text(field) and (step.key, name) not in FORMATTED:
                found.append(TextField(step.key, name, field.max_length))
        for spec in step.lists:
            for name, field in spec.formset_class(prefix=spec.name).empty_form.fields.items():
                if _is_free_text(field) and (step.key, f"{spec.name}.{name}") not in FORMATTED:
                    found.append(TextField(step.key, f"{spec.name}.{name}", field.max_length))
    return found


def fitted(value: str, field: TextField) -> str:
    return value[: field.max_length]


def answers_with(values: dict[TextField, str], *, pricing: dict = USAGE_BASED) -> dict:
    """A complete answers document in which every field of `values` holds its value (first list row)."""
    document = copy.deepcopy(answers_document())
    for step, changes in SHOW_EVERYTHING.items():
        document[step] |= copy.deepcopy(changes)  # the fixture rows are shared: never write into them
    document["pricing"] |= pricing
    document["pricing"]["module_prices"] = [{"module": "Contacts", "quantity": 50, "unit_price_year": "1200"}]
    document["pricing"]["usage_addons"] = [{"name": "SMS", "estimated_fee_year": "2000", "alert_pct": "80"}]
    for field, value in values.items():
        if field.list_name:
            rows = document[field.step].setdefault(field.list_name, [])
            rows[0] = {**rows[0], field.cell: value}
        else:
            document[field.step][field.name] = value
    return document


# --- what the hardening probe sent (issue 20), kept as fixtures -------------------------------------------

# Dates the wizard accepted and the term arithmetic then overflowed on ("year 10000 is out of range").
FAR_DATES = ["9999-06-01", "9999-12-31", "2101-01-01", "1999-12-31", "0001-01-01"]
# Half of a UTF-16 pair, as a JSON escape writes it: stored, it broke every page and file of the draft.
LONE_SURROGATE = "\ud800abc"
LONE_SURROGATE_JSON = b'"\\ud800abc"'
# 10^5 levels of nesting: the JSON parser's recursion gave a 500.
DEEP_JSON = b'{"parties": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
# Values of the wrong JSON type that an import coerced silently: [50] read as 50, an object as its
# repr, a list of strings where rows belong read as no rows.
WRONG_TYPES = {
    "scope": {"seat_count": [50]},
    "parties": {"buyer_name": {"name": "上海某某贸易有限公司"}},
    "implementation": {"milestones": ["Kick-off", "Go-live"]},
    "term": {"auto_renew": "false"},
    "data": {"export_formats": "csv"},
}
# `positions` stored verbatim: unknown keys, markup, and 15,000 entries.
BAD_POSITIONS = {
    "<script>alert(1)</script>": "vendor",
    **{f"clause_{n}": "vendor" for n in range(15_000)},
}
# Draft titles: NUL, ESC, a right-to-left override, a lone CR (it reached the .ics file raw), a lone surrogate.
BAD_TITLES = ["CRM\x002027", "CRM\x1b[31m2027", "Invoice \u202egnp.exe", "CRM\rSUMMARY:x", "CRM \ud800"]
# Comparison CSV cells a spreadsheet would run as formulas.
FORMULA_TITLES = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]
# Sign-up: a password of spaces only, and a user name mixing Cyrillic а (U+0430) into Latin letters.
SPACES_PASSWORD = " " * 12
MIXED_SCRIPT_NAME = "\u0430lice"


# Clause texts the probe saved in the admin ------------------------------------------------------
@dataclass(frozen=True)
class ClausePayload:
    text: str
    reason: str  # what the refusal says (English)
    expensive: bool = True  # whether rendering it (were it stored anyway) crosses the render budget


def _nested_loops(depth: int, over: str, body: str = "x") -> str:
    return "".join(f"{{% for v{i} in '{over}' %}}" for i in range(depth)) + body + "{% endfor %}" * depth


# Each is refused on save (the admin's form and the library import); the expensive ones stay bounded when
# one reaches rendering anyway (stored before the limits, or written into the database by hand).
CLAUSE_PAYLOADS = {
    "repeat_ten_million": ClausePayload("{{ 'a' * 10000000 }}", "a clause text may build at most 100,000"),
    "repeat_a_repeat": ClausePayload("{% set a='a'*1000000 %}{% set b=a*2000 %}", "1,000,000 characters"),
    "hidden_nested_loops": ClausePayload(
        "{% if parties.buyer_name == 'X' %}" + _nested_loops(3, "x" * 1000) + "{% endif %}",
        "a clause text may loop at most 10,000 times",
    ),
    "doubling_by_concat": ClausePayload(
        "{% set a = 'xxxxxxxxxx' %}" + "{% set a = a ~ a %}" * 20 + "{{ a }}", "a clause text may build at most"
    ),
    "lists_of_lists": ClausePayload(
        "{% set a = 'x' * 1000 %}{% set b = [a,a,a,a,a,a,a,a,a,a] %}{% set c = [b,b,b,b,b,b,b,b,b,b] %}"
        "{% set d = [c,c,c,c,c,c,c,c,c,c] %}{{ d|upper }}",
        "a clause text may build at most",
    ),
    "join_separator": ClausePayload("{{ ['a', 'b', 'c']|join('x' * 60000) }}", "a clause text may build at most"),
    "printf_width": ClausePayload("{% set f = '%99999999d' %}{{ f % 1 }}", "string formatting"),
    "printed_in_a_loop": ClausePayload(
        _nested_loops(2, "x" * 99, "{{ '" + "y" * 20 + "' }}"), "a clause text may print at most 100,000"
    ),
    "huge_number": ClausePayload(
        "{% set n = 99999999999999999999 %}" + "{% set n = n * n %}" * 8 + "{{ n }}", "more than 1,233 digits"
    ),
    "repeated_by_an_answer": ClausePayload(
        "{{ '-' * scope.seat_count }}", "repeated only a fixed number of times", expensive=False
    ),
    "loops_four_deep": ClausePayload(_nested_loops(4, "ab"), "loops nest more than 3 deep", expensive=False),
    "brackets_deep": ClausePayload("{{ " + "(" * 300 + "1" + ")" * 300 + " }}", "nest more than", expensive=False),
    "ifs_deep": ClausePayload("{% if true %}" * 60 + "x" + "{% endif %}" * 60, "nest more than", expensive=False),
    "very_long_text": ClausePayload("x" * 20_001, "a clause text may be at most 20,000", expensive=False),
    # evaluation errors that gave a 500 on save
    "divide_by_zero": ClausePayload("{{ 1/0 }}", "division by zero", expensive=False),
    "round_precision": ClausePayload("{{ 1.5|round(100000000) }}", "round takes a precision", expensive=False),
    "round_to_huge_tens": ClausePayload("{{ 15|round(-100000000) }}", "round takes a precision", expensive=False),
    "text_plus_number": ClausePayload("{{ 'a' + 1 }}", "can only concatenate str", expensive=False),
    "divisible_by_zero": ClausePayload("{{ 5 is divisibleby 0 }}", "modulo by zero", expensive=False),
}
