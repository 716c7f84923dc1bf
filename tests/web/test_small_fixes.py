"""Small things a first-time user noticed: designed error pages in development, the login's
focus after a wrong password, the logout message, no leading comma without a rank, the
Ministry's example number, named .docx links, and the next step after a recommendation."""

import pytest
from django.test import override_settings
from django.urls import reverse

from commendations.nominations.models import Nomination
from commendations.web.decisions.forms import MinistryDecisionForm

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True, DEBUG_ERROR_PAGES=False)
def test_designed_404_in_development(client, officer):
    client.force_login(officer)
    response = client.get("/khong-co-trang-nay/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in body
    assert "URLconf" not in body  # not Django's debug page listing every URL


@override_settings(DEBUG=True, DEBUG_ERROR_PAGES=True)
def test_the_debug_page_when_a_developer_asks(client, officer):
    client.force_login(officer)
    assert "URLconf" in client.get("/khong-co-trang-nay/").content.decode()


def test_wrong_password_focuses_the_password(client, officer):
    response = client.post(reverse("login"), {"username": "officer", "password": "sai"})
    body = response.content.decode()
    password_input = body.split('id="id_password"', 1)[1].split(">", 1)[0]
    username_input = body.split('id="id_username"', 1)[1].split(">", 1)[0]
    assert "autofocus" in password_input and "autofocus" not in username_input
    assert 'aria-invalid="true"' in password_input


def test_logout_says_so(client, officer):
    client.force_login(officer)
    response = client.post(reverse("logout"), follow=True)
    assert "đã đăng xuất" in response.content.decode()


def test_no_leading_comma_without_rank(login, make_nomination, officer):
    nomination = make_nomination(
        "draft", nominee_kind="individual", rank="", position="Trưởng thôn"
    )
    body = login(officer).get(nomination.get_absolute_url()).content.decode()
    assert ", Trưởng thôn" not in body and "Trưởng thôn" in body


def test_ministry_form_shows_a_ministry_number():
    assert "BCA" in str(MinistryDecisionForm(choices=[]).fields["number"].help_text)


def test_after_recommending_the_next_step_is_forwarding(
    login, make_nomination, secretary, committee, votes
):
    nomination = make_nomination("submitted")
    votes(nomination, "for", "for", "for", "for")
    client = login(secretary)
    response = client.post(
        reverse("committee_session_recommend", args=[committee.pk]),
        {"ids": [nomination.pk]},
        follow=True,
    )
    assert Nomination.objects.get(pk=nomination.pk).state == "recommended"
    body = response.content.decode()
    assert "Tiếp theo: Trình cấp trên" in body and reverse("forward_queue") in body
