"""Hostile Office files, built in the test run: a small zip that expands to a huge sheet or
document. Written member by member so building them needs little memory."""

import io
import zipfile

from openpyxl import Workbook

from commendations.nominations.imports.layout import HEADERS, SHEET


def _cell_ref(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def xlsx_with_sheet_xml(rows: int, columns: int, *, declared: str | None = None) -> bytes:
    """The import template's header row, then `rows` rows of `columns` cells holding 1 (the
    reported attack: 306 KB on the wire, gigabytes once loaded whole)."""
    workbook = Workbook()
    workbook.active.title = SHEET
    workbook.active.append(HEADERS)
    base = io.BytesIO()
    workbook.save(base)
    source = zipfile.ZipFile(io.BytesIO(base.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info, source.read(info))
                continue
            with target.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
                ref = declared or "A1:A1"
                member.write(
                    b'<?xml version="1.0" encoding="UTF-8"?>'
                    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                    + f'<dimension ref="{ref}"/><sheetData>'.encode()
                )
                header = "".join(
                    f'<c r="{_cell_ref(i)}1" t="inlineStr"><is><t>{h}</t></is></c>'
                    for i, h in enumerate(HEADERS, 1)
                )
                member.write(f'<row r="1">{header}</row>'.encode())
                # cells without coordinates (allowed, read in order): rows differ only in
                # their number, so the part compresses about as well as the real attack's
                cells = "<c><v>1</v></c>" * columns
                for r in range(2, rows + 2):
                    member.write(f'<row r="{r}">{cells}</row>'.encode())
                member.write(b"</sheetData></worksheet>")
    return out.getvalue()


def docx_expanding(content: bytes, megabytes: int) -> bytes:
    """A copy of a real .docx whose document.xml carries `megabytes` MB of empty paragraphs."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                head, _, tail = data.partition(b"</w:body>")
                filler = b"<w:p/>" * (1024 * 1024 // 6)
                with target.open(info.filename, "w", force_zip64=True) as member:
                    member.write(head)
                    for _i in range(megabytes):
                        member.write(filler)
                    member.write(b"</w:body>" + tail)
                continue
            target.writestr(info, data)
    return out.getvalue()


def xlsx_with_shared_strings(sheet_title: str, headers: list[str], megabytes: int) -> bytes:
    """A workbook with a shared-strings part (loaded whole by openpyxl, even when streaming)
    holding `megabytes` MB of one-letter strings."""
    workbook = Workbook()
    workbook.active.title = sheet_title
    workbook.active.append(headers)
    base = io.BytesIO()
    workbook.save(base)
    source = zipfile.ZipFile(io.BytesIO(base.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            target.writestr(info, data)
        with target.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
            member.write(
                b'<?xml version="1.0" encoding="UTF-8"?>'
                b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            )
            filler = b"<si><t>x</t></si>" * (1024 * 1024 // 17)
            for _i in range(megabytes):
                member.write(filler)
            member.write(b"</sst>")
    return out.getvalue()
