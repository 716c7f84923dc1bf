"""Campaigns, award types (Bằng khen, Giấy khen, …) and the two approving authorities."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commendations.units.models import UnitKind


class Authority(models.TextChoices):
    MINISTRY = "MINISTRY", _("Bộ trưởng Bộ Công an")
    PROVINCIAL_DIRECTOR = "PROVINCIAL_DIRECTOR", _("Giám đốc Công an tỉnh")


class NomineeKind(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")


class AwardType(models.Model):
    code = models.CharField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên hình thức khen thưởng"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=64, help_text=_("VD: Bằng khen"))
    authority = models.CharField(_("cấp quyết định"), max_length=32, choices=Authority.choices)
    accepts_collective = models.BooleanField(_("khen tập thể"), default=True)
    accepts_individual = models.BooleanField(_("khen cá nhân"), default=True)
    vote_share_required = models.DecimalField(
        _("tỷ lệ phiếu tán thành cần đạt"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.5"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("Số phiếu tán thành phải lớn hơn tỷ lệ này nhân số thành viên có mặt."),
    )
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("hình thức khen thưởng")
        verbose_name_plural = _("hình thức khen thưởng")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name

    def accepts(self, kind: str) -> bool:
        return {
            NomineeKind.COLLECTIVE: self.accepts_collective,
            NomineeKind.INDIVIDUAL: self.accepts_individual,
        }.get(kind, False)

    @property
    def accepted_kinds(self) -> list[str]:
        return [k for k in NomineeKind.values if self.accepts(k)]


class Campaign(models.Model):
    name = models.CharField(_("tên đợt / phong trào"), max_length=255)
    year = models.PositiveIntegerField(_("năm"))
    opens_on = models.DateField(_("bắt đầu nhận hồ sơ"))
    closes_on = models.DateField(_("hạn nhận hồ sơ"))
    award_types = models.ManyToManyField(
        AwardType, verbose_name=_("hình thức khen thưởng"), related_name="campaigns"
    )
    citation = models.CharField(
        _("nội dung thành tích in trên Bằng khen/Giấy khen"),
        max_length=500,
        help_text=_(
            "VD: Đã có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh "
            "Tổ quốc năm 2022"
        ),
    )
    description = models.TextField(_("mô tả"), blank=True)
    consolidation_levels = models.JSONField(
        _("cấp tổng hợp trước khi trình Hội đồng tỉnh"),
        default=list,
        blank=True,
        help_text=_(
            'Loại đơn vị phải tổng hợp, chuyển hồ sơ của đơn vị cấp dưới, VD: ["district"]. '
            "Để trống: hồ sơ gửi thẳng Hội đồng."
        ),
    )

    class Meta:
        verbose_name = _("đợt thi đua")
        verbose_name_plural = _("đợt thi đua")
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "year"], name="campaign_unique_name_year"),
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="campaign_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("Hạn nhận hồ sơ phải sau ngày bắt đầu.")})
        levels = self.consolidation_levels or []
        if not isinstance(levels, list) or set(levels) - set(UnitKind.values):
            raise ValidationError(
                {
                    "consolidation_levels": _("Chỉ chọn trong các loại đơn vị: %(kinds)s.")
                    % {"kinds": ", ".join(UnitKind.values)}
                }
            )

    def is_open(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.opens_on <= on <= self.closes_on
