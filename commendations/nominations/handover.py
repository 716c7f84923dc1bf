"""Handing a dissolved (or merged-away) unit's open work to its heir, in one transaction: its
nominations still in progress in campaigns open when it ended, the nominations of other units
waiting on its consolidation (the heir consolidates in its place), its year-end rating lists not
yet decided, its registrations (đăng ký thi đua) of the year it ended and after, and its
officers' accounts. Never silent: an explicit step (`manage.py unit_handover`, the admin action
"Chuyển giao…", `unit_dissolve_with_handover`) with a preview of what moves, one audit event per
moved thing (`AuditEventKind.UNIT_HANDOVER`).

Finished work stays with the unit that did it (decided lists, closed nominations, the
registrations of past years): history is history."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from commendations.annual_titles.models import RatingList, RatingListState, Registration
from commendations.events import AuditEventKind
from commendations.nominations.consolidation import nominations_waiting_on_ended
from commendations.nominations.models import Nomination, NominationState
from commendations.units.models import Unit, UserProfile
from commendations.units.selectors import unit_heir
from commendations.units.services import unit_dissolve
from workflow.services import audit_event_record

S = NominationState
OPEN_STATES = (
    S.DRAFT,
    S.SUBMITTED,
    S.RETURNED,
    S.AWAITING_CONSOLIDATION,
    S.RECOMMENDED,
    S.AWAITING_MINISTRY,
    S.AWAITING_DIRECTOR,
)


OPEN_LISTS = (RatingListState.DRAFT, RatingListState.SUBMITTED, RatingListState.RECOMMENDED)


@dataclass
class HandoverPlan:
    unit: Unit
    heir: Unit | None
    nominations: list[Nomination] = field(default_factory=list)
    # Other units' nominations whose turn to be consolidated was this unit's.
    awaiting: list[Nomination] = field(default_factory=list)
    rating_lists: list[RatingList] = field(default_factory=list)
    registrations: list[Registration] = field(default_factory=list)
    # The unit's own registrations (as a collective) the heir has already made: they stay.
    registrations_kept: list[Registration] = field(default_factory=list)
    profiles: list[UserProfile] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (
            self.nominations
            or self.awaiting
            or self.rating_lists
            or self.registrations
            or self.profiles
        )

    def summary(self) -> str:
        """What moved, counted: the message the admin and the command show after applying."""
        return _(
            "%(unit)s → %(heir)s: %(n)s hồ sơ, %(w)s hồ sơ chờ tổng hợp, %(l)s danh sách đề nghị "
            "danh hiệu, %(r)s đăng ký thi đua (giữ lại %(k)s), %(a)s tài khoản."
        ) % {
            "unit": self.unit.name,
            "heir": self.heir.name if self.heir else "—",
            "n": len(self.nominations),
            "w": len(self.awaiting),
            "l": len(self.rating_lists),
            "r": len(self.registrations),
            "k": len(self.registrations_kept),
            "a": len(self.profiles),
        }

    def items(self) -> list[str]:
        """The preview's lines without the heading."""
        return [line.strip() for line in self.lines()[1:]]

    def lines(self) -> list[str]:
        """The preview, one line per thing that moves."""
        if self.heir is None:
            return [_("%(unit)s: không có đơn vị kế thừa.") % {"unit": self.unit.name}]
        lines = [_("%(unit)s → %(heir)s") % {"unit": self.unit.name, "heir": self.heir.name}]
        lines += [
            _("  Hồ sơ #%(pk)s %(name)s (%(state)s)")
            % {"pk": n.pk, "name": n.nominee_name, "state": n.get_state_display()}
            for n in self.nominations
        ]
        lines += [
            _("  Hồ sơ #%(pk)s %(name)s (%(unit)s) chờ tổng hợp: nay đơn vị kế thừa tổng hợp")
            % {"pk": n.pk, "name": n.nominee_name, "unit": n.unit.name}
            for n in self.awaiting
        ]
        lines += [
            _("  Danh sách đề nghị danh hiệu năm %(year)s #%(pk)s (%(state)s)")
            % {"year": r.year, "pk": r.pk, "state": r.get_state_display()}
            for r in self.rating_lists
        ]
        lines += [
            _("  Đăng ký thi đua năm %(year)s: %(who)s — %(title)s")
            % {"year": r.year, "who": _registrant(r), "title": r.award_type.name}
            for r in self.registrations
        ]
        lines += [
            _("  Giữ lại (đơn vị kế thừa đã đăng ký): năm %(year)s — %(title)s")
            % {"year": r.year, "title": r.award_type.name}
            for r in self.registrations_kept
        ]
        lines += [
            _("  Tài khoản %(user)s") % {"user": p.user.get_username()} for p in self.profiles
        ]
        return lines


def _registrant(registration: Registration) -> str:
    if registration.person_id:
        return registration.person.full_name
    return _("tập thể đơn vị")


def handover_plan(unit: Unit, on: datetime.date | None = None) -> HandoverPlan:
    """What would move from `unit` (ended before `on`, default today) to its heir."""
    on = on or timezone.localdate()
    heir = unit_heir(unit, on)
    plan = HandoverPlan(unit=unit, heir=heir)
    if heir is None or unit.valid_to is None:
        return plan
    plan.nominations = list(
        Nomination.objects.filter(
            unit=unit, state__in=OPEN_STATES, campaign__closes_on__gte=unit.valid_to
        )
        .select_related("campaign")
        .order_by("pk")
    )
    plan.awaiting = nominations_waiting_on_ended(
        unit,
        list(
            Nomination.objects.filter(state=S.AWAITING_CONSOLIDATION)
            .filter(Q(consolidation_heir=unit) | Q(consolidation_heir__isnull=True))
            .exclude(unit=unit)
            .select_related("campaign", "unit")
            .order_by("pk")
        ),
    )
    plan.rating_lists = list(
        RatingList.objects.filter(unit=unit, state__in=OPEN_LISTS).order_by("year", "pk")
    )
    registrations = list(
        Registration.objects.filter(unit=unit, year__gte=unit.valid_to.year)
        .select_related("person", "award_type")
        .order_by("year", "person_id", "pk")
    )
    heirs_own = set(
        Registration.objects.filter(
            unit=heir, person__isnull=True, year__gte=unit.valid_to.year
        ).values_list("year", "award_type_id")
    )
    for registration in registrations:
        if registration.person_id is None and (
            (registration.year, registration.award_type_id) in heirs_own
        ):
            plan.registrations_kept.append(registration)
        else:
            plan.registrations.append(registration)
    plan.profiles = list(UserProfile.objects.filter(unit=unit).select_related("user"))
    return plan


def units_to_hand_over(on: datetime.date | None = None) -> list[HandoverPlan]:
    """Every ended unit with something left to hand over, in the order they ended (a district
    dissolved in March before its communes merged in July: what waited on the district is found
    while its communes are still the nominations' units)."""
    on = on or timezone.localdate()
    ended = Unit.objects.filter(valid_to__lte=on).order_by("valid_to", "pk")
    plans = [handover_plan(unit, on) for unit in ended]
    return [plan for plan in plans if plan.heir is not None and not plan.is_empty]


@transaction.atomic
def handover_apply(*, unit: Unit, actor: Any, comment: str = "") -> HandoverPlan:
    """Move what `handover_plan` lists, audited; refuse when there is no heir."""
    plan = handover_plan(unit)
    if plan.heir is None:
        raise ValidationError(
            _("Đơn vị “%(unit)s” chưa chấm dứt hoạt động hoặc chưa có đơn vị kế thừa.")
            % {"unit": unit.name}
        )
    heir = plan.heir
    data = {
        "from_unit_id": unit.pk,
        "from_unit": unit.name,
        "to_unit_id": heir.pk,
        "to_unit": heir.name,
    }
    locked = {
        n.pk: n
        for n in Nomination.objects.select_for_update().filter(
            pk__in=[n.pk for n in plan.nominations], unit=unit
        )
    }
    plan.nominations = [n for n in plan.nominations if n.pk in locked]
    Nomination.objects.filter(pk__in=locked).update(unit=heir)
    for nomination in plan.nominations:
        audit_event_record(
            kind=AuditEventKind.UNIT_HANDOVER,
            subject=nomination,
            actor=actor,
            comment=comment,
            data=data,
        )
    _awaiting_move(plan, actor=actor, comment=comment, data=data)
    _rating_lists_move(plan, actor=actor, comment=comment, data=data)
    _registrations_move(plan, actor=actor, comment=comment, data=data)
    UserProfile.objects.filter(pk__in=[p.pk for p in plan.profiles]).update(unit=heir)
    for profile in plan.profiles:
        audit_event_record(
            kind=AuditEventKind.UNIT_HANDOVER,
            subject=profile,
            actor=actor,
            comment=comment,
            data={**data, "user": profile.user.get_username()},
        )
    return plan


def _awaiting_move(plan: HandoverPlan, *, actor: Any, comment: str, data: dict) -> None:
    """The heir consolidates in the dissolved unit's place: its level counts as passed
    (`consolidated_through`) once the heir forwards the nomination."""
    unit, heir = plan.unit, plan.heir
    ids = [n.pk for n in plan.awaiting]
    locked = list(
        Nomination.objects.select_for_update()
        .filter(pk__in=ids, state=S.AWAITING_CONSOLIDATION)
        .filter(Q(consolidation_heir=unit) | Q(consolidation_heir__isnull=True))
        .order_by("pk")
    )
    kept = {n.pk for n in locked}
    plan.awaiting = [n for n in plan.awaiting if n.pk in kept]
    first_hand = [n.pk for n in locked if n.consolidation_heir_id is None]
    Nomination.objects.filter(pk__in=first_hand).update(
        consolidated_through=unit, consolidation_heir=heir
    )
    Nomination.objects.filter(pk__in=kept - set(first_hand)).update(consolidation_heir=heir)
    for nomination in plan.awaiting:
        audit_event_record(
            kind=AuditEventKind.UNIT_HANDOVER,
            subject=nomination,
            actor=actor,
            comment=comment,
            data={**data, "what": "consolidation"},
        )


def _rating_lists_move(plan: HandoverPlan, *, actor: Any, comment: str, data: dict) -> None:
    locked = list(
        RatingList.objects.select_for_update()
        .filter(pk__in=[r.pk for r in plan.rating_lists], unit=plan.unit, state__in=OPEN_LISTS)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    plan.rating_lists = [r for r in plan.rating_lists if r.pk in set(locked)]
    RatingList.objects.filter(pk__in=locked).update(unit=plan.heir)
    for rating_list in plan.rating_lists:
        audit_event_record(
            kind=AuditEventKind.UNIT_HANDOVER,
            subject=rating_list,
            actor=actor,
            comment=comment,
            data=data,
        )


def _registrations_move(plan: HandoverPlan, *, actor: Any, comment: str, data: dict) -> None:
    """The unit's registrations go to the heir (an officer's stays the officer's; the unit's own
    becomes the heir's), except the unit's own that the heir has already made."""
    ids = [r.pk for r in plan.registrations]
    moved = set(
        Registration.objects.select_for_update()
        .filter(pk__in=ids, unit=plan.unit)
        .values_list("pk", flat=True)
    )
    plan.registrations = [r for r in plan.registrations if r.pk in moved]
    Registration.objects.filter(pk__in=moved).update(unit=plan.heir)
    for registration in plan.registrations:
        audit_event_record(
            kind=AuditEventKind.UNIT_HANDOVER,
            subject=registration,
            actor=actor,
            comment=comment,
            data={**data, "year": registration.year, "award_type": registration.award_type.code},
        )


@transaction.atomic
def unit_dissolve_with_handover(
    *,
    unit: Unit,
    successor: Unit,
    on: datetime.date,
    actor: Any,
    document: dict | None = None,
    comment: str = "",
) -> HandoverPlan:
    """Dissolve `unit` on `on` (today or before) with `successor` as its heir, and hand its open
    work over at once, in one transaction. A dissolution recorded ahead of its day is a
    reorganisation file's (`apply_reorganisation`), handed over on the day (`unit_handover`)."""
    if on > timezone.localdate():
        raise ValidationError(
            _("Chỉ chuyển giao khi đơn vị đã chấm dứt hoạt động (ngày %(date)s chưa đến).")
            % {"date": on.strftime("%d/%m/%Y")}
        )
    if successor.pk == unit.pk or not successor.is_in_force(on):
        raise ValidationError(
            _("Đơn vị kế thừa phải khác đơn vị giải thể và còn hoạt động ngày %(date)s.")
            % {"date": on.strftime("%d/%m/%Y")}
        )
    unit_dissolve(units=[unit], on=on, heirs={unit.pk: successor}, document=document)
    unit.refresh_from_db()
    return handover_apply(unit=unit, actor=actor, comment=comment)
