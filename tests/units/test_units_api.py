"""GET /api/v1/units/?on=… is the tree in force that day; /units/{id}/lineage/ the chain."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import make_user
from tests.units.conftest import AFTER, BEFORE

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(reorganised):
    client = APIClient()
    client.force_authenticate(make_user(None, reorganised["province"], username="reader"))
    return client


def _rows(response):
    body = response.json()
    return body["results"] if isinstance(body, dict) and "results" in body else body


def test_the_tree_on_a_date(api, reorganised):
    before = {r["code"]: r for r in _rows(api.get("/api/v1/units/", {"on": BEFORE.isoformat()}))}
    assert before["CA-IALY"]["name"] == "Công an thị trấn Ia Ly"
    assert before["CA-IALY"]["parent"] == reorganised["district"].pk
    assert "CA-XA-CHUPAH" not in before
    today = {r["code"]: r for r in _rows(api.get("/api/v1/units/"))}
    assert set(today) == {"CAT-GL", "CA-IALY", "CA-XA-CHUPAH"}
    ia_ly = today["CA-IALY"]
    assert (ia_ly["id"], ia_ly["name"], ia_ly["parent"]) == (
        reorganised["ia_ly"].pk,
        "Công an xã Ia Ly",
        reorganised["province"].pk,
    )
    assert ia_ly["valid_from"] == "2025-07-01" and ia_ly["valid_to"] is None
    one = api.get(f"/api/v1/units/{reorganised['ia_ly'].pk}/", {"on": AFTER.isoformat()})
    assert one.json()["name"] == "Công an xã Ia Ly"
    assert api.get("/api/v1/units/", {"on": "31/02/2025"}).status_code == 400


def test_the_lineage(api, reorganised):
    body = api.get(f"/api/v1/units/{reorganised['new'].pk}/lineage/").json()
    assert [p["code"] for p in body["predecessors"]] == ["CA-PHUHOA", "CA-HOAPHU", "CA-CHUPAH"]
    assert body["predecessors"][0]["event"]["kind"] == "merge"
    assert body["predecessors"][0]["event"]["document_number"] == "1664/NQ-UBTVQH15"
    assert body["predecessors"][2]["event"]["date"] == "2025-03-01"
    assert body["successors"] == []


def test_the_endpoints_are_in_the_schema(api):
    schema = api.get(reverse("api-schema"), {"format": "json"}).json()
    assert "/api/v1/units/{id}/lineage/" in schema["paths"]
    params = [p["name"] for p in schema["paths"]["/api/v1/units/"]["get"]["parameters"]]
    assert "on" in params
