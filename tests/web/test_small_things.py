"""The small ones of issue #27 §9-§10: the next step keeps the decision you came from, the
language choice outlives the browser session, your own name is not a link to the API keys."""

import pytest
from django.urls import reverse

from commendations.certificates.models import Certificate
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def test_the_next_step_to_the_ceremony_ticks_the_decision(
    login, campaign, district, officer, member, secretary, director, director_award, clerk
):
    specs = [(director_award, "collective", "Công an xã Ia Sao", {})]
    nominations = awaiting(campaign, district, officer, member, secretary, specs)
    decision = issue(draft(director, nominations), director)
    Certificate.objects.filter(decision=decision).update(state="rendered")
    client = login(clerk)
    body = client.get(decision.get_absolute_url()).content.decode()
    link = reverse("ceremony_list") + f"?decision={decision.pk}"
    assert link in body
    form = client.get(link).context["form"]
    assert form["decisions"].value() == [decision.pk] or form["decisions"].value() == [
        str(decision.pk)
    ]


def test_the_language_choice_is_kept_after_the_browser_closes(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    cookie = response.cookies["django_language"]
    assert cookie.value == "en" and int(cookie["max-age"]) >= 365 * 24 * 3600


def test_your_own_name_is_not_a_link_to_the_api_keys(login, officer):
    officer.first_name, officer.last_name = "Nguyễn Văn", "Hải"
    officer.save()
    body = login(officer).get(reverse("home")).content.decode()
    api = reverse("api_tokens")
    assert "Nguyễn Văn Hải</a>" not in body
    assert api in body  # still reachable, under its own name
    assert "Khóa API" in body
