"""The uploaded workbook, read through commendations.files.safe: streamed, bounded in bytes, rows,
columns and cells and in the zip's expanded size; the header checked against the layout; the data
rows returned as dictionaries keyed by column."""

from typing import Any

from django.utils.translation import gettext as _

from commendations.files import safe as safe_files
from commendations.nominations.imports.layout import (
    COLUMNS,
    EXAMPLE_MARK,
    EXTRA_COLUMNS,
    HEADER_ROW,
    HEADERS,
    LEGACY_HEADERS,
    MAX_BYTES,
    MAX_ROWS,
    SHEET,
)
from commendations.nominations.imports.results import ImportResult, RowError


class FileRejected(Exception):
    """The file as a whole cannot be read (not a workbook, wrong headers, too big...)."""


SHEET_LIMITS = safe_files.SheetLimits(
    rows=HEADER_ROW + MAX_ROWS,
    columns=len(COLUMNS) + EXTRA_COLUMNS,
    cells=(HEADER_ROW + MAX_ROWS + 100) * (len(COLUMNS) + EXTRA_COLUMNS),
)


def cell_text(value: Any) -> str:
    """A cell as trimmed text; a whole number typed in a cell comes back as 12, not 12.0."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def upload_size_check(upload: Any) -> None:
    size = getattr(upload, "size", None)
    if size == 0:
        raise FileRejected(_("Tệp rỗng."))
    if size is not None and size > MAX_BYTES:
        raise FileRejected(
            _("Tệp quá lớn (%(size).1f MB); giới hạn %(limit)s MB.")
            % {"size": size / 1048576, "limit": MAX_BYTES // 1048576}
        )


def _open(upload: Any) -> safe_files.BoundedWorkbook:
    upload_size_check(upload)
    try:
        return safe_files.xlsx_open(upload, limits=SHEET_LIMITS, max_bytes=MAX_BYTES)
    except safe_files.UnsafeFile as exc:
        message = str(exc)
        if message == _("Tệp không phải là tệp %(kind)s hợp lệ.") % {"kind": ".xlsx"}:
            message = _("Tệp không phải là tệp Excel .xlsx (hãy dùng tệp mẫu của hệ thống).")
        raise FileRejected(message) from exc


def rows_read(upload: Any, result: ImportResult) -> list[tuple[int, dict[str, Any]]]:
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
        header = [cell_text(v) for v in header_values]
        expected = [h.casefold() for h in HEADERS]
        found = [h.casefold() for h in header[: len(HEADERS)]]
        legacy = [h.casefold() for h in LEGACY_HEADERS]
        if found[: len(legacy)] == legacy and not any(found[len(legacy) :]):
            found = expected  # the older template: no columns for people outside the force
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
            if all(cell_text(v) == "" for v in values.values()):
                continue
            if cell_text(values.get("number")).casefold() == EXAMPLE_MARK.casefold():
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
