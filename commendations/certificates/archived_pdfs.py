"""Each rendered certificate as an archived PDF/A carrying the organisation's seal.

After a render chunk commits, one task on the `convert` queue takes the chunk: its .docx files
are converted in ONE LibreOffice run (PDF/A-2b), the seal position is computed once per decision
(every certificate of a decision has the same layout) and each PDF is sealed there (pyHanko,
PAdES), checked once (the summary the public verification page shows, so no page view runs a
check) and stored under a deterministic name with its SHA-256. Certificates of an authority not
sealed here (the Ministry's Bằng khen) are stored unsealed and marked so; without a configured
key they are stored unsealed and say so. Safe twice: a certificate whose PDF matches its current
rendering is skipped; one rendered again later (retry, replacement) gets a new PDF. Revoked and
replaced certificates get none. A periodic sweep sends rendered certificates left without a PDF
(broker down, LibreOffice crashed past the retries)."""

import contextlib
import datetime
import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from celery import current_app
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from commendations import queues
from commendations.campaigns.models import AuthorityProfile
from commendations.certificates.models import Certificate, CertificateState, PdfSeal
from commendations.decisions.models import Decision
from commendations.documents import libreoffice
from commendations.events import AuditEventKind
from commendations.files.storage import file_replace
from commendations.signatures.keys import organisation_signer, seal_configured, trust_roots_der
from commendations.signatures.pdf_verdict import pdf_verify_own
from commendations.signatures.seal import pdf_seal, seal_position
from workflow.actors import SYSTEM
from workflow.services import audit_event_record

PDF_TASK = "commendations.certificates.tasks.make_certificate_pdfs"
C = CertificateState
# Certificates in force whose .docx exists: these have (or get) a PDF. Never revoked or replaced.
WITH_PDF = (C.RENDERED, C.PRINTED, C.PRESENTED)

logger = logging.getLogger(__name__)


# --- sending ------------------------------------------------------------------------------------


def pdfs_send(certificate_ids: list[int]) -> bool:
    """Send one chunk to the `convert` queue; a broker that is down leaves it to the sweep."""
    try:
        current_app.tasks[PDF_TASK].apply_async(args=[list(certificate_ids)], retry=False)
    except Exception as exc:
        logger.warning("certificate PDFs %s not sent: %s", certificate_ids, exc)
        return False
    return True


def pdfs_schedule(certificate_ids: Iterable[int]) -> None:
    """Called inside the rendering transaction: the chunk's PDFs are asked for once it has
    committed (never for a rendering that rolls back)."""
    ids = sorted(set(certificate_ids))
    if not ids or not settings.ARCHIVE_PDFS_ENABLED:
        return
    transaction.on_commit(lambda: pdfs_send(ids))


def _without_pdf() -> Q:
    return Q(pdf_sha256="") | Q(pdf_rendered_at__isnull=True) | ~Q(pdf_rendered_at=F("rendered_at"))


def certificate_pdfs_sweep() -> int:
    """Celery beat: send the rendered certificates still without the PDF of their rendering
    CERTIFICATE_PDF_LEASE_SECONDS after it (or after the sweep last sent them), only when the
    `convert` queue is empty, so nothing waiting its turn is sent twice. The rows are claimed
    (pdf_requested_at) before sending: a second scheduler's sweep finds nothing. Returns the
    chunks sent."""
    if not settings.ARCHIVE_PDFS_ENABLED or queues.waiting(queues.CONVERT):
        return 0
    lease = timezone.now() - datetime.timedelta(seconds=settings.CERTIFICATE_PDF_LEASE_SECONDS)
    with transaction.atomic():
        claimed = list(
            Certificate.objects.select_for_update(skip_locked=True)
            .filter(_without_pdf(), state__in=WITH_PDF, rendered_at__lt=lease)
            .filter(Q(pdf_requested_at__isnull=True) | Q(pdf_requested_at__lt=lease))
            .exclude(file="")
            .order_by("decision_id", "serial")
            .values_list("pk", "decision_id")
        )
        Certificate.objects.filter(pk__in=[pk for pk, _decision in claimed]).update(
            pdf_requested_at=timezone.now()
        )
    by_decision: dict[int, list[int]] = {}
    for pk, decision_id in claimed:
        by_decision.setdefault(decision_id, []).append(pk)
    sent = 0
    size = settings.CERTIFICATE_CHUNK_SIZE
    for _decision_id, ids in sorted(by_decision.items()):
        for start in range(0, len(ids), size):
            if not pdfs_send(ids[start : start + size]):
                return sent
            sent += 1
    return sent


# --- making the PDFs (run by the task) ----------------------------------------------------------


@dataclass(frozen=True)
class SealPlan:
    """How one decision's certificates are archived."""

    seal: str  # PdfSeal
    organisation: str = ""
    anchor: str = ""
    location: str = ""
    seal_image: bytes | None = None


def seal_plan(decision: Decision) -> SealPlan:
    """Sealed when the decision's authority is sealed here and a key is configured; raises
    SealConfigurationError for a configured key that cannot be used (before any conversion)."""
    profile = AuthorityProfile.for_authority(decision.authority)
    if not profile.sealed_here:
        return SealPlan(PdfSeal.NOT_OURS)
    if not seal_configured():
        return SealPlan(PdfSeal.NOT_CONFIGURED)
    organisation_signer()
    return SealPlan(
        PdfSeal.SEALED,
        organisation=profile.organisation_name,
        anchor=decision.signer_name,
        location=profile.place,
        seal_image=profile.seal_image_bytes(),
    )


def certificates_seal(
    pdfs: dict[int, bytes], certificates: list[Certificate], plan: SealPlan
) -> dict[int, tuple[bytes, dict]]:
    """{pk: (archived PDF, signature summary)} for one decision's certificates: the seal's
    position found once, each PDF sealed, then checked once (what the verification page shows;
    the trust roots read once). What the PDF task runs and what benchmarks/certificates.py
    measures as the seal's cost."""
    if plan.seal != PdfSeal.SEALED:
        return {c.pk: (pdfs[c.pk], {}) for c in certificates}
    position = seal_position(pdfs[certificates[0].pk], anchor=plan.anchor)
    roots = trust_roots_der()
    result = {}
    for certificate in certificates:
        sealed = pdf_seal(
            pdfs[certificate.pk],
            organisation=plan.organisation,
            anchor=plan.anchor,
            seal_image=plan.seal_image,
            reason=_("Cấp %(number)s") % {"number": certificate.registry_number},
            location=plan.location,
            position=position,
        )
        result[certificate.pk] = (sealed, pdf_verify_own(sealed, roots_der=roots).as_dict())
    return result


def certificates_pdf_make(*, certificate_ids: Iterable[int]) -> dict[str, int]:
    """Make the PDFs of a chunk (one task); returns how many were made, sealed and skipped.

    LibreOffice and the sealing run outside any lock (the slow part); one transaction then locks
    the rows and stores the PDFs of those still in force and still at the rendering that was
    converted. A configured key that cannot be used raises SealConfigurationError before
    anything is converted. Conversion errors are raised for the task to retry."""
    ids = sorted(set(certificate_ids))
    candidates = [
        c
        for c in Certificate.objects.select_related("decision")
        .filter(pk__in=ids, state__in=WITH_PDF)
        .exclude(file="")
        .order_by("decision_id", "serial")
        if not c.pdf_current
    ]
    outcome = {"made": 0, "sealed": 0, "skipped": len(ids) - len(candidates)}
    if not candidates:
        return outcome
    if libreoffice.soffice() is None:
        logger.warning("certificate PDFs %s: LibreOffice (soffice) is not installed", ids)
        outcome["skipped"] = len(ids)
        return outcome
    groups: dict[int, list[Certificate]] = {}
    for certificate in candidates:
        groups.setdefault(certificate.decision_id, []).append(certificate)
    plans = {pk: seal_plan(group[0].decision) for pk, group in groups.items()}
    sources = {}
    for certificate in candidates:
        with certificate.file.open("rb") as handle:
            sources[str(certificate.pk)] = handle.read()
    converted = libreoffice.docx_to_pdf(
        sources, pdfa=True, timeout=libreoffice.soffice_timeout(len(sources))
    )
    pdfs = {int(name): content for name, content in converted.items()}
    archived: dict[int, tuple[bytes, dict]] = {}
    for decision_id, group in groups.items():
        archived |= certificates_seal(pdfs, group, plans[decision_id])
    by_pk = {c.pk: c for c in candidates}
    with transaction.atomic():
        locked = list(
            Certificate.objects.select_for_update().filter(pk__in=list(by_pk)).order_by("pk")
        )
        written: list[str] = []
        try:
            for row in locked:
                seen = by_pk[row.pk]
                if (
                    row.state not in WITH_PDF
                    or row.rendered_at != seen.rendered_at
                    or row.pdf_current
                ):
                    outcome["skipped"] += 1  # revoked, rendered again or done meanwhile
                    continue
                content, summary = archived[row.pk]
                plan = plans[row.decision_id]
                name = row.pdf_storage_name
                file_replace(name, content)
                written.append(name)
                digest = hashlib.sha256(content).hexdigest()
                Certificate.objects.filter(pk=row.pk).update(
                    pdf=name,
                    pdf_sha256=digest,
                    pdf_made_at=timezone.now(),
                    pdf_rendered_at=row.rendered_at,
                    pdf_seal=plan.seal,
                    pdf_signature=summary,
                )
                audit_event_record(
                    kind=AuditEventKind.CERTIFICATE_PDF_MADE,
                    subject=row,
                    actor=SYSTEM,
                    comment=PdfSeal(plan.seal).label,
                    data={"sha256": digest, "seal": plan.seal, "valid": summary.get("valid")},
                )
                outcome["made"] += 1
                outcome["sealed"] += plan.seal == PdfSeal.SEALED
        except BaseException:
            for name in written:  # the rows roll back: no file without its record
                with contextlib.suppress(OSError):
                    default_storage.delete(name)
            raise
    return outcome
