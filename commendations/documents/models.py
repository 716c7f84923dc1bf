"""The versioned Word templates every document is rendered from."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    BANG_KHEN = "bang_khen", _("Bằng khen")
    GIAY_KHEN = "giay_khen", _("Giấy khen")
    DECISION = "quyet_dinh", _("Quyết định khen thưởng")
    SUBMISSION = "to_trinh", _("Tờ trình")
    MINUTES = "bien_ban", _("Biên bản họp Hội đồng Thi đua - Khen thưởng")
    RECOGNITION = "cong_nhan", _("Quyết định công nhận danh hiệu thi đua")
    GCN_CSTDCS = "gcn_cstdcs", _("Giấy chứng nhận Chiến sĩ thi đua cơ sở")


def document_template_upload_to(instance: "DocumentTemplate", filename: str) -> str:
    return f"doc_templates/{instance.kind}/v{instance.version:03d}.docx"


class DocumentTemplate(models.Model):
    """One uploaded version of a Word template. The newest version of a kind is the one used for
    new documents; a certificate keeps the version it was rendered with."""

    kind = models.CharField(_("loại mẫu"), max_length=16, choices=DocumentKind.choices)
    version = models.PositiveIntegerField(_("phiên bản"))
    file = models.FileField(_("tệp mẫu .docx"), upload_to=document_template_upload_to)
    sha256 = models.CharField(max_length=64, editable=False)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("ngày tải lên"), auto_now_add=True)

    class Meta:
        verbose_name = _("mẫu văn bản")
        verbose_name_plural = _("mẫu văn bản")
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="doctemplate_kind_version"),
            models.CheckConstraint(
                condition=models.Q(kind__in=DocumentKind.values), name="doctemplate_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return _("%(kind)s — phiên bản %(version)s") % {
            "kind": self.get_kind_display(),
            "version": self.version,
        }

    @staticmethod
    def digest(content: bytes) -> str:
        return hashlib.sha256(content).hexdigest()
