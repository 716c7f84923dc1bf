"""Request hygiene that runs before Django's own middleware."""

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware

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
    Accept-Language says: office machines often run English browsers."""

    def process_request(self, request: HttpRequest) -> None:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)
