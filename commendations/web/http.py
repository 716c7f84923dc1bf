"""HTTP helpers of the web screens (downloads are in `commendations.files.downloads`, shared with
the API)."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The `next` the form posted, if it points back to this site; else `fallback`."""
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback
