"""The public verification page (no login), rate-limited per client address."""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .verification import certificate_from_token, verification_result


def _client(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def _over_limit(request: HttpRequest) -> bool:
    key = f"verify-rate:{_client(request)}"
    cache.add(key, 0, timeout=60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=60)
        count = 1
    return count > settings.VERIFY_RATE_LIMIT_PER_MINUTE


@never_cache
@require_GET
def certificate_verify(request: HttpRequest, token: str) -> HttpResponse:
    if _over_limit(request):
        response = render(request, "commendations/verify.html", {"throttled": True}, status=429)
        response["Retry-After"] = "60"
        return response
    certificate = certificate_from_token(token)
    if certificate is None:
        return render(request, "commendations/verify.html", {"unknown": True}, status=404)
    return render(
        request, "commendations/verify.html", {"result": verification_result(certificate)}
    )
