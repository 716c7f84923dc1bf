"""Bulk actions cost the same number of queries for 5 nominations as for 50: the council's
recommendation (tally, vote rules, eligibility, quota, state, audit rows, notices) and the
secretary's forwarding to the authority. Measured at 5, then asserted equal at 50 — never a
timing."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commendations.access.roles import Role
from commendations.actions.committee import nominations_recommend
from commendations.actions.nominations import nominations_forward, nominations_submit
from commendations.committee.models import CommitteeSession, Vote, VoteChoice
from commendations.eligibility.models import QuotaKind
from commendations.nominations.models import Nomination, NominationState
from tests.factories import NominationFactory, UnitFactory, make_user
from tests.rule_fixtures import ALL_CONDITIONS, make_rule_set

pytestmark = pytest.mark.django_db

FEW, MANY = 5, 50


@pytest.fixture
def world(campaign, director_award, district, officer, secretary):
    make_rule_set(
        director_award,
        conditions=ALL_CONDITIONS,
        quota_kind=QuotaKind.ABSOLUTE,
        quota_value=1000,
    )
    members = [make_user(Role.COMMITTEE_MEMBER) for _ in range(3)]
    # Both lists wait for the same people, so the notices are the same work at 5 and at 50.
    make_user(Role.PROVINCIAL_DIRECTOR)

    def submitted(n: int) -> tuple[list[Nomination], CommitteeSession]:
        nominations = []
        for _ in range(n):
            collective = UnitFactory(parent=district)
            nominations.append(
                NominationFactory(
                    campaign=campaign,
                    unit=district,
                    award_type=director_award,
                    nominee_unit=collective,
                    nominee_name=collective.name,
                )
            )
        nominations_submit(nominations=nominations, actor=officer)
        session = CommitteeSession.objects.create(
            campaign=campaign,
            held_on=datetime.date.today(),
            title="Phiên họp",
            created_by=secretary,
        )
        session.members.set(members)
        Vote.objects.bulk_create(
            Vote(session=session, nomination=n, member=m, choice=VoteChoice.FOR)
            for n in nominations
            for m in members
        )
        return nominations, session

    return submitted


def _queries(action) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def test_recommending_fifty_costs_the_queries_of_five(world, secretary):
    # A first list fills the per-process caches (the actor's permissions, content types).
    warm, warm_session = world(1)
    nominations_recommend(session=warm_session, nominations=warm, actor=secretary)
    few, few_session = world(FEW)
    many, many_session = world(MANY)
    at_few = _queries(
        lambda: nominations_recommend(session=few_session, nominations=few, actor=secretary)
    )
    at_many = _queries(
        lambda: nominations_recommend(session=many_session, nominations=many, actor=secretary)
    )
    assert Nomination.objects.filter(state=NominationState.RECOMMENDED).count() == FEW + MANY + 1
    assert at_many == at_few


def test_forwarding_fifty_costs_the_queries_of_five(world, secretary):
    warm, warm_session = world(1)
    nominations_recommend(session=warm_session, nominations=warm, actor=secretary)
    nominations_forward(nominations=warm, actor=secretary)
    few, few_session = world(FEW)
    many, many_session = world(MANY)
    nominations_recommend(session=few_session, nominations=few, actor=secretary)
    nominations_recommend(session=many_session, nominations=many, actor=secretary)
    at_few = _queries(lambda: nominations_forward(nominations=few, actor=secretary))
    at_many = _queries(lambda: nominations_forward(nominations=many, actor=secretary))
    assert (
        Nomination.objects.filter(state=NominationState.AWAITING_DIRECTOR).count() == FEW + MANY + 1
    )
    assert at_many == at_few
