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
