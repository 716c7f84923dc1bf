"""Reads: a user's notifications (all of them, newest first; the home page's latest few)."""

from typing import Any

from django.db.models import QuerySet

from commendations.notifications.models import Notification


def notifications_for(user: Any) -> QuerySet[Notification]:
    """Every notification of the user, newest first (the API pages through them)."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def notifications_of(user: Any, *, limit: int = 10) -> list[Any]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Notification.objects.filter(recipient=user)[:limit])
