"""Reads: a user's latest notifications."""

from typing import Any

from commendations.notifications.models import Notification


def notifications_of(user: Any, *, limit: int = 10) -> list[Any]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Notification.objects.filter(recipient=user)[:limit])
