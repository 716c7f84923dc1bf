"""Committee sessions through the API: the secretary sets one up, each member votes or stands
aside per nomination, the tally is computed from those votes (never sent), and the secretary
records the recommendation from the session; the generic transition endpoint and the admin
refuse a typed tally."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from commendations.access.roles import Role
from commendations.committee.models import CommitteeSession, Recusal, Vote, session_votes
from commendations.committee.services import committee_session_create
from commendations.eligibility.votes import vote_outcome, vote_rules
from commendations.events import AuditEventKind
from commendations.nominations.models import Nomination
from tests.factories import NominationFactory, make_user
from tests.helpers import advance
from tests.rule_fixtures import make_rule_set
from workflow.models import AuditEvent, TransitionLog

pytestmark = pytest.mark.django_db
URL = "/api/v1/committee-sessions/"


@pytest.fixture
def others(province):
    return [
        make_user(Role.COMMITTEE_MEMBER, province, username=f"thanh_vien_{i}", first_name=f"TV{i}")
        for i in (1, 2)
    ]


@pytest.fixture
def session(campaign, member, secretary, others):
    return committee_session_create(
        campaign=campaign,
        held_on=datetime.date(2026, 12, 10),
        title="Phiên họp Hội đồng tháng 12",
        members=[member, secretary, *others],
        actor=secretary,
    )


@pytest.fixture
def submitted(campaign, district, director_award, officer, member, secretary):
    def make(name: str = "Nguyễn Văn A", unit=None) -> Nomination:
        nomination = NominationFactory(
            campaign=campaign,
            unit=unit or district,
            award_type=director_award,
            created_by=officer,
            nominee_name=name,
        )
        return advance(nomination, "submitted", officer=officer, member=member, secretary=secretary)

    return make


def vote(api, session, nomination, choice: str):
    return api.post(
        f"{URL}{session.pk}/votes/",
        {"nomination": nomination.pk, "choice": choice},
        format="json",
    )


def row_of(detail: dict, nomination) -> dict:
    return next(r for r in detail["nominations"] if r["nomination"]["id"] == nomination.pk)


# --- list and create ----------------------------------------------------------------------------


def test_secretary_creates_a_session_of_chosen_members(as_user, campaign, member, secretary):
    response = as_user(secretary).post(
        URL,
        {
            "campaign": campaign.pk,
            "held_on": "2026-12-10",
            "title": "Phiên họp Hội đồng TĐKT tháng 12",
            "members": [member.pk, secretary.pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    session = CommitteeSession.objects.get()
    assert body["id"] == session.pk and body["held_on"] == "2026-12-10"
    assert set(body["members"]) == {member.pk, secretary.pk}
    assert body["created_by"] == "secretary" and session.created_by == secretary
    listing = as_user(secretary).get(URL).json()
    assert [s["id"] for s in listing["results"]] == [session.pk]


def test_session_members_must_hold_the_committee_role(as_user, campaign, officer, secretary):
    response = as_user(secretary).post(
        URL,
        {
            "campaign": campaign.pk,
            "held_on": "2026-12-10",
            "title": "Phiên",
            "members": [officer.pk],
        },
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "validation_error"
    assert "Không phải thành viên Hội đồng" in body["fields"]["members"][0]
    assert not CommitteeSession.objects.exists()


def test_only_the_secretary_creates_a_session(as_user, campaign, member):
    response = as_user(member).post(
        URL,
        {
            "campaign": campaign.pk,
            "held_on": "2026-12-10",
            "title": "Phiên",
            "members": [member.pk],
        },
        format="json",
    )
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert not CommitteeSession.objects.exists()


def test_a_member_lists_and_opens_only_the_sessions_they_sit_in(as_user, session, member, province):
    sitting = as_user(member)
    assert [s["id"] for s in sitting.get(URL).json()["results"]] == [session.pk]
    assert sitting.get(f"{URL}{session.pk}/").status_code == 200
    outsider = as_user(make_user(Role.COMMITTEE_MEMBER, province, username="ngoai_phien"))
    assert outsider.get(URL).json()["results"] == []
    for response in (
        outsider.get(f"{URL}{session.pk}/"),
        outsider.post(f"{URL}{session.pk}/votes/", {}, format="json"),
        outsider.post(f"{URL}{session.pk}/recusals/", {}, format="json"),
    ):
        assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_a_unit_officer_is_refused_every_session_endpoint(as_user, session, officer, submitted):
    nomination = submitted()
    api = as_user(officer)
    for response in (
        api.get(URL),
        api.post(URL, {}, format="json"),
        api.get(f"{URL}{session.pk}/"),
        vote(api, session, nomination, "for"),
        api.post(f"{URL}{session.pk}/recusals/", {}, format="json"),
        api.post(f"{URL}{session.pk}/recommend/", {"nominations": [nomination.pk]}, format="json"),
    ):
        assert response.status_code == 403, response.content
    assert not Vote.objects.exists()


# --- detail: votes, recusals, the computed tally -----------------------------------------------


def test_detail_shows_each_vote_the_recusals_and_the_computed_tally_against_the_rules(
    as_user, session, member, secretary, others, director_award, submitted
):
    make_rule_set(director_award, quorum=3)
    nomination = submitted()
    assert vote(as_user(member), session, nomination, "for").status_code == 200
    assert vote(as_user(secretary), session, nomination, "for").status_code == 200
    recused = as_user(others[0]).post(
        f"{URL}{session.pk}/recusals/",
        {"nomination": nomination.pk, "reason": "Người thân của người được đề nghị"},
        format="json",
    )
    assert recused.status_code == 200, recused.json()

    detail = as_user(member).get(f"{URL}{session.pk}/").json()
    assert set(detail["members"]) == {member.pk, secretary.pk, *(o.pk for o in others)}
    assert {m["username"] for m in detail["members_detail"]} == {
        "member",
        "secretary",
        "thanh_vien_1",
        "thanh_vien_2",
    }
    row = row_of(detail, nomination)
    choices = {m["member_id"]: (m["choice"], m["recused"]) for m in row["members"]}
    assert choices == {
        member.pk: ("for", False),
        secretary.pk: ("for", False),
        others[0].pk: ("", True),
        others[1].pk: ("", False),
    }
    assert row["tally"]["votes_for"] == 2
    assert (row["tally"]["votes_against"], row["tally"]["votes_abstain"]) == (0, 0)
    assert [r["member_id"] for r in row["tally"]["recused"]] == [others[0].pk]
    # Two present of a quorum of three: the share is met, the quorum is not.
    assert row["outcome"] == {
        "present": 2,
        "quorum": 3,
        "share_percent": "50",
        "quorum_met": False,
        "share_met": True,
        "passed": False,
    }
    assert row["mine"]["member_id"] == member.pk and row["mine"]["choice"] == "for"
    # The same numbers as the services compute (and the recommendation will record).
    tally = session_votes(session, [nomination])[nomination.pk][1]
    share, quorum = vote_rules(nomination)
    expected = {k: tally[k] for k in ("votes_for", "votes_against", "votes_abstain")}
    assert row["outcome"] == vote_outcome(**expected, share=share, quorum=quorum)
    assert {k: row["tally"][k] for k in expected} == expected


def test_detail_lists_only_the_campaigns_nominations_awaiting_review(
    as_user, session, member, secretary, officer, submitted, campaign, district, director_award
):
    waiting = submitted()
    draft = NominationFactory(campaign=campaign, unit=district, award_type=director_award)
    recommended = advance(
        NominationFactory(campaign=campaign, unit=district, award_type=director_award),
        "recommended",
        officer=officer,
        member=member,
        secretary=secretary,
    )
    ids = [
        r["nomination"]["id"]
        for r in as_user(member).get(f"{URL}{session.pk}/").json()["nominations"]
    ]
    assert ids == [waiting.pk] and draft.pk not in ids and recommended.pk not in ids


def test_detail_pages_the_nominations_by_the_api_page_size(
    as_user, settings, session, member, submitted
):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "PAGE_SIZE": 1}
    first, second = submitted("Nguyễn Văn A"), submitted("Trần Thị B")
    api = as_user(member)
    page_one = api.get(f"{URL}{session.pk}/").json()
    page_two = api.get(f"{URL}{session.pk}/", {"page": 2}).json()
    assert (page_one["nominations_count"], page_one["nominations_pages"]) == (2, 2)
    assert [r["nomination"]["id"] for r in page_one["nominations"]] == [first.pk]
    assert page_two["nominations_page"] == 2
    assert [r["nomination"]["id"] for r in page_two["nominations"]] == [second.pk]
    assert api.get(f"{URL}{session.pk}/", {"page": 0}).status_code == 400


def test_a_vote_sent_again_replaces_the_earlier_one(as_user, session, member, submitted):
    nomination = submitted()
    api = as_user(member)
    vote(api, session, nomination, "for")
    response = vote(api, session, nomination, "against")
    assert response.status_code == 200
    assert response.json()["tally"]["votes_for"] == 0
    assert response.json()["tally"]["votes_against"] == 1
    assert Vote.objects.get().choice == "against"


def test_vote_errors_are_specific_and_in_vietnamese(
    as_user, session, member, secretary, officer, submitted, campaign, district, director_award
):
    api = as_user(member)
    nomination = submitted()
    bad_choice = vote(api, session, nomination, "maybe")
    assert bad_choice.status_code == 400 and "choice" in bad_choice.json()["fields"]
    missing = api.post(
        f"{URL}{session.pk}/votes/", {"nomination": 999999, "choice": "for"}, format="json"
    )
    assert missing.status_code == 400
    assert missing.json()["fields"]["nomination"] == ["Không tìm thấy hồ sơ."]
    done = advance(
        NominationFactory(campaign=campaign, unit=district, award_type=director_award),
        "recommended",
        officer=officer,
        member=member,
        secretary=secretary,
    )
    late = vote(api, session, done, "for")
    assert late.status_code == 400
    assert late.json()["detail"] == "Chỉ biểu quyết hồ sơ đang chờ thẩm định."
    # (`advance` recorded the other nomination's recommendation in a session of its own)
    assert not Vote.objects.filter(session=session).exists()


def test_a_member_of_the_nominees_unit_cannot_vote(as_user, campaign, secretary, submitted):
    nomination = submitted()
    local = make_user(Role.COMMITTEE_MEMBER, nomination.unit, username="thanh_vien_huyen")
    sitting = committee_session_create(
        campaign=campaign,
        held_on=datetime.date(2026, 12, 11),
        title="Phiên họp bổ sung",
        members=[local, secretary],
        actor=secretary,
    )
    response = vote(as_user(local), sitting, nomination, "for")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Đồng chí không biểu quyết hồ sơ này")


# --- recusals -----------------------------------------------------------------------------------


def test_recusal_takes_the_members_vote_out_of_the_tally(as_user, session, member, submitted):
    nomination = submitted()
    api = as_user(member)
    vote(api, session, nomination, "for")
    response = api.post(
        f"{URL}{session.pk}/recusals/",
        {"nomination": nomination.pk, "reason": "Cùng công tác trực tiếp"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["tally"]["votes_for"] == 0
    assert response.json()["mine"]["recused"] is True
    assert AuditEvent.objects.filter(kind=AuditEventKind.RECUSAL).count() == 1
    again = vote(api, session, nomination, "for")
    assert again.status_code == 400
    assert again.json()["detail"] == "Đồng chí đã không tham gia xét hồ sơ này."


def test_the_secretary_records_a_recusal_for_a_member_and_only_the_secretary(
    as_user, session, member, secretary, others, submitted, province
):
    nomination = submitted()
    payload = {"nomination": nomination.pk, "reason": "Có quan hệ gia đình", "member": others[0].pk}
    by_member = as_user(member).post(f"{URL}{session.pk}/recusals/", payload, format="json")
    assert by_member.status_code == 403
    assert by_member.json()["detail"] == "Chỉ thành viên đó hoặc Thường trực Hội đồng ghi nhận."
    by_secretary = as_user(secretary).post(f"{URL}{session.pk}/recusals/", payload, format="json")
    assert by_secretary.status_code == 200
    assert Recusal.objects.get().member == others[0]
    outsider = make_user(Role.COMMITTEE_MEMBER, province, username="ngoai_phien")
    not_sitting = as_user(secretary).post(
        f"{URL}{session.pk}/recusals/", {**payload, "member": outsider.pk}, format="json"
    )
    assert not_sitting.status_code == 400
    assert not_sitting.json()["fields"]["member"] == ["Người này không dự phiên họp."]
    blank = as_user(member).post(
        f"{URL}{session.pk}/recusals/", {"nomination": nomination.pk, "reason": " "}, format="json"
    )
    assert blank.status_code == 400
    assert blank.json()["fields"]["reason"] == ["Cần ghi rõ lý do không tham gia xét."]


# --- the recommendation -------------------------------------------------------------------------


def test_secretary_records_the_recommendation_with_the_computed_tallies(
    as_user, session, member, secretary, others, submitted
):
    first, second = submitted("Nguyễn Văn A"), submitted("Trần Thị B")
    for person, choice in ((member, "for"), (secretary, "for"), (others[0], "against")):
        vote(as_user(person), session, first, choice)
    vote(as_user(member), session, second, "for")
    response = as_user(secretary).post(
        f"{URL}{session.pk}/recommend/",
        {"nominations": [first.pk, second.pk], "comment": "Biên bản phiên họp số 3"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    by_id = {n["id"]: n for n in response.json()}
    assert (by_id[first.pk]["state"], by_id[first.pk]["votes_for"]) == ("recommended", 2)
    assert (by_id[first.pk]["votes_against"], by_id[first.pk]["votes_abstain"]) == (1, 0)
    assert (by_id[second.pk]["votes_for"], by_id[second.pk]["votes_against"]) == (1, 0)
    log = TransitionLog.objects.get(transition="recommend", object_id=first.pk)
    assert log.actor == secretary and log.comment == "Biên bản phiên họp số 3"
    assert log.data["session"] == session.pk and log.data["votes_for"] == 2


def test_recommendation_is_all_or_none(as_user, session, member, secretary, others, submitted):
    passing, failing = submitted("Nguyễn Văn A"), submitted("Trần Thị B")
    vote(as_user(member), session, passing, "for")
    vote(as_user(member), session, failing, "against")
    response = as_user(secretary).post(
        f"{URL}{session.pk}/recommend/",
        {"nominations": [passing.pk, failing.pk]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert "Trần Thị B" in response.json()["detail"]
    states = set(Nomination.objects.values_list("state", flat=True))
    assert states == {"submitted"}
    assert not TransitionLog.objects.filter(transition="recommend").exists()


def test_recommendation_refuses_unknown_or_finished_nominations(
    as_user, session, secretary, submitted
):
    nomination = submitted()
    response = as_user(secretary).post(
        f"{URL}{session.pk}/recommend/", {"nominations": [nomination.pk, 999999]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["fields"]["nominations"] == [
        "Có hồ sơ không tồn tại hoặc không còn chờ thẩm định."
    ]
    nomination.refresh_from_db()
    assert nomination.state == "submitted"


def test_only_the_secretary_records_the_recommendation(as_user, session, member, submitted):
    nomination = submitted()
    vote(as_user(member), session, nomination, "for")
    response = as_user(member).post(
        f"{URL}{session.pk}/recommend/", {"nominations": [nomination.pk]}, format="json"
    )
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    nomination.refresh_from_db()
    assert nomination.state == "submitted"


def test_a_session_of_another_campaign_does_not_see_the_nomination(
    as_user, member, secretary, submitted, director_award
):
    from tests.factories import CampaignFactory

    nomination = submitted()
    elsewhere = CampaignFactory()
    other = committee_session_create(
        campaign=elsewhere,
        held_on=datetime.date(2026, 12, 12),
        title="Phiên họp đợt khác",
        members=[member, secretary],
        actor=secretary,
    )
    response = vote(as_user(member), other, nomination, "for")
    assert response.status_code == 400
    assert response.json()["detail"] == "Hồ sơ không thuộc đợt thi đua của phiên họp."
    recommend = as_user(secretary).post(
        f"{URL}{other.pk}/recommend/", {"nominations": [nomination.pk]}, format="json"
    )
    assert recommend.status_code == 400


# --- no typed tally anywhere --------------------------------------------------------------------


@pytest.mark.parametrize(
    "payload",
    [
        {"votes_for": 9, "votes_against": 0, "votes_abstain": 0, "comment": "Đạt"},
        {"comment": "Đạt"},
        {},
    ],
)
def test_generic_transition_endpoint_refuses_recommend_and_points_to_the_session(
    as_user, member, secretary, submitted, payload
):
    """The model's guard answers: a member may not record the recommendation at all (403), the
    secretary is told it comes from a session (400 `tally_from_session`)."""
    nomination = submitted()
    url = f"/api/v1/nominations/{nomination.pk}/transitions/recommend/"
    by_member = as_user(member).post(url, payload, format="json")
    assert by_member.status_code == 403
    assert by_member.json()["code"] == "permission_denied"
    response = as_user(secretary).post(url, payload, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "tally_from_session"
    assert "POST /api/v1/committee-sessions/<id>/recommend/" in body["detail"]
    assert body["detail"].startswith("Hội đồng đề nghị khen thưởng tại phiên họp")
    nomination.refresh_from_db()
    assert (nomination.state, nomination.votes_for) == ("submitted", None)
    assert not TransitionLog.objects.filter(transition="recommend").exists()


def test_another_units_nomination_is_still_a_404_on_the_transition_endpoint(
    as_user, other_officer, own_draft
):
    response = as_user(other_officer).post(
        f"/api/v1/nominations/{own_draft.pk}/transitions/recommend/", {}, format="json"
    )
    assert response.status_code == 404


def test_admin_offers_no_recommend_and_refuses_a_posted_one(client, submitted):
    nomination = submitted()
    admin = get_user_model().objects.create_superuser("quan_tri", "qt@example.com", "x")
    client.force_login(admin)
    url = f"/admin/commendations/nomination/{nomination.pk}/change/"
    page = client.get(url).content.decode()
    assert 'name="_transition" value="return_for_changes"' in page
    assert 'value="recommend"' not in page and 'name="votes_for"' not in page
    response = client.post(
        url,
        {
            "_transition": "recommend",
            "_comment": "Đạt",
            "votes_for": "9",
            "votes_against": "0",
            "votes_abstain": "0",
        },
        follow=True,
    )
    text = response.content.decode()
    assert "Hội đồng đề nghị khen thưởng tại phiên họp" in text
    nomination.refresh_from_db()
    assert (nomination.state, nomination.votes_for) == ("submitted", None)
    assert not TransitionLog.objects.filter(transition="recommend").exists()
