import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from commendations.campaigns.models import NomineeKind
from commendations.nominations.services import nomination_create, nomination_update
from tests.factories import CampaignFactory, NominationFactory
from tests.helpers import advance

pytestmark = pytest.mark.django_db


def _create(actor, campaign, unit, award, **kwargs):
    data = {
        "nominee_kind": NomineeKind.INDIVIDUAL,
        "nominee_name": "Nguyễn Thị Ánh Tuyết",
        "rank": "Thiếu tá",
        "position": "Đội trưởng",
        "achievement_summary": "Xuất sắc",
    }
    data.update(kwargs)
    return nomination_create(actor=actor, campaign=campaign, unit=unit, award_type=award, **data)


def test_officer_creates_draft_for_own_unit(campaign, district, officer, director_award):
    nomination = _create(officer, campaign, district, director_award)
    assert nomination.state == "draft" and nomination.created_by == officer


def test_officer_cannot_create_for_other_unit(campaign, other_district, officer, director_award):
    with pytest.raises(PermissionDenied):
        _create(officer, campaign, other_district, director_award)


def test_award_type_must_be_offered_by_campaign(district, officer, director_award, ministry_award):
    campaign = CampaignFactory(award_types=[ministry_award])
    with pytest.raises(ValidationError) as info:
        _create(officer, campaign, district, director_award)
    assert "award_type" in info.value.message_dict


def test_award_type_must_accept_nominee_kind(campaign, district, officer, director_award):
    director_award.accepts_individual = False
    director_award.save()
    with pytest.raises(ValidationError) as info:
        _create(officer, campaign, district, director_award)
    assert "nominee_kind" in info.value.message_dict


def test_collective_takes_its_name_from_the_unit_and_drops_personal_fields(
    campaign, district, commune, officer, director_award
):
    nomination = _create(
        officer,
        campaign,
        district,
        director_award,
        nominee_kind=NomineeKind.COLLECTIVE,
        nominee_name="",
        nominee_unit=commune,
    )
    assert nomination.nominee_name == "Công an xã Một, huyện Một"
    assert (nomination.rank, nomination.position) == ("", "")


def test_update_only_while_draft_or_returned(campaign, district, officer, member, secretary):
    nomination = NominationFactory(campaign=campaign, unit=district)
    nomination_update(nomination=nomination, actor=officer, achievement_summary="Mới")
    advance(nomination, "submitted", officer=officer, member=member, secretary=secretary)
    with pytest.raises(ValidationError, match="dự thảo hoặc bị trả lại"):
        nomination_update(nomination=nomination, actor=officer, achievement_summary="Sửa")


def test_update_refuses_unknown_fields(campaign, district, officer):
    nomination = NominationFactory(campaign=campaign, unit=district)
    with pytest.raises(ValidationError):
        nomination_update(nomination=nomination, actor=officer, state="approved")
