"""E-mail notices of review and approval: the approvers learn that a draft waits for them, the sender learns
the decision. Tasks of the task worker (`db_worker`), so that a slow or failing mail server delays no page
and a restart loses no notice; each in both languages (contracts/mails.py)."""

from __future__ import annotations

import logging

from django.core.mail import send_mass_mail
from django.utils import translation
from django_tasks import task

from contracts.access import Action, members_with
from contracts.mails import in_every_language
from contracts.models import ApprovalRequest

logger = logging.getLogger(__name__)


@task()
def approval_requested(request_id: int, review_url: str, language: str) -> int:
    """Mail every approver of the draft's organisation (not the sender) that it waits for approval; how many.
    `language`: the sender's, whose text comes first."""
    approval = _approval(request_id)
    if approval is None or approval.status != ApprovalRequest.Status.PENDING:  # decided or withdrawn meanwhile
        return 0
    approvers = members_with(approval.draft, Action.APPROVE).exclude(pk=approval.requested_by_id)
    recipients = sorted({user.email for user in approvers if user.email})
    return _send("approval_requested", {"approval": approval, "url": review_url}, recipients, language)


@task()
def approval_decided(request_id: int, review_url: str, language: str) -> int:
    """Mail the sender of the draft that it was approved or sent back, with the comment; how many. `language`:
    the approver's, whose text comes first."""
    approval = _approval(request_id)
    if approval is None or approval.requested_by is None or approval.requested_by_id == approval.decided_by_id:
        return 0
    return _send("approval_decided", {"approval": approval, "url": review_url}, [approval.requested_by.email], language)


def _approval(request_id: int) -> ApprovalRequest | None:
    return (
        ApprovalRequest.objects.select_related("draft__organisation", "requested_by", "decided_by")
        .filter(pk=request_id)
        .first()
    )


def _send(name: str, context: dict, recipients: list[str], language: str) -> int:
    recipients = [address for address in recipients if address]
    if not recipients:
        return 0
    with translation.override(language):
        subject, body = in_every_language(
            f"notifications/{name}_subject.txt", f"notifications/{name}_email.txt", context
        )
    return send_mass_mail([(subject, body, None, [address]) for address in recipients])  # nobody sees the others
