"""Who may open which page: allowed, refused (403) and invisible (404) by role and unit."""

import pytest
from django.urls import reverse

from tests.factories import NominationFactory

pytestmark = pytest.mark.django_db


def test_officer_opens_own_units_nomination(login, make_nomination, officer):
    nomination = make_nomination("draft")
    response = login(officer).get(nomination.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert nomination.nominee_name in body
    assert "eligibility-report" in body  # the rule set's conditions, shown to the officer too


def test_officer_gets_404_for_another_units_nomination(
    login, campaign, other_district, other_officer, officer
):
    foreign = NominationFactory(campaign=campaign, unit=other_district, created_by=other_officer)
    client = login(officer)
    assert client.get(foreign.get_absolute_url()).status_code == 404
    assert client.get(reverse("nomination_edit", args=[foreign.pk])).status_code == 404
    response = client.post(
        reverse("nomination_transition", args=[foreign.pk, "submit"]),
        {"expected_state": "draft"},
    )
    assert response.status_code == 404


def test_committee_does_not_see_unit_drafts(login, make_nomination, member):
    draft = make_nomination("draft")
    assert login(member).get(draft.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("fixture", "url_name", "status"),
    [
        ("officer", "nomination_list", 200),
        ("officer", "nomination_create", 200),
        ("officer", "review_queue", 403),
        ("officer", "director_queue", 403),
        ("member", "review_queue", 200),
        ("member", "nomination_create", 403),
        ("member", "forward_queue", 403),
        ("member", "director_queue", 403),
        ("secretary", "forward_queue", 200),
        ("secretary", "review_queue", 200),
        ("director", "director_queue", 200),
        ("director", "ministry_queue", 403),
        ("director", "review_queue", 403),
        ("ministry", "ministry_queue", 200),
        ("ministry", "director_queue", 403),
        ("clerk", "decision_list", 200),
        ("clerk", "review_queue", 403),
    ],
)
def test_role_pages(request, login, fixture, url_name, status):
    user = request.getfixturevalue(fixture)
    response = login(user).get(reverse(url_name))
    assert response.status_code == status
    if status == 403:
        assert "Không có quyền truy cập" in response.content.decode()


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_home_counts_what_needs_the_user(login, make_nomination, officer, member):
    make_nomination("submitted")
    make_nomination("submitted")
    make_nomination("returned")
    body = login(member).get(reverse("home")).content.decode()
    assert 'data-queue="review"' in body
    review_card = body.split('data-queue="review"', 1)[1]
    assert ">2<" in review_card.split("</a>", 1)[0]
    body = login(officer).get(reverse("home")).content.decode()
    returned_card = body.split('data-queue="returned"', 1)[1].split("</a>", 1)[0]
    assert ">1<" in returned_card


def test_committee_member_sees_no_approve_or_forward_button(login, make_nomination, member):
    nomination = make_nomination("recommended")
    body = login(member).get(nomination.get_absolute_url()).content.decode()
    assert 'data-action="forward"' not in body
    assert 'data-action="approve"' not in body
    submitted = make_nomination("submitted")
    body = login(member).get(submitted.get_absolute_url()).content.decode()
    for name in ("return_for_changes", "reject"):
        assert f'data-action="{name}"' in body
    # The recommendation is recorded from a committee session, with no typed tally here.
    assert 'data-action="recommend"' not in body and 'name="votes_for"' not in body
    assert "recommend-in-session" in body
    assert 'data-action="submit"' not in body


def test_designed_404_page(login, officer):
    response = login(officer).get("/no-such-page/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_english_is_switchable(client, officer):
    client.force_login(officer)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("home")).content.decode()
    assert "Sign out" in body
    assert "Đăng xuất" not in body


def test_director_home_counts_draft_decisions(login, make_nomination, director):
    import datetime

    from commendations.decisions.services import decision_create

    nomination = make_nomination("awaiting")
    decision_create(
        actor=director,
        authority="PROVINCIAL_DIRECTOR",
        number="30/QĐ-CAT-PV05",
        date=datetime.date(2026, 12, 20),
        signer_name="A",
        signer_title="Giám đốc",
        nomination_ids=[nomination.pk],
    )
    body = login(director).get(reverse("home")).content.decode()
    card = body.split('data-queue="draft_decisions"', 1)[1].split("</a>", 1)[0]
    assert ">1<" in card
    director_card = body.split('data-queue="director"', 1)[1].split("</a>", 1)[0]
    assert ">1<" in director_card  # still awaiting until the decision is issued


def test_designed_500_page_needs_no_context(rf):
    from commendations.web.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Hệ thống gặp sự cố" in response.content.decode()


def test_designed_403_page_explains(login, member):
    response = login(member).get(reverse("nomination_create"))
    assert response.status_code == 403
    assert "Về trang Việc cần làm" in response.content.decode()
