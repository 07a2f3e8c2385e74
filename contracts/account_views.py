"""My account: the password (change, and reset by e-mail through Django's views), the e-mail address, and
deleting the account with everything it owns."""

from __future__ import annotations

from axes.helpers import get_client_ip_address
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from contracts import organisations, services
from contracts.accounts import AccountDeleteForm, AccountPasswordResetForm, EmailForm
from contracts.models import Draft, GeneratedContract


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/account.html")


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("account")

    def form_valid(self, form):
        response = super().form_valid(form)  # this session stays signed in; the account's other sessions end
        messages.success(self.request, _("Your password was changed."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Django's view, throttled per client address and per e-mail address (the address the login lockout
    reads, contracts/login_limits.py). The same page follows whether or not an account has the address."""

    form_class = AccountPasswordResetForm

    def form_valid(self, form):
        try:
            services.password_reset_count(
                address=get_client_ip_address(self.request) or "unknown", email=form.cleaned_data["email"]
            )
        except services.PasswordResetThrottled as throttled:
            form.add_error(None, str(throttled))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        self.extra_email_context = {"reset_minutes": _reset_minutes()}
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"reset_minutes": _reset_minutes()}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A buyer locked out by failed logins who sets a new password through the mailed link signs in with it at
    once: the link proves the mailbox, and guesses at the old password say nothing about the new one."""

    def form_valid(self, form):
        response = super().form_valid(form)
        axes_reset(username=form.user.get_username())
        return response


def _reset_minutes() -> int:
    return settings.PASSWORD_RESET_TIMEOUT // 60


@login_required
def account_email(request: HttpRequest) -> HttpResponse:
    form = EmailForm(request.POST or None, user=request.user, initial={"email": request.user.email})
    if request.method == "POST" and form.is_valid():
        services.account_set_email(user=request.user, email=form.cleaned_data["email"])
        if request.user.email:
            messages.success(request, _("Your e-mail address is now %(email)s.") % {"email": request.user.email})
        else:
            messages.success(request, _("Your e-mail address was removed."))
        return redirect("account")
    return render(request, "registration/account_email.html", {"form": form})


@login_required
def account_delete(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = AccountDeleteForm(request.POST or None, user=user)
    departure = organisations.account_departure(user=user)
    if user.is_staff:  # the admin's history names its staff: another administrator removes them in the admin
        form = None
    elif departure.last_admin_of:  # someone must be able to manage a shared organisation: the page says who
        form = None
    elif request.method == "POST" and form.is_valid():
        logout(request)
        services.account_delete(user=user)
        messages.success(request, _("Your account and everything it held were deleted."))
        return redirect("login")
    context = {
        "form": form,
        "departure": departure,
        "draft_count": Draft.objects.filter(organisation__in=departure.alone).count(),
        "contract_count": GeneratedContract.objects.filter(organisation__in=departure.alone).requested().count(),
    }
    return render(request, "registration/account_delete.html", context)
