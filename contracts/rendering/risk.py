"""The pre-signing risk review as a PDF for the buyer's own file (never part of the contract)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.template.loader import render_to_string
from django.utils import translation

from contracts.rendering.html import NUMBER_BLANK, print_css
from contracts.rendering.pdf import html_to_pdf
from contracts.terms.risk import SEVERITIES, RiskReview
from contracts.terms.text import Text

LABELS = {
    "title": Text("签约前风险审查", "Pre-signing Risk Review"),
    "internal": Text("甲方内部文件，请勿提供给供应商", "For the buyer's own file — do not send to the vendor"),
    "number": Text("合同编号", "Contract No."),
    "draft": Text("草稿", "Draft"),
    "verdict": Text("结论", "Verdict"),
    "problem": Text("问题", "What is wrong"),
    "why": Text("为何重要", "Why it matters"),
    "change": Text("建议修改", "What to change"),
    "where": Text("修改位置", "Where to change it"),
    "none": Text(
        "以下各项检查未发现问题；这不表示合同可以签署。",
        "The checks listed below found nothing; this does not mean the contract is ready to sign.",
    ),
    "clause": Text("所涉条款", "Clause"),
    "rule": Text("规则", "Rule"),
    "severity_reason": Text("风险等级理由", "Why this severity"),
    "checked": Text("本审查检查了什么", "What this review checked"),
    "rules_count": Text("{n}项规则", "{n} rules"),
    "deviations_count": Text("{n}个可谈判条款", "{n} negotiable clauses"),
    "not_judged": Text("本审查无法判断的事项", "What this review cannot judge"),
    "fix": Text("修改链接", "Fix it"),
    "positions": Text("谈判立场页面", "The negotiation positions page"),
    "high": Text("高", "High"),
    "medium": Text("中", "Medium"),
    "low": Text("低", "Low"),
}


def render_risk_html(
    review: RiskReview,
    *,
    language: str,
    number: str,
    title: str,
    place_name: Callable[[str, str], str],
    generated_at: datetime | None = None,
    fix_url: Callable[[str, str], str] | None = None,
) -> str:
    """The review as HTML for the PDF; `place_name(step, field)` names a field as the wizard does, in the
    active language, and `fix_url(step, field)` gives each finding a link to its field."""
    langs = ("zh", "en") if language == "bilingual" else (language,)

    def pick(text: Text) -> list[str]:
        return [text.in_language(lang) for lang in langs]

    def place(step: str, field: str) -> list[str]:  # the step and field as the wizard names them
        if not step:  # a deviation from our standard text: the buyer changes it where it chose it
            return pick(LABELS["positions"])
        names = []
        for lang in langs:
            with translation.override("zh-hans" if lang == "zh" else "en"):
                names.append(place_name(step, field))
        return names

    groups = [
        {
            "label": pick(group.label),
            "findings": [
                {
                    "severity": f.severity,
                    "severity_label": pick(LABELS[f.severity]),
                    "problem": pick(f.problem),
                    "why": pick(f.why),
                    "change": pick(f.change),
                    "where": place(f.step, f.field),
                    "rule": f.rule,
                    "clause": f.cited,
                    "severity_reason": pick(f.severity_reason),
                    "fix_url": fix_url(f.step, f.field) if fix_url and f.step else "",
                }
                for f in group.findings
            ],
        }
        for group in review.groups
    ]
    return render_to_string(
        "contract/risk_review.html",
        {
            "langs": langs,
            "html_lang": "zh-Hans" if langs[0] == "zh" else "en",
            "labels": {key: pick(text) for key, text in LABELS.items()},
            "verdict": pick(review.verdict),
            "counts": [(pick(LABELS[s]), review.counts[s], s) for s in SEVERITIES],
            "groups": groups,
            "checked": [
                (
                    pick(c.label),
                    [
                        t.format(n=c.rules)
                        for t in pick(LABELS["deviations_count" if c.group == "deviations" else "rules_count"])
                    ],
                )
                for c in review.checked
            ],
            "not_judged": [pick(text) for text in review.not_judged],
            "number": number or NUMBER_BLANK,
            "title": title,
            "css": print_css(),
            "colon": "：" if langs == ("zh",) else ": ",
            "internal_header": " / ".join(pick(LABELS["internal"])),  # joined here: `join` would HTML-escape it
            "generated": generated_at.date().isoformat() if generated_at else "",
            "generated_iso": generated_at.replace(microsecond=0).isoformat() if generated_at else "",
        },
    )


def render_risk_pdf(
    review: RiskReview,
    *,
    language: str,
    number: str,
    title: str,
    place_name: Callable[[str, str], str],
    generated_at: datetime | None = None,
    fix_url: Callable[[str, str], str] | None = None,
) -> bytes:
    return html_to_pdf(
        render_risk_html(
            review,
            language=language,
            number=number,
            title=title,
            place_name=place_name,
            generated_at=generated_at,
            fix_url=fix_url,
        )
    )
