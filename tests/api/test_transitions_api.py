"""Transitions through the API: what the caller may do, the same service as the UI, error codes."""

import pytest

from tests.helpers import advance
from workflow.models import TransitionLog

pytestmark = pytest.mark.django_db
URL = "/api/v1/nominations/"
SESSIONS = "/api/v1/committee-sessions/"


def test_transitions_list_what_the_caller_may_do(as_user, officer, member, own_draft):
    names = {
        t["name"]
        for t in as_user(officer).get(f"{URL}{own_draft.pk}/transitions/").json()["results"]
    }
    assert names == {"submit", "withdraw"}


def test_submit_then_recommend_from_a_session_writes_the_audit(
    as_user, officer, member, secretary, campaign, own_draft
):
    response = as_user(officer).post(f"{URL}{own_draft.pk}/transitions/submit/", {}, format="json")
    assert response.status_code == 200
    assert response.json() == {"id": own_draft.pk, "state": "submitted"}
    member_api = as_user(member)
    secretary_api = as_user(secretary)
    options = secretary_api.get(f"{URL}{own_draft.pk}/transitions/").json()["results"]
    # Offered to the secretary, but recorded from a committee session (the tally is computed,
    # not sent); members vote in the session and do not record it.
    assert {t["name"]: t["form"] for t in options}["recommend"] == "session"
    member_options = member_api.get(f"{URL}{own_draft.pk}/transitions/").json()["results"]
    assert "recommend" not in {t["name"] for t in member_options}
    session = secretary_api.post(
        SESSIONS,
        {
            "campaign": campaign.pk,
            "held_on": "2026-12-10",
            "title": "Phiên họp",
            "members": [member.pk, secretary.pk],
        },
        format="json",
    ).json()
    for api, choice in ((member_api, "for"), (secretary_api, "for")):
        response = api.post(
            f"{SESSIONS}{session['id']}/votes/",
            {"nomination": own_draft.pk, "choice": choice},
            format="json",
        )
        assert response.status_code == 200, response.json()
    response = secretary_api.post(
        f"{SESSIONS}{session['id']}/recommend/",
        {"nominations": [own_draft.pk], "comment": "Đạt"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()[0]["state"] == "recommended"
    assert (response.json()[0]["votes_for"], response.json()[0]["votes_against"]) == (2, 0)
    history = member_api.get(f"{URL}{own_draft.pk}/history/").json()["results"]
    assert [(h["transition"], h["source"], h["target"], h["actor"]) for h in history] == [
        ("submit", "draft", "submitted", "officer"),
        ("recommend", "submitted", "recommended", "secretary"),
    ]
    assert history[1]["comment"] == "Đạt" and history[1]["at"]


def test_recommend_without_enough_votes_is_a_validation_error(
    as_user, officer, member, secretary, campaign, own_draft
):
    import datetime

    from commendations.committee.services import committee_session_create, vote_cast

    advance(own_draft, "submitted", officer=officer, member=member, secretary=secretary)
    session = committee_session_create(
        campaign=campaign,
        held_on=datetime.date(2026, 12, 10),
        title="Phiên họp",
        members=[member, secretary],
        actor=secretary,
    )
    for person in (member, secretary):
        vote_cast(session=session, nomination=own_draft, member=person, choice="against")
    response = as_user(secretary).post(
        f"{SESSIONS}{session.pk}/recommend/", {"nominations": [own_draft.pk]}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "validation_error" and "Chưa đạt tỷ lệ" in body["detail"]
    own_draft.refresh_from_db()
    assert own_draft.state == "submitted"


def test_typed_tally_on_the_transition_endpoint_is_refused(
    as_user, officer, member, secretary, own_draft
):
    advance(own_draft, "submitted", officer=officer, member=member, secretary=secretary)
    typed = {"votes_for": 7, "votes_against": 1, "votes_abstain": 0, "comment": "Đạt"}
    url = f"{URL}{own_draft.pk}/transitions/recommend/"
    response = as_user(secretary).post(url, typed, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "tally_from_session"
    assert as_user(member).post(url, typed, format="json").status_code == 403
    own_draft.refresh_from_db()
    assert (own_draft.state, own_draft.votes_for) == ("submitted", None)


def test_transition_not_allowed_in_this_state_is_409(as_user, officer, member, own_draft):
    response = as_user(officer).post(f"{URL}{own_draft.pk}/transitions/forward/", {}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "transition_not_allowed"


def test_unknown_or_internal_transition_is_not_allowed(as_user, officer, own_draft):
    api = as_user(officer)
    for name in ("approve", "save", "delete", "nonexistent"):
        response = api.post(f"{URL}{own_draft.pk}/transitions/{name}/", {}, format="json")
        assert response.status_code == 409, name
        assert response.json()["code"] == "transition_not_allowed"


def test_transition_by_the_wrong_role_is_permission_denied(
    as_user, officer, member, secretary, own_draft
):
    advance(own_draft, "submitted", officer=officer, member=member, secretary=secretary)
    response = as_user(officer).post(
        f"{URL}{own_draft.pk}/transitions/reject/", {"comment": "Không"}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_missing_required_comment_is_a_field_error(as_user, officer, member, secretary, own_draft):
    advance(own_draft, "submitted", officer=officer, member=member, secretary=secretary)
    response = as_user(member).post(f"{URL}{own_draft.pk}/transitions/reject/", {}, format="json")
    assert response.status_code == 400
    assert "comment" in response.json()["fields"]


def test_stale_expected_state_is_concurrent_change_409(
    as_user, officer, member, secretary, own_draft
):
    advance(own_draft, "submitted", officer=officer, member=member, secretary=secretary)
    response = as_user(officer).post(
        f"{URL}{own_draft.pk}/transitions/withdraw/", {"expected_state": "draft"}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["code"] == "concurrent_change"
    own_draft.refresh_from_db()
    assert own_draft.state == "submitted"
    assert TransitionLog.objects.filter(transition="withdraw").count() == 0
