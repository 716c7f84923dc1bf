"""Reads: the sessions a user may see, the board of votes, the nominations awaiting a session."""

from collections.abc import Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from commendations.access.permissions import (
    Capability,
    can_forward,
    can_review,
    sees_all_nominations,
)
from commendations.committee.models import CommitteeSession, session_votes
from commendations.eligibility.votes import vote_outcome, vote_rules
from commendations.nominations.models import Nomination, NominationState
from commendations.nominations.selectors import nominations_visible_to

# --- the committee's sessions -----------------------------------------------------------------


def committee_sessions_visible_to(user: Any) -> QuerySet:
    """The secretary (and an administrator) sees every session; a member the sessions they sit
    in; anyone else none."""
    sessions = CommitteeSession.objects.select_related("campaign", "created_by")
    if not getattr(user, "is_authenticated", False):
        return sessions.none()
    if user.is_superuser or can_forward(None, user):
        return sessions
    if can_review(None, user):
        # A subquery, not a join: a join on `members` would also narrow any later
        # Count("members") to this one member.
        return sessions.filter(pk__in=CommitteeSession.objects.filter(members=user).values("pk"))
    return sessions.none()


def committee_members() -> QuerySet:
    """Active users holding the committee's review permission (through a role or directly)."""
    codename = Capability.REVIEW
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__permissions__codename=codename) | Q(user_permissions__codename=codename))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def session_nominations_awaiting(session: Any, user: Any) -> QuerySet[Nomination]:
    """The session's campaign's nominations awaiting review that the user may see: what the
    session votes on (the web page and the API show the same list)."""
    return (
        nominations_visible_to(user)
        .filter(campaign=session.campaign_id, state=NominationState.SUBMITTED)
        .order_by("unit__path", "nominee_name", "pk")
    )


def session_board(session: Any, nominations: Sequence[Nomination], user: Any) -> list[dict]:
    """One row per nomination for the session page: each member's vote or recusal, the tally
    the recommendation will use, and whether it meets the rule set's share and quorum (a fixed
    number of queries for the page)."""
    votes = session_votes(session, nominations)
    rules: dict[int, tuple[object, int]] = {}
    rows = []
    for nomination in nominations:
        members, tally = votes[nomination.pk]
        if nomination.award_type_id not in rules:
            rules[nomination.award_type_id] = vote_rules(nomination)
        share, quorum = rules[nomination.award_type_id]
        mine = next((m for m in members if m["member_id"] == user.pk), None)
        rows.append(
            {
                "nomination": nomination,
                "members": members,
                "tally": tally,
                "outcome": vote_outcome(
                    votes_for=tally["votes_for"],
                    votes_against=tally["votes_against"],
                    votes_abstain=tally["votes_abstain"],
                    share=share,
                    quorum=quorum,
                ),
                "mine": mine,
                # One line instead of a member per line (issue #27 §8): the table folds away.
                "summary": {
                    "members": len(members),
                    "voted": sum(1 for m in members if m["choice"] and not m["recused"]),
                    "recused": sum(1 for m in members if m["recused"]),
                    "waiting": sum(1 for m in members if not m["choice"] and not m["recused"]),
                },
            }
        )
    return rows


def nomination_sessions(nomination: Nomination, user: Any) -> list[dict]:
    """For the nomination page, to the province-wide roles: the sessions of its campaign with
    each member's vote or recusal on it and the tally. While it awaits review every session the
    user may open is listed (to vote there); afterwards only those that dealt with it."""
    if not (user.is_superuser or sees_all_nominations(user)):
        return []
    sessions = CommitteeSession.objects.filter(campaign=nomination.campaign_id)
    openable = set(committee_sessions_visible_to(user).values_list("pk", flat=True))
    result = []
    for session in sessions:
        members, tally = session_votes(session, [nomination])[nomination.pk]
        dealt = any(m["choice"] or (m["recused"] and not m["automatic"]) for m in members)
        waiting = nomination.state == NominationState.SUBMITTED and session.pk in openable
        if dealt or waiting:
            result.append(
                {
                    "session": session,
                    "members": members,
                    "tally": tally,
                    "openable": session.pk in openable,
                }
            )
    return result


def session_votes_pending(session: Any, user: Any) -> int:
    """How many of the session's nominations still wait for a vote: for a member, those they
    have neither voted on nor stood aside from; for the secretary, those some member has not
    voted on yet (members of the nominee's unit, recused automatically, are not waited for)."""
    nominations = list(session_nominations_awaiting(session, user))
    if not nominations:
        return 0
    pending = 0
    for members, _tally in session_votes(session, nominations).values():
        waiting = [m for m in members if not m["choice"] and not m["recused"]]
        if any(m["member_id"] == user.pk for m in members):
            pending += any(m["member_id"] == user.pk for m in waiting)
        else:
            pending += bool(waiting)
    return pending


def sessions_votes_pending(sessions: Sequence[Any], user: Any) -> list[tuple[Any, int]]:
    """Each session with its count of nominations not yet voted (session_votes_pending)."""
    return [(session, session_votes_pending(session, user)) for session in sessions]


def member_sessions_with_votes_pending(user: Any) -> list[tuple[Any, int]]:
    """The sessions this user sits in where a vote of theirs is still awaited, newest first."""
    if not getattr(user, "is_authenticated", False):
        return []
    sessions = CommitteeSession.objects.filter(members=user).select_related("campaign")
    return [(s, n) for s, n in sessions_votes_pending(list(sessions), user) if n]
