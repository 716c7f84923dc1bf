"""Reads: what a user may see. Every list, detail view and API endpoint starts here."""

from typing import Any

from django.db.models import Q, QuerySet

from .models import Decision, Nomination, NominationState, Unit
from .permissions import sees_all_nominations, user_unit


def units_of(user: Any) -> QuerySet[Unit]:
    """The units a user may act for: all for a superuser, their subtree for a unit officer."""
    if not getattr(user, "is_authenticated", False):
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    own = user_unit(user)
    return Unit.objects.subtree_of(own) if own else Unit.objects.none()


def nominations_visible_to(user: Any) -> QuerySet[Nomination]:
    """Unit staff see their own subtree's nominations; province-wide roles see every nomination
    that has left its unit (drafts stay private to the unit)."""
    base = Nomination.objects.select_related(
        "campaign", "unit", "award_type", "nominee_unit", "decision"
    )
    if not getattr(user, "is_authenticated", False):
        return base.none()
    if user.is_superuser:
        return base
    condition = Q(pk__in=[])
    own = user_unit(user)
    if own is not None and user.has_perm("commendations.propose_nomination"):
        condition |= Q(unit__path__startswith=f"{own.path}/") | Q(unit=own)
    if sees_all_nominations(user):
        condition |= ~Q(state=NominationState.DRAFT)
    return base.filter(condition)


def decisions_visible_to(user: Any) -> QuerySet[Decision]:
    if not getattr(user, "is_authenticated", False):
        return Decision.objects.none()
    if user.is_superuser or sees_all_nominations(user):
        return Decision.objects.all()
    return Decision.objects.none()
