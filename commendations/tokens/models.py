"""An API token, stored as a digest of its key (the key is shown once, when issued)."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def key_digest(key: str) -> str:
    """SHA-256 of a key: keys are 256 random bits, so a fast digest is enough."""
    return hashlib.sha256(key.encode()).hexdigest()


def password_digest(password_hash: str) -> str:
    """What a token remembers of its user's password hash: it stops working when that changes."""
    return hashlib.sha256(password_hash.encode()).hexdigest()


class RevokedReason(models.TextChoices):
    OWNER = "owner", _("Người dùng thu hồi")
    PASSWORD_CHANGED = "password_changed", _("Đổi mật khẩu")
    DEACTIVATED = "deactivated", _("Tài khoản bị khóa")


class ApiTokenQuerySet(models.QuerySet):
    def active(self) -> "ApiTokenQuerySet":
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("tên"), max_length=100, blank=True)
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("mã đầu"), max_length=8, editable=False)
    password_digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    expires_at = models.DateTimeField(_("hết hạn"))
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_reason = models.CharField(
        _("lý do thu hồi"), max_length=20, choices=RevokedReason.choices, blank=True
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "revoked_at"], name="apitoken_user_revoked")]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @property
    def active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
