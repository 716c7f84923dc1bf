"""Printing onto pre-printed blanks (phôi Bằng khen / Giấy khen): only the variable text, each field
at x/y in millimetres from the sheet's top-left corner, shifted by the printer's calibration
offset. One page per certificate, in ceremony order (the same order as the print pack).

Pages are drawn with Pillow at PRINT_DPI and joined into one PDF with pypdf, one page in memory
at a time."""

import io
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader, PdfWriter

from commendations.ceremonies.models import BlankLayout, PrinterCalibration
from commendations.certificates.documents import certificate_context
from commendations.certificates.models import Certificate
from commendations.certificates.verification import qr_png, verification_url
from commendations.documents.models import DocumentKind

PRINT_DPI = 200
FONT_DIRS = [
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/truetype/dejavu"),
]
FONTS = {
    False: ["LiberationSerif-Regular.ttf", "DejaVuSerif.ttf"],
    True: ["LiberationSerif-Bold.ttf", "DejaVuSerif-Bold.ttf"],
}
# Defaults for the blanks used in the seed; an administrator overrides them with a BlankLayout.
DEFAULT_LAYOUTS: dict[str, dict[str, Any]] = {
    DocumentKind.BANG_KHEN: {
        "page": (400, 300),
        "fields": {
            "recipient": {"x": 200, "y": 150, "size": 26, "bold": True, "align": "center"},
            "description": {"x": 200, "y": 165, "size": 16, "align": "center"},
            "citation": {"x": 200, "y": 180, "size": 16, "align": "center"},
            "decision_line": {"x": 60, "y": 245, "size": 13},
            "registry": {"x": 60, "y": 253, "size": 13},
            "date_line": {"x": 290, "y": 215, "size": 14, "align": "center"},
            "signer_name": {"x": 290, "y": 265, "size": 16, "bold": True, "align": "center"},
            "qr": {"x": 60, "y": 205, "size": 28},
        },
    },
    DocumentKind.GIAY_KHEN: {
        "page": (297, 210),
        "fields": {
            "recipient": {"x": 148.5, "y": 100, "size": 20, "bold": True, "align": "center"},
            "description": {"x": 148.5, "y": 111, "size": 13, "align": "center"},
            "citation": {"x": 148.5, "y": 122, "size": 13, "align": "center"},
            "decision_line": {"x": 30, "y": 170, "size": 11},
            "registry": {"x": 30, "y": 177, "size": 11},
            "date_line": {"x": 215, "y": 145, "size": 12, "align": "center"},
            "signer_name": {"x": 215, "y": 185, "size": 13, "bold": True, "align": "center"},
            "qr": {"x": 30, "y": 140, "size": 24},
        },
    },
}


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
    recipient = " ".join(
        p for p in (context["salutation"], context["rank"], context["recipient_name"]) if p
    )
    description = ", ".join(p for p in (context["position"], context["recipient_unit"]) if p)
    decision = certificate.decision
    return {
        "recipient": recipient,
        "description": description,
        "citation": context["citation"],
        "decision_line": f"Quyết định số {decision.number} ngày {decision.date:%d/%m/%Y}",
        "registry": f"Số sổ vàng: {certificate.registry_number}",
        "date_line": context["date_line"],
        "signer_name": context["signer_name"],
    }


def _draw_text(draw: ImageDraw.ImageDraw, spec: dict, text: str, dx: float, dy: float) -> None:
    font = _font(float(spec.get("size", 14)), bool(spec.get("bold")))
    x, y = px(float(spec["x"]) + dx), px(float(spec["y"]) + dy)
    anchor = {"center": "ms", "right": "rs"}.get(spec.get("align", "left"), "ls")
    draw.text((x, y), text, fill=0, font=font, anchor=anchor)


def _page_pdf(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=PRINT_DPI)
    return out.getvalue()


def overlay_page(
    certificate: Certificate, layout: dict[str, Any], printer: PrinterCalibration | None
) -> Image.Image:
    width, height = layout["page"]
    dx, dy = _offset(printer)
    image = Image.new("L", (px(width), px(height)), 255)
    draw = ImageDraw.Draw(image)
    values = overlay_values(certificate)
    for field, spec in layout["fields"].items():
        if field == "qr":
            size = px(float(spec.get("size", 25)))
            code = Image.open(io.BytesIO(qr_png(verification_url(certificate)))).convert("L")
            image.paste(
                code.resize((size, size), Image.NEAREST),
                (px(float(spec["x"]) + dx), px(float(spec["y"]) + dy)),
            )
        elif values.get(field):
            _draw_text(draw, spec, values[field], dx, dy)
    return image


def _join(pages: Iterable[bytes]) -> bytes:
    writer = PdfWriter()
    for page in pages:
        for p in PdfReader(io.BytesIO(page)).pages:
            writer.add_page(p)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def overlay_pdf(
    certificates: Iterable[Certificate], *, printer: PrinterCalibration | None = None
) -> bytes:
    """One page per certificate, in the order given (pass ceremony_certificates(ceremony))."""
    layouts: dict[str, dict[str, Any]] = {}

    def pages() -> Iterable[bytes]:
        for certificate in certificates:
            kind = certificate.kind
            if kind not in layouts:
                layouts[kind] = layout_for(kind)
            yield _page_pdf(overlay_page(certificate, layouts[kind], printer))

    return _join(pages())


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
