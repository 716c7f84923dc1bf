"""Bounded opening of every Office file the app reads: nothing is parsed before the zip's members
are checked, and a workbook is read as a stream that stops at the first row, column or cell past
the limits. A small compressed file therefore cannot make a worker hold gigabytes.

Layers, each cheap and in this order:
1. the bytes read from the upload are bounded (`read_bounded`);
2. the zip's central directory: number of members, each member's declared uncompressed size, the
   total, and the compression ratio of every member larger than RATIO_FLOOR (Python's zipfile
   stops reading a member at its declared size and fails on a CRC mismatch, so a member cannot
   inflate past what it declares); no DTD in the XML parts we hand to parsers;
3. for a workbook: openpyxl in read_only (streaming) mode, which parses XML with defusedxml when
   it is installed (it is a dependency); the sheet's declared dimension is checked first, then
   rows are read one at a time and reading stops at the first row or column past the limits, with
   a bound on the total number of cells.
"""

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

ZIP_MAGIC = b"PK\x03\x04"
MB = 1024 * 1024
RATIO_FLOOR = 1 * MB  # ratios of smaller members are not checked (small XML compresses well)
_CHUNK = 256 * 1024


class UnsafeFile(ValueError):
    """The file cannot be opened within the limits; the message is for the user."""


@dataclass(frozen=True)
class ZipLimits:
    member_bytes: int
    total_bytes: int
    max_ratio: int = 100
    members: int = 1000
    member_overrides: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class SheetLimits:
    rows: int  # rows read, header included
    columns: int  # columns that may hold a value
    cells: int  # cells parsed over the whole workbook


XLSX_LIMITS = ZipLimits(
    member_bytes=30 * MB,
    total_bytes=60 * MB,
    member_overrides={"xl/sharedStrings.xml": 16 * MB, "xl/styles.xml": 4 * MB},
)
DOCX_LIMITS = ZipLimits(member_bytes=20 * MB, total_bytes=60 * MB)
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s[^>]*?ref=\"([A-Z$0-9:]+)\"")
_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData[\s/>]")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Z$0-9:]+)\"")


def _declared_size(self: ReadOnlyWorksheet) -> None:
    """openpyxl's own look-up of a sheet's <dimension> parses the whole sheet when the element is
    missing (files written in streaming mode omit it): twice the work, for nothing. The element
    comes before <sheetData>, so the first 64 KB tell."""
    with self._get_source() as source:
        head = source.read(64 * 1024)
    end = _SHEET_DATA.search(head)
    match = _DIMENSION.search(head, 0, end.start() if end else len(head))
    if match is None:
        return
    try:
        bounds = range_boundaries(match.group(1).decode().replace("$", ""))
    except (ValueError, TypeError):
        return
    self._min_column, self._min_row, self._max_column, self._max_row = bounds


ReadOnlyWorksheet._get_size = _declared_size  # every streamed sheet in this process


def read_bounded(source: Any, *, limit: int) -> bytes:
    """The bytes of an upload, a file-like object, a path or bytes, refusing more than `limit`
    without reading past it."""
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
    elif isinstance(source, str | Path):
        with open(source, "rb") as handle:
            data = handle.read(limit + 1)
    else:
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read(limit + 1)
    if len(data) > limit:
        raise UnsafeFile(_("Tệp quá lớn; giới hạn %(limit)s MB.") % {"limit": round(limit / MB, 1)})
    return data


def upload_read(upload: Any, *, limit: int) -> bytes:
    """An upload's bytes; past `limit` it is refused from its declared size, before a byte is
    read, with both sizes in the message."""
    if upload.size > limit:
        raise UnsafeFile(
            _("Tệp quá lớn (%(size)s MB); giới hạn %(limit)s MB.")
            % {"size": round(upload.size / MB, 1), "limit": round(limit / MB, 1)}
        )
    return read_bounded(upload, limit=limit)


def _scan(archive: zipfile.ZipFile, info: zipfile.ZipInfo, pattern: re.Pattern) -> list[bytes]:
    """Every match of `pattern` in a member, read in chunks (memory bounded by the chunk)."""
    found: list[bytes] = []
    tail = b""
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            window = tail + chunk
            # a match across two chunks is found in the window; one found twice is de-duplicated
            found.extend(m.group(m.lastindex or 0) for m in pattern.finditer(window))
            tail = window[-200:]
    return list(dict.fromkeys(found))


def zip_check(data: bytes, *, limits: ZipLimits, kind: str) -> zipfile.ZipFile:
    """Open the zip and check its central directory against the limits before anything parses
    a member; XML members must carry no DTD (no entity expansion anywhere)."""
    if not data.startswith(ZIP_MAGIC):
        raise UnsafeFile(_("Tệp không phải là tệp %(kind)s hợp lệ.") % {"kind": kind})
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnsafeFile(
            _("Không đọc được tệp: tệp hỏng hoặc không phải tệp %(kind)s.") % {"kind": kind}
        ) from exc
    if len(infos) > limits.members:
        raise UnsafeFile(_("Tệp có quá nhiều thành phần (%(n)s).") % {"n": len(infos)})
    total = 0
    for info in infos:
        limit = limits.member_overrides.get(info.filename, limits.member_bytes)
        total += info.file_size
        too_big = info.file_size > limit or total > limits.total_bytes
        ratio = info.file_size / max(info.compress_size, 1)
        if too_big or (info.file_size > RATIO_FLOOR and ratio > limits.max_ratio):
            raise UnsafeFile(
                _(
                    "Tệp bị từ chối: khi giải nén, phần “%(member)s” lớn %(size)s MB (giới hạn "
                    "%(limit)s MB, tỉ lệ nén tối đa %(ratio)s lần). Hãy lưu lại tệp bằng "
                    "Excel/Word rồi tải lên."
                )
                % {
                    "member": info.filename,
                    "size": round(info.file_size / MB, 1),
                    "limit": round(limit / MB),
                    "ratio": limits.max_ratio,
                }
            )
    for info in infos:
        if info.filename.endswith((".xml", ".rels")) and _scan(archive, info, _DTD):
            raise UnsafeFile(
                _("Tệp bị từ chối: phần “%(member)s” khai báo DTD/thực thể XML.")
                % {"member": info.filename}
            )
    return archive


def docx_check(data: bytes) -> None:
    """A .docx (uploaded template, attachment) that is safe to hand to python-docx/docxtpl."""
    zip_check(data, limits=DOCX_LIMITS, kind=".docx")


# --- workbooks ------------------------------------------------------------------------------------


class BoundedWorkbook:
    """A read_only workbook whose rows are read under SheetLimits (one budget of cells for the
    whole workbook)."""

    def __init__(self, archive: zipfile.ZipFile, workbook: Any, limits: SheetLimits) -> None:
        self._archive = archive
        self.workbook = workbook
        self.limits = limits
        self.cells_left = limits.cells

    @property
    def sheetnames(self) -> list[str]:
        return self.workbook.sheetnames

    def sheet(self, title: str | None = None) -> Any:
        if title is not None and title in self.workbook.sheetnames:
            return self.workbook[title]
        return self.workbook.worksheets[0]

    def merged_ranges(self, sheet: Any) -> list[str]:
        """The merged ranges of a sheet (read_only mode does not parse them): a streamed scan."""
        path = getattr(sheet, "_worksheet_path", None)
        if path is None:
            return []
        return [ref.decode() for ref in _scan(self._archive, self._archive.getinfo(path), _MERGE)]

    def declared_rows(self, sheet: Any) -> int | None:
        return sheet.max_row

    def rows(self, sheet: Any, *, max_rows: int | None = None) -> Iterator[tuple[int, tuple]]:
        """(row number, values of the first `columns` columns) for each row, streamed. Raises
        UnsafeFile at the first row past `max_rows`, the first value past the column limit, or
        when the workbook's cell budget runs out; the declared dimension is checked first."""
        max_rows = max_rows or self.limits.rows
        columns = self.limits.columns
        declared_rows, declared_cols = sheet.max_row, sheet.max_column
        if declared_rows is not None and declared_rows > max_rows:
            raise RowsExceeded(declared_rows, max_rows)
        if declared_cols is not None and declared_cols > max(columns, 1) * 4 + 64:
            raise UnsafeFile(self._columns_message(declared_cols))
        sheet.reset_dimensions()  # never trust the declared size for padding
        for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
            if number > max_rows:
                if any(v not in (None, "") for v in values):
                    raise RowsExceeded(number, max_rows)
                continue  # formatting-only rows past the end: skipped, still counted as cells
            self.cells_left -= max(len(values), 1)
            if self.cells_left < 0:
                raise UnsafeFile(
                    _("Tệp có quá nhiều ô (giới hạn %(n)s ô); hãy xoá các cột, dòng thừa.")
                    % {"n": self.limits.cells}
                )
            if len(values) > columns and any(v not in (None, "") for v in values[columns:]):
                last = max(i for i, v in enumerate(values, 1) if v not in (None, ""))
                raise UnsafeFile(self._columns_message(last, row=number))
            yield number, tuple(values[:columns]) + (None,) * (columns - len(values))

    def _columns_message(self, count: int, *, row: int | None = None) -> str:
        where = _(" (dòng %(row)s)") % {"row": row} if row else ""
        return _(
            "Tệp có dữ liệu ở cột %(col)s%(where)s, ngoài %(n)s cột của mẫu; hãy xoá các cột thừa."
        ) % {"col": get_column_letter(min(count, 16384)), "where": where, "n": self.limits.columns}


class RowsExceeded(UnsafeFile):
    def __init__(self, rows: int, limit: int) -> None:
        self.rows, self.limit = rows, limit
        super().__init__(
            _("Tệp có %(n)s dòng; mỗi lần chỉ đọc tối đa %(max)s dòng, hãy chia nhỏ tệp.")
            % {"n": rows, "max": limit}
        )


def xlsx_open(
    source: Any, *, limits: SheetLimits, max_bytes: int, data_only: bool = False
) -> BoundedWorkbook:
    """Open a workbook for bounded, streamed reading (see the module docstring)."""
    data = read_bounded(source, limit=max_bytes)
    if not data:
        raise UnsafeFile(_("Tệp rỗng."))
    archive = zip_check(data, limits=XLSX_LIMITS, kind=".xlsx")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except Exception as exc:  # a corrupt zip/XML surfaces as many exception types
        raise UnsafeFile(
            _("Không đọc được tệp Excel: tệp hỏng hoặc không phải định dạng .xlsx.")
        ) from exc
    return BoundedWorkbook(archive, workbook, limits)
