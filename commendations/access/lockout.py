"""Login lockout (django-axes) with two separate counters.

Axes on its own applies one failure limit to every lockout parameter and, on a successful login,
deletes every attempt that matches *any* parameter: with ["username", "ip_address"] one good login
from an address erased the failures of every other username from it (a guesser interleaving their
own account's logins was never locked), and five made-up usernames locked out everyone behind
one NAT address. This handler keeps axes' database records and signals but decides differently:

- a username is locked after AXES_FAILURE_LIMIT failures from anywhere;
- an address is throttled after AXES_IP_FAILURE_LIMIT failures with any usernames (higher: an
  office shares one address);
- a success deletes only the succeeding username's own failures.

Both the login page and the API's token endpoint authenticate through `authenticate()`, so both
are counted and refused alike; `lockout_response` answers the API in its JSON error shape."""

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


def _failures(attempts: QuerySet) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class SeparateCountersHandler(AxesDatabaseHandler):
    """AXES_HANDLER: the username counter and the address counter, each with its own limit."""

    def _recent(self, request: HttpRequest) -> QuerySet:
        attempts = AccessAttempt.objects.all()
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        return attempts

    def failure_counts(
        self, request: HttpRequest, credentials: dict | None = None
    ) -> tuple[int, int]:
        """(failures of this username from anywhere, failures from this address, any name)."""
        recent = self._recent(request)
        username = get_client_username(request, credentials)
        by_username = _failures(recent.filter(username=username)) if username else 0
        by_address = _failures(recent.filter(ip_address=request.axes_ip_address))
        return by_username, by_address

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """What axes compares with AXES_FAILURE_LIMIT (the username's limit): the username's
        count, or at least that limit once the address has reached its own."""
        by_username, by_address = self.failure_counts(request, credentials)
        if by_address >= settings.AXES_IP_FAILURE_LIMIT:
            return max(by_username, get_failure_limit(request, credentials))
        return by_username

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """A success clears only this username's failures (from every address)."""
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _deleted = AccessAttempt.objects.filter(username=username).delete()
        return count


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the API's error shape under /api/, the lockout page elsewhere."""
    minutes = int(settings.AXES_COOLOFF_TIME * 60)
    if request.path.startswith(API_PREFIX):
        return JsonResponse(
            {
                "code": "locked_out",
                "detail": _(
                    "Đăng nhập sai quá nhiều lần: tài khoản hoặc địa chỉ này tạm thời bị khóa "
                    "%(minutes)s phút."
                )
                % {"minutes": minutes},
            },
            status=429,
            headers={"Retry-After": str(minutes * 60)},
        )
    return render(
        request,
        settings.AXES_LOCKOUT_TEMPLATE,
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes},
        status=429,
    )
