"""Writes: issue a token, revoke one, revoke a user's tokens when their password changes or they
are deactivated."""

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from commendations.tokens.models import ApiToken, RevokedReason, key_digest, password_digest

# A token's last use is written at most this often (not one UPDATE per API request).
LAST_USED_EVERY = datetime.timedelta(minutes=5)


@transaction.atomic
def api_token_issue(*, user: Any, name: str = "") -> tuple[ApiToken, str]:
    """A new token for `user` (after the token endpoint checked their password): returns the row
    and the key, which is not stored and cannot be shown again."""
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100],
        key_digest=key_digest(key),
        prefix=key[:8],
        password_digest=password_digest(user.password),
        expires_at=timezone.now() + datetime.timedelta(days=settings.API_TOKEN_LIFETIME_DAYS),
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, reason: str = RevokedReason.OWNER) -> ApiToken:
    """Revoke one token (idempotent: a revoked token keeps its first reason)."""
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason
    )
    token.refresh_from_db()
    return token


def api_tokens_revoke_stale(*, user: Any) -> int:
    """Revoke the user's active tokens if the user is deactivated or their password changed
    since the token was issued. Called whenever a user is saved."""
    active = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    now = timezone.now()
    if not user.is_active:
        return active.update(revoked_at=now, revoked_reason=RevokedReason.DEACTIVATED)
    return active.exclude(password_digest=password_digest(user.password)).update(
        revoked_at=now, revoked_reason=RevokedReason.PASSWORD_CHANGED
    )


def api_token_authenticated(*, token: ApiToken) -> bool:
    """Whether a presented token still holds for its user; revokes it when the user's password
    changed behind the app (a raw UPDATE sends no signal). Records its last use."""
    user = token.user
    if not user.is_active or token.password_digest != password_digest(user.password):
        api_tokens_revoke_stale(user=user)
        return False
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return True


def api_tokens_on_user_saved(sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any):
    """post_save of the user model: a login only stamps last_login and changes nothing else."""
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    api_tokens_revoke_stale(user=instance)
