"""Organisations: every account's own one, members and their roles, invitations by e-mail link, and which
organisation is the current one.

The current organisation is where new and imported drafts go, and whose drafts, contracts and offers the
lists show: the one last chosen in the menu's switcher (kept in the session), else the account's oldest
membership. An account without any (one created in the admin) gets its own organisation when it first needs
one."""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from contracts.mails import in_every_language
from contracts.models import Invitation, Membership, Organisation

logger = logging.getLogger(__name__)
SESSION_KEY = "organisation"
Role = Membership.Role


# Organisations and members ------------------------------------------------------------------------


@transaction.atomic
def organisation_create_personal(*, user) -> Organisation:
    """The account's own organisation, named after it, with the account as its admin; whether its final
    contracts need an approval starts as the site's APPROVAL_REQUIRED_DEFAULT (the admin changes it)."""
    organisation = Organisation.objects.create(
        name=user.get_username()[:200], approval_required=settings.APPROVAL_REQUIRED_DEFAULT
    )
    Membership.objects.create(organisation=organisation, user=user, role=Role.ADMIN)
    return organisation


def memberships_of(user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation").order_by("created_at", "pk")


def organisation_first(*, user) -> Organisation:
    """The account's oldest organisation (its own, for an account that signed up); made now for one without."""
    membership = memberships_of(user).first()
    return membership.organisation if membership else organisation_create_personal(user=user)


def _current_membership(request, memberships: list[Membership]) -> Membership | None:
    """The membership chosen in the menu (kept in the session), else the oldest one."""
    chosen = request.session.get(SESSION_KEY)
    return next((m for m in memberships if m.organisation_id == chosen), memberships[0] if memberships else None)


def organisation_current(request) -> Organisation:
    """The organisation the signed-in user works in now (see the module's docstring)."""
    membership = _current_membership(request, list(memberships_of(request.user)))
    return membership.organisation if membership else organisation_create_personal(user=request.user)


def organisation_switch(request, *, organisation_id: int) -> Organisation | None:
    """Make one of the user's organisations the current one; None when the user is not a member of it."""
    membership = memberships_of(request.user).filter(organisation_id=organisation_id).first()
    if membership is None:
        return None
    request.session[SESSION_KEY] = membership.organisation_id
    return membership.organisation


def menu(request) -> dict:
    """The template context of the menu: the user's memberships and the current one (for the switcher)."""
    user = getattr(request, "user", None)  # a page rendered before the authentication middleware ran has none
    if user is None or not user.is_authenticated:
        return {}
    memberships = list(memberships_of(user))
    return {"menu_memberships": memberships, "menu_membership": _current_membership(request, memberships)}


class LastAdmin(Exception):
    """An organisation keeps at least one admin: someone must be able to manage it."""

    def __init__(self):
        super().__init__(_("An organisation needs at least one admin: make another member an admin first."))


def _lock_members(organisation: Organisation) -> None:
    """Serialises changes to one organisation's members, so two admins demoting each other leave one."""
    list(Organisation.objects.select_for_update().filter(pk=organisation.pk).values_list("pk", flat=True))


def _other_admins(membership: Membership) -> bool:
    return (
        Membership.objects.filter(organisation_id=membership.organisation_id, role=Role.ADMIN)
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str) -> Membership:
    _lock_members(membership.organisation)
    membership.refresh_from_db()
    if membership.role == Role.ADMIN and role != Role.ADMIN and not _other_admins(membership):
        raise LastAdmin
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """The member loses access; the drafts and contracts they made stay with the organisation."""
    _lock_members(membership.organisation)
    membership.refresh_from_db()
    if membership.role == Role.ADMIN and not _other_admins(membership):
        raise LastAdmin
    membership.delete()


@transaction.atomic
def organisation_update(*, organisation: Organisation, name: str, approval_required: bool) -> Organisation:
    organisation.name = name.strip()[:200] or organisation.name
    organisation.approval_required = approval_required
    organisation.save(update_fields=["name", "approval_required"])
    return organisation


@dataclass(frozen=True)
class Departure:
    """What deleting an account does to its organisations: those it is alone in go with it; the shared ones
    keep what it made (then in the name of `successor`, their oldest other admin); while it is the last admin of
    a shared one, it cannot go."""

    alone: list[Organisation]
    shared: list[tuple[Organisation, object]]  # (organisation, successor)
    last_admin_of: list[Organisation]


def account_departure(*, user) -> Departure:
    alone, shared, last_admin_of = [], [], []
    for membership in memberships_of(user):
        others = Membership.objects.filter(organisation_id=membership.organisation_id).exclude(user=user)
        admins = others.filter(role=Role.ADMIN).select_related("user").order_by("created_at", "pk")
        if not others.exists():
            alone.append(membership.organisation)
        elif not admins.exists():
            last_admin_of.append(membership.organisation)
        else:
            shared.append((membership.organisation, admins.first().user))
    return Departure(alone, shared, last_admin_of)


# Invitations -------------------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationNotSent(Exception):
    """The mail server did not take the invitation; nothing was stored."""

    def __init__(self):
        super().__init__(_("The invitation could not be sent: the mail server did not accept it. Try again later."))


@transaction.atomic
def invitation_create(*, organisation: Organisation, email: str, role: str, invited_by, accept_url) -> Invitation:
    """Store an invitation and mail its link (`accept_url(token)` makes the address). The link is in the mail
    only: the table keeps the token's SHA-256. InvitationNotSent, with nothing stored, when the mail fails."""
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email.strip(),
        role=role,
        token_hash=_token_hash(token),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_DAYS),
    )
    context = {"invitation": invitation, "url": accept_url(token), "days": settings.INVITATION_DAYS}
    subject, body = in_every_language(
        "organisations/invitation_subject.txt", "organisations/invitation_email.txt", context
    )
    try:
        send_mail(subject, body, None, [invitation.email])
    except OSError as failure:  # smtplib's errors are OSErrors; the admin reads why, the invitation is not kept
        logger.warning("invitation to organisation %s not sent: %s", organisation.pk, failure)
        raise InvitationNotSent from failure
    return invitation


class InvitationClosed(Exception):
    """The link was used already, or has expired; str(exc) says which, for the page."""


def invitation_get(*, token: str) -> Invitation | None:
    return Invitation.objects.select_related("organisation", "invited_by").filter(token_hash=_token_hash(token)).first()


def invitation_check(invitation: Invitation) -> None:
    if invitation.accepted_at is not None:
        raise InvitationClosed(_("This invitation has been used already. Ask the organisation's admin for a new one."))
    if invitation.expires_at <= timezone.now():
        raise InvitationClosed(_("This invitation has expired. Ask the organisation's admin for a new one."))


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Membership:
    """The user joins the organisation with the invited role (a member already keeps the role they have). The
    link works once: a second use, even by the same account, is refused."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    invitation_check(invitation)
    membership, _created = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> None:
    invitation.delete()


# Forms -------------------------------------------------------------------------------------------


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("E-mail address"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices, initial=Role.DRAFTER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices)


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "approval_required"]
        labels = {"name": gettext_lazy("Name of the organisation")}
