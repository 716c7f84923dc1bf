"""A presenter per group of awards, separate from the signer; the MC script invites the presenter
in correct Vietnamese capitalisation; run-sheet and script on A4, Times New Roman, black, with
numbers never broken (read back from the PDF)."""

import io

import pymupdf
import pytest
from docx import Document
from docx.shared import Mm
from rest_framework.test import APIClient

from commendations.campaigns.models import Authority
from commendations.ceremonies.documents import mc_script_docx, run_sheet_docx
from commendations.ceremonies.models import CeremonyPresenter
from commendations.ceremonies.selectors import ceremony_certificates
from commendations.documents.libreoffice import docx_to_pdf
from tests.ceremonies.test_run_sheet_and_overlay import ceremony, eager  # noqa: F401
from tests.certificate_fixtures import media  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


@pytest.fixture
def held(request):
    """The ceremony of test_run_sheet_and_overlay (a Giấy khen and a Bằng khen decision)."""
    return request.getfixturevalue("ceremony")


def _director_decision(held_ceremony):
    return held_ceremony.decisions.get(authority=Authority.PROVINCIAL_DIRECTOR)


def _paragraphs(content: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(content)).paragraphs]


def test_mc_script_invites_the_presenter_set_through_the_api(held, clerk):
    api = APIClient()
    api.force_authenticate(clerk)
    decision = _director_decision(held)
    response = api.post(
        f"/api/v1/ceremonies/{held.pk}/presenters/",
        {
            "decision": decision.pk,
            "rank": "Đại tá",
            "title": "Phó Giám đốc Công an tỉnh",
            "name": "Nguyễn Ngọc Sơn",
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()[0]["line"] == "Đại tá Nguyễn Ngọc Sơn, Phó Giám đốc Công an tỉnh"
    text = _paragraphs(mc_script_docx(held))
    invitations = [p for p in text if "kính mời đồng chí" in p]
    assert (
        "Trân trọng kính mời đồng chí Đại tá Nguyễn Ngọc Sơn, Phó Giám đốc Công an tỉnh lên trao "
        "Giấy khen cho các tập thể, cá nhân." in invitations
    )
    # the Ministry's group has no presenter yet: its signer, capitalised as a title is written
    assert any("đồng chí Nguyễn Ngọc Sơn, Giám đốc lên trao Bằng khen" in p for p in invitations)
    assert not any("Giám Đốc" in p or "Bộ Trưởng" in p for p in text)


def test_the_presenter_form_on_the_ceremony_page(held, clerk, client):
    client.force_login(clerk)
    decision = _director_decision(held)
    response = client.post(
        f"/ceremonies/{held.pk}/presenters/",
        {"decision": decision.pk, "rank": "Đại tá", "title": "Phó Giám đốc", "name": "A B"},
    )
    assert response.status_code == 302
    presenter = CeremonyPresenter.objects.get(ceremony=held, decision=decision)
    assert presenter.line == "Đại tá A B, Phó Giám đốc"
    page = client.get(f"/ceremonies/{held.pk}/").content.decode()
    assert "Đại tá A B, Phó Giám đốc" in page


def test_a_presenter_needs_a_decision_of_the_ceremony_and_a_clerk(held, clerk, director):
    api = APIClient()
    api.force_authenticate(clerk)
    other = api.post(
        f"/api/v1/ceremonies/{held.pk}/presenters/",
        {"decision": 999999, "title": "Phó Giám đốc", "name": "X"},
        format="json",
    )
    assert other.status_code == 404
    api.force_authenticate(director)
    denied = api.post(
        f"/api/v1/ceremonies/{held.pk}/presenters/",
        {"decision": _director_decision(held).pk, "title": "Phó Giám đốc", "name": "X"},
        format="json",
    )
    assert denied.status_code in (403, 404)
    assert not CeremonyPresenter.objects.exists()


def test_run_sheet_and_script_are_a4_times_black(held):
    for content in (run_sheet_docx(held), mc_script_docx(held)):
        document = Document(io.BytesIO(content))
        section = document.sections[0]
        assert abs(section.page_width - Mm(210)) < Mm(1)
        assert abs(section.page_height - Mm(297)) < Mm(1)
        assert document.styles["Normal"].font.name == "Times New Roman"
        for paragraph in document.paragraphs:
            assert not paragraph.style.name.startswith("Heading")
            for run in paragraph.runs:
                assert run.font.color.rgb in (None, document.styles["Normal"].font.color.rgb)


def test_run_sheet_numbers_are_never_broken_in_the_pdf(held, soffice_path):
    pdf = pymupdf.open(stream=docx_to_pdf({"run": run_sheet_docx(held)})["run"])
    lines = [
        "".join(span["text"] for span in line["spans"]).strip()
        for page in pdf
        for block in page.get_text("dict")["blocks"]
        for line in block.get("lines", [])
    ]
    for certificate in ceremony_certificates(held):
        assert certificate.registry_number in lines
        # in its turn's heading, never broken across lines
        assert any(certificate.decision.number in line for line in lines)
    fonts = {font[3] for page in pdf for font in page.get_fonts()}
    assert any("LiberationSerif" in f or "TimesNewRoman" in f for f in fonts)
    assert pdf[0].rect.width == pytest.approx(595, abs=2)  # A4, not US Letter (612)
