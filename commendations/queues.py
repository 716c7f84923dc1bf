"""The broker's queues by kind of work (routing is in config/celery.py), and how many messages
one of them holds: the sweeps re-send work lost with a killed worker only when its queue is
empty, so nothing still waiting its turn is sent twice."""

import logging

from celery import current_app
from kombu.exceptions import ChannelError

RENDER = "render"
CONVERT = "convert"
MAIL = "mail"
DEFAULT = "default"
ALL = (RENDER, CONVERT, MAIL, DEFAULT)

logger = logging.getLogger(__name__)


def waiting(queue: str) -> int | None:
    """Messages waiting in `queue` (not those a worker holds), or None when the broker does not
    say (unreachable, or the queue not declared yet)."""
    try:
        with current_app.connection_for_read() as connection:
            connection.ensure_connection(max_retries=1)
            with connection.channel() as channel:
                try:
                    return channel.queue_declare(queue=queue, passive=True).message_count
                except ChannelError as exc:
                    if "NOT_FOUND" in str(exc):  # Redis keeps no key for an empty queue
                        return 0
                    raise
    except Exception as exc:
        logger.info("queue %s: length unknown (%s)", queue, exc)
        return None
