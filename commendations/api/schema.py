"""OpenAPI: every operation documents the error shape it can return, so a client (and
schemathesis) knows what a 400/403/404/409 looks like."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import force_instance
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
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
    "400": "validation_error (also an id that does not exist: `fields.<name>`) / "
    "tally_from_session / parse_error",
    "401": "not_authenticated",
    "403": "permission_denied / not_authenticated",
    "404": "not_found",
    "405": "method_not_allowed",
    "406": "not_acceptable",
    "409": "transition_not_allowed / concurrent_change",
    "412": "precondition_failed: the object changed since the If-Match ETag was read",
    "415": "unsupported_media_type",
    "422": "idempotency_key_reused: this Idempotency-Key came with another request",
    "429": "throttled (Retry-After: seconds; RateLimit-* headers on every answer)",
}
IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="Sent again with the same request, the first answer is replayed "
    "(`Idempotent-Replayed: true`) instead of acting twice; per user and path, kept 24 h.",
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="The ETag of the object as last read: 412 precondition_failed if it changed.",
)


MULTIPART = "multipart/form-data"
JSON = "application/json"


def has_file_field(serializer: object) -> bool:
    """Whether a request serializer takes a file: then its body is multipart only."""
    instance = force_instance(serializer)
    if not isinstance(instance, serializers.Serializer):
        return False
    return any(isinstance(field, serializers.FileField) for field in instance.fields.values())


class ApiAutoSchema(AutoSchema):
    def get_summary(self) -> str | None:
        """The view's own line for this operation: `summaries` on the view, keyed by action
        (a viewset) or method (an APIView), `"<action>.<method>"` where one action answers two
        methods. A test fails when an operation has none."""
        summaries = getattr(self.view, "summaries", {})
        method = self.method.lower()
        action = getattr(self.view, "action", None)
        for key in (f"{action}.{method}", action, method):
            if key and key in summaries:
                return str(summaries[key])
        return super().get_summary()

    def get_description(self) -> str:
        """The view's `descriptions` for this operation (same keys as `summaries`), else the
        method's docstring. A test fails when an operation has neither."""
        descriptions = getattr(self.view, "descriptions", {})
        method = self.method.lower()
        action = getattr(self.view, "action", None)
        for key in (f"{action}.{method}", action, method):
            if key and key in descriptions:
                return str(descriptions[key])
        return super().get_description()

    def map_parsers(self) -> list:
        """One body type per operation, the one a generated client should send: multipart
        when the request carries a file (a JSON body cannot), JSON otherwise. The views still
        accept the others (a browser's form, curl -F)."""
        media_types = super().map_parsers()
        wanted = MULTIPART if has_file_field(self.get_request_serializer()) else JSON
        return [wanted] if wanted in media_types else media_types

    def _map_serializer_field(self, field: serializers.Field, direction: str, *args, **kwargs):
        """Declare what the server enforces: a list that may not be empty has minItems 1."""
        result = super()._map_serializer_field(field, direction, *args, **kwargs)
        empty_refused = (
            isinstance(field, serializers.ListField | serializers.ManyRelatedField)
            and not field.allow_empty
        )
        if empty_refused and result.get("type") == "array" and "minItems" not in result:
            result["minItems"] = 1
        return result

    def get_override_parameters(self) -> list:
        """The headers every write takes (commendations.api.base)."""
        parameters = list(super().get_override_parameters())
        if self.method == "POST":
            parameters.append(IDEMPOTENCY_KEY)
        if self.method in ("PUT", "PATCH", "DELETE"):
            parameters.append(IF_MATCH)
        return parameters

    def _get_pagination_parameters(self) -> list:
        """`page`/`page_size` belong to listing GETs only, not to an action that posts a list."""
        if self.method != "GET":
            return []
        return super()._get_pagination_parameters()

    def get_filter_backends(self) -> list:
        if self.method != "GET":
            return []
        return super().get_filter_backends()

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
