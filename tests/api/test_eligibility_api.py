"""The actions the web offers around eligibility, through the API: an integration can take a
nomination whose condition the records cannot decide all the way to the recommendation."""

import pytest

from commendations.campaigns.models import NomineeKind
from commendations.eligibility.models import NomineeLink
from commendations.units.models import Person
from tests.factories import NominationFactory
from tests.rule_fixtures import make_rule_set

pytestmark = pytest.mark.django_db
URL = "/api/v1/nominations/"
SESSIONS = "/api/v1/committee-sessions/"


def test_an_unknown_condition_goes_to_recommend_through_the_api_only(
    as_user, campaign, district, director_award, officer, member, secretary
):
    make_rule_set(director_award, conditions=["no_pending_discipline"])
    nomination = NominationFactory(
        campaign=campaign, unit=district, award_type=director_award, nominee_name="Tổ ANND thôn 3"
    )
    officer_api, member_api, secretary_api = as_user(officer), as_user(member), as_user(secretary)
    submitted = officer_api.post(f"{URL}{nomination.pk}/transitions/submit/", {}, format="json")
    assert submitted.json()["state"] == "submitted"
    conditions = member_api.get(f"{URL}{nomination.pk}/eligibility/").json()["conditions"]
    assert [(c["code"], c["status"]) for c in conditions] == [("no_pending_discipline", "unknown")]

    session = secretary_api.post(
        SESSIONS,
        {
            "campaign": campaign.pk,
            "held_on": "2026-03-10",
            "title": "Phiên họp",
            "members": [member.pk, secretary.pk],
        },
        format="json",
    ).json()
    for api in (member_api, secretary_api):
        vote = {"nomination": nomination.pk, "choice": "for"}
        assert api.post(f"{SESSIONS}{session['id']}/votes/", vote, format="json").status_code == 200
    recommend = f"{SESSIONS}{session['id']}/recommend/"
    refused = secretary_api.post(recommend, {"nominations": [nomination.pk]}, format="json")
    assert refused.status_code == 400
    assert "cần thành viên Hội đồng xác nhận" in refused.json()["detail"]

    confirm = f"{URL}{nomination.pk}/eligibility/no_pending_discipline/confirm/"
    assert officer_api.post(confirm, {"reason": "x"}, format="json").status_code == 403
    blank = member_api.post(confirm, {"reason": " "}, format="json")
    assert blank.status_code == 400 and "reason" in blank.json()["fields"]
    grounds = {"reason": "Văn bản số 12 của Công an huyện"}
    confirmed = member_api.post(confirm, grounds, format="json")
    assert confirmed.status_code == 200
    (row,) = confirmed.json()["conditions"]
    assert row["confirmed_by"] and row["confirmation_reason"] == "Văn bản số 12 của Công an huyện"
    again = member_api.post(confirm, {"reason": "lần hai"}, format="json")
    assert again.status_code == 400

    done = secretary_api.post(recommend, {"nominations": [nomination.pk]}, format="json")
    assert done.status_code == 200 and done.json()[0]["state"] == "recommended"
    history = [
        h["transition"] for h in member_api.get(f"{URL}{nomination.pk}/history/").json()["results"]
    ]
    assert history == ["submit", "confirm_eligibility", "recommend"]


def test_a_unit_officer_links_an_individual_nomination_to_a_person(
    as_user, campaign, district, director_award, officer, member, other_officer
):
    nomination = NominationFactory(
        campaign=campaign,
        unit=district,
        award_type=director_award,
        nominee_kind=NomineeKind.INDIVIDUAL,
        nominee_name="Nguyễn Văn Hùng",
    )
    person = Person.objects.create(code="CB-001", full_name="Nguyễn Văn Hùng", unit=district)
    other = Person.objects.create(code="CB-002", full_name="Nguyễn Văn Hùng", unit=district)
    url = f"{URL}{nomination.pk}/nominee-link/"
    assert as_user(member).post(url, {"person": person.pk}, format="json").status_code == 403
    assert as_user(other_officer).post(url, {"person": person.pk}, format="json").status_code == 404
    missing = as_user(officer).post(url, {"person": 999999}, format="json")
    assert missing.status_code == 400 and "person" in missing.json()["fields"]
    response = as_user(officer).post(url, {"person": person.pk}, format="json")
    assert response.status_code == 200
    assert response.json() == {"nomination": nomination.pk, "person": person.pk}
    as_user(officer).post(url, {"person": other.pk}, format="json")
    assert NomineeLink.objects.get(nomination=nomination).person == other


def test_a_collective_cannot_be_linked_to_a_person(as_user, own_draft, officer, district):
    person = Person.objects.create(code="CB-003", full_name="Ai đó", unit=district)
    response = as_user(officer).post(
        f"{URL}{own_draft.pk}/nominee-link/", {"person": person.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert not NomineeLink.objects.exists()
