"""A unit that no longer exists is refused with the unit in force that took over its work: an
integrator holding an id from before the 2025 reorganisation (the API's 400) or a bookmarked form
(the web form's error) learns which unit to use, in the same words."""

import pytest
from rest_framework.test import APIClient

from commendations.access.roles import Role
from commendations.access.selectors import units_of
from commendations.nominations.models import Nomination
from commendations.tokens.services import api_token_issue
from commendations.units.models import UnitLink
from commendations.units.selectors import unit_not_in_force_message
from commendations.web.nominations.forms import NominationForm
from tests.factories import AwardTypeFactory, CampaignFactory, make_user

pytestmark = pytest.mark.django_db


def test_the_message_names_the_heir_in_force_through_a_chain(reorganised):
    new = reorganised["new"]
    heir = f"đơn vị kế thừa: Công an xã Chư Păh (mã CA-XA-CHUPAH, id {new.pk})."
    district = unit_not_in_force_message(reorganised["district"])
    assert district == (
        f"Đơn vị “Công an huyện Chư Păh” (mã CA-CHUPAH) đã giải thể từ 01/03/2025; {heir}"
    )
    phu_hoa = unit_not_in_force_message(reorganised["phu_hoa"])
    assert phu_hoa == (
        f"Đơn vị “Công an thị trấn Phú Hòa” (mã CA-PHUHOA) đã sáp nhập từ 01/07/2025; {heir}"
    )
    assert unit_not_in_force_message(new) is None
    assert unit_not_in_force_message(reorganised["ia_ly"]) is None  # renamed, still in force


def test_a_unit_dissolved_without_heir_says_so(reorganised):
    UnitLink.objects.filter(predecessor=reorganised["district"]).delete()
    message = unit_not_in_force_message(reorganised["district"])
    assert "không có đơn vị kế thừa" in message and "01/03/2025" in message


@pytest.fixture
def heir_officer(reorganised):
    return make_user(Role.UNIT_OFFICER, reorganised["new"], username="heir_officer")


@pytest.fixture
def open_campaign():
    award_type = AwardTypeFactory()
    return CampaignFactory(award_types=[award_type]), award_type


def test_the_api_refuses_the_old_unit_with_the_heir_in_its_detail(
    reorganised, heir_officer, open_campaign
):
    campaign, award_type = open_campaign
    api = APIClient()
    _token, key = api_token_issue(user=heir_officer)
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    body = {
        "campaign": campaign.pk,
        "award_type": award_type.pk,
        "nominee_kind": "collective",
        "nominee_name": "Công an xã Chư Păh",
        "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ.",
    }
    new = reorganised["new"]
    for old in (reorganised["district"], reorganised["phu_hoa"]):
        response = api.post("/api/v1/nominations/", {**body, "unit": old.pk}, format="json")
        assert response.status_code == 400, response.content
        error = response.json()
        assert error["code"] == "validation_error"
        expected = unit_not_in_force_message(old)
        assert error["detail"] == expected and error["fields"]["unit"] == [expected]
        assert f"(mã CA-XA-CHUPAH, id {new.pk})" in error["detail"]
    english = api.post(
        "/api/v1/nominations/",
        {**body, "unit": reorganised["district"].pk},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    ).json()["detail"]
    assert english.endswith(
        f"was dissolved on 01/03/2025; its successor: Công an xã Chư Păh "
        f"(code CA-XA-CHUPAH, id {new.pk})."
    )
    assert not Nomination.objects.exists()
    # The unit it names is accepted.
    created = api.post("/api/v1/nominations/", {**body, "unit": new.pk}, format="json")
    assert created.status_code == 201, created.content


def test_a_person_is_recorded_in_a_unit_in_force_not_an_old_one(reorganised, secretary):
    api = APIClient()
    _token, key = api_token_issue(user=secretary)
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    old = api.post(
        "/api/v1/people/",
        {"code": "CB-1", "full_name": "Nguyễn Văn An", "unit": reorganised["phu_hoa"].pk},
        format="json",
    )
    assert old.status_code == 400
    assert old.json()["fields"]["unit"] == [unit_not_in_force_message(reorganised["phu_hoa"])]
    person = api.post(
        "/api/v1/people/",
        {"code": "CB-1", "full_name": "Nguyễn Văn An", "unit": reorganised["new"].pk},
        format="json",
    ).json()
    # Service records still name the units of their years.
    record = api.post(
        f"/api/v1/people/{person['id']}/service-records/",
        {"unit": reorganised["phu_hoa"].pk, "rank": "Thượng úy", "valid_from": "2020-01-01",
         "valid_to": "2025-07-01"},
        format="json",
    )  # fmt: skip
    assert record.status_code == 201, record.content


def test_the_web_form_shows_the_same_hint(reorganised, heir_officer, open_campaign):
    campaign, award_type = open_campaign
    form = NominationForm(
        data={
            "campaign": campaign.pk,
            "unit": reorganised["district"].pk,
            "award_type": award_type.pk,
            "nominee_kind": "collective",
            "nominee_unit": reorganised["phu_hoa"].pk,
            "nominee_name": "Công an xã Chư Păh",
            "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ.",
        },
        units=units_of(heir_officer),
    )
    assert not form.is_valid()
    assert form.errors["unit"] == [unit_not_in_force_message(reorganised["district"])]
    assert form.errors["nominee_unit"] == [unit_not_in_force_message(reorganised["phu_hoa"])]
    # A unit that never existed keeps Django's own message.
    unknown = NominationForm(data={"unit": 999999}, units=units_of(heir_officer))
    assert not unknown.is_valid() and "đơn vị kế thừa" not in str(unknown.errors["unit"])
