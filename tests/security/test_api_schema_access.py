"""The OpenAPI schema and its Swagger/Redoc pages describe every operation of
the API; they are for signed-in users (open to all only in DEBUG, on a developer's machine)."""

import pytest

pytestmark = pytest.mark.django_db

SCHEMA = "/api/v1/schema/"
PAGES = ("/api/v1/schema/swagger/", "/api/v1/schema/redoc/")


def test_anonymous_visitor_gets_no_schema(client, settings):
    settings.DEBUG = False
    assert client.get(SCHEMA).status_code in (401, 403)
    for page in PAGES:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"].startswith("/login/?next=")


def test_signed_in_user_reads_the_schema_and_its_pages(client, settings, officer):
    settings.DEBUG = False
    client.force_login(officer)
    assert client.get(SCHEMA).status_code == 200
    for page in PAGES:
        assert client.get(page).status_code == 200, page


def test_token_client_reads_the_schema(client, settings, officer):
    settings.DEBUG = False
    token = client.post(
        "/api/v1/auth/token/",
        {"username": "officer", "password": "matkhau-thu-nghiem"},
        content_type="application/json",
    ).json()["token"]
    assert client.get(SCHEMA, HTTP_AUTHORIZATION=f"Token {token}").status_code == 200


def test_debug_keeps_the_schema_open(client, settings):
    settings.DEBUG = True
    assert client.get(SCHEMA).status_code == 200
    for page in PAGES:
        assert client.get(page).status_code == 200, page
