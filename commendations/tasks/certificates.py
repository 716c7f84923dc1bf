"""Celery tasks of the certificates: render chunks, re-send stalled batches. Each takes ids,
calls an action (or a service, for work that changes no state) and is safe to run twice (late
acknowledgement: a task whose worker dies is delivered again)."""

import logging
import subprocess

from celery import shared_task
from django.db import DatabaseError, InterfaceError, OperationalError
from django.utils.translation import gettext as _

from commendations.actions import certificates as certificates_actions
from commendations.certificates import archived_pdfs as certificate_pdfs
from commendations.certificates import services as certificates_services
from commendations.certificates.services import RENDER_TASK
from commendations.documents.libreoffice import PdfConversionError
from commendations.signatures.keys import SealConfigurationError

logger = logging.getLogger(__name__)

# Errors that may pass: a database restart, a storage hiccup. Template errors never reach here:
# the service marks those certificates failed at once.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, DatabaseError, OSError)
MAX_RETRIES = 5


def backoff(retries: int) -> int:
    return min(2 ** (retries + 1), 120)


@shared_task(
    bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES, name=RENDER_TASK
)
def render_certificates(self, certificate_ids: list[int]) -> dict[str, int]:
    """Render one chunk of a decision's certificates."""
    try:
        return certificates_actions.certificates_render(certificate_ids=certificate_ids)
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            reason = _("Đã thử %(times)s lần không tạo được: %(error)s") % {
                "times": self.request.retries + 1,
                "error": f"{type(exc).__name__}: {exc}",
            }
            logger.error("giving up on certificates %s: %s", certificate_ids, exc)
            failed = certificates_actions.certificates_fail_pending(
                certificate_ids=certificate_ids, error=reason
            )
            return {"failed": failed}
        raise self.retry(exc=exc, countdown=backoff(self.request.retries)) from exc


@shared_task(acks_late=True, name="commendations.certificates.tasks.certificates_sweep")
def certificates_sweep() -> int:
    """Celery beat, every minute: send the batches left waiting while the broker was down."""
    return certificates_services.certificates_sweep()


# LibreOffice crashing or timing out is worth another try as well.
PDF_TRANSIENT_ERRORS = (*TRANSIENT_ERRORS, PdfConversionError, subprocess.TimeoutExpired)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_RETRIES,
    name=certificate_pdfs.PDF_TASK,
)
def make_certificate_pdfs(self, certificate_ids: list[int]) -> dict[str, int]:
    """The archived, sealed PDF/A of one rendered chunk (`convert` queue)."""
    try:
        return certificate_pdfs.certificates_pdf_make(certificate_ids=certificate_ids)
    except SealConfigurationError as exc:  # the operator's to fix; the sweep tries again later
        logger.error("certificate PDFs %s not made: %s", certificate_ids, exc)
        return {"made": 0, "sealed": 0, "skipped": len(certificate_ids)}
    except PDF_TRANSIENT_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            logger.error("giving up on the PDFs of certificates %s: %s", certificate_ids, exc)
            return {"made": 0, "sealed": 0, "skipped": len(certificate_ids)}
        raise self.retry(exc=exc, countdown=backoff(self.request.retries)) from exc


@shared_task(acks_late=True, name="commendations.certificates.tasks.certificate_pdfs_sweep")
def certificate_pdfs_sweep() -> int:
    """Celery beat: send rendered certificates left without their PDF."""
    return certificate_pdfs.certificate_pdfs_sweep()
