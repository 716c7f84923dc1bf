"""Celery tasks: each takes ids (or nothing), calls one service and is safe to run twice."""

from celery import shared_task


@shared_task(name="commendations.overdue_digest")
def overdue_digest() -> int:
    from .services.deadlines import overdue_digest_send

    return overdue_digest_send()
