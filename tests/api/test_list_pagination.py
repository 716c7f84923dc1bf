"""Every list answers the same envelope `{count, next, previous, results}` with `page` and
`page_size`: the top-level collections and the sub-collections of one object (a nomination's
history, a decision's certificates, a person's honours) alike; none answers a bare array."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from commendations.notifications.models import Notification, NotificationKind
from commendations.units.models import Person
from tests.factories import DecisionFactory

pytestmark = pytest.mark.django_db
ENVELOPE = {"count", "next", "previous", "results"}


@pytest.fixture(scope="module")
def schema(django_db_blocker) -> dict:
    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def resolve(schema: dict, ref_or_schema: dict) -> dict:
    ref = ref_or_schema.get("$ref")
    return schema["components"]["schemas"][ref.rsplit("/", 1)[1]] if ref else ref_or_schema


def test_every_list_in_the_schema_is_paginated(schema):
    """A GET whose answer is a list of things answers a page of them; the POSTs that answer
    the rows they changed (marking certificates, recommending) are results, not lists."""
    lists, bare = [], []
    for path, item in schema["paths"].items():
        operation = item.get("get")
        if operation is None:
            continue
        for code, response in operation["responses"].items():
            if not code.startswith("2"):
                continue
            for media, body in response.get("content", {}).items():
                if media != "application/json":
                    continue
                shape = resolve(schema, body["schema"])
                if shape.get("type") == "array":
                    bare.append(path)
                elif "results" in shape.get("properties", {}):
                    lists.append(path)
                    assert set(shape["properties"]) >= ENVELOPE, path
                    assert shape["properties"]["results"]["type"] == "array", path
                    names = {p["name"] for p in operation.get("parameters", [])}
                    assert {"page", "page_size"} <= names, path
    assert bare == [], f"lists answering a bare array: {bare}"
    for path in (
        "/api/v1/auth/tokens/",
        "/api/v1/notifications/",
        "/api/v1/nominations/{id}/history/",
        "/api/v1/nominations/{id}/transitions/",
        "/api/v1/decisions/{id}/certificates/",
        "/api/v1/people/{id}/honours/",
        "/api/v1/people/{id}/initiatives/",
        "/api/v1/people/{id}/service-records/",
        "/api/v1/units/{id}/honours/",
    ):
        assert path in lists, path


def test_a_sub_collection_declares_no_filter_it_ignores(schema):
    """Its order is its own: no `ordering` or `updated_since` declared that would do nothing."""
    for path in ("/api/v1/nominations/{id}/history/", "/api/v1/decisions/{id}/certificates/"):
        names = {p["name"] for p in schema["paths"][path]["get"]["parameters"]}
        assert not names & {"ordering", "updated_since"}, path


def test_the_posts_on_a_persons_history_answer_the_one_row_they_created(schema):
    operation = schema["paths"]["/api/v1/people/{id}/honours/"]["post"]
    assert "201" in operation["responses"] and "200" not in operation["responses"]
    get = schema["paths"]["/api/v1/people/{id}/honours/"]["get"]
    assert "201" not in get["responses"]


def page(api, url: str, **params) -> dict:
    response = api.get(url, params)
    assert response.status_code == 200, response.content
    body = response.json()
    assert isinstance(body, dict) and set(body) == ENVELOPE, body
    return body


def test_the_former_bare_lists_answer_pages(as_user, officer, secretary, district, own_draft):
    for n in range(3):
        Notification.objects.create(
            recipient=officer, kind=NotificationKind.QUEUE, message=f"Hồ sơ {n}", url="/"
        )
    api = as_user(officer)
    first = page(api, "/api/v1/notifications/", page_size=2)
    assert first["count"] == 3 and len(first["results"]) == 2 and first["next"]
    assert [r["message"] for r in first["results"]] == ["Hồ sơ 2", "Hồ sơ 1"]
    oldest = page(api, "/api/v1/notifications/", ordering="created_at,id")
    assert oldest["results"][0]["message"] == "Hồ sơ 0"
    assert page(api, "/api/v1/auth/tokens/")["count"] == 1
    transitions = page(api, f"/api/v1/nominations/{own_draft.pk}/transitions/")
    assert {t["name"] for t in transitions["results"]} == {"submit", "withdraw"}
    assert page(api, f"/api/v1/nominations/{own_draft.pk}/history/")["count"] == 0

    person = Person.objects.create(code="P-1", full_name="Nguyễn Văn An", unit=district)
    office = as_user(secretary)
    for year in (2023, 2024, 2025):
        created = office.post(
            f"/api/v1/people/{person.pk}/honours/",
            {"year": year, "award_type": "CSTDCS"},
            format="json",
        )
        assert created.status_code == 201 and created.json()["year"] == year
    honours = page(office, f"/api/v1/people/{person.pk}/honours/", page_size=2, page=2)
    assert honours["count"] == 3 and [h["year"] for h in honours["results"]] == [2023]
    assert honours["previous"] and honours["next"] is None
    for sub in ("initiatives", "service-records"):
        assert page(office, f"/api/v1/people/{person.pk}/{sub}/")["count"] == 0
    assert page(office, f"/api/v1/units/{district.pk}/honours/")["count"] == 0
    decision = DecisionFactory()
    certificates = page(office, f"/api/v1/decisions/{decision.pk}/certificates/")
    assert certificates["results"] == []
