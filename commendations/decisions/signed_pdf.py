"""The issued decision as a signed electronic document, in the decree's order (Nghị định
30/2020, Điều 13): after the issue commits, a `convert` worker renders the issued .docx and
converts it to PDF/A (LibreOffice); the signer signs that PDF on their own machine with their
token and uploads it, accepted only if it is our PDF plus a valid signature chaining to a trust
root (or signs the paper original by hand and its scan is uploaded); then the văn thư adds the
organisation's seal (PAdES) over it, at the real time, and only then are the certificates made.

Only an authority whose documents are sealed here (AuthorityProfile.sealed_here) gets a PDF from
us: a Ministry decision recorded from its scan keeps the scan."""

import datetime
import hashlib
import logging
import re
from typing import Any

from celery import current_app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from commendations.campaigns.models import AuthorityProfile
from commendations.decisions.documents import decision_document
from commendations.decisions.models import (
    Decision,
    DecisionPdfStatus,
    DecisionState,
    SignatureState,
)
from commendations.documents.libreoffice import docx_to_pdf
from commendations.files.safe import UnsafeFile, read_bounded
from commendations.files.storage import file_replace
from commendations.signatures.keys import SealConfigurationError, seal_configured
from commendations.signatures.pdf_verdict import PdfVerdict, pdf_verify
from commendations.signatures.seal import pdf_seal
from commendations.signatures.selectors import signer_certificate_refusal

logger = logging.getLogger(__name__)

PDF_TASK = "commendations.decisions.tasks.decision_pdf_make"
PDF_MAGIC = b"%PDF-"


# --- names ------------------------------------------------------------------------------------


def _base_name(decision: Decision) -> str:
    """decisions/<year>/<id>/quyet-dinh-<number>: the same name on every run (a retry overwrites
    its own half-done file instead of leaving a second one)."""
    number = decision.number.replace("/", "-").replace("Đ", "D").replace("đ", "d")
    number = re.sub(r"[^A-Za-z0-9-]+", "", number).strip("-").lower() or str(decision.pk)
    return f"decisions/{decision.year}/{decision.pk}/quyet-dinh-{number}"


def _store(field_name: str, name: str, content: bytes) -> str:
    return file_replace(name, content, storage=Decision._meta.get_field(field_name).storage)


# --- making the PDF (the worker) --------------------------------------------------------------


def decision_pdf_request(*, decision: Decision) -> None:
    """Called by decision_issue inside its transaction: an authority sealed here gets its PDF
    made once the issue commits; any other keeps none."""
    if not settings.ARCHIVE_PDFS_ENABLED:
        return
    if not AuthorityProfile.for_authority(decision.authority).sealed_here:
        return
    values = {"pdf_status": DecisionPdfStatus.PENDING, "pdf_sent_at": timezone.now()}
    Decision.objects.filter(pk=decision.pk).update(**values)
    for field, value in values.items():
        setattr(decision, field, value)
    decision_id = decision.pk
    transaction.on_commit(lambda: decision_pdf_send(decision_id=decision_id))


def decision_pdf_send(*, decision_id: int) -> bool:
    try:
        current_app.tasks[PDF_TASK].apply_async(args=[decision_id], retry=False)
    except Exception as exc:  # the broker is down: the sweep sends it later
        logger.warning("decision %s PDF not sent: %s", decision_id, exc)
        return False
    return True


def _lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.DECISION_PDF_RESEND_SECONDS)


def _claim(decision_id: int, now: datetime.datetime) -> bool:
    """One worker at a time makes a decision's PDF: it claims the row for the lease; a worker
    that died leaves a claim that expires."""
    return bool(
        Decision.objects.filter(
            Q(pdf_claimed_at__isnull=True) | Q(pdf_claimed_at__lt=now - _lease()),
            pk=decision_id,
            state=DecisionState.ISSUED,
            pdf_status=DecisionPdfStatus.PENDING,
        ).update(pdf_claimed_at=now)
    )


def decision_pdf_make(*, decision_id: int) -> str:
    """Render, convert and store the issued decision's PDF/A, for the signer to sign first;
    "done", or "skipped" when it is done already, not wanted or another worker holds it. Safe
    to run twice. A transient error (database, disk, LibreOffice) is raised for the task to
    retry, after giving the claim back. The organisation's seal is not applied here: it is the
    văn thư's own step after the signer's signature (decision_seal_apply)."""
    now = timezone.now()
    if not _claim(decision_id, now):
        return "skipped"
    decision = Decision.objects.get(pk=decision_id)
    try:
        docx = decision_document(decision)
        pdf = docx_to_pdf({"quyet-dinh": docx}, pdfa=True)["quyet-dinh"]
        base = _base_name(decision)
        docx_name = _store("docx_file", f"{base}.docx", docx)
        pdf_name = _store("pdf", f"{base}.pdf", pdf)
    except Exception:
        Decision.objects.filter(pk=decision_id, pdf_claimed_at=now).update(pdf_claimed_at=None)
        raise
    updated = Decision.objects.filter(
        pk=decision_id, pdf_status=DecisionPdfStatus.PENDING, pdf_claimed_at=now
    ).update(
        docx_file=docx_name,
        pdf=pdf_name,
        pdf_status=DecisionPdfStatus.READY,
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
        pdf_made_at=timezone.now(),
        pdf_error="",
        pdf_claimed_at=None,
    )
    return "done" if updated else "skipped"


# --- the organisation's seal (the văn thư's step, after the signer) ---------------------------


def decision_seal_source(decision: Decision) -> bytes:
    """What the seal goes over: the signer's signed PDF, or the scan of the paper original the
    signer signed by hand."""
    if decision.signature_state == SignatureState.SIGNED and decision.signed_pdf:
        field = decision.signed_pdf
    elif decision.signature_state == SignatureState.PAPER and decision.scan_is_pdf:
        field = decision.scan
    else:
        raise ValidationError(
            _("Người ký chưa ký (bản ký số hoặc bản quét bản gốc đã ký tay, định dạng PDF).")
        )
    with field.open("rb") as handle:
        return handle.read()


def decision_seal_apply(*, decision: Decision) -> tuple[str, str, str]:
    """The organisation's seal added over what the signer signed (an incremental update: the
    signer's signature stays valid), its image covering the left third of the signature at the
    signer's block, with the real signing time. Returns (stored name, SHA-256, organisation).
    A seal that is not configured or cannot be used is refused with the reason."""
    profile = AuthorityProfile.for_authority(decision.authority)
    organisation = profile.organisation_name
    if not seal_configured():
        raise ValidationError(
            _("Chưa cấu hình chữ ký số của cơ quan (con dấu điện tử): chưa đóng dấu được.")
        )
    try:
        sealed = pdf_seal(
            decision_seal_source(decision),
            organisation=organisation,
            anchor=str(decision.signer.context()["signer_name_line"]),
            seal_image=profile.seal_image_bytes(),
            reason=_("Ban hành Quyết định số %(number)s") % {"number": decision.number},
            location=decision.place,
        )
    except SealConfigurationError as exc:
        raise ValidationError(str(exc)) from exc
    name = _store("sealed_pdf", f"{_base_name(decision)}-da-dong-dau.pdf", sealed)
    return name, hashlib.sha256(sealed).hexdigest(), organisation


def sealed_pdf_discard(name: str) -> None:
    Decision._meta.get_field("sealed_pdf").storage.delete(name)


def decision_pdf_fail(*, decision_id: int, error: str) -> int:
    """Give up on the PDF with the reason shown on the decision's page (no endless retries)."""
    return Decision.objects.filter(pk=decision_id, pdf_status=DecisionPdfStatus.PENDING).update(
        pdf_status=DecisionPdfStatus.FAILED, pdf_error=error[:2000], pdf_claimed_at=None
    )


def decision_pdfs_sweep() -> int:
    """Celery beat: send again the PDFs still missing DECISION_PDF_RESEND_SECONDS after the
    decision was issued and the PDF last sent (a broker that was down, a worker that died).
    Each is marked sent by a conditional update, so two schedulers never both send it."""
    now = timezone.now()
    stale = now - _lease()
    due = Q(pdf_sent_at__isnull=True) | Q(pdf_sent_at__lt=stale)
    ids = list(
        Decision.objects.filter(
            due,
            state=DecisionState.ISSUED,
            pdf_status=DecisionPdfStatus.PENDING,
            issued_at__lt=stale,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    sent = 0
    for pk in ids:
        if Decision.objects.filter(due, pk=pk, pdf_status=DecisionPdfStatus.PENDING).update(
            pdf_sent_at=now
        ):
            decision_pdf_send(decision_id=pk)
            sent += 1
    return sent


# --- the signer's own signature (an upload) ---------------------------------------------------


def _upload_bytes(upload: Any) -> bytes:
    """The upload's bytes, its size refused before anything is read past the limit."""
    limit = settings.SIGNATURE_UPLOAD_MAX_BYTES
    size = len(upload) if isinstance(upload, bytes | bytearray) else getattr(upload, "size", None)
    too_large = _("Tệp quá lớn; giới hạn %(limit)s MB.") % {
        "limit": round(limit / (1024 * 1024), 1)
    }
    if size is not None and size > limit:
        raise ValidationError({"file": [too_large]})
    try:
        return read_bounded(upload, limit=limit)
    except UnsafeFile as exc:
        raise ValidationError({"file": [str(exc)]}) from exc


def _refusals(verdict: PdfVerdict) -> list[str]:
    """The verdict's messages, and for each signature refused, whose it is and who issued its
    certificate (an untrusted root is named)."""
    messages = list(verdict.messages)
    for line in verdict.signatures:
        if not line.ok:
            messages.append(
                _("Chữ ký của “%(signer)s”: chứng thư số %(serial)s do “%(issuer)s” cấp.")
                % {"signer": line.signer, "serial": line.serial, "issuer": line.issuer}
            )
    return messages or [_("Tệp không hợp lệ.")]


def signed_pdf_read(upload: Any) -> bytes:
    """The uploaded file's bytes, bounded before anything parses them."""
    return _upload_bytes(upload)


def signed_pdf_signature(*, decision: Decision, content: bytes) -> tuple[Any, PdfVerdict]:
    """The signer's signature in an uploaded copy of the (locked) decision, or a ValidationError
    saying why it is refused: it must be our issued PDF, byte for byte, followed only by
    signatures, with at least one valid signature of a person (not our seal) whose certificate
    chains to a trust root."""
    if decision.state != DecisionState.ISSUED:
        raise ValidationError({"file": [_("Quyết định chưa ban hành, chưa ký số được.")]})
    if decision.signature_state != SignatureState.UNSIGNED:
        raise ValidationError(
            {"file": [_("Quyết định đã được ký số; không nhận thêm bản ký khác.")]}
        )
    if not decision.pdf_ready:
        raise ValidationError({"file": [_("Bản PDF của quyết định chưa sẵn sàng để ký số.")]})
    if not content.startswith(PDF_MAGIC):
        raise ValidationError({"file": [_("Tệp không phải PDF.")]})
    with decision.pdf.open("rb") as handle:
        original = handle.read()
    verdict = pdf_verify(content, original=original)
    if not verdict.ok:
        raise ValidationError({"file": _refusals(verdict)})
    ours = 1 if decision.pdf_sealed else 0  # the seal is the original's one signature
    seal_serials = {line.serial for line in verdict.signatures[:ours]}
    added = [line for line in verdict.signatures[ours:] if line.serial not in seal_serials]
    if not added:
        raise ValidationError(
            {
                "file": [
                    _(
                        "Tệp chưa có chữ ký số của người ký (chỉ có con dấu số của cơ quan): "
                        "hãy ký bằng thiết bị ký số của mình rồi tải lên."
                    )
                ]
            }
        )
    line = added[-1]
    refusal = signer_certificate_refusal(
        signer_name=decision.signer_name,
        certificate_name=line.signer,
        serial=line.serial,
        issuer=line.issuer,
    )
    if refusal is not None:
        raise ValidationError({"file": [refusal]})
    return line, verdict


def signed_pdf_store(*, decision: Decision, content: bytes) -> str:
    """Store the signed copy beside the sealed one; returns its storage name."""
    return _store("signed_pdf", f"{_base_name(decision)}-da-ky-so.pdf", content)


def signed_pdf_discard(name: str) -> None:
    Decision._meta.get_field("signed_pdf").storage.delete(name)
