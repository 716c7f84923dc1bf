"""Overlay printing on pre-printed blanks, the calibration page, the run-sheet and MC script."""

import datetime
import io
import subprocess
from pathlib import Path

import pytest
from docx import Document
from PIL import Image, ImageOps
from pypdf import PdfReader

from commendations.campaigns.models import Authority
from commendations.ceremonies.documents import mc_script_docx, run_sheet_docx
from commendations.ceremonies.models import BlankLayout, PrinterCalibration
from commendations.ceremonies.overlay import calibration_pdf, overlay_page, overlay_pdf, px
from commendations.ceremonies.selectors import ceremony_certificates
from commendations.ceremonies.services import ceremony_create
from commendations.certificates.public_verification import verification_url
from config.celery import app as celery_app
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401
from tests.conftest import require

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


@pytest.fixture
def eager():
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_eager_propagates = False


@pytest.fixture
def ceremony(
    campaign,
    district,
    officer,
    member,
    secretary,
    director,
    ministry,
    clerk,
    director_award,
    ministry_award,
    eager,
    django_capture_on_commit_callbacks,
):
    person = {"rank": "Đại úy", "position": "Trưởng Công an xã", "workplace": "Công an xã Một"}
    decisions = []
    for award, actor, authority, number, names in [
        (
            director_award,
            director,
            Authority.PROVINCIAL_DIRECTOR,
            "310/QĐ-CAT-PV05",
            [("individual", "Nguyễn Văn Hùng"), ("collective", "Công an xã Ia Sao")],
        ),
        (
            ministry_award,
            ministry,
            Authority.MINISTRY,
            "1234/QĐ-BCA-X01",
            [("individual", "Lê Văn An"), ("collective", "Công an xã Glar")],
        ),
    ]:
        specs = [
            (award, kind, name, person if kind == "individual" else {}) for kind, name in names
        ]
        nominations = awaiting(campaign, district, officer, member, secretary, specs)
        decision = draft(actor, nominations, authority=authority, number=number)
        with django_capture_on_commit_callbacks(execute=True):
            issue(decision, actor)
        decisions.append(decision)
    return ceremony_create(
        actor=clerk,
        name="Hội nghị tổng kết năm 2022",
        date=datetime.date(2023, 3, 14),
        place="Hội trường Công an tỉnh",
        decisions=decisions,
    )


def dark_box(image: Image.Image) -> tuple[int, int, int, int]:
    return ImageOps.invert(image.convert("L")).getbbox()


def test_overlay_pages_follow_ceremony_order_and_carry_a_readable_qr(ceremony, tmp_path):
    require(Path("/usr/bin/pdftoppm").exists(), "needs poppler-utils (pdftoppm)")
    from pyzbar.pyzbar import decode

    certificates = ceremony_certificates(ceremony)
    pdf = tmp_path / "overlay.pdf"
    pdf.write_bytes(overlay_pdf(certificates))
    reader = PdfReader(pdf)
    assert len(reader.pages) == 4
    # Bằng khen blank (400 mm wide) first, Giấy khen (297 mm) after.
    widths_mm = [round(float(p.mediabox.width) / 72 * 25.4) for p in reader.pages]
    assert widths_mm == [400, 400, 297, 297]
    subprocess.run(
        ["pdftoppm", "-r", "100", "-png", str(pdf), str(tmp_path / "p")], check=True, timeout=120
    )
    scanned = [decode(Image.open(png))[0].data.decode() for png in sorted(tmp_path.glob("p*.png"))]
    assert scanned == [verification_url(c) for c in certificates]


def test_fields_are_placed_in_mm_and_shifted_by_the_printer_calibration(ceremony):
    certificate = ceremony_certificates(ceremony)[0]
    BlankLayout.objects.create(
        kind=certificate.kind,
        page_width_mm=200,
        page_height_mm=100,
        fields={"registry": {"x": 50, "y": 40, "size": 12}},
    )
    from commendations.ceremonies.overlay import layout_for

    layout = layout_for(certificate.kind)
    plain = dark_box(overlay_page(certificate, layout, None))
    assert abs(plain[0] - px(50)) <= px(1)  # the text starts at x = 50 mm
    assert plain[1] < px(40) <= plain[3] + px(1)  # ... on the line at y = 40 mm
    printer = PrinterCalibration.objects.create(name="HP-01", offset_x_mm=3, offset_y_mm=-2)
    shifted = dark_box(overlay_page(certificate, layout, printer))
    # Vector text lands at sub-pixel positions: the rendered shift is 3 mm and -2 mm to a pixel
    # (the exact millimetres are checked on the PDF itself, test_a_vector_field_starts_at_...).
    assert abs((shifted[0] - plain[0]) - (px(53) - px(50))) <= 1
    assert abs((shifted[1] - plain[1]) - (px(38) - px(40))) <= 1


def test_calibration_page_has_the_blank_size_and_crosshairs(db):
    printer = PrinterCalibration.objects.create(name="Canon", offset_x_mm=2, offset_y_mm=1)
    reader = PdfReader(io.BytesIO(calibration_pdf("bang_khen", printer=printer)))
    [page] = reader.pages
    assert round(float(page.mediabox.width) / 72 * 25.4) == 400
    assert round(float(page.mediabox.height) / 72 * 25.4) == 300
    image = next(iter(page.images)).image.convert("L")
    assert image.getpixel((px(12), px(11))) < 128  # crosshair centre at (10+2, 10+1) mm
    assert image.getpixel((px(12) + px(3), px(11) + px(3))) > 128


def _paragraphs(content: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(content)).paragraphs]


def test_mc_script_reads_in_print_pack_order_grouped_by_decision(ceremony):
    order = [c.nomination.nominee_name for c in ceremony_certificates(ceremony)]
    assert order == ["Công an xã Glar", "Lê Văn An", "Công an xã Ia Sao", "Nguyễn Văn Hùng"]
    text = _paragraphs(mc_script_docx(ceremony))
    listed = [p.split(". ", 1)[1] for p in text if p[:1].isdigit()]
    assert [line.split(",")[0] for line in listed] == [
        "Công an xã Glar",
        "Đồng chí Đại úy Lê Văn An",
        "Công an xã Ia Sao",
        "Đồng chí Đại úy Nguyễn Văn Hùng",
    ]
    announcements = [p for p in text if p.startswith("Thừa ủy quyền")]
    assert announcements[0].startswith(
        "Thừa ủy quyền, tôi xin công bố Quyết định số 1234/QĐ-BCA-X01 ngày 01 tháng 3 năm 2023 "
        "của Bộ trưởng Bộ Công an tặng Bằng khen cho 1 tập thể và 1 cá nhân"
    )
    assert "Giám đốc Công an tỉnh" in announcements[1] and "Giấy khen" in announcements[1]
    assert sum("kính mời đồng chí" in p for p in text) == 2


def test_run_sheet_lists_every_certificate_in_the_same_order(ceremony):
    certificates = ceremony_certificates(ceremony)
    table = Document(io.BytesIO(run_sheet_docx(ceremony))).tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    rows = [row for row in rows if not row[0].startswith("Tốp ")]  # the turns' headings
    assert [row[1] for row in rows] == [c.registry_number for c in certificates]
    assert [row[3] for row in rows] == ["Bằng khen", "Bằng khen", "Giấy khen", "Giấy khen"]


def test_overlay_pages_are_vector_text_in_the_documents_font(ceremony):
    """Issue #23: not a 200 dpi JPEG per page: the fields are text (selectable, exactly the
    values), in Liberation Serif (Times New Roman's metrics) embedded as a subset, no image, and
    the file weighs kilobytes."""
    import pymupdf

    from commendations.ceremonies.overlay import overlay_values

    certificates = ceremony_certificates(ceremony)
    content = overlay_pdf(certificates)
    document = pymupdf.open(stream=content, filetype="pdf")
    assert document.page_count == len(certificates)
    for page, certificate in zip(document, certificates, strict=True):
        assert page.get_images(full=True) == []  # no image XObject
        text = " ".join(page.get_text().split())
        for field, value in overlay_values(certificate).items():
            for line in value.split("\n"):
                assert " ".join(line.split()) in text, (field, line)
        fonts = {font[3] for font in page.get_fonts(full=True)}
        assert fonts and all("Liberation Serif" in name for name in fonts), fonts
        assert all(font[1] == "ttf" for font in page.get_fonts(full=True))  # embedded
    assert len(content) < 60_000 * len(certificates), len(content)


def test_a_vector_field_starts_at_its_mm_position(ceremony):
    import pymupdf

    certificate = ceremony_certificates(ceremony)[0]
    BlankLayout.objects.create(
        kind=certificate.kind,
        page_width_mm=200,
        page_height_mm=100,
        fields={"registry": {"x": 50, "y": 40, "size": 12}},
    )
    printer = PrinterCalibration.objects.create(name="HP-02", offset_x_mm=3, offset_y_mm=-2)
    for offset, dx, dy in ((None, 0, 0), (printer, 3, -2)):
        page = pymupdf.open(stream=overlay_pdf([certificate], printer=offset), filetype="pdf")[0]
        [word, *_] = page.get_text("words")
        mm = 25.4 / 72
        assert word[0] * mm == pytest.approx(50 + dx, abs=0.3)
        [span] = [
            s for b in page.get_text("dict")["blocks"] for li in b["lines"] for s in li["spans"]
        ]
        assert span["origin"][1] * mm == pytest.approx(40 + dy, abs=0.1)  # the baseline
