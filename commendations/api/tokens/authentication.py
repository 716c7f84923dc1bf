"""DRF authentication: `Authorization: Token <key>` with an active, unexpired, unrevoked token
whose user is active and has not changed their password since it was issued."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from commendations.tokens.selectors import api_token_for_key
from commendations.tokens.services import api_token_authenticated


class ExpiringTokenAuthentication(TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        token = api_token_for_key(key)
        if token is None or not api_token_authenticated(token=token):
            raise exceptions.AuthenticationFailed(
                _("Khóa API không hợp lệ, đã hết hạn hoặc đã bị thu hồi.")
            )
        return token.user, token
