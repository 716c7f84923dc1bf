"""In-app notifications, and the record that a day's overdue digest was sent."""

import contextlib
import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from commendations.nominations.models import NominationState


class NotificationKind(models.TextChoices):
    QUEUE = "queue", _("Việc cần xử lý")
    RETURNED = "returned", _("Hồ sơ bị trả lại")
    REJECTED = "rejected", _("Hồ sơ không được đề nghị")
    DECLINED = "declined", _("Hồ sơ không được khen thưởng")
    APPROVED = "approved", _("Hồ sơ được khen thưởng")
    DECISION = "decision", _("Quyết định mới ban hành")


class NotificationCode(models.TextChoices):
    """What a notification says, as a code: its sentence is rendered from the code and its
    parameters in the reader's language when shown (never stored as a sentence)."""

    WAITING = "waiting", _("Hồ sơ đang chờ xử lý")
    OUTCOME = "outcome", _("Kết quả hồ sơ")
    AWARDED = "awarded", _("Hồ sơ được khen thưởng")
    DECISION_ISSUED = "decision_issued", _("Quyết định đã ban hành")
    REPLACEMENT_WAITING = "replacement_waiting", _("Đề nghị cấp lại chờ duyệt")


# The sentence of each code (msgids marked here, translated when shown).
SENTENCES = {
    NotificationCode.WAITING: _("Hồ sơ “%(name)s” (%(unit)s) đang chờ anh/chị xử lý: %(state)s."),
    NotificationCode.OUTCOME: _("Hồ sơ “%(name)s”: %(state)s."),
    NotificationCode.AWARDED: _("Hồ sơ “%(name)s” được khen thưởng theo %(decision)s."),
    NotificationCode.DECISION_ISSUED: _(
        "%(decision)s đã ban hành (%(count)s hồ sơ): cần in Bằng khen/Giấy khen."
    ),
    NotificationCode.REPLACEMENT_WAITING: _(
        "Đề nghị cấp lại Bằng khen/Giấy khen số %(number)s đang chờ anh/chị duyệt."
    ),
}


def decision_params(decision: Any) -> dict[str, str]:
    """A decision as a notification names it: its number and date (ISO), worded when shown."""
    return {
        "decision_number": decision.number,
        "decision_date": decision.date.isoformat() if decision.date else "",
    }


def _shown(params: dict[str, Any]) -> dict[str, Any]:
    """The parameters worded in the active language: a state's label, a decision's title."""
    shown = dict(params)
    if "state" in shown:
        with contextlib.suppress(ValueError):
            shown["state"] = NominationState(shown["state"]).label
    if "decision_number" in shown:
        day = shown.get("decision_date") or ""
        with contextlib.suppress(ValueError):
            day = datetime.date.fromisoformat(day).strftime("%d/%m/%Y")
        shown["decision"] = gettext("Quyết định số %(number)s ngày %(date)s") % {
            "number": shown["decision_number"],
            "date": day,
        }
    return {key: str(value) for key, value in shown.items()}


class Notification(models.Model):
    """One message to one user: shown on their home page and e-mailed once by a task. What it
    says is `code` + `params`, worded in the reader's language when shown (`text`); `message`
    holds only the sentence of a row written before codes (or a code not known any more)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("loại"), max_length=16, choices=NotificationKind.choices)
    code = models.CharField(
        _("mã nội dung"), max_length=32, choices=NotificationCode.choices, blank=True
    )
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    message = models.CharField(_("nội dung (thông báo cũ)"), max_length=500, blank=True)
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
        return self.text

    @property
    def text(self) -> str:
        """The sentence in the active language (the request's, or the e-mail's)."""
        sentence = SENTENCES.get(self.code)
        if sentence is None:
            return self.message
        try:
            return str(sentence) % _shown(self.params or {})
        except (KeyError, TypeError, ValueError):
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
