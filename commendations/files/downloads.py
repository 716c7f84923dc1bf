"""How a generated document or a stored file reaches the browser, for the web screens and the
API alike: the content types, the download responses, and the one way a stored file is served."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.utils.http import content_disposition_header

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
