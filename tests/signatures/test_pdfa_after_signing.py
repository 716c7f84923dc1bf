"""Generated PDFs carry a Title and the organisation as Author (not "python-docx"), and a
PDF/A-2b file stays PDF/A-2b after its seal and a person's signature are added: no
`/Version /2.0` in the catalogue (PDF/A-2 is based on PDF 1.7), the XMP identification kept,
every font embedded, no encryption. No validator is installed here, so these are the parts
PDF/A fixes, checked one by one; one LibreOffice conversion for the module."""

import io
import re

import pytest
from docx import Document
from pypdf import PdfReader

from commendations.decisions.documents import decision_document
from commendations.demo.pki import pdf_sign_as_person
from commendations.documents.libreoffice import docx_to_pdf
from commendations.documents.rendering import document_title
from commendations.signatures.seal import pdf_seal
from tests.certificate_fixtures import awaiting, draft, media  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


@pytest.fixture
def decision_docx(campaign, district, officer, member, secretary, director, director_award):
    specs = [(director_award, "collective", "Công an xã Ia Sao", {})]
    nominations = awaiting(campaign, district, officer, member, secretary, specs)
    return decision_document(draft(director, nominations))


def _catalog_versions(pdf: bytes) -> list[str]:
    return re.findall(rb"/Version\s*/(\d\.\d)", pdf)


def _assert_pdfa2(pdf: bytes) -> None:
    assert pdf.startswith(b"%PDF-1.")
    assert all(float(v) <= 1.7 for v in _catalog_versions(pdf)), _catalog_versions(pdf)
    assert b"/BaseVersion /2.0" not in pdf and b"/BaseVersion/2.0" not in pdf
    reader = PdfReader(io.BytesIO(pdf))
    assert not reader.is_encrypted
    xmp = reader.xmp_metadata
    assert xmp is not None
    raw = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfaid:part(?:>|=\")2", raw), raw[:400]
    assert re.search(r"pdfaid:conformance(?:>|=\")B", raw)
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            if descriptor is None:  # a Type 3 font carries its glyphs itself
                continue
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font


def test_the_docx_says_who_made_it_and_what_it_is(decision_docx):
    properties = Document(io.BytesIO(decision_docx)).core_properties
    assert properties.author == "Công an tỉnh Gia Lai"
    assert properties.title.startswith("Quyết định số ") and "Giấy khen" in properties.title
    assert document_title({"sessions": [], "award_name": "Bằng khen"}).startswith("Biên bản")


def test_a_pdfa_stays_pdfa_after_the_seal_and_a_signature(decision_docx, seal, person_cert):
    pdf = docx_to_pdf({"qd": decision_docx}, pdfa=True)["qd"]
    info = PdfReader(io.BytesIO(pdf)).metadata
    assert info.author == "Công an tỉnh Gia Lai" and "python-docx" not in str(info)
    assert info.title.startswith("Quyết định số ")
    _assert_pdfa2(pdf)
    signed = pdf_sign_as_person(pdf, pkcs12_data=person_cert.pkcs12(b"pw"), password=b"pw")
    _assert_pdfa2(signed)
    sealed = pdf_seal(
        signed,
        organisation="Công an tỉnh Gia Lai",
        anchor="Nguyễn",
        reason="Ban hành",
        location="Gia Lai",
    )
    _assert_pdfa2(sealed)
    assert PdfReader(io.BytesIO(sealed)).metadata.author == "Công an tỉnh Gia Lai"
