"""Dossier documents: checked by their content, not their name, and stored under safe names."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from commendations.access.permissions import can_propose
from commendations.eligibility.models import AttachmentKind
from commendations.nominations.models import Attachment, Nomination

# (extension set, content type, magic-bytes predicate)
_SIGNATURES: list[tuple[set[str], str, bytes]] = [
    ({"pdf"}, "application/pdf", b"%PDF-"),
    ({"png"}, "image/png", b"\x89PNG\r\n\x1a\n"),
    ({"jpg", "jpeg"}, "image/jpeg", b"\xff\xd8\xff"),
    (
        {"docx"},
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
    ),
    ({"xlsx"}, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04"),
    ({"doc"}, "application/msword", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
]


def detect_content_type(upload: UploadedFile) -> str:
    """The content type the bytes prove, given the extension; ValidationError otherwise."""
    name = upload.name or ""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = settings.ATTACHMENT_ALLOWED_EXTENSIONS
    if ext not in allowed:
        raise ValidationError(
            _("Tệp “%(name)s” không được chấp nhận. Chỉ nhận: %(allowed)s.")
            % {"name": name, "allowed": ", ".join(f".{e}" for e in allowed)}
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for extensions, content_type, magic in _SIGNATURES:
        if ext in extensions:
            if head.startswith(magic):
                return content_type
            raise ValidationError(
                _("Nội dung tệp “%(name)s” không phải là tệp .%(ext)s hợp lệ.")
                % {"name": name, "ext": ext}
            )
    raise ValidationError(_("Không nhận dạng được loại tệp “%(name)s”.") % {"name": name})


def validate_upload(upload: UploadedFile) -> str:
    if upload.size == 0:
        raise ValidationError(_("Tệp “%(name)s” rỗng.") % {"name": upload.name})
    limit = settings.ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("Tệp “%(name)s” (%(size).1f MB) vượt quá giới hạn %(limit).0f MB.")
            % {"name": upload.name, "size": upload.size / 1048576, "limit": limit / 1048576}
        )
    return detect_content_type(upload)


@transaction.atomic
def attachment_add(*, nomination: Nomination, upload: UploadedFile, kind: str, actor) -> Attachment:
    if not can_propose(nomination, actor):
        raise PermissionDenied(_("Bạn không có quyền bổ sung tài liệu cho hồ sơ này."))
    if not nomination.is_editable:
        raise ValidationError(_("Chỉ bổ sung tài liệu khi hồ sơ là dự thảo hoặc bị trả lại."))
    if kind not in AttachmentKind.values:
        raise ValidationError({"kind": _("Loại tài liệu không hợp lệ.")})
    content_type = validate_upload(upload)
    return Attachment.objects.create(
        nomination=nomination,
        kind=kind,
        file=upload,
        original_name=(upload.name or "")[:255],
        size=upload.size,
        content_type=content_type,
        uploaded_by=actor,
    )
