"""The long-service awards as a source of the due list (`commendations.due`): one entry per
person and award reached during the year, with the reason in words. Registered at start-up
(`apps.STARTUP_MODULES`)."""

from django.db.models import Q

from commendations.campaigns.models import AwardType, NomineeKind
from commendations.due.registry import DueEntry, DueQuery, Evidence, register_due_source
from commendations.long_service.selectors import long_service_due
from commendations.units.models import HONOUR_KIND_AWARD_CODES, Person


@register_due_source("long_service")
def long_service_entries(query: DueQuery) -> list[DueEntry]:
    """Who reaches a long-service threshold by 31/12 of `query.year` (people of `query.unit_ids`,
    or everyone). A pending case keeps the entry, marked as missing a clean record. One query
    more than `long_service_due` (the catalogue's medals)."""
    people = None
    if query.unit_ids is not None:
        people = Person.objects.filter(Q(unit_id__in=query.unit_ids))
    due = long_service_due(year=query.year, people=people)
    if not due:
        return []
    types = AwardType.objects.select_related("decided_by").in_bulk(
        [HONOUR_KIND_AWARD_CODES[e.entitlement.award] for e in due], field_name="code"
    )
    entries = []
    for item in due:
        entitlement = item.entitlement
        award_type = types.get(HONOUR_KIND_AWARD_CODES[entitlement.award])
        if award_type is None:  # a threshold for an award the catalogue does not hold
            continue
        count = entitlement.count
        entries.append(
            DueEntry(
                subject_kind=NomineeKind.INDIVIDUAL,
                award_type=award_type,
                reason=entitlement.reason,
                evidence=[
                    Evidence(
                        year=count.last_day.year if count.last_day else query.year,
                        award_type=count.words(),
                        decision=entitlement.source,
                    )
                ],
                person=item.person,
                unit=item.person.unit,
                source="long_service",
                missing=[f"chưa xét: {entitlement.blocked}"] if entitlement.blocked else [],
            )
        )
    return entries
