"""Uploading a new version of a Word template."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from commendations.documents import rendering as documents_rendering
from commendations.documents.models import DocumentKind, DocumentTemplate

# --- template versions --------------------------------------------------------------------------


@transaction.atomic
def document_template_upload(
    *, kind: str, content: bytes, actor: Any, note: str = ""
) -> DocumentTemplate:
    """Store a new version of a Word template after checking it opens, uses only known variables
    and renders a sample. Earlier versions stay: certificates keep the one they were made with."""
    if not getattr(actor, "is_superuser", False):
        raise PermissionDenied(_("Chỉ quản trị hệ thống được tải lên mẫu mới."))
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Loại mẫu không hợp lệ.")})
    documents_rendering.template_validate(kind, content)
    documents_rendering.template_current(
        kind
    )  # version 1 (the committed file) exists before version 2
    latest = (
        DocumentTemplate.objects.select_for_update().filter(kind=kind).order_by("-version").first()
    )
    template = DocumentTemplate(
        kind=kind,
        version=latest.version + 1,
        sha256=DocumentTemplate.digest(content),
        note=note,
        uploaded_by=actor,
    )
    template.file.save(f"{kind}.docx", ContentFile(content), save=False)
    template.save()
    return template
