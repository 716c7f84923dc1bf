"""Celery tasks. Each takes ids, calls a service, and is safe to run twice (the services check
"already done?" under a row lock and write deterministic names). Late acknowledgement: a task
whose worker dies is delivered again."""

import logging

from celery import shared_task
from django.db import DatabaseError, InterfaceError, OperationalError
from django.utils.translation import gettext as _

from .services import certificates as service

logger = logging.getLogger(__name__)

# Errors that may pass: a database restart, a storage hiccup. Template errors never reach here:
# the service marks those certificates failed at once.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, DatabaseError, OSError)
MAX_RETRIES = 5


def backoff(retries: int) -> int:
    return min(2 ** (retries + 1), 120)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES)
def render_certificates(self, certificate_ids: list[int]) -> dict[str, int]:  # noqa: ANN001
    """Render one chunk of a decision's certificates."""
    try:
        return service.certificates_render(certificate_ids=certificate_ids)
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            reason = _("Đã thử %(times)s lần không tạo được: %(error)s") % {
                "times": self.request.retries + 1,
                "error": f"{type(exc).__name__}: {exc}",
            }
            logger.error("giving up on certificates %s: %s", certificate_ids, exc)
            failed = service.certificates_fail_pending(
                certificate_ids=certificate_ids, error=reason
            )
            return {"failed": failed}
        raise self.retry(exc=exc, countdown=backoff(self.request.retries)) from exc


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=3)
def build_print_pack(self, pack_id: int) -> str:  # noqa: ANN001
    try:
        return service.print_pack_build(pack_id=pack_id).status
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            from .models import PrintPack

            PrintPack.objects.filter(pk=pack_id).update(
                status=PrintPack.Status.FAILED, error=f"{type(exc).__name__}: {exc}"
            )
            return PrintPack.Status.FAILED
        raise self.retry(exc=exc, countdown=backoff(self.request.retries)) from exc


@shared_task(acks_late=True)
def certificates_sweep() -> int:
    """Celery beat, every minute: send the batches left waiting while the broker was down."""
    return service.certificates_sweep()


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def notifications_email_send(self, ids: list[int]) -> int:  # noqa: ANN001
    from .services.notifications import notifications_email_send as send

    try:
        return send(ids=ids)
    except OSError as exc:  # the mail server is down: try again later
        raise self.retry(exc=exc) from exc


@shared_task(name="commendations.overdue_digest")
def overdue_digest() -> int:
    """Celery beat, daily: e-mail each role the nominations past their step's deadline."""
    from .services.deadlines import overdue_digest_send

    return overdue_digest_send()
