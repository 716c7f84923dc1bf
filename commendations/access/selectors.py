"""The units a user may act for or see."""

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone

from commendations.access.permissions import user_unit
from commendations.units.models import Unit
from commendations.units.selectors import unit_tree_on


def units_of(user: Any, on: datetime.date | None = None) -> QuerySet[Unit]:
    """The units a user may act for on `on` (default today), in the tree in force that day: all
    units in force for a superuser, their unit's subtree for a unit officer. What a unit picker
    offers: never a unit dissolved or not yet created."""
    if not getattr(user, "is_authenticated", False):
        return Unit.objects.none()
    on = on or timezone.localdate()
    if user.is_superuser:
        return Unit.objects.in_force(on)
    own = user_unit(user)
    if own is None:
        return Unit.objects.none()
    if on == timezone.localdate():  # today's tree is the cached one: one query by path
        return Unit.objects.subtree_of(own).in_force(on)
    return Unit.objects.filter(pk__in=unit_tree_on(on).subtree_ids(own.pk))


def users_with_role(role: str | None = None) -> QuerySet:
    """Active users, those holding `role` (a group of access.roles.Role) when given."""
    users = get_user_model().objects.filter(is_active=True)
    if role:
        users = users.filter(groups__name=role)
    return users.order_by("username", "id").distinct()
