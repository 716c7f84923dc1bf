"""HTTP helpers shared by every screen: file downloads, safe redirects, the permission gate."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
)
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


def docx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def stored_file_response(
    stored: FieldFile | None, *, filename: str, content_type: str
) -> HttpResponseBase:
    """A stored file as a download, or 404 when there is none. Files are never served from
    MEDIA_URL: each view reaches them through a selector that checks who may see them, then
    calls this. The file is streamed through the app, or with STORAGE_DOWNLOADS=redirect and an
    object store, answered by a redirect to a presigned URL valid STORAGE_URL_EXPIRE seconds
    (the bucket itself stays private)."""
    if not stored:
        raise Http404
    if settings.STORAGE_DOWNLOADS == "redirect" and not isinstance(
        stored.storage, FileSystemStorage
    ):
        url = stored.storage.url(
            stored.name,
            parameters={
                "ResponseContentDisposition": content_disposition_header(True, filename),
                "ResponseContentType": content_type,
            },
        )
        response = HttpResponseRedirect(url)
        response["Cache-Control"] = "private, no-store"
        return response
    return FileResponse(
        stored.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )


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
