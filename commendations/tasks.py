"""Celery tasks: each takes ids, calls a service and is safe to run twice."""

from celery import shared_task


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def notifications_email_send(self, ids: list[int]) -> int:  # noqa: ANN001
    from .services.notifications import notifications_email_send as send

    try:
        return send(ids=ids)
    except OSError as exc:  # the mail server is down: try again later
        raise self.retry(exc=exc) from exc
