"""Celery tasks of the decisions: the issued decision's PDF/A with the organisation's seal, and
the sweep that sends again those still missing. Each takes an id, calls a service and is safe to
run twice."""

import logging
import subprocess

from celery import shared_task
from django.db import DatabaseError, InterfaceError, OperationalError
from django.utils.translation import gettext as _

from commendations.decisions import signed_pdf as decisions_pdf
from commendations.documents.libreoffice import PdfConversionError

logger = logging.getLogger(__name__)

# Errors that may pass: a database restart, a full disk, LibreOffice crashing or too slow once.
TRANSIENT_ERRORS = (
    OperationalError,
    InterfaceError,
    DatabaseError,
    OSError,
    PdfConversionError,
    subprocess.TimeoutExpired,
)
MAX_RETRIES = 5


def backoff(retries: int) -> int:
    return min(2 ** (retries + 1), 120)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_RETRIES,
    name=decisions_pdf.PDF_TASK,
)
def decision_pdf_make(self, decision_id: int) -> str:
    """Make the issued decision's sealed PDF/A (queue `convert`)."""
    try:
        return decisions_pdf.decision_pdf_make(decision_id=decision_id)
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            logger.error("giving up on the PDF of decision %s: %s", decision_id, exc)
            decisions_pdf.decision_pdf_fail(
                decision_id=decision_id,
                error=_("Đã thử %(times)s lần không tạo được bản PDF: %(error)s")
                % {"times": self.request.retries + 1, "error": f"{type(exc).__name__}: {exc}"},
            )
            return "failed"
        raise self.retry(exc=exc, countdown=backoff(self.request.retries)) from exc
    except Exception as exc:  # a template that cannot render: retrying will not help
        logger.exception("decision %s: PDF not made", decision_id)
        decisions_pdf.decision_pdf_fail(
            decision_id=decision_id,
            error=_("Không tạo được bản PDF: %(error)s")
            % {"error": f"{type(exc).__name__}: {exc}"},
        )
        return "failed"


@shared_task(acks_late=True, name="commendations.decisions.tasks.decision_pdfs_sweep")
def decision_pdfs_sweep() -> int:
    """Celery beat, every minute: send again the PDFs of decisions still missing."""
    return decisions_pdf.decision_pdfs_sweep()
