"""The recognition decision's annex (danh sách kèm theo Quyết định công nhận danh hiệu): the
officers and collectives recognised, grouped by title, then by unit; as data for the API and as
.xlsx (every cell through the formula-safe `row_append`). The registrations' workbooks: the
import's template (prefilled with the unit's officers) and the export of who registered what."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from commendations.annual_titles.models import RatingList, Registration
from commendations.annual_titles.selectors import RegistrationSummary, annex_groups
from commendations.annual_titles.services import REGISTRATION_HEADERS
from commendations.campaigns.models import AwardCategory, AwardType
from commendations.files.spreadsheet import row_append
from commendations.units.models import Person, Unit


def annex_xlsx(rating_list: RatingList) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(rating_list.year)
    decision = rating_list.decision
    row_append(
        sheet,
        [
            _("Danh sách kèm theo %(decision)s") % {"decision": decision}
            if decision
            else _("Dự thảo danh sách — %(list)s") % {"list": rating_list}
        ],
    )
    sheet["A1"].font = Font(bold=True)
    row_append(
        sheet,
        [_("STT"), _("Họ và tên / Tên tập thể"), _("Mã cán bộ / Mã đơn vị"), _("Đơn vị")],
    )
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    current = None
    number = 0
    for group in annex_groups(rating_list):
        if group.award_type != current:
            current = group.award_type
            number = 0
            row_append(sheet, [f"{_('Danh hiệu')}: {group.award_type}"])
            sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        for code, name in group.people:
            number += 1
            row_append(sheet, [number, name, code, group.unit])
    for column, width in zip("ABCD", [8, 34, 16, 40], strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _bold_header(sheet, row: int = 1) -> None:
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[row]:
        cell.font = Font(bold=True)
        cell.fill = fill


def _save(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def registration_template_xlsx(unit: Unit) -> bytes:
    """The import's workbook for `unit`: the headers, a line for the unit itself (no officer
    code), a line per officer of its subtree (their unit's code, code and name), the title column
    empty with a drop-down of the emulation titles; a line left without a title is skipped."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Đăng ký thi đua"
    lists = workbook.create_sheet("Danh mục")
    titles = list(
        AwardType.objects.filter(category=AwardCategory.EMULATION_TITLE).order_by(
            "sort_order", "code"
        )
    )
    row_append(lists, [_("Danh hiệu"), _("Mã"), _("Cá nhân"), _("Tập thể")])
    _bold_header(lists)
    for title in titles:
        row_append(
            lists,
            [
                title.name,
                title.code,
                _("có") if title.accepts_individual else "",
                _("có") if title.accepts_collective else "",
            ],
        )
    row_append(sheet, REGISTRATION_HEADERS)
    _bold_header(sheet)
    row_append(sheet, [unit.code, "", unit.name, ""])
    people = (
        Person.objects.filter(unit__in=Unit.objects.subtree_of(unit))
        .select_related("unit")
        .order_by("unit__path", "full_name", "code")
    )
    for person in people.iterator():
        row_append(sheet, [person.unit.code, person.code, person.full_name, ""])
    if titles:
        choice = DataValidation(
            type="list", formula1=f"'Danh mục'!$A$2:$A${len(titles) + 1}", allow_blank=True
        )
        choice.error = _("Hãy chọn trong danh sách.")
        choice.showErrorMessage = True
        sheet.add_data_validation(choice)
        choice.add(f"D2:D{max(sheet.max_row, 2) + 200}")
    for column, width in zip("ABCD", [16, 16, 34, 34], strict=True):
        sheet.column_dimensions[column].width = width
    lists.column_dimensions["A"].width = 40
    return _save(workbook)


def registrations_xlsx(summary: RegistrationSummary, registrations: list[Registration]) -> bytes:
    """Who registered what in a year: the counts per unit and title (with the units below each),
    then every registration."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Tổng hợp")
    row_append(sheet, [_("Tổng hợp đăng ký thi đua năm %(year)s") % {"year": summary.year}])
    sheet["A1"].font = Font(bold=True)
    row_append(
        sheet,
        [_("Đơn vị"), *[t.name for t in summary.titles], _("Cộng"), _("Cả đơn vị trực thuộc")],
    )
    _bold_header(sheet, 2)
    for row in summary.rows:
        row_append(sheet, [row.unit.name, *row.counts, row.total, row.with_units_below])
    row_append(sheet, [_("Tổng cộng"), *summary.totals, summary.total, ""])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 40
    detail = workbook.create_sheet(_("Danh sách"))
    row_append(
        detail, [_("STT"), _("Đơn vị"), _("Mã cán bộ"), _("Họ và tên"), _("Danh hiệu đăng ký")]
    )
    _bold_header(detail)
    for number, registration in enumerate(registrations, 1):
        person = registration.person
        row_append(
            detail,
            [
                number,
                registration.unit.name,
                person.code if person else "",
                person.full_name if person else _("Tập thể đơn vị"),
                registration.award_type.name,
            ],
        )
    for column, width in zip("ABCDE", [6, 40, 16, 34, 34], strict=True):
        detail.column_dimensions[column].width = width
    return _save(workbook)
