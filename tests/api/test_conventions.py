"""The API's conventions an integrator relies on: bearer tokens with 401 + WWW-Authenticate,
and JSON in the one error envelope for everything under /api/, whatever went wrong."""

import json

import pytest
from rest_framework.test import APIClient

from commendations.tokens.services import api_token_issue

pytestmark = pytest.mark.django_db


def envelope(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert set(body) <= {"code", "detail", "fields"} and {"code", "detail"} <= set(body), body
    if code is not None:
        assert body["code"] == code, body
    return body


@pytest.mark.parametrize("keyword", ["Bearer", "Token", "bearer"])
def test_bearer_and_token_keywords_are_both_accepted(officer, keyword):
    _token, key = api_token_issue(user=officer)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"{keyword} {key}")
    assert client.get("/api/v1/units/").status_code == 200


def test_missing_credentials_answer_401_with_www_authenticate():
    response = APIClient().get("/api/v1/nominations/")
    envelope(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_wrong_token_answers_401_with_www_authenticate(officer):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    response = client.get("/api/v1/nominations/")
    envelope(response, 401, "not_authenticated")
    assert 'error="invalid_token"' in response["WWW-Authenticate"]


def test_signed_in_browser_still_uses_its_session(client, officer):
    client.force_login(officer)
    assert client.get("/api/v1/units/").status_code == 200


def test_schema_declares_an_http_bearer_scheme_and_the_token_lockout(client, officer):
    client.force_login(officer)
    schema = client.get("/api/v1/schema/?format=json").json()
    schemes = schema["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"}.items() <= schemes["tokenAuth"].items()
    token_op = schema["paths"]["/api/v1/auth/token/"]["post"]
    locked = token_op["responses"]["429"]["content"]["application/json"]["schema"]
    assert locked == {"$ref": "#/components/schemas/Error"}


# --- JSON everywhere under /api/ ---------------------------------------------------------


@pytest.fixture
def api(officer) -> APIClient:
    _token, key = api_token_issue(user=officer)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def test_non_integer_id_is_a_json_404(api):
    envelope(api.get("/api/v1/nominations/abc/"), 404, "not_found")


def test_unknown_path_is_a_json_404(api):
    envelope(api.get("/api/v1/no-such-thing/"), 404, "not_found")
    envelope(APIClient().get("/api/v1/no-such-thing/"), 404, "not_found")


def test_missing_trailing_slash_is_a_json_404_naming_the_right_path(api):
    body = envelope(api.get("/api/v1/nominations"), 404, "not_found")
    assert "/api/v1/nominations/" in body["detail"]


def test_method_not_allowed_is_json(api):
    envelope(api.delete("/api/v1/units/"), 405, "method_not_allowed")


def test_too_many_form_fields_is_a_json_400(api, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    data = "&".join(f"f{i}=x" for i in range(20))
    response = api.post(
        "/api/v1/nominations/", data, content_type="application/x-www-form-urlencoded"
    )
    envelope(response, 400, "too_many_fields")


def test_deeply_nested_json_is_a_json_400(api):
    depth = 10_000
    body = "[" * depth + "]" * depth
    response = api.post("/api/v1/nominations/", body, content_type="application/json")
    envelope(response, 400, "parse_error")


def test_malformed_json_is_a_json_400(api):
    response = api.post("/api/v1/nominations/", "{", content_type="application/json")
    envelope(response, 400, "parse_error")
    json.dumps(response.json())
