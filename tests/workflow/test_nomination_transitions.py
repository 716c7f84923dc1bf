import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from commendations.access.roles import Role
from commendations.actions.registry import action_run
from commendations.nominations.models import NominationState
from tests.factories import NominationFactory, make_user
from tests.helpers import (
    advance,
    recommend_in_session,
    session_with_votes,
    state_written_behind_the_workflow,
)
from workflow.exceptions import TransitionNotAllowed, TransitionPermissionDenied
from workflow.models import TransitionLog
from workflow.selectors import available_transitions

pytestmark = pytest.mark.django_db


@pytest.fixture
def nomination(campaign, district, director_award):
    return NominationFactory(campaign=campaign, unit=district, award_type=director_award)


@pytest.fixture
def people(officer, member, secretary):
    return {"officer": officer, "member": member, "secretary": secretary}


def test_unit_officer_submits_own_units_nomination_and_it_is_audited(nomination, officer):
    action_run(instance=nomination, name="submit", actor=officer, comment="Kính gửi")
    nomination.refresh_from_db()
    assert nomination.state == NominationState.SUBMITTED
    assert nomination.submitted_at is not None
    log = TransitionLog.objects.for_object(nomination).get()
    assert (log.transition, log.source_state, log.target_state, log.actor, log.comment) == (
        "submit",
        "draft",
        "submitted",
        officer,
        "Kính gửi",
    )


def test_officer_of_parent_unit_may_act_for_child_unit(campaign, commune, officer, director_award):
    nomination = NominationFactory(campaign=campaign, unit=commune, award_type=director_award)
    action_run(instance=nomination, name="submit", actor=officer)
    assert nomination.state == NominationState.SUBMITTED


def test_officer_of_other_unit_cannot_submit(nomination, other_officer):
    with pytest.raises(TransitionPermissionDenied):
        action_run(instance=nomination, name="submit", actor=other_officer)
    nomination.refresh_from_db()
    assert nomination.state == NominationState.DRAFT
    assert not TransitionLog.objects.for_object(nomination).exists()


@pytest.mark.parametrize("role", [Role.COMMITTEE_MEMBER, Role.PROVINCIAL_DIRECTOR, Role.CLERK])
def test_other_roles_cannot_submit(nomination, province, role):
    with pytest.raises(TransitionPermissionDenied):
        action_run(instance=nomination, name="submit", actor=make_user(role, province))


def test_submission_refused_outside_campaign_window(nomination, officer):
    campaign = nomination.campaign
    campaign.closes_on = datetime.date.today() - datetime.timedelta(days=1)
    campaign.opens_on = campaign.closes_on - datetime.timedelta(days=30)
    campaign.save()
    with pytest.raises(ValidationError, match="chỉ nhận hồ sơ"):
        action_run(instance=nomination, name="submit", actor=officer)
    nomination.refresh_from_db()
    assert nomination.state == NominationState.DRAFT


def test_submission_refused_before_window_opens(nomination, officer):
    campaign = nomination.campaign
    campaign.opens_on = datetime.date.today() + datetime.timedelta(days=1)
    campaign.closes_on = campaign.opens_on + datetime.timedelta(days=30)
    campaign.save()
    with pytest.raises(ValidationError):
        action_run(instance=nomination, name="submit", actor=officer)


def test_return_requires_comment_and_committee_role(nomination, people, officer):
    advance(nomination, "submitted", **people)
    with pytest.raises(ValidationError):
        action_run(instance=nomination, name="return_for_changes", actor=people["member"])
    with pytest.raises(TransitionPermissionDenied):
        action_run(instance=nomination, name="return_for_changes", actor=officer, comment="x")
    action_run(
        instance=nomination, name="return_for_changes", actor=people["member"], comment="Bổ sung"
    )
    assert nomination.state == NominationState.RETURNED
    action_run(instance=nomination, name="submit", actor=officer)
    assert nomination.state == NominationState.SUBMITTED


def test_reject_requires_reason(nomination, people):
    advance(nomination, "submitted", **people)
    with pytest.raises(ValidationError):
        action_run(instance=nomination, name="reject", actor=people["member"], comment=" ")
    action_run(instance=nomination, name="reject", actor=people["member"], comment="Trùng")
    assert nomination.state == NominationState.REJECTED


@pytest.mark.parametrize(
    ("votes", "ok"),
    [
        ((5, 4, 0), True),
        ((5, 5, 0), False),  # exactly half is not more than half
        ((4, 2, 3), False),  # abstentions count among those present
        ((1, 0, 0), True),
        ((0, 0, 0), False),
    ],
)
def test_recommend_needs_more_than_half_of_members_present(nomination, people, votes, ok):
    advance(nomination, "submitted", **people)
    tally = dict(zip(("votes_for", "votes_against", "votes_abstain"), votes, strict=True))
    if ok:
        recommend_in_session(nomination, secretary=people["secretary"], votes=votes)
        nomination.refresh_from_db()
        assert (nomination.state, nomination.votes_for) == ("recommended", votes[0])
        data = TransitionLog.objects.for_object(nomination).last().data
        assert {key: data[key] for key in tally} == tally
    else:
        with pytest.raises(ValidationError):
            recommend_in_session(nomination, secretary=people["secretary"], votes=votes)
        nomination.refresh_from_db()
        assert nomination.state == NominationState.SUBMITTED


def test_vote_share_is_a_setting_of_the_award_type(nomination, people):
    nomination.award_type.vote_share_required = Decimal("0.75")
    nomination.award_type.save()
    advance(nomination, "submitted", **people)
    with pytest.raises(ValidationError, match="75%"):
        recommend_in_session(nomination, secretary=people["secretary"], votes=(6, 2, 0))
    recommend_in_session(nomination, secretary=people["secretary"], votes=(7, 2, 0))


def test_recommend_without_a_session_is_refused_and_a_typed_tally_is_not_accepted(
    nomination, people
):
    """The tally is only ever computed from a session's votes: without a session the guard
    refuses (code `tally_from_session`), and there is no parameter to type one."""
    advance(nomination, "submitted", **people)
    with pytest.raises(ValidationError) as info:
        action_run(instance=nomination, name="recommend", actor=people["secretary"])
    assert [e.code for e in info.value.error_list] == ["tally_from_session"]
    session = session_with_votes(nomination, secretary=people["secretary"])
    with pytest.raises(TypeError):
        action_run(
            instance=nomination,
            name="recommend",
            actor=people["secretary"],
            session=session.pk,
            votes_for=9,
            votes_against=0,
            votes_abstain=0,
        )
    nomination.refresh_from_db()
    assert (nomination.state, nomination.votes_for) == ("submitted", None)
    assert not TransitionLog.objects.for_object(nomination).filter(transition="recommend")


def test_only_the_secretary_records_the_recommendation(nomination, people):
    advance(nomination, "submitted", **people)
    session = session_with_votes(nomination, secretary=people["secretary"])
    with pytest.raises(TransitionPermissionDenied):
        action_run(
            instance=nomination, name="recommend", actor=people["member"], session=session.pk
        )
    action_run(instance=nomination, name="recommend", actor=people["secretary"], session=session.pk)
    assert nomination.state == NominationState.RECOMMENDED


@pytest.mark.parametrize(
    ("award", "expected"),
    [("director_award", "awaiting_director"), ("ministry_award", "awaiting_ministry")],
)
def test_forward_is_routed_by_award_type_authority(
    request, campaign, district, people, award, expected
):
    nomination = NominationFactory(
        campaign=campaign, unit=district, award_type=request.getfixturevalue(award)
    )
    advance(nomination, "awaiting", **people)
    assert nomination.state == expected


def test_only_secretary_forwards(nomination, people):
    advance(nomination, "recommended", **people)
    with pytest.raises(TransitionPermissionDenied):
        action_run(instance=nomination, name="forward", actor=people["member"])


def test_director_declines_giay_khen_with_reason_but_not_bang_khen(
    campaign, district, people, director, ministry_award
):
    giay = NominationFactory(campaign=campaign, unit=district)
    advance(giay, "awaiting", **people)
    action_run(instance=giay, name="decline", actor=director, comment="Chưa đủ tiêu chuẩn")
    assert giay.state == NominationState.DECLINED
    bang = NominationFactory(campaign=campaign, unit=district, award_type=ministry_award)
    advance(bang, "awaiting", **people)
    with pytest.raises(TransitionPermissionDenied):
        action_run(instance=bang, name="decline", actor=director, comment="x")


def test_ministry_declines_bang_khen(campaign, district, people, ministry, ministry_award):
    bang = NominationFactory(campaign=campaign, unit=district, award_type=ministry_award)
    advance(bang, "awaiting", **people)
    action_run(instance=bang, name="decline", actor=ministry, comment="Không đủ điều kiện")
    assert bang.state == NominationState.DECLINED


def test_approve_is_not_reachable_as_a_plain_transition(nomination, people, director):
    advance(nomination, "awaiting", **people)
    with pytest.raises(TransitionNotAllowed):
        action_run(instance=nomination, name="approve", actor=director)
    assert "approve" not in [t.name for t in available_transitions(nomination, director)]


@pytest.mark.parametrize("state", ["draft", "submitted", "returned"])
def test_unit_withdraws_before_the_committee_decides(nomination, people, state):
    advance(nomination, state, **people)
    action_run(instance=nomination, name="withdraw", actor=people["officer"])
    assert nomination.state == NominationState.WITHDRAWN


@pytest.mark.parametrize("state", ["recommended", "awaiting", "rejected"])
def test_no_withdrawal_after_the_committee_decided(nomination, people, state):
    advance(nomination, state, **people)
    with pytest.raises(TransitionNotAllowed):
        action_run(instance=nomination, name="withdraw", actor=people["officer"])


def test_available_transitions_depend_on_role_state_and_unit(
    nomination, people, other_officer, director
):
    def names(user):
        return sorted(t.name for t in available_transitions(nomination, user))

    assert names(people["officer"]) == ["submit", "withdraw"]
    assert names(other_officer) == []
    assert names(people["member"]) == []
    advance(nomination, "submitted", **people)
    assert names(people["member"]) == ["reject", "return_for_changes"]
    assert names(people["secretary"]) == ["recommend", "reject", "return_for_changes"]
    assert names(people["officer"]) == ["withdraw"]
    assert names(director) == []
    recommend_in_session(nomination, secretary=people["secretary"])
    assert names(people["secretary"]) == ["forward"]
    assert names(people["member"]) == []


def test_state_field_cannot_be_assigned_directly(nomination):
    with pytest.raises(AttributeError):
        nomination.state = NominationState.APPROVED


def test_illegal_state_is_refused_by_the_database(nomination):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        state_written_behind_the_workflow(nomination, "teleported")
