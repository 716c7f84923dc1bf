"""docxtpl rendering with autoescape: text comes out exactly as typed (python-docx reads it)."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from docx import Document
from docx.oxml.ns import qn
from PIL import Image

from commendations.actions.certificates import certificate_render
from commendations.campaigns.models import Authority, AuthorityProfile
from commendations.certificates.documents import certificate_context
from commendations.certificates.models import Certificate
from commendations.decisions.documents import decision_document, submission_letter
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401

DOC_TEMPLATES = Path(__file__).resolve().parents[2] / "doc_templates"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

TRICKY = [
    ("individual", "Nguyễn Thị Ánh Tuyết", {"rank": "Thượng úy", "position": "Cán bộ <Đội 1>"}),
    ("collective", "Đội CSGT-TT & Cơ động, Công an huyện Chư Păh", {}),
    ("collective", "Tổ \"An ninh\" <thôn 3> & 'Plei Ốp' {{ x }} {% if 1 %}", {}),
]


def _all_text(content: bytes) -> str:
    """Every text node of the body, tables included, in document order."""
    return "".join(Document(io.BytesIO(content)).element.body.itertext())


@pytest.fixture
def tricky(campaign, district, officer, member, secretary, director_award, ministry_award):
    def make(award):
        specs = [(award, kind, name, extra) for kind, name, extra in TRICKY]
        return awaiting(campaign, district, officer, member, secretary, specs)

    return make


def test_certificates_print_names_exactly_as_typed(tricky, director, director_award):
    nominations = tricky(director_award)
    issue(draft(director, nominations), director)
    for certificate in Certificate.objects.select_related("nomination"):
        assert certificate_render(certificate_id=certificate.pk) == "rendered"
        certificate.refresh_from_db()
        with certificate.file.open("rb") as handle:
            text = _all_text(handle.read())
        nomination = certificate.nomination
        assert nomination.nominee_name in text
        assert "&amp;" not in text and "&lt;" not in text
        if nomination.position:
            # the rank goes with the name: "Đồng chí Thượng úy …", the position below it
            assert "Đồng chí Thượng úy Nguyễn Thị Ánh Tuyết" in text
            assert "Cán bộ <Đội 1>" in text


def test_decision_document_and_submission_letter_list_everyone(
    tricky, director, ministry, director_award, ministry_award
):
    gk = tricky(director_award)
    decision = issue(draft(director, gk), director)
    text = _all_text(decision_document(decision))
    for _kind, name, _extra in TRICKY:
        assert name in text
    assert "Số: 12/QĐ-CAT-PV05" in text and "GIÁM ĐỐC CÔNG AN TỈNH" in text
    assert "Thượng úy, Cán bộ <Đội 1>" in text
    bk = tricky(ministry_award)
    letter = _all_text(submission_letter(bk))
    assert "Kính gửi: Bộ trưởng Bộ Công an" in letter
    for _kind, name, _extra in TRICKY:
        assert name in letter
    assert bk[0].award_type.authority == Authority.MINISTRY


def test_the_emblem_an_administrator_uploads_is_printed(tricky, director, director_award):
    """An office printing on plain paper uploads the emblem on the authority; the certificate
    carries it (an image part in the .docx), and an empty replacement note prints nothing."""
    profile = AuthorityProfile.objects.get(authority=Authority.PROVINCIAL_DIRECTOR)
    png = io.BytesIO()
    Image.new("RGB", (40, 40), (200, 0, 0)).save(png, format="PNG")
    profile.emblem.save("quoc-huy.png", ContentFile(png.getvalue()))
    nominations = tricky(director_award)
    issue(draft(director, nominations), director)
    certificate = Certificate.objects.select_related("nomination", "decision").first()
    assert certificate_context(certificate)["replacement_note"] == ""
    assert certificate_render(certificate_id=certificate.pk) == "rendered"
    certificate.refresh_from_db()
    with certificate.file.open("rb") as handle:
        content = handle.read()
    with zipfile.ZipFile(io.BytesIO(content)) as docx:
        media = [n for n in docx.namelist() if n.startswith("word/media/")]
    assert len(media) >= 2  # the emblem and the QR code


@pytest.mark.parametrize("name", ["quyet_dinh.docx", "to_trinh.docx"])
def test_the_signers_block_never_splits_across_pages(name):
    """The title ("GIÁM ĐỐC") and the name the signer signs between stay on one page (a Tờ
    trình of three nominees put the name alone on page 2, under the seal): the row holding the
    block cannot split, and the Tờ trình's closing line keeps with it."""
    document = Document(str(DOC_TEMPLATES / name))
    signer_rows = [
        row
        for table in document.tables
        for row in table.rows
        if any("signer_name_line" in cell.text for cell in row.cells)
    ]
    assert signer_rows
    for row in signer_rows:
        assert row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
    if name == "to_trinh.docx":
        closing = [p for p in document.paragraphs if p.text.startswith("Kính trình")]
        assert closing and closing[0].paragraph_format.keep_with_next
