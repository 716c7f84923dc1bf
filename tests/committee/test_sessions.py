import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from commendations.access.roles import Role
from commendations.actions.registry import action_run
from commendations.committee.models import Recusal, Vote, session_tally
from commendations.committee.services import committee_session_create, recusal_declare, vote_cast
from commendations.events import AuditEventKind
from commendations.nominations.models import NominationState
from tests.factories import NominationFactory, make_user
from tests.helpers import advance
from tests.rule_fixtures import make_rule_set
from workflow.models import AuditEvent, TransitionLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(province, district):
    """Four members from headquarters and one from the proposing district."""
    others = [make_user(Role.COMMITTEE_MEMBER, province, username=f"tv{i}") for i in range(4)]
    return [*others, make_user(Role.COMMITTEE_MEMBER, district, username="tv_huyen")]


@pytest.fixture
def nomination(campaign, district, director_award, officer, member, secretary):
    item = NominationFactory(campaign=campaign, unit=district, award_type=director_award)
    return advance(item, "submitted", officer=officer, member=member, secretary=secretary)


@pytest.fixture
def session(campaign, members, secretary):
    return committee_session_create(
        campaign=campaign,
        held_on=datetime.date(2026, 12, 10),
        title="Phiên họp tháng 12",
        members=members,
        actor=secretary,
    )


def test_only_the_secretary_sets_up_a_session_of_members(campaign, members, member, officer):
    with pytest.raises(PermissionDenied):
        committee_session_create(
            campaign=campaign,
            held_on=datetime.date.today(),
            title="x",
            members=members,
            actor=member,
        )


def test_the_tally_is_computed_from_each_members_vote(session, nomination, members):
    for member, choice in zip(members[:4], ["for", "for", "against", "abstain"], strict=True):
        vote_cast(session=session, nomination=nomination, member=member, choice=choice)
    vote_cast(session=session, nomination=nomination, member=members[2], choice="for")  # changes
    tally = session_tally(session, nomination)
    assert (tally["votes_for"], tally["votes_against"], tally["votes_abstain"]) == (3, 0, 1)
    assert Vote.objects.count() == 4


def test_a_member_of_the_nominees_unit_is_recused_and_cannot_vote(session, nomination, members):
    with pytest.raises(ValidationError) as exc:
        vote_cast(session=session, nomination=nomination, member=members[4], choice="for")
    assert "Công an huyện Một" in " ".join(exc.value.messages)
    recused = session_tally(session, nomination)["recused"]
    assert [r["member"] for r in recused] == ["tv_huyen"]


def test_a_declared_conflict_removes_the_members_vote_from_tally_and_history_shows_it(
    session, nomination, members
):
    vote_cast(session=session, nomination=nomination, member=members[0], choice="for")
    recusal_declare(
        session=session,
        nomination=nomination,
        member=members[0],
        reason="Người thân của người được đề nghị",
        actor=members[0],
    )
    tally = session_tally(session, nomination)
    assert tally["votes_for"] == 0
    assert "Người thân của người được đề nghị" in [r["reason"] for r in tally["recused"]]
    log = AuditEvent.objects.for_object(nomination).last()
    assert log.kind == AuditEventKind.RECUSAL and log.data["member"] == "tv0"
    with pytest.raises(ValidationError):
        vote_cast(session=session, nomination=nomination, member=members[0], choice="for")


def test_another_member_cannot_recuse_someone_else(session, nomination, members):
    with pytest.raises(PermissionDenied):
        recusal_declare(
            session=session, nomination=nomination, member=members[0], reason="x", actor=members[1]
        )
    assert not Recusal.objects.exists()


def test_recommend_with_a_session_uses_the_computed_tally_and_quorum_excludes_recused(
    session, nomination, members, secretary, director_award
):
    make_rule_set(director_award, quorum=4)
    for member in members[:3]:
        vote_cast(session=session, nomination=nomination, member=member, choice="for")
    # Five sat, one is recused (own unit), three voted: below the quorum of four.
    with pytest.raises(ValidationError) as exc:
        action_run(instance=nomination, name="recommend", actor=secretary, session=session.pk)
    assert "ít nhất 4" in " ".join(exc.value.messages)
    vote_cast(session=session, nomination=nomination, member=members[3], choice="against")
    action_run(instance=nomination, name="recommend", actor=secretary, session=session.pk)
    nomination.refresh_from_db()
    assert nomination.state == NominationState.RECOMMENDED
    assert (nomination.votes_for, nomination.votes_against, nomination.votes_abstain) == (3, 1, 0)
    log = TransitionLog.objects.for_object(nomination).last()
    assert log.data["session"] == session.pk
    assert [r["member"] for r in log.data["recused"]] == ["tv_huyen"]


def test_a_session_of_another_campaign_is_refused(nomination, members, secretary):
    from tests.factories import CampaignFactory

    other = committee_session_create(
        campaign=CampaignFactory(),
        held_on=datetime.date.today(),
        title="Khác",
        members=members,
        actor=secretary,
    )
    with pytest.raises(ValidationError):
        action_run(instance=nomination, name="recommend", actor=secretary, session=other.pk)


def test_each_vote_as_cast_is_a_named_audit_event_changed_votes_included(
    nomination, session, members
):
    """The Vote row keeps the last choice only; the audit trail keeps every one, with the one it
    replaced."""
    member = members[0]
    vote_cast(session=session, nomination=nomination, member=member, choice="for")
    vote_cast(session=session, nomination=nomination, member=member, choice="against")
    events = AuditEvent.objects.for_object(session).filter(kind=AuditEventKind.VOTE_CAST)
    assert [
        (e.actor, e.data["nomination"], e.data["choice"], e.data["previous"]) for e in events
    ] == [
        (member, nomination.pk, "for", ""),
        (member, nomination.pk, "against", "for"),
    ]
    assert Vote.objects.get(nomination=nomination, member=member).choice == "against"
