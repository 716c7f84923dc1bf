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


# --- keeping in step: page_size, ordering, updated_since -----------------------------------


@pytest.fixture
def three_drafts(campaign, district, director_award, officer):
    from tests.factories import NominationFactory

    return [
        NominationFactory(
            campaign=campaign, unit=district, award_type=director_award, created_by=officer
        )
        for _ in range(3)
    ]


def test_page_size_is_honoured_and_bounded(api, three_drafts, settings):
    body = api.get("/api/v1/nominations/", {"page_size": 2}).json()
    assert body["count"] == 3 and len(body["results"]) == 2 and body["next"]
    settings.API_MAX_PAGE_SIZE = 1
    assert len(api.get("/api/v1/nominations/", {"page_size": 50}).json()["results"]) == 1


def test_ordering_by_id_both_ways(api, three_drafts):
    ids = sorted(n.pk for n in three_drafts)
    up = [r["id"] for r in api.get("/api/v1/nominations/", {"ordering": "id"}).json()["results"]]
    down = api.get("/api/v1/nominations/", {"ordering": "-id"}).json()["results"]
    assert up == ids and [r["id"] for r in down] == ids[::-1]


def test_updated_since_returns_only_what_changed(api, three_drafts):
    import datetime

    from django.utils import timezone

    from commendations.nominations.models import Nomination

    old = timezone.now() - datetime.timedelta(days=2)
    Nomination.objects.filter(pk__in=[n.pk for n in three_drafts[:2]]).update(updated_at=old)
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    rows = api.get("/api/v1/nominations/", {"updated_since": since}).json()["results"]
    assert [r["id"] for r in rows] == [three_drafts[2].pk]
    envelope(api.get("/api/v1/nominations/", {"updated_since": "hier"}), 400, "validation_error")


def test_listing_parameters_are_declared_in_the_schema(client, officer):
    client.force_login(officer)
    schema = client.get("/api/v1/schema/?format=json").json()
    names = {p["name"] for p in schema["paths"]["/api/v1/nominations/"]["get"]["parameters"]}
    assert {"page", "page_size", "ordering", "updated_since"} <= names


# --- ETag / If-Match, Idempotency-Key, RateLimit-* ---------------------------------------


def test_a_stale_if_match_is_refused_with_412_and_a_fresh_one_applies(api, own_draft):
    url = f"/api/v1/nominations/{own_draft.pk}/"
    read = api.get(url)
    etag = read["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    changed = api.patch(
        url, {"achievement_summary": "Thành tích mới."}, format="json", HTTP_IF_MATCH=etag
    )
    assert changed.status_code == 200, changed.content
    assert changed["ETag"] != etag
    stale = api.patch(
        url, {"achievement_summary": "Thành tích khác."}, format="json", HTTP_IF_MATCH=etag
    )
    envelope(stale, 412, "precondition_failed")
    own_draft.refresh_from_db()
    assert own_draft.achievement_summary == "Thành tích mới."
    assert api.get(url)["ETag"] == changed["ETag"]


def test_a_repeated_idempotency_key_replays_the_first_answer(as_user, secretary, member, campaign):
    from commendations.committee.models import CommitteeSession

    api = as_user(secretary)
    payload = {
        "campaign": campaign.pk,
        "held_on": "2026-12-10",
        "title": "Phiên họp",
        "members": [member.pk, secretary.pk],
    }
    first = api.post("/api/v1/committee-sessions/", payload, format="json",
                     HTTP_IDEMPOTENCY_KEY="k-1")  # fmt: skip
    again = api.post("/api/v1/committee-sessions/", payload, format="json",
                     HTTP_IDEMPOTENCY_KEY="k-1")  # fmt: skip
    assert first.status_code == again.status_code == 201, (first.content, again.content)
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert CommitteeSession.objects.count() == 1
    other = api.post("/api/v1/committee-sessions/", {**payload, "title": "Khác"}, format="json",
                     HTTP_IDEMPOTENCY_KEY="k-1")  # fmt: skip
    envelope(other, 422, "idempotency_key_reused")
    assert api.post("/api/v1/committee-sessions/", payload, format="json").status_code == 201
    assert CommitteeSession.objects.count() == 2  # without a key, a second session


def test_idempotency_keys_are_per_user(as_user, officer, other_officer, own_draft):
    response = as_user(other_officer).post(
        f"/api/v1/nominations/{own_draft.pk}/transitions/submit/", {}, format="json",
        HTTP_IDEMPOTENCY_KEY="same",
    )  # fmt: skip
    assert response.status_code == 404  # not replayed to another user, nor stored
    mine = as_user(officer).post(
        f"/api/v1/nominations/{own_draft.pk}/transitions/submit/", {}, format="json",
        HTTP_IDEMPOTENCY_KEY="same",
    )  # fmt: skip
    assert mine.status_code == 200 and mine.json()["state"] == "submitted"


def test_rate_limit_headers_and_429_with_retry_after(api, settings):
    from django.core.cache import cache

    cache.clear()
    settings.API_RATE_LIMIT = "3/minute"
    remaining = []
    for _ in range(3):
        response = api.get("/api/v1/units/")
        assert response.status_code == 200
        assert response["RateLimit-Limit"] == "3"
        remaining.append(int(response["RateLimit-Remaining"]))
        assert 0 < int(response["RateLimit-Reset"]) <= 60
    assert remaining == [2, 1, 0]
    refused = api.get("/api/v1/units/")
    envelope(refused, 429, "throttled")
    assert int(refused["Retry-After"]) > 0
    # one language, ours (DRF's sentence ended "Expected available in N seconds.")
    seconds = refused["Retry-After"]
    assert refused.json()["detail"] == f"Quá nhiều yêu cầu. Hãy thử lại sau {seconds} giây."
    english = api.get("/api/v1/units/", HTTP_ACCEPT_LANGUAGE="en").json()["detail"]
    assert english.startswith("Too many requests") and "giây" not in english
    cache.clear()


# --- the language of the messages --------------------------------------------------------


def test_messages_are_vietnamese_by_default_and_english_on_request(api):
    required = api.post("/api/v1/nominations/", {}, format="json").json()
    assert required["fields"]["campaign"] == ["Trường này là bắt buộc."]
    too_long = api.post("/api/v1/nominations/", {"nominee_name": "x" * 1000}, format="json")
    assert "Trường này có tối đa" in str(too_long.json()["fields"]["nominee_name"])
    english = api.post("/api/v1/nominations/", {}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["fields"]["campaign"] == ["This field is required."]
    assert APIClient().get("/api/v1/me/").json()["detail"].startswith("Chưa gửi thông tin")
