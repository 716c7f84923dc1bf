"""Database conflicts (PostgreSQL's deadlock detected, could not serialize access) turned into
what the user can act on. Locks are taken in one global order, so these should not happen; if
one still does, the outermost call is retried a few times (its transaction was rolled back
whole), and a call nested in a caller's transaction — which cannot be retried alone — raises
ConcurrentChange, the "someone changed this; reload and try again" that web and API show (409)."""

import functools
import random
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import OperationalError, transaction
from django.utils.translation import gettext as _

from workflow.exceptions import ConcurrentChange

T = TypeVar("T")
# SQLSTATE: serialization_failure, deadlock_detected.
CONFLICT_SQLSTATES = {"40001", "40P01"}
ATTEMPTS = 3


def is_conflict(exc: BaseException) -> bool:
    """A deadlock or serialization failure (Django wraps the driver's error as its cause)."""
    seen: BaseException | None = exc
    while seen is not None:
        if getattr(seen, "sqlstate", None) in CONFLICT_SQLSTATES:
            return True
        seen = seen.__cause__
    return False


def conflict_message() -> str:
    return _("Hồ sơ đang được người khác xử lý cùng lúc; hãy tải lại trang và thử lại.")


def retry_on_conflict(call: Callable[[], T], *, attempts: int = ATTEMPTS) -> T:
    outermost = not transaction.get_connection().in_atomic_block
    tries = attempts if outermost else 1
    for attempt in range(1, tries + 1):
        try:
            return call()
        except OperationalError as exc:
            if not is_conflict(exc):
                raise
            if attempt == tries:
                raise ConcurrentChange(conflict_message()) from exc
            time.sleep(random.uniform(0.01, 0.05) * attempt)  # jitter
    raise AssertionError("unreachable")


def conflict_safe(function: Callable[..., T]) -> Callable[..., T]:
    """Decorate a service (outside its @transaction.atomic) with `retry_on_conflict`."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        return retry_on_conflict(lambda: function(*args, **kwargs))

    return wrapper
