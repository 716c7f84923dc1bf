"""The year-end rating list's screens: a unit drafts its list (the form, a row by officer code,
the Excel import), sees the exclusions and the caps, sends it up; the secretary records the
vote; the Director recognises; the registration page."""

import io

import openpyxl
import pytest

from commendations.annual_titles.models import RatingList, RatingListState, Registration
from commendations.units.models import DisciplinaryKind, DisciplinaryRecord, HonourRecord
from tests.annual_titles.helpers import YEAR, officers

pytestmark = pytest.mark.django_db


def _workbook(people) -> io.BytesIO:
    book = openpyxl.Workbook()
    book.active.append(["Mã cán bộ", "Họ và tên", "Danh hiệu", "Xếp loại"])
    for person in people:
        book.active.append([person.code, person.full_name, "CSTT", "Hoàn thành tốt nhiệm vụ"])
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "ds.xlsx"
    return data


def test_a_list_from_the_unit_to_the_decision_through_the_pages(
    client, officer, secretary, director, district
):
    import datetime

    people = officers(district, 20)
    DisciplinaryRecord.objects.create(
        person=people[19], kind=DisciplinaryKind.DISCIPLINE, started_on=datetime.date(YEAR, 6, 1)
    )
    client.force_login(officer)
    response = client.post(
        "/rating-lists/",
        {
            "unit": district.pk,
            "year": YEAR,
            "submission_number": "7/TTr-PV05",
            "submission_date": f"{YEAR}-12-10",
            "council_minutes": "Biên bản số 2",
        },
    )
    rating_list = RatingList.objects.get()
    assert response.status_code == 302 and response["Location"] == rating_list.get_absolute_url()
    url = rating_list.get_absolute_url()
    client.post(f"{url}import/", {"file": _workbook(people)})
    client.post(
        f"{url}rows/",
        {"person_code": people[0].code, "award_type": _cstdcs_pk(), "rating": "excellent"},
    )
    page = client.get(url).content.decode()
    assert "Chiến sĩ thi đua cơ sở: 1 trên tối đa 2 (15 % của 19)" in page
    assert "Không xét trong năm: Đang xem xét hoặc thi hành kỷ luật" in page
    assert "chưa đối chiếu văn bản" in page
    client.post(f"{url}transitions/submit/", {"expected_state": "draft"})
    rating_list.refresh_from_db()
    assert rating_list.state == RatingListState.SUBMITTED
    client.force_login(secretary)
    client.post(f"{url}transitions/recommend/", {"votes_for": 6, "votes_against": 1})
    client.force_login(director)
    assert "Quyết định công nhận danh hiệu" in client.get(url).content.decode()
    client.post(
        f"{url}transitions/decide/",
        {
            "number": "12/QĐ-CAT-PV05",
            "date": f"{YEAR + 1}-01-10",
            "signer_name": "Nguyễn Văn Giám",
            "signer_title": "Giám đốc",
        },
    )
    rating_list.refresh_from_db()
    assert rating_list.state == RatingListState.DECIDED
    assert HonourRecord.objects.filter(reference="12/QĐ-CAT-PV05").count() == 20


def _cstdcs_pk() -> int:
    from commendations.campaigns.models import AwardType

    return AwardType.objects.get(code="CSTDCS").pk


def test_a_refusal_comes_back_as_a_message(client, officer, district):
    people = officers(district, 1)
    rating_list = RatingList.objects.create(unit=district, year=YEAR)
    client.force_login(officer)
    url = rating_list.get_absolute_url()
    client.post(f"{url}rows/", {"person_code": people[0].code, "award_type": _cstdcs_pk(),
                                "rating": "excellent"})  # fmt: skip
    response = client.post(f"{url}transitions/submit/", {}, follow=True)
    assert "Cần số Tờ trình của đơn vị." in response.content.decode()
    rating_list.refresh_from_db()
    assert rating_list.state == RatingListState.DRAFT


def test_the_registration_page(client, officer, member, district):
    person = officers(district, 1)[0]
    client.force_login(officer)
    response = client.post(
        "/registrations/",
        {"unit": district.pk, "year": YEAR, "person_code": person.code, "award_type": _cstdcs_pk()},
    )
    assert response.status_code == 302
    assert Registration.objects.get().person == person
    client.force_login(member)
    assert person.full_name in client.get("/registrations/").content.decode()
    assert client.post("/registrations/", {}).status_code == 403
