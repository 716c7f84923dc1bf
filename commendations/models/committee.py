"""The committee's sessions: per-member votes and recusals, so the tally is computed, not typed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CommitteeSession(models.Model):
    """One sitting of the Hội đồng Thi đua - Khen thưởng: who sat, when."""

    campaign = models.ForeignKey(
        "commendations.Campaign",
        verbose_name=_("đợt thi đua"),
        on_delete=models.PROTECT,
        related_name="committee_sessions",
    )
    held_on = models.DateField(_("ngày họp"))
    title = models.CharField(_("phiên họp"), max_length=255)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("thành viên dự họp"), related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("phiên họp Hội đồng")
        verbose_name_plural = _("phiên họp Hội đồng")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"


class VoteChoice(models.TextChoices):
    FOR = "for", _("Tán thành")
    AGAINST = "against", _("Không tán thành")
    ABSTAIN = "abstain", _("Không biểu quyết")


class Vote(models.Model):
    session = models.ForeignKey(CommitteeSession, on_delete=models.CASCADE, related_name="votes")
    nomination = models.ForeignKey(
        "commendations.Nomination", on_delete=models.CASCADE, related_name="votes"
    )
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("biểu quyết"), max_length=8, choices=VoteChoice.choices)
    cast_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("phiếu biểu quyết")
        verbose_name_plural = _("phiếu biểu quyết")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "nomination", "member"], name="vote_one_per_member"
            ),
            models.CheckConstraint(
                condition=models.Q(choice__in=VoteChoice.values), name="vote_choice_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_choice_display()}"


class Recusal(models.Model):
    """A member stands aside from one nomination: own unit, or a declared conflict of interest."""

    session = models.ForeignKey(CommitteeSession, on_delete=models.CASCADE, related_name="recusals")
    nomination = models.ForeignKey(
        "commendations.Nomination", on_delete=models.CASCADE, related_name="recusals"
    )
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("lý do không tham gia xét"))
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("không tham gia xét (xung đột lợi ích)")
        verbose_name_plural = _("không tham gia xét (xung đột lợi ích)")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "nomination", "member"], name="recusal_one_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.reason}"
