"""The one print template: a Document as HTML in zh, en or both (side by side or paragraph by paragraph)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from itertools import zip_longest
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from contracts.clauses.assemble import DocClause, DocSection, Document
from contracts.clauses.tables import Table
from contracts.terms.bilingual import column_context
from contracts.terms.formatting import EMPTY

ITEM = re.compile(r"^(\([a-z0-9]{1,3}\)|（[一二三四五六七八九十]+）|[0-9]{1,2}[.)、]\s)")
LAYOUTS = ("columns", "paragraphs")
NUMBER_BLANK = "________"  # no number set: a line the parties fill in, never a placeholder word

LABELS = {
    "title": ("CRM软件服务采购合同", "CRM Software Service Procurement Agreement"),
    "draft": ("草案", "DRAFT"),
    "number": ("合同编号", "Contract No."),
    "drafted": ("起草日期", "Date of draft"),
    "issued": ("出具日期", "Date of issue"),
    "approved_by": ("审批人", "Approved by"),
    "approved_on": ("审批日期", "Date of approval"),
    "buyer": ("甲方（采购方）", "Party A (Customer)"),
    "vendor": ("乙方（供应商）", "Party B (Vendor)"),
    "uscc": ("统一社会信用代码", "Unified Social Credit Code"),
    "address": ("住所", "Address"),
    "representative": ("法定代表人/授权代表", "Legal / Authorised Representative"),
    "contact": ("联系人", "Contact"),
    "email": ("电子邮箱", "Email"),
    "phone": ("电话", "Telephone"),
    "country": ("国家/地区", "Country"),
    "article": ("第{n}条", "Article {n}"),
    "annex": ("附件{n}", "Annex {n}"),
    "annexes": ("附件", "Annexes"),
    "annex_list": (
        "本合同附件如下，附件为本合同不可分割的组成部分：",
        "The following Annexes form an integral part of this Agreement:",
    ),
    "contents": ("目录", "Contents"),
    "signatures": ("签署页", "Signatures"),
    "seal_buyer": ("甲方（盖章）", "Party A (Company Seal)"),
    "seal_vendor": ("乙方（盖章）", "Party B (Company Seal)"),
    "sign_buyer": ("甲方", "Party A"),
    "sign_vendor": ("乙方", "Party B"),
    "signatory_name": ("姓名", "Name"),
    "signatory_title": ("职务", "Title"),
    "sign": ("法定代表人或授权代表（签字）", "Legal or Authorised Representative (Signature)"),
    "date": ("日期", "Date"),
    "signing_place": ("签订地点", "Place of signing"),
    "no_more_text": (
        "（以下无正文，为签署页）",
        "(The remainder of this page is intentionally left blank; the signature page follows.)",
    ),
}


@dataclass(frozen=True)
class Final:
    """A final contract: no "DRAFT / 草案" marking; with an approval, who approved it and when (on the cover)."""

    approved_by: str = ""
    approved_at: datetime | None = None


def label(key: str, lang: str, **kwargs) -> str:
    zh, en = LABELS[key]
    return (zh if lang == "zh" else en).format(**kwargs)


def both(key: str, langs: tuple[str, ...], sep: str = " / ", **kwargs) -> str:
    return sep.join(label(key, lang, **kwargs) for lang in langs)


@dataclass(frozen=True)
class Column:
    lang: str
    heading: str
    title: str
    paragraphs: tuple[tuple[str, bool], ...]  # (text, is_item)
    table: Table | None

    @property
    def html_lang(self) -> str:
        return "zh-Hans" if self.lang == "zh" else "en"


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of one language, in the order the paragraph-by-paragraph layout prints them."""

    lang: str
    text: str
    is_item: bool

    @property
    def html_lang(self) -> str:
        return "zh-Hans" if self.lang == "zh" else "en"


def _heading(section: DocSection, lang: str) -> str:
    if section.kind == "preamble":
        return ""
    key = "article" if section.kind == "article" else "annex"
    return label(key, lang, n=section.number)


def _section_title(section: DocSection, lang: str) -> str:
    return section.title_zh if lang == "zh" else section.title_en


def _columns_for_clause(clause: DocClause, langs: tuple[str, ...]) -> list[Column]:
    return [
        Column(
            lang=lang,
            heading=clause.number,
            title=clause.title_zh if lang == "zh" else clause.title_en,
            paragraphs=tuple((p, bool(ITEM.match(p))) for p in clause.text.get(lang)),
            table=clause.table_zh if lang == "zh" else clause.table_en,
        )
        for lang in langs
    ]


def _interleaved(columns: list[Column]) -> list[Paragraph]:
    """Chinese paragraph, then its English counterpart, and so on; a language with more paragraphs runs on."""
    out = []
    for group in zip_longest(*(c.paragraphs for c in columns)):
        for col, para in zip(columns, group):
            if para is not None:
                out.append(Paragraph(col.lang, para[0], para[1]))
    return out


def _in_languages(columns: dict[str, dict], name: str) -> str:
    """A party's free text as each printed language's column has it (`<field>_en` in English), one line
    each; the same text once."""
    return "\n".join(dict.fromkeys(text for column in columns.values() if (text := column.get(name))))


def _party_rows(columns: dict[str, dict], langs: tuple[str, ...]) -> list[dict]:
    parties = columns[langs[0]]
    party_rows = []
    for role, prefix in (("buyer", "buyer_"), ("vendor", "vendor_")):
        rows = [
            ("uscc", parties.get(f"{prefix}uscc")),
            ("address", _in_languages(columns, f"{prefix}address")),
            ("representative", _in_languages(columns, f"{prefix}representative")),
            ("contact", _in_languages(columns, f"{prefix}contact_name")),
            ("email", parties.get(f"{prefix}contact_email")),
            ("phone", parties.get(f"{prefix}contact_phone")),
        ]
        if role == "vendor" and parties.get("vendor_is_foreign"):
            # The country by name, in each printed language (never an ISO code)
            names = {"zh": parties.get("vendor_country_zh"), "en": parties.get("vendor_country_en")}
            rows[0] = ("country", " / ".join(names[lang] for lang in langs if names[lang]))
        party_rows.append(
            {
                "role": both(role, langs),
                "name": _in_languages(columns, f"{prefix}name") or EMPTY,  # a draft's preview
                "rows": [(both(k, langs), v) for k, v in rows if v],
            }
        )
    return party_rows


def _signing_place_lines(parties: dict, langs: tuple[str, ...]) -> list[str]:
    names = {"zh": parties.get("signing_place_zh"), "en": parties.get("signing_place_name_en")}
    colon = {"zh": "：", "en": ": "}
    return [f"{label('signing_place', lang)}{colon[lang]}{names[lang]}" for lang in langs if names[lang]]


def _date_text(when: datetime | None, langs: tuple[str, ...]) -> str:
    if when is None:
        return ""
    if timezone.is_aware(when):  # the date where the buyer is (TIME_ZONE), not in UTC: 7 a.m. in Shanghai is today
        when = timezone.localtime(when)
    zh, en = f"{when.year}年{when.month}月{when.day}日", f"{when.day} {when:%B} {when.year}"
    return " / ".join(zh if lang == "zh" else en for lang in langs)


def _approval_lines(final: Final | None, langs: tuple[str, ...]) -> list[tuple[str, str]]:
    """(label, value) lines of a final contract's approval: who approved it and on what date."""
    if final is None or not final.approved_by:
        return []
    return [
        (both("approved_by", langs), final.approved_by),
        (both("approved_on", langs), _date_text(final.approved_at, langs)),
    ]


def _w3c(when: datetime | None) -> str:
    """The PDF's creation date, in UTC; a naive datetime is taken as UTC already."""
    if when is None:
        return ""
    when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def print_model(
    document: Document,
    language: str,
    *,
    layout: str = "columns",
    generated_at: datetime | None = None,
    final: Final | None = None,
) -> dict:
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}")
    langs = ("zh", "en") if language == "bilingual" else (language,)
    ctx = document.context

    def section_model(section: DocSection) -> dict:
        clauses = []
        for c in section.clauses:
            columns = _columns_for_clause(c, langs)
            clauses.append(
                {
                    "key": c.key,
                    "number": c.number,
                    "highlight": c.highlight,
                    "columns": columns,
                    "paragraphs": _interleaved(columns),
                }
            )
        return {
            "key": section.key,
            "kind": section.kind,
            "titles": [(_heading(section, lang), _section_title(section, lang)) for lang in langs],
            "toc_title": " / ".join(f"{_heading(section, lang)}　{_section_title(section, lang)}" for lang in langs),
            "clauses": clauses,
        }

    parties = ctx["parties"]
    # the parties' names, addresses and people as each printed language's column has them
    columns = {lang: column_context(ctx, lang)["parties"] for lang in langs}
    return {
        "langs": langs,
        "language": language,
        "layout": layout if len(langs) == 2 else "single",
        "html_lang": "zh-Hans" if langs[0] == "zh" else "en",
        "title": [label("title", lang) for lang in langs],
        "draft_mark": "" if final else both("draft", langs),
        "colon": "：" if langs[0] == "zh" else ": ",  # the punctuation of the first language printed
        "number_label": both("number", langs),
        "number": ctx["contract"]["number"] or NUMBER_BLANK,
        "drafted_label": both("issued" if final else "drafted", langs),
        "drafted": _date_text(generated_at, langs),
        "approval": _approval_lines(final, langs),
        "generated_at": _w3c(generated_at),
        "parties": _party_rows(columns, langs),
        "preamble": [section_model(s) for s in document.preamble],
        "articles": [section_model(s) for s in document.articles],
        "annexes": [section_model(s) for s in document.annexes],
        "contents_title": both("contents", langs),
        "annexes_title": both("annexes", langs),
        "annex_list_intro": [label("annex_list", lang) for lang in langs],
        "signatures_title": both("signatures", langs),
        "no_more_text": both("no_more_text", langs, sep=" "),
        "signature": {
            "buyer": both("seal_buyer" if parties.get("buyer_seals", True) else "sign_buyer", langs),
            "vendor": both("seal_vendor" if parties.get("vendor_seals", True) else "sign_vendor", langs),
            "buyer_seals": parties.get("buyer_seals", True),
            "vendor_seals": parties.get("vendor_seals", True),
            "sign": both("sign", langs),
            "name": both("signatory_name", langs),
            "title": both("signatory_title", langs),
            "date": both("date", langs),
            "place": both("signing_place", langs),
        },
        "buyer_name": _in_languages(columns, "buyer_name") or EMPTY,
        "vendor_name": _in_languages(columns, "vendor_name") or EMPTY,
        "signing_place": parties.get("signing_place"),
        # One line per language, each in its own language: 签订地点：上海市 / Place of signing: Shanghai
        "signing_place_lines": _signing_place_lines(parties, langs),
        "author": columns[langs[0]].get("buyer_name") or "",
    }


@lru_cache(maxsize=1)
def print_css() -> str:
    return (Path(settings.BASE_DIR) / "static" / "contract" / "print.css").read_text(encoding="utf-8")


def render_html(
    document: Document,
    language: str,
    *,
    layout: str = "columns",
    generated_at: datetime | None = None,
    final: Final | None = None,
) -> str:
    """A self-contained page: the stylesheet is inlined, so nothing needs fetching."""
    model = print_model(document, language, layout=layout, generated_at=generated_at, final=final)
    return render_to_string("contract/print.html", {"m": model, "css": print_css()})
