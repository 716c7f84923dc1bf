"""The due list page: filters, the reason and facts per row, the export, one click to start."""

from urllib.parse import parse_qs, urlparse

import pytest

from commendations.campaigns.models import AwardType
from commendations.units.models import HonourRecord, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_person(district):
    person = Person.objects.create(code="W1", full_name="Nguyễn Thị Đến Hạn", unit=district)
    for year in (2024, 2025):
        HonourRecord.objects.create(
            person=person, year=year, award_type=AwardType.objects.get(code="CSTDCS")
        )
    return person


def test_the_page_lists_who_is_due_and_links_to_a_prefilled_nomination(login, officer, due_person):
    response = login(officer).get("/due/?year=2026")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nguyễn Thị Đến Hạn" in html and "2 năm liên tục" in html
    (entry, link) = response.context["rows"][0]
    query = parse_qs(urlparse(link).query)
    assert query["nominee_name"] == ["Nguyễn Thị Đến Hạn"]
    assert query["award_type"] == [str(AwardType.objects.get(code="BK-BCA").pk)]
    form = login(officer).get(link)
    assert form.status_code == 200
    assert "Nguyễn Thị Đến Hạn" in form.content.decode()


def test_filters_and_export(login, officer, due_person):
    client = login(officer)
    assert client.get("/due/?year=2026&award_type=CSTD-CAND").context["rows"] == []
    assert client.get("/due/?year=2025").context["rows"] == []
    export = client.get("/due/export.xlsx?year=2026")
    assert export.status_code == 200 and export.content[:2] == b"PK"


def test_another_units_officer_does_not_see_them(login, other_officer, due_person):
    assert login(other_officer).get("/due/?year=2026").context["rows"] == []
