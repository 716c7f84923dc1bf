"""Working-day deadlines per step, and what is overdue.

A step's clock starts when the nomination entered its current state (the audit trail says when)
and counts working days: Monday to Friday, minus the public holidays in `PublicHoliday`."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from workflow.models import TransitionLog

from .selectors import rule_set_for

if TYPE_CHECKING:
    from ..models import Nomination

# state -> the RuleSet field holding its deadline, and the role that must act
STEP_DEADLINES = {
    "submitted": ("review_days", ("committee_member", "committee_secretary")),
    "recommended": ("forward_days", ("committee_secretary",)),
    "awaiting_director": ("decision_days", ("provincial_director",)),
    "awaiting_ministry": ("decision_days", ("ministry",)),
}


def holidays_between(start: datetime.date, end: datetime.date) -> set[datetime.date]:
    from ..models import PublicHoliday

    return set(
        PublicHoliday.objects.filter(date__gte=start, date__lte=end).values_list("date", flat=True)
    )


def add_working_days(
    start: datetime.date, days: int, holidays: Iterable[datetime.date] | None = None
) -> datetime.date:
    """The date `days` working days after `start` (the start day itself does not count)."""
    if holidays is None:
        holidays = holidays_between(start, start + datetime.timedelta(days=days * 2 + 60))
    off = set(holidays)
    current = start
    remaining = days
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5 and current not in off:
            remaining -= 1
    return current


@dataclass(frozen=True)
class Deadline:
    nomination_id: int
    state: str
    entered_on: datetime.date
    due_on: datetime.date
    roles: tuple[str, ...]

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return (today or timezone.localdate()) > self.due_on


def with_entered_at(queryset: QuerySet) -> QuerySet:
    """Annotate `entered_at`: when each nomination entered its current state."""
    content_type = ContentType.objects.get_for_model(queryset.model)
    last = TransitionLog.objects.filter(
        content_type=content_type, object_id=OuterRef("pk"), target_state=OuterRef("state")
    ).order_by("-at", "-id")
    return queryset.annotate(entered_at=Subquery(last.values("at")[:1]))


def deadline_for(nomination: "Nomination", entered_at: Any = None) -> Deadline | None:
    step = STEP_DEADLINES.get(nomination.state)
    if step is None:
        return None
    rule_set = rule_set_for(nomination.award_type, nomination.campaign)
    days = getattr(rule_set, step[0], None) if rule_set else None
    if days is None:
        return None
    if entered_at is None:
        entered_at = getattr(nomination, "entered_at", None)
    if entered_at is None:
        entered_at = with_entered_at(type(nomination).objects.filter(pk=nomination.pk)).values_list(
            "entered_at", flat=True
        )[0]
    if entered_at is None:
        return None
    entered_on = timezone.localdate(entered_at)
    return Deadline(
        nomination_id=nomination.pk,
        state=nomination.state,
        entered_on=entered_on,
        due_on=add_working_days(entered_on, days),
        roles=step[1],
    )


def overdue(
    queryset: QuerySet | None = None, *, today: datetime.date | None = None
) -> list[tuple["Nomination", Deadline]]:
    """The nominations (of `queryset`, e.g. nominations_visible_to(user)) past their step's
    deadline, oldest due first."""
    from ..models import Nomination

    today = today or timezone.localdate()
    queryset = queryset if queryset is not None else Nomination.objects.all()
    rows = []
    candidates = with_entered_at(
        queryset.filter(state__in=STEP_DEADLINES).select_related("award_type", "campaign", "unit")
    )
    for nomination in candidates:
        deadline = deadline_for(nomination, nomination.entered_at)
        if deadline and deadline.is_overdue(today):
            rows.append((nomination, deadline))
    rows.sort(key=lambda row: (row[1].due_on, row[0].pk))
    return rows
