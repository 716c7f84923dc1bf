"""Issue #28, item 4: a JSON body nested 100,000 levels deep raised RecursionError in DRF's parser
(it handles only ValueError) and answered 500 with a traceback in the log — also on the anonymous
token endpoint. Now it is a 400 in the API's envelope (`commendations.api.parsers`)."""

import pytest
from rest_framework.test import APIClient

from tests.factories import make_user

pytestmark = pytest.mark.django_db

DEPTH = 100_000
DEEP_ARRAY = "[" * DEPTH + "]" * DEPTH
DEEP_OBJECT = '{"a":' * DEPTH + "1" + "}" * DEPTH


def _assert_parse_error(response) -> None:
    assert response.status_code == 400, (response.status_code, response.content[:200])
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == "parse_error", body


@pytest.mark.parametrize("body", [DEEP_ARRAY, DEEP_OBJECT], ids=["array", "object"])
def test_deep_json_to_the_anonymous_token_endpoint_is_a_400(body: str) -> None:
    response = APIClient().post("/api/v1/auth/token/", body, content_type="application/json")
    _assert_parse_error(response)


@pytest.mark.parametrize("body", [DEEP_ARRAY, DEEP_OBJECT], ids=["array", "object"])
def test_deep_json_to_create_a_nomination_is_a_400(body: str) -> None:
    client = APIClient()
    client.force_authenticate(make_user("unit_officer"))
    response = client.post("/api/v1/nominations/", body, content_type="application/json")
    _assert_parse_error(response)
