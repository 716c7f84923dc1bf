"""The rules of commendation as dated data (a new circular is a new row, not a code change), and
what a nomination's dossier records about them."""

import datetime
import math
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from commendations.campaigns.models import Authority
from commendations.units.models import HonourRecord, Initiative, Person
from commendations.validity import ValidityQuerySet, Versioned, period_constraint


class AttachmentKind(models.TextChoices):
    COVER_LETTER = "to_trinh", _("Tờ trình")
    ACHIEVEMENT_REPORT = "bao_cao_thanh_tich", _("Báo cáo thành tích")
    MEETING_MINUTES = "bien_ban_hop", _("Biên bản họp Hội đồng TĐKT")
    EVIDENCE = "minh_chung", _("Tài liệu minh chứng")
    OTHER = "khac", _("Tài liệu khác")


class ConditionCode(models.TextChoices):
    """The named checks a rule set can switch on; each has its check in `eligibility.conditions`."""

    INDIVIDUAL_MINISTRY_RECORD = (
        "individual_ministry_record",
        _(
            "2 năm liên tục đạt “Chiến sĩ thi đua cơ sở”, hoặc từ 2 năm liên tục “Hoàn thành xuất "
            "sắc nhiệm vụ” và có 2 sáng kiến được công nhận (Luật 06/2022/QH15, Điều 74 khoản 1 "
            "điểm d)"
        ),
    )
    NO_PENDING_DISCIPLINE = (
        "no_pending_discipline",
        _("Không đang bị xem xét kỷ luật, thi hành kỷ luật, điều tra hoặc khiếu nại, tố cáo"),
    )
    NOT_ALREADY_COMMENDED = (
        "not_already_commended",
        _(
            "Một thành tích chỉ khen một lần, một hình thức; sáng kiến chỉ dùng một lần "
            "(Luật 06/2022/QH15, Điều 5)"
        ),
    )


class QuotaKind(models.TextChoices):
    NONE = "none", _("Không giới hạn")
    ABSOLUTE = "absolute", _("Số lượng tối đa")
    PERCENT = "percent", _("Tỷ lệ % quân số")


class ProcedureStep(models.TextChoices):
    """The steps a nomination's path may pass (the simplified procedure lists the ones that
    apply to it: Luật 06/2022/QH15 Điều 85, Nghị định 98/2023/NĐ-CP Điều 40)."""

    UNIT_COUNCIL = "unit_council", _("Hội đồng Thi đua - Khen thưởng cấp đơn vị")
    COUNCIL_SESSION = "council_session", _("Phiên họp Hội đồng Thi đua - Khen thưởng")
    DESIGNATED_REVIEW = "designated_review", _("Thẩm định của cán bộ được giao (không họp)")
    DECISION = "decision", _("Quyết định của cấp có thẩm quyền")


class RuleSet(Versioned):
    """The rules of one award type between two dates; versions of one award type never
    overlap."""

    validity_key = ("award_type",)

    award_type = models.ForeignKey(
        "commendations.AwardType",
        verbose_name=_("hình thức khen thưởng"),
        on_delete=models.PROTECT,
        related_name="rule_sets",
    )
    name = models.CharField(_("tên bộ quy tắc"), max_length=255)
    valid_from = models.DateField(_("áp dụng từ ngày"))
    valid_to = models.DateField(
        _("hết áp dụng từ ngày"),
        null=True,
        blank=True,
        help_text=_("Ngày đầu tiên không còn áp dụng; để trống nếu vẫn áp dụng."),
    )
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
    # The simplified procedure (a sudden feat, an achievement found by the head of the unit, a
    # dossier with state secrets): which steps apply and the deadline, as data of the rule set
    # in force, never as conditions in the screens. Empty: the ordinary path applies.
    simplified_steps = models.JSONField(
        _("các bước của thủ tục đơn giản"),
        default=list,
        blank=True,
        help_text=_(
            'VD: ["designated_review", "decision"]: không họp Hội đồng, cán bộ được giao thẩm '
            "định. Để trống: theo quy trình thường."
        ),
    )
    simplified_days = models.PositiveIntegerField(
        _("hạn khen thưởng theo thủ tục đơn giản (ngày, tính từ ngày lập thành tích)"),
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("bộ quy tắc khen thưởng")
        verbose_name_plural = _("bộ quy tắc khen thưởng")
        ordering = ["award_type", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["award_type", "valid_from"], name="ruleset_unique_award_start"
            ),
            period_constraint("ruleset_period_ordered"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, object] = dict(self.validity_errors())
        unknown_docs = set(self.required_documents or []) - set(AttachmentKind.values)
        if unknown_docs:
            errors["required_documents"] = _("Loại tài liệu không hợp lệ: %(kinds)s.") % {
                "kinds": ", ".join(sorted(unknown_docs))
            }
        unknown_conditions = set(self.conditions or []) - set(ConditionCode.values)
        if unknown_conditions:
            errors["conditions"] = _("Điều kiện không có trong danh mục: %(codes)s.") % {
                "codes": ", ".join(sorted(unknown_conditions))
            }
        unknown_steps = set(self.simplified_steps or []) - set(ProcedureStep.values)
        if unknown_steps:
            errors["simplified_steps"] = _("Bước không có trong danh mục: %(steps)s.") % {
                "steps": ", ".join(sorted(unknown_steps))
            }
        if errors:
            raise ValidationError(errors)

    @property
    def simplified_without_session(self) -> bool:
        """The simplified path skips the council's session (designated officers review)."""
        steps = self.simplified_steps or []
        return bool(steps) and ProcedureStep.COUNCIL_SESSION not in steps

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


def _date_words(date: datetime.date) -> str:
    """As documents.layout.date_words prints a date (a sibling layer: not imported here)."""
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"ngày {date.day:02d} tháng {month} năm {date.year}"


class LegalBasisQuerySet(ValidityQuerySet):
    def citable(
        self, *, on: datetime.date, authority: str = "", award_type_id: int | None = None
    ) -> "LegalBasisQuerySet":
        """The texts a document dated `on` may cite: in force that day, for its authority (or
        any) and its award type (or any)."""
        rows = self.in_force(on).filter(models.Q(authority="") | models.Q(authority=authority))
        if award_type_id is not None:
            rows = rows.filter(
                models.Q(award_types__isnull=True) | models.Q(award_types=award_type_id)
            )
        return rows.distinct().order_by("sort_order", "valid_from", "pk")


class LegalBasis(Versioned):
    """One "Căn cứ …;" line of a decision or a Tờ trình, with the dates it is in force: a
    decision of 06/03/2023 cites Luật Thi đua, khen thưởng 2003 and Nghị định 91/2017, one of
    2026 Luật 06/2022/QH15 and Nghị định 152/2025. Versions of one text (its number) for one
    authority never overlap."""

    validity_key = ("short_name", "authority")

    class Kind(models.TextChoices):
        LAW = "law", _("Luật")
        DECREE = "decree", _("Nghị định")
        CIRCULAR = "circular", _("Thông tư")
        OTHER = "other", _("Văn bản khác")

    short_name = models.CharField(
        _("số hiệu"), max_length=64, help_text=_("VD: 91/2017/NĐ-CP; 06/2022/QH15")
    )
    kind = models.CharField(_("loại văn bản"), max_length=16, choices=Kind.choices)
    citation = models.TextField(
        _("dòng căn cứ in trên văn bản"),
        help_text=_("Cả dòng, kết thúc bằng dấu “;”. VD: Căn cứ Luật Thi đua, khen thưởng …;"),
    )
    authority = models.CharField(
        _("chỉ dùng cho cấp"),
        max_length=32,
        blank=True,
        choices=[("", _("Mọi cấp")), *Authority.choices],
    )
    award_types = models.ManyToManyField(
        "commendations.AwardType",
        verbose_name=_("chỉ dùng cho hình thức"),
        blank=True,
        related_name="legal_bases",
        help_text=_("Để trống: mọi hình thức khen thưởng."),
    )
    sort_order = models.PositiveIntegerField(
        _("thứ tự in"), default=0, help_text=_("Luật trước, rồi nghị định, rồi thông tư.")
    )
    note = models.CharField(_("ghi chú, nguồn"), max_length=255, blank=True)
    issued_on = models.DateField(
        _("ngày ban hành"),
        null=True,
        blank=True,
        help_text=_("Dòng căn cứ phải ghi ngày này (“ngày 31 tháng 7 năm 2017”)."),
    )
    issuer = models.CharField(
        _("cơ quan ban hành"),
        max_length=120,
        blank=True,
        help_text=_("VD: Chính phủ; Bộ trưởng Bộ Công an. Để trống với luật."),
    )
    date_verified = models.BooleanField(
        _("ngày đã đối chiếu bản gốc"),
        default=True,
        help_text=_("Bỏ chọn khi ngày ban hành hoặc ngày hiệu lực chưa đối chiếu với văn bản gốc."),
    )

    objects = LegalBasisQuerySet.as_manager()

    class Meta:
        verbose_name = _("căn cứ pháp lý")
        verbose_name_plural = _("căn cứ pháp lý")
        ordering = ["sort_order", "valid_from"]
        constraints = [
            period_constraint("legalbasis_dates_ordered"),
        ]

    def clean(self) -> None:
        """A cited text carries its date (and, unless it is a law, its issuer): Nghị định
        30/2020 cites "Nghị định số …/…/NĐ-CP ngày … của Chính phủ"."""
        super().clean()
        errors = {}
        if self.issued_on is None:
            errors["issued_on"] = _("Nhập ngày ban hành của văn bản.")
        elif _date_words(self.issued_on) not in (self.citation or ""):
            errors["citation"] = _("Dòng căn cứ phải ghi ngày ban hành: “%(date)s”.") % {
                "date": _date_words(self.issued_on)
            }
        if self.issuer and f"của {self.issuer}" not in (self.citation or ""):
            errors.setdefault(
                "citation",
                _("Dòng căn cứ phải ghi cơ quan ban hành: “của %(issuer)s”.")
                % {"issuer": self.issuer},
            )
        if errors:
            raise ValidationError(errors)

    def __str__(self) -> str:
        end = f"hết hiệu lực từ {self.valid_to:%d/%m/%Y}" if self.valid_to else "…"
        return f"{self.short_name} ({self.valid_from:%d/%m/%Y} – {end})"
