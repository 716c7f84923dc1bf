"""Reads of people and their history, scoped like every list."""

from typing import Any

from django.db.models import QuerySet

from commendations.access.permissions import can_propose_any, sees_all_nominations
from commendations.access.selectors import units_of
from commendations.campaigns.models import Authority, AuthorityLevel
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
    records = HonourRecord.objects.select_related("award_type", "title_certificate").order_by(
        "-year", "pk"
    )
    return records.filter(person=person) if person is not None else records.filter(unit=unit)


def decided_by_ministry(honour: HonourRecord) -> bool:
    """A title or award the Ministry decides (Chiến sĩ thi đua CAND, Cờ thi đua của Bộ Công an,
    Bằng khen of the Minister): it comes with the Ministry's own certificate, which the province
    does not print but records as received."""
    award_type = honour.award_type
    if award_type is None:
        return False
    if award_type.decided_by_id is not None:
        return award_type.decided_by.level == AuthorityLevel.MINISTER
    return award_type.authority == Authority.MINISTRY


def person_title_certificates(person: Person) -> list[dict[str, Any]]:
    """The person's honours that come with a certificate: the province's Giấy chứng nhận of a
    title it recognised (its registry number and state), or the Ministry's own, recorded as
    received (its number and the day) or still awaited. Newest first; one query."""
    honours = (
        HonourRecord.objects.filter(person=person)
        .select_related("award_type__decided_by", "title_certificate")
        .order_by("-year", "pk")
    )
    rows = []
    for honour in honours:
        certificate = getattr(honour, "title_certificate", None)
        ministry = decided_by_ministry(honour)
        if certificate is None and not ministry:
            continue
        rows.append({"honour": honour, "certificate": certificate, "ministry": ministry})
    return rows
