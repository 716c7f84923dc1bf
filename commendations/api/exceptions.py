"""One JSON shape for every API error, with a stable `code` integrations can switch on:

    {"code": "validation_error", "detail": "...", "fields": {"nominee_name": ["..."]}}

transition_not_allowed (409), concurrent_change (409), permission_denied (403),
validation_error (400), not_found (404), not_authenticated (401/403), and DRF's own codes for
the rest (method_not_allowed, unsupported_media_type, parse_error, throttled...).

A domain rule that integrations need to tell apart from other validation errors raises its
ValidationError with a `code=` listed in DOMAIN_CODES; the body then carries that code (400)
instead of `validation_error`, so the rule and its code live in the model, not here."""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import OperationalError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from commendations.nominations.models import TALLY_FROM_SESSION
from workflow.exceptions import ConcurrentChange, TransitionNotAllowed
from workflow.retry import conflict_message, is_conflict

NON_FIELD = "non_field_errors"
# Codes of the model's ValidationErrors passed through as the body's `code` (Django's own codes,
# such as "invalid" or "required", stay `validation_error`), each with what to do instead in
# this API (the model's message knows nothing of URLs).
DOMAIN_CODES: dict[str, str] = {
    TALLY_FROM_SESSION: "Thường trực Hội đồng ghi nhận kết quả qua "
    "POST /api/v1/committee-sessions/<id>/recommend/.",
}


def _django_validation_code(exc: DjangoValidationError) -> str:
    """The domain code every message of `exc` shares, else `validation_error`."""
    if hasattr(exc, "error_dict"):
        errors = [error for errors in exc.error_dict.values() for error in errors]
    else:
        errors = exc.error_list
    codes = {error.code for error in errors}
    if len(codes) == 1 and (code := next(iter(codes))) in DOMAIN_CODES:
        return code
    return "validation_error"


def _django_validation_fields(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            (NON_FIELD if key == "__all__" else key): [str(m) for m in messages]
            for key, messages in exc.message_dict.items()
        }
    return {NON_FIELD: [str(m) for m in exc.messages]}


def _flatten(detail: Any) -> Any:
    """DRF error details as plain strings (lists and nested dicts kept)."""
    if isinstance(detail, dict):
        return {str(k): _flatten(v) for k, v in detail.items()}
    if isinstance(detail, list):
        return [_flatten(v) for v in detail]
    return str(detail)


def _first_message(fields: dict[str, Any]) -> str:
    for value in fields.values():
        while isinstance(value, (list, dict)) and value:
            value = value[0] if isinstance(value, list) else next(iter(value.values()))
        if value:
            return str(value)
    return _("Dữ liệu không hợp lệ.")


def error_response(
    code: str, detail: str, http_status: int, fields: dict[str, Any] | None = None
) -> Response:
    body: dict[str, Any] = {"code": code, "detail": detail}
    if fields is not None:
        body["fields"] = fields
    return Response(body, status=http_status)


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, TooManyFieldsSent):
        return error_response(
            "too_many_fields",
            _("Quá nhiều trường dữ liệu trong yêu cầu."),
            status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, RequestDataTooBig):
        return error_response(
            "request_too_large",
            _("Dữ liệu gửi lên quá lớn."),
            status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, SuspiciousOperation):
        return error_response("bad_request", str(exc), status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, RecursionError):  # a body nested deeper than the parser can follow
        return error_response(
            "parse_error", _("JSON lồng nhau quá sâu."), status.HTTP_400_BAD_REQUEST
        )
    if isinstance(exc, ConcurrentChange):
        return error_response("concurrent_change", str(exc), status.HTTP_409_CONFLICT)
    if isinstance(exc, OperationalError) and is_conflict(exc):  # a deadlock left unretried
        return error_response("concurrent_change", conflict_message(), status.HTTP_409_CONFLICT)
    if isinstance(exc, TransitionNotAllowed):
        return error_response("transition_not_allowed", str(exc), status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoPermissionDenied | exceptions.PermissionDenied):
        detail = str(exc) or _("Bạn không có quyền thực hiện thao tác này.")
        if isinstance(exc, exceptions.PermissionDenied):
            detail = str(exc.detail)
        return error_response("permission_denied", detail, status.HTTP_403_FORBIDDEN)
    if isinstance(exc, DjangoValidationError):
        fields = _django_validation_fields(exc)
        code = _django_validation_code(exc)
        detail = _first_message(fields)
        if code in DOMAIN_CODES:
            detail = f"{detail} {DOMAIN_CODES[code]}"
        return error_response(
            code,
            detail,
            status.HTTP_400_BAD_REQUEST,
            fields,
        )
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {NON_FIELD: exc.detail}
        fields = _flatten(detail)
        return error_response(
            "validation_error", _first_message(fields), status.HTTP_400_BAD_REQUEST, fields
        )
    if isinstance(exc, Http404 | exceptions.NotFound):
        return error_response("not_found", _("Không tìm thấy."), status.HTTP_404_NOT_FOUND)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.Throttled):
        # DRF's own sentence is half translated ("… Expected available in 30 seconds."): ours
        detail = (
            _("Quá nhiều yêu cầu. Hãy thử lại sau %(seconds)s giây.") % {"seconds": exc.wait}
            if exc.wait is not None
            else _("Quá nhiều yêu cầu. Hãy thử lại sau ít phút.")
        )
        response.data = {"code": "throttled", "detail": detail}
        return response
    if isinstance(exc, exceptions.APIException):
        code = exc.default_code
        if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
            code = "not_authenticated"
        detail = exc.detail if not isinstance(exc.detail, list | dict) else _flatten(exc.detail)
        response.data = {"code": code, "detail": str(detail)}
    return response
