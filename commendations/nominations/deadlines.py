"""Working-day deadlines per step, and what is overdue.

A step's clock starts when the nomination entered its current state (the audit trail says when)
and counts working days: Monday to Friday, minus the public holidays in `PublicHoliday`."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from commendations.access.roles import Role
from commendations.eligibility.models import PublicHoliday, RuleSet
from commendations.eligibility.selectors import rule_set_for
from commendations.nominations.models import Nomination, NominationState
from workflow.models import TransitionLog

# state -> the RuleSet field holding its deadline, and the role that must act
STEP_DEADLINES = {
    NominationState.SUBMITTED: ("review_days", (Role.COMMITTEE_MEMBER, Role.COMMITTEE_SECRETARY)),
    NominationState.RECOMMENDED: ("forward_days", (Role.COMMITTEE_SECRETARY,)),
    NominationState.AWAITING_DIRECTOR: ("decision_days", (Role.PROVINCIAL_DIRECTOR,)),
    NominationState.AWAITING_MINISTRY: ("decision_days", (Role.MINISTRY,)),
}


def holidays_between(start: datetime.date, end: datetime.date) -> set[datetime.date]:
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


def deadline_for(nomination: Nomination, entered_at: Any = None) -> Deadline | None:
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


def _rule_sets_of(award_type_ids: Iterable[int]) -> list[RuleSet]:
    """The rule sets of these award types, newest first (one query, also for none)."""
    return list(
        RuleSet.objects.filter(award_type_id__in=set(award_type_ids)).order_by("-valid_from")
    )


def deadlines_for(
    nominations: Iterable[Nomination], *, rule_sets: list[RuleSet] | None = None
) -> dict[int, Deadline]:
    """The deadline of each nomination of a page (annotated with `with_entered_at`, campaign
    and award type selected), keyed by pk: two queries whatever the number of rows (the rule
    sets of the page's award types, the holidays of the page's date range), also for an empty
    page, so that a page's query count never depends on its rows. `rule_sets`: already read
    (`_rule_sets_of`) by a caller that needs them for more."""
    rows = [
        n
        for n in nominations
        if n.state in STEP_DEADLINES and getattr(n, "entered_at", None) is not None
    ]
    if rule_sets is None:
        rule_sets = _rule_sets_of(n.award_type_id for n in rows)

    def days_for(nomination: Nomination) -> int | None:
        opens_on = nomination.campaign.opens_on
        for rule_set in rule_sets:  # newest first: the same choice as rule_set_for
            if rule_set.award_type_id == nomination.award_type_id and rule_set.is_in_force(
                opens_on
            ):
                return getattr(rule_set, STEP_DEADLINES[nomination.state][0], None)
        return None

    steps = [(n, days_for(n), timezone.localdate(n.entered_at)) for n in rows]
    steps = [(n, days, entered_on) for n, days, entered_on in steps if days is not None]
    today = timezone.localdate()
    start = min((entered_on for _n, _days, entered_on in steps), default=today)
    end = max((entered_on for _n, _days, entered_on in steps), default=today) + datetime.timedelta(
        days=max((days for _n, days, _e in steps), default=0) * 2 + 60
    )
    off = holidays_between(start, end)
    return {
        n.pk: Deadline(
            nomination_id=n.pk,
            state=n.state,
            entered_on=entered_on,
            due_on=add_working_days(entered_on, days, off),
            roles=STEP_DEADLINES[n.state][1],
        )
        for n, days, entered_on in steps
    }


def flag_overdue(nominations: list[Nomination], *, today: datetime.date | None = None) -> None:
    """Set `deadline` and `is_overdue` on each row of a page, and `feat_deadline` (the
    simplified procedure's, counted from the feat) — a constant number of queries."""
    today = today or timezone.localdate()
    rule_sets = _rule_sets_of(
        n.award_type_id
        for n in nominations
        if n.state in STEP_DEADLINES or (n.simplified_procedure and n.feat_date)
    )
    deadlines = deadlines_for(nominations, rule_sets=rule_sets)
    for nomination in nominations:
        nomination.deadline = deadlines.get(nomination.pk)
        nomination.is_overdue = bool(nomination.deadline and nomination.deadline.is_overdue(today))
        nomination.feat_deadline = feat_deadline(nomination, rule_sets)


# --- the simplified procedure: a deadline in days from the feat --------------------------------

# The states in which the simplified procedure's deadline still runs (not yet decided).
FEAT_OPEN_STATES = (
    NominationState.DRAFT,
    NominationState.RETURNED,
    NominationState.AWAITING_CONSOLIDATION,
    NominationState.SUBMITTED,
    NominationState.RECOMMENDED,
    NominationState.AWAITING_DIRECTOR,
    NominationState.AWAITING_MINISTRY,
)


@dataclass(frozen=True)
class FeatDeadline:
    """A sudden feat's deadline: `days` calendar days counted from the day after the feat, so
    `due_on` (the last day allowed) is the feat's date plus `days`."""

    feat_date: datetime.date
    days: int

    @property
    def due_on(self) -> datetime.date:
        return self.feat_date + datetime.timedelta(days=self.days)

    def days_left(self, today: datetime.date | None = None) -> int:
        return (self.due_on - (today or timezone.localdate())).days

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.days_left(today) < 0


def feat_deadline(nomination: Nomination, rule_sets: Iterable[RuleSet]) -> FeatDeadline | None:
    """The simplified procedure's deadline of one nomination, from the rule set of its award
    type in force on the feat's date (dated data: `RuleSet.simplified_days`); None when it is
    not a sudden feat, has no feat date, is decided, or the rule sets no such deadline. No
    query: `rule_sets` are read by the caller (newest first)."""
    if not nomination.simplified_procedure or nomination.feat_date is None:
        return None
    if nomination.state not in FEAT_OPEN_STATES:
        return None
    for rule_set in rule_sets:
        if rule_set.award_type_id == nomination.award_type_id and rule_set.is_in_force(
            nomination.feat_date
        ):
            if rule_set.simplified_days is None:
                return None
            return FeatDeadline(feat_date=nomination.feat_date, days=rule_set.simplified_days)
    return None


def feat_deadline_of(nomination: Nomination) -> FeatDeadline | None:
    """One nomination's (its page): one query for its award type's rule sets."""
    if not nomination.simplified_procedure or nomination.feat_date is None:
        return None
    return feat_deadline(nomination, _rule_sets_of([nomination.award_type_id]))


def overdue(
    queryset: QuerySet | None = None, *, today: datetime.date | None = None
) -> list[tuple[Nomination, Deadline]]:
    """The nominations (of `queryset`, e.g. nominations_visible_to(user)) past their step's
    deadline, oldest due first."""
    today = today or timezone.localdate()
    queryset = queryset if queryset is not None else Nomination.objects.all()
    rows = []
    candidates = with_entered_at(
        queryset.filter(state__in=STEP_DEADLINES).select_related("award_type", "campaign", "unit")
    )
    candidates = list(candidates)
    deadlines = deadlines_for(candidates)
    for nomination in candidates:
        deadline = deadlines.get(nomination.pk)
        if deadline and deadline.is_overdue(today):
            rows.append((nomination, deadline))
    rows.sort(key=lambda row: (row[1].due_on, row[0].pk))
    return rows
