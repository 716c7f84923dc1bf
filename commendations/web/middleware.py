"""The designed 404 and 500 pages in development too: Django's debug pages (every URL pattern, a
stack trace) only when a developer asks for them with DEBUG_ERROR_PAGES=1."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from commendations.web.views import page_not_found, server_error


class DesignedErrorPagesMiddleware:
    """Under DEBUG, replace Django's technical 404/500 HTML page by the designed one (the error
    is still logged by Django). JSON answers (the API) are left alone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not settings.DEBUG or getattr(settings, "DEBUG_ERROR_PAGES", False):
            return response
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        if response.status_code == 404:
            return page_not_found(request)
        if response.status_code == 500:
            return server_error(request)
        return response
