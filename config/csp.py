"""Content-Security-Policy: every page may run only the scripts served from this site (htmx,
Bootstrap and app.js are vendored under static/), so injected markup cannot run script. No
inline script or style is allowed: htmx's own indicator <style> is switched off in base.html
(htmx-config) and its rule lives in app.css."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        return response
