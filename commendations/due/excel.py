"""The due list as .xlsx: one row per entry, the facts it rests on in one cell."""

from collections.abc import Iterable
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from commendations.due.registry import DueEntry


def due_xlsx(entries: Iterable[DueEntry], year: int) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(year)
    headers = [
        _("STT"),
        _("Cá nhân / tập thể"),
        _("Đơn vị"),
        _("Đề nghị"),
        _("Lý do"),
        _("Căn cứ (năm — danh hiệu — quyết định)"),
        _("Còn thiếu"),
        _("Không xét"),
    ]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, entry in enumerate(entries, start=1):
        unit = entry.unit if entry.person is None else entry.person.unit
        sheet.append(
            [
                number,
                entry.subject_name,
                unit.name if unit is not None else "",
                entry.award_type.name,
                entry.reason,
                "\n".join(f"{e.year} — {e.award_type} — {e.decision}" for e in entry.evidence),
                "; ".join(entry.missing),
                entry.excluded,
            ]
        )
    for column, width in zip("ABCDEFGH", [6, 28, 28, 32, 60, 50, 30, 40], strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
