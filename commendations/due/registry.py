"""The vocabulary of the due list and the registry of its sources."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from commendations.campaigns.models import AwardType
from commendations.units.models import Person, Unit


@dataclass(frozen=True)
class Evidence:
    """One fact an entry rests on: the year, the title or award (or initiative) and its decision."""

    year: int
    award_type: str
    decision: str


@dataclass
class DueEntry:
    """Someone (a person or a unit) who becomes eligible for `award_type` in the year asked, with
    the reason in words and the facts it rests on. `missing` lists what is still lacking (an
    initiative a chain needs): the entry is shown so that the office can look for it."""

    subject_kind: str  # NomineeKind value: "individual" or "collective"
    award_type: AwardType
    reason: str
    evidence: list[Evidence]
    person: Person | None = None
    unit: Unit | None = None
    source: str = ""
    missing: list[str] = field(default_factory=list)
    # Why the subject cannot be proposed this year although the chain holds (a discipline, an
    # investigation, a complaint being handled): shown, not hidden, so the office sees it.
    excluded: str = ""

    @property
    def subject_name(self) -> str:
        if self.person is not None:
            return self.person.full_name
        return self.unit.name if self.unit is not None else ""

    @property
    def complete(self) -> bool:
        return not self.missing and not self.excluded


@dataclass(frozen=True)
class DueQuery:
    """What a source is asked: the year, and the units whose people and selves are in scope
    (None: every unit)."""

    year: int
    unit_ids: frozenset[int] | None = None

    @property
    def on(self) -> datetime.date:
        """The day the year's rules are read on: its first day."""
        return datetime.date(self.year, 1, 1)


DueSource = Callable[[DueQuery], Iterable[DueEntry]]

# name → source; the order of registration is the order of the list's sections.
due_sources: dict[str, DueSource] = {}


def register_due_source(name: str) -> Callable[[DueSource], DueSource]:
    """Register a source of due entries under `name` (registering a name again replaces it)."""

    def register(source: DueSource) -> DueSource:
        due_sources[name] = source
        return source

    return register
