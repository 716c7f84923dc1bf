"""The committee at work: sessions, per-member votes, recusals, and the computed tally that the
`recommend` transition uses when it is given a session."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from commendations.access.permissions import can_forward, can_review
from commendations.campaigns.models import Campaign
from commendations.committee.models import (
    CommitteeSession,
    Recusal,
    Vote,
    VoteChoice,
    member_name,
    recusal_required_reason,
)
from commendations.events import AuditEventKind
from commendations.nominations.models import Nomination
from workflow.services import audit_event_record


@transaction.atomic
def committee_session_create(
    *,
    campaign: Campaign,
    held_on: datetime.date,
    title: str,
    members: Iterable[Any],
    actor: Any,
    place: str = "",
    starts_at: datetime.time | None = None,
    ends_at: datetime.time | None = None,
    chair: Any = None,
    secretary: Any = None,
) -> CommitteeSession:
    """The chair and the secretary sit in the session (the minutes list them as present and
    both sign them); the meeting ends after it starts."""
    if not can_forward(None, actor):
        raise PermissionDenied(_("Chỉ Thường trực Hội đồng mới lập phiên họp."))
    members = list(members)
    not_members = [member_name(m) for m in members if not can_review(None, m)]
    if not_members:
        raise ValidationError(
            {
                "members": _("Không phải thành viên Hội đồng: %(names)s.")
                % {"names": ", ".join(not_members)}
            }
        )
    if not members:
        raise ValidationError({"members": _("Phiên họp cần ít nhất một thành viên.")})
    present = {m.pk for m in members}
    for field, person in (("chair", chair), ("secretary", secretary)):
        if person is not None and person.pk not in present:
            raise ValidationError(
                {
                    field: _("%(name)s không có trong danh sách dự họp.")
                    % {"name": member_name(person)}
                }
            )
    if starts_at and ends_at and ends_at <= starts_at:
        raise ValidationError({"ends_at": _("Giờ kết thúc phải sau giờ bắt đầu.")})
    session = CommitteeSession.objects.create(
        campaign=campaign,
        held_on=held_on,
        title=title.strip(),
        created_by=actor,
        place=place.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        chair=chair,
        secretary=secretary,
    )
    session.members.set(members)
    return session


def _check_session(session: CommitteeSession, nomination: Nomination, member: Any) -> None:
    if nomination.campaign_id != session.campaign_id:
        raise ValidationError(_("Hồ sơ không thuộc đợt thi đua của phiên họp."))
    if not nomination.is_under_review:
        raise ValidationError(_("Chỉ biểu quyết hồ sơ đang chờ thẩm định."))
    if not session.members.filter(pk=member.pk).exists():
        raise PermissionDenied(
            _("%(name)s không dự phiên họp này.") % {"name": member_name(member)}
        )


@transaction.atomic
def recusal_declare(
    *, session: CommitteeSession, nomination: Nomination, member: Any, reason: str, actor: Any
) -> Recusal:
    """The member (or the secretary for them) declares a conflict of interest; it shows in the
    nomination's history and the member's vote, if any, leaves the tally."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if actor.pk != member.pk and not can_forward(nomination, actor):
        raise PermissionDenied(_("Chỉ thành viên đó hoặc Thường trực Hội đồng ghi nhận."))
    _check_session(session, nomination, member)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Cần ghi rõ lý do không tham gia xét.")})
    recusal, created = Recusal.objects.get_or_create(
        session=session, nomination=nomination, member=member, defaults={"reason": reason}
    )
    if not created:
        raise ValidationError(_("Thành viên này đã không tham gia xét hồ sơ."))
    audit_event_record(
        kind=AuditEventKind.RECUSAL,
        subject=nomination,
        actor=actor,
        comment=reason,
        data={"session": session.pk, "member_id": member.pk, "member": member_name(member)},
    )
    return recusal


@transaction.atomic
def vote_cast(
    *, session: CommitteeSession, nomination: Nomination, member: Any, choice: str
) -> Vote:
    """A member records their own vote; changing it before the tally replaces it."""
    if choice not in VoteChoice.values:
        raise ValidationError({"choice": _("Biểu quyết không hợp lệ.")})
    if not can_review(nomination, member):
        raise PermissionDenied(_("Chỉ thành viên Hội đồng mới biểu quyết."))
    _check_session(session, nomination, member)
    if Recusal.objects.filter(session=session, nomination=nomination, member=member).exists():
        raise ValidationError(_("Đồng chí đã không tham gia xét hồ sơ này."))
    if reason := recusal_required_reason(member, nomination):
        raise ValidationError(
            _("Đồng chí không biểu quyết hồ sơ này: %(reason)s") % {"reason": reason}
        )
    previous = (
        Vote.objects.filter(session=session, nomination=nomination, member=member)
        .values_list("choice", flat=True)
        .first()
    )
    vote, _created = Vote.objects.update_or_create(
        session=session, nomination=nomination, member=member, defaults={"choice": choice}
    )
    audit_event_record(
        kind=AuditEventKind.VOTE_CAST,
        subject=session,
        actor=member,
        data={"nomination": nomination.pk, "choice": choice, "previous": previous or ""},
    )
    return vote


# The choice a vote form sends to take the member's vote back (Undo), before the tally.
VOTE_WITHDRAW = "withdraw"


@transaction.atomic
def vote_withdraw(*, session: CommitteeSession, nomination: Nomination, member: Any) -> str:
    """Undo: the member takes their own vote back while the nomination still awaits the
    council's recommendation. Returns the choice withdrawn."""
    if not can_review(nomination, member):
        raise PermissionDenied(_("Chỉ thành viên Hội đồng mới biểu quyết."))
    _check_session(session, nomination, member)
    vote = (
        Vote.objects.select_for_update()
        .filter(session=session, nomination=nomination, member=member)
        .first()
    )
    if vote is None:
        raise ValidationError(_("Đồng chí chưa biểu quyết hồ sơ này."))
    choice = vote.choice
    vote.delete()
    audit_event_record(
        kind=AuditEventKind.VOTE_WITHDRAWN,
        subject=session,
        actor=member,
        data={"nomination": nomination.pk, "choice": "", "previous": choice},
    )
    return choice
