"""Import from the Excel template: the demo's 18 Giấy khen rows go in; a broken copy is refused
with its errors by row and column and nothing is written; malformed files get a clear message."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from commendations.access.roles import Role
from commendations.campaigns.models import Campaign
from commendations.demo.sudden_feat import SUDDEN_FEATS
from commendations.nominations.imports.jobs import nominations_import
from commendations.nominations.imports.layout import COLUMNS, EXAMPLE_MARK, HEADERS, MAX_ROWS, SHEET
from commendations.nominations.imports.template import import_template_build
from commendations.nominations.models import Nomination
from commendations.units.models import Unit
from commendations.units.selectors import unit_heir
from tests.factories import make_user

pytestmark = pytest.mark.django_db
COL = {c.key: i for i, c in enumerate(COLUMNS, 1)}


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)
    past = Campaign.objects.get(year=2022)
    current = Campaign.objects.exclude(pk=past.pk).exclude(name__startswith=SUDDEN_FEATS).get()
    province = Unit.objects.get(code="CAT-GL")
    importer = make_user(Role.UNIT_OFFICER, province, username="province_officer")
    return past, current, importer


def _xlsx(workbook) -> SimpleUploadedFile:
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile("danh-sach.xlsx", output.getvalue())


def filled_template(campaign: Campaign, user, source: Campaign):
    """The system's template, filled with the demo's 18 Giấy khen rows (from load_demo's data)."""
    workbook = load_workbook(io.BytesIO(import_template_build(campaign=campaign, user=user)))
    sheet = workbook[SHEET]
    assert sheet.cell(row=2, column=1).value == EXAMPLE_MARK  # the example row stays
    rows = source.nominations.filter(award_type__code="GK-GD").select_related(
        "unit", "award_type", "nominee_unit"
    )
    for offset, n in enumerate(rows.order_by("pk")):
        row = 3 + offset
        values = {
            "number": offset + 1,
            # The 2022 district units were dissolved in 2025: this year their heirs propose.
            "unit": (unit_heir(n.unit) or n.unit).code,
            "award_type": n.award_type.name,
            "nominee_kind": n.get_nominee_kind_display(),
            "nominee_name": "" if n.nominee_unit_id else n.nominee_name,
            "nominee_unit": (unit_heir(n.nominee_unit) or n.nominee_unit).code
            if n.nominee_unit_id
            else "",
            "rank": n.rank,
            "position": n.position,
            "workplace": n.workplace,
            "date_of_birth": "",
            "gender": n.get_gender_display() if n.gender else "",
            "achievement_summary": n.achievement_summary,
        }
        for key, value in values.items():
            sheet.cell(row=row, column=COL[key], value=value or None)
    return workbook


def test_template_has_vietnamese_headers_dropdowns_and_an_example(demo):
    _past, current, importer = demo
    workbook = load_workbook(io.BytesIO(import_template_build(campaign=current, user=importer)))
    sheet = workbook[SHEET]
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet.cell(row=2, column=1).value == EXAMPLE_MARK
    validations = sheet.data_validations.dataValidation
    ranges = {str(v.sqref).split(":")[0][0]: v.formula1 for v in validations}
    award_letter = chr(ord("A") + COL["award_type"] - 1)
    kind_letter = chr(ord("A") + COL["nominee_kind"] - 1)
    assert "Danh mục" in ranges[award_letter] and "Danh mục" in ranges[kind_letter]
    listed = [r[0] for r in workbook["Danh mục"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert listed == [a.name for a in current.award_types.order_by("sort_order", "code")]


def test_demo_giay_khen_rows_import_as_drafts_then_are_duplicates(demo):
    past, current, importer = demo
    workbook = filled_template(current, importer, past)
    result = nominations_import(campaign=current, upload=_xlsx(workbook), actor=importer)
    assert result.ok, [e.as_dict() for e in result.errors]
    assert len(result.created) == 18
    drafts = current.nominations.all()
    assert drafts.count() == 18 and set(drafts.values_list("state", flat=True)) == {"draft"}
    assert drafts.filter(nominee_kind="individual").count() == 8
    assert drafts.filter(nominee_name="Công an xã Glar").exists()
    hung = drafts.get(nominee_name="Nguyễn Văn Hùng")
    assert (hung.rank, hung.unit.code, hung.created_by) == ("Đại úy", "CA-XA-CHUPAH", importer)

    again = nominations_import(campaign=current, upload=_xlsx(workbook), actor=importer)
    assert not again.ok and len(again.errors) == 18
    assert all("đã có hồ sơ" in e.message for e in again.errors)
    assert current.nominations.count() == 18


def test_broken_copy_lists_errors_by_row_and_column_and_imports_nothing(demo):
    past, current, importer = demo
    workbook = filled_template(current, importer, past)
    sheet = workbook[SHEET]
    sheet.cell(row=3, column=COL["award_type"], value="Huân chương Bảo vệ Tổ quốc")
    sheet.cell(row=4, column=COL["achievement_summary"]).value = None
    individual_rows = [
        r for r in range(3, 21) if sheet.cell(row=r, column=COL["nominee_kind"]).value == "Cá nhân"
    ]
    sheet.cell(row=individual_rows[0], column=COL["date_of_birth"], value="31/02/1990")
    sheet.cell(row=individual_rows[1], column=COL["nominee_kind"], value="Tổ chức")
    sheet.cell(row=individual_rows[2], column=COL["gender"], value="X")
    sheet.cell(row=5, column=COL["unit"], value="KHONG-CO")
    for key in ("unit", "award_type", "nominee_kind", "nominee_name", "achievement_summary"):
        sheet.cell(row=21, column=COL[key], value=sheet.cell(row=20, column=COL[key]).value)
    result = nominations_import(campaign=current, upload=_xlsx(workbook), actor=importer)
    assert not result.ok
    found = {(e.row, e.column) for e in result.errors}
    assert (3, "Hình thức khen thưởng") in found
    assert (4, "Tóm tắt thành tích") in found
    assert (individual_rows[0], "Ngày sinh (dd/mm/yyyy)") in found
    assert (individual_rows[1], "Đối tượng") in found
    assert (individual_rows[2], "Giới tính") in found
    assert (5, "Mã đơn vị đề nghị") in found
    duplicate = [e for e in result.errors if e.row == 21]
    assert duplicate and "dòng 20" in duplicate[0].message
    assert current.nominations.count() == 0


def test_officer_cannot_import_for_units_outside_his_own(demo):
    past, current, _importer = demo
    chupah = Unit.objects.get(code="CA-XA-CHUPAH")
    officer = make_user(Role.UNIT_OFFICER, chupah, username="chupah_importer")
    workbook = filled_template(current, officer, past)
    result = nominations_import(campaign=current, upload=_xlsx(workbook), actor=officer)
    assert not result.ok
    outside = {e.row for e in result.errors if e.column == "Mã đơn vị đề nghị"}
    assert outside and current.nominations.count() == 0


def _workbook_with(rows: list[list], header: list[str] | None = None) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append(header or HEADERS)
    for row in rows:
        sheet.append(row)
    return workbook


def _one_error(campaign: Campaign, user, upload) -> str:
    result = nominations_import(campaign=campaign, upload=upload, actor=user)
    assert not result.ok and Nomination.objects.filter(campaign=campaign).count() == 0
    return " ".join(e.message for e in result.errors)


def test_malformed_files_get_a_clear_message(demo):
    _past, current, importer = demo
    assert "không phải là tệp Excel" in _one_error(
        current, importer, SimpleUploadedFile("a.xlsx", b"%PDF-1.4 not excel")
    )
    assert "rỗng" in _one_error(current, importer, SimpleUploadedFile("a.xlsx", b""))
    corrupt = SimpleUploadedFile("a.xlsx", b"PK\x03\x04" + b"\x00" * 200)
    assert "Không đọc được" in _one_error(current, importer, corrupt)
    assert "không có dòng dữ liệu" in _one_error(current, importer, _xlsx(_workbook_with([])))
    wrong = _workbook_with([["1", "CA-CHUPAH"]], header=["STT", "Tên", "Ghi chú"])
    assert "tiêu đề không đúng mẫu" in _one_error(current, importer, _xlsx(wrong))
    merged = _workbook_with([["1", "CA-CHUPAH", "Giấy khen của Giám đốc Công an tỉnh"]])
    merged.active.merge_cells("B2:C2")
    assert "ô gộp" in _one_error(current, importer, _xlsx(merged))
    formula = _workbook_with(
        [["1", "CA-CHUPAH", "=A1", "Tập thể", "Công an xã X", "", "", "", "", "", "", "x"]]
    )
    message = _one_error(current, importer, _xlsx(formula))
    assert "công thức" in message


def test_too_many_rows_is_refused_before_reading_them(demo):
    _past, current, importer = demo
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append(HEADERS)
    sheet.cell(row=MAX_ROWS + 2 + 5000, column=1, value="x")  # 10,000+ rows
    assert "tối đa" in _one_error(current, importer, _xlsx(workbook))


def test_excel_dates_and_text_dates_both_parse(demo):
    _past, current, importer = demo
    row = ["1", "CA-XA-CHUPAH", "GK-GD", "Cá nhân", "Nguyễn Văn C", "", "Đại úy", "", "", None,
           "Nam", "Xuất sắc"]  # fmt: skip
    second = list(row)
    row[COL["date_of_birth"] - 1] = datetime.datetime(1990, 5, 17)
    second[COL["nominee_name"] - 1] = "Nguyễn Văn D"
    second[COL["date_of_birth"] - 1] = "17/05/1991"
    result = nominations_import(
        campaign=current, upload=_xlsx(_workbook_with([row, second])), actor=importer
    )
    assert result.ok, [e.as_dict() for e in result.errors]
    births = sorted(n.date_of_birth for n in result.created)
    assert births == [datetime.date(1990, 5, 17), datetime.date(1991, 5, 17)]


def test_management_command_imports_and_reports_errors(demo, tmp_path, capsys):
    past, current, importer = demo
    path = tmp_path / "ds.xlsx"
    filled_template(current, importer, past).save(path)
    call_command("import_nominations", str(path), campaign=current.pk, user="province_officer")
    assert current.nominations.count() == 18
    with pytest.raises(CommandError):
        call_command("import_nominations", str(path), campaign=current.pk, user="province_officer")
    assert "đã có hồ sơ" in capsys.readouterr().err
    template = tmp_path / "mau.xlsx"
    call_command(
        "import_nominations", str(template), campaign=current.pk, user="province_officer",
        template=True,
    )  # fmt: skip
    assert load_workbook(template)[SHEET].cell(row=1, column=1).value == "STT"
