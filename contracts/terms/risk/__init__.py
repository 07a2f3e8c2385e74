"""The pre-signing risk review (签约前风险审查): rules that read the Terms and report findings.

`risk_review(terms, deviations=...)` runs every rule in RULES and returns a RiskReview. Each finding
has a stable rule id ("sla.target_low"), a severity (high / medium / low), what is wrong, why it
matters and what to change — each a Text in Chinese and English, because the review PDF follows the
contract's language — its risk group, and the wizard step and field (answers.md names) to fix.

The rules cover the "risk review" section of shared/domain/contract-checklist.md, grouped under the
brief's four risks (functional mismatch, vendor stability, data migration, legal compliance) plus
SLA, price, term, liability and exit, one module per group, and the consistency between answers, in
four modules (contacts and data, project dates, money and escrow terms, places). A rule whose answer is missing stays
silent unless the missing answer is itself the risk (no migration owner, no export format …):
completeness is the wizard's job.

Judgment calls, documented where they are made:
- functional: module coverage is the keyword heuristic of coverage.py;
- vendor: "young or small" is fewer than 3 years or fewer than 50 customers (vendors.py);
- price: our contract makes one-time fees payable after final acceptance, or per accepted
  milestone; the risk is milestones due before go-live that add up to 100 %, leaving nothing for
  final acceptance; recurring fees start at final acceptance by default (pricing.fees_start), and a
  start at go-live, while the buyer is still testing, is the finding;
- liability: delay damages are a % of the total contract value; a total cap above 30 % of it is
  treated as "excessive" under Civil Code 585 (damages more than 30 % above the loss a delay
  usually causes are generally reduced on request), so the buyer cannot count on the excess.
Some rules cannot fire with the wizard's ranges (e.g. a liability cap under 12 months); they still
run, because answers also come from imports and older drafts.
"""

# The group modules register their rules on import; this order is the order of the report.
from . import functional, vendor, migration, compliance, sla, price, term, liability, exit  # noqa: F401, I001
from . import consistency, consistency_project, consistency_terms, consistency_places  # noqa: F401, I001
from . import language  # noqa: F401, I001
from .review import (
    GROUPS,
    NOT_JUDGED,
    SEVERITY_REASONS,
    CheckedGroup,
    Citation,
    RULES,
    SEVERITIES,
    Finding,
    FindingGroup,
    Issue,
    RiskReview,
    Rule,
    deviation_finding,
    risk_review,
)

RULE_IDS: tuple[str, ...] = tuple(r.id for r in RULES)

__all__ = [
    "CheckedGroup",
    "Citation",
    "NOT_JUDGED",
    "SEVERITY_REASONS",
    "Finding",
    "FindingGroup",
    "GROUPS",
    "Issue",
    "RULES",
    "RULE_IDS",
    "RiskReview",
    "Rule",
    "SEVERITIES",
    "deviation_finding",
    "risk_review",
]
