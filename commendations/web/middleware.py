"""The designed 404 and 500 pages in development too: Django's debug pages (every URL pattern, a
stack trace) only when a developer asks for them with DEBUG_ERROR_PAGES=1."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from commendations.web.views import page_not_found, server_error

# Pages that answer their own 404 (the public verification page: no "Việc cần làm" for the public).
OWN_ERROR_PAGES = {"certificate_verify"}


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
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name in OWN_ERROR_PAGES:
            return response  # the public page answers an unknown code with its own look

        if response.status_code == 404:
            return page_not_found(request)
        if response.status_code == 500:
            return server_error(request)
        return response
