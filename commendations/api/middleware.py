"""Everything under /api/ answers JSON in the one error envelope `{code, detail, fields?}`:
also what Django answers before (or instead of) a DRF view — an unknown path, a missing
trailing slash, a request Django refuses as suspicious (too many form fields), an error page."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
# The envelope's code for a status Django answered with a page.
CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    413: "request_too_large",
    429: "throttled",
    500: "server_error",
}
# Headers of the page kept on its JSON replacement.
KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate", "Vary")


def server_error_detail() -> str:
    """The 500 page's own words, for the envelope."""
    return _(
        "Thao tác chưa hoàn thành và không có dữ liệu nào bị ghi dở. Hãy thử lại sau ít phút; "
        "nếu vẫn lỗi, báo cho quản trị hệ thống."
    )


def _envelope(code: str, detail: str, status: int) -> JsonResponse:
    return JsonResponse({"code": code, "detail": detail}, status=status)


class ApiJsonErrorsMiddleware:
    """Outermost but for security: it sees the APPEND_SLASH redirect of CommonMiddleware and
    Django's error pages (handler400/403/404/500) and answers the envelope instead."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX):
            return response
        if response.status_code in (301, 308) and response.get("Location", "").endswith(
            f"{request.path}/"
        ):
            # A redirect would lose a POST's body, and a client would not follow it: say where.
            return _envelope(
                "not_found",
                _("Không tìm thấy. Các đường dẫn của API kết thúc bằng “/”: %(path)s")
                % {"path": f"{request.path}/"},
                404,
            )
        content_type = response.get("Content-Type", "")
        if response.status_code < 400 or content_type.startswith("application/json"):
            return response
        status = response.status_code
        code = CODES.get(status, "error" if status < 500 else "server_error")
        detail = {
            404: _("Không tìm thấy."),
            405: _("Phương thức không được hỗ trợ."),
        }.get(status, _("Yêu cầu không hợp lệ.") if status < 500 else server_error_detail())
        replacement = _envelope(code, detail, status)
        for header in KEPT_HEADERS:
            if header in response:
                replacement[header] = response[header]
        return replacement
