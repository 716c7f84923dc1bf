"""HTTP helpers of the web screens: safe redirects and the permission gate (downloads are in
`commendations.files.downloads`, shared with the API)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The `next` the form posted, if it points back to this site; else `fallback`."""
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


def permission_required_by(predicate: Callable[[Any], bool]) -> Callable:
    """View decorator: 403 unless `predicate(request.user)` — a capability of
    `access.permissions` (`can_review_any`) or, for a view that fires one transition, its
    action's (`action_allowed(Certificate, "retry")`). The one way a view names its gate: never
    a codename."""

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
