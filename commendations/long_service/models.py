"""The thresholds of the long-service awards as dated data: a new circular is a new row, and each
row names its source and whether its figure was checked against the text (DOMAIN.md: the figures
come from secondary pages)."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from commendations.units.models import HonourKind, Sex
from commendations.validity import Versioned, period_constraint


class ServiceBasis(models.TextChoices):
    """Which time a threshold counts."""

    POLICE = "police", _("Thời gian công tác trong Công an nhân dân")
    GRASSROOTS = "grassroots", _("Thời gian tham gia lực lượng bảo vệ an ninh, trật tự ở cơ sở")
    LEADING_POST = "leading_post", _("Thời gian giữ chức vụ lãnh đạo")


class LongServiceThreshold(Versioned):
    """One way to become due for a long-service award between two dates: `years` of the `basis`
    (for one sex, or any when empty). `family`: awards of one family (the classes of Huy chương
    Chiến sĩ vẻ vang) are proposed one at a time, the highest reached. `excluded_by`: holding any
    of these honours bars it (the award itself, a higher class, the medals that bar the Kỷ niệm
    chương)."""

    validity_key = ("award", "basis", "sex")

    award = models.CharField(_("hình thức"), max_length=16, choices=HonourKind.choices)
    basis = models.CharField(_("thời gian tính"), max_length=16, choices=ServiceBasis.choices)
    sex = models.CharField(
        _("giới tính"),
        max_length=8,
        choices=Sex.choices,
        blank=True,
        help_text=_("Để trống: áp dụng cho cả nam và nữ."),
    )
    years = models.PositiveSmallIntegerField(_("số năm"), validators=[MinValueValidator(1)])
    difficult_area_counts_double = models.BooleanField(
        _("thời gian ở địa bàn đặc biệt khó khăn tính gấp đôi"), default=False
    )
    family = models.CharField(_("nhóm hạng"), max_length=16, blank=True)
    excluded_by = models.JSONField(_("không xét nếu đã có"), default=list, blank=True)
    deciding_authority = models.CharField(_("cấp quyết định"), max_length=128)
    source = models.CharField(_("văn bản quy định"), max_length=160)
    verified = models.BooleanField(
        _("đã đối chiếu văn bản"),
        default=False,
        help_text=_("Bỏ chọn nếu con số lấy từ nguồn thứ cấp, chưa đối chiếu nguyên văn."),
    )

    class Meta:
        verbose_name = _("niên hạn khen thưởng")
        verbose_name_plural = _("niên hạn khen thưởng")
        ordering = ["award", "basis", "sex", "-valid_from"]
        constraints = [period_constraint("longservicethreshold_dates_ordered")]

    def __str__(self) -> str:
        return f"{self.get_award_display()}: {self.years} năm ({self.source})"
