"""Drive a nomination to a state through the real transitions (so the audit trail is real)."""

import datetime
from typing import Any

from django.db import connection

from commendations.access.roles import Role
from commendations.actions.registry import action_run
from commendations.committee.models import CommitteeSession, Vote, VoteChoice
from commendations.nominations.models import Nomination
from tests.factories import make_user

PATHS = {
    "draft": [],
    "submitted": ["submit"],
    "returned": ["submit", "return_for_changes"],
    "withdrawn": ["withdraw"],
    "rejected": ["submit", "reject"],
    "recommended": ["submit", "recommend"],
    "awaiting": ["submit", "recommend", "forward"],
}
VOTES = (7, 1, 1)  # for, against, abstain


def session_with_votes(
    nomination: Nomination, *, secretary: Any, votes: tuple[int, int, int] = VOTES
) -> CommitteeSession:
    """A session of the nomination's campaign where as many fresh members (of no unit, so none
    stands aside) as `votes` adds up to have voted: the only source of a recommendation's tally."""
    choices = (
        [VoteChoice.FOR] * votes[0]
        + [VoteChoice.AGAINST] * votes[1]
        + [VoteChoice.ABSTAIN] * votes[2]
    )
    members = [make_user(Role.COMMITTEE_MEMBER) for _choice in choices]
    session = CommitteeSession.objects.create(
        campaign=nomination.campaign,
        held_on=datetime.date.today(),
        title="Phiên họp thử nghiệm",
        created_by=secretary,
    )
    session.members.set(members)
    Vote.objects.bulk_create(
        Vote(session=session, nomination=nomination, member=member, choice=choice)
        for member, choice in zip(members, choices, strict=True)
    )
    return session


def recommend_in_session(
    nomination: Nomination,
    *,
    secretary: Any,
    votes: tuple[int, int, int] = VOTES,
    comment: str = "",
) -> Nomination:
    """The committee's recommendation as the workflow records it: members vote in a session,
    the secretary runs `recommend` with it and the tally is computed from the votes."""
    session = session_with_votes(nomination, secretary=secretary, votes=votes)
    return action_run(
        instance=nomination, name="recommend", actor=secretary, comment=comment, session=session.pk
    )


def advance(nomination, to: str, *, officer, member, secretary):
    for step in PATHS[to]:
        if step == "recommend":
            recommend_in_session(nomination, secretary=secretary)
            continue
        actor = {"submit": officer, "withdraw": officer, "forward": secretary}.get(step, member)
        comment = "Lý do" if step in {"return_for_changes", "reject"} else ""
        action_run(instance=nomination, name=step, actor=actor, comment=comment)
    return nomination


def state_written_behind_the_workflow(instance: Any, state: str) -> None:
    """What another program or a DBA could do: set the state column with plain SQL, around the
    workflow, so a test can prove that the database and the services still hold."""
    table = connection.ops.quote_name(instance._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET state = %s WHERE id = %s", [state, instance.pk])
