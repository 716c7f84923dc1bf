"""Celery tasks of the ceremonies: build a print pack, re-send packs left pending. Each takes
ids, calls a service and is safe to run twice."""

from celery import shared_task

from commendations.ceremonies import services as ceremonies_services
from commendations.ceremonies.models import PrintPack
from commendations.ceremonies.services import PRINT_PACK_TASK
from commendations.certificates.tasks import TRANSIENT_ERRORS, backoff


@shared_task(
    bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=3, name=PRINT_PACK_TASK
)
def build_print_pack(self, pack_id: int) -> str:
    try:
        return ceremonies_services.print_pack_build(pack_id=pack_id).status
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            PrintPack.objects.filter(pk=pack_id).update(
                status=PrintPack.Status.FAILED, error=f"{type(exc).__name__}: {exc}"
            )
            return PrintPack.Status.FAILED
        raise self.retry(exc=exc, countdown=backoff(self.request.retries)) from exc


@shared_task(acks_late=True)
def print_packs_sweep() -> int:
    """Celery beat, every minute: send the print packs left pending while the broker was down."""
    return ceremonies_services.print_packs_sweep()
