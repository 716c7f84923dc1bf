"""The blank workbook a unit officer downloads for a campaign: the list sheet with its headers and
drop-downs, one example row, and a sheet of the allowed values."""

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from commendations.access.selectors import units_of
from commendations.campaigns.models import Affiliation, AwardType, Campaign, NomineeKind
from commendations.files.spreadsheet import row_append
from commendations.nominations.imports.layout import (
    COLUMN_BY_KEY,
    COLUMNS,
    EXAMPLE_MARK,
    HEADER_ROW,
    HEADERS,
    LISTS_SHEET,
    MAX_ROWS,
    SHEET,
)
from commendations.nominations.models import Gender


def _award_label(award_type: AwardType) -> str:
    return award_type.name


def import_template_build(*, campaign: Campaign, user: Any) -> bytes:
    """The blank list for a campaign: headers, drop-downs, and one example row (skipped on
    import because its STT says “Ví dụ”)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    lists = workbook.create_sheet(LISTS_SHEET)
    award_types = list(campaign.award_types.order_by("sort_order", "code"))
    units = list(units_of(user).order_by("path")) if user is not None else []

    row_append(
        lists,
        [
            "Hình thức khen thưởng",
            "Đối tượng",
            "Giới tính",
            "Mã đơn vị",
            "Tên đơn vị",
            "Thuộc lực lượng",
        ],
    )
    kinds = [str(label) for _v, label in NomineeKind.choices]
    genders = [str(label) for _v, label in Gender.choices]
    affiliations = [str(label) for _v, label in Affiliation.choices]
    longest = max(len(award_types), len(kinds), len(genders), len(units), len(affiliations))
    for i in range(longest):
        row_append(
            lists,
            [
                _award_label(award_types[i]) if i < len(award_types) else None,
                kinds[i] if i < len(kinds) else None,
                genders[i] if i < len(genders) else None,
                units[i].code if i < len(units) else None,
                units[i].name if i < len(units) else None,
                affiliations[i] if i < len(affiliations) else None,
            ],
        )
    for letter, width in zip("ABCDEF", (40, 12, 10, 18, 40, 24), strict=True):
        lists.column_dimensions[letter].width = width

    row_append(sheet, HEADERS)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(COLUMNS, 1):
        cell = sheet.cell(row=HEADER_ROW, column=index)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"

    example_award = award_types[-1] if award_types else None
    example = {
        "number": EXAMPLE_MARK,
        "unit": units[0].code if units else "",
        "award_type": _award_label(example_award) if example_award else "",
        "nominee_kind": str(NomineeKind.INDIVIDUAL.label),
        "nominee_name": "Nguyễn Văn A",
        "rank": "Đại úy",
        "position": "Trưởng Công an xã",
        "workplace": "Công an xã ..., huyện ...",
        "date_of_birth": "15/08/1988",
        "gender": str(Gender.MALE.label),
        "affiliation": str(Affiliation.FORCE.label),
        "achievement_summary": "Tóm tắt thành tích (dòng ví dụ: không được nhập)",
    }
    row_append(sheet, [example.get(c.key, "") for c in COLUMNS])
    grey = Font(italic=True, color="808080")
    for index in range(1, len(COLUMNS) + 1):
        sheet.cell(row=2, column=index).font = grey
        sheet.cell(row=2, column=index).number_format = "@"

    last = MAX_ROWS + 1

    def add_list(key: str, formula: str) -> None:
        letter = get_column_letter(HEADERS.index(COLUMN_BY_KEY[key].header) + 1)
        validation = DataValidation(type="list", formula1=formula, allow_blank=True)
        validation.error = _("Hãy chọn trong danh sách.")
        validation.errorTitle = COLUMN_BY_KEY[key].header
        validation.showErrorMessage = True
        sheet.add_data_validation(validation)
        validation.add(f"{letter}2:{letter}{last}")

    quoted = f"'{LISTS_SHEET}'"
    if award_types:
        add_list("award_type", f"{quoted}!$A$2:$A${len(award_types) + 1}")
    add_list("nominee_kind", f"{quoted}!$B$2:$B${len(kinds) + 1}")
    add_list("gender", f"{quoted}!$C$2:$C${len(genders) + 1}")
    add_list("affiliation", f"{quoted}!$F$2:$F${len(affiliations) + 1}")
    if units:
        add_list("unit", f"{quoted}!$D$2:$D${len(units) + 1}")
    date_letter = get_column_letter(HEADERS.index(COLUMN_BY_KEY["date_of_birth"].header) + 1)
    for row in range(2, 200):
        sheet[f"{date_letter}{row}"].number_format = "@"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
