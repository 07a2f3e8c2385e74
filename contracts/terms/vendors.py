"""Vendor stability (供应商稳定性), one of the four pre-signing risks of the brief.

Levels and thresholds (judgment calls, shown to the buyer as such):
- weak: in business for fewer than 3 years, or fewer than 50 customers. Such a vendor needs escrow
  or SaaS-continuity terms; the risk review flags it when there are none.
- strong: at least 5 years, at least 200 customers, at least one security certification
  (ISO 27001, MLPS level 3 / 等保三级 or SOC 2), and — when references were asked for — at least 3.
- adequate: neither weak nor strong.
- unknown: neither the years in business nor the customer count is known.
A missing figure never makes a vendor strong. Financial notes are free text: they are listed with
the reasons for the buyer to weigh, not scored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .model import Terms
from .text import Text, num_text

LEVELS = ("strong", "adequate", "weak", "unknown")
LEVEL_LABELS: dict[str, Text] = {
    "strong": Text("稳定性强", "Strong"),
    "adequate": Text("稳定性一般", "Adequate"),
    "weak": Text("稳定性弱", "Weak"),
    "unknown": Text("稳定性未知", "Unknown"),
}
LEVEL_RANK = {"strong": 3, "adequate": 2, "weak": 1, "unknown": 0}  # higher is better

WEAK_YEARS = 3  # younger than this is weak
WEAK_CUSTOMERS = 50  # fewer customers than this is weak
STRONG_YEARS = 5
STRONG_CUSTOMERS = 200
STRONG_REFERENCES = 3
SECURITY_CERTIFICATIONS = ("iso27001", "mlps_level3", "soc2")
CERTIFICATION_LABELS: dict[str, Text] = {
    "iso27001": Text("ISO/IEC 27001", "ISO/IEC 27001"),
    "iso27701": Text("ISO/IEC 27701", "ISO/IEC 27701"),
    "mlps_level2": Text("等保二级", "MLPS level 2"),
    "mlps_level3": Text("等保三级", "MLPS level 3"),
    "soc2": Text("SOC 2 Type II", "SOC 2 Type II"),
}


@dataclass(frozen=True)
class Stability:
    """The assessed level and every fact that led to it."""

    level: str
    reasons: tuple[Text, ...]

    @property
    def label(self) -> Text:
        return LEVEL_LABELS[self.level]

    @property
    def rank(self) -> int:
        return LEVEL_RANK[self.level]

    def as_dict(self) -> dict:
        return {
            "level": self.level,
            "label": self.label.as_dict(),
            "reasons": [reason.as_dict() for reason in self.reasons],
        }


def is_young_or_small(years_in_business: int | None, customer_count: int | None) -> bool:
    """The weak-vendor test the risk review also applies (known figures only)."""
    return (years_in_business is not None and years_in_business < WEAK_YEARS) or (
        customer_count is not None and customer_count < WEAK_CUSTOMERS
    )


def vendor_stability(
    *,
    years_in_business: int | None,
    customer_count: int | None,
    certifications: Iterable[str] | None,
    references_count: int | None = None,
    financial_notes: str = "",
) -> Stability:
    """The vendor's stability level with its reasons (thresholds in the module docstring)."""
    certs = tuple(certifications or ())
    reasons = [
        _years_reason(years_in_business),
        _customers_reason(customer_count),
        _certifications_reason(certs),
    ]
    if references_count is not None:
        reasons.append(_references_reason(references_count))
    if financial_notes.strip():
        notes = financial_notes.strip()
        reasons.append(Text(f"财务情况：{notes}", f"Financial notes: {notes}"))
    level = _level(years_in_business, customer_count, certs, references_count)
    return Stability(level=level, reasons=tuple(reasons))


def terms_vendor_stability(
    terms: Terms, *, references_count: int | None = None, financial_notes: str = ""
) -> Stability:
    """vendor_stability from the facts the parties step records."""
    parties = terms.parties
    return vendor_stability(
        years_in_business=parties.vendor_years_in_business,
        customer_count=parties.vendor_customer_count,
        certifications=parties.vendor_certifications,
        references_count=references_count,
        financial_notes=financial_notes,
    )


def _level(years: int | None, customers: int | None, certs: tuple[str, ...], references: int | None) -> str:
    if years is None and customers is None:
        return "unknown"
    if is_young_or_small(years, customers):
        return "weak"
    strong = (
        years is not None
        and years >= STRONG_YEARS
        and customers is not None
        and customers >= STRONG_CUSTOMERS
        and any(cert in SECURITY_CERTIFICATIONS for cert in certs)
        and (references is None or references >= STRONG_REFERENCES)
    )
    return "strong" if strong else "adequate"


def _years_reason(years: int | None) -> Text:
    if years is None:
        return Text("未提供成立年限。", "Years in business not given.")
    if years < WEAK_YEARS:
        return Text(
            f"成立仅{years}年（不足{WEAK_YEARS}年），经营的持续性尚未经过检验。",
            f"In business for only {years} years (under {WEAK_YEARS}): its staying power is untested.",
        )
    return Text(f"成立{years}年。", f"In business for {years} years.")


def _customers_reason(customers: int | None) -> Text:
    if customers is None:
        return Text("未提供客户数量。", "Number of customers not given.")
    if customers < WEAK_CUSTOMERS:
        return Text(
            f"客户仅{customers}家（不足{WEAK_CUSTOMERS}家），收入基础较窄。",
            f"Only {customers} customers (under {WEAK_CUSTOMERS}): a narrow revenue base.",
        )
    return Text(f"客户{num_text(customers)}家。", f"{num_text(customers)} customers.")


def _certifications_reason(certs: tuple[str, ...]) -> Text:
    if not certs:
        return Text("未提供任何安全或合规认证。", "No security or compliance certification given.")
    zh = "、".join(CERTIFICATION_LABELS.get(c, Text(c, c)).zh for c in certs)
    en = ", ".join(CERTIFICATION_LABELS.get(c, Text(c, c)).en for c in certs)
    if not any(cert in SECURITY_CERTIFICATIONS for cert in certs):
        return Text(
            f"认证：{zh}；无ISO/IEC 27001、等保三级或SOC 2 Type II认证。",
            f"Certifications: {en}; none of ISO/IEC 27001, MLPS level 3 or SOC 2 Type II.",
        )
    return Text(f"认证：{zh}。", f"Certifications: {en}.")


def _references_reason(references: int) -> Text:
    if references == 0:
        return Text(
            f"未提供客户推荐（建议至少{STRONG_REFERENCES}家）。",
            f"No customer references (at least {STRONG_REFERENCES} recommended).",
        )
    if references < STRONG_REFERENCES:
        return Text(
            f"仅提供{references}家客户推荐（少于{STRONG_REFERENCES}家）。",
            f"Only {references} customer references (fewer than {STRONG_REFERENCES}).",
        )
    return Text(f"提供{references}家客户推荐。", f"{references} customer references.")
