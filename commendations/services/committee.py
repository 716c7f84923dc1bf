"""The committee at work: sessions, per-member votes, recusals, and the computed tally that the
`recommend` transition uses when it is given a session."""

import datetime
from collections.abc import Iterable
from typing import Any, TypedDict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from workflow.services import audit_event_record

from ..events import AuditEventKind
from ..models import (
    Campaign,
    CommitteeSession,
    Nomination,
    NominationState,
    NomineeLink,
    Recusal,
    Vote,
    VoteChoice,
)
from ..permissions import can_forward, can_review, user_unit

# Recorded only from a session (`session_recommend`), with the tally computed from the votes.
RECOMMEND_TRANSITION = "recommend"


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


def _nominee_units_bulk(nominations: Iterable[Nomination]) -> dict[int, set[int]]:
    """For each nomination, the units the nominee belongs to: the proposing unit, the
    collective's unit, and the linked person's unit (one query for all the links)."""
    nominations = list(nominations)
    units = {
        n.pk: {n.unit_id} | ({n.nominee_unit_id} if n.nominee_unit_id else set())
        for n in nominations
    }
    links = NomineeLink.objects.filter(nomination__in=[n.pk for n in nominations]).values_list(
        "nomination_id", "person__unit_id"
    )
    for nomination_id, person_unit_id in links:
        if person_unit_id:
            units[nomination_id].add(person_unit_id)
    return units


def nominee_units(nomination: Nomination) -> set[int]:
    """The units the nominee belongs to: the proposing unit, the collective's unit, and the
    linked person's unit."""
    return _nominee_units_bulk([nomination])[nomination.pk]


def _own_unit_reason(unit: Any, nominee_unit_ids: set[int]) -> str | None:
    if unit is not None and unit.pk in nominee_unit_ids:
        return _("Thành viên thuộc đơn vị của người/tập thể được đề nghị (%(unit)s).") % {
            "unit": unit.name
        }
    return None


def recusal_required_reason(member: Any, nomination: Nomination) -> str | None:
    """A member from the nominee's own unit must stand aside."""
    return _own_unit_reason(user_unit(member), nominee_units(nomination))


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
    audit_event_record(
        kind=AuditEventKind.RECUSAL,
        subject=nomination,
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


class MemberVote(TypedDict):
    member_id: int
    member: str
    choice: str  # a VoteChoice value, or "" when the member has not voted or is recused
    choice_label: str
    recused: bool
    recusal_reason: str
    automatic: bool  # recused because the member belongs to the nominee's unit


def session_votes(
    session: CommitteeSession, nominations: Iterable[Nomination]
) -> dict[int, tuple[list[MemberVote], SessionTally]]:
    """For each nomination: every sitting member's vote or recusal, and the tally the
    `recommend` transition will compute (a fixed number of queries for any number of
    nominations). Declared recusals and members of the nominee's own unit are left out of the
    tally, and so of the quorum."""
    nominations = list(nominations)
    ids = [n.pk for n in nominations]
    members = sorted(session.members.select_related("profile__unit"), key=_name)
    declared: dict[tuple[int, int], str] = {
        (r.nomination_id, r.member_id): r.reason
        for r in Recusal.objects.filter(session=session, nomination__in=ids)
    }
    choices: dict[tuple[int, int], str] = {
        (v.nomination_id, v.member_id): v.choice
        for v in Vote.objects.filter(session=session, nomination__in=ids)
    }
    units = _nominee_units_bulk(nominations)
    result = {}
    for nomination in nominations:
        rows: list[MemberVote] = []
        for member in members:
            key = (nomination.pk, member.pk)
            automatic = None
            if key not in declared:
                automatic = _own_unit_reason(user_unit(member), units[nomination.pk])
            reason = declared.get(key) or automatic or ""
            choice = "" if reason else choices.get(key, "")
            rows.append(
                MemberVote(
                    member_id=member.pk,
                    member=_name(member),
                    choice=choice,
                    choice_label=str(VoteChoice(choice).label) if choice else "",
                    recused=bool(reason),
                    recusal_reason=reason,
                    automatic=bool(automatic),
                )
            )
        recused = [
            RecusedMember(member_id=r["member_id"], member=r["member"], reason=r["recusal_reason"])
            for r in rows
            if r["recused"]
        ]
        counts = {choice: 0 for choice in VoteChoice.values}
        for row in rows:
            if row["choice"]:
                counts[row["choice"]] += 1
        result[nomination.pk] = (
            rows,
            SessionTally(
                votes_for=counts[VoteChoice.FOR],
                votes_against=counts[VoteChoice.AGAINST],
                votes_abstain=counts[VoteChoice.ABSTAIN],
                recused=sorted(recused, key=lambda r: r["member"]),
            ),
        )
    return result


def session_tally(session: CommitteeSession, nomination: Nomination) -> SessionTally:
    """Count the votes of members who may vote: declared recusals and members of the nominee's
    own unit are left out of the tally (and so of the quorum)."""
    return session_votes(session, [nomination])[nomination.pk][1]


@transaction.atomic
def session_recommend(
    *,
    session: CommitteeSession,
    nominations: Iterable[Nomination],
    actor: Any,
    comment: str = "",
) -> list[Nomination]:
    """The secretary records the session's recommendation for the ticked nominations: each goes
    through `recommend` with the session, so its tally is computed from the members' votes (all
    or none; a tally below the share or the quorum stops the lot, naming the nomination)."""
    from .nominations import nominations_transition_bulk

    nominations = list(nominations)
    if any(n.campaign_id != session.campaign_id for n in nominations):
        raise ValidationError(_("Hồ sơ không thuộc đợt thi đua của phiên họp."))
    return nominations_transition_bulk(
        nominations=nominations,
        name=RECOMMEND_TRANSITION,
        actor=actor,
        comment=(comment or "").strip() or str(session),
        expected_state=NominationState.SUBMITTED,
        session=session.pk,
    )
