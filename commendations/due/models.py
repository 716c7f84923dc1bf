"""Chains of titles over years as dated data: N consecutive years of one title (and, for some,
an initiative recognised at a level) make someone due for another."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from commendations.campaigns.models import AwardType, NomineeKind
from commendations.units.models import InitiativeLevel
from commendations.validity import Versioned, period_constraint


class ChainRule(Versioned):
    """`years` consecutive years of `source` make a subject due for `target` in the following
    year (and `initiative_level`, when set, an unused initiative recognised at that level or
    above). Law 06/2022: CSTĐ cơ sở ×3 → CSTĐ CAND (Điều 22); CSTĐ cấp bộ ×2 → CSTĐ toàn quốc
    (Điều 21); CSTĐ cơ sở ×2 → Bằng khen của Bộ trưởng (Điều 74 khoản 1 điểm d)."""

    validity_key = None

    subject_kind = models.CharField(_("đối tượng"), max_length=16, choices=NomineeKind.choices)
    source = models.ForeignKey(
        AwardType,
        verbose_name=_("danh hiệu liên tục"),
        on_delete=models.PROTECT,
        related_name="chains_from",
    )
    years = models.PositiveSmallIntegerField(_("số năm liên tục"))
    target = models.ForeignKey(
        AwardType,
        verbose_name=_("được xét"),
        on_delete=models.PROTECT,
        related_name="chains_to",
    )
    initiative_level = models.CharField(
        _("cần sáng kiến cấp"), max_length=16, choices=InitiativeLevel.choices, blank=True
    )
    legal_reference = models.CharField(_("căn cứ pháp lý"), max_length=255)
    verified = models.BooleanField(
        _("đã đối chiếu văn bản"),
        default=True,
        help_text=_("Bỏ chọn khi quy định chưa được đối chiếu với văn bản gốc."),
    )

    class Meta:
        verbose_name = _("chuỗi danh hiệu")
        verbose_name_plural = _("chuỗi danh hiệu")
        ordering = ["subject_kind", "target__sort_order", "valid_from"]
        constraints = [
            period_constraint("chainrule_ends_after_start"),
            models.CheckConstraint(
                condition=models.Q(years__gte=1), name="chainrule_years_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} × {self.years} → {self.target}"
