"""The office's year through the API alone: the history backfilled through the people API, the
registrations at the start of each year (a setting makes them a precondition), two years of unit
lists (created, rows imported from Excel and added one by one, sent up), the
council's vote and one recognition decision each year, the titles in the officers' history,
and the next year's due list built on them; an initiative taken by a title serves once."""

import datetime
import io

import openpyxl
import pytest

from commendations.annual_titles.models import RegistrationRule
from commendations.campaigns.models import AwardType
from commendations.units.models import Person

pytestmark = pytest.mark.django_db


def _workbook(people) -> io.BytesIO:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Mã cán bộ", "Họ và tên", "Danh hiệu", "Xếp loại"])
    for person in people:
        sheet.append([person.code, person.full_name, "CSTT", "Hoàn thành tốt nhiệm vụ"])
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "danh-sach.xlsx"
    return data


def _ok(response, status: int = 200) -> dict | list:
    assert response.status_code == status, response.content
    return response.json()


def _year(api, district, people, year: int, *, star, initiative_id=None) -> dict:
    """One year: the unit's list, the council's vote, the Director's decision."""
    officer, secretary, director = api["officer"], api["secretary"], api["director"]
    # At the start of the year: the star registers for Chiến sĩ thi đua cơ sở, the unit for
    # Đơn vị quyết thắng; the runner-up does not register.
    for body in (
        {"unit": district.pk, "year": year, "person": star.pk, "award_type": "CSTDCS"},
        {"unit": district.pk, "year": year, "award_type": "DVQT"},
    ):
        _ok(officer.post("/api/v1/registrations/", body, format="json"), 201)
    created = _ok(
        officer.post(
            "/api/v1/rating-lists/",
            {
                "unit": district.pk,
                "year": year,
                "submission_number": f"{year % 100}/TTr-PV05",
                "submission_date": f"{year}-12-10",
                "council_minutes": f"Biên bản số 3/BB-HĐTĐKT ngày 08/12/{year}",
            },
            format="json",
        ),
        201,
    )
    assert created["state"] == "draft"
    url = f"/api/v1/rating-lists/{created['id']}/"
    imported = _ok(officer.post(f"{url}rows/import/", {"file": _workbook(people)}), 201)
    assert len(imported) == len(people)
    row = {"person": star.pk, "award_type": "CSTDCS", "rating": "excellent"}
    if initiative_id:
        row["initiative"] = initiative_id
    added = _ok(officer.post(f"{url}rows/", row, format="json"), 201)
    assert added["excluded_reason"] == ""
    runner_up = {"person": people[1].pk, "award_type": "CSTDCS", "rating": "excellent"}
    unregistered = _ok(officer.post(f"{url}rows/", runner_up, format="json"), 201)
    assert "chưa đăng ký thi đua" in unregistered["excluded_reason"]
    transitions = [t["name"] for t in _ok(officer.get(f"{url}transitions/"))["results"]]
    assert "submit" in transitions
    submitted = _ok(
        officer.post(f"{url}transitions/submit/", {"expected_state": "draft"}, format="json")
    )
    assert submitted["state"] == "submitted"
    recommended = _ok(
        secretary.post(
            "/api/v1/rating-lists/recommend/",
            {"lists": [created["id"]], "votes_for": 7, "votes_against": 1},
            format="json",
        )
    )
    assert recommended[0]["state"] == "recommended" and recommended[0]["votes_for"] == 7
    decided = _ok(
        director.post(
            "/api/v1/rating-lists/decide/",
            {
                "lists": [created["id"]],
                "number": f"{year % 100 + 10}/QĐ-CAT-PV05",
                "date": f"{year + 1}-01-12",
                "signer_name": "Nguyễn Văn Giám",
                "signer_title": "Giám đốc",
            },
            format="json",
        ),
        201,
    )
    assert decided["honours"] == len(people) + 1
    detail = _ok(officer.get(url))
    assert detail["state"] == "decided" and detail["decision"] == decided["id"]
    return decided


def test_the_whole_year_through_the_api(as_user, officer, secretary, director, member, district):
    # The office's setting: Chiến sĩ thi đua cơ sở only for those who registered (dated data).
    RegistrationRule.objects.create(
        award_type=AwardType.objects.get(code="CSTDCS"),
        required=True,
        source="Quy chế thi đua, khen thưởng của Công an tỉnh",
        valid_from=datetime.date(2020, 1, 1),
    )
    api = {
        "officer": as_user(officer),
        "secretary": as_user(secretary),
        "director": as_user(director),
    }
    people = [
        Person.objects.get(pk=_ok(api["officer"].post(
            "/api/v1/people/",
            {"code": f"CB{i:03d}", "full_name": f"Trần Văn {i}", "unit": district.pk},
            format="json",
        ), 201)["id"])
        for i in range(20)
    ]  # fmt: skip
    star = people[0]
    # Before the system: 2023's Chiến sĩ thi đua cơ sở, and an initiative at the Ministry's level.
    _ok(
        api["officer"].post(
            f"/api/v1/people/{star.pk}/honours/",
            {"year": 2023, "award_type": "CSTDCS", "reference": "99/QĐ-CAT"},
            format="json",
        ),
        201,
    )
    unit_initiative = _ok(
        api["officer"].post(
            f"/api/v1/people/{star.pk}/initiatives/",
            {"title": "Sổ tay nghiệp vụ", "year": 2024, "level": "unit"},
            format="json",
        ),
        201,
    )
    for year in (2024, 2025):
        _year(
            api, district, people, year, star=star,
            initiative_id=unit_initiative["id"] if year == 2024 else None,
        )  # fmt: skip
    honours = _ok(api["officer"].get(f"/api/v1/people/{star.pk}/honours/"))["results"]
    assert {(h["year"], h["award_type"], h["reference"]) for h in honours} >= {
        (2023, "CSTDCS", "99/QĐ-CAT"),
        (2024, "CSTDCS", "34/QĐ-CAT-PV05"),
        (2025, "CSTDCS", "35/QĐ-CAT-PV05"),
        (2025, "CSTT", "35/QĐ-CAT-PV05"),
    }
    initiatives = _ok(api["officer"].get(f"/api/v1/people/{star.pk}/initiatives/"))["results"]
    assert initiatives[0]["used_for"] is not None  # the 2024 title took it
    # A used initiative cannot serve another title.
    again = _ok(
        api["officer"].post(
            "/api/v1/rating-lists/",
            {"unit": district.pk, "year": 2026, "submission_number": "1/TTr",
             "council_minutes": "BB 1"},
            format="json",
        ),
        201,
    )  # fmt: skip
    refused = api["officer"].post(
        f"/api/v1/rating-lists/{again['id']}/rows/",
        {"person": star.pk, "award_type": "CSTDCS", "rating": "excellent",
         "initiative": unit_initiative["id"]},
        format="json",
    )  # fmt: skip
    assert refused.status_code == 400 and "đã được dùng" in refused.json()["detail"]
    registered = _ok(as_user(member).get("/api/v1/registrations/?year=2025"))["results"]
    assert {(r["person"], r["award_type"]) for r in registered} == {
        (star.pk, "CSTDCS"),
        (None, "DVQT"),
    }
    # Next year's due list rests on the decisions just recorded.
    due = _ok(as_user(member).get("/api/v1/due/?year=2026"))
    due = due["results"] if isinstance(due, dict) else due
    mine = {e["award_type"]["code"]: e for e in due if e["person"] and e["person"]["id"] == star.pk}
    assert set(mine) == {"BK-BCA", "CSTD-CAND"}, due
    assert [(f["year"], f["decision"]) for f in mine["CSTD-CAND"]["evidence"][:3]] == [
        (2023, "99/QĐ-CAT"),
        (2024, "34/QĐ-CAT-PV05"),
        (2025, "35/QĐ-CAT-PV05"),
    ]
    assert mine["CSTD-CAND"]["missing"]  # the ministry-level initiative it needs


def test_the_api_refuses_a_list_over_its_cap_with_the_numbers(as_user, officer, district):
    client = as_user(officer)
    people = Person.objects.bulk_create(
        [Person(code=f"Q{i}", full_name=f"Q {i}", unit=district) for i in range(20)]
    )
    created = _ok(
        client.post(
            "/api/v1/rating-lists/",
            {"unit": district.pk, "year": 2025, "submission_number": "2/TTr",
             "council_minutes": "BB 2"},
            format="json",
        ),
        201,
    )  # fmt: skip
    url = f"/api/v1/rating-lists/{created['id']}/"
    _ok(client.post(f"{url}rows/import/", {"file": _workbook(people)}), 201)
    for person in people[:4]:
        _ok(
            client.post(
                f"{url}rows/",
                {"person": person.pk, "award_type": "CSTDCS", "rating": "excellent"},
                format="json",
            ),
            201,
        )
    response = client.post(f"{url}transitions/submit/", {}, format="json")
    assert response.status_code == 400
    assert "4 trên tối đa 3 (15 % của 20)" in response.json()["detail"]


def test_another_units_officer_cannot_reach_the_list(as_user, officer, other_officer, district):
    created = _ok(
        as_user(officer).post(
            "/api/v1/rating-lists/", {"unit": district.pk, "year": 2025}, format="json"
        ),
        201,
    )
    other = as_user(other_officer)
    assert other.get(f"/api/v1/rating-lists/{created['id']}/").status_code == 404
    assert _ok(other.get("/api/v1/rating-lists/"))["results"] == []
    refused = other.post(
        "/api/v1/rating-lists/", {"unit": district.pk, "year": 2025}, format="json"
    )
    assert refused.status_code == 403


def test_a_row_is_taken_off_a_draft_list(as_user, officer, member, district):
    client = as_user(officer)
    person = Person.objects.create(code="R1", full_name="Lê Văn R", unit=district)
    created = _ok(
        client.post("/api/v1/rating-lists/", {"unit": district.pk, "year": 2025}, format="json"),
        201,
    )
    url = f"/api/v1/rating-lists/{created['id']}/rows/"
    row = _ok(
        client.post(
            url, {"person": person.pk, "award_type": "CSTT", "rating": "good"}, format="json"
        ),
        201,
    )
    assert as_user(member).delete(f"{url}{row['id']}/").status_code == 403
    assert client.delete(f"{url}{row['id']}/").status_code == 204
    assert _ok(client.get(url))["results"] == []  # the paginated envelope
    assert client.delete(f"{url}{row['id']}/").status_code == 404
