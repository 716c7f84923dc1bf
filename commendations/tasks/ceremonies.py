"""Celery tasks of the ceremonies: start a print pack (`default`), convert one chunk and merge
the chunks (`convert`), re-send what was lost. Each takes ids, calls a service and is safe to run
twice; the queues are chosen in config/celery.py."""

from celery import shared_task

from commendations.ceremonies import services as ceremonies_services
from commendations.ceremonies.models import PrintPack, PrintPackChunk
from commendations.ceremonies.services import (
    PRINT_PACK_CHUNK_TASK,
    PRINT_PACK_MERGE_TASK,
    PRINT_PACK_TASK,
)
from commendations.tasks.certificates import TRANSIENT_ERRORS, backoff


def _give_up(pack_id: int, exc: BaseException) -> str:
    PrintPack.objects.filter(
        pk=pack_id, status__in=[PrintPack.Status.PENDING, PrintPack.Status.RUNNING]
    ).update(status=PrintPack.Status.FAILED, error=f"{type(exc).__name__}: {exc}")
    return PrintPack.Status.FAILED


@shared_task(
    bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=3, name=PRINT_PACK_TASK
)
def build_print_pack(self, pack_id: int) -> str:
    try:
        return ceremonies_services.print_pack_build(pack_id=pack_id).status
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            return _give_up(pack_id, exc)
        raise self.retry(exc=exc, countdown=backoff(self.request.retries)) from exc


@shared_task(
    bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=3, name=PRINT_PACK_CHUNK_TASK
)
def print_pack_chunk(self, chunk_id: int) -> str:
    try:
        return ceremonies_services.print_pack_chunk_build(chunk_id=chunk_id).status
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            pack_id = PrintPackChunk.objects.values_list("pack_id", flat=True).get(pk=chunk_id)
            return _give_up(pack_id, exc)
        raise self.retry(exc=exc, countdown=backoff(self.request.retries)) from exc


@shared_task(
    bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=3, name=PRINT_PACK_MERGE_TASK
)
def print_pack_merge(self, pack_id: int) -> str:
    try:
        return ceremonies_services.print_pack_merge(pack_id=pack_id).status
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            return _give_up(pack_id, exc)
        raise self.retry(exc=exc, countdown=backoff(self.request.retries)) from exc


@shared_task(acks_late=True, name="commendations.ceremonies.tasks.print_packs_sweep")
def print_packs_sweep() -> int:
    """Celery beat: send the print packs left pending while the broker was down, and the chunks
    and merges lost with a worker that died."""
    return ceremonies_services.print_packs_sweep()
