"""The committee at work: sessions, per-member votes, recusals, and the computed tally that the
`recommend` transition uses when it is given a session."""

import datetime
from collections.abc import Iterable
from typing import Any, TypedDict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from workflow.services import log_transition

from ..models import (
    Campaign,
    CommitteeSession,
    Nomination,
    NomineeLink,
    Recusal,
    Vote,
    VoteChoice,
)
from ..permissions import can_forward, can_review, user_unit

RECUSE_TRANSITION = "recuse"


class RecusedMember(TypedDict):
    member_id: int
    member: str
    reason: str


class SessionTally(TypedDict):
    votes_for: int
    votes_against: int
    votes_abstain: int
    recused: list[RecusedMember]


def _name(user: Any) -> str:
    return user.get_full_name() or user.username


def nominee_units(nomination: Nomination) -> set[int]:
    """The units the nominee belongs to: the proposing unit, the collective's unit, and the
    linked person's unit."""
    units = {nomination.unit_id}
    if nomination.nominee_unit_id:
        units.add(nomination.nominee_unit_id)
    link = NomineeLink.objects.filter(nomination=nomination).select_related("person").first()
    if link and link.person.unit_id:
        units.add(link.person.unit_id)
    return units


def recusal_required_reason(member: Any, nomination: Nomination) -> str | None:
    """A member from the nominee's own unit must stand aside."""
    unit = user_unit(member)
    if unit is not None and unit.pk in nominee_units(nomination):
        return _("Thành viên thuộc đơn vị của người/tập thể được đề nghị (%(unit)s).") % {
            "unit": unit.name
        }
    return None


@transaction.atomic
def committee_session_create(
    *,
    campaign: Campaign,
    held_on: datetime.date,
    title: str,
    members: Iterable[Any],
    actor: Any,
) -> CommitteeSession:
    if not can_forward(None, actor):
        raise PermissionDenied(_("Chỉ Thường trực Hội đồng mới lập phiên họp."))
    members = list(members)
    not_members = [_name(m) for m in members if not can_review(None, m)]
    if not_members:
        raise ValidationError(
            {
                "members": _("Không phải thành viên Hội đồng: %(names)s.")
                % {"names": ", ".join(not_members)}
            }
        )
    if not members:
        raise ValidationError({"members": _("Phiên họp cần ít nhất một thành viên.")})
    session = CommitteeSession.objects.create(
        campaign=campaign, held_on=held_on, title=title.strip(), created_by=actor
    )
    session.members.set(members)
    return session


def _check_session(session: CommitteeSession, nomination: Nomination, member: Any) -> None:
    if nomination.campaign_id != session.campaign_id:
        raise ValidationError(_("Hồ sơ không thuộc đợt thi đua của phiên họp."))
    if nomination.state != "submitted":
        raise ValidationError(_("Chỉ biểu quyết hồ sơ đang chờ thẩm định."))
    if not session.members.filter(pk=member.pk).exists():
        raise PermissionDenied(_("%(name)s không dự phiên họp này.") % {"name": _name(member)})


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
    log_transition(
        instance=nomination,
        name=RECUSE_TRANSITION,
        source=nomination.state,
        target=nomination.state,
        actor=actor,
        comment=reason,
        data={"session": session.pk, "member_id": member.pk, "member": _name(member)},
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
    vote, _created = Vote.objects.update_or_create(
        session=session, nomination=nomination, member=member, defaults={"choice": choice}
    )
    return vote


def session_tally(session: CommitteeSession, nomination: Nomination) -> SessionTally:
    """Count the votes of members who may vote: declared recusals and members of the nominee's
    own unit are left out of the tally (and so of the quorum)."""
    recused: dict[int, RecusedMember] = {
        r.member_id: RecusedMember(member_id=r.member_id, member=_name(r.member), reason=r.reason)
        for r in Recusal.objects.filter(session=session, nomination=nomination).select_related(
            "member"
        )
    }
    for member in session.members.select_related("profile__unit"):
        if member.pk not in recused and (reason := recusal_required_reason(member, nomination)):
            recused[member.pk] = RecusedMember(
                member_id=member.pk, member=_name(member), reason=reason
            )
    counts = {choice: 0 for choice in VoteChoice.values}
    for vote in Vote.objects.filter(session=session, nomination=nomination):
        if vote.member_id not in recused:
            counts[vote.choice] += 1
    return SessionTally(
        votes_for=counts[VoteChoice.FOR],
        votes_against=counts[VoteChoice.AGAINST],
        votes_abstain=counts[VoteChoice.ABSTAIN],
        recused=sorted(recused.values(), key=lambda r: r["member"]),
    )
