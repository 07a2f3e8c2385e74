"""Reads. Who may see a draft or a contract is decided in contracts/access.py; these lists go through it."""

from __future__ import annotations

from dataclasses import dataclass

from contracts import access, services
from contracts.clauses.snapshot import library_snapshot, library_versions
from contracts.insights import draft_insights
from contracts.models import ApprovalRequest, Comment, Draft, Vendor
from contracts.questions.display import answers_changes, page_language
from contracts.questions.steps import BY_KEY, pending_steps
from contracts.terms.checks import check_answers
from contracts.terms.comparison import Offer, offer_labels
from contracts.terms.schema import STEP_KEYS
from contracts.terms.vendors import Stability, vendor_stability


def draft_list_in(*, user, organisation):
    """The drafts of one of the user's organisations (none of one they are not a member of)."""
    return (
        access.drafts_for(user=user).filter(organisation=organisation).select_related("owner").order_by("-updated_at")
    )


def contract_list_in(*, user, organisation):
    """The contracts the organisation's members have downloaded (pre-renders wait until they are asked for)."""
    return (
        access.contracts_for(user=user)
        .requested()
        .filter(organisation=organisation)
        .select_related("draft")
        .order_by("-created_at")
    )


# Drafts -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DraftRow:
    """A draft in the list with what stands between it and a contract: answers to correct (once it has
    reached the review; before, unanswered steps are simply next) and steps holding changes not saved."""

    draft: Draft
    problem_count: int
    unfinished: list

    @classmethod
    def of(cls, draft: Draft) -> DraftRow:
        reviewed = draft.step_reached >= len(STEP_KEYS)
        return cls(
            draft,
            len(check_answers(draft.answers)[1]) if reviewed else 0,
            pending_steps(draft),
        )


def draft_rows_in(*, user, organisation) -> list[DraftRow]:
    return [DraftRow.of(draft) for draft in draft_list_in(user=user, organisation=organisation)]


# Vendors and offers -----------------------------------------------------------------------------


def vendor_list():
    return Vendor.objects.all()


def vendor_answers(vendor: Vendor) -> dict:
    """The parties step's vendor fields as the vendor library knows them; blanks are left out, so they
    never replace what the buyer typed."""
    fields = {
        "vendor_name": vendor.name,
        "vendor_name_en": vendor.name_en,
        "vendor_is_foreign": vendor.is_foreign,
        "vendor_uscc": vendor.uscc,
        "vendor_country": vendor.country,
        "vendor_address": vendor.address,
        "vendor_address_en": vendor.address_en,
        "vendor_representative": vendor.representative,
        "vendor_contact_name": vendor.contact_name,
        "vendor_contact_email": vendor.contact_email,
        "vendor_contact_phone": vendor.contact_phone,
        "vendor_years_in_business": vendor.years_in_business,
        "vendor_customer_count": vendor.customer_count,
        "vendor_certifications": vendor.certifications,
    }
    return {name: value for name, value in fields.items() if value not in (None, "")}


def vendor_answers_get(*, vendor_id: str) -> dict:
    """The vendor fields of the vendor `vendor_id` (as a query string gives it); nothing for an unknown one."""
    vendor = Vendor.objects.filter(pk=vendor_id).first() if vendor_id.isdigit() else None
    return {} if vendor is None else vendor_answers(vendor)


def vendor_stability_of(vendor: Vendor) -> Stability:
    return vendor_stability(
        years_in_business=vendor.years_in_business,
        customer_count=vendor.customer_count,
        certifications=vendor.certifications,
        references_count=len(vendor.reference_list),
        financial_notes=vendor.financial_notes,
    )


def offers_of(*, drafts: list[Draft]) -> list[Offer]:
    """The buyer's drafts as vendor offers to compare, each with its vendor's stability when the vendor
    library knows the vendor, headed by their titles (numbered where two share one)."""
    labels = offer_labels([(d.title, d.pk) for d in drafts])
    offers = []
    for draft, label in zip(drafts, labels, strict=True):
        terms = draft_insights(draft.answers, library=[]).terms
        name = terms.parties.vendor_name
        vendor = Vendor.objects.filter(name=name).first() if name else None
        offers.append(Offer(label=label, terms=terms, stability=vendor_stability_of(vendor) if vendor else None))
    return offers


# Comments ---------------------------------------------------------------------------------------


def clause_labels() -> dict[str, str]:
    """Each clause of the current library by the article it sits in and its title, in the page's language."""
    lang = page_language()
    labels = {}
    for section in library_snapshot():
        section_title = section.title_zh if lang == "zh" else section.title_en
        for clause in section.clauses:
            title = (clause.title_zh if lang == "zh" else clause.title_en) or clause.key
            labels[clause.key] = f"{section_title} · {title}"
    return labels


@dataclass(frozen=True)
class Thread:
    """A comment with its replies, oldest first, and what it is about as the buyer reads it."""

    comment: Comment
    replies: list[Comment]
    about: str

    @property
    def is_open(self) -> bool:
        return self.comment.resolved_at is None


def comment_threads(*, draft: Draft, step: str = "", clause: str = "", open_only: bool = False) -> list[Thread]:
    """The draft's comment threads, oldest first: all, or those on one step or one clause; open ones only."""
    comments = draft.comments.select_related("author", "resolved_by").order_by("created_at", "pk")
    if step:
        comments = comments.filter(step=step)
    if clause:
        comments = comments.filter(clause=clause)
    replies: dict[int, list[Comment]] = {}
    threads = []
    for comment in comments:
        if comment.parent_id:
            replies.setdefault(comment.parent_id, []).append(comment)
        elif not (open_only and comment.resolved_at):
            threads.append(comment)
    clauses = clause_labels() if any(c.clause for c in threads) else {}
    return [Thread(c, replies.get(c.pk, []), _comment_about(c, clauses)) for c in threads]


def _comment_about(comment: Comment, clauses: dict[str, str]) -> str:
    if comment.step:
        step = BY_KEY.get(comment.step)
        return str(step.title) if step else comment.step
    return clauses.get(comment.clause, comment.clause)


def open_comment_counts(*, draft: Draft) -> dict[str, int]:
    """Open threads per step key (and per clause key), for the review page's table."""
    counts: dict[str, int] = {}
    for thread in draft.comments.filter(parent=None, resolved_at=None).values_list("step", "clause"):
        key = thread[0] or thread[1]
        counts[key] = counts.get(key, 0) + 1
    return counts


# Review and approval ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ApprovalState:
    """Where the draft stands in review and approval, and what changed since its last approval."""

    pending: ApprovalRequest | None
    last_decision: ApprovalRequest | None
    last_approval: ApprovalRequest | None
    current: bool  # the last approval still holds: nothing it approved has changed
    changes: list[dict]  # the answers changed since the last approval, as the history shows them
    clause_changes: list[dict]  # {"label", "before", "after"}: clause versions changed since
    content_hash: str  # of the draft as shown: what an approval from this page approves
    required: bool  # whether the final contract needs an approval

    @property
    def void(self) -> bool:
        return self.last_approval is not None and not self.current


def approval_state(*, draft: Draft) -> ApprovalState:
    requests = list(draft.approvals.select_related("requested_by", "decided_by").order_by("-requested_at", "-pk"))
    pending = next((r for r in requests if r.status == ApprovalRequest.Status.PENDING), None)
    decided = sorted((r for r in requests if r.decided_at), key=lambda r: r.decided_at, reverse=True)
    last_approval = next((r for r in decided if r.status == ApprovalRequest.Status.APPROVED), None)
    content_hash = services.draft_content_hash(draft=draft)
    changes, clause_changes = [], []
    if last_approval is not None and last_approval.content_hash != content_hash:
        changes = answers_changes(last_approval.answers, draft.answers)
        now = library_versions()
        labels = clause_labels()
        for key in sorted(set(now) | set(last_approval.clause_versions), key=lambda k: labels.get(k, k)):
            before, after = last_approval.clause_versions.get(key), now.get(key)
            if before != after:
                clause_changes.append({"label": labels.get(key, key), "before": before, "after": after})
    return ApprovalState(
        pending=pending,
        last_decision=decided[0] if decided else None,
        last_approval=last_approval,
        current=last_approval is not None and last_approval.content_hash == content_hash,
        changes=changes,
        clause_changes=clause_changes,
        content_hash=content_hash,
        required=access.approval_required(draft),
    )
