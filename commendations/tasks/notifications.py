"""Celery tasks of the notifications: send e-mails, the daily overdue digest."""

from celery import shared_task

from commendations.notifications.services import EMAIL_TASK, overdue_digest_send
from commendations.notifications.services import notifications_email_send as send


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True, name=EMAIL_TASK)
def notifications_email_send(self, ids: list[int]) -> int:
    try:
        return send(ids=ids)
    except OSError as exc:  # the mail server is down: try again later
        raise self.retry(exc=exc) from exc


@shared_task(name="commendations.overdue_digest")
def overdue_digest() -> int:
    """Celery beat, daily: e-mail each role the nominations past their step's deadline."""
    return overdue_digest_send()
