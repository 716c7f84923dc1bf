"""Award history that follows people and units through time: a person's awards across every
unit they served in, a unit's awards including its predecessors'. Each unit is named as it was
on the award's date."""

import datetime
from dataclasses import dataclass

from commendations.nominations.models import Nomination, NominationState
from commendations.units.models import HonourRecord, Person, Unit
from commendations.units.selectors import (
    person_service_history,
    predecessor_note,
    unit_lineage,
    unit_names_on,
)


@dataclass(frozen=True)
class AwardEntry:
    year: int
    date: datetime.date | None
    title: str
    reference: str
    unit_name: str  # the awarded unit (or the proposing unit), as it was on that date
    registry_number: str = ""
    parent_name: str = ""  # the unit it sat under on that date
    nomination_id: int | None = None


def _entries(honours: list[HonourRecord], nominations: list[Nomination]) -> list[AwardEntry]:
    entries = []
    for honour in honours:
        unit = honour.unit or (honour.person.unit if honour.person else None)
        day = datetime.date(honour.year, 12, 31)
        names = unit_names_on([unit.pk], day) if unit else {}
        entries.append(
            AwardEntry(
                year=honour.year,
                date=None,
                title=honour.get_kind_display(),
                reference=honour.reference,
                unit_name=names.get(unit.pk, "") if unit else "",
            )
        )
    for nomination in nominations:
        decision = nomination.decision
        day = decision.date if decision else nomination.created_at.date()
        certificate = getattr(nomination, "certificate", None)
        awarded = nomination.nominee_unit or nomination.unit
        parent = awarded.parent_on(day)
        entries.append(
            AwardEntry(
                year=day.year,
                date=day,
                title=nomination.award_type.name,
                reference=f"{decision.number} ({decision.date:%d/%m/%Y})" if decision else "",
                unit_name=awarded.name_on(day),
                parent_name=parent.name_on(day) if parent is not None else "",
                registry_number=certificate.registry_number if certificate else "",
                nomination_id=nomination.pk,
            )
        )
    return sorted(entries, key=lambda e: (e.year, e.date or datetime.date(e.year, 12, 31)))


def _approved(nominations) -> list[Nomination]:
    return list(
        nominations.filter(state=NominationState.APPROVED).select_related(
            "decision", "award_type", "unit", "nominee_unit", "certificate"
        )
    )


@dataclass
class PersonHistory:
    person: Person
    awards: list[AwardEntry]
    service: list


def person_award_history(person: Person) -> PersonHistory:
    """Every award of the person, whatever unit they were in, and their service records."""
    honours = list(person.honours.select_related("unit", "person__unit"))
    nominations = _approved(Nomination.objects.filter(nominee_link__person=person))
    return PersonHistory(
        person=person,
        awards=_entries(honours, nominations),
        service=person_service_history(person),
    )


@dataclass
class UnitHistory:
    unit: Unit
    awards: list[AwardEntry]
    predecessors: str  # "" or the names for "gồm cả đơn vị tiền thân: …"
    lineage: object


def unit_award_history(unit: Unit) -> UnitHistory:
    """The collective awards of the unit and of all its predecessors (their history is its
    history: "two consecutive years" counts across a merger)."""
    lineage = unit_lineage(unit)
    family = lineage.family_ids
    honours = list(HonourRecord.objects.filter(unit_id__in=family).select_related("unit"))
    nominations = _approved(Nomination.objects.filter(nominee_unit_id__in=family))
    return UnitHistory(
        unit=unit,
        awards=_entries(honours, nominations),
        predecessors=predecessor_note(lineage),
        lineage=lineage,
    )
