"""GET /api/v1/due/?year=YYYY: who is due, scoped like every list, with reasons and evidence."""

import pytest

from commendations.campaigns.models import AwardType
from commendations.units.models import HonourRecord, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def chains(district, other_district):
    cstdcs = AwardType.objects.get(code="CSTDCS")
    people = []
    for code, unit in (("D1", district), ("O1", other_district)):
        person = Person.objects.create(code=code, full_name=f"Cán bộ {code}", unit=unit)
        for year in (2024, 2025):
            HonourRecord.objects.create(
                person=person, year=year, award_type=cstdcs, reference=f"{year}/QĐ"
            )
        people.append(person)
    return people


def rows(response) -> list[dict]:
    assert response.status_code == 200, response.content
    body = response.json()
    return body["results"] if isinstance(body, dict) else body


def test_the_due_list_answers_the_documented_shape(as_user, member, chains):
    listed = rows(as_user(member).get("/api/v1/due/?year=2026"))
    assert len(listed) == 2
    entry = listed[0]
    assert entry["subject_kind"] == "individual"
    assert set(entry["person"]) == {"id", "name"} and entry["unit"] is None
    assert entry["award_type"]["code"] == "BK-BCA"
    assert entry["award_type"]["category"] == "commendation"
    assert "2 năm liên tục (2024, 2025)" in entry["reason"]
    assert entry["evidence"] == [
        {"year": 2024, "award_type": "Chiến sĩ thi đua cơ sở", "decision": "2024/QĐ"},
        {"year": 2025, "award_type": "Chiến sĩ thi đua cơ sở", "decision": "2025/QĐ"},
    ]
    assert rows(as_user(member).get("/api/v1/due/?year=2025")) == []


def test_a_unit_officer_sees_their_units_people_only(as_user, officer, chains):
    listed = rows(as_user(officer).get("/api/v1/due/?year=2026"))
    assert [e["person"]["id"] for e in listed] == [chains[0].pk]
    other = chains[1].unit_id
    assert rows(as_user(officer).get(f"/api/v1/due/?year=2026&unit={other}")) == []


def test_filters_and_export(as_user, member, chains):
    assert rows(as_user(member).get("/api/v1/due/?year=2026&award_type=CSTD-CAND")) == []
    assert len(rows(as_user(member).get("/api/v1/due/?year=2026&subject_kind=individual"))) == 2
    response = as_user(member).get("/api/v1/due/export/?year=2026")
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
