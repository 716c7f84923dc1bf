"""The public verification page looks official (issue #27 §5): the site's stylesheet, a header,
a language switch, the page's language in its lang attribute, a print layout, and a bad token
answered by the same page (not the internal 404 that speaks of "anh/chị" and "Việc cần làm")."""

import pytest
from django.core.cache import cache

from commendations.certificates.models import Certificate
from commendations.certificates.public_verification import verification_path
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


@pytest.fixture(autouse=True)
def no_rate_limit():
    cache.clear()


@pytest.fixture
def certificate(campaign, district, officer, member, secretary, director, director_award):
    specs = [(director_award, "collective", "Công an xã Ia Sao", {})]
    nominations = awaiting(campaign, district, officer, member, secretary, specs)
    decision = issue(draft(director, nominations), director)
    Certificate.objects.filter(decision=decision).update(state="rendered")
    return Certificate.objects.get(decision=decision)


def test_the_page_has_the_sites_look_a_header_and_a_language_switch(client, certificate):
    body = client.get(verification_path(certificate)).content.decode()
    assert 'href="/static/commendations/vendor/bootstrap.min.css"' in body
    assert "commendations/app.css" in body and "verify-header" in body
    assert 'name="language"' in body and '<html lang="vi">' in body
    assert "Công an xã Ia Sao" in body


def test_in_english_the_page_says_so(client, certificate):
    client.cookies["django_language"] = "en"
    body = client.get(verification_path(certificate)).content.decode()
    assert '<html lang="en">' in body
    assert "Certificate verification" in body or "Verify" in body


@pytest.mark.parametrize("debug", [False, True])
def test_a_bad_token_gets_the_public_page_not_the_internal_404(client, settings, debug):
    settings.DEBUG = debug
    response = client.get("/xac-minh/not-a-real-token/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "verify-header" in body and "Mã xác minh không hợp lệ" in body
    assert "Việc cần làm" not in body and "anh/chị" not in body
