"""Quyết định khen thưởng: number, date, signer, the authority that issues it, its state."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from commendations.access import permissions
from commendations.campaigns.models import Authority

DECISION_NUMBER_RE = re.compile(r"^\d{1,6}/\S+$")


class DecisionState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")


class Decision(ConcurrentTransitionMixin, models.Model):
    """Quyết định khen thưởng: the act that approves a list of nominations."""

    authority = models.CharField(_("cấp quyết định"), max_length=32, choices=Authority.choices)
    number = models.CharField(_("số quyết định"), max_length=64, help_text=_("VD: 123/QĐ-CAT-PV05"))
    date = models.DateField(_("ngày ký"))
    year = models.PositiveIntegerField(_("năm"), editable=False)
    signer_name = models.CharField(_("người ký"), max_length=255)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=255)
    place = models.CharField(_("địa danh"), max_length=100, default=settings.CERTIFICATE_PLACE)
    scan = models.FileField(
        _("bản quét quyết định"), upload_to="decisions/scans/", blank=True, max_length=500
    )
    state = FSMField(
        _("trạng thái"), default=DecisionState.DRAFT, choices=DecisionState.choices, protected=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    issued_at = models.DateTimeField(_("thời điểm ban hành"), null=True, blank=True)

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "year", "number"], name="decision_number_unique_per_year"
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=DecisionState.values), name="decision_state_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(authority__in=Authority.values), name="decision_authority_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(state=DecisionState.ISSUED) | models.Q(issued_at__isnull=False),
                name="decision_issued_has_time",
            ),
        ]

    def __str__(self) -> str:
        return _("Quyết định số %(number)s ngày %(date)s") % {
            "number": self.number,
            "date": self.date.strftime("%d/%m/%Y") if self.date else "",
        }

    def save(self, *args, **kwargs) -> None:
        if self.date:
            self.year = self.date.year
        self.number = (self.number or "").strip()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("decision_detail", args=[self.pk])

    def clean(self) -> None:
        if self.number and not DECISION_NUMBER_RE.match(self.number.strip()):
            raise ValidationError(
                {"number": _("Số quyết định phải có dạng “123/QĐ-...”, ví dụ 123/QĐ-CAT-PV05.")}
            )

    @property
    def is_draft(self) -> bool:
        return self.state == DecisionState.DRAFT

    @transition(
        field=state,
        source=DecisionState.DRAFT,
        target=DecisionState.ISSUED,
        permission=permissions.can_issue_decision,
        custom={"label": _("Ban hành quyết định"), "internal": True},
    )
    def issue(
        self, *, actor=None, comment: str = "", audit: dict, nomination_count: int = 0
    ) -> None:
        self.issued_at = timezone.now()
        audit["nominations"] = nomination_count
