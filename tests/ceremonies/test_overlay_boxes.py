"""Printing onto pre-printed blanks: every field stays inside its box and the printable area,
with the demo's longest unit names and a 120-character name (a field past its box spoils the
blank: "in thế này hỏng phôi")."""

import pytest
from PIL import Image, ImageChops

from commendations.ceremonies.overlay import (
    DEFAULT_LAYOUTS,
    field_box,
    fit_text,
    overlay_image,
    px,
)
from commendations.demo.loader import DEPARTMENTS, DISTRICTS
from commendations.documents.models import DocumentKind

NAME_120 = (
    "Tổ bảo vệ an ninh trật tự ở cơ sở thôn Plei Ốp và làng Đê Kôp thuộc phường Hội Thương"
    " thành phố Pleiku, tỉnh Gia Lai mới"
)
QUALIFIER = ", Công an tỉnh Gia Lai"
UNIT_NAMES = [name for _code, name in DEPARTMENTS] + [
    f"{commune}, {district}"
    for _c, district, _h, communes in DISTRICTS
    for _cc, commune in communes
]
LONGEST = sorted(UNIT_NAMES, key=len)[-3:]


def _values(name: str) -> dict[str, str]:
    return {
        "recipient": name,
        "description": f"Đội trưởng Đội Cảnh sát quản lý hành chính về trật tự xã hội, {name}",
        "citation": "Đã có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc "
        "năm 2022, góp phần giữ vững an ninh chính trị, trật tự an toàn xã hội ở địa phương",
        "decision_line": "Quyết định số 1234/QĐ-BCA-X03 ngày 20 tháng 02 năm 2023",
        "registry": "Số sổ vàng: BK-2023-0001",
        "date_line": "Hà Nội, ngày 20 tháng 02 năm 2023",
        "signer_heading": "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG",
        "signer_name": "Thượng tướng Lương Tam Quang",
    }


def test_the_120_character_name_is_120_characters():
    assert len(NAME_120) == 120


@pytest.mark.parametrize("kind", [DocumentKind.BANG_KHEN, DocumentKind.GIAY_KHEN])
@pytest.mark.parametrize("name", [NAME_120, *(n + QUALIFIER for n in LONGEST)])
def test_every_field_fits_its_box_and_the_printable_area(kind, name):
    layout = DEFAULT_LAYOUTS[kind]
    page, margin = layout["page"], layout["margin"]
    for field, text in _values(name).items():
        spec = layout["fields"][field]
        fitted = fit_text(text, spec, page, margin)
        assert fitted.box.contains(fitted.ink), (field, fitted)
        assert fitted.ink.left >= margin and fitted.ink.right <= page[0] - margin
        assert fitted.ink.bottom <= page[1] - margin
        assert " ".join(fitted.lines).split() == text.split(), field  # nothing dropped
        if len(fitted.lines) > len(text.split("\n")):
            # it wrapped only once shrinking to the minimum was not enough
            assert fitted.size == pytest.approx(spec["min_size"]) or fitted.size < spec["min_size"]


def test_a_long_name_shrinks_then_wraps_a_short_one_keeps_its_size():
    spec = DEFAULT_LAYOUTS[DocumentKind.GIAY_KHEN]["fields"]["recipient"]
    page = DEFAULT_LAYOUTS[DocumentKind.GIAY_KHEN]["page"]
    short = fit_text("Đồng chí Trung tá Huỳnh Thị Ngọc Ánh", spec, page)
    assert short.size == spec["size"] and len(short.lines) == 1
    long = fit_text(NAME_120, spec, page)
    assert long.size <= spec["min_size"] and len(long.lines) >= 2


@pytest.mark.parametrize("kind", [DocumentKind.BANG_KHEN, DocumentKind.GIAY_KHEN])
def test_no_ink_outside_the_boxes_on_the_drawn_page(kind):
    layout = DEFAULT_LAYOUTS[kind]
    image = overlay_image(_values(NAME_120 + QUALIFIER), layout, None)
    mask = Image.new("L", image.size, 255)
    page, margin = layout["page"], layout["margin"]
    for field, spec in layout["fields"].items():
        if field == "qr":
            continue
        box = field_box(spec, page, margin)
        # one pixel of anti-aliasing around each box
        mask.paste(0, (px(box.left) - 1, px(box.top) - 1, px(box.right) + 2, px(box.bottom) + 2))
    ink_outside = ImageChops.subtract(ImageChops.invert(image), ImageChops.invert(mask))
    assert ink_outside.point(lambda v: 255 if v > 64 else 0).getbbox() is None
    assert ImageChops.invert(image).getbbox() is not None  # something was drawn


@pytest.mark.parametrize("kind", list(DEFAULT_LAYOUTS))
def test_the_lookup_code_leaves_the_qr_its_quiet_zone(kind):
    """The typed code under the QR starts at least two modules below the QR's own two-module
    border (four in all, as ISO/IEC 18004 asks), and stays on the page."""
    import qrcode

    from commendations.ceremonies.overlay import code_box

    layout = DEFAULT_LAYOUTS[kind]
    spec = layout["fields"]["qr"]
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data("https://khenthuong.congan.gialai.gov.vn/xac-minh/" + "x" * 60 + "/")
    code.make(fit=True)
    module_mm = spec["size"] / len(code.get_matrix())
    box = code_box(spec)
    assert box["y"] - (spec["y"] + spec["size"]) >= 2 * module_mm
    assert box["y"] + box["h"] <= layout["page"][1] - layout["margin"]
