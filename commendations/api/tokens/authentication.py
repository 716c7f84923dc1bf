"""DRF authentication: `Authorization: Bearer <key>` (or the older `Token <key>`) with an
active, unexpired, unrevoked token whose user is active and has not changed their password
since it was issued. Missing or wrong credentials answer 401 with `WWW-Authenticate: Bearer`
(RFC 6750), because this class comes first in DEFAULT_AUTHENTICATION_CLASSES."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication, get_authorization_header
from rest_framework.request import Request

from commendations.tokens.selectors import api_token_for_key
from commendations.tokens.services import api_token_authenticated

KEYWORDS = (b"bearer", b"token")
REALM = "api"


class InvalidToken(exceptions.AuthenticationFailed):
    """Credentials were sent but are not a usable token (RFC 6750 `invalid_token`)."""


class ExpiringTokenAuthentication(TokenAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        auth = get_authorization_header(request).split()
        if not auth or auth[0].lower() not in KEYWORDS:
            return None
        if len(auth) != 2:
            raise InvalidToken(_("Tiêu đề Authorization không hợp lệ: gửi `Bearer <khóa>`."))
        try:
            key = auth[1].decode()
        except UnicodeError:
            raise InvalidToken(
                _("Tiêu đề Authorization không hợp lệ: gửi `Bearer <khóa>`.")
            ) from None
        return self.authenticate_credentials(key)

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        token = api_token_for_key(key)
        if token is None or not api_token_authenticated(token=token):
            raise InvalidToken(_("Khóa API không hợp lệ, đã hết hạn hoặc đã bị thu hồi."))
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        """Sent with every 401: a bearer token was sent and refused (`invalid_token`), or none
        was sent at all."""
        auth = get_authorization_header(request).split()
        if auth and auth[0].lower() in KEYWORDS:
            return f'Bearer realm="{REALM}", error="invalid_token"'
        return f'Bearer realm="{REALM}"'
