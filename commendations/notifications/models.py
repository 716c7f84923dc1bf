"""In-app notifications, and the record that a day's overdue digest was sent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    QUEUE = "queue", _("Việc cần xử lý")
    RETURNED = "returned", _("Hồ sơ bị trả lại")
    REJECTED = "rejected", _("Hồ sơ không được đề nghị")
    DECLINED = "declined", _("Hồ sơ không được khen thưởng")
    APPROVED = "approved", _("Hồ sơ được khen thưởng")
    DECISION = "decision", _("Quyết định mới ban hành")


class Notification(models.Model):
    """One message to one user: shown on their home page and e-mailed once by a task."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("loại"), max_length=16, choices=NotificationKind.choices)
    message = models.CharField(_("nội dung"), max_length=500)
    url = models.CharField(_("đường dẫn"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("đã xem lúc"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("đã gửi e-mail lúc"), null=True, blank=True)
    # The nomination a "waiting for you" notification is about, and when that step was over
    # (the nomination moved on): the home page shows it as done, not as still waiting.
    nomination = models.ForeignKey(
        "commendations.Nomination",
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    done_at = models.DateTimeField(_("đã xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.message


class OverdueDigest(models.Model):
    """One row per user and day: the daily digest is sent once even if the task runs twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    items = models.PositiveIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="digest_once_a_day")]

    def __str__(self) -> str:
        return f"{self.user} {self.day:%d/%m/%Y}"
