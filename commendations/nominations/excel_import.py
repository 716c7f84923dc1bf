"""Import nominations from the .xlsx template: every row is checked first, errors are reported by
row and column (all of them in one pass, one message per cause), and drafts are created only when
every row is valid (one transaction, `bulk_create` in batches).

The file is read through commendations.files.safe: streamed, bounded in rows, columns, cells and
in the zip's expanded size. On the web and the API an import is a NominationImport run by a
worker (`nomination_import_start` -> task -> `nomination_import_run`); the management command and
the tests call `nominations_import` directly."""

import datetime
import io
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from celery import current_app
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from commendations.access.permissions import has_perm, user_may_act_for_unit
from commendations.access.selectors import units_of
from commendations.campaigns.models import AwardType, Campaign, NomineeKind
from commendations.eligibility.enforcement import enforce_at_submission
from commendations.files import safe as safe_files
from commendations.files.spreadsheet import row_append
from commendations.nominations.models import (
    DUPLICATE_CONSTRAINT,
    LEGACY_DUPLICATE_MARK,
    Gender,
    Nomination,
    NominationImport,
    NominationState,
)
from commendations.nominations.services import nomination_normalise
from commendations.units.models import Unit
from workflow.selectors import available_transitions

logger = logging.getLogger(__name__)
IMPORT_TASK = "commendations.nominations.tasks.run_nomination_import"
BATCH = 500
EXTRA_COLUMNS = 8  # a few note columns after the template's are tolerated (and ignored)

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
        rows = len({e.row for e in self.errors if e.row})
        if not rows:
            return _("Không nhập hồ sơ nào: %(error)s") % {"error": self.errors[0].message}
        return _(
            "Không nhập hồ sơ nào: %(n)s lỗi ở %(rows)s dòng. Tất cả lỗi đều được liệt kê dưới "
            "đây; hãy sửa hết rồi tải lên lại."
        ) % {"n": len(self.errors), "rows": rows}


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

    row_append(
        lists, ["Hình thức khen thưởng", "Đối tượng", "Giới tính", "Mã đơn vị", "Tên đơn vị"]
    )
    kinds = [str(label) for _v, label in NomineeKind.choices]
    genders = [str(label) for _v, label in Gender.choices]
    for i in range(max(len(award_types), len(kinds), len(genders), len(units))):
        row_append(
            lists,
            [
                _award_label(award_types[i]) if i < len(award_types) else None,
                kinds[i] if i < len(kinds) else None,
                genders[i] if i < len(genders) else None,
                units[i].code if i < len(units) else None,
                units[i].name if i < len(units) else None,
            ],
        )
    for letter, width in zip("ABCDE", (40, 12, 10, 18, 40), strict=True):
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
    if units:
        add_list("unit", f"{quoted}!$D$2:$D${len(units) + 1}")
    date_letter = get_column_letter(HEADERS.index(COLUMN_BY_KEY["date_of_birth"].header) + 1)
    for row in range(2, 200):
        sheet[f"{date_letter}{row}"].number_format = "@"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


# --- reading --------------------------------------------------------------------------------

SHEET_LIMITS = safe_files.SheetLimits(
    rows=HEADER_ROW + MAX_ROWS,
    columns=len(COLUMNS) + EXTRA_COLUMNS,
    cells=(HEADER_ROW + MAX_ROWS + 100) * (len(COLUMNS) + EXTRA_COLUMNS),
)
_DATE_SHAPE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _parse_date(value: Any) -> datetime.date:
    """A date cell, or text dd/mm/yyyy. A text in the right shape that names no real day (30/02)
    is told apart from a text in the wrong shape."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    match = _DATE_SHAPE.match(text)
    if match is None:
        raise ValueError(
            _("Ngày “%(value)s” không đúng dạng dd/mm/yyyy; hãy viết như 15/08/1988.")
            % {"value": text}
        )
    day, month, year = (int(g) for g in match.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError as exc:
        if not 1 <= month <= 12:
            reason = _("không có tháng %(month)s") % {"month": month}
        else:
            reason = _("tháng %(month)s năm %(year)s không có ngày %(day)s") % {
                "month": month,
                "year": year,
                "day": day,
            }
        raise ValueError(
            _("Ngày “%(value)s” không có thật (%(reason)s); hãy kiểm tra lại ngày sinh.")
            % {"value": text, "reason": reason}
        ) from exc


def _upload_size_check(upload: Any) -> None:
    size = getattr(upload, "size", None)
    if size == 0:
        raise FileRejected(_("Tệp rỗng."))
    if size is not None and size > MAX_BYTES:
        raise FileRejected(
            _("Tệp quá lớn (%(size).1f MB); giới hạn %(limit)s MB.")
            % {"size": size / 1048576, "limit": MAX_BYTES // 1048576}
        )


def _open(upload: Any) -> safe_files.BoundedWorkbook:
    _upload_size_check(upload)
    try:
        return safe_files.xlsx_open(upload, limits=SHEET_LIMITS, max_bytes=MAX_BYTES)
    except safe_files.UnsafeFile as exc:
        message = str(exc)
        if message == _("Tệp không phải là tệp %(kind)s hợp lệ.") % {"kind": ".xlsx"}:
            message = _("Tệp không phải là tệp Excel .xlsx (hãy dùng tệp mẫu của hệ thống).")
        raise FileRejected(message) from exc


def _read_rows(upload: Any, result: ImportResult) -> list[tuple[int, dict[str, Any]]]:
    """The data rows, streamed from the file under SHEET_LIMITS. Cells holding a formula are
    reported (every one of them) and their rows left out."""
    workbook = _open(upload)
    sheet = workbook.sheet(SHEET)
    declared = sheet.max_row
    if declared is not None and declared - HEADER_ROW > MAX_ROWS:
        raise FileRejected(
            _("Tệp có %(n)s dòng; mỗi lần chỉ nhập tối đa %(max)s dòng, hãy chia nhỏ tệp.")
            % {"n": declared - HEADER_ROW, "max": MAX_ROWS}
        )
    merged = workbook.merged_ranges(sheet)
    if merged:
        raise FileRejected(
            _("Tệp có ô gộp (%(ranges)s): hãy bỏ gộp ô, mỗi ô một giá trị.")
            % {"ranges": ", ".join(merged[:5])}
        )
    rows = []
    try:
        stream = workbook.rows(sheet)
        _number, header_values = next(stream, (0, ()))
        header = [_text(v) for v in header_values]
        expected = [h.casefold() for h in HEADERS]
        found = [h.casefold() for h in header[: len(HEADERS)]]
        if found != expected:
            missing = [h for h in HEADERS if h.casefold() not in found]
            raise FileRejected(
                _(
                    "Dòng tiêu đề không đúng mẫu. Cần đúng các cột, theo thứ tự: "
                    "%(headers)s.%(missing)s"
                )
                % {
                    "headers": "; ".join(HEADERS),
                    "missing": (
                        " " + _("Thiếu: %(cols)s.") % {"cols": "; ".join(missing)}
                        if missing
                        else ""
                    ),
                }
            )
        for number, cells in stream:
            values = dict(zip((c.key for c in COLUMNS), cells, strict=False))
            if all(_text(v) == "" for v in values.values()):
                continue
            if _text(values.get("number")).casefold() == EXAMPLE_MARK.casefold():
                continue
            formulas = [
                c
                for c in COLUMNS
                if isinstance(values.get(c.key), str) and values[c.key][:1] == "="
            ]
            for column in formulas:
                result.errors.append(
                    RowError(number, column.header, _("Ô chứa công thức; hãy dán giá trị."))
                )
            if not formulas:
                rows.append((number, values))
    except safe_files.RowsExceeded as exc:
        raise FileRejected(
            _("Tệp có hơn %(max)s dòng; mỗi lần chỉ nhập tối đa %(max)s dòng, hãy chia nhỏ tệp.")
            % {"max": MAX_ROWS}
        ) from exc
    except safe_files.UnsafeFile as exc:
        raise FileRejected(str(exc)) from exc
    if not rows and not result.errors:
        raise FileRejected(_("Tệp không có dòng dữ liệu nào (dòng ví dụ không được tính)."))
    return rows


# --- validating ------------------------------------------------------------------------------

# Model fields checked by clean_fields on the candidate (no query): lengths and blanks.
_FIELD_COLUMNS = {
    "nominee_name": "nominee_name",
    "rank": "rank",
    "position": "position",
    "workplace": "workplace",
    "achievement_summary": "achievement_summary",
    "gender": "gender",
    "date_of_birth": "date_of_birth",
    "nominee_kind": "nominee_kind",
}
_NOT_CLEANED = [
    f.name
    for f in Nomination._meta.get_fields()
    if getattr(f, "concrete", False) and f.name not in _FIELD_COLUMNS
]


@dataclass
class _Context:
    campaign: Campaign
    actor: Any
    award_types: dict[str, AwardType]
    units: dict[str, Unit]


def _validate_row(
    row: int, values: dict[str, Any], ctx: _Context, errors: list[RowError]
) -> Nomination | None:
    """Every error of the row at once, at most one per column (the first cause found); the
    unsaved draft when there is none."""
    flagged: dict[str, str] = {}

    def error(key: str, message: str) -> None:
        if key not in flagged:
            flagged[key] = message
            errors.append(RowError(row, COLUMN_BY_KEY[key].header, message))

    for column in COLUMNS:
        if column.required and _text(values.get(column.key)) == "":
            error(column.key, _("Chưa nhập “%(col)s”.") % {"col": column.header})
    data: dict[str, Any] = {}
    unit_code = _text(values.get("unit"))
    if unit_code:
        unit = ctx.units.get(unit_code.casefold())
        if unit is None:
            error(
                "unit",
                _("Không có đơn vị mã “%(code)s”; hãy chọn mã trong danh sách thả xuống.")
                % {"code": unit_code},
            )
        elif not user_may_act_for_unit(ctx.actor, unit):
            error("unit", _("Bạn không lập hồ sơ cho đơn vị “%(name)s”.") % {"name": unit.name})
        else:
            data["unit"] = unit
    award_text = _text(values.get("award_type"))
    if award_text:
        award = ctx.award_types.get(award_text.casefold())
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
        nominee_unit = ctx.units.get(nominee_unit_code.casefold())
        if nominee_unit is None:
            error(
                "nominee_unit",
                _("Không có đơn vị mã “%(code)s”.") % {"code": nominee_unit_code},
            )
        else:
            data["nominee_unit"] = nominee_unit
    name = _text(values.get("nominee_name"))
    kind = data.get("nominee_kind")
    named_by_unit = kind == NomineeKind.COLLECTIVE and (
        "nominee_unit" in data or "nominee_unit" in flagged
    )
    if not name and not named_by_unit:
        if kind == NomineeKind.INDIVIDUAL:
            error("nominee_name", _("Chưa nhập họ và tên."))
        elif kind == NomineeKind.COLLECTIVE:
            error("nominee_name", _("Chưa nhập tên tập thể (hoặc mã đơn vị được khen)."))
        else:
            error("nominee_name", _("Chưa nhập tên tập thể / họ và tên."))
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
    # Lengths and blanks, in memory (the foreign keys were resolved from the dictionaries above).
    candidate = Nomination(campaign=ctx.campaign, created_by=ctx.actor, **data)
    if "nominee_kind" not in data:
        candidate.nominee_kind = NomineeKind.INDIVIDUAL
    nomination_normalise(candidate)
    try:
        candidate.clean_fields(exclude=[*_NOT_CLEANED, *flagged])
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            if key in COLUMN_BY_KEY and key not in flagged:
                error(key, messages[0])
    if flagged:
        return None
    candidate.nominee_key_refresh()
    return candidate


def _existing_keys(campaign: Campaign) -> dict[str, int]:
    existing: dict[str, int] = {}
    for pk, key in (
        campaign.nominations.exclude(state=NominationState.WITHDRAWN)
        .order_by("pk")
        .values_list("pk", "nominee_key")
    ):
        existing.setdefault(key.split(LEGACY_DUPLICATE_MARK, 1)[0], pk)
    return existing


def nominations_validate(
    *,
    campaign: Campaign,
    upload: Any,
    actor: Any,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[ImportResult, list[tuple[int, Nomination]]]:
    """Check every row (a fixed number of queries for the whole file); return the errors (by row
    and column) and the unsaved drafts ready to create."""
    result = ImportResult()
    if not has_perm(actor, "propose_nomination"):
        raise PermissionDenied(_("Bạn không có quyền lập hồ sơ đề nghị."))
    try:
        rows = _read_rows(upload, result)
    except FileRejected as exc:
        result.errors.append(RowError(None, "", str(exc)))
        return result, []
    result.rows = len(rows)
    award_types: dict[str, AwardType] = {}
    for award in campaign.award_types.all():
        award_types[award.name.casefold()] = award
        award_types[award.code.casefold()] = award
        award_types.setdefault(award.short_name.casefold(), award)
    ctx = _Context(
        campaign=campaign,
        actor=actor,
        award_types=award_types,
        units={u.code.casefold(): u for u in Unit.objects.all()},
    )
    existing = _existing_keys(campaign)
    seen: dict[str, int] = {}
    ready = []
    name_header = COLUMN_BY_KEY["nominee_name"].header
    for index, (row, values) in enumerate(rows, 1):
        candidate = _validate_row(row, values, ctx, result.errors)
        if progress is not None and index % BATCH == 0:
            progress(index, len(rows))
        if candidate is None:
            continue
        key = candidate.nominee_key
        if key in seen:
            result.errors.append(
                RowError(
                    row,
                    name_header,
                    _("Trùng với dòng %(other)s trong tệp; hãy xoá một trong hai dòng.")
                    % {"other": seen[key]},
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
                    % {"name": candidate.nominee_name, "pk": existing[key]},
                )
            )
            continue
        ready.append((row, candidate))
    result.errors.sort(
        key=lambda e: (e.row or 0, HEADERS.index(e.column) if e.column in HEADERS else -1)
    )
    return result, ready


# --- importing -------------------------------------------------------------------------------


def _duplicates_after_race(
    campaign: Campaign, ready: list[tuple[int, Nomination]]
) -> list[RowError]:
    """The rows another import inserted first (seen after our insert failed on the constraint)."""
    existing = _existing_keys(campaign)
    header = COLUMN_BY_KEY["nominee_name"].header
    errors = []
    for row, candidate in ready:
        key = candidate.nominee_key
        if key in existing:
            errors.append(
                RowError(
                    row,
                    header,
                    _(
                        "“%(name)s” vừa được nhập bởi một lượt nhập khác (hồ sơ số %(pk)s); "
                        "dòng này bị bỏ."
                    )
                    % {"name": candidate.nominee_name, "pk": existing[key]},
                )
            )
    return errors or [RowError(None, "", _("Có hồ sơ trùng vừa được tạo; hãy tải lên lại."))]


def nominations_import(
    *,
    campaign: Campaign,
    upload: Any,
    actor: Any,
    progress: Callable[[int, int], None] | None = None,
    on_created: Callable[[ImportResult], None] | None = None,
) -> ImportResult:
    """All or nothing: drafts are created only when every row is valid, in one transaction,
    `BATCH` rows per INSERT (`on_created` runs inside that transaction). The database's unique
    constraint settles a race with another import of the same nominees: the loser creates
    nothing and gets the rows as errors."""
    result, ready = nominations_validate(
        campaign=campaign, upload=upload, actor=actor, progress=progress
    )
    if not result.ok:
        return result
    objects = [candidate for _row, candidate in ready]
    try:
        with transaction.atomic():
            for start in range(0, len(objects), BATCH):
                result.created.extend(
                    Nomination.objects.bulk_create(objects[start : start + BATCH])
                )
                if progress is not None:
                    progress(min(start + BATCH, len(objects)), len(objects))
            if on_created is not None:
                on_created(result)
    except IntegrityError as exc:
        if DUPLICATE_CONSTRAINT not in str(exc) and "nominee_key" not in str(exc):
            raise
        result.created = []
        result.errors = _duplicates_after_race(campaign, ready)
    return result


# --- background imports ----------------------------------------------------------------------


def _send(job_id: int) -> None:
    try:
        current_app.tasks[IMPORT_TASK].apply_async(args=[job_id], retry=False)
    except Exception as exc:  # the broker is down: the job stays pending, the page says so
        logger.warning("nomination import %s not sent: %s", job_id, exc)


@transaction.atomic
def nomination_import_start(*, campaign: Campaign, upload: Any, actor: Any) -> NominationImport:
    """Store the upload and queue its import (sent once the transaction commits). The size is
    checked here, the content by the worker."""
    if not has_perm(actor, "propose_nomination"):
        raise PermissionDenied(_("Bạn không có quyền lập hồ sơ đề nghị."))
    try:
        _upload_size_check(upload)
        content = safe_files.read_bounded(upload, limit=MAX_BYTES)
    except (FileRejected, safe_files.UnsafeFile) as exc:
        raise ValidationError({"file": str(exc)}) from exc
    job = NominationImport(
        campaign=campaign,
        created_by=actor,
        original_name=(getattr(upload, "name", "") or "")[:255],
    )
    job.file.save("upload.xlsx", ContentFile(content), save=False)
    job.save()
    job_id = job.pk
    transaction.on_commit(lambda: _send(job_id))
    return job


def _job_finish(job: NominationImport, result: ImportResult) -> None:
    """Record the outcome, unless the job already finished: the same job delivered twice (two
    schedulers, a redelivery) runs twice, the second run's inserts meet the unique constraint,
    and its "already in the campaign" errors must not overwrite the first run's success."""
    job.status = NominationImport.Status.DONE if result.ok else NominationImport.Status.FAILED
    job.rows_total = result.rows
    job.rows_done = result.rows
    job.errors = [e.as_dict() for e in result.errors]
    job.created_ids = [n.pk for n in result.created]
    job.summary = result.summary[:500]
    job.finished_at = timezone.now()
    NominationImport.objects.filter(
        pk=job.pk, status__in=[NominationImport.Status.PENDING, NominationImport.Status.RUNNING]
    ).update(
        status=job.status,
        rows_total=job.rows_total,
        rows_done=job.rows_done,
        errors=job.errors,
        created_ids=job.created_ids,
        summary=job.summary,
        finished_at=job.finished_at,
    )


def nomination_import_run(*, job_id: int) -> NominationImport:
    """Run a queued import (the task). Safe to run twice: a finished job is left as it is, and
    a successful import marks its job done in the transaction that inserts the drafts, so a
    worker that dies after that commit leaves a finished job; before it, nothing was written
    and the redelivered task runs the import again."""
    job = NominationImport.objects.select_related("campaign", "created_by").get(pk=job_id)
    if job.is_finished:
        return job
    NominationImport.objects.filter(pk=job.pk).update(status=NominationImport.Status.RUNNING)

    def progress(done: int, total: int) -> None:
        NominationImport.objects.filter(pk=job.pk).update(rows_done=done, rows_total=total)

    try:
        with job.file.open("rb") as handle:
            result = nominations_import(
                campaign=job.campaign,
                upload=handle,
                actor=job.created_by,
                progress=progress,
                on_created=lambda done: _job_finish(job, done),
            )
    except PermissionDenied as exc:
        result = ImportResult(errors=[RowError(None, "", str(exc))])
    if not result.ok:
        _job_finish(job, result)
    job.refresh_from_db()
    return job


def nomination_imports_sweep() -> int:
    """Send again the imports still pending a minute after upload (the broker was down)."""
    stale = NominationImport.objects.filter(
        status=NominationImport.Status.PENDING,
        created_at__lt=timezone.now() - datetime.timedelta(minutes=1),
    ).values_list("pk", flat=True)
    ids = list(stale)
    for job_id in ids:
        _send(job_id)
    return len(ids)


# --- after an import: what comes next -------------------------------------------------------


def import_drafts(job: NominationImport) -> list[Nomination]:
    return list(
        Nomination.objects.filter(pk__in=job.created_ids)
        .select_related("award_type", "unit")
        .order_by("pk")
    )


# Past this many drafts the status page does not check each one (the bulk submit still does).
READY_CHECK_MAX = 200


def _complete(nomination: Nomination) -> bool:
    try:
        enforce_at_submission(nomination)
    except ValidationError:
        return False
    return True


def drafts_ready_to_submit(drafts: list[Nomination], actor: Any) -> list[Nomination]:
    """The imported drafts the actor may submit now: `submit` is available to them (state
    machine) and the rule set finds nothing missing (documents, conditions, quota)."""
    return [
        n
        for n in drafts
        if n.state == NominationState.DRAFT
        and any(t.name == "submit" for t in available_transitions(n, actor))
        and _complete(n)
    ]


def next_steps(drafts: list[Nomination], ready: list[Nomination] | None) -> str:
    """What to do after a successful import (`ready` is None when not checked: too many)."""
    parts = [_("Đã tạo %(n)s hồ sơ dự thảo.") % {"n": len(drafts)}]
    waiting = len(drafts) - len(ready or [])
    if ready is None or waiting:
        parts.append(
            _(
                "%(n)s hồ sơ còn phải bổ sung tài liệu (tờ trình, báo cáo thành tích...) rồi mới "
                "gửi được: mở từng hồ sơ, tải tài liệu lên, rồi bấm “Gửi hồ sơ”, hoặc quay lại "
                "trang này để gửi tất cả hồ sơ đã đủ một lần."
            )
            % {"n": len(drafts) if ready is None else waiting}
        )
    if ready:
        parts.append(
            _("%(n)s hồ sơ đã đủ điều kiện: có thể gửi tất cả một lần.") % {"n": len(ready)}
        )
    return " ".join(parts)
