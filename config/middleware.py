"""Request hygiene that runs before Django's own middleware."""

import re
from collections.abc import Callable

from django.conf import settings
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme

from workflow.retry import conflict_message, is_conflict

SESSION_KEY_RE = re.compile(r"^[a-z0-9]{8,64}$")


class MalformedSessionCookieMiddleware:
    """Drop a session cookie that no session key could match (Django's keys are [a-z0-9]).

    A cookie with a NUL byte would otherwise reach PostgreSQL in the session lookup and turn
    into a 500; without it the request is simply anonymous."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        name = settings.SESSION_COOKIE_NAME
        value = request.COOKIES.get(name)
        if value is not None and not SESSION_KEY_RE.match(value):
            del request.COOKIES[name]
        return self.get_response(request)


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless the user chose English (language cookie or URL), whatever the browser's
    Accept-Language says: office machines often run English browsers. The API (/api/) honours
    Accept-Language, Vietnamese without it: an integration asks for what it wants."""

    def process_request(self, request: HttpRequest) -> None:
        if not request.path.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)


class DatabaseConflictMiddleware:
    """A deadlock or serialization failure that reached a view (the workflow retries its own
    and turns the rest into ConcurrentChange) is not a 500: the API answers 409
    `concurrent_change`, a page answers 409 saying nothing was saved and to try again."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not (isinstance(exception, OperationalError) and is_conflict(exception)):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"code": "concurrent_change", "detail": conflict_message()}, status=409
            )
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = ""
        return render(
            request, "409.html", {"message": conflict_message(), "back": back}, status=409
        )


class PrivateCacheControlMiddleware:
    """Everything answered to a signed-in user (a session or an API token: DRF sets the user on
    the request it wraps) is theirs alone: `Cache-Control: private, no-store`, so neither a
    shared proxy nor the browser's disk keeps a certificate, an export, a dossier ZIP or the
    API's JSON. Public answers (the verification page, static files) keep their own headers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or "HTTP_AUTHORIZATION" in request.META:
            response.headers.pop("Expires", None)
            patch_cache_control(response, private=True, no_store=True, max_age=0)
        return response
