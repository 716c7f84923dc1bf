"""Decisions through the API: create from awaiting nominations, issue, annex, permissions."""

import io

import pytest
from openpyxl import load_workbook

from tests.factories import NominationFactory
from tests.helpers import advance

pytestmark = pytest.mark.django_db
URL = "/api/v1/decisions/"


@pytest.fixture
def awaiting(campaign, district, director_award, officer, member, secretary):
    nominations = [
        NominationFactory(campaign=campaign, unit=district, award_type=director_award)
        for _ in range(2)
    ]
    for nomination in nominations:
        advance(nomination, "awaiting", officer=officer, member=member, secretary=secretary)
    return nominations


def payload(ids: list[int], number: str = "12/QĐ-CAT-PV05") -> dict:
    return {
        "authority": "PROVINCIAL_DIRECTOR",
        "number": number,
        "date": "2026-03-14",
        "signer_name": "Nguyễn Ngọc Sơn",
        "signer_title": "Phó Giám đốc",
        "nominations": ids,
    }


def test_director_creates_and_issues_a_decision(as_user, director, awaiting):
    api = as_user(director)
    response = api.post(URL, payload([n.pk for n in awaiting]), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["state"] == "draft"
    assert sorted(body["nomination_ids"]) == sorted(n.pk for n in awaiting)
    issued = api.post(f"{URL}{body['id']}/issue/")
    assert issued.status_code == 200
    assert issued.json() == {"id": body["id"], "state": "issued"}
    for nomination in awaiting:
        nomination.refresh_from_db()
        assert nomination.state == "approved"
    again = api.post(f"{URL}{body['id']}/issue/")
    assert again.status_code == 409
    assert again.json()["code"] == "concurrent_change"


def test_unit_officer_cannot_create_or_see_decisions(as_user, officer, director, awaiting):
    response = as_user(officer).post(URL, payload([awaiting[0].pk]), format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    decision = as_user(director).post(URL, payload([awaiting[0].pk]), format="json").json()
    assert as_user(officer).get(f"{URL}{decision['id']}/").status_code == 404
    assert as_user(officer).post(f"{URL}{decision['id']}/issue/").status_code == 404


def test_ministry_cannot_issue_a_director_decision(as_user, director, ministry, awaiting):
    decision = as_user(director).post(URL, payload([awaiting[0].pk]), format="json").json()
    response = as_user(ministry).post(f"{URL}{decision['id']}/issue/")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_committee_member_may_not_create_a_decision(as_user, member, awaiting):
    response = as_user(member).post(URL, payload([awaiting[0].pk]), format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_bad_number_and_not_awaiting_nominations_are_field_errors(
    as_user, director, awaiting, campaign, district, director_award
):
    draft = NominationFactory(campaign=campaign, unit=district, award_type=director_award)
    api = as_user(director)
    response = api.post(URL, payload([awaiting[0].pk], number="không số"), format="json")
    assert response.status_code == 400 and "number" in response.json()["fields"]
    response = api.post(URL, payload([awaiting[0].pk, draft.pk]), format="json")
    assert response.status_code == 400 and "nominations" in response.json()["fields"]


def test_annex_lists_the_decisions_nominations(as_user, director, awaiting):
    api = as_user(director)
    decision = api.post(URL, payload([n.pk for n in awaiting]), format="json").json()
    response = api.get(f"{URL}{decision['id']}/annex/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    text = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert any("12/QĐ-CAT-PV05" in t for t in text)
    for nomination in awaiting:
        assert nomination.nominee_name in text
