"""The recognition decision's annex (danh sách kèm theo Quyết định công nhận danh hiệu): the
officers and collectives recognised, grouped by title, then by unit, as .xlsx (every cell
through the formula-safe `row_append`)."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from commendations.annual_titles.models import RatingList
from commendations.annual_titles.selectors import annex_groups
from commendations.files.spreadsheet import row_append


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
