"""Celery task of the nominations: run a queued Excel import. Takes an id, calls the service, and
is safe to run twice (the service leaves a finished import as it is)."""

from celery import shared_task

from commendations.nominations.imports import jobs
from commendations.nominations.imports.jobs import IMPORT_TASK


@shared_task(acks_late=True, reject_on_worker_lost=True, name=IMPORT_TASK)
def run_nomination_import(job_id: int) -> str:
    return jobs.nomination_import_run(job_id=job_id).status


@shared_task(name="commendations.nominations.tasks.nomination_imports_sweep")
def nomination_imports_sweep() -> int:
    """Send again the imports left pending while the broker was down."""
    return jobs.nomination_imports_sweep()
