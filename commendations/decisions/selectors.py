"""Reads: the decisions a user may see."""

from typing import Any

from django.db.models import QuerySet

from commendations.access.permissions import sees_all_nominations
from commendations.decisions.models import Decision


def decisions_visible_to(user: Any) -> QuerySet[Decision]:
    if not getattr(user, "is_authenticated", False):
        return Decision.objects.none()
    if user.is_superuser or sees_all_nominations(user):
        return Decision.objects.all()
    return Decision.objects.none()
