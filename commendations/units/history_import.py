"""Import nominees' history from an Excel workbook, all or nothing.

Sheets (first row = headers, any order of columns):
- "Cá nhân": Mã | Họ và tên | Ngày sinh | Mã đơn vị
- "Danh hiệu": Mã cá nhân | Mã đơn vị | Năm | Danh hiệu | Số quyết định   (one of the two codes)
- "Sáng kiến": Mã cá nhân | Tên sáng kiến | Năm | Cấp công nhận
- "Kỷ luật": Mã cá nhân | Mã đơn vị | Loại | Từ ngày | Đến ngày | Ghi chú
Every row is checked first; one bad row and nothing is written. Running it twice changes nothing.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from commendations.files import safe as safe_files
from commendations.units.models import (
    DisciplinaryKind,
    DisciplinaryRecord,
    HonourKind,
    HonourRecord,
    Initiative,
    Person,
)
from commendations.units.selectors import UnitResolver

SHEETS = {
    "people": "Cá nhân",
    "honours": "Danh hiệu",
    "initiatives": "Sáng kiến",
    "discipline": "Kỷ luật",
}


class HistoryImportError(ValidationError):
    """Carries every row error ("Danh hiệu, dòng 4: ...")."""


@dataclass
class HistoryImportResult:
    people: int = 0
    honours: int = 0
    initiatives: int = 0
    discipline: int = 0
    errors: list[str] = field(default_factory=list)


def _choice(value: Any, choices: type) -> str | None:
    text = str(value or "").strip().lower()
    for choice in choices:
        if text in {choice.value.lower(), str(choice.label).lower()}:
            return choice.value
    return None


def _date(value: Any) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.datetime.strptime(str(value).strip(), "%d/%m/%Y").date()


def _year(value: Any) -> int:
    year = int(str(value).strip())
    if not 1945 <= year <= 2100:
        raise ValueError(year)
    return year


# Reading is bounded (commendations.files.safe): the zip's expanded size, then rows, columns
# and cells streamed one row at a time.
MAX_BYTES = 10 * 1024 * 1024
SHEET_LIMITS = safe_files.SheetLimits(rows=50_001, columns=16, cells=2_000_000)


def _open(source: str | Path | IO[bytes]) -> safe_files.BoundedWorkbook:
    try:
        return safe_files.xlsx_open(
            source, limits=SHEET_LIMITS, max_bytes=MAX_BYTES, data_only=True
        )
    except safe_files.UnsafeFile as exc:
        raise HistoryImportError([str(exc)]) from exc


def _rows(workbook: safe_files.BoundedWorkbook, title: str) -> list[tuple[int, dict[str, Any]]]:
    if title not in workbook.sheetnames:
        return []
    rows = []
    try:
        iterator = workbook.rows(workbook.sheet(title))
        _number, header = next(iterator, (1, ()))
        headers = [str(h or "").strip() for h in header]
        for number, values in iterator:
            if all(v in (None, "") for v in values):
                continue
            rows.append((number, dict(zip(headers, values, strict=False))))
    except safe_files.UnsafeFile as exc:
        raise HistoryImportError(
            [_("%(sheet)s: %(message)s") % {"sheet": title, "message": exc}]
        ) from exc
    return rows


def _text(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value).strip()


@transaction.atomic
def history_import(*, source: str | Path | IO[bytes]) -> HistoryImportResult:
    workbook = _open(source)
    result = HistoryImportResult()
    errors = result.errors
    # "Mã đơn vị" takes a code or any name the unit has had (old names resolve through the
    # registry; an ambiguous name is a row error naming the candidates).
    resolver = UnitResolver.build()
    people: dict[str, dict[str, Any]] = {}

    def error(sheet: str, number: int, message: str) -> None:
        errors.append(
            _("%(sheet)s, dòng %(row)s: %(message)s")
            % {"sheet": sheet, "row": number, "message": message}
        )

    sheet = SHEETS["people"]
    for number, row in _rows(workbook, sheet):
        code, name = _text(row, "Mã"), _text(row, "Họ và tên")
        unit_code = _text(row, "Mã đơn vị")
        if not code or not name:
            error(sheet, number, _("cần Mã và Họ và tên."))
            continue
        unit_id, problem = resolver.resolve(unit_code) if unit_code else (None, None)
        if problem:
            error(sheet, number, problem)
            continue
        try:
            born = _date(row.get("Ngày sinh"))
        except ValueError:
            error(sheet, number, _("ngày sinh phải có dạng dd/mm/yyyy."))
            continue
        people[code] = {"full_name": name, "date_of_birth": born, "unit_id": unit_id}
    known_people = set(people) | set(Person.objects.values_list("code", flat=True))

    def subject(sheet: str, number: int, row: dict[str, Any], *, unit_allowed: bool) -> Any:
        person, unit = _text(row, "Mã cá nhân"), _text(row, "Mã đơn vị") if unit_allowed else ""
        if bool(person) == bool(unit):
            error(sheet, number, _("cần đúng một trong Mã cá nhân hoặc Mã đơn vị."))
            return None
        if person and person not in known_people:
            error(sheet, number, _("không có cá nhân mã “%(code)s”.") % {"code": person})
            return None
        if unit:
            unit_id, problem = resolver.resolve(unit)
            if problem:
                error(sheet, number, problem)
                return None
            return ("unit", unit_id)
        return ("person", person)

    honours = []
    sheet = SHEETS["honours"]
    for number, row in _rows(workbook, sheet):
        who = subject(sheet, number, row, unit_allowed=True)
        kind = _choice(row.get("Danh hiệu"), HonourKind)
        if kind is None:
            error(
                sheet,
                number,
                _("danh hiệu “%(value)s” không có trong danh mục.")
                % {"value": _text(row, "Danh hiệu")},
            )
        try:
            year = _year(row.get("Năm"))
        except (TypeError, ValueError):
            error(sheet, number, _("năm không hợp lệ."))
            continue
        if who and kind:
            honours.append((who, year, kind, _text(row, "Số quyết định")))

    initiatives = []
    sheet = SHEETS["initiatives"]
    for number, row in _rows(workbook, sheet):
        who = subject(sheet, number, row, unit_allowed=False)
        title = _text(row, "Tên sáng kiến")
        if not title:
            error(sheet, number, _("cần Tên sáng kiến."))
        try:
            year = _year(row.get("Năm"))
        except (TypeError, ValueError):
            error(sheet, number, _("năm không hợp lệ."))
            continue
        if who and title:
            initiatives.append((who[1], title, year, _text(row, "Cấp công nhận")))

    discipline = []
    sheet = SHEETS["discipline"]
    for number, row in _rows(workbook, sheet):
        who = subject(sheet, number, row, unit_allowed=True)
        kind = _choice(row.get("Loại"), DisciplinaryKind)
        if kind is None:
            error(
                sheet, number, _("loại “%(value)s” không hợp lệ.") % {"value": _text(row, "Loại")}
            )
        try:
            started, ended = _date(row.get("Từ ngày")), _date(row.get("Đến ngày"))
        except ValueError:
            error(sheet, number, _("ngày phải có dạng dd/mm/yyyy."))
            continue
        if started is None:
            error(sheet, number, _("cần Từ ngày."))
            continue
        if ended and ended < started:
            error(sheet, number, _("Đến ngày trước Từ ngày."))
            continue
        if who and kind:
            discipline.append((who, kind, started, ended, _text(row, "Ghi chú")))

    if errors:
        raise HistoryImportError(errors)

    for code, values in people.items():
        Person.objects.update_or_create(code=code, defaults=values)
        result.people += 1
    person_ids = dict(Person.objects.filter(code__in=known_people).values_list("code", "pk"))

    def ref(who: tuple[str, Any]) -> dict[str, Any]:
        return {"person_id": person_ids[who[1]]} if who[0] == "person" else {"unit_id": who[1]}

    for who, year, kind, reference in honours:
        HonourRecord.objects.update_or_create(
            **ref(who), year=year, kind=kind, defaults={"reference": reference}
        )
        result.honours += 1
    for code, title, year, recognised_by in initiatives:
        Initiative.objects.update_or_create(
            person_id=person_ids[code],
            title=title,
            year=year,
            defaults={"recognised_by": recognised_by},
        )
        result.initiatives += 1
    for who, kind, started, ended, note in discipline:
        DisciplinaryRecord.objects.update_or_create(
            **ref(who), kind=kind, started_on=started, defaults={"ended_on": ended, "note": note}
        )
        result.discipline += 1
    return result
