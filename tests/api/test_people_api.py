"""The people API: an HR system keeps people, service, past honours and initiatives in step."""

import pytest

from commendations.units.models import Person
from workflow.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_office_records_a_person_and_their_history_and_the_due_list_reads_it(
    as_user, secretary, district, other_district
):
    api = as_user(secretary)
    created = api.post(
        "/api/v1/people/",
        {"code": "HR-1", "full_name": "Trần Văn Nhân Sự", "unit": district.pk},
        format="json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    base = f"/api/v1/people/{pk}"
    first = api.post(
        f"{base}/service-records/",
        {"unit": district.pk, "rank": "Đại úy", "valid_from": "2018-01-01"},
        format="json",
    )
    assert first.status_code == 201, first.content
    moved = api.post(
        f"{base}/service-records/",
        {"unit": other_district.pk, "rank": "Thiếu tá", "valid_from": "2025-07-01"},
        format="json",
    )
    assert moved.status_code == 201, moved.content
    records = api.get(f"{base}/service-records/").json()["results"]
    assert [(r["valid_from"], r["valid_to"]) for r in records] == [
        ("2018-01-01", "2025-07-01"),
        ("2025-07-01", None),
    ]
    assert Person.objects.get(pk=pk).unit == other_district
    for year in (2023, 2024, 2025):
        honour = api.post(
            f"{base}/honours/",
            {"year": year, "award_type": "CSTDCS", "reference": f"{year}/QĐ-CAT"},
            format="json",
        )
        assert honour.status_code == 201, honour.content
    again = api.post(f"{base}/honours/", {"year": 2025, "award_type": "CSTDCS"}, format="json")
    assert again.status_code == 400
    initiative = api.post(
        f"{base}/initiatives/",
        {"title": "Ứng dụng tra cứu", "year": 2025, "level": "ministry", "decision_number": "9"},
        format="json",
    )
    assert initiative.status_code == 201, initiative.content
    assert [h["award_type_name"] for h in api.get(f"{base}/honours/").json()["results"]] == [
        "Chiến sĩ thi đua cơ sở"
    ] * 3
    due = api.get("/api/v1/due/?year=2026").json()
    due = due["results"] if isinstance(due, dict) else due
    cand = [e for e in due if e["award_type"]["code"] == "CSTD-CAND"]
    assert cand and cand[0]["complete"] and cand[0]["person"]["id"] == pk
    assert AuditEvent.objects.filter(kind="history_recorded").count() == 7


def test_a_unit_officer_records_for_their_units_only(as_user, officer, district, other_district):
    api = as_user(officer)
    ok = api.post("/api/v1/people/", {"code": "D-1", "full_name": "A", "unit": district.pk})
    assert ok.status_code == 201
    refused = api.post(
        "/api/v1/people/", {"code": "O-1", "full_name": "B", "unit": other_district.pk}
    )
    assert refused.status_code == 403
    other = Person.objects.create(code="O-2", full_name="C", unit=other_district)
    assert api.get(f"/api/v1/people/{other.pk}/honours/").status_code == 404
    assert [p["code"] for p in api.get("/api/v1/people/").json()["results"]] == ["D-1"]


def test_units_honours(as_user, secretary, officer, district, other_district):
    api = as_user(secretary)
    created = api.post(
        f"/api/v1/units/{district.pk}/honours/",
        {"year": 2025, "award_type": "DVQT", "reference": "5/QĐ"},
        format="json",
    )
    assert created.status_code == 201, created.content
    assert [
        h["award_type"] for h in api.get(f"/api/v1/units/{district.pk}/honours/").json()["results"]
    ] == ["DVQT"]
    officer_api = as_user(officer)
    refused = officer_api.post(
        f"/api/v1/units/{district.pk}/honours/", {"year": 2025, "award_type": "DVQT"}
    )
    assert refused.status_code == 403
