"""Who may do what: the one place that decides access to drafts, contracts and render jobs.

A draft belongs to an organisation; its members see it (404 for anyone else: a draft's existence is not
revealed), and a member's role decides what else they may do with it (403 with the reason when it does not
allow the action). The matrix (ROLE_ACTIONS) is the organisation's rule book; tests/test_access.py checks
every URL against it."""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from contracts.models import Draft, GeneratedContract, Membership, Organisation, RenderJob


class Action(StrEnum):
    VIEW = "view"
    EDIT = "edit"
    COMMENT = "comment"
    REVIEW = "review"
    APPROVE = "approve"
    MANAGE = "manage"  # members, roles and the organisation's settings


Role = Membership.Role
_EVERY_MEMBER = frozenset(Role)
ROLE_ACTIONS: dict[Action, frozenset[str]] = {
    Action.VIEW: _EVERY_MEMBER,
    Action.COMMENT: _EVERY_MEMBER,
    Action.EDIT: frozenset({Role.DRAFTER, Role.ADMIN}),
    Action.REVIEW: frozenset({Role.REVIEWER, Role.ADMIN}),
    Action.APPROVE: frozenset({Role.APPROVER, Role.ADMIN}),
    Action.MANAGE: frozenset({Role.ADMIN}),
}


def role_allows(role: str | None, action: Action) -> bool:
    return role in ROLE_ACTIONS[action]


def role_of(user, organisation: Organisation | int) -> str | None:
    """The user's role in the organisation; None for someone who is not a member (or not signed in)."""
    if not user.is_authenticated:
        return None
    organisation_id = organisation.pk if isinstance(organisation, Organisation) else organisation
    return Membership.objects.filter(user=user, organisation_id=organisation_id).values_list("role", flat=True).first()


def can(user, draft: Draft, action: Action) -> bool:
    return role_allows(role_of(user, draft.organisation_id), action)


def organisation_can(user, organisation: Organisation, action: Action) -> bool:
    return role_allows(role_of(user, organisation), action)


def refusal(action: Action) -> str:
    """Why a member may not: the roles that may, in words."""
    return {
        Action.VIEW: _("Only members of this organisation can see this."),
        Action.COMMENT: _("Only members of this organisation can comment."),
        Action.EDIT: _("Only drafters and organisation admins can change drafts. Your role lets you read them."),
        Action.REVIEW: _("Only reviewers and organisation admins can review drafts."),
        Action.APPROVE: _("Only approvers and organisation admins can approve drafts."),
        Action.MANAGE: _("Only organisation admins can manage members, roles and the organisation's settings."),
    }[action]


def require(user, organisation: Organisation | int, action: Action) -> str:
    """The user's role when it allows the action; 404 for a non-member, 403 (with the reason) for a member whose
    role does not."""
    role = role_of(user, organisation)
    if role is None:
        raise Http404
    if not role_allows(role, action):
        raise PermissionDenied(refusal(action))
    return role


def organisations_of(user) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user)


def draft_for(*, user, pk: int, action: Action = Action.VIEW) -> Draft:
    draft = get_object_or_404(drafts_for(user=user).select_related("organisation"), pk=pk)
    require(user, draft.organisation_id, action)
    return draft


def drafts_for(*, user) -> QuerySet[Draft]:
    return Draft.objects.filter(organisation__in=organisations_of(user))


def contract_for(*, user, pk: int) -> GeneratedContract:
    """A contract of one of the user's organisations (kept when its draft is deleted); 404 otherwise."""
    return get_object_or_404(contracts_for(user=user), pk=pk)


def contracts_for(*, user) -> QuerySet[GeneratedContract]:
    return GeneratedContract.objects.filter(organisation__in=organisations_of(user))


def render_job_for(*, user, pk: int) -> RenderJob:
    return get_object_or_404(RenderJob.objects.filter(draft__organisation__in=organisations_of(user)), pk=pk)


def approval_required(draft: Draft) -> bool:
    return draft.organisation.approval_required


def members_with(draft: Draft, action: Action):
    return get_user_model().objects.filter(
        memberships__organisation_id=draft.organisation_id, memberships__role__in=ROLE_ACTIONS[action]
    )
