"""An import reports every error of every row in one pass, one message per cause, saying what is
wrong and how to fix it; then what comes next."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from commendations.nominations.imports.jobs import nominations_import
from commendations.nominations.imports.layout import COLUMN_BY_KEY, COLUMNS, HEADERS, SHEET
from commendations.nominations.imports.selectors import next_steps

pytestmark = pytest.mark.django_db
COL = {c.key: i for i, c in enumerate(COLUMNS)}


def _row(district, **values) -> list:
    row = ["1", district.code, "GK-GD", "Cá nhân", "Nguyễn Văn A", "", "Đại úy", "", "",
           "15/08/1988", "Nam", "Xuất sắc"]  # fmt: skip
    for key, value in values.items():
        row[COL[key]] = value
    return row


def _import(campaign, officer, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return nominations_import(
        campaign=campaign, upload=SimpleUploadedFile("ds.xlsx", out.getvalue()), actor=officer
    )


def _errors(result) -> dict[tuple[int, str], list[str]]:
    found: dict[tuple[int, str], list[str]] = {}
    for e in result.errors:
        found.setdefault((e.row, e.column), []).append(e.message)
    return found


def header(key: str) -> str:
    return COLUMN_BY_KEY[key].header


def test_a_date_in_the_right_shape_that_does_not_exist_says_so(campaign, district, officer):
    result = _import(
        campaign,
        officer,
        [
            _row(district, date_of_birth="30/02/1985"),
            _row(district, nominee_name="Trần Văn B", date_of_birth="1985-02-03"),
            _row(district, nominee_name="Lê Văn C", date_of_birth="12/13/1985"),
        ],
    )
    errors = _errors(result)
    feb30 = errors[(2, header("date_of_birth"))]
    assert len(feb30) == 1
    assert "không có thật" in feb30[0] and "không đúng dạng" not in feb30[0]
    assert "ngày 30" in feb30[0]
    assert "không đúng dạng dd/mm/yyyy" in errors[(3, header("date_of_birth"))][0]
    assert "không có tháng 13" in errors[(4, header("date_of_birth"))][0]


def test_every_error_of_every_row_in_one_pass(campaign, district, officer):
    """A missing name is flagged together with the row's other errors, not after they are
    fixed; other rows' errors come in the same pass."""
    result = _import(
        campaign,
        officer,
        [
            _row(district, nominee_name=None, date_of_birth="31/04/1990", unit="KHONG-CO"),
            _row(district, nominee_name="Trần Văn B", gender="Khác"),
            _row(district, nominee_name="Lê Văn C"),
        ],
    )
    errors = _errors(result)
    assert set(errors) == {
        (2, header("nominee_name")),
        (2, header("date_of_birth")),
        (2, header("unit")),
        (3, header("gender")),
    }
    assert errors[(2, header("nominee_name"))] == ["Chưa nhập họ và tên."]
    assert not result.created


def test_one_empty_cell_gives_one_message(campaign, district, officer):
    result = _import(
        campaign,
        officer,
        [
            _row(district, achievement_summary=None),
            _row(district, nominee_name="Trần Văn B", award_type=None),
        ],
    )
    errors = _errors(result)
    assert errors == {
        (2, header("achievement_summary")): ["Chưa nhập “Tóm tắt thành tích”."],
        (3, header("award_type")): ["Chưa nhập “Hình thức khen thưởng”."],
    }


def test_a_too_long_value_is_reported_with_the_rest(campaign, district, officer):
    result = _import(campaign, officer, [_row(district, rank="x" * 80, date_of_birth="29/02/1990")])
    assert set(_errors(result)) == {(2, header("rank")), (2, header("date_of_birth"))}


def test_after_a_successful_import_the_next_step_is_said(campaign, district, officer):
    result = _import(campaign, officer, [_row(district), _row(district, nominee_name="B")])
    assert result.ok and len(result.created) == 2
    text = next_steps(result.created, ready=[])
    assert "Đã tạo 2 hồ sơ dự thảo" in text and "bổ sung tài liệu" in text
    assert "gửi tất cả một lần" in next_steps(result.created, ready=result.created)
