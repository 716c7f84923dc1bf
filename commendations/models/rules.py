"""The rules of commendation as versioned data, and the nominee's history they are checked against.

The law's numbers change (Luật 06/2022/QH15, Nghị định 98/2023 → 152/2025, Thông tư 04/2024/TT-BCA):
a `RuleSet` holds them for one award type and one validity period, so a new circular is a new row,
not a code change. Conditions are named checks (commendations.rules.conditions) switched on here.
"""

import datetime
import math
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .nominations import AttachmentKind


class QuotaKind(models.TextChoices):
    NONE = "none", _("Không giới hạn")
    ABSOLUTE = "absolute", _("Số lượng tối đa")
    PERCENT = "percent", _("Tỷ lệ % quân số")


class RuleSetQuerySet(models.QuerySet):
    def in_force(self, award_type_id: int, on: datetime.date) -> "RuleSet | None":
        return (
            self.filter(award_type_id=award_type_id, valid_from__lte=on)
            .filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=on))
            .order_by("-valid_from")
            .first()
        )


class RuleSet(models.Model):
    award_type = models.ForeignKey(
        "commendations.AwardType",
        verbose_name=_("hình thức khen thưởng"),
        on_delete=models.PROTECT,
        related_name="rule_sets",
    )
    name = models.CharField(_("tên bộ quy tắc"), max_length=255)
    valid_from = models.DateField(_("áp dụng từ ngày"))
    valid_to = models.DateField(_("áp dụng đến ngày"), null=True, blank=True)
    legal_reference = models.TextField(
        _("căn cứ pháp lý"), help_text=_("VD: Luật 06/2022/QH15, Điều 74; Thông tư 04/2024/TT-BCA")
    )
    vote_share_required = models.DecimalField(
        _("tỷ lệ phiếu tán thành cần đạt"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.5"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("Số phiếu tán thành phải lớn hơn tỷ lệ này nhân số thành viên biểu quyết."),
    )
    quorum = models.PositiveIntegerField(
        _("số thành viên tối thiểu biểu quyết"),
        default=0,
        help_text=_("Không tính thành viên không tham gia xét (tránh xung đột lợi ích)."),
    )
    quota_kind = models.CharField(
        _("cách tính chỉ tiêu"), max_length=16, choices=QuotaKind.choices, default=QuotaKind.NONE
    )
    quota_value = models.DecimalField(
        _("chỉ tiêu"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_(
            "Số hồ sơ tối đa mỗi đơn vị mỗi đợt, hoặc % quân số của đơn vị (làm tròn lên)."
        ),
    )
    review_days = models.PositiveIntegerField(
        _("hạn thẩm định (ngày làm việc)"), null=True, blank=True
    )
    forward_days = models.PositiveIntegerField(
        _("hạn trình cấp có thẩm quyền (ngày làm việc)"), null=True, blank=True
    )
    decision_days = models.PositiveIntegerField(
        _("hạn ra quyết định (ngày làm việc)"), null=True, blank=True
    )
    required_documents = models.JSONField(
        _("tài liệu bắt buộc trong hồ sơ"), default=list, blank=True
    )
    conditions = models.JSONField(_("điều kiện áp dụng"), default=list, blank=True)

    objects = RuleSetQuerySet.as_manager()

    class Meta:
        verbose_name = _("bộ quy tắc khen thưởng")
        verbose_name_plural = _("bộ quy tắc khen thưởng")
        ordering = ["award_type", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["award_type", "valid_from"], name="ruleset_unique_award_start"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="ruleset_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from ..rules.conditions import REGISTRY

        errors: dict[str, str] = {}
        unknown_docs = set(self.required_documents or []) - set(AttachmentKind.values)
        if unknown_docs:
            errors["required_documents"] = _("Loại tài liệu không hợp lệ: %(kinds)s.") % {
                "kinds": ", ".join(sorted(unknown_docs))
            }
        unknown_conditions = set(self.conditions or []) - set(REGISTRY)
        if unknown_conditions:
            errors["conditions"] = _("Điều kiện không có trong danh mục: %(codes)s.") % {
                "codes": ", ".join(sorted(unknown_conditions))
            }
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            errors["valid_to"] = _("Ngày kết thúc phải sau ngày bắt đầu áp dụng.")
        if self.award_type_id and self.valid_from:
            overlapping = RuleSet.objects.filter(award_type_id=self.award_type_id).exclude(
                pk=self.pk
            )
            end = self.valid_to or datetime.date.max
            for other in overlapping:
                if other.valid_from <= end and (other.valid_to or datetime.date.max) >= (
                    self.valid_from
                ):
                    errors["valid_from"] = _(
                        "Thời gian áp dụng trùng với bộ quy tắc “%(other)s”."
                    ) % {"other": other.name}
                    break
        if errors:
            raise ValidationError(errors)

    def quota_limit(self, headcount: int) -> int | None:
        """None means no limit."""
        if self.quota_kind == QuotaKind.ABSOLUTE:
            return int(self.quota_value)
        if self.quota_kind == QuotaKind.PERCENT:
            return math.ceil(Decimal(headcount) * self.quota_value / Decimal(100))
        return None


class PublicHoliday(models.Model):
    """Days off besides weekends, for counting working-day deadlines (Tết, 30/4, 2/9...)."""

    date = models.DateField(_("ngày"), unique=True)
    name = models.CharField(_("tên ngày nghỉ"), max_length=255)

    class Meta:
        verbose_name = _("ngày nghỉ lễ")
        verbose_name_plural = _("ngày nghỉ lễ")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.name}"


class Person(models.Model):
    """An individual whose history is kept: an officer (by personnel code) or a citizen."""

    code = models.CharField(
        _("mã cán bộ / số định danh"), max_length=32, unique=True, help_text=_("Duy nhất.")
    )
    full_name = models.CharField(_("họ và tên"), max_length=255)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    unit = models.ForeignKey(
        "commendations.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )

    class Meta:
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")
        ordering = ["full_name", "code"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.code})"


class HonourKind(models.TextChoices):
    """Titles (danh hiệu) and awards (hình thức khen thưởng) that appear in a nominee's history."""

    EXCELLENT_DUTY = "htxsnv", _("Hoàn thành xuất sắc nhiệm vụ")
    ADVANCED_SOLDIER = "cstt", _("Chiến sĩ tiên tiến")
    GRASSROOTS_EMULATION = "cstdcs", _("Chiến sĩ thi đua cơ sở")
    DETERMINED_UNIT = "dvqt", _("Đơn vị quyết thắng")
    DIRECTOR_CERTIFICATE = "gk_gd", _("Giấy khen của Giám đốc Công an tỉnh")
    MINISTRY_CERTIFICATE = "bk_bca", _("Bằng khen của Bộ trưởng Bộ Công an")


def _one_subject(prefix: str = "") -> models.Q:
    person = f"{prefix}person__isnull"
    unit = f"{prefix}unit__isnull"
    return models.Q(**{person: False, unit: True}) | models.Q(**{person: True, unit: False})


class HonourRecord(models.Model):
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="honours"
    )
    unit = models.ForeignKey(
        "commendations.Unit",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="honour_records",
    )
    year = models.PositiveIntegerField(_("năm"))
    kind = models.CharField(_("danh hiệu / hình thức"), max_length=16, choices=HonourKind.choices)
    reference = models.CharField(_("số quyết định"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("danh hiệu, khen thưởng đã có")
        verbose_name_plural = _("danh hiệu, khen thưởng đã có")
        ordering = ["-year", "kind"]
        constraints = [
            models.CheckConstraint(condition=_one_subject(), name="honour_one_subject"),
            models.UniqueConstraint(
                fields=["person", "year", "kind"], name="honour_unique_person_year_kind"
            ),
            models.UniqueConstraint(
                fields=["unit", "year", "kind"], name="honour_unique_unit_year_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"


class Initiative(models.Model):
    """A recognised initiative (sáng kiến). It may support one award only (Luật 06/2022, Điều 5)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="initiatives")
    title = models.CharField(_("tên sáng kiến"), max_length=500)
    year = models.PositiveIntegerField(_("năm công nhận"))
    recognised_by = models.CharField(_("cấp công nhận / quyết định"), max_length=255, blank=True)
    used_for = models.ForeignKey(
        HonourRecord,
        verbose_name=_("đã dùng để xét"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives_used",
        help_text=_("Danh hiệu/khen thưởng đã dùng sáng kiến này (không được dùng lại)."),
    )

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["-year", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "title", "year"], name="initiative_unique_person_title_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class DisciplinaryKind(models.TextChoices):
    DISCIPLINE = "discipline", _("Đang xem xét hoặc thi hành kỷ luật")
    INVESTIGATION = "investigation", _("Đang bị điều tra, thanh tra, kiểm tra")
    COMPLAINT = "complaint", _("Có đơn thư khiếu nại, tố cáo đang giải quyết")


class DisciplinaryRecord(models.Model):
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="disciplinary"
    )
    unit = models.ForeignKey(
        "commendations.Unit",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="disciplinary_records",
    )
    kind = models.CharField(_("loại"), max_length=16, choices=DisciplinaryKind.choices)
    started_on = models.DateField(_("từ ngày"))
    ended_on = models.DateField(_("đến ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("kỷ luật, điều tra, khiếu nại")
        verbose_name_plural = _("kỷ luật, điều tra, khiếu nại")
        ordering = ["-started_on"]
        constraints = [
            models.CheckConstraint(condition=_one_subject(), name="disciplinary_one_subject")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.started_on:%d/%m/%Y})"

    def is_active(self, on: datetime.date) -> bool:
        return self.started_on <= on and (self.ended_on is None or self.ended_on >= on)


class NomineeLink(models.Model):
    """Which person of the history an individual nomination is about."""

    nomination = models.OneToOneField(
        "commendations.Nomination", on_delete=models.CASCADE, related_name="nominee_link"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="nomination_links")

    class Meta:
        verbose_name = _("người được đề nghị")
        verbose_name_plural = _("người được đề nghị")

    def __str__(self) -> str:
        return str(self.person)


class NominationEvidence(models.Model):
    """A past title or an initiative a nomination relies on."""

    nomination = models.ForeignKey(
        "commendations.Nomination", on_delete=models.CASCADE, related_name="evidence"
    )
    honour = models.ForeignKey(
        HonourRecord, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    initiative = models.ForeignKey(
        Initiative,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evidence_uses",
    )

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(honour__isnull=False, initiative__isnull=True)
                | models.Q(honour__isnull=True, initiative__isnull=False),
                name="evidence_one_item",
            ),
            models.UniqueConstraint(
                fields=["nomination", "initiative"], name="evidence_unique_initiative"
            ),
            models.UniqueConstraint(fields=["nomination", "honour"], name="evidence_unique_honour"),
        ]

    def __str__(self) -> str:
        return str(self.initiative or self.honour)


class EligibilityConfirmation(models.Model):
    """A reviewer's explicit confirmation of a condition the system could not decide."""

    nomination = models.ForeignKey(
        "commendations.Nomination", on_delete=models.CASCADE, related_name="eligibility_confirmed"
    )
    code = models.CharField(_("điều kiện"), max_length=64)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("căn cứ xác nhận"))
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("xác nhận điều kiện")
        verbose_name_plural = _("xác nhận điều kiện")
        constraints = [
            models.UniqueConstraint(fields=["nomination", "code"], name="confirmation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.confirmed_by}"


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


class Revocation(models.Model):
    """An annulled decision (certificate empty) or a single annulled award (Luật 06/2022/QH15:
    fraud, false documents, unlawful review). Its certificates verify as revoked."""

    decision = models.ForeignKey(
        "commendations.Decision",
        verbose_name=_("quyết định"),
        on_delete=models.PROTECT,
        related_name="revocations",
    )
    certificate = models.OneToOneField(
        "commendations.Certificate",
        verbose_name=_("Bằng khen/Giấy khen"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revocation",
    )
    reason = models.TextField(_("lý do thu hồi, hủy bỏ"))
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("thu hồi, hủy bỏ quyết định khen thưởng")
        verbose_name_plural = _("thu hồi, hủy bỏ quyết định khen thưởng")
        constraints = [
            models.UniqueConstraint(
                fields=["decision"],
                condition=models.Q(certificate__isnull=True),
                name="revocation_one_per_decision",
            )
        ]

    def __str__(self) -> str:
        return str(self.certificate or self.decision)


class PrinterCalibration(models.Model):
    """A printer's offset: what it shifts the page by, measured on the calibration test page."""

    name = models.CharField(_("máy in"), max_length=128, unique=True)
    offset_x_mm = models.DecimalField(
        _("lệch ngang (mm)"), max_digits=5, decimal_places=1, default=0
    )
    offset_y_mm = models.DecimalField(_("lệch dọc (mm)"), max_digits=5, decimal_places=1, default=0)

    class Meta:
        verbose_name = _("căn chỉnh máy in")
        verbose_name_plural = _("căn chỉnh máy in")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BlankLayout(models.Model):
    """Where each variable field goes on a pre-printed blank (phôi), x/y in mm from the top-left
    corner of the sheet. `fields`: {"recipient_name": {"x": 200, "y": 120, "size": 18,
    "bold": true, "align": "center"}, ..., "qr": {"x": 30, "y": 250, "size": 22}}."""

    kind = models.CharField(_("loại phôi"), max_length=16, unique=True)
    page_width_mm = models.DecimalField(_("khổ ngang (mm)"), max_digits=5, decimal_places=1)
    page_height_mm = models.DecimalField(_("khổ dọc (mm)"), max_digits=5, decimal_places=1)
    fields = models.JSONField(_("vị trí các trường"), default=dict)

    class Meta:
        verbose_name = _("bố cục in trên phôi")
        verbose_name_plural = _("bố cục in trên phôi")

    def __str__(self) -> str:
        return self.kind
