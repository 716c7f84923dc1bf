"""Units and their tree, user profiles, and the people whose service records (titles,
initiatives, discipline) eligibility is checked against."""

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commendations.validity import ValidityQuerySet, Versioned, period_constraint


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Công an tỉnh")
    DEPARTMENT = "department", _("Phòng nghiệp vụ")
    DISTRICT = "district", _("Công an huyện, thị xã, thành phố")
    COMMUNE = "commune", _("Công an xã, phường, thị trấn")
    OTHER = "other", _("Tập thể khác")


# The first day of a unit known only by its present state (data that predates the registry).
REGISTRY_EPOCH = datetime.date(1945, 8, 19)


class UnitQuerySet(ValidityQuerySet):
    def subtree_of(self, unit: "Unit") -> "UnitQuerySet":
        """The unit and every unit below it (one query, by materialised path)."""
        return self.filter(models.Q(pk=unit.pk) | models.Q(path__startswith=f"{unit.path}/"))


class Unit(Versioned):
    """A unit's identity across time. Its dated versions (`UnitVersion`) say what it was called
    and where it sat on each day; `name`, `kind`, `parent`, `code` and `path` here are the
    version in force today (a cache the registry's services keep), so code that reads the present
    tree keeps working. Editing them directly corrects the version in force today; a rename, a move
    or a dissolution is an event (`commendations.units.services`)."""

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
    # The unit's existence, cached from its versions: from its first version's valid_from to its
    # last version's valid_to (the first day it no longer exists). A unit is a thing of its own:
    # nothing can overlap it (validity_key None); its versions do not overlap one another.
    valid_from = models.DateField(_("hoạt động từ ngày"), default=REGISTRY_EPOCH)
    valid_to = models.DateField(
        _("chấm dứt hoạt động từ ngày"),
        null=True,
        blank=True,
        help_text=_("Ngày đầu tiên đơn vị không còn hoạt động; để trống nếu vẫn hoạt động."),
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]
        constraints = [period_constraint("unit_ends_after_start")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        old_path = self.path
        self.path = f"{self.parent.path}/{self.code}" if self.parent_id else self.code
        super().save(*args, **kwargs)
        self._current_version_sync()
        if old_path and old_path != self.path:
            for child in self.children.all():
                child.save()

    def _current_version_sync(self) -> None:
        """The unit's fields are its version in force today: a unit without versions gets its
        first one; a direct edit corrects the version in force (or the last one)."""
        fields = {
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "parent_id": self.parent_id,
        }
        versions = list(self.versions.order_by("valid_from"))
        if not versions:
            UnitVersion.objects.create(
                unit=self, valid_from=self.valid_from, valid_to=self.valid_to, **fields
            )
            return
        today = timezone.localdate()
        current = next((v for v in versions if v.is_in_force(today)), versions[-1])
        if any(getattr(current, k) != v for k, v in fields.items()):
            UnitVersion.objects.filter(pk=current.pk).update(**fields)

    def version_on(self, on: datetime.date) -> "UnitVersion | None":
        """The version in force on `on` (one query); None if the unit did not exist that day."""
        return self.versions.in_force(on).select_related("parent").first()

    def name_on(self, on: datetime.date) -> str:
        """The name the unit had on `on`. Before its first version: its first name; after its
        dissolution: its last name (what documents of those days would have printed)."""
        version = self.versions.filter(valid_from__lte=on).order_by("-valid_from").first()
        if version is None:
            version = self.versions.order_by("valid_from").first()
        return version.name if version is not None else self.name

    def parent_on(self, on: datetime.date) -> "Unit | None":
        version = self.version_on(on)
        return version.parent if version is not None else None

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


class UnitEventKind(models.TextChoices):
    CREATE = "create", _("Thành lập")
    RENAME = "rename", _("Đổi tên")
    MOVE = "move", _("Chuyển trực thuộc")
    MERGE = "merge", _("Hợp nhất, sáp nhập")
    SPLIT = "split", _("Chia tách")
    DISSOLVE = "dissolve", _("Giải thể, kết thúc hoạt động")


class UnitEvent(models.Model):
    """A dated change of the unit tree and the legal document that made it. The versions it
    opened point at it; the predecessor → successor links it created point at it."""

    kind = models.CharField(_("loại sự kiện"), max_length=16, choices=UnitEventKind.choices)
    date = models.DateField(_("ngày hiệu lực"))
    document_number = models.CharField(_("số văn bản"), max_length=128, blank=True)
    document_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    document_title = models.CharField(_("trích yếu văn bản"), max_length=500, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    # What makes an event from a file recognisable when the file is applied again.
    key = models.CharField(max_length=255, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sự kiện tổ chức đơn vị")
        verbose_name_plural = _("sự kiện tổ chức đơn vị")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.date:%d/%m/%Y})"

    @property
    def document_label(self) -> str:
        parts = [self.document_number]
        if self.document_date:
            parts.append(f"{self.document_date:%d/%m/%Y}")
        return " ".join(p for p in parts if p) or self.document_title


class UnitVersion(Versioned):
    """What a unit was between two dates: valid_from <= day < valid_to (empty: still so)."""

    validity_key = ("unit",)

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="versions")
    code = models.CharField(_("mã"), max_length=32)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    kind = models.CharField(_("loại"), max_length=16, choices=UnitKind.choices)
    parent = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="child_versions",
    )
    event = models.ForeignKey(
        UnitEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="versions"
    )

    class Meta:
        verbose_name = _("phiên bản đơn vị")
        verbose_name_plural = _("phiên bản đơn vị")
        ordering = ["unit", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "valid_from"], name="unitversion_unique_start"),
            period_constraint("unitversion_ends_after_start"),
        ]
        indexes = [models.Index(fields=["valid_from", "valid_to"])]

    def __str__(self) -> str:
        end = f"{self.valid_to:%d/%m/%Y}" if self.valid_to else "…"
        return f"{self.name} ({self.valid_from:%d/%m/%Y} – {end})"


class UnitLink(models.Model):
    """Predecessor → successor, made by a merge, a split or a dissolution. `inherits` marks the
    successor that takes over the predecessor's open work and accounts (one per predecessor)."""

    event = models.ForeignKey(UnitEvent, on_delete=models.PROTECT, related_name="links")
    predecessor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="successor_links")
    successor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="predecessor_links")
    inherits = models.BooleanField(_("tiếp nhận công việc, tài khoản"), default=False)

    class Meta:
        verbose_name = _("đơn vị tiền thân / kế thừa")
        verbose_name_plural = _("đơn vị tiền thân / kế thừa")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "predecessor", "successor"], name="unitlink_unique"
            ),
            models.UniqueConstraint(
                fields=["predecessor"],
                condition=models.Q(inherits=True),
                name="unitlink_one_heir",
            ),
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")), name="unitlink_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


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


class Sex(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class Person(models.Model):
    """An individual whose history is kept: an officer (by personnel code) or a citizen."""

    code = models.CharField(
        _("mã cán bộ / số định danh"), max_length=32, unique=True, help_text=_("Duy nhất.")
    )
    full_name = models.CharField(_("họ và tên"), max_length=255)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    # Long-service thresholds differ by sex (Kỷ niệm chương: 15 years for men, 10 for women).
    sex = models.CharField(_("giới tính"), max_length=8, choices=Sex.choices, blank=True)
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
    # Long-service medals: holding one bars it (and, for the classes, a lower one) again.
    MEDAL_GLORIOUS_3 = "hccsvv3", _("Huy chương Chiến sĩ vẻ vang hạng Ba")
    MEDAL_GLORIOUS_2 = "hccsvv2", _("Huy chương Chiến sĩ vẻ vang hạng Nhì")
    MEDAL_GLORIOUS_1 = "hccsvv1", _("Huy chương Chiến sĩ vẻ vang hạng Nhất")
    MEDAL_SECURITY = "hcvantq", _("Huy chương Vì an ninh Tổ quốc")
    BADGE_SECURITY = "kncbvantq", _("Kỷ niệm chương “Bảo vệ an ninh Tổ quốc”")


# The legacy history codes and the catalogue entries they are (seeded by migration 0004).
HONOUR_KIND_AWARD_CODES: dict[str, str] = {
    HonourKind.EXCELLENT_DUTY: "HTXSNV",
    HonourKind.ADVANCED_SOLDIER: "CSTT",
    HonourKind.GRASSROOTS_EMULATION: "CSTDCS",
    HonourKind.DETERMINED_UNIT: "DVQT",
    HonourKind.DIRECTOR_CERTIFICATE: "GK-GD",
    HonourKind.MINISTRY_CERTIFICATE: "BK-BCA",
    # The long-service medals (seeded in the catalogue by migration 0008_i25).
    HonourKind.MEDAL_GLORIOUS_3: "HC-CSVV3",
    HonourKind.MEDAL_GLORIOUS_2: "HC-CSVV2",
    HonourKind.MEDAL_GLORIOUS_1: "HC-CSVV1",
    HonourKind.MEDAL_SECURITY: "HC-VANTQ",
    HonourKind.BADGE_SECURITY: "KNC-BVANTQ",
}
AWARD_CODE_HONOUR_KINDS: dict[str, str] = {v: k for k, v in HONOUR_KIND_AWARD_CODES.items()}


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
    award_type = models.ForeignKey(
        "commendations.AwardType",
        verbose_name=_("danh hiệu / hình thức"),
        null=True,
        on_delete=models.PROTECT,
        related_name="honour_records",
    )
    kind = models.CharField(
        _("mã cũ (danh hiệu / hình thức)"),
        max_length=16,
        choices=HonourKind.choices,
        blank=True,
        help_text=_("Tự điền theo danh hiệu / hình thức trong danh mục."),
    )
    reference = models.CharField(_("số quyết định"), max_length=255, blank=True)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decided_by = models.CharField(
        _("cơ quan quyết định"),
        max_length=255,
        blank=True,
        help_text=_("Ghi khi danh hiệu, khen thưởng do cơ quan khác quyết định."),
    )
    # The recognition decision that recorded it (the year-end rating's Quyết định công nhận):
    # its Giấy chứng nhận, when the title has one, is numbered from it.
    decision = models.ForeignKey(
        "commendations.Decision",
        verbose_name=_("quyết định công nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="honours",
    )
    # A title the Ministry decides comes with the Ministry's own certificate (not printed here):
    # the office records that it was received, its number and the day.
    ministry_certificate_number = models.CharField(
        _("số Bằng/Giấy chứng nhận của Bộ"), max_length=64, blank=True
    )
    ministry_certificate_received_on = models.DateField(
        _("ngày nhận Bằng/Giấy chứng nhận của Bộ"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("danh hiệu, khen thưởng đã có")
        verbose_name_plural = _("danh hiệu, khen thưởng đã có")
        ordering = ["-year", "award_type", "kind"]
        constraints = [
            models.CheckConstraint(condition=_one_subject(), name="honour_one_subject"),
            models.UniqueConstraint(
                fields=["person", "year", "award_type"],
                name="honour_unique_person_year_award_type",
            ),
            models.UniqueConstraint(
                fields=["unit", "year", "award_type"], name="honour_unique_unit_year_award_type"
            ),
        ]

    def __str__(self) -> str:
        name = self.award_type.name if self.award_type_id else self.get_kind_display()
        return f"{name} {self.year}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """The catalogue is the truth; `kind` mirrors it for the six legacy codes (and a record
        written with a legacy code only is pointed at its catalogue entry)."""
        award_types = type(self)._meta.get_field("award_type").related_model._default_manager
        if self.award_type_id is None and self.kind:
            self.award_type = award_types.get(code=HONOUR_KIND_AWARD_CODES[self.kind])
        elif self.award_type_id is not None:
            code = award_types.filter(pk=self.award_type_id).values_list("code", flat=True).first()
            self.kind = AWARD_CODE_HONOUR_KINDS.get(code or "", "")
        super().save(*args, **kwargs)


class InitiativeLevel(models.TextChoices):
    """The scope an initiative was recognised in, lowest first."""

    UNIT = "unit", _("Cấp cơ sở")
    MINISTRY = "ministry", _("Cấp Bộ")
    NATIONAL = "national", _("Toàn quốc")


INITIATIVE_LEVEL_RANK: dict[str, int] = {
    InitiativeLevel.UNIT: 1,
    InitiativeLevel.MINISTRY: 2,
    InitiativeLevel.NATIONAL: 3,
}


class Initiative(models.Model):
    """A recognised initiative (sáng kiến). It may support one award only (Luật 06/2022, Điều 5)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="initiatives")
    title = models.CharField(_("tên sáng kiến"), max_length=500)
    year = models.PositiveIntegerField(_("năm công nhận"))
    recognised_by = models.CharField(_("cấp công nhận / quyết định"), max_length=255, blank=True)
    level = models.CharField(
        _("phạm vi công nhận"),
        max_length=16,
        choices=InitiativeLevel.choices,
        default=InitiativeLevel.UNIT,
    )
    recognised_on = models.DateField(_("ngày công nhận"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=128, blank=True)
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
            ),
            models.CheckConstraint(
                condition=models.Q(level__in=InitiativeLevel.values),
                name="initiative_level_valid",
            ),
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


class ServiceForce(models.TextChoices):
    """Where the time was served: long-service rules count one or the other."""

    POLICE = "police", _("Công an nhân dân")
    GRASSROOTS = "grassroots", _("Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở")


class ServiceRecord(Versioned):
    """A person's unit, rank and position between two dates (valid_from <= day < valid_to). A
    transfer closes one record and opens the next, so the history stays; `Person.unit` is the
    record in force today. A nomination keeps its own copy of rank and position as they were
    when it was made."""

    validity_key = ("person",)

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="service_records")
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_records",
    )
    rank = models.CharField(_("cấp bậc"), max_length=64, blank=True)
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    force = models.CharField(
        _("lực lượng"), max_length=16, choices=ServiceForce.choices, default=ServiceForce.POLICE
    )
    leading_post = models.BooleanField(
        _("giữ chức vụ lãnh đạo"),
        default=False,
        help_text=_("Thời gian giữ chức vụ lãnh đạo (tính năm giữ chức cho Kỷ niệm chương)."),
    )
    difficult_area = models.BooleanField(
        _("địa bàn đặc biệt khó khăn"),
        default=False,
        help_text=_("Thời gian công tác ở địa bàn đặc biệt khó khăn (có quy định tính gấp đôi)."),
    )
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(
        _("đến trước ngày"),
        null=True,
        blank=True,
        help_text=_("Ngày đầu tiên không còn công tác như trên; để trống nếu vẫn như vậy."),
    )
    note = models.CharField(_("căn cứ, ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("quá trình công tác")
        verbose_name_plural = _("quá trình công tác")
        ordering = ["person", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["person", "valid_from"], name="service_unique_start"),
            period_constraint("service_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.unit or '-'} ({self.valid_from:%d/%m/%Y})"
