"""The request-body limit: a body larger than REQUEST_BODY_MAX_BYTES is
refused from its Content-Length before anything is read (413), and every multipart body is
counted while it streams in, so a file larger than UPLOAD_FILE_MAX_BYTES (or a body past the
total) stops the upload at that point instead of being spooled to disk first.

Django's DATA_UPLOAD_MAX_MEMORY_SIZE does not count files; the reverse proxy in front should
refuse earlier still (nginx: `client_max_body_size`, see docs/files.md)."""

from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _


class RequestBodyTooLarge(SuspiciousOperation):
    """Raised while a multipart body streams in; Django answers 400 (the body is already being
    read, so the early 413 is no longer possible)."""


def _limit_message(limit: int) -> str:
    return _("Dữ liệu gửi lên quá lớn (giới hạn %(mb)s MB).") % {"mb": limit // (1024 * 1024)}


class RequestBodyLimitMiddleware:
    """413 for a declared Content-Length past the limit, before the view or CSRF reads a byte."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.REQUEST_BODY_MAX_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            message = _limit_message(limit)
            if request.path.startswith("/api/"):
                return JsonResponse({"code": "request_too_large", "detail": message}, status=413)
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class LimitedUploadHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: counts the bytes of each file and of the whole body as they
    arrive and stops the upload past UPLOAD_FILE_MAX_BYTES / REQUEST_BODY_MAX_BYTES."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.body_received = 0
        self.file_received = 0

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length and content_length > settings.REQUEST_BODY_MAX_BYTES:
            raise RequestBodyTooLarge(_limit_message(settings.REQUEST_BODY_MAX_BYTES))

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.file_received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.file_received += len(raw_data)
        self.body_received += len(raw_data)
        if self.file_received > settings.UPLOAD_FILE_MAX_BYTES:
            raise RequestBodyTooLarge(_limit_message(settings.UPLOAD_FILE_MAX_BYTES))
        if self.body_received > settings.REQUEST_BODY_MAX_BYTES:
            raise RequestBodyTooLarge(_limit_message(settings.REQUEST_BODY_MAX_BYTES))
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
