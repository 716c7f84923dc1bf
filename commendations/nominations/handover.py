"""Handing a dissolved (or merged-away) unit's open work to its heir: its nominations still in
progress in campaigns open when it ended, and its officers' accounts. Never silent: an explicit
step (`manage.py unit_handover`, the admin action "Chuyển giao…") with a preview of what moves,
one audit event per moved nomination and account (`AuditEventKind.UNIT_HANDOVER`).

Finished nominations stay with the unit that made them: history is history."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commendations.events import AuditEventKind
from commendations.nominations.models import Nomination, NominationState
from commendations.units.models import Unit, UserProfile
from commendations.units.selectors import unit_heir
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


@dataclass
class HandoverPlan:
    unit: Unit
    heir: Unit | None
    nominations: list[Nomination] = field(default_factory=list)
    profiles: list[UserProfile] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.nominations and not self.profiles

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
            _("  Tài khoản %(user)s") % {"user": p.user.get_username()} for p in self.profiles
        ]
        return lines


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
    plan.profiles = list(UserProfile.objects.filter(unit=unit).select_related("user"))
    return plan


def units_to_hand_over(on: datetime.date | None = None) -> list[HandoverPlan]:
    """Every ended unit with something left to hand over."""
    on = on or timezone.localdate()
    plans = [handover_plan(unit, on) for unit in Unit.objects.filter(valid_to__lte=on)]
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
