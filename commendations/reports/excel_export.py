"""Excel exports: a nomination list, the annex of a Decision, the statistics. Every cell is written
through files.spreadsheet, so no text becomes a formula."""

import io
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from commendations.campaigns.models import NomineeKind
from commendations.decisions.models import Decision
from commendations.decisions.prize import prize_rate
from commendations.documents.naming import alias_or_name
from commendations.files.spreadsheet import cell_write, row_append
from commendations.nominations.models import Nomination

BOLD = Font(bold=True)
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _date(value: Any) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _save(workbook: Workbook) -> bytes:
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _table(sheet: Worksheet, start_row: int, headers: list[str], rows: Iterable[list]) -> int:
    for index, header in enumerate(headers, 1):
        cell = cell_write(sheet, row=start_row, column=index, value=header)
        cell.font = BOLD
        cell.alignment = CENTER
        cell.border = BOX
    row_number = start_row
    for row_number, values in enumerate(rows, start_row + 1):
        for index, value in enumerate(values, 1):
            cell = cell_write(sheet, row=row_number, column=index, value=value)
            cell.border = BOX
            cell.alignment = WRAP
    return row_number


def _widths(sheet: Worksheet, widths: list[int]) -> None:
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width


NOMINATION_HEADERS = [
    "STT",
    "Đợt thi đua",
    "Đơn vị đề nghị",
    "Hình thức khen thưởng",
    "Đối tượng",
    "Tên tập thể / Họ và tên",
    "Cấp bậc",
    "Chức vụ",
    "Đơn vị công tác / nơi cư trú",
    "Ngày sinh",
    "Trạng thái",
    "Ngày gửi",
    "Quyết định",
]


def nominations_xlsx(queryset: Iterable[Nomination]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Hồ sơ đề nghị"
    rows = (
        [
            number,
            n.campaign.name,
            n.unit.name,
            n.award_type.name,
            n.get_nominee_kind_display(),
            n.nominee_name,
            n.rank,
            n.position,
            n.workplace,
            _date(n.date_of_birth),
            n.get_state_display(),
            _date(n.submitted_at),
            n.decision.number if n.decision_id else "",
        ]
        for number, n in enumerate(queryset, 1)
    )
    _table(sheet, 1, NOMINATION_HEADERS, rows)
    sheet.freeze_panes = "A2"
    _widths(sheet, [6, 30, 28, 30, 10, 40, 12, 28, 36, 12, 22, 12, 20])
    return _save(workbook)


def decision_annex_xlsx(decision: Decision) -> bytes:
    """Danh sách kèm theo Quyết định: collectives first, then individuals, numbered per part."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    nominations = list(
        decision.nominations.select_related("award_type", "unit", "nominee_unit").order_by(
            "nominee_kind", "unit__path", "pk"
        )
    )
    award = nominations[0].award_type.name if nominations else ""
    rate = prize_rate(
        authority=decision.authority,
        on=decision.date,
        award_type_id=nominations[0].award_type_id if nominations else None,
    )
    width = 7
    title = [
        _("DANH SÁCH %(award)s") % {"award": award.upper()},
        _("(Kèm theo Quyết định số %(number)s ngày %(date)s của %(authority)s)")
        % {
            "number": decision.number,
            "date": _date(decision.date),
            "authority": decision.get_authority_display(),
        },
    ]
    for row, text in enumerate(title, 1):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        cell = cell_write(sheet, row=row, column=1, value=text)
        cell.font = Font(bold=row == 1, italic=row == 2)
        cell.alignment = CENTER
    headers = [
        "STT",
        "Họ và tên / Tên tập thể",
        "Cấp bậc",
        "Chức vụ",
        "Đơn vị",
        "Tiền thưởng (đồng)",
        "Ghi chú",
    ]
    total = 0
    row = _table(sheet, 4, headers, [])
    parts = [
        (NomineeKind.COLLECTIVE, _("I. TẬP THỂ")),
        (NomineeKind.INDIVIDUAL, _("II. CÁ NHÂN")),
    ]
    for kind, label in parts:
        members = [n for n in nominations if n.nominee_kind == kind]
        if not members:
            continue
        row += 1
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        cell_write(sheet, row=row, column=1, value=f"{label} ({len(members)})").font = BOLD
        for number, n in enumerate(members, 1):
            row += 1
            amount = rate.amount(kind) if rate else None
            total += amount or 0
            values = [
                number,
                alias_or_name(n),
                n.rank,
                n.position,
                n.workplace or n.unit.name,
                amount,
                "",
            ]
            for index, value in enumerate(values, 1):
                cell = cell_write(sheet, row=row, column=index, value=value)
                cell.border = BOX
                cell.alignment = WRAP
                if index == 6:
                    cell.number_format = "#,##0"
    row += 2
    cell_write(
        sheet, row=row, column=1, value=_("Tổng cộng: %(n)s") % {"n": len(nominations)}
    ).font = BOLD
    if rate:
        total_cell = cell_write(sheet, row=row, column=6, value=total)
        total_cell.font = BOLD
        total_cell.number_format = "#,##0"
    _widths(sheet, [6, 45, 12, 30, 40, 16, 12])
    return _save(workbook)


def statistics_xlsx(stats: Any) -> bytes:
    workbook = Workbook()
    summary = workbook.active
    summary.title = "Tổng hợp"
    row_append(summary, [_("Thống kê khen thưởng"), stats.campaign.name])
    summary["A1"].font = BOLD
    row_append(summary, [_("Tổng số hồ sơ"), stats.total])
    row_append(summary, [_("Đã khen thưởng"), stats.approved])
    row_append(summary, [_("Ngoài lực lượng Công an"), stats.outside_force])
    row_append(summary, [_("Hồ sơ chứa bí mật nhà nước (chỉ đếm)"), stats.secret])
    row_append(summary, [_("Tổng tiền thưởng (đồng)"), stats.prize_total])
    row_append(summary, [_("Đã có kết quả (khen / không khen / không đề nghị)"), stats.finished])
    row_append(
        summary,
        [
            _("Tỷ lệ được khen thưởng"),
            f"{stats.approval_rate * 100:.1f}%" if stats.approval_rate is not None else "—",
        ],
    )
    _widths(summary, [50, 50])

    def sheet(title: str, headers: list[str], rows: Iterable[list], widths: list[int]) -> None:
        ws = workbook.create_sheet(title)
        _table(ws, 1, headers, rows)
        _widths(ws, widths)

    sheet(
        "Theo trạng thái",
        ["Trạng thái", "Số hồ sơ"],
        ([r["label"], r["count"]] for r in stats.by_state),
        [30, 12],
    )
    sheet(
        "Theo quy trình",
        ["Bước", "Số hồ sơ"],
        ([r["label"], r["count"]] for r in stats.funnel),
        [30, 12],
    )
    sheet(
        "Theo hình thức",
        ["Hình thức", "Tổng", "Đã khen", "Tập thể", "Cá nhân"],
        (
            [r["award_type__name"], r["total"], r["approved"], r["collective"], r["individual"]]
            for r in stats.by_award_type
        ),
        [40, 10, 10, 10, 10],
    )
    # People outside the force counted apart, each kind; dossiers with state secrets only as a
    # number (counted, never described: no name, unit or award on any sheet for them).
    sheet(
        "Ngoài lực lượng",
        ["Thuộc lực lượng", "Số hồ sơ"],
        [
            *([r["label"], r["count"]] for r in stats.by_affiliation),
            [_("Cộng ngoài lực lượng Công an"), stats.outside_force],
            [_("Trong đó hồ sơ chứa bí mật nhà nước (chỉ đếm, không mô tả)"), stats.secret],
        ],
        [50, 12],
    )
    sheet(
        "Tập thể - cá nhân",
        ["Đối tượng", "Số hồ sơ"],
        ([r["label"], r["count"]] for r in stats.by_kind),
        [20, 12],
    )
    sheet(
        "Theo đơn vị",
        ["Mã", "Đơn vị", "Của đơn vị", "Gồm đơn vị trực thuộc", "Đã khen"],
        (
            [r["code"], "    " * r["depth"] + r["name"], r["own"], r["total"], r["approved"]]
            for r in stats.by_unit
        ),
        [16, 45, 12, 20, 10],
    )
    sheet(
        "Thời gian xử lý",
        ["Bước", "Số lượt", "Số ngày trung bình"],
        ([r["label"], r["count"], r["days"]] for r in stats.step_days),
        [30, 10, 18],
    )
    sheet(
        "So sánh các năm",
        ["Năm", "Tổng", "Đã khen", "Tập thể", "Cá nhân"],
        (
            [r["year"], r["total"], r["approved"], r["collective"], r["individual"]]
            for r in stats.by_year
        ),
        [10, 10, 10, 10, 10],
    )
    labels = {
        "total": _("Đã cấp số"),
        "generated": _("Đã tạo"),
        "printed": _("Đã in"),
        "presented": _("Đã trao"),
        "failed": _("Lỗi khi tạo"),
        "revoked": _("Đã thu hồi"),
    }
    sheet(
        "Bằng khen, Giấy khen",
        ["Chỉ tiêu", "Số lượng"],
        ([labels[k], stats.certificates.get(k, 0)] for k in labels),
        [30, 12],
    )
    return _save(workbook)


def title_statistics_xlsx(stats: Any) -> bytes:
    """The annual titles' statistics (`reports.title_statistics`): per year, unit and title, and
    the totals per title; every cell through `cell_write`."""
    years = (
        str(stats.year_from)
        if stats.year_from == stats.year_to
        else f"{stats.year_from}–{stats.year_to}"
    )
    workbook = Workbook()
    by_unit = workbook.active
    by_unit.title = _("Theo đơn vị")
    cell_write(
        by_unit,
        row=1,
        column=1,
        value=_("Thống kê danh hiệu thi đua năm %(years)s") % {"years": years},
    ).font = BOLD
    _table(
        by_unit,
        3,
        [
            _("Năm"),
            _("Đơn vị"),
            _("Danh hiệu"),
            _("Đề nghị"),
            _("Không xét"),
            _("Được công nhận"),
            _("Tỷ lệ tối đa"),
        ],
        (
            [
                c.year,
                c.unit.name,
                c.award_type.name,
                c.proposed,
                c.excluded,
                c.recognised,
                c.cap_text,
            ]
            for c in stats.cells
        ),
    )
    _widths(by_unit, [8, 40, 30, 10, 10, 14, 36])
    totals = workbook.create_sheet(_("Tổng theo danh hiệu"))
    _table(
        totals,
        1,
        [_("Danh hiệu"), _("Đề nghị"), _("Không xét"), _("Được công nhận"), _("Tỷ lệ tối đa")],
        (
            [t.award_type.name, t.proposed, t.excluded, t.recognised, t.cap_text]
            for t in stats.totals
        ),
    )
    _widths(totals, [30, 10, 10, 14, 30])
    return _save(workbook)
