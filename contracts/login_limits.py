"""Login throttling (django-axes): three limits, each with its own count, and the client's real address.

- one user name from one address: AXES_FAILURE_LIMIT (a buyer mistyping);
- one address across user names: AXES_FAILURES_PER_ADDRESS (one machine trying many accounts);
- one user name across addresses: AXES_FAILURES_PER_USER (many machines trying one account).
"""

from __future__ import annotations

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit, get_lockout_parameters
from django.conf import settings
from django.db.models import Sum


def client_address(request) -> str | None:
    """The address the request came from. Behind TRUSTED_PROXY_COUNT proxies that each append the address
    they saw to X-Forwarded-For, it is the one the outermost proxy saw: entries further left are whatever
    the client sent, and trusting them would let it pick a fresh address for every guess."""
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:  # not through all our proxies: only the connection's address is known
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-count]))
    except ValueError:
        return remote


def _limit_for(parameter, user_and_address_limit: int) -> int:
    if parameter == "ip_address":
        return settings.AXES_FAILURES_PER_ADDRESS
    if parameter == "username":
        return settings.AXES_FAILURES_PER_USER
    return user_and_address_limit


class LoginLimitsHandler(AxesDatabaseHandler):
    """django-axes applies one limit to every lockout parameter; here each has its own."""

    def get_failures(self, request, credentials=None) -> int:
        """AXES_FAILURE_LIMIT (locked) once any count reaches its limit; else the count of this user name
        from this address."""
        limit = get_failure_limit(request, credentials)
        parameters = get_lockout_parameters(request, credentials)
        counts = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        if any(count >= _limit_for(parameter, limit) for parameter, count in zip(parameters, counts, strict=True)):
            return limit
        return min(counts[0] if counts else 0, limit - 1)

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful login clears the failures of that user name from that address only: signing in to
        one's own account must not wipe an address's failures against other accounts."""
        parameters = get_lockout_parameters(request, credentials)
        count = 0
        for parameter, attempts in zip(parameters, self.filter_user_attempts(request, credentials), strict=True):
            if parameter not in ("ip_address", "username"):
                count += attempts.delete()[0]
        return count
