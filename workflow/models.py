"""The audit trail: one row per state change of any workflow object (TransitionLog) and one per
named action that changes no state (AuditEvent). Rows are never changed."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditLogImmutable(Exception):
    """Raised when code tries to change or delete an audit row."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):  # type: ignore[override]
        raise AuditLogImmutable("The audit trail cannot be changed.")

    def delete(self):  # type: ignore[override]
        raise AuditLogImmutable("The audit trail cannot be deleted.")

    def for_object(self, instance: models.Model) -> "AuditQuerySet":
        return self.filter(
            content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk
        )


class AppendOnly(models.Model):
    """Rows are inserted, never changed or deleted (PostgreSQL triggers hold the same rule)."""

    objects = AuditQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AuditLogImmutable("The audit trail cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[override]
        raise AuditLogImmutable("The audit trail cannot be deleted.")


class TransitionLog(AppendOnly):
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    transition = models.CharField(_("chuyển trạng thái"), max_length=64)
    source_state = models.CharField(_("từ trạng thái"), max_length=32)
    target_state = models.CharField(_("đến trạng thái"), max_length=32)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transition_logs",
    )
    system = models.BooleanField(
        _("hệ thống thực hiện"), default=False, help_text=_("Không có người thực hiện: hệ thống.")
    )
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    comment = models.TextField(_("ý kiến"), blank=True)
    data = models.JSONField(_("dữ liệu kèm theo"), default=dict, blank=True)

    class Meta:
        verbose_name = _("nhật ký chuyển trạng thái")
        verbose_name_plural = _("nhật ký chuyển trạng thái")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.transition}: {self.source_state} → {self.target_state}"


class AuditEvent(AppendOnly):
    """An action that changes no state but must be on the record (a recusal, a confirmation, a
    revocation). `kind` is a value of the owning app's enum, never free text read back by code:
    routing decisions live on the models, the audit trail is only for people."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("sự kiện"), max_length=64)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events",
    )
    system = models.BooleanField(_("hệ thống thực hiện"), default=False)
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    comment = models.TextField(_("ý kiến"), blank=True)
    data = models.JSONField(_("dữ liệu kèm theo"), default=dict, blank=True)

    class Meta:
        verbose_name = _("nhật ký sự kiện")
        verbose_name_plural = _("nhật ký sự kiện")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self) -> str:
        return self.kind
