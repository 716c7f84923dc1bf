"""The clerk downloads the ceremony's run-sheet, the MC script, the overlay PDF for pre-printed
blanks and the printer calibration page from the ceremony page."""

import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from commendations.ceremonies.models import PrinterCalibration
from commendations.ceremonies.services import ceremony_create
from tests.web.test_clerk_pages import issued, render_all  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def ceremony(issued, clerk):  # noqa: F811
    render_all(issued)
    return ceremony_create(
        actor=clerk,
        name="Hội nghị tổng kết",
        date=issued.date,
        place="Hội trường",
        decisions=[issued],
    )


def test_ceremony_page_offers_the_ceremony_documents(login, clerk, ceremony):
    PrinterCalibration.objects.create(name="Máy in phòng PV05", offset_x_mm=1, offset_y_mm=-2)
    page = login(clerk).get(reverse("ceremony_detail", args=[ceremony.pk])).content.decode()
    for kind in ("run-sheet", "mc-script", "overlay"):
        assert reverse("ceremony_document", args=[ceremony.pk, kind]) in page
    assert reverse("calibration_page", args=["giay_khen"]) in page
    assert "Máy in phòng PV05" in page


@pytest.mark.parametrize("kind", ["run-sheet", "mc-script"])
def test_run_sheet_and_mc_script_list_every_awardee(login, clerk, ceremony, kind):
    response = login(clerk).get(reverse("ceremony_document", args=[ceremony.pk, kind]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    text += "\n".join(
        cell.text
        for table in Document(io.BytesIO(response.content)).tables
        for row in table.rows
        for cell in row.cells
    )
    positions = [text.find(f"Người {i}") for i in range(3)]
    assert all(p >= 0 for p in positions), text[:500]


def test_overlay_pdf_has_one_page_per_certificate(login, clerk, ceremony):
    printer = PrinterCalibration.objects.create(name="A", offset_x_mm=2, offset_y_mm=0)
    response = login(clerk).get(
        reverse("ceremony_document", args=[ceremony.pk, "overlay"]), {"printer": printer.pk}
    )
    assert response["Content-Type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 3


def test_calibration_page_is_a_pdf_and_unknown_kinds_are_404(login, clerk):
    client = login(clerk)
    response = client.get(reverse("calibration_page", args=["bang_khen"]))
    assert response.content.startswith(b"%PDF")
    assert client.get(reverse("calibration_page", args=["quyet_dinh"])).status_code == 404


def test_other_roles_cannot_download_ceremony_documents(login, director, ceremony):
    client = login(director)
    assert (
        client.get(reverse("ceremony_document", args=[ceremony.pk, "run-sheet"])).status_code == 403
    )
    assert client.get(reverse("calibration_page", args=["bang_khen"])).status_code == 403
