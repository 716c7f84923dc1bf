"""Collectives on the year-end list: Đơn vị tiên tiến and Đơn vị quyết thắng proposed for the
list's unit or a unit within it, excluded like officers, recognised in the unit's history (which
the due list's chains then read)."""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from rest_framework.test import APIClient

from commendations.actions.annual_titles import rating_lists_decide, rating_lists_recommend
from commendations.actions.registry import action_run
from commendations.annual_titles.excel import annex_groups
from commendations.annual_titles.models import Rating, RatingRow, RegistrationRule
from commendations.annual_titles.services import (
    rating_row_add,
    rating_rows_import,
    registration_add,
    titles_for_rating,
)
from commendations.campaigns.models import AwardType
from commendations.due.selectors import due_list
from commendations.units.models import HonourRecord
from tests.annual_titles.helpers import YEAR, officers, rating_list, rows_add

pytestmark = pytest.mark.django_db


def _title(code: str) -> AwardType:
    return AwardType.objects.get(code=code)


def _collective(rl, unit, code: str = "DVTT", rating: str = Rating.GOOD, actor=None):
    return rating_row_add(
        actor=actor, rating_list=rl, unit=unit, award_type=_title(code), rating=rating
    )


def _through(rl, officer, secretary, director, number: str):
    action_run(instance=rl, name="submit", actor=officer)
    rating_lists_recommend(lists=[rl], actor=secretary, votes_for=5)
    return rating_lists_decide(
        lists=[rl],
        actor=director,
        number=number,
        date=datetime.date(rl.year + 1, 1, 10),
        signer_name="Nguyễn Văn Giám",
        signer_title="Giám đốc",
    )


def test_the_list_proposes_the_collective_titles_the_director_decides():
    codes = [t.code for t in titles_for_rating()]
    assert codes == ["CSTT", "CSTDCS", "DVTT", "DVQT"]  # the catalogue: decided by GIAM-DOC
    assert [t.code for t in titles_for_rating(collective=True)] == ["DVTT", "DVQT"]
    assert [t.code for t in titles_for_rating(collective=False)] == ["CSTT", "CSTDCS"]


def test_a_collective_row_is_added_shown_by_its_name_and_recognised_in_the_units_history(
    officer, secretary, director, district, commune
):
    rl = rating_list(district)
    rows_add(rl, officers(district, 2), "CSTT")
    own = _collective(rl, district, "DVQT", Rating.EXCELLENT, actor=officer)
    below = _collective(rl, commune, "DVTT", actor=officer)
    assert (own.excluded_reason, below.excluded_reason) == ("", "")
    assert own.is_collective and own.subject_name == district.name
    assert own.subject_code == district.code and str(own) == f"{district.name}: Đơn vị quyết thắng"
    _through(rl, officer, secretary, director, "7/QĐ-CAT-PV05")
    records = HonourRecord.objects.filter(unit__isnull=False, year=YEAR)
    assert sorted(records.values_list("unit__code", "award_type__code", "reference")) == [
        (district.code, "DVQT", "7/QĐ-CAT-PV05"),
        (commune.code, "DVTT", "7/QĐ-CAT-PV05"),
    ]
    assert records.get(unit=district).kind == "dvqt"
    assert HonourRecord.objects.filter(person__isnull=False, year=YEAR).count() == 2
    groups = annex_groups(rl)
    assert [(g.award_type, g.collective, g.people) for g in groups[1:]] == [
        ("Đơn vị tiên tiến", True, [(commune.code, commune.name)]),
        ("Đơn vị quyết thắng", True, [(district.code, district.name)]),
    ]
    api = APIClient()
    api.force_authenticate(officer)
    honours = api.get(f"/api/v1/units/{district.pk}/honours/")
    assert honours.status_code == 200, honours.content
    assert "Đơn vị quyết thắng" in honours.content.decode()


def test_a_collective_is_excluded_by_its_rating_its_title_and_another_list(
    officer, district, commune
):
    HonourRecord.objects.create(
        unit=commune, year=YEAR, award_type=_title("DVTT"), reference="3/QĐ-CAT"
    )
    rl = rating_list(district)
    not_done = _collective(rl, district, "DVTT", Rating.NOT_DONE, actor=officer)
    recorded = _collective(rl, commune, "DVTT", actor=officer)
    assert not_done.excluded_reason == "Không xét: xếp loại “Không hoàn thành nhiệm vụ”."
    assert recorded.excluded_reason == f"Đã được công nhận danh hiệu này năm {YEAR} (3/QĐ-CAT)."
    sent = rating_list(district, submission_number="14/TTr-PV05")
    _collective(sent, commune, "DVQT", actor=officer)
    action_run(instance=sent, name="submit", actor=officer)
    again = _collective(rl, commune, "DVQT", actor=officer)
    assert again.excluded_reason == f"Đã có trong danh sách đề nghị khác của năm {YEAR}."


def test_a_collective_needs_its_registration_when_the_setting_asks(officer, district, commune):
    RegistrationRule.objects.create(
        award_type=_title("DVQT"), required=True, valid_from=datetime.date(2020, 1, 1)
    )
    registration_add(actor=officer, unit=commune, year=YEAR, award_type=_title("DVQT"))
    rl = rating_list(district)
    registered = _collective(rl, commune, "DVQT", actor=officer)
    unregistered = _collective(rl, district, "DVQT", actor=officer)
    assert registered.excluded_reason == ""
    assert unregistered.excluded_reason.startswith("Không xét: chưa đăng ký thi đua")


def test_a_row_is_an_officer_or_a_collective_of_the_list_for_a_title_of_its_kind(
    officer, district, other_district
):
    rl = rating_list(district)
    person = officers(district, 1)[0]
    with pytest.raises(ValidationError) as exc:
        _collective(rl, other_district, "DVTT", actor=officer)
    assert set(exc.value.message_dict) == {"unit"}
    with pytest.raises(ValidationError, match="danh hiệu cá nhân"):
        _collective(rl, district, "CSTT", actor=officer)
    with pytest.raises(ValidationError, match="danh hiệu tập thể"):
        rating_row_add(
            actor=officer, rating_list=rl, person=person, award_type=_title("DVTT"),
            rating=Rating.GOOD,
        )  # fmt: skip
    with pytest.raises(ValidationError, match="không chọn cả hai"):
        rating_row_add(
            actor=officer, rating_list=rl, person=person, unit=district,
            award_type=_title("CSTT"), rating=Rating.GOOD,
        )  # fmt: skip
    _collective(rl, district, actor=officer)
    with pytest.raises(ValidationError, match="đã có trong danh sách"):
        _collective(rl, district, actor=officer)


def test_the_database_holds_exactly_one_subject_per_row(district):
    rl = rating_list(district)
    person = officers(district, 1)[0]
    for subject in ({}, {"person": person, "unit": district}):
        with pytest.raises(IntegrityError), transaction.atomic():
            RatingRow.objects.create(
                rating_list=rl, award_type=_title("CSTT"), rating=Rating.GOOD, **subject
            )


def test_a_cap_counts_collective_rows_of_its_title(officer, district, commune):
    from commendations.annual_titles.models import TitleCap

    TitleCap.objects.create(
        award_type=_title("DVQT"), base=_title("DVTT"), percent=50,
        source="Thử nghiệm", valid_from=datetime.date(2020, 1, 1),
    )  # fmt: skip
    rl = rating_list(district)
    _collective(rl, district, "DVTT", actor=officer)
    _collective(rl, commune, "DVTT", actor=officer)
    _collective(rl, district, "DVQT", actor=officer)
    _collective(rl, commune, "DVQT", actor=officer)
    with pytest.raises(
        ValidationError, match=r"Đơn vị quyết thắng: 2 trên tối đa 1 \(50 % của 2\)"
    ):
        action_run(instance=rl, name="submit", actor=officer)


def _workbook(header, lines) -> io.BytesIO:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for line in lines:
        sheet.append(line)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    return data


HEADER = ["Mã cán bộ", "Họ và tên", "Mã đơn vị", "Tên đơn vị", "Danh hiệu", "Xếp loại"]


def test_a_line_without_an_officer_code_but_a_unit_is_a_collective(officer, district, commune):
    person = officers(district, 1)[0]
    rl = rating_list(district)
    rows = rating_rows_import(
        actor=officer,
        rating_list=rl,
        source=_workbook(
            HEADER,
            [
                [person.code, person.full_name, "", "", "CSTT", "Hoàn thành tốt nhiệm vụ"],
                ["", "", district.code, "", "DVQT", "Hoàn thành xuất sắc nhiệm vụ"],
                ["", "", "", commune.name, "Đơn vị tiên tiến", "Hoàn thành tốt nhiệm vụ"],
            ],
        ),
    )
    assert sorted((r.subject_name, r.award_type.code) for r in rows) == sorted(
        [(person.full_name, "CSTT"), (district.name, "DVQT"), (commune.name, "DVTT")]
    )
    # Imported again: the collectives' rows are replaced, not doubled.
    rating_rows_import(
        actor=officer,
        rating_list=rl,
        source=_workbook(HEADER, [["", "", commune.code, "", "DVTT", "Hoàn thành nhiệm vụ"]]),
    )
    assert RatingRow.objects.filter(rating_list=rl, unit=commune).get().rating == Rating.DONE
    assert RatingRow.objects.filter(rating_list=rl).count() == 3


def test_bad_collective_lines_are_named(officer, district, other_district):
    rl = rating_list(district)
    with pytest.raises(ValidationError) as exc:
        rating_rows_import(
            actor=officer,
            rating_list=rl,
            source=_workbook(
                HEADER,
                [
                    ["", "", other_district.code, "", "DVTT", "Hoàn thành tốt nhiệm vụ"],
                    ["", "", district.code, "", "CSTT", "Hoàn thành tốt nhiệm vụ"],
                    ["", "", "", "", "DVTT", "Hoàn thành tốt nhiệm vụ"],
                ],
            ),
        )
    messages = exc.value.messages
    assert [m.split(":")[0] for m in messages] == ["Dòng 2", "Dòng 3", "Dòng 4"]
    assert "không có đơn vị mã" in messages[0]
    assert "danh hiệu cá nhân" in messages[1]
    assert "cần mã cán bộ" in messages[2]
    assert not RatingRow.objects.filter(rating_list=rl).exists()


def test_the_screen_and_the_api_add_a_collective_row(client, officer, district, commune):
    rl = rating_list(district)
    client.force_login(officer)
    page = client.get(f"/rating-lists/{rl.pk}/")
    assert page.status_code == 200 and commune.name in page.content.decode()
    response = client.post(
        f"/rating-lists/{rl.pk}/rows/",
        {"unit": commune.pk, "award_type": _title("DVTT").pk, "rating": Rating.GOOD},
    )
    assert response.status_code == 302
    row = RatingRow.objects.get(rating_list=rl)
    assert (row.unit, row.person) == (commune, None)
    page = client.get(f"/rating-lists/{rl.pk}/").content.decode()
    assert "data-collective" in page
    api = APIClient()
    api.force_authenticate(officer)
    created = api.post(
        f"/api/v1/rating-lists/{rl.pk}/rows/",
        {"unit": district.pk, "award_type": "DVQT", "rating": "excellent"},
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["subject_name"] == district.name and created.json()["person"] is None
    both = api.post(
        f"/api/v1/rating-lists/{rl.pk}/rows/",
        {"unit": district.pk, "person": officers(district, 1)[0].pk, "award_type": "CSTT",
         "rating": "good"},
        format="json",
    )  # fmt: skip
    assert both.status_code == 400
    listed = api.get(f"/api/v1/rating-lists/{rl.pk}/rows/").json()["results"]
    assert [r["subject_name"] for r in listed] == [commune.name, district.name]


def test_two_years_of_don_vi_quyet_thang_decided_make_the_unit_due(
    officer, secretary, director, district
):
    for year, number in ((YEAR - 1, "3/QĐ-CAT"), (YEAR, "4/QĐ-CAT")):
        rl = rating_list(district, year=year)
        _collective(rl, district, "DVQT", Rating.EXCELLENT, actor=officer)
        _through(rl, officer, secretary, director, number)
    due = [e for e in due_list(YEAR + 1, unit_ids=[district.pk]) if e.unit == district]
    assert "BK-BCA" in {e.award_type.code for e in due}


def test_the_recognition_decision_names_the_collective_and_counts_it_as_one(
    officer, secretary, director, district, commune
):
    """The decision's document reads the rows through `row_subject_name` / `row_subject_kind`,
    which answer for a collective with its unit's name and "tập thể"."""
    from commendations.decisions.documents import recognition_context

    rl = rating_list(district)
    rows_add(rl, officers(district, 2), "CSTT")
    _collective(rl, commune, "DVTT", actor=officer)
    decision = _through(rl, officer, secretary, director, "8/QĐ-CAT-PV05")
    titles = recognition_context(decision)["titles"]
    collective = next(t for t in titles if t["name"] == "Đơn vị tiên tiến")
    assert collective["count_text"] == "1 tập thể"
    assert [r["name"] for u in collective["units"] for r in u["rows"]] == [commune.name]
