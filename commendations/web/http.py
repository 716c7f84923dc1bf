"""HTTP helpers shared by every screen: file downloads and safe redirects."""

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
) -> FileResponse:
    """A stored file as a download, or 404 when there is none. Files are never served from
    MEDIA_URL: each view reaches them through a selector that checks who may see them."""
    if not stored:
        raise Http404
    return FileResponse(
        stored.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The `next` the form posted, if it points back to this site; else `fallback`."""
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback
