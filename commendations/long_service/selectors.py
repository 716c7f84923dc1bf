"""Reads: the rules in force and who is due a long-service award in a year, in a fixed number of
queries whatever the number of people (the rules, the people, their records, their honours, their
pending cases)."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q

from commendations.long_service.entitlement import Entitlement, PersonFacts, Rule, entitlements
from commendations.long_service.models import LongServiceThreshold, ServiceBasis
from commendations.long_service.years import Period
from commendations.units.models import (
    AWARD_CODE_HONOUR_KINDS,
    HONOUR_KIND_AWARD_CODES,
    DisciplinaryRecord,
    HonourKind,
    HonourRecord,
    Person,
    ServiceForce,
    ServiceRecord,
)

LONG_SERVICE_HONOURS = (
    HonourKind.MEDAL_GLORIOUS_3,
    HonourKind.MEDAL_GLORIOUS_2,
    HonourKind.MEDAL_GLORIOUS_1,
    HonourKind.MEDAL_SECURITY,
    HonourKind.BADGE_SECURITY,
)
# The award types of those honours: a nomination for one rests on the service records its annex
# lists (years, interruptions, doubled periods), not on a Báo cáo thành tích.
LONG_SERVICE_AWARD_CODES = frozenset(HONOUR_KIND_AWARD_CODES[k] for k in LONG_SERVICE_HONOURS)


@dataclass(frozen=True)
class LongServiceDue:
    person: Person
    entitlement: Entitlement

    @property
    def reason(self) -> str:
        return self.entitlement.reason


def long_service_rules(on: datetime.date) -> list[Rule]:
    """The thresholds in force on `on`, as plain values."""
    return [
        Rule(
            award=row.award,
            basis=row.basis,
            sex=row.sex,
            years=row.years,
            doubles=row.difficult_area_counts_double,
            family=row.family,
            excluded_by=frozenset(row.excluded_by or ()),
            authority=row.deciding_authority,
            source=row.source,
            verified=row.verified,
        )
        for row in LongServiceThreshold.objects.in_force(on)
    ]


def periods_by_basis(records: list[ServiceRecord]) -> dict[str, list[Period]]:
    """A person's service records sorted into the time each basis counts."""
    by_basis: dict[str, list[Period]] = {basis: [] for basis in ServiceBasis.values}
    for record in records:
        period = Period(record.valid_from, record.valid_to, record.difficult_area)
        if record.force == ServiceForce.POLICE:
            by_basis[ServiceBasis.POLICE].append(period)
        else:
            by_basis[ServiceBasis.GRASSROOTS].append(period)
        if record.leading_post:
            by_basis[ServiceBasis.LEADING_POST].append(period)
    return by_basis


def person_facts(person: Person, *, on: datetime.date) -> PersonFacts:
    """One person's facts from what `long_service_people` prefetched (no query)."""
    cases = [r for r in person.long_service_cases if r.is_active(on)]
    return PersonFacts(
        sex=person.sex,
        periods=periods_by_basis(person.long_service_records),
        held=frozenset(
            h.kind or AWARD_CODE_HONOUR_KINDS.get(h.award_type.code, "")
            for h in person.long_service_honours
        ),
        pending_case="; ".join(str(case.get_kind_display()).lower() for case in cases),
    )


def long_service_people(*, on: datetime.date, people=None):
    """The people with a service record, with what the computation reads (3 prefetches)."""
    queryset = people if people is not None else Person.objects.all()
    return (
        queryset.filter(service_records__valid_from__lte=on)
        .distinct()
        .select_related("unit")
        .prefetch_related(
            Prefetch(
                "service_records",
                queryset=ServiceRecord.objects.order_by("valid_from"),
                to_attr="long_service_records",
            ),
            Prefetch(
                "honours",
                queryset=HonourRecord.objects.filter(
                    Q(kind__in=LONG_SERVICE_HONOURS)
                    | Q(
                        award_type__code__in=[
                            HONOUR_KIND_AWARD_CODES[k] for k in LONG_SERVICE_HONOURS
                        ]
                    )
                ).select_related("award_type"),
                to_attr="long_service_honours",
            ),
            Prefetch(
                "disciplinary",
                queryset=DisciplinaryRecord.objects.filter(
                    Q(ended_on__isnull=True) | Q(ended_on__gte=on), started_on__lte=on
                ),
                to_attr="long_service_cases",
            ),
        )
        .order_by("unit__path", "full_name", "code")
    )


def long_service_due(
    *, year: int, as_of: datetime.date | None = None, people=None
) -> list[LongServiceDue]:
    """Who is due a long-service award in `year`: the service counted through `as_of` (by default
    31/12 of the year: who reaches the threshold during the year), under the rules in force that
    day. Five queries whatever the number of people."""
    on = as_of or datetime.date(year, 12, 31)
    rules = long_service_rules(on)
    if not rules:
        return []
    due = []
    for person in long_service_people(on=on, people=people):
        for entry in entitlements(person_facts(person, on=on), rules, as_of=on):
            due.append(LongServiceDue(person=person, entitlement=entry))
    return due
