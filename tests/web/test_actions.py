"""Action buttons post to one view that asks the state machine; refusals and conflicts become
messages, never stack traces."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commendations.decisions.models import Decision
from commendations.nominations.models import Nomination

pytestmark = pytest.mark.django_db

CONFLICT = "Hồ sơ vừa được người khác thay đổi"


def act(client, nomination, name, **data):
    """Press an action button (and, for one that cannot be undone, confirm it)."""
    data.setdefault("expected_state", nomination.state)
    data.setdefault("confirmed", "True")
    return client.post(
        reverse("nomination_transition", args=[nomination.pk, name]), data, follow=True
    )


def test_officer_submits_then_member_returns_with_comment(login, make_nomination, officer, member):
    nomination = make_nomination("draft")
    response = act(login(officer), nomination, "submit")
    assert response.status_code == 200
    nomination.refresh_from_db()
    assert nomination.state == "submitted"
    response = act(login(member), nomination, "return_for_changes", comment="Thiếu biên bản họp")
    nomination.refresh_from_db()
    assert nomination.state == "returned"
    body = login(officer).get(nomination.get_absolute_url()).content.decode()
    assert "Thiếu biên bản họp" in body  # the reason is shown to the officer


def test_return_without_comment_keeps_form_with_error(login, make_nomination, member):
    nomination = make_nomination("submitted")
    response = login(member).post(
        reverse("nomination_transition", args=[nomination.pk, "return_for_changes"]),
        {"expected_state": "submitted", "comment": "  "},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == nomination.get_absolute_url()
    assert "Cần ghi rõ lý do" in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.state == "submitted"


def test_recommend_cannot_be_typed_on_the_nomination_page(
    login, make_nomination, member, secretary
):
    """The tally is computed from a session's votes: a typed tally posted to the nomination's
    action URL changes nothing; the secretary is told (by the model's guard) where to go, a
    member may not record the recommendation at all."""
    nomination = make_nomination("submitted")
    typed = {"votes_for": "7", "votes_against": "1", "votes_abstain": "1"}
    response = act(login(secretary), nomination, "recommend", **typed)
    assert "tại phiên họp" in response.content.decode()
    response = act(login(member), nomination, "recommend", **typed)
    assert "Bạn không thể thực hiện thao tác này" in response.content.decode()
    nomination.refresh_from_db()
    assert (nomination.state, nomination.votes_for) == ("submitted", None)


def test_recommend_from_a_session_uses_the_members_votes(
    login, make_nomination, secretary, committee, votes
):
    nomination = make_nomination("submitted")
    votes(nomination, "for", "for", "abstain", "against")
    votes(nomination, "for", "for", "for")  # a member changes their vote before the tally
    response = login(secretary).post(
        reverse("committee_session_recommend", args=[committee.pk]),
        {"ids": [nomination.pk], "confirmed": "True"},
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.state == "recommended"
    assert (nomination.votes_for, nomination.votes_against, nomination.votes_abstain) == (3, 1, 0)


def test_stale_page_shows_conflict_message_not_500(login, make_nomination, officer, member):
    nomination = make_nomination("submitted")
    client = login(member)
    # Someone else returned it meanwhile; this member still has the "submitted" page open.
    act(login(officer), nomination, "withdraw")
    client = login(member)
    response = client.post(
        reverse("nomination_transition", args=[nomination.pk, "reject"]),
        {"expected_state": "submitted", "comment": "Không đủ điều kiện", "confirmed": "True"},
        follow=True,
    )
    assert response.status_code == 200
    assert CONFLICT in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.state == "withdrawn"


def test_stale_state_with_same_transition_available_is_a_conflict(login, make_nomination, officer):
    nomination = make_nomination("draft")
    response = login(officer).post(
        reverse("nomination_transition", args=[nomination.pk, "withdraw"]),
        {"expected_state": "returned"},  # the page the user saw was older
        follow=True,
    )
    assert CONFLICT in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.state == "draft"


def test_unknown_transition_is_a_message(login, make_nomination, member):
    nomination = make_nomination("submitted")
    response = act(login(member), nomination, "approve")
    assert response.status_code == 200
    assert "không thể thực hiện" in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.state == "submitted"


def test_session_recommends_the_ticked_nominations_each_with_its_own_tally(
    login, make_nomination, secretary, committee, votes
):
    first, second = make_nomination("submitted"), make_nomination("submitted")
    untouched = make_nomination("submitted")
    votes(first, "for", "for", "for", "for")
    votes(second, "for", "for", "against")
    response = login(secretary).post(
        reverse("committee_session_recommend", args=[committee.pk]),
        {"ids": [first.pk, second.pk], "confirmed": "True", "comment": "Phiên họp 12/2026"},
    )
    assert response.status_code == 302
    states = dict(Nomination.objects.values_list("pk", "state"))
    assert states == {first.pk: "recommended", second.pk: "recommended", untouched.pk: "submitted"}
    tallies = dict(Nomination.objects.values_list("pk", "votes_for"))
    assert (tallies[first.pk], tallies[second.pk]) == (4, 2)


def test_session_recommend_below_the_share_changes_nothing(
    login, make_nomination, secretary, committee, votes
):
    first, second = make_nomination("submitted"), make_nomination("submitted")
    votes(first, "for", "for", "for")
    votes(second, "for", "against", "against")  # 1 of 3: not more than half
    response = login(secretary).post(
        reverse("committee_session_recommend", args=[committee.pk]),
        {"ids": [first.pk, second.pk], "confirmed": "True"},
        follow=True,
    )
    body = response.content.decode()
    assert "Chưa đạt tỷ lệ" in body and second.nominee_name in body
    assert set(Nomination.objects.values_list("state", flat=True)) == {"submitted"}


def test_secretary_forwards_by_authority(login, make_nomination, secretary, ministry_award):
    giay_khen = make_nomination("recommended")
    bang_khen = make_nomination("recommended", award_type=ministry_award)
    client = login(secretary)
    ids = {"ids": [giay_khen.pk, bang_khen.pk], "comment": "Kính trình"}
    confirm = client.post(reverse("forward_bulk"), ids)
    # the first click names what will happen and changes nothing (issue #27 §4)
    assert confirm.status_code == 200
    body = confirm.content.decode()
    assert "1 hồ sơ Bằng khen được trình Bộ Công an, 1 hồ sơ Giấy khen" in body
    assert giay_khen.nominee_name in body and 'name="confirmed" value="True"' in body
    assert set(Nomination.objects.values_list("state", flat=True)) == {"recommended"}
    response = client.post(reverse("forward_bulk"), {**ids, "confirmed": "True"})
    assert response.status_code == 302
    giay_khen.refresh_from_db()
    bang_khen.refresh_from_db()
    assert giay_khen.state == "awaiting_director"
    assert bang_khen.state == "awaiting_ministry"


def test_director_creates_then_issues_decision(login, make_nomination, director):
    nominations = [make_nomination("awaiting") for _ in range(2)]
    client = login(director)
    response = client.post(
        reverse("director_queue"),
        {
            "ids": [n.pk for n in nominations],
            "number": "15/QĐ-CAT-PV05",
            "date": "20/12/2026",
            "signer_name": "Rah Lan Chung",
            "signer_title": "Giám đốc",
        },
    )
    decision = Decision.objects.get()
    assert response.status_code == 302 and response.url == decision.get_absolute_url()
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "15/QĐ-CAT-PV05" in page and nominations[0].nominee_name in page
    assert "GIÁM ĐỐC CÔNG AN TỈNH GIA LAI" in page  # the header the Word document prints
    client.post(reverse("decision_issue", args=[decision.pk]), {"confirmed": "True"})
    decision.refresh_from_db()
    assert decision.state == "issued"
    assert set(Nomination.objects.values_list("state", flat=True)) == {"approved"}


def test_director_decision_form_keeps_input_on_bad_number(login, make_nomination, director):
    nomination = make_nomination("awaiting")
    response = login(director).post(
        reverse("director_queue"),
        {
            "ids": [nomination.pk],
            "number": "không hợp lệ",
            "date": "20/12/2026",
            "signer_name": "Rah Lan Chung",
            "signer_title": "Giám đốc",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Số quyết định phải có dạng" in body
    assert 'value="Rah Lan Chung"' in body
    assert "checked" in body
    assert not Decision.objects.exists()


def test_director_declines_with_reason(login, make_nomination, director):
    nomination = make_nomination("awaiting")
    act(login(director), nomination, "decline", comment="Trùng thành tích đã khen")
    nomination.refresh_from_db()
    assert nomination.state == "declined"


def test_ministry_records_decision_with_scan(login, make_nomination, ministry, ministry_award):
    nomination = make_nomination("awaiting", award_type=ministry_award)
    response = login(ministry).post(
        reverse("ministry_queue"),
        {
            "ids": [nomination.pk],
            "number": "1234/QĐ-BCA",
            "date": "10/12/2026",
            "signer_name": "Lương Tam Quang",
            "signer_title": "Bộ trưởng",
            "scan": SimpleUploadedFile("qd.pdf", b"%PDF-1.4\n%%EOF\n"),
        },
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.state == "approved"
    assert nomination.decision.scan.name.endswith(".pdf")


def test_ministry_scan_must_be_pdf(login, make_nomination, ministry, ministry_award):
    nomination = make_nomination("awaiting", award_type=ministry_award)
    response = login(ministry).post(
        reverse("ministry_queue"),
        {
            "ids": [nomination.pk],
            "number": "1234/QĐ-BCA",
            "date": "10/12/2026",
            "signer_name": "Lương Tam Quang",
            "signer_title": "Bộ trưởng",
            "scan": SimpleUploadedFile("qd.png", b"\x89PNG\r\n\x1a\nxxxx"),
        },
    )
    assert response.status_code == 400
    assert "PDF" in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.state == "awaiting_ministry"
