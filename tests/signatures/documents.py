"""Small PDFs for the signature tests (PyMuPDF, a test dependency) and a person's signature
made the way a signer's token software makes it: an incremental PAdES signature."""

import io
import tempfile
from pathlib import Path

import pymupdf
from asn1crypto import keys, x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from commendations.demo.pki import Issued

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"


def decision_pdf(signer_line: str = "Đại tá Nguyễn Ngọc Sơn", pages: int = 1) -> bytes:
    document = pymupdf.open()
    for number in range(pages):
        page = document.new_page(width=595, height=842)
        page.insert_font(fontname="serif", fontfile=FONT)
        page.insert_text(
            (85, 80), f"QUYẾT ĐỊNH — trang {number + 1}", fontname="serif", fontsize=13
        )
        if number == pages - 1:
            page.insert_text((360, 500), "KT. GIÁM ĐỐC", fontname="serif", fontsize=13)
            page.insert_text((360, 516), "PHÓ GIÁM ĐỐC", fontname="serif", fontsize=13)
            page.insert_text((350, 620), signer_line, fontname="serif", fontsize=13)
    return document.tobytes()


def _der(certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.DER)


def signer_of(issued: Issued) -> signers.SimpleSigner:
    key = issued.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return signers.SimpleSigner(
        signing_cert=x509.Certificate.load(_der(issued.certificate)),
        signing_key=keys.PrivateKeyInfo.load(key),
        cert_registry=SimpleCertificateStore.from_certs(
            [x509.Certificate.load(_der(c)) for c in issued.chain]
        ),
    )


def person_sign(pdf: bytes, issued: Issued, field: str = "ChuKyNguoiKy") -> bytes:
    """What the signer's own software does: add their signature as an incremental update."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name=field, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256"
    )
    return signers.PdfSigner(meta, signer=signer_of(issued)).sign_pdf(writer).getvalue()


def page_appended(pdf: bytes) -> bytes:
    """An incremental update adding a page after signing (what a forger would try): the signed
    bytes stay untouched."""
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "signed.pdf"
        path.write_bytes(pdf)
        document = pymupdf.open(path)
        page = document.new_page()
        page.insert_text((72, 72), "Trang them sau khi ky")
        document.saveIncr()
        document.close()
        return path.read_bytes()


def one_byte_changed(pdf: bytes, needle: bytes = b"/MediaBox") -> bytes:
    """A byte flipped inside the signed content."""
    at = pdf.index(needle) + 2
    return pdf[:at] + bytes([pdf[at] ^ 0x01]) + pdf[at + 1 :]
