import pytest
from django.core.exceptions import ValidationError

from commendations.access.roles import Role
from commendations.actions.registry import action_run
from commendations.campaigns.models import Campaign
from commendations.nominations.consolidation import next_consolidating_unit
from tests.factories import NominationFactory, make_user
from tests.helpers import recommend_in_session
from workflow.exceptions import TransitionNotAllowed, TransitionPermissionDenied
from workflow.models import TransitionLog
from workflow.selectors import available_transitions

pytestmark = pytest.mark.django_db


def commune_nomination(campaign, commune, director_award):
    return NominationFactory(campaign=campaign, unit=commune, award_type=director_award)


def test_without_levels_a_commune_nomination_goes_straight_to_the_committee(
    campaign, commune, director_award, commune_officer
):
    nomination = commune_nomination(campaign, commune, director_award)
    action_run(instance=nomination, name="submit", actor=commune_officer)
    assert nomination.state == "submitted"


def test_the_district_consolidates_before_the_province_sees_it(
    by_district, commune, district, director_award, commune_officer, officer, member, secretary
):
    nomination = commune_nomination(by_district, commune, director_award)
    action_run(instance=nomination, name="submit", actor=commune_officer)
    assert nomination.state == "awaiting_consolidation"
    assert next_consolidating_unit(nomination) == district
    with pytest.raises(TransitionNotAllowed):
        recommend_in_session(nomination, secretary=secretary, votes=(5, 0, 0))
    with pytest.raises(TransitionPermissionDenied):
        action_run(instance=nomination, name="consolidate", actor=commune_officer)
    assert "consolidate" in [t.name for t in available_transitions(nomination, officer)]
    action_run(instance=nomination, name="consolidate", actor=officer)
    assert nomination.state == "submitted"
    log = TransitionLog.objects.for_object(nomination).last()
    assert log.data["unit_id"] == district.pk and log.actor == officer


def test_another_district_cannot_consolidate(
    by_district, commune, director_award, commune_officer, other_officer
):
    nomination = commune_nomination(by_district, commune, director_award)
    action_run(instance=nomination, name="submit", actor=commune_officer)
    with pytest.raises(TransitionPermissionDenied):
        action_run(instance=nomination, name="consolidate", actor=other_officer)


def test_a_districts_own_nomination_is_not_held_for_consolidation(
    by_district, district, director_award, officer
):
    nomination = NominationFactory(campaign=by_district, unit=district, award_type=director_award)
    action_run(instance=nomination, name="submit", actor=officer)
    assert nomination.state == "submitted"


def test_the_district_returns_it_and_a_resubmission_needs_consolidating_again(
    by_district, commune, director_award, commune_officer, officer
):
    nomination = commune_nomination(by_district, commune, director_award)
    action_run(instance=nomination, name="submit", actor=commune_officer)
    with pytest.raises(ValidationError):
        action_run(instance=nomination, name="return_from_consolidation", actor=officer)
    action_run(
        instance=nomination, name="return_from_consolidation", actor=officer, comment="Bổ sung"
    )
    assert nomination.state == "returned"
    action_run(instance=nomination, name="submit", actor=commune_officer)
    assert nomination.state == "awaiting_consolidation"


def test_two_configured_levels_consolidate_in_turn(
    campaign, province, district, commune, director_award, commune_officer, officer
):
    campaign.consolidation_levels = ["district", "province"]
    campaign.save()
    province_officer = make_user(Role.UNIT_OFFICER, province, username="officer_tinh")
    nomination = commune_nomination(campaign, commune, director_award)
    action_run(instance=nomination, name="submit", actor=commune_officer)
    with pytest.raises(TransitionPermissionDenied):
        action_run(instance=nomination, name="consolidate", actor=province_officer)
    action_run(instance=nomination, name="consolidate", actor=officer)
    assert nomination.state == "awaiting_consolidation"
    assert next_consolidating_unit(nomination) == province
    action_run(instance=nomination, name="consolidate", actor=province_officer)
    assert nomination.state == "submitted"


def test_levels_must_be_unit_kinds(campaign):
    campaign.consolidation_levels = ["village"]
    with pytest.raises(ValidationError):
        campaign.full_clean()
    assert Campaign.objects.get(pk=campaign.pk).consolidation_levels == []


def test_the_district_forwards_its_communes_list_in_one_go(
    by_district, commune, director_award, commune_officer, officer, other_officer
):
    from commendations.actions.nominations import nominations_consolidate

    items = [commune_nomination(by_district, commune, director_award) for _ in range(3)]
    for item in items[:2]:
        action_run(instance=item, name="submit", actor=commune_officer)
    assert nominations_consolidate(campaign=by_district, actor=other_officer) == 0
    assert nominations_consolidate(campaign=by_district, actor=officer) == 2
    states = sorted(
        type(items[0]).objects.filter(pk__in=[i.pk for i in items]).values_list("state", flat=True)
    )
    assert states == ["draft", "submitted", "submitted"]
