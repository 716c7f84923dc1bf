"""Reads of people and their history, scoped like every list."""

from typing import Any

from django.db.models import QuerySet

from commendations.access.permissions import can_propose_any, sees_all_nominations
from commendations.access.selectors import units_of
from commendations.units.models import HonourRecord, Person, Unit


def people_visible_to(user: Any) -> QuerySet[Person]:
    """Everyone for the province-wide roles; a unit officer's unit subtree for them; nobody
    for a user without a role (personal data, as a person's history page)."""
    people = Person.objects.select_related("unit").order_by("full_name", "code")
    if getattr(user, "is_superuser", False) or sees_all_nominations(user):
        return people
    if not can_propose_any(user):
        return people.none()
    return people.filter(unit__in=units_of(user))


def honours_of(*, person: Person | None = None, unit: Unit | None = None) -> QuerySet:
    records = HonourRecord.objects.select_related("award_type").order_by("-year", "pk")
    return records.filter(person=person) if person is not None else records.filter(unit=unit)
