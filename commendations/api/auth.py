"""The API's token endpoint: a username and password give a token (locked out like the login)."""

from drf_spectacular.utils import extend_schema
from rest_framework.authtoken.models import Token
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from commendations.api import serializers as api_serializers
from commendations.api.base import ApiMixin


class TokenView(ApiMixin, APIView):
    """Exchange a username and password for a token: then send `Authorization: Token <token>`."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @extend_schema(
        request=api_serializers.TokenRequestSerializer,
        responses={200: api_serializers.TokenSerializer},
    )
    def post(self, request: Request) -> Response:
        serializer = api_serializers.TokenRequestSerializer(
            data=request.data, context={"request": request}
        )
        serializer.is_valid(raise_exception=True)
        token, _created = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})
