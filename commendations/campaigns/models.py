"""Campaigns, award types (Bằng khen, Giấy khen, …) and the two approving authorities."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commendations.signatures.images import validate_uploaded_image
from commendations.units.models import UnitKind
from commendations.validity import Versioned, period_constraint


class Authority(models.TextChoices):
    MINISTRY = "MINISTRY", _("Bộ trưởng Bộ Công an")
    PROVINCIAL_DIRECTOR = "PROVINCIAL_DIRECTOR", _("Giám đốc Công an tỉnh")


class NomineeKind(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")


class Affiliation(models.TextChoices):
    """Whether the nominee belongs to the police force or which kind of recipient outside it
    (Luật Thi đua, khen thưởng 2022: citizens, households, organisations and foreigners are
    commended too; the movement "Toàn dân bảo vệ an ninh Tổ quốc" honours village groups)."""

    FORCE = "force", _("Trong lực lượng Công an")
    CITIZEN = "citizen", _("Công dân")
    HOUSEHOLD = "household", _("Hộ gia đình")
    SECURITY_GROUP = "security_group", _("Tổ an ninh nhân dân")
    ORGANISATION = "organisation", _("Cơ quan, tổ chức")
    FOREIGNER = "foreigner", _("Người nước ngoài")


class AuthorityLevel(models.TextChoices):
    """The level of the person who decides an award (Luật Thi đua, khen thưởng 2022)."""

    UNIT_HEAD = "unit_head", _("Thủ trưởng đơn vị")
    PROVINCIAL_DIRECTOR = "provincial_director", _("Giám đốc Công an tỉnh")
    MINISTER = "minister", _("Bộ trưởng Bộ Công an")
    PRIME_MINISTER = "prime_minister", _("Thủ tướng Chính phủ")
    PRESIDENT = "president", _("Chủ tịch nước")


class AwardAuthority(models.Model):
    """Who decides an award (data, not code): its name, its level and, when this province prints
    its documents, the document profile (`Authority`) they are printed with."""

    code = models.CharField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên cấp quyết định"), max_length=255)
    level = models.CharField(_("cấp"), max_length=32, choices=AuthorityLevel.choices)
    document_authority = models.CharField(
        _("văn bản in theo mẫu của"),
        max_length=32,
        choices=Authority.choices,
        blank=True,
        help_text=_("Để trống khi văn bản do cơ quan khác ban hành và chỉ được ghi nhận."),
    )
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("cấp quyết định khen thưởng")
        verbose_name_plural = _("cấp quyết định khen thưởng")
        ordering = ["sort_order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__in=AuthorityLevel.values),
                name="awardauthority_level_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AwardCategory(models.TextChoices):
    EMULATION_TITLE = "emulation_title", _("Danh hiệu thi đua")
    COMMENDATION = "commendation", _("Hình thức khen thưởng (Giấy khen, Bằng khen)")
    MEDAL = "medal", _("Huân chương, huy chương, kỷ niệm chương")
    RATING = "rating", _("Xếp loại hằng năm")


class AwardType(models.Model):
    code = models.CharField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên hình thức khen thưởng"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=64, help_text=_("VD: Bằng khen"))
    authority = models.CharField(
        _("văn bản in theo mẫu của"),
        max_length=32,
        choices=Authority.choices,
        help_text=_("Mẫu quyết định, Bằng khen/Giấy khen dùng khi in (tiêu đề, số, con dấu)."),
    )
    category = models.CharField(
        _("loại"),
        max_length=32,
        choices=AwardCategory.choices,
        default=AwardCategory.COMMENDATION,
    )
    decided_by = models.ForeignKey(
        AwardAuthority,
        verbose_name=_("cấp quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_types",
    )
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
        constraints = [
            models.CheckConstraint(
                condition=models.Q(category__in=AwardCategory.values),
                name="awardtype_category_valid",
            ),
        ]

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


class AwardCriterion(Versioned):
    """One item of an award's checklist of criteria, in force between two dates, with the legal
    provision it comes from. A mandatory item must be met; the others are weighed."""

    validity_key = None

    award_type = models.ForeignKey(
        AwardType, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("hình thức")
    )
    text = models.CharField(_("tiêu chuẩn"), max_length=500)
    mandatory = models.BooleanField(_("bắt buộc"), default=True)
    legal_reference = models.CharField(
        _("căn cứ pháp lý"), max_length=255, help_text=_("VD: Điều 24 Luật Thi đua, khen thưởng")
    )
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tiêu chuẩn khen thưởng")
        verbose_name_plural = _("tiêu chuẩn khen thưởng")
        ordering = ["award_type", "sort_order", "valid_from"]
        constraints = [period_constraint("awardcriterion_ends_after_start")]

    def __str__(self) -> str:
        return self.text


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


class AuthorityProfile(models.Model):
    """How one authority's documents are printed (Nghị định 30/2020/NĐ-CP): its header lines,
    the title and place on its decisions and certificates, its document code and distribution
    list. Data an administrator edits, not code: a reorganisation or a new code changes a row.

    `unit_qualifier` is how this authority's documents name the province's units: the Minister's
    decision reads "Công an xã Ia Sao, Công an tỉnh Gia Lai", the Director's just the unit."""

    authority = models.CharField(
        _("cấp quyết định"), max_length=32, choices=Authority.choices, unique=True
    )
    governing_body = models.CharField(
        _("cơ quan chủ quản (dòng trên)"), max_length=120, blank=True, help_text=_("VD: BỘ CÔNG AN")
    )
    issuing_body = models.CharField(
        _("cơ quan ban hành"), max_length=120, help_text=_("VD: CÔNG AN TỈNH GIA LAI")
    )
    title = models.CharField(
        _("chức danh in trên văn bản"),
        max_length=160,
        help_text=_("VD: GIÁM ĐỐC CÔNG AN TỈNH GIA LAI; BỘ TRƯỞNG BỘ CÔNG AN"),
    )
    principal_title = models.CharField(
        _("chức vụ người đứng đầu"), max_length=80, help_text=_("VD: GIÁM ĐỐC; BỘ TRƯỞNG")
    )
    place = models.CharField(_("địa danh"), max_length=100, help_text=_("VD: Gia Lai; Hà Nội"))
    document_code = models.CharField(
        _("ký hiệu quyết định"), max_length=40, help_text=_("VD: QĐ-CAT-PV05")
    )
    proposal_line = models.CharField(
        _("dòng “Xét đề nghị của …”"),
        max_length=255,
        help_text=_("VD: Xét đề nghị của Trưởng phòng Công tác đảng và công tác chính trị"),
    )
    prize_fund = models.CharField(
        _("nguồn chi tiền thưởng"),
        max_length=255,
        help_text=_("VD: Quỹ thi đua, khen thưởng của Công an tỉnh"),
    )
    recipients = models.TextField(
        _("nơi nhận"),
        help_text=_("Mỗi dòng một nơi nhận, không kể dòng “Lưu”. VD: - Như Điều 3;"),
    )
    archive = models.CharField(_("dòng “Lưu”"), max_length=120, help_text=_("VD: VT, PV05."))
    unit_qualifier = models.CharField(
        _("tên đơn vị cấp trên ghi kèm"),
        max_length=120,
        blank=True,
        help_text=_("Ghi sau tên đơn vị trên văn bản của cấp này. VD: Công an tỉnh Gia Lai"),
    )
    certificates_printed_here = models.BooleanField(
        _("Bằng khen/Giấy khen in tại Công an tỉnh"),
        default=True,
        help_text=_(
            "Bỏ chọn khi cấp này tự in và gửi về (Bằng khen của Bộ): số vào sổ là số của Bộ, "
            "nhập khi ghi nhận quyết định."
        ),
    )
    title_in_sentence = models.CharField(
        _("chức danh viết trong câu"),
        max_length=160,
        help_text=_(
            "VD: Giám đốc Công an tỉnh Gia Lai — dùng ở “Kính gửi” và “(Kèm theo Quyết định số "
            "… của …)”"
        ),
    )
    emblem = models.ImageField(
        _("hình Quốc huy in trên Bằng khen/Giấy khen"),
        upload_to="authorities/emblems/",
        blank=True,
        validators=[validate_uploaded_image],
        help_text=_("Để trống khi in trên phôi đã có Quốc huy."),
    )
    sealed_here = models.BooleanField(
        _("Công an tỉnh ký số văn bản của cấp này"),
        default=True,
        help_text=_(
            "Quyết định, Bằng khen/Giấy khen của cấp này mang chữ ký số (con dấu điện tử) của "
            "Công an tỉnh. Bỏ chọn cho văn bản do cấp khác ban hành (Bằng khen của Bộ)."
        ),
    )
    seal_image = models.ImageField(
        _("hình con dấu (PNG nền trong suốt)"),
        upload_to="authorities/seals/",
        blank=True,
        validators=[validate_uploaded_image],
        help_text=_(
            "Hình dấu đỏ, đúng kích thước thật, in tại vị trí chữ ký số (Nghị định 30/2020). "
            "Để trống: hệ thống vẽ dấu tròn đỏ mang tên cơ quan ban hành."
        ),
    )

    class Meta:
        verbose_name = _("cấp ban hành văn bản")
        verbose_name_plural = _("cấp ban hành văn bản")
        ordering = ["authority"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(authority__in=Authority.values),
                name="authorityprofile_authority_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]

    @property
    def organisation_name(self) -> str:
        """The issuing body as written in a sentence, "Công an tỉnh Gia Lai" (the name on its
        digital seal): the title in a sentence ("Giám đốc Công an tỉnh Gia Lai") less the head's
        title; else the issuing body ("CÔNG AN TỈNH GIA LAI") in sentence case."""
        sentence = " ".join(self.title_in_sentence.split())
        head = " ".join(self.principal_title.split())
        if head and sentence.casefold().startswith(head.casefold() + " "):
            return sentence[len(head) + 1 :]
        body = " ".join(self.issuing_body.split()).lower()
        return body[:1].upper() + body[1:]

    def seal_image_bytes(self) -> bytes | None:
        """The uploaded seal's image, or None (a seal is then drawn)."""
        if not self.seal_image:
            return None
        with self.seal_image.open("rb") as handle:
            return handle.read()

    @property
    def archive_line(self) -> str:
        return f"- Lưu: {self.archive.strip()}" if self.archive.strip() else ""

    @classmethod
    def for_authority(cls, authority: str) -> "AuthorityProfile":
        """The stored row (seeded by migration 0009); an unsaved default if an administrator
        deleted it, so a document never fails for want of its header."""
        profile = cls.objects.filter(authority=authority).first()
        if profile is None:
            profile = cls(authority=authority, **authority_profile_defaults(authority))
        return profile


def authority_profile_defaults(authority: str, province: str = "") -> dict[str, object]:
    """The values seeded for each authority (migration 0009 keeps its own copy)."""
    province = province or settings.PROVINCE_NAME
    province_police = f"Công an tỉnh {province}"
    if authority == Authority.MINISTRY:
        return {
            "governing_body": "",
            "issuing_body": "BỘ CÔNG AN",
            "title": "BỘ TRƯỞNG BỘ CÔNG AN",
            "principal_title": "BỘ TRƯỞNG",
            "place": "Hà Nội",
            "document_code": "QĐ-BCA-X03",
            "proposal_line": f"Xét đề nghị của Giám đốc {province_police} và Cục trưởng Cục "
            "Công tác đảng và công tác chính trị",
            "prize_fund": "Quỹ thi đua, khen thưởng của Bộ Công an",
            "recipients": f"- Như Điều 3;\n- {province_police};",
            "archive": "VT, X03.",
            "unit_qualifier": province_police,
            "certificates_printed_here": False,
            "sealed_here": False,
            "title_in_sentence": "Bộ trưởng Bộ Công an",
        }
    return {
        "governing_body": "BỘ CÔNG AN",
        "issuing_body": province_police.upper(),
        "title": f"GIÁM ĐỐC {province_police.upper()}",
        "principal_title": "GIÁM ĐỐC",
        "place": province,
        "document_code": "QĐ-CAT-PV05",
        "proposal_line": "Xét đề nghị của Trưởng phòng Công tác đảng và công tác chính trị",
        "prize_fund": f"Quỹ thi đua, khen thưởng của {province_police}",
        "recipients": "- Như Điều 3;\n- Đồng chí Giám đốc (để báo cáo);\n"
        "- Các đồng chí Phó Giám đốc;",
        "archive": "VT, PV05.",
        "unit_qualifier": "",
        "certificates_printed_here": True,
        "title_in_sentence": f"Giám đốc {province_police}",
    }
