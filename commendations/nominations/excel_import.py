"""Import nominations from the .xlsx template: every row is checked first, errors are reported by
row and column, and drafts are created only when every row is valid (one transaction)."""

import datetime
import io
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from commendations.access.permissions import has_perm, user_may_act_for_unit
from commendations.access.selectors import units_of
from commendations.campaigns.models import AwardType, Campaign, NomineeKind
from commendations.nominations.models import Gender, Nomination, NominationState
from commendations.nominations.services import _normalise, nomination_create
from commendations.units.models import Unit

MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024
HEADER_ROW = 1
EXAMPLE_MARK = "Ví dụ"
SHEET = "Danh sách đề nghị"
LISTS_SHEET = "Danh mục"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    required: bool = False


COLUMNS = [
    Column("number", "STT", 6),
    Column("unit", "Mã đơn vị đề nghị", 16, required=True),
    Column("award_type", "Hình thức khen thưởng", 34, required=True),
    Column("nominee_kind", "Đối tượng", 12, required=True),
    Column("nominee_name", "Tên tập thể / Họ và tên", 40),
    Column("nominee_unit", "Mã đơn vị được khen (tập thể)", 18),
    Column("rank", "Cấp bậc", 12),
    Column("position", "Chức vụ", 28),
    Column("workplace", "Đơn vị công tác / nơi cư trú", 36),
    Column("date_of_birth", "Ngày sinh (dd/mm/yyyy)", 14),
    Column("gender", "Giới tính", 10),
    Column("achievement_summary", "Tóm tắt thành tích", 60, required=True),
]
HEADERS = [c.header for c in COLUMNS]
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
KIND_LABELS = {str(label).casefold(): value for value, label in NomineeKind.choices}
GENDER_LABELS = {str(label).casefold(): value for value, label in Gender.choices}


@dataclass
class RowError:
    row: int | None
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportResult:
    created: list[Nomination] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def summary(self) -> str:
        if self.ok:
            return _("Đã nhập %(n)s hồ sơ dự thảo.") % {"n": len(self.created)}
        return _("Không nhập hồ sơ nào: tệp có %(n)s lỗi, hãy sửa rồi tải lên lại.") % {
            "n": len(self.errors)
        }


class FileRejected(Exception):
    """The file as a whole cannot be read (not a workbook, wrong headers, too big...)."""


# --- the template -------------------------------------------------------------------------


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

    lists.append(["Hình thức khen thưởng", "Đối tượng", "Giới tính", "Mã đơn vị", "Tên đơn vị"])
    kinds = [str(label) for _v, label in NomineeKind.choices]
    genders = [str(label) for _v, label in Gender.choices]
    for i in range(max(len(award_types), len(kinds), len(genders), len(units))):
        lists.append(
            [
                _award_label(award_types[i]) if i < len(award_types) else None,
                kinds[i] if i < len(kinds) else None,
                genders[i] if i < len(genders) else None,
                units[i].code if i < len(units) else None,
                units[i].name if i < len(units) else None,
            ]
        )
    for letter, width in zip("ABCDE", (40, 12, 10, 18, 40), strict=True):
        lists.column_dimensions[letter].width = width

    sheet.append(HEADERS)
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
        "achievement_summary": "Tóm tắt thành tích (dòng ví dụ: không được nhập)",
    }
    sheet.append([example.get(c.key, "") for c in COLUMNS])
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
    if units:
        add_list("unit", f"{quoted}!$D$2:$D${len(units) + 1}")
    date_letter = get_column_letter(HEADERS.index(COLUMN_BY_KEY["date_of_birth"].header) + 1)
    for row in range(2, 200):
        sheet[f"{date_letter}{row}"].number_format = "@"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


# --- reading --------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _parse_date(value: Any) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    try:
        return datetime.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError as exc:
        raise ValueError(
            _("Ngày “%(value)s” không đúng dạng dd/mm/yyyy.") % {"value": text}
        ) from exc


def _open(upload: Any) -> Any:
    size = getattr(upload, "size", None)
    if size == 0:
        raise FileRejected(_("Tệp rỗng."))
    if size is not None and size > MAX_BYTES:
        raise FileRejected(
            _("Tệp quá lớn (%(size).1f MB); giới hạn %(limit)s MB.")
            % {"size": size / 1048576, "limit": MAX_BYTES // 1048576}
        )
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read() if hasattr(upload, "read") else bytes(upload)
    if not data:
        raise FileRejected(_("Tệp rỗng."))
    if not data.startswith(b"PK\x03\x04"):
        raise FileRejected(_("Tệp không phải là tệp Excel .xlsx (hãy dùng tệp mẫu của hệ thống)."))
    try:
        return load_workbook(io.BytesIO(data), data_only=False)
    except Exception as exc:  # a corrupt zip/XML surfaces as many exception types
        raise FileRejected(
            _("Không đọc được tệp Excel: tệp hỏng hoặc không phải định dạng .xlsx.")
        ) from exc


def _read_rows(upload: Any, result: ImportResult) -> list[tuple[int, dict[str, Any]]]:
    workbook = _open(upload)
    sheet = workbook[SHEET] if SHEET in workbook.sheetnames else workbook.worksheets[0]
    if sheet.max_row - HEADER_ROW > MAX_ROWS:
        raise FileRejected(
            _("Tệp có %(n)s dòng; mỗi lần chỉ nhập tối đa %(max)s dòng, hãy chia nhỏ tệp.")
            % {"n": sheet.max_row - HEADER_ROW, "max": MAX_ROWS}
        )
    if sheet.merged_cells.ranges:
        ranges = ", ".join(str(r) for r in list(sheet.merged_cells.ranges)[:5])
        raise FileRejected(
            _("Tệp có ô gộp (%(ranges)s): hãy bỏ gộp ô, mỗi ô một giá trị.") % {"ranges": ranges}
        )
    header = [_text(c.value) for c in next(sheet.iter_rows(min_row=1, max_row=1), ())]
    expected = [h.casefold() for h in HEADERS]
    found = [h.casefold() for h in header[: len(HEADERS)]]
    if found != expected:
        missing = [h for h in HEADERS if h.casefold() not in found]
        raise FileRejected(
            _("Dòng tiêu đề không đúng mẫu. Cần đúng các cột, theo thứ tự: %(headers)s.%(missing)s")
            % {
                "headers": "; ".join(HEADERS),
                "missing": (
                    " " + _("Thiếu: %(cols)s.") % {"cols": "; ".join(missing)} if missing else ""
                ),
            }
        )
    rows = []
    for cells in sheet.iter_rows(min_row=HEADER_ROW + 1, max_col=len(COLUMNS)):
        values = {}
        has_formula = False
        for column, cell in zip(COLUMNS, cells, strict=False):
            if cell.data_type == "f" or (
                isinstance(cell.value, str) and cell.value.startswith("=")
            ):
                result.errors.append(
                    RowError(cell.row, column.header, _("Ô chứa công thức; hãy dán giá trị."))
                )
                has_formula = True
            values[column.key] = cell.value
        if all(_text(v) == "" for v in values.values()):
            continue
        if _text(values.get("number")).casefold() == EXAMPLE_MARK.casefold():
            continue
        if not has_formula:
            rows.append((cells[0].row, values))
    if not rows and not result.errors:
        raise FileRejected(_("Tệp không có dòng dữ liệu nào (dòng ví dụ không được tính)."))
    return rows


# --- validating and importing ---------------------------------------------------------------


def _duplicate_key(kind: str, name: str, date_of_birth: datetime.date | None) -> tuple:
    return (kind, " ".join(name.casefold().split()), date_of_birth)


def _validate_row(
    row: int,
    values: dict[str, Any],
    *,
    campaign: Campaign,
    actor: Any,
    award_types: dict[str, AwardType],
    units: dict[str, Unit],
    errors: list[RowError],
) -> dict[str, Any] | None:
    def error(key: str, message: str) -> None:
        errors.append(RowError(row, COLUMN_BY_KEY[key].header, message))

    before = len(errors)
    for column in COLUMNS:
        if column.required and _text(values.get(column.key)) == "":
            error(column.key, _("Bắt buộc nhập."))
    data: dict[str, Any] = {}
    unit_code = _text(values.get("unit"))
    if unit_code:
        unit = units.get(unit_code.casefold())
        if unit is None:
            error("unit", _("Không có đơn vị mã “%(code)s”.") % {"code": unit_code})
        elif not user_may_act_for_unit(actor, unit):
            error("unit", _("Bạn không lập hồ sơ cho đơn vị “%(name)s”.") % {"name": unit.name})
        else:
            data["unit"] = unit
    award_text = _text(values.get("award_type"))
    if award_text:
        award = award_types.get(award_text.casefold())
        if award is None:
            error(
                "award_type",
                _("Đợt thi đua này không xét hình thức “%(award)s”.") % {"award": award_text},
            )
        else:
            data["award_type"] = award
    kind_text = _text(values.get("nominee_kind"))
    if kind_text:
        kind = KIND_LABELS.get(kind_text.casefold()) or (
            kind_text if kind_text in NomineeKind.values else None
        )
        if kind is None:
            error("nominee_kind", _("Chỉ nhận “Tập thể” hoặc “Cá nhân”."))
        elif "award_type" in data and not data["award_type"].accepts(kind):
            error(
                "nominee_kind",
                _("Hình thức “%(award)s” không áp dụng cho %(kind)s.")
                % {"award": data["award_type"].name, "kind": kind_text.lower()},
            )
        else:
            data["nominee_kind"] = kind
    nominee_unit_code = _text(values.get("nominee_unit"))
    if nominee_unit_code:
        nominee_unit = units.get(nominee_unit_code.casefold())
        if nominee_unit is None:
            error("nominee_unit", _("Không có đơn vị mã “%(code)s”.") % {"code": nominee_unit_code})
        else:
            data["nominee_unit"] = nominee_unit
    if _text(values.get("date_of_birth")):
        try:
            data["date_of_birth"] = _parse_date(values["date_of_birth"])
        except ValueError as exc:
            error("date_of_birth", str(exc))
    gender_text = _text(values.get("gender"))
    if gender_text:
        gender = GENDER_LABELS.get(gender_text.casefold())
        if gender is None:
            error("gender", _("Chỉ nhận “Nam” hoặc “Nữ”."))
        else:
            data["gender"] = gender
    for key in ("nominee_name", "rank", "position", "workplace", "achievement_summary"):
        data[key] = _text(values.get(key))
    if len(errors) > before:
        return None
    candidate = Nomination(campaign=campaign, **data)
    _normalise(candidate)
    try:
        # The foreign keys were just resolved from the database: skip re-checking that they exist
        # (the service's full_clean at creation checks everything again).
        candidate.full_clean(
            exclude=[
                "state",
                "decision",
                "created_by",
                "campaign",
                "unit",
                "award_type",
                "nominee_unit",
            ]
        )
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            header = COLUMN_BY_KEY[key].header if key in COLUMN_BY_KEY else ""
            for message in messages:
                errors.append(RowError(row, header, message))
        return None
    data["nominee_name"] = candidate.nominee_name
    return data


def nominations_validate(
    *, campaign: Campaign, upload: Any, actor: Any
) -> tuple[ImportResult, list[tuple[int, dict[str, Any]]]]:
    """Check every row; return the errors (by row and column) and the rows ready to create."""
    result = ImportResult()
    if not has_perm(actor, "propose_nomination"):
        raise PermissionDenied(_("Bạn không có quyền lập hồ sơ đề nghị."))
    try:
        rows = _read_rows(upload, result)
    except FileRejected as exc:
        result.errors.append(RowError(None, "", str(exc)))
        return result, []
    result.rows = len(rows)
    award_types = {}
    for award in campaign.award_types.all():
        award_types[award.name.casefold()] = award
        award_types[award.code.casefold()] = award
        award_types.setdefault(award.short_name.casefold(), award)
    units = {u.code.casefold(): u for u in Unit.objects.all()}
    existing: dict[tuple, int] = {}
    for pk, kind, name, dob in campaign.nominations.exclude(
        state=NominationState.WITHDRAWN
    ).values_list("pk", "nominee_kind", "nominee_name", "date_of_birth"):
        existing[_duplicate_key(kind, name, dob)] = pk
    seen: dict[tuple, int] = {}
    ready = []
    name_header = COLUMN_BY_KEY["nominee_name"].header
    for row, values in rows:
        data = _validate_row(
            row,
            values,
            campaign=campaign,
            actor=actor,
            award_types=award_types,
            units=units,
            errors=result.errors,
        )
        if data is None:
            continue
        key = _duplicate_key(data["nominee_kind"], data["nominee_name"], data.get("date_of_birth"))
        if key in seen:
            result.errors.append(
                RowError(
                    row,
                    name_header,
                    _("Trùng với dòng %(other)s trong tệp.") % {"other": seen[key]},
                )
            )
            continue
        seen[key] = row
        if key in existing:
            result.errors.append(
                RowError(
                    row,
                    name_header,
                    _("“%(name)s” đã có hồ sơ trong đợt thi đua này (hồ sơ số %(pk)s).")
                    % {"name": data["nominee_name"], "pk": existing[key]},
                )
            )
            continue
        ready.append((row, data))
    result.errors.sort(
        key=lambda e: (e.row or 0, HEADERS.index(e.column) if e.column in HEADERS else -1)
    )
    return result, ready


def nominations_import(*, campaign: Campaign, upload: Any, actor: Any) -> ImportResult:
    """All or nothing: drafts are created only when every row is valid, in one transaction."""
    result, ready = nominations_validate(campaign=campaign, upload=upload, actor=actor)
    if not result.ok:
        return result
    with transaction.atomic():
        for _row, data in ready:
            result.created.append(nomination_create(actor=actor, campaign=campaign, **data))
    return result
