"""The API's token endpoint: a username and password give a new token (locked out like the
login), which expires after API_TOKEN_LIFETIME_DAYS; /api/v1/auth/tokens/ lists and revokes."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from commendations.api import serializers as api_serializers
from commendations.api.base import ApiMixin
from commendations.api.parsers import JSONParser
from commendations.api.schema import ErrorSerializer
from commendations.tokens.services import api_token_issue


class TokenView(ApiMixin, APIView):
    """Exchange a username and password for a token: then send `Authorization: Bearer <token>`."""

    summaries = {
        "post": "Đổi tên đăng nhập và mật khẩu lấy khóa API",
    }

    permission_classes = [AllowAny]
    authentication_classes: list = []
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @extend_schema(
        request=api_serializers.TokenRequestSerializer,
        responses={
            200: api_serializers.TokenSerializer,
            429: OpenApiResponse(
                ErrorSerializer,
                description="locked_out: too many wrong passwords (Retry-After: seconds)",
            ),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = api_serializers.TokenRequestSerializer(
            data=request.data, context={"request": request}
        )
        serializer.is_valid(raise_exception=True)
        token, key = api_token_issue(
            user=serializer.validated_data["user"], name=serializer.validated_data.get("name", "")
        )
        return Response({"token": key, "id": token.pk, "expires_at": token.expires_at})
