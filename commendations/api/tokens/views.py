"""REST API: one's own tokens — list them, revoke one (`/api/v1/auth/tokens/`)."""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from commendations.api.base import ApiMixin
from commendations.api.tokens import serializers as tokens_serializers
from commendations.tokens import services as tokens_services
from commendations.tokens.models import ApiToken
from commendations.tokens.selectors import api_tokens_of


class ApiTokenViewSet(ApiMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The caller's own tokens (active, expired and revoked; `current` marks the one in use).
    New tokens come from `POST /api/v1/auth/token/`."""

    summaries = {
        "list": "Danh sách khóa API của mình",
        "revoke": "Thu hồi một khóa API của mình",
    }

    serializer_class = tokens_serializers.ApiTokenSerializer
    queryset = ApiToken.objects.none()  # the schema's model; get_queryset gives the caller's

    def get_queryset(self) -> QuerySet:
        return api_tokens_of(self.request.user)

    @extend_schema(request=None, responses={200: tokens_serializers.ApiTokenSerializer})
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, pk: str | None = None) -> Response:
        """Revoke one of one's own tokens (404 for anyone else's); revoking twice is harmless."""
        token = tokens_services.api_token_revoke(token=self.get_object())
        return Response(self.get_serializer(token).data)
