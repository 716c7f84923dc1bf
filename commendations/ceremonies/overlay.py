"""Printing onto pre-printed blanks (phôi Bằng khen / Giấy khen): only the variable text, each field
at x/y in millimetres from the sheet's top-left corner, shifted by the printer's calibration
offset. One page per certificate, in ceremony order (the same order as the print pack).

Every field has a box (`w` × `h` mm; `x` is its centre, left or right edge as `align` says, `y`
its first baseline): text that does not fit shrinks down to `min_size`, then wraps inside the box,
and never leaves it or the sheet's printable area (a last resort shrinks further rather than
overflow: "in thế này hỏng phôi").

Pages are vector PDF (PyMuPDF): the text is text, in the document's font (Liberation Serif, Times
New Roman's metrics; DejaVu Serif when it is missing), embedded as a subset, so it prints sharp,
can be selected and searched, and a page weighs kilobytes; the QR code is drawn as squares. The
same font measures the text when fitting it into its box. `overlay_image` renders a page at
PRINT_DPI for checks and previews. The calibration page stays a drawing at PRINT_DPI."""

import io
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from typing import Any

import pymupdf
import qrcode
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfWriter

from commendations.ceremonies.models import BlankLayout, PrinterCalibration
from commendations.certificates.documents import certificate_context
from commendations.certificates.models import Certificate
from commendations.certificates.public_verification import verification_url
from commendations.documents.fitting import (
    FONT_DIRS,
    FONTS,
    LINE_SPACING,
    MM_PER_PT,
    PT_PER_MM,
    FittedText,
    field_box,
    fit_text,
    font_file,
    vector_font,
    width_mm,
)
from commendations.documents.models import DocumentKind

# The measuring and fitting moved to documents.fitting (the rendered certificates fit their
# names with it too); the names overlay's callers and tests use are kept.
_vector_font = vector_font
_width_mm = width_mm

PRINT_DPI = 200
# Defaults for the blanks used in the seed; an administrator overrides them with a BlankLayout.
# (x, y, size, w, h, min_size, bold, align); y is the first baseline.
DEFAULT_LAYOUTS: dict[str, dict[str, Any]] = {
    DocumentKind.BANG_KHEN: {
        "page": (400, 300),
        "margin": 12,
        "fields": {
            "recipient": {
                "x": 200,
                "y": 150,
                "size": 26,
                "w": 300,
                "h": 20,
                "min_size": 18,
                "bold": True,
                "align": "center",
            },
            "description": {
                "x": 200,
                "y": 168,
                "size": 16,
                "w": 300,
                "h": 14,
                "min_size": 12,
                "align": "center",
            },
            "citation": {
                "x": 200,
                "y": 186,
                "size": 16,
                "w": 300,
                "h": 16,
                "min_size": 12,
                "align": "center",
            },
            "decision_line": {"x": 40, "y": 245, "size": 13, "w": 150, "h": 7, "min_size": 10},
            "registry": {"x": 40, "y": 253, "size": 13, "w": 150, "h": 7, "min_size": 10},
            "date_line": {
                "x": 290,
                "y": 212,
                "size": 14,
                "w": 150,
                "h": 7,
                "min_size": 11,
                "align": "center",
            },
            "signer_heading": {
                "x": 290,
                "y": 221,
                "size": 15,
                "w": 150,
                "h": 14,
                "min_size": 12,
                "bold": True,
                "align": "center",
            },
            "signer_name": {
                "x": 290,
                "y": 268,
                "size": 16,
                "w": 150,
                "h": 8,
                "min_size": 12,
                "bold": True,
                "align": "center",
            },
            "qr": {"x": 40, "y": 205, "size": 28},
        },
    },
    DocumentKind.GIAY_KHEN: {
        "page": (297, 210),
        "margin": 10,
        "fields": {
            "recipient": {
                "x": 148.5,
                "y": 100,
                "size": 20,
                "w": 230,
                "h": 15,
                "min_size": 14,
                "bold": True,
                "align": "center",
            },
            "description": {
                "x": 148.5,
                "y": 112,
                "size": 13,
                "w": 230,
                "h": 11,
                "min_size": 10,
                "align": "center",
            },
            "citation": {
                "x": 148.5,
                "y": 125,
                "size": 13,
                "w": 230,
                "h": 11,
                "min_size": 10,
                "align": "center",
            },
            "decision_line": {"x": 25, "y": 172, "size": 11, "w": 115, "h": 6, "min_size": 9},
            "registry": {"x": 25, "y": 179, "size": 11, "w": 115, "h": 6, "min_size": 9},
            "date_line": {
                "x": 215,
                "y": 143,
                "size": 12,
                "w": 120,
                "h": 6,
                "min_size": 9,
                "align": "center",
            },
            "signer_heading": {
                "x": 215,
                "y": 150,
                "size": 12,
                "w": 120,
                "h": 11,
                "min_size": 10,
                "bold": True,
                "align": "center",
            },
            "signer_name": {
                "x": 215,
                "y": 187,
                "size": 13,
                "w": 120,
                "h": 6,
                "min_size": 10,
                "bold": True,
                "align": "center",
            },
            "qr": {"x": 25, "y": 138, "size": 24},
        },
    },
}
# A title's Giấy chứng nhận is printed on the Giấy khen's size of blank, its fields where the
# Giấy khen has them (an office with its own blank saves a BlankLayout for it).
DEFAULT_LAYOUTS[DocumentKind.GCN_CSTDCS] = DEFAULT_LAYOUTS[DocumentKind.GIAY_KHEN]


@cache
def _font(size_pt: float, bold: bool) -> ImageFont.FreeTypeFont:
    pixels = round(size_pt / 72 * PRINT_DPI)
    for name in FONTS[bold]:
        for folder in FONT_DIRS:
            if (folder / name).exists():
                return ImageFont.truetype(str(folder / name), pixels)
    return ImageFont.load_default(pixels)


def px(mm: float | Decimal) -> int:
    return round(float(mm) / 25.4 * PRINT_DPI)


def layout_for(kind: str) -> dict[str, Any]:
    """{"page": (w_mm, h_mm), "fields": {...}}: the saved BlankLayout, else the default."""
    saved = BlankLayout.objects.filter(kind=kind).first()
    if saved is None:
        return DEFAULT_LAYOUTS[kind]
    return {
        "page": (float(saved.page_width_mm), float(saved.page_height_mm)),
        "fields": saved.fields,
    }


def _offset(printer: PrinterCalibration | None) -> tuple[float, float]:
    if printer is None:
        return 0.0, 0.0
    return float(printer.offset_x_mm), float(printer.offset_y_mm)


def overlay_values(certificate: Certificate) -> dict[str, str]:
    context = certificate_context(certificate)
    recipient = context["recipient_line"] or context["recipient_name"]
    return {
        "recipient": recipient,
        "description": context["position_line"],
        "citation": context["citation"],
        "decision_line": context["decision_line"],
        "registry": f"Số sổ vàng: {certificate.registry_number}",
        "date_line": context["date_line"],
        "signer_heading": "\n".join(context["signer_heading"]),
        "signer_name": context["signer_name_line"],
        # Printed under the QR code (issue #27 §5), as on the rendered certificate.
        "verification_code": context["verification_code"],
    }


def _draw_text(page: pymupdf.Page, fitted: FittedText, spec: dict, dx: float, dy: float) -> None:
    bold = bool(spec.get("bold"))
    fontname = "F1" if bold else "F0"
    align = spec.get("align", "left")
    baseline = fitted.box.top + fitted.size * MM_PER_PT
    centre = (fitted.box.left + fitted.box.right) / 2
    for index, line in enumerate(fitted.lines):
        width = _width_mm(line, fitted.size, bold)
        x_mm = {"center": centre - width / 2, "right": fitted.box.right - width}.get(
            align, fitted.box.left
        )
        y_mm = baseline + index * fitted.size * MM_PER_PT * LINE_SPACING
        page.insert_text(
            ((x_mm + dx) * PT_PER_MM, (y_mm + dy) * PT_PER_MM),
            line,
            fontname=fontname,
            fontsize=fitted.size,
            color=(0, 0, 0),
        )


# The QR code is drawn with a quiet zone of 2 modules (`border=2`); ISO/IEC 18004 asks for 4. The
# lookup code printed under it starts CODE_GAP_MM lower, at least 2 more modules at any QR size
# a layout gives (a module is under 1 mm for a 24–28 mm code), so a phone still reads the QR.
CODE_GAP_MM = 2.0


def code_box(qr_spec: dict) -> dict[str, float]:
    """The box of the typed lookup code under the QR code (issue #27 §5)."""
    size = float(qr_spec.get("size", 25))
    return {
        "x": float(qr_spec["x"]),
        "y": float(qr_spec["y"]) + size + CODE_GAP_MM,
        "w": size + 20,
        "h": 4,
        "size": 7,
        "min_size": 6,
    }


def _draw_qr(page: pymupdf.Page, data: str, spec: dict, dx: float, dy: float) -> None:
    """The verification QR code as black squares (the same code as the certificate's)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    module = float(spec.get("size", 25)) / len(matrix) * PT_PER_MM
    left, top = (float(spec["x"]) + dx) * PT_PER_MM, (float(spec["y"]) + dy) * PT_PER_MM
    shape = page.new_shape()
    for row, cells in enumerate(matrix):
        for col, dark in enumerate(cells):
            if dark:
                x, y = left + col * module, top + row * module
                shape.draw_rect(pymupdf.Rect(x, y, x + module, y + module))
    shape.finish(color=None, fill=(0, 0, 0), width=0)
    shape.commit()


def _add_page(
    document: pymupdf.Document,
    values: dict[str, str],
    layout: dict[str, Any],
    printer: PrinterCalibration | None,
    qr: str | None,
) -> None:
    width, height = layout["page"]
    dx, dy = _offset(printer)
    page = document.new_page(width=width * PT_PER_MM, height=height * PT_PER_MM)
    for bold, name in ((False, "F0"), (True, "F1")):
        path = font_file(bold)
        if path:
            page.insert_font(fontname=name, fontfile=path)
        else:
            page.insert_font(fontname=name, fontbuffer=vector_font(bold).buffer)
    for field, spec in layout["fields"].items():
        if field == "qr":
            if qr:
                _draw_qr(page, qr, spec, dx, dy)
            if values.get("verification_code"):
                under = code_box(spec)
                fitted = fit_text(values["verification_code"], under, (width, height), 0)
                _draw_text(page, fitted, under, dx, dy)
        elif values.get(field):
            fitted = fit_text(values[field], spec, (width, height), layout.get("margin", 0))
            _draw_text(page, fitted, spec, dx, dy)


def _finish(document: pymupdf.Document) -> bytes:
    """The fonts cut down to the glyphs used, streams compressed (no page: an empty PDF)."""
    if document.page_count == 0:
        out = io.BytesIO()
        PdfWriter().write(out)
        return out.getvalue()
    document.subset_fonts()
    return document.tobytes(garbage=3, deflate=True)


def overlay_image(
    values: dict[str, str],
    layout: dict[str, Any],
    printer: PrinterCalibration | None,
    qr: str | None = None,
) -> Image.Image:
    """One blank's vector page (each field fitted into its box) rendered greyscale at
    PRINT_DPI: for checks and previews, never what is printed."""
    document = pymupdf.open()
    _add_page(document, values, layout, printer, qr)
    pixmap = document[0].get_pixmap(dpi=PRINT_DPI, colorspace=pymupdf.csGRAY)
    return Image.frombytes("L", (pixmap.width, pixmap.height), pixmap.samples)


def overlay_page(
    certificate: Certificate, layout: dict[str, Any], printer: PrinterCalibration | None
) -> Image.Image:
    return overlay_image(
        overlay_values(certificate), layout, printer, qr=verification_url(certificate)
    )


def _page_pdf(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=PRINT_DPI)
    return out.getvalue()


def overlay_pdf(
    certificates: Iterable[Certificate], *, printer: PrinterCalibration | None = None
) -> bytes:
    """One vector page per certificate, in the order given (pass
    ceremony_certificates(ceremony))."""
    layouts: dict[str, dict[str, Any]] = {}
    document = pymupdf.open()
    for certificate in certificates:
        kind = certificate.kind
        if kind not in layouts:
            layouts[kind] = layout_for(kind)
        _add_page(
            document,
            overlay_values(certificate),
            layouts[kind],
            printer,
            verification_url(certificate),
        )
    document.set_metadata({"title": "In lên phôi Bằng khen, Giấy khen", "creator": "Khen thưởng"})
    return _finish(document)


def calibration_pdf(kind: str, *, printer: PrinterCalibration | None = None) -> bytes:
    """A test page: a 10 mm ruler along the top and left edges, crosshairs 10 mm in from each
    corner, and a labelled box where each field starts. Print it on plain paper, lay it on a blank,
    measure how far the crosshairs are off and enter that as the printer's offset."""
    layout = layout_for(kind)
    width, height = layout["page"]
    dx, dy = _offset(printer)
    image = Image.new("L", (px(width), px(height)), 255)
    draw = ImageDraw.Draw(image)
    small = _font(8, False)
    for mm in range(0, int(width) + 1, 10):
        x = px(mm + dx)
        draw.line([(x, px(dy)), (x, px(dy + (5 if mm % 50 else 10)))], fill=0, width=2)
        if mm % 50 == 0:
            draw.text((x + 4, px(dy + 11)), str(mm), fill=0, font=small)
    for mm in range(0, int(height) + 1, 10):
        y = px(mm + dy)
        draw.line([(px(dx), y), (px(dx + (5 if mm % 50 else 10)), y)], fill=0, width=2)
        if mm % 50 == 0:
            draw.text((px(dx + 11), y + 4), str(mm), fill=0, font=small)
    for cx, cy in [(10, 10), (width - 10, 10), (10, height - 10), (width - 10, height - 10)]:
        x, y = px(cx + dx), px(cy + dy)
        draw.line([(x - px(5), y), (x + px(5), y)], fill=0, width=2)
        draw.line([(x, y - px(5)), (x, y + px(5))], fill=0, width=2)
    for field, spec in layout["fields"].items():
        x, y = px(float(spec["x"]) + dx), px(float(spec["y"]) + dy)
        draw.rectangle([(x - px(1), y - px(1)), (x + px(1), y + px(1))], outline=0, width=2)
        if field != "qr":  # the box the text is kept in
            box = field_box(spec, (width, height), layout.get("margin", 0))
            draw.rectangle(
                [(px(box.left + dx), px(box.top + dy)), (px(box.right + dx), px(box.bottom + dy))],
                outline=128,
                width=1,
            )
        draw.text((x + px(2), y - px(4)), f"{field} ({spec['x']}, {spec['y']})", fill=0, font=small)
    title = _font(12, True)
    name = printer.name if printer else "—"
    draw.text(
        (px(width / 2), px(height / 2)),
        f"Trang căn chỉnh phôi {kind} — máy in: {name} — lệch ({dx:+.1f}; {dy:+.1f}) mm",
        fill=0,
        font=title,
        anchor="mm",
    )
    return _page_pdf(image)
