"""The council's recommendation: the one way a nomination becomes `recommended`.

`nominations_recommend` reads top to bottom: who may (the secretary: `can_recommend`, declared
on `Nomination.recommend`), the locks (the units' quota rows, then the nominations, each in
primary-key order), the tally of each nomination computed from the members' votes (recused
members left out), the share and quorum of the rule set in force, the eligibility conditions and
the quota at recommendation, the state change with its audit rows (one UPDATE, one INSERT), and
the notifications — a fixed number of queries whatever the number of nominations.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from commendations.actions.nominations import (
    nominations_locked_checked,
    state_seen,
    transition_bulk,
)
from commendations.actions.registry import register
from commendations.committee.models import CommitteeSession, SessionTally, session_votes
from commendations.eligibility.enforcement import eligibility_refusals, quota_locks_take
from commendations.eligibility.votes import vote_outcome, vote_rules_bulk
from commendations.nominations.models import (
    RECOMMEND_IN_SESSION,
    TALLY_FROM_SESSION,
    Nomination,
    NominationState,
)
from workflow.retry import conflict_safe
from workflow.selectors import transition_ready


def tally_refusal(tally: SessionTally, *, share: Any, quorum: int) -> str | None:
    """Why the session's tally does not carry a nomination (no vote, no quorum, short of the
    share), or None."""
    outcome = vote_outcome(
        votes_for=tally["votes_for"],
        votes_against=tally["votes_against"],
        votes_abstain=tally["votes_abstain"],
        share=share,
        quorum=quorum,
    )
    present = outcome["present"]
    if present == 0:
        return _("Chưa có thành viên nào biểu quyết.")
    if not outcome["quorum_met"]:
        return _(
            "Chưa đủ số thành viên biểu quyết: cần ít nhất %(quorum)s, mới có %(present)s."
        ) % {"quorum": quorum, "present": present}
    if not outcome["share_met"]:
        return _(
            "Chưa đạt tỷ lệ: cần hơn %(share)s%% của %(present)s thành viên có mặt tán thành, "
            "mới có %(votes)s."
        ) % {"share": outcome["share_percent"], "present": present, "votes": tally["votes_for"]}
    return None


@conflict_safe
@transaction.atomic
def nominations_recommend(
    *,
    session: CommitteeSession,
    nominations: Iterable[Nomination],
    actor: Any,
    comment: str = "",
    expected_state: str | None = NominationState.SUBMITTED,
) -> list[Nomination]:
    """The secretary records the session's recommendation for the ticked nominations (all or
    none: one that the votes do not carry stops the lot, naming it). The audit rows' comment is
    the session's name unless one is given."""
    return _recommend(
        session=session,
        nominations=nominations,
        actor=actor,
        comment=(comment or "").strip() or str(session),
        expected_state=expected_state,
    )


def _recommend(
    *,
    session: CommitteeSession,
    nominations: Iterable[Nomination],
    actor: Any,
    comment: str,
    expected_state: str | None,
) -> list[Nomination]:
    nominations = list(nominations)
    if not nominations:
        raise ValidationError(_("Chưa chọn hồ sơ nào."))
    if any(n.campaign_id != session.campaign_id for n in nominations):
        raise ValidationError(_("Hồ sơ không thuộc đợt thi đua của phiên họp."))
    quota_locks_take(n.unit_id for n in nominations)
    locked = nominations_locked_checked(nominations, "recommend", actor, expected_state, comment)
    tallies = {pk: tally for pk, (_rows, tally) in session_votes(session, locked).items()}
    rules = vote_rules_bulk(locked)
    refusals = {
        n.pk: tally_refusal(tallies[n.pk], share=rules[n.pk][0], quorum=rules[n.pk][1])
        for n in locked
    }
    eligible = [n for n in locked if refusals[n.pk] is None]
    for pk, messages in eligibility_refusals(eligible, stage="recommendation").items():
        if messages:
            refusals[pk] = " ".join(messages)
    for nomination in locked:
        if refusals[nomination.pk]:
            raise ValidationError(
                _("“%(name)s”: %(errors)s")
                % {"name": nomination.nominee_name, "errors": refusals[nomination.pk]}
            )
    return transition_bulk(
        nominations=locked,
        name="recommend",
        actor=actor,
        comment=comment,
        params_by_pk={
            n.pk: {"session_id": session.pk, "tally": dict(tallies[n.pk])} for n in locked
        },
    )


@register(Nomination, "recommend")
@conflict_safe
@transaction.atomic
def nomination_recommend(
    *,
    nomination: Nomination,
    actor: Any,
    comment: str = "",
    expected_state: str | None = None,
    session: int | None = None,
) -> Nomination:
    """One nomination recommended at a session (`session`: its id): the same action as the
    session's ticked list."""
    transition_ready(
        nomination, name="recommend", actor=actor, comment=comment, expected_state=expected_state
    )
    if session is None:
        raise ValidationError(RECOMMEND_IN_SESSION, code=TALLY_FROM_SESSION)
    sitting = CommitteeSession.objects.filter(pk=session, campaign=nomination.campaign_id).first()
    if sitting is None:
        raise ValidationError(_("Không có phiên họp Hội đồng này trong đợt thi đua."))
    return _recommend(
        session=sitting,
        nominations=[nomination],
        actor=actor,
        comment=comment,
        expected_state=state_seen(nomination, expected_state),
    )[0]
