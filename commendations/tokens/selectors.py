"""Reads: one's own tokens, and the token a request presents."""

from typing import Any

from django.db.models import QuerySet

from commendations.tokens.models import ApiToken, key_digest


def api_tokens_of(user: Any) -> QuerySet:
    """The user's own tokens, newest first (active, expired and revoked)."""
    return ApiToken.objects.filter(user=user)


def api_token_for_key(key: str) -> ApiToken | None:
    """The active token with this key, with its user (one query), else None."""
    return (
        ApiToken.objects.active().select_related("user").filter(key_digest=key_digest(key)).first()
    )
