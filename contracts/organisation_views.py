"""The organisation page (members, roles, invitations, settings), the switcher, and accepting an invitation."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from contracts import organisations
from contracts.access import Action, require, role_allows
from contracts.models import Organisation
from contracts.organisations import InvitationForm, OrganisationForm, RoleForm


@login_required
def organisation_mine(request: HttpRequest) -> HttpResponse:
    """The menu's link: the current organisation's page."""
    return redirect("organisation", pk=organisations.organisation_current(request).pk)


def _organisation_page(
    request: HttpRequest,
    organisation: Organisation,
    *,
    invitation_form: InvitationForm | None = None,
    settings_form: OrganisationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    role = require(request.user, organisation, Action.VIEW)
    manages = role_allows(role, Action.MANAGE)
    context = {
        "organisation": organisation,
        "role": role,
        "role_label": organisations.Role(role).label,
        "invitation_days": settings.INVITATION_DAYS,
        "manages": manages,
        "members": organisation.memberships.select_related("user").order_by("created_at", "pk"),
        "invitations": organisation.invitations.filter(accepted_at=None).select_related("invited_by")
        if manages
        else [],
        "invitation_form": invitation_form or InvitationForm(),
        "settings_form": settings_form or OrganisationForm(instance=organisation),
        "roles": organisations.Role.choices,
    }
    return render(request, "organisations/organisation.html", context, status=status)


@login_required
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    return _organisation_page(request, get_object_or_404(Organisation, pk=pk))


def _managed(request: HttpRequest, pk: int) -> Organisation:
    organisation = get_object_or_404(Organisation, pk=pk)
    require(request.user, organisation, Action.MANAGE)
    return organisation


def _managed_member(request: HttpRequest, pk: int, membership: int):
    return get_object_or_404(_managed(request, pk).memberships.select_related("user"), pk=membership)


@login_required
@require_POST
def organisation_settings(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _managed(request, pk)
    form = OrganisationForm(request.POST, instance=Organisation.objects.get(pk=pk))
    if not form.is_valid():
        return _organisation_page(request, organisation, settings_form=form, status=400)
    organisations.organisation_update(
        organisation=organisation,
        name=form.cleaned_data["name"],
        approval_required=form.cleaned_data["approval_required"],
    )
    messages.success(request, _("The organisation's settings were saved."))
    return redirect("organisation", pk=pk)


@login_required
@require_POST
def organisation_invite(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _managed(request, pk)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = organisations.invitation_create(
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
                accept_url=lambda token: request.build_absolute_uri(reverse("invitation", args=[token])),
            )
        except organisations.InvitationNotSent as failure:
            form.add_error(None, str(failure))
        else:
            messages.success(request, _("An invitation was sent to %(email)s.") % {"email": invitation.email})
            return redirect("organisation", pk=pk)
    return _organisation_page(request, organisation, invitation_form=form, status=400)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, pk: int, invitation: int) -> HttpResponse:
    organisation = _managed(request, pk)
    found = get_object_or_404(organisation.invitations, pk=invitation, accepted_at=None)
    organisations.invitation_revoke(invitation=found)
    messages.success(request, _("The invitation to %(email)s was withdrawn.") % {"email": found.email})
    return redirect("organisation", pk=pk)


@login_required
@require_POST
def membership_role(request: HttpRequest, pk: int, membership: int) -> HttpResponse:
    member = _managed_member(request, pk, membership)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles."))
    else:
        try:
            organisations.membership_set_role(membership=member, role=form.cleaned_data["role"])
        except organisations.LastAdmin as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request,
                _("%(name)s is now %(role)s.")
                % {"name": member.user.get_username(), "role": member.get_role_display()},
            )
    return redirect("organisation", pk=pk)


@login_required
@require_POST
def membership_remove(request: HttpRequest, pk: int, membership: int) -> HttpResponse:
    member = _managed_member(request, pk, membership)
    if not _removed(request, member):
        return redirect("organisation", pk=pk)
    messages.success(
        request,
        _("%(name)s is no longer a member; the drafts and contracts they made stay with the organisation.")
        % {"name": member.user.get_username()},
    )
    if member.user_id == request.user.pk:
        return redirect("draft_list")
    return redirect("organisation", pk=pk)


def _removed(request: HttpRequest, membership) -> bool:
    """Remove the membership; False, with the reason shown, when it is the organisation's last admin's."""
    try:
        organisations.membership_remove(membership=membership)
    except organisations.LastAdmin as refused:
        messages.error(request, str(refused))
        return False
    return True


@login_required
@require_POST
def organisation_leave(request: HttpRequest, pk: int) -> HttpResponse:
    """Any member may leave (the last admin only once another admin is named)."""
    organisation = get_object_or_404(Organisation, pk=pk)
    require(request.user, organisation, Action.VIEW)
    if not _removed(request, organisation.memberships.get(user=request.user)):
        return redirect("organisation", pk=pk)
    messages.success(
        request,
        _("You have left %(organisation)s; the drafts and contracts you made there stay with it.")
        % {"organisation": organisation.name},
    )
    return redirect("draft_list")


@login_required
@require_POST
def organisation_switch(request: HttpRequest) -> HttpResponse:
    """The menu's switcher: work in another of the user's organisations (back to the page it was used on)."""
    chosen = request.POST.get("organisation", "")
    organisation = organisations.organisation_switch(request, organisation_id=int(chosen) if chosen.isdigit() else 0)
    if organisation is None:
        raise Http404
    messages.success(request, _("You are working in %(name)s.") % {"name": organisation.name})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("draft_list")
    return redirect(target)


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The mailed link: who invites to what; signed in, a button to join; else log in or sign up first, and
    come back here."""
    found = organisations.invitation_get(token=token)
    if found is None:
        raise Http404
    try:
        organisations.invitation_check(found)
    except organisations.InvitationClosed as closed:
        return render(
            request, "organisations/invitation.html", {"invitation": found, "closed": str(closed)}, status=410
        )
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('login')}?next={request.path}")
        try:
            membership = organisations.invitation_accept(invitation=found, user=request.user)
        except organisations.InvitationClosed as closed:  # used in another tab meanwhile
            return render(
                request, "organisations/invitation.html", {"invitation": found, "closed": str(closed)}, status=410
            )
        organisations.organisation_switch(request, organisation_id=membership.organisation_id)
        messages.success(
            request,
            _("You are a member of %(name)s (%(role)s): its drafts are listed below.")
            % {"name": membership.organisation.name, "role": membership.get_role_display()},
        )
        return redirect("draft_list")
    return render(request, "organisations/invitation.html", {"invitation": found, "next": request.path})
