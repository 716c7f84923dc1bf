"""Ceremonies and print packs: one PDF and one .docx of every certificate, in ceremony order,
built by a Celery task and sent again by the sweep if the broker was down."""

import contextlib
import datetime
import io
import logging
import socket
import tempfile
import threading
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from celery import current_app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from commendations import queues
from commendations.ceremonies import printing
from commendations.ceremonies.models import Ceremony, CeremonyPresenter, PrintPack, PrintPackChunk
from commendations.ceremonies.selectors import ceremony_certificates
from commendations.certificates.models import Certificate
from commendations.certificates.services import DONE_STATES, require_clerk
from commendations.decisions import documents as decisions_documents
from commendations.decisions.models import Decision, DecisionState

PRINT_PACK_TASK = "commendations.ceremonies.tasks.build_print_pack"
PRINT_PACK_CHUNK_TASK = "commendations.ceremonies.tasks.print_pack_chunk"
PRINT_PACK_MERGE_TASK = "commendations.ceremonies.tasks.print_pack_merge"

# --- ceremonies and print packs -----------------------------------------------------------------

logger = logging.getLogger(__name__)


@transaction.atomic
def ceremony_create(
    *,
    actor: Any,
    name: str,
    date: datetime.date,
    place: str,
    decisions: Iterable[Decision],
    group_size: int = 10,
) -> Ceremony:
    decisions = _ceremony_check(actor=actor, name=name, place=place, decisions=decisions)
    ceremony = Ceremony(
        name=name.strip(), date=date, place=place.strip(), created_by=actor, group_size=group_size
    )
    ceremony.full_clean(exclude=["created_by"])
    ceremony.save()
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
    group_size: int | None = None,
) -> Ceremony:
    """Change a ceremony: its name, date, place, and its decisions (a decision issued later is
    added to the same ceremony; its print pack is built again on request)."""
    decisions = _ceremony_check(actor=actor, name=name, place=place, decisions=decisions)
    ceremony.name, ceremony.date, ceremony.place = name.strip(), date, place.strip()
    if group_size is not None:
        ceremony.group_size = group_size
        ceremony.full_clean(exclude=["created_by"])
    ceremony.save(update_fields=["name", "date", "place", "group_size"])
    ceremony.decisions.set(decisions)
    return ceremony


def _ceremony_check(
    *, actor: Any, name: str, place: str, decisions: Iterable[Decision]
) -> list[Decision]:
    require_clerk(actor)
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


@transaction.atomic
def ceremony_presenter_set(
    *, actor: Any, ceremony: Ceremony, decision: Decision, rank: str, title: str, name: str
) -> CeremonyPresenter:
    """Name who hands over one decision's awards at this ceremony (separate from its signer)."""
    require_clerk(actor)
    if not ceremony.decisions.filter(pk=decision.pk).exists():
        raise ValidationError({"decision": _("Quyết định này không thuộc buổi lễ.")})
    errors: dict[str, Any] = {}
    if not (name or "").strip():
        errors["name"] = _("Cần nhập họ tên người trao.")
    if not (title or "").strip():
        errors["title"] = _("Cần nhập chức vụ người trao.")
    if errors:
        raise ValidationError(errors)
    presenter, _created = CeremonyPresenter.objects.update_or_create(
        ceremony=ceremony,
        decision=decision,
        defaults={"rank": rank.strip(), "title": title.strip(), "name": name.strip()},
    )
    return presenter


def _send(task: str, arg: int) -> bool:
    try:
        current_app.tasks[task].apply_async(args=[arg], retry=False)
    except Exception as exc:
        logger.warning("%s(%s) not sent: %s", task, arg, exc)
        return False
    return True


def _print_pack_send(pack_id: int) -> None:
    _send(PRINT_PACK_TASK, pack_id)


def print_packs_sweep() -> int:
    """Celery beat: send the print packs requested while the broker was down (pending for over
    a minute), and re-send the chunks and merges lost with a worker that died (see
    print_pack_chunks_resend_stalled). Returns the tasks sent."""
    sent = 0
    if not queues.waiting(queues.DEFAULT):
        pack_ids = list(
            PrintPack.objects.filter(
                status=PrintPack.Status.PENDING,
                created_at__lt=timezone.now() - datetime.timedelta(minutes=1),
            ).values_list("pk", flat=True)
        )
        sent += sum(_send(PRINT_PACK_TASK, pack_id) for pack_id in pack_ids)
    return sent + print_pack_chunks_resend_stalled()


def print_pack_chunks_resend_stalled() -> int:
    """When the `convert` queue is empty: re-send each chunk of a running pack that is not done
    and was claimed (or sent) more than CERTIFICATE_LEASE_SECONDS ago, and the merge of each
    running pack whose chunks are all done since then. A chunk or merge that was only slow is
    harmless to run twice: its output has a fixed name and the pack is finished once."""
    if queues.waiting(queues.CONVERT):
        return 0
    now = timezone.now()
    lease = now - datetime.timedelta(seconds=settings.CERTIFICATE_LEASE_SECONDS)
    running = PrintPack.objects.filter(status=PrintPack.Status.RUNNING)
    stalled = list(
        PrintPackChunk.objects.filter(pack__in=running)
        .exclude(status__in=[PrintPackChunk.Status.DONE, PrintPackChunk.Status.FAILED])
        .filter(Q(claimed_at__lt=lease) | Q(claimed_at__isnull=True, created_at__lt=lease))
        .order_by("pack_id", "number")
        .values_list("pk", flat=True)
    )
    sent = 0
    for chunk_id in stalled:
        if _send(PRINT_PACK_CHUNK_TASK, chunk_id):
            PrintPackChunk.objects.filter(pk=chunk_id).update(claimed_at=now)
            sent += 1
    unmerged = (
        running.annotate(
            open_chunks=Count("chunks", filter=~Q(chunks__status=PrintPackChunk.Status.DONE)),
            last_done=Max("chunks__finished_at"),
        )
        .filter(open_chunks=0, last_done__lt=lease)
        .values_list("pk", "zip")
    )
    for pack_id, zip_name in unmerged:  # no ZIP: the starting task died before storing it
        sent += _send(PRINT_PACK_MERGE_TASK if zip_name else PRINT_PACK_TASK, pack_id)
    return sent


@transaction.atomic
def print_pack_request(*, ceremony: Ceremony, actor: Any) -> PrintPack:
    require_clerk(actor)
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


def _read(field: Any) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def _pack_fail(pack_id: int, error: str, **updates: Any) -> None:
    PrintPack.objects.filter(
        pk=pack_id, status__in=[PrintPack.Status.PENDING, PrintPack.Status.RUNNING]
    ).update(status=PrintPack.Status.FAILED, error=error, finished_at=timezone.now(), **updates)


def _pack_archive(pack: PrintPack, certificates: list[Certificate], contents: list[bytes]) -> str:
    """The ZIP of the .docx files in ceremony order and the decisions, under its fixed name."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for order, (certificate, content) in enumerate(zip(certificates, contents, strict=True), 1):
            zf.writestr(f"{order:04d}_{certificate.registry_number}.docx", content)
        for decision in pack.ceremony.decisions.order_by("authority", "date", "pk"):
            safe = decision.number.replace("/", "-")
            zf.writestr(f"quyet_dinh/{safe}.docx", decisions_documents.decision_document(decision))
    return _save(f"print_packs/{pack.ceremony_id}/{pack.pk}/ban_docx.zip", archive.getvalue())


def _merge_if_ready(pack_id: int) -> None:
    """Inside a transaction holding the pack's lock: send the merge after the commit once the
    ZIP is stored and every chunk is done (whichever of the two comes last sends it)."""
    pack = PrintPack.objects.get(pk=pack_id)
    if pack.status != PrintPack.Status.RUNNING or not pack.zip:
        return
    if (
        PrintPackChunk.objects.filter(pack_id=pack_id)
        .exclude(status=PrintPackChunk.Status.DONE)
        .exists()
    ):
        return
    transaction.on_commit(lambda: _send(PRINT_PACK_MERGE_TASK, pack_id))


def print_pack_build(*, pack_id: int) -> PrintPack:
    """Start building the pack (run by the task on `default`): one chunk row per
    PRINT_PACK_CHUNK_SIZE certificates, each sent as its own task to `convert` so that any
    worker may take it, then, while they convert, the ZIP of the .docx files and the decisions.
    The ZIP or the last chunk, whichever comes last, sends the merge. Without LibreOffice the
    pack is a merged .docx with the reason, built here. Safe to run twice: the chunks are
    created once, and only those not done are sent."""
    pack = PrintPack.objects.select_related("ceremony").get(pk=pack_id)
    if pack.status in (PrintPack.Status.DONE, PrintPack.Status.FAILED):
        return pack
    certificates = ceremony_certificates(pack.ceremony)
    if printing.soffice_binary() is None:
        contents = [_read(certificate.file) for certificate in certificates]
        updates: dict[str, Any] = {
            "zip": _pack_archive(pack, certificates, contents),
            "certificate_count": len(certificates),
        }
        try:
            updates["docx"] = _save(
                f"print_packs/{pack.ceremony_id}/{pack.pk}/ban_in.docx",
                printing.merge_docx(contents),
            )
        except printing.ConversionError as exc:
            _pack_fail(pack_id, str(exc), **updates)
            return PrintPack.objects.get(pk=pack_id)
        updates["note"] = _(
            "Máy chủ chưa cài LibreOffice nên không tạo được PDF; đã gộp tất cả vào một tệp "
            ".docx để in (cài gói libreoffice-writer-nogui để có PDF)."
        )
        PrintPack.objects.filter(pk=pack_id).exclude(status=PrintPack.Status.DONE).update(
            status=PrintPack.Status.DONE, finished_at=timezone.now(), **updates
        )
        return PrintPack.objects.get(pk=pack_id)
    ranges = printing.chunk_ranges(
        len(certificates),
        chunk_size=settings.PRINT_PACK_CHUNK_SIZE,
        processes=settings.PRINT_PACK_SOFFICE_PROCESSES,
    )
    with transaction.atomic():
        locked = PrintPack.objects.select_for_update().get(pk=pack_id)
        if locked.status in (PrintPack.Status.DONE, PrintPack.Status.FAILED):
            return locked
        if not locked.chunks.exists():
            PrintPackChunk.objects.bulk_create(
                PrintPackChunk(
                    pack=locked,
                    number=number,
                    certificate_ids=[certificates[i].pk for i in chunk],
                )
                for number, chunk in enumerate(ranges, 1)
            )
        PrintPack.objects.filter(pk=pack_id).update(
            status=PrintPack.Status.RUNNING, error="", certificate_count=len(certificates)
        )
        open_chunks = list(
            locked.chunks.exclude(status=PrintPackChunk.Status.DONE)
            .order_by("number")
            .values_list("pk", flat=True)
        )
        transaction.on_commit(
            lambda: [_send(PRINT_PACK_CHUNK_TASK, chunk_id) for chunk_id in open_chunks]
        )
    if not pack.zip:
        contents = [_read(certificate.file) for certificate in certificates]
        name = _pack_archive(pack, certificates, contents)
        with transaction.atomic():
            PrintPack.objects.select_for_update().get(pk=pack_id)
            PrintPack.objects.filter(pk=pack_id).update(zip=name)
            _merge_if_ready(pack_id)
    return PrintPack.objects.get(pk=pack_id)


@contextlib.contextmanager
def _claim_kept(chunk_id: int) -> Iterator[None]:
    """While a chunk converts (a big one may take longer than the lease), renew its claim every
    third of CERTIFICATE_LEASE_SECONDS from a side thread, so the sweep re-sends only the chunks
    whose worker is gone, not the slow ones."""
    stop = threading.Event()
    period = max(1.0, settings.CERTIFICATE_LEASE_SECONDS / 3)

    def renew() -> None:
        try:
            while not stop.wait(period):
                PrintPackChunk.objects.filter(
                    pk=chunk_id, status=PrintPackChunk.Status.RUNNING
                ).update(claimed_at=timezone.now())
        except DatabaseError as exc:  # the claim then simply expires
            logger.warning("print pack chunk %s: claim not renewed: %s", chunk_id, exc)
        finally:
            connection.close()  # this thread's own connection

    thread = threading.Thread(target=renew, name=f"claim-{chunk_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=10)


def print_pack_chunk_build(*, chunk_id: int) -> PrintPackChunk:
    """Compose and convert one chunk (run by the task on `convert`), store its PDF under its
    fixed name, mark it done and, if it was the last, send the merge after the commit. A chunk
    already done is not converted again; a conversion error fails the pack with the reason."""
    chunk = PrintPackChunk.objects.select_related("pack").get(pk=chunk_id)
    pack_id = chunk.pack_id
    if chunk.status == PrintPackChunk.Status.DONE or chunk.pack.status != PrintPack.Status.RUNNING:
        return chunk
    PrintPackChunk.objects.filter(pk=chunk_id).update(
        status=PrintPackChunk.Status.RUNNING, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    by_pk = Certificate.objects.in_bulk(chunk.certificate_ids)
    soffice = printing.soffice_binary()
    try:
        if soffice is None:
            raise printing.ConversionError(
                _("Máy xử lý %(host)s chưa cài LibreOffice.") % {"host": socket.gethostname()}
            )
        contents = [_read(by_pk[pk].file) for pk in chunk.certificate_ids]
        with (
            _claim_kept(chunk_id),
            tempfile.TemporaryDirectory(prefix="khenthuong-chunk-") as tmp,
        ):
            pdf, pages = printing.build_chunk_pdf(contents, Path(tmp), soffice=soffice)
    except printing.ConversionError as exc:
        error = _("Phần %(number)s: %(error)s") % {"number": chunk.number, "error": exc}
        with transaction.atomic():
            PrintPackChunk.objects.filter(pk=chunk_id).update(
                status=PrintPackChunk.Status.FAILED, error=error, finished_at=timezone.now()
            )
            _pack_fail(pack_id, error)
        return PrintPackChunk.objects.get(pk=chunk_id)
    name = _save(chunk.storage_name, pdf)
    with transaction.atomic():
        PrintPack.objects.select_for_update().get(pk=pack_id)  # the chunks' last steps in turn
        PrintPackChunk.objects.filter(pk=chunk_id).update(
            status=PrintPackChunk.Status.DONE,
            pdf_name=name,
            page_count=pages,
            error="",
            finished_at=timezone.now(),
        )
        _merge_if_ready(pack_id)
    return PrintPackChunk.objects.get(pk=chunk_id)


def print_pack_merge(*, pack_id: int) -> PrintPack:
    """Join the chunk PDFs in order into the pack's PDF (run by the task on `convert`) once every
    chunk is done; check one page per certificate. The pack is finished by one conditional
    UPDATE, so a merge delivered twice finishes it once; the chunk PDFs are then removed."""
    pack = PrintPack.objects.get(pk=pack_id)
    chunks = list(pack.chunks.order_by("number"))
    if pack.status != PrintPack.Status.RUNNING or not chunks or not pack.zip:
        return pack  # the ZIP or the last chunk, whichever comes last, sends the merge again
    if any(chunk.status != PrintPackChunk.Status.DONE for chunk in chunks):
        return pack
    contents = []
    for chunk in chunks:
        with default_storage.open(chunk.pdf_name, "rb") as handle:
            contents.append(handle.read())
    pdf, pages = printing.merge_pdf_contents(contents)
    if pages != pack.certificate_count:
        _pack_fail(
            pack_id,
            _("Bộ in có %(pages)s trang, cần %(count)s.")
            % {"pages": pages, "count": pack.certificate_count},
        )
        return PrintPack.objects.get(pk=pack_id)
    expected = f"print_packs/{pack.ceremony_id}/{pack.pk}/ban_in.pdf"
    name = _save(expected, pdf)
    finished = PrintPack.objects.filter(pk=pack_id, status=PrintPack.Status.RUNNING).update(
        status=PrintPack.Status.DONE, pdf=name, page_count=pages, finished_at=timezone.now()
    )
    if finished:
        for chunk in chunks:
            with contextlib.suppress(OSError):
                default_storage.delete(chunk.pdf_name)
    elif name != expected:
        with contextlib.suppress(OSError):
            default_storage.delete(name)  # another merge finished first under the fixed name
    return PrintPack.objects.get(pk=pack_id)
