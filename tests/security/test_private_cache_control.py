"""Issue #28, attack 6: private downloads (certificate PDF/DOCX, decision PDF, annex, statistics
and list exports, the dossier ZIP) and the API's JSON carried no Cache-Control: a shared proxy
or the browser's disk cache could keep them. Everything answered to a signed-in user now says
`private, no-store` (config.middleware.PrivateCacheControlMiddleware)."""

import pytest
from django.utils.cache import get_max_age

from tests.certificate_fixtures import media  # noqa: F401
from tests.factories import NominationFactory
from tests.security.test_public_verify_upload import sealed_certificate  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def private(response) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives and "public" not in directives


def test_a_certificates_pdf_download_is_private(client, clerk, sealed_certificate):  # noqa: F811
    certificate, _content = sealed_certificate
    client.force_login(clerk)
    response = client.get(f"/certificates/{certificate.pk}/pdf/")
    assert response.status_code == 200
    assert private(response), response.get("Cache-Control")


def test_an_excel_export_is_private(client, officer, campaign, district, director_award):
    NominationFactory(campaign=campaign, unit=district, award_type=director_award)
    client.force_login(officer)
    response = client.get("/excel/nominations.xlsx", {"campaign": campaign.pk})
    assert response.status_code == 200
    assert private(response), response.get("Cache-Control")


def test_the_apis_json_is_private_with_a_token(as_user, officer):
    response = as_user(officer).get("/api/v1/nominations/")
    assert response.status_code == 200
    assert private(response), response.get("Cache-Control")
    assert get_max_age(response) == 0


def test_a_refused_api_call_with_a_token_is_private_too(client):
    response = client.get("/api/v1/nominations/", HTTP_AUTHORIZATION="Token not-a-token")
    assert response.status_code in (401, 403)
    assert private(response)


def test_public_answers_keep_their_own_headers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "private" not in response.get("Cache-Control", "")
