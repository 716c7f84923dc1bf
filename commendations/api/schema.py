"""OpenAPI: every operation documents the error shape it can return, so a client (and
schemathesis) knows what a 400/403/404/409 looks like."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework import serializers

from commendations.api.permissions import LoginRedirectMixin


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text="transition_not_allowed, concurrent_change, permission_denied, "
        "validation_error, tally_from_session, not_found, not_authenticated, ..."
    )
    detail = serializers.CharField()
    fields = serializers.DictField(
        child=serializers.JSONField(), required=False, help_text="Messages by field."
    )


class RowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(allow_null=True)
    column = serializers.CharField(allow_blank=True)
    message = serializers.CharField()


class ImportErrorSerializer(ErrorSerializer):
    errors = RowErrorSerializer(many=True, required=False)


ERROR_STATUSES = {
    "400": "validation_error / tally_from_session",
    "401": "not_authenticated",
    "403": "permission_denied / not_authenticated",
    "404": "not_found",
    "405": "method_not_allowed",
    "406": "not_acceptable",
    "409": "transition_not_allowed / concurrent_change",
    "415": "unsupported_media_type",
}


class ApiAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction: str = "response") -> dict:
        responses = super()._get_response_bodies(direction=direction)
        for code, description in ERROR_STATUSES.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(response=ErrorSerializer, description=description),
                    code,
                    direction=direction,
                )
        return responses


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """The API token as an HTTP bearer scheme (RFC 6750), so generated clients send
    `Authorization: Bearer <token>`; `Token <token>` is still accepted."""

    target_class = "commendations.api.tokens.authentication.ExpiringTokenAuthentication"
    name = "tokenAuth"
    priority = 1

    def get_security_definition(self, auto_schema: AutoSchema) -> dict:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token from POST /api/v1/auth/token/: "
            "`Authorization: Bearer <token>`.",
        }


class SwaggerView(LoginRedirectMixin, SpectacularSwaggerSplitView):
    """Swagger UI (split: no inline script), for signed-in users (SchemaReader)."""


class RedocView(LoginRedirectMixin, SpectacularRedocView):
    """Redoc, for signed-in users (SchemaReader)."""
