"""Reads. One function decides who may see a draft or a contract: its owner, nobody else (404)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from contracts.models import Draft, GeneratedContract


def draft_get_for_user(*, user, pk: int) -> Draft:
    return get_object_or_404(Draft, pk=pk, owner=user)


def draft_list_for_user(*, user):
    return Draft.objects.filter(owner=user).order_by("-updated_at")


def contract_get_for_user(*, user, pk: int) -> GeneratedContract:
    return get_object_or_404(GeneratedContract, pk=pk, owner=user)


def contract_list_for_user(*, user):
    """The contracts the buyer has downloaded (pre-renders wait until they are asked for)."""
    return GeneratedContract.objects.requested().filter(owner=user).select_related("draft").order_by("-created_at")
