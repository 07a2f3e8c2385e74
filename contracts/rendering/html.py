"""The one print template: a Document as HTML in zh, en or both side by side."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from contracts.clauses.assemble import DocClause, DocSection, Document
from contracts.clauses.tables import Table

ITEM = re.compile(r"^(\([a-z0-9]{1,3}\)|（[一二三四五六七八九十]+）|[0-9]{1,2}[.)、]\s)")

LABELS = {
    "title": ("CRM软件服务采购合同", "CRM Software Service Procurement Agreement"),
    "draft": ("草案", "DRAFT"),
    "number": ("合同编号", "Contract No."),
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
    "signatures": ("签署页", "Signatures"),
    "seal_buyer": ("甲方（盖章）", "Party A (Company Seal)"),
    "seal_vendor": ("乙方（盖章）", "Party B (Company Seal)"),
    "sign": ("法定代表人或授权代表（签字）", "Legal or Authorised Representative (Signature)"),
    "date": ("日期", "Date"),
    "signing_place": ("签订地点", "Place of signing"),
    "no_more_text": ("（以下无正文）", "(The remainder of this page is intentionally left blank.)"),
}


def label(key: str, lang: str, **kwargs) -> str:
    zh, en = LABELS[key]
    return (zh if lang == "zh" else en).format(**kwargs)


@dataclass(frozen=True)
class Column:
    lang: str
    heading: str
    title: str
    paragraphs: tuple[tuple[str, bool], ...]  # (text, is_item)
    table: Table | None


def _heading(section: DocSection, lang: str) -> str:
    if section.kind == "preamble":
        return ""
    key = "article" if section.kind == "article" else "annex"
    return label(key, lang, n=section.number)


def _columns_for_clause(clause: DocClause, langs: tuple[str, ...]) -> list[Column]:
    return [
        Column(
            lang=lang, heading=clause.number,
            title=clause.title_zh if lang == "zh" else clause.title_en,
            paragraphs=tuple((p, bool(ITEM.match(p))) for p in clause.text.get(lang)),
            table=clause.table_zh if lang == "zh" else clause.table_en,
        )
        for lang in langs
    ]


def print_model(document: Document, language: str) -> dict:
    langs = ("zh", "en") if language == "bilingual" else (language,)
    ctx = document.context

    def section_model(section: DocSection) -> dict:
        return {
            "key": section.key, "kind": section.kind,
            "titles": [(_heading(section, lang), section.title_zh if lang == "zh" else section.title_en)
                       for lang in langs],
            "clauses": [{"key": c.key, "highlight": c.highlight, "columns": _columns_for_clause(c, langs)}
                        for c in section.clauses],
        }

    parties = ctx["parties"]
    party_rows = []
    for role, prefix in (("buyer", "buyer_"), ("vendor", "vendor_")):
        rows = [("uscc", parties.get(f"{prefix}uscc")), ("address", parties.get(f"{prefix}address")),
                ("representative", parties.get(f"{prefix}representative")),
                ("contact", parties.get(f"{prefix}contact_name")), ("email", parties.get(f"{prefix}contact_email")),
                ("phone", parties.get(f"{prefix}contact_phone"))]
        if role == "vendor" and parties.get("vendor_is_foreign"):
            rows[0] = ("country", parties.get("vendor_country"))
        party_rows.append({
            "role": [label(role, lang) for lang in langs],
            "name": parties.get(f"{prefix}name"),
            "rows": [([label(k, lang) for lang in langs], v) for k, v in rows if v],
        })

    return {
        "langs": langs,
        "language": language,
        "html_lang": "zh-Hans" if langs[0] == "zh" else "en",
        "title": [label("title", lang) for lang in langs],
        "draft_mark": " / ".join(label("draft", lang) for lang in langs),
        "number_label": " / ".join(label("number", lang) for lang in langs),
        "number": ctx["contract"]["number"],
        "parties": party_rows,
        "preamble": [section_model(s) for s in document.preamble],
        "articles": [section_model(s) for s in document.articles],
        "annexes": [section_model(s) for s in document.annexes],
        "annexes_title": " / ".join(label("annexes", lang) for lang in langs),
        "no_more_text": [label("no_more_text", lang) for lang in langs],
        "signature": {
            "buyer": [label("seal_buyer", lang) for lang in langs],
            "vendor": [label("seal_vendor", lang) for lang in langs],
            "sign": [label("sign", lang) for lang in langs],
            "date": [label("date", lang) for lang in langs],
            "place": [label("signing_place", lang) for lang in langs],
        },
        "buyer_name": parties.get("buyer_name"),
        "vendor_name": parties.get("vendor_name"),
        "signing_place": parties.get("signing_place"),
        "page_label": {"zh": "第 {p} 页 / 共 {n} 页", "en": "Page {p} of {n}"},
    }


@lru_cache(maxsize=1)
def print_css() -> str:
    return (Path(settings.BASE_DIR) / "static" / "contract" / "print.css").read_text(encoding="utf-8")


def render_html(document: Document, language: str) -> str:
    """A self-contained page: the stylesheet is inlined, so nothing needs fetching."""
    return render_to_string("contract/print.html", {"m": print_model(document, language), "css": print_css()})
