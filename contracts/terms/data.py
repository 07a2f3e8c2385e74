"""Which PIPL mechanism a transfer of personal information out of mainland China needs."""

from __future__ import annotations

PIPL_ROUTES = ("none", "cac_assessment", "standard_contract", "exempt")

CAC_NON_SENSITIVE_THRESHOLD = 1_000_000
CAC_SENSITIVE_THRESHOLD = 10_000
STANDARD_CONTRACT_NON_SENSITIVE_THRESHOLD = 100_000


def effective_cross_border(data_location: str | None, cross_border_answer: object) -> bool:
    """Data stored outside mainland China, or accessed from abroad (the buyer says so)."""
    stored_abroad = data_location is not None and data_location not in ("", "mainland_cn")
    return stored_abroad or cross_border_answer is True


def pipl_route(
    *,
    cross_border: bool,
    cn_individuals_per_year: int | None,
    cn_sensitive_per_year: int | None,
    is_ciio: bool | None,
) -> str:
    """none, cac_assessment, standard_contract or exempt (PIPL 38, CAC 2024 provisions)."""
    if not cross_border:
        return "none"
    individuals = cn_individuals_per_year or 0
    sensitive = cn_sensitive_per_year or 0
    if is_ciio or individuals >= CAC_NON_SENSITIVE_THRESHOLD or sensitive >= CAC_SENSITIVE_THRESHOLD:
        return "cac_assessment"
    if individuals >= STANDARD_CONTRACT_NON_SENSITIVE_THRESHOLD or sensitive >= 1:
        return "standard_contract"
    return "exempt"


def effective_gdpr_transfer(data_location: str | None, transfer_answer: object) -> bool:
    """GDPR data leaves the EU/EEA: stored outside the EU, or accessed from abroad (the buyer says so)."""
    stored_outside_eu = data_location is not None and data_location not in ("", "eu")
    return stored_outside_eu or transfer_answer is True
