"""Who may read the API's description (OpenAPI schema, Swagger UI, Redoc): a signed-in user
(session or token); anyone in DEBUG, on a developer's machine."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from rest_framework import exceptions
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response


class SchemaReader(BasePermission):
    """SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"]: checked on every request, so DEBUG is read
    when it is asked, not when the settings were loaded."""

    def has_permission(self, request: Request, view: object) -> bool:
        return bool(settings.DEBUG or (request.user and request.user.is_authenticated))


class LoginRedirectMixin:
    """For the HTML pages (Swagger UI, Redoc): an anonymous browser goes to the login page and
    comes back, instead of reading a JSON error."""

    def handle_exception(self, exc: Exception) -> Response:
        request = self.request  # type: ignore[attr-defined]
        if isinstance(exc, exceptions.NotAuthenticated | exceptions.PermissionDenied) and not (
            request.user and request.user.is_authenticated
        ):
            return redirect_to_login(request.get_full_path())  # type: ignore[return-value]
        return super().handle_exception(exc)  # type: ignore[misc]
