"""Units and their tree, user profiles, and the people whose service records (titles,
initiatives, discipline) eligibility is checked against."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Công an tỉnh")
    DEPARTMENT = "department", _("Phòng nghiệp vụ")
    DISTRICT = "district", _("Công an huyện, thị xã, thành phố")
    COMMUNE = "commune", _("Công an xã, phường, thị trấn")
    OTHER = "other", _("Tập thể khác")


class UnitQuerySet(models.QuerySet):
    def subtree_of(self, unit: "Unit") -> "UnitQuerySet":
        """The unit and every unit below it (one query, by materialised path)."""
        return self.filter(models.Q(pk=unit.pk) | models.Q(path__startswith=f"{unit.path}/"))


class Unit(models.Model):
    """A node of the police unit tree. The tree is data: district level may disappear."""

    code = models.CharField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    kind = models.CharField(_("loại"), max_length=16, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=512, editable=False, db_index=True)
    headcount = models.PositiveIntegerField(_("quân số"), default=0)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        old_path = self.path
        self.path = f"{self.parent.path}/{self.code}" if self.parent_id else self.code
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            for child in self.children.all():
                child.save()

    def is_within(self, other: "Unit") -> bool:
        return self.pk == other.pk or self.path.startswith(f"{other.path}/")

    @property
    def full_name(self) -> str:
        """The name with its district, as printed on a certificate for a commune."""
        if (
            self.kind == UnitKind.COMMUNE
            and self.parent_id
            and self.parent.kind == UnitKind.DISTRICT
        ):
            district = self.parent.name.removeprefix("Công an ").strip()
            return f"{self.name}, {district}"
        return self.name


class UserProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    title = models.CharField(_("chức vụ"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("hồ sơ người dùng")
        verbose_name_plural = _("hồ sơ người dùng")

    def __str__(self) -> str:
        return f"{self.user} ({self.unit or '-'})"


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
