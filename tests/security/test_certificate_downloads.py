"""The API let the committee, the Director and the Ministry download
certificate files that the web page refuses them. One rule now decides for both doors
(`certificates.selectors.certificate_files_visible_to`): the clerk's (manage_certificates), of
the decisions they see. The access matrix (tests/test_access_matrix.py) holds it for every role."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from rest_framework.test import APIClient

from commendations.certificates.models import Certificate
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(media, campaign, district, officer, member, secretary, director, director_award):  # noqa: F811
    nominations = awaiting(
        campaign, district, officer, member, secretary, [(director_award, "individual", "A", {})]
    )
    issue(draft(director, nominations), director)
    certificate = Certificate.objects.get(nomination=nominations[0])
    certificate.file.save("cert.docx", ContentFile(b"PK-certificate"))
    return certificate


@pytest.mark.parametrize("role", ["member", "secretary", "director", "ministry", "officer"])
def test_only_the_clerk_downloads_a_certificate_by_web_or_api(request, certificate, role, clerk):
    user = request.getfixturevalue(role)
    api = APIClient()
    api.force_authenticate(user)
    api_url = reverse("api-certificate-download", args=[certificate.pk])
    web_url = reverse("certificate_download", args=[certificate.pk])
    assert api.get(api_url).status_code in (403, 404), role
    web = APIClient()
    web.force_login(user)
    assert web.get(web_url).status_code in (403, 404), role

    clerk_api = APIClient()
    clerk_api.force_authenticate(clerk)
    response = clerk_api.get(api_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"PK-certificate"
