"""Committee sessions in the web UI: the secretary sets one up, members vote or stand aside per
nomination, the page shows the computed tally against the rule set, and the secretary records
the recommendation from the session (no typed tally anywhere)."""

import pytest
from django.urls import reverse

from commendations.access.roles import Role
from commendations.committee.models import CommitteeSession, Recusal, Vote
from commendations.events import AuditEventKind
from commendations.nominations.models import Nomination
from tests.factories import make_user
from tests.rule_fixtures import make_rule_set
from tests.web.test_query_counts import add_nominations, count_queries
from workflow.models import AuditEvent

pytestmark = pytest.mark.django_db


def session_url(session, name: str = "committee_session_detail") -> str:
    return reverse(name, args=[session.pk])


def card(body: str, nomination) -> str:
    """The part of the session page about one nomination."""
    return body.split(f'id="n-{nomination.pk}"', 1)[1].split('class="card mb-3 session-', 1)[0]


def test_secretary_sets_up_a_session_of_chosen_members(login, campaign, member, secretary):
    client = login(secretary)
    form = client.get(reverse("committee_session_create")).content.decode()
    assert 'name="members"' in form and f'value="{member.pk}"' in form
    response = client.post(
        reverse("committee_session_create"),
        {
            "campaign": campaign.pk,
            "held_on": "10/12/2026",
            "title": "Phiên họp Hội đồng TĐKT tháng 12",
            "members": [member.pk, secretary.pk],
        },
    )
    session = CommitteeSession.objects.get()
    assert response.status_code == 302 and response.url == session_url(session)
    assert set(session.members.all()) == {member, secretary}
    assert (session.held_on.day, session.held_on.month, session.created_by) == (10, 12, secretary)
    listing = client.get(reverse("committee_session_list")).content.decode()
    assert "Phiên họp Hội đồng TĐKT tháng 12" in listing


def test_session_form_keeps_the_input_when_no_member_is_chosen(login, campaign, secretary):
    response = login(secretary).post(
        reverse("committee_session_create"),
        {"campaign": campaign.pk, "held_on": "10/12/2026", "title": "Phiên họp thử"},
    )
    assert response.status_code == 400
    assert 'value="Phiên họp thử"' in response.content.decode()
    assert not CommitteeSession.objects.exists()


def test_a_member_opens_only_the_sessions_they_sit_in(login, committee, campaign, province):
    outsider = make_user(Role.COMMITTEE_MEMBER, province, username="ngoai_phien")
    client = login(outsider)
    assert client.get(session_url(committee)).status_code == 404
    assert committee.title not in client.get(reverse("committee_session_list")).content.decode()
    member = committee.members.get(username="member")
    listing = login(member).get(reverse("committee_session_list")).content.decode()
    assert committee.title in listing
    # The member count is the session's, not narrowed to the member looking at it.
    row = listing.split(committee.title, 1)[1].split("</tr>", 1)[0]
    count = committee.members.count()
    assert f'<td data-label="Số thành viên">{count}</td>' in row and count == 4


def test_session_page_shows_each_vote_recusals_and_the_computed_tally_against_the_rules(
    login, make_nomination, committee, votes, member, secretary, director_award
):
    make_rule_set(director_award, quorum=3)
    nomination = make_nomination("submitted")
    votes(nomination, "for", "for")
    Recusal.objects.create(
        session=committee,
        nomination=nomination,
        member=committee.members.get(username="thanh_vien_1"),
        reason="Anh ruột của người được đề nghị",
    )
    body = card(login(secretary).get(session_url(committee)).content.decode(), nomination)
    assert 'data-tally="2-0-0"' in body
    assert 'data-outcome="failed"' in body  # two votes, quorum three
    assert "tối thiểu 3" in body and "hơn 50%" in body
    assert "Anh ruột của người được đề nghị" in body
    assert f'data-member="{member.pk}" data-choice="for"' in body
    votes(nomination, None, None, None, "against")  # the last member votes: 3 present, 2 for
    body = card(login(secretary).get(session_url(committee)).content.decode(), nomination)
    assert 'data-tally="2-1-0"' in body and 'data-outcome="passed"' in body


def test_a_member_votes_and_changes_the_vote_before_the_recommendation(
    login, make_nomination, committee, member
):
    nomination = make_nomination("submitted")
    client = login(member)
    url = session_url(committee, "committee_session_vote")
    response = client.post(url, {"nomination": nomination.pk, "choice": "for"})
    assert response.status_code == 302 and response.url.endswith(f"#n-{nomination.pk}")
    client.post(url, {"nomination": nomination.pk, "choice": "against"})
    vote = Vote.objects.get()
    assert (vote.member, vote.choice) == (member, "against")
    body = card(client.get(session_url(committee)).content.decode(), nomination)
    assert 'class="btn btn-danger"' in body  # their current choice is shown
    assert 'data-tally="0-1-0"' in body


def test_a_member_declares_a_recusal_with_a_reason_and_then_cannot_vote(
    login, make_nomination, committee, member
):
    nomination = make_nomination("submitted")
    client = login(member)
    recuse = session_url(committee, "committee_session_recuse")
    response = client.post(recuse, {"nomination": nomination.pk, "reason": " "}, follow=True)
    assert "Cần ghi rõ lý do" in response.content.decode()
    assert not Recusal.objects.exists()
    client.post(recuse, {"nomination": nomination.pk, "reason": "Từng công tác cùng đội"})
    assert Recusal.objects.get().member == member
    response = client.post(
        session_url(committee, "committee_session_vote"),
        {"nomination": nomination.pk, "choice": "for"},
        follow=True,
    )
    assert "không tham gia xét" in response.content.decode()
    assert not Vote.objects.exists()
    body = card(response.content.decode(), nomination)
    assert "vote-form" not in body and "Từng công tác cùng đội" in body


def test_a_member_of_the_nominees_unit_is_recused_automatically_and_cannot_vote(
    login, make_nomination, committee, district
):
    local = make_user(Role.COMMITTEE_MEMBER, district, username="thanh_vien_huyen")
    committee.members.add(local)
    nomination = make_nomination("submitted")  # proposed by the district
    client = login(local)
    body = card(client.get(session_url(committee)).content.decode(), nomination)
    assert "Không tham gia xét (tự động)" in body and "Công an huyện Một" in body
    assert "vote-form" not in body
    response = client.post(
        session_url(committee, "committee_session_vote"),
        {"nomination": nomination.pk, "choice": "for"},
        follow=True,
    )
    assert "Công an huyện Một" in response.content.decode()
    assert not Vote.objects.exists()


def test_the_secretary_records_a_recusal_for_a_member(
    login, make_nomination, committee, secretary, member
):
    nomination = make_nomination("submitted")
    login(secretary).post(
        session_url(committee, "committee_session_recuse"),
        {"nomination": nomination.pk, "member": member.pk, "reason": "Vắng mặt khi xét"},
    )
    recusal = Recusal.objects.get()
    assert (recusal.member, recusal.reason) == (member, "Vắng mặt khi xét")
    log = AuditEvent.objects.for_object(nomination).last()
    assert (log.kind, log.actor, log.comment) == (
        AuditEventKind.RECUSAL,
        secretary,
        "Vắng mặt khi xét",
    )


def test_a_member_cannot_record_the_recommendation(login, make_nomination, committee, member):
    nomination = make_nomination("submitted")
    response = login(member).post(
        session_url(committee, "committee_session_recommend"),
        {"ids": [nomination.pk], "confirmed": "True"},
    )
    assert response.status_code == 403
    nomination.refresh_from_db()
    assert nomination.state == "submitted"


def test_after_the_recommendation_votes_are_closed_and_the_nomination_page_shows_them(
    login, make_nomination, committee, votes, secretary, member
):
    nomination = make_nomination("submitted")
    votes(nomination, "for", "for", "abstain")
    client = login(secretary)
    client.post(
        session_url(committee, "committee_session_recuse"),
        {
            "nomination": nomination.pk,
            "member": committee.members.get(username="thanh_vien_2").pk,
            "reason": "Có quan hệ họ hàng",
        },
    )
    client.post(
        session_url(committee, "committee_session_recommend"),
        {"ids": [nomination.pk], "confirmed": "True"},
    )
    nomination.refresh_from_db()
    assert (nomination.state, nomination.votes_for, nomination.votes_abstain) == (
        "recommended",
        2,
        1,
    )
    response = login(member).post(
        session_url(committee, "committee_session_vote"),
        {"nomination": nomination.pk, "choice": "against"},
        follow=True,
    )
    assert "Chỉ biểu quyết hồ sơ đang chờ thẩm định" in response.content.decode()
    session_page = login(secretary).get(session_url(committee)).content.decode()
    assert "decided-table" in session_page and nomination.nominee_name in session_page
    page = login(member).get(nomination.get_absolute_url()).content.decode()
    votes_card = page.split("session-votes", 1)[1].split("</div></div>", 1)[0]
    assert "Phiên họp Hội đồng tháng 12" in votes_card
    assert "Tán thành" in votes_card and "Có quan hệ họ hàng" in votes_card
    timeline = page.split('class="timeline', 1)[1]
    assert "Không tham gia xét (xung đột lợi ích)" in timeline and "Có quan hệ họ hàng" in timeline
    assert "2 tán thành, 0 không tán thành, 1 không biểu quyết" in timeline


def test_the_review_queue_has_no_typed_tally_and_points_to_the_sessions(
    login, make_nomination, committee, member
):
    make_nomination("submitted")
    body = login(member).get(reverse("review_queue")).content.decode()
    assert "votes_for" not in body and 'name="ids"' not in body
    assert session_url(committee) in body


def test_session_page_queries_do_not_grow_with_the_nominations(
    login, committee, campaign, district, director_award, officer, secretary
):
    client = login(secretary)
    add_nominations(
        5,
        state="submitted",
        campaign=campaign,
        unit=district,
        award_type=director_award,
        officer=officer,
    )
    few = count_queries(client, session_url(committee))
    add_nominations(
        20,
        state="submitted",
        campaign=campaign,
        unit=district,
        award_type=director_award,
        officer=officer,
    )
    assert count_queries(client, session_url(committee)) == few


def test_session_and_consolidation_pages_speak_english_when_chosen(
    login, make_nomination, committee, secretary, officer
):
    make_nomination("submitted")
    client = login(secretary)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(session_url(committee)).content.decode()
    assert "Members present:" in body and "Tally:" in body and "Your vote:" in body
    assert "Council meetings" in client.get(reverse("committee_session_list")).content.decode()
    client = login(officer)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("consolidation_list")).content.decode()
    assert "Consolidate subordinate units' nominations" in body


def test_after_recommending_the_next_step_is_forwarding(
    login, make_nomination, secretary, committee, votes
):
    nomination = make_nomination("submitted")
    votes(nomination, "for", "for", "for", "for")
    client = login(secretary)
    response = client.post(
        reverse("committee_session_recommend", args=[committee.pk]),
        {"ids": [nomination.pk], "confirmed": "True"},
        follow=True,
    )
    assert Nomination.objects.get(pk=nomination.pk).state == "recommended"
    body = response.content.decode()
    assert "Tiếp theo: Trình cấp trên" in body and reverse("forward_queue") in body
