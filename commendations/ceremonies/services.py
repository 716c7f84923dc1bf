"""Ceremonies and print packs: one PDF and one .docx of every certificate, in ceremony order,
built by a Celery task and sent again by the sweep if the broker was down."""

import datetime
import io
import logging
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from celery import current_app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commendations.ceremonies import printing
from commendations.ceremonies.models import Ceremony, PrintPack
from commendations.ceremonies.selectors import ceremony_certificates
from commendations.certificates.services import DONE_STATES, _require_clerk
from commendations.decisions import documents as decisions_documents
from commendations.decisions.models import Decision, DecisionState

PRINT_PACK_TASK = "commendations.ceremonies.tasks.build_print_pack"

# --- ceremonies and print packs -----------------------------------------------------------------

logger = logging.getLogger(__name__)


@transaction.atomic
def ceremony_create(
    *, actor: Any, name: str, date: datetime.date, place: str, decisions: Iterable[Decision]
) -> Ceremony:
    decisions = _ceremony_check(actor=actor, name=name, place=place, decisions=decisions)
    ceremony = Ceremony.objects.create(
        name=name.strip(), date=date, place=place.strip(), created_by=actor
    )
    ceremony.decisions.set(decisions)
    return ceremony


@transaction.atomic
def ceremony_update(
    *,
    ceremony: Ceremony,
    actor: Any,
    name: str,
    date: datetime.date,
    place: str,
    decisions: Iterable[Decision],
) -> Ceremony:
    """Change a ceremony: its name, date, place, and its decisions (a decision issued later is
    added to the same ceremony; its print pack is built again on request)."""
    decisions = _ceremony_check(actor=actor, name=name, place=place, decisions=decisions)
    ceremony.name, ceremony.date, ceremony.place = name.strip(), date, place.strip()
    ceremony.save(update_fields=["name", "date", "place"])
    ceremony.decisions.set(decisions)
    return ceremony


def _ceremony_check(
    *, actor: Any, name: str, place: str, decisions: Iterable[Decision]
) -> list[Decision]:
    _require_clerk(actor)
    decisions = list(Decision.objects.filter(pk__in=[d.pk for d in decisions]).order_by("pk"))
    errors: dict[str, Any] = {}
    if not (name or "").strip():
        errors["name"] = _("Cần nhập tên buổi lễ.")
    if not (place or "").strip():
        errors["place"] = _("Cần nhập địa điểm.")
    if not decisions:
        errors["decisions"] = _("Cần chọn ít nhất một quyết định.")
    drafts = [str(d) for d in decisions if d.state != DecisionState.ISSUED]
    if drafts:
        errors["decisions"] = _("Quyết định chưa ban hành: %(list)s.") % {"list": "; ".join(drafts)}
    if errors:
        raise ValidationError(errors)
    return decisions


def _print_pack_send(pack_id: int) -> None:
    try:
        current_app.tasks[PRINT_PACK_TASK].apply_async(args=[pack_id], retry=False)
    except Exception as exc:
        logger.warning("print pack %s not sent: %s", pack_id, exc)


def print_packs_sweep() -> int:
    """Send the print packs requested while the broker was down (pending for over a minute)."""
    pack_ids = list(
        PrintPack.objects.filter(
            status=PrintPack.Status.PENDING,
            created_at__lt=timezone.now() - datetime.timedelta(minutes=1),
        ).values_list("pk", flat=True)
    )
    for pack_id in pack_ids:
        _print_pack_send(pack_id)
    return len(pack_ids)


@transaction.atomic
def print_pack_request(*, ceremony: Ceremony, actor: Any) -> PrintPack:
    _require_clerk(actor)
    certificates = ceremony_certificates(ceremony)
    if not certificates:
        raise ValidationError(_("Buổi lễ chưa có Bằng khen/Giấy khen nào."))
    not_ready = [c for c in certificates if c.state not in DONE_STATES]
    if not_ready:
        raise ValidationError(
            _("Còn %(count)s Bằng khen/Giấy khen chưa tạo xong (%(numbers)s).")
            % {
                "count": len(not_ready),
                "numbers": ", ".join(c.registry_number for c in not_ready[:10]),
            }
        )
    pack = PrintPack.objects.create(
        ceremony=ceremony, created_by=actor, certificate_count=len(certificates)
    )
    pack_id = pack.pk
    transaction.on_commit(lambda: _print_pack_send(pack_id))
    return pack


def _save(name: str, content: bytes) -> str:
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(content))


def print_pack_build(*, pack_id: int) -> PrintPack:
    """Build the pack (run by the task): ZIP of the .docx files and the decisions, and one PDF
    in ceremony order — or a merged .docx with the reason when LibreOffice is missing."""
    pack = PrintPack.objects.select_related("ceremony").get(pk=pack_id)
    if pack.status == PrintPack.Status.DONE:
        return pack
    PrintPack.objects.filter(pk=pack_id).update(status=PrintPack.Status.RUNNING, error="")
    certificates = ceremony_certificates(pack.ceremony)
    base = f"print_packs/{pack.ceremony_id}/{pack.pk}"
    contents = []
    for certificate in certificates:
        with certificate.file.open("rb") as handle:
            contents.append(handle.read())
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for order, (certificate, content) in enumerate(zip(certificates, contents, strict=True), 1):
            zf.writestr(f"{order:04d}_{certificate.registry_number}.docx", content)
        for decision in pack.ceremony.decisions.order_by("authority", "date", "pk"):
            safe = decision.number.replace("/", "-")
            zf.writestr(f"quyet_dinh/{safe}.docx", decisions_documents.decision_document(decision))
    updates: dict[str, Any] = {
        "zip": _save(f"{base}/ban_docx.zip", archive.getvalue()),
        "certificate_count": len(certificates),
    }
    soffice = printing.soffice_binary()
    try:
        if soffice is None:
            updates["docx"] = _save(f"{base}/ban_in.docx", printing.merge_docx(contents))
            updates["note"] = _(
                "Máy chủ chưa cài LibreOffice nên không tạo được PDF; đã gộp tất cả vào một tệp "
                ".docx để in (cài gói libreoffice-writer-nogui để có PDF)."
            )
        else:
            with tempfile.TemporaryDirectory(prefix="khenthuong-pack-") as tmp:
                pdf, updates["page_count"] = printing.build_pack_pdf(
                    contents,
                    Path(tmp),
                    soffice=soffice,
                    processes=settings.PRINT_PACK_SOFFICE_PROCESSES,
                    chunk_size=settings.PRINT_PACK_CHUNK_SIZE,
                )
                updates["pdf"] = _save(f"{base}/ban_in.pdf", pdf)
    except printing.ConversionError as exc:
        PrintPack.objects.filter(pk=pack_id).update(
            status=PrintPack.Status.FAILED, error=str(exc), finished_at=timezone.now(), **updates
        )
        return PrintPack.objects.get(pk=pack_id)
    PrintPack.objects.filter(pk=pack_id).update(
        status=PrintPack.Status.DONE, finished_at=timezone.now(), **updates
    )
    return PrintPack.objects.get(pk=pack_id)
