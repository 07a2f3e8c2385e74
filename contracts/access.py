"""Who may do what with a draft: the one place that decides it.

Today a draft has one owner, who may do everything with it; anyone else gets 404. The organisations
version (roles drafter, reviewer, approver, admin) keeps these signatures: every check goes through them.
"""

from __future__ import annotations

from enum import StrEnum

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from contracts.models import Draft


class Action(StrEnum):
    VIEW = "view"
    EDIT = "edit"
    COMMENT = "comment"
    REVIEW = "review"
    APPROVE = "approve"
    MANAGE = "manage"


def can(user, draft: Draft, action: Action) -> bool:
    return bool(user.is_authenticated) and draft.owner_id == user.pk


def draft_for(*, user, pk: int, action: Action = Action.VIEW) -> Draft:
    """The draft `pk` if `user` may do `action` with it; 404 for anyone else (nothing said of whether it exists)."""
    return get_object_or_404(Draft, pk=pk, owner=user)


def drafts_for(*, user) -> QuerySet[Draft]:
    return Draft.objects.filter(owner=user)


def approval_required(draft: Draft) -> bool:
    """Whether a final contract of this draft needs a current approval (the organisation's choice, later)."""
    return settings.APPROVAL_REQUIRED_DEFAULT


def members_with(draft: Draft, action: Action) -> QuerySet:
    return get_user_model().objects.filter(pk=draft.owner_id)
