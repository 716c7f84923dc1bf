"""Ceremonies, their print packs, and how a printer and a pre-printed blank are measured."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Ceremony(models.Model):
    """Lễ trao tặng: where and when the certificates of some decisions are handed over."""

    name = models.CharField(_("tên buổi lễ"), max_length=255)
    date = models.DateField(_("ngày tổ chức"))
    place = models.CharField(_("địa điểm"), max_length=255)
    group_size = models.PositiveSmallIntegerField(
        _("số người mỗi tốp"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Số tập thể, cá nhân được mời lên sân khấu mỗi lượt trao."),
    )
    decisions = models.ManyToManyField(
        "commendations.Decision", verbose_name=_("quyết định"), related_name="ceremonies"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lễ trao tặng")
        verbose_name_plural = _("lễ trao tặng")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.date:%d/%m/%Y})"


class CeremonyPresenter(models.Model):
    """Who hands over one decision's awards at a ceremony ("Đại tá Nguyễn Ngọc Sơn, Phó Giám
    đốc"): often not the one who signed it, so the MC script invites this person."""

    ceremony = models.ForeignKey(Ceremony, on_delete=models.CASCADE, related_name="presenters")
    decision = models.ForeignKey(
        "commendations.Decision",
        verbose_name=_("quyết định"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    rank = models.CharField(_("cấp bậc"), max_length=64, blank=True, help_text=_("VD: Đại tá"))
    title = models.CharField(
        _("chức vụ"), max_length=160, help_text=_("VD: Phó Giám đốc Công an tỉnh")
    )
    name = models.CharField(_("họ tên"), max_length=120)

    class Meta:
        verbose_name = _("người trao tặng")
        verbose_name_plural = _("người trao tặng")
        constraints = [
            models.UniqueConstraint(
                fields=["ceremony", "decision"], name="ceremony_presenter_one_per_decision"
            ),
        ]

    def __str__(self) -> str:
        return self.line

    @property
    def line(self) -> str:
        """ "Đại tá Nguyễn Ngọc Sơn, Phó Giám đốc Công an tỉnh"."""
        person = " ".join(p for p in (self.rank, self.name) if p)
        return ", ".join(p for p in (person, self.title) if p)


def print_pack_upload_to(instance: "PrintPack", filename: str) -> str:
    return f"print_packs/{instance.ceremony_id}/{instance.pk}/{filename}"


class PrintPack(models.Model):
    """What the clerk takes to the printer: one PDF in ceremony order, a ZIP of the .docx files
    and the decision documents. `docx` is the merged fallback when LibreOffice is missing."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ xử lý")
        RUNNING = "running", _("Đang tạo")
        DONE = "done", _("Hoàn thành")
        FAILED = "failed", _("Lỗi")

    ceremony = models.ForeignKey(Ceremony, on_delete=models.CASCADE, related_name="print_packs")
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    pdf = models.FileField(_("tệp PDF"), upload_to=print_pack_upload_to, blank=True)
    zip = models.FileField(_("tệp ZIP"), upload_to=print_pack_upload_to, blank=True)
    docx = models.FileField(_("tệp .docx gộp"), upload_to=print_pack_upload_to, blank=True)
    certificate_count = models.PositiveIntegerField(_("số Bằng khen/Giấy khen"), default=0)
    page_count = models.PositiveIntegerField(_("số trang"), default=0)
    note = models.TextField(_("ghi chú"), blank=True, help_text=_("VD: vì sao không có PDF."))
    error = models.TextField(_("lỗi"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("bộ in")
        verbose_name_plural = _("bộ in")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "running", "done", "failed"]),
                name="printpack_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return _("Bộ in %(ceremony)s") % {"ceremony": self.ceremony}


class PrintPackChunk(models.Model):
    """One part of a print pack's PDF: its certificates composed into one .docx and converted by
    one LibreOffice process, as its own task on the `convert` queue (any worker may take it).
    The merge task joins the chunk PDFs once every chunk is done."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ xử lý")
        RUNNING = "running", _("Đang tạo")
        DONE = "done", _("Hoàn thành")
        FAILED = "failed", _("Lỗi")

    pack = models.ForeignKey(PrintPack, on_delete=models.CASCADE, related_name="chunks")
    number = models.PositiveIntegerField(_("phần"))
    certificate_ids = models.JSONField(default=list)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    pdf_name = models.CharField(max_length=255, blank=True)
    page_count = models.PositiveIntegerField(default=0)
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(_("lỗi"), blank=True)
    # Set when a worker takes the chunk or the sweep re-sends it (see print_packs_sweep).
    claimed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("phần của bộ in")
        verbose_name_plural = _("phần của bộ in")
        ordering = ["pack", "number"]
        constraints = [
            models.UniqueConstraint(fields=["pack", "number"], name="printpackchunk_unique"),
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "running", "done", "failed"]),
                name="printpackchunk_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pack_id}/{self.number}"

    @property
    def storage_name(self) -> str:
        """Deterministic: a chunk converted twice overwrites the same object."""
        return f"print_packs/{self.pack.ceremony_id}/{self.pack_id}/chunks/{self.number:04d}.pdf"


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
