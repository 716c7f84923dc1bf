"""The units a user may act for or see."""

from typing import Any

from django.db.models import QuerySet

from commendations.access.permissions import user_unit
from commendations.units.models import Unit


def units_of(user: Any) -> QuerySet[Unit]:
    """The units a user may act for: all for a superuser, their subtree for a unit officer."""
    if not getattr(user, "is_authenticated", False):
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    own = user_unit(user)
    return Unit.objects.subtree_of(own) if own else Unit.objects.none()
