"""Which PIPL mechanism a transfer of personal information out of mainland China needs, and which required
certifications the vendor has still to obtain."""

from __future__ import annotations

from datetime import date

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


# An MLPS filing at one level meets a requirement at that level or below (等级保护: level 3 ⊃ level 2).
MLPS_LEVELS = {"mlps_level2": 2, "mlps_level3": 3}


def _meets(held: str, required: str) -> bool:
    if held in MLPS_LEVELS and required in MLPS_LEVELS:
        return MLPS_LEVELS[held] >= MLPS_LEVELS[required]
    return held == required


def certifications_to_obtain(required: tuple[str, ...] | None, held: tuple[str, ...] | None) -> tuple[str, ...]:
    """The required certifications the vendor does not hold when signing, in the order required."""
    return tuple(r for r in required or () if not any(_meets(h, r) for h in held or ()))


def certifications_warranted(held: tuple[str, ...] | None, to_obtain: tuple[str, ...]) -> tuple[str, ...]:
    """What the vendor warrants it holds: its certifications less an MLPS level below one it must still
    obtain, which beside the duty to reach the higher level would read as accepting the lower one."""
    pending = [MLPS_LEVELS[c] for c in to_obtain if c in MLPS_LEVELS]
    return tuple(h for h in held or () if not (h in MLPS_LEVELS and pending and MLPS_LEVELS[h] < max(pending)))


def certification_due(
    deadline: date | None, *, has_implementation: bool | None, go_live_date: date | None, start_date: date | None
) -> date | None:
    """The date a missing certification must be obtained by: the answer, else go-live (the start of the
    service when there is no implementation project)."""
    if deadline is not None:
        return deadline
    return go_live_date if has_implementation else start_date


def effective_gdpr_transfer(data_location: str | None, transfer_answer: object) -> bool:
    """GDPR data leaves the EU/EEA: stored outside the EU, or accessed from abroad (the buyer says so)."""
    stored_outside_eu = data_location is not None and data_location not in ("", "eu")
    return stored_outside_eu or transfer_answer is True


def adequacy_excluded(data_location: str | None, *, vendor_is_foreign: bool | None, vendor_country: str | None) -> bool:
    """Whether the GDPR data goes to mainland China, for which the Commission has made no adequacy
    decision (GDPR art. 45): stored there, or held by a Chinese vendor."""
    chinese_vendor = vendor_is_foreign is not True and (vendor_country or "CN").upper() == "CN"
    return data_location == "mainland_cn" or chinese_vendor
