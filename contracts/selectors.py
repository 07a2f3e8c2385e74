"""Reads. Who may see a draft or a contract is decided in contracts/access.py; these lists go through it."""

from __future__ import annotations

from dataclasses import dataclass

from contracts import access
from contracts.models import Draft, Vendor
from contracts.terms.checks import check_answers
from contracts.terms.comparison import Offer, offer_labels
from contracts.terms.schema import STEP_KEYS
from contracts.terms.vendors import Stability, vendor_stability
from contracts.wizard.insights import draft_insights
from contracts.wizard.steps import pending_steps


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
