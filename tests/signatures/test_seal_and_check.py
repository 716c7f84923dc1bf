"""The organisation's seal and the check anyone can run: sign, verify, tamper one byte, append a
page, an untrusted root, an expired certificate, a file that is not ours."""

import pytest

from commendations.demo.pki import pki_build
from commendations.signatures import pdf_check
from commendations.signatures import seal as seal_module
from commendations.signatures.pdf_verdict import pdf_verify
from commendations.signatures.seal import pdf_seal, seal_position
from tests.signatures.conftest import expired_cert
from tests.signatures.documents import (
    decision_pdf,
    one_byte_changed,
    page_appended,
    person_sign,
)

pytestmark = pytest.mark.django_db


def sealed(pdf: bytes | None = None) -> bytes:
    return pdf_seal(
        pdf or decision_pdf(),
        organisation="Công an tỉnh Gia Lai",
        anchor="Nguyễn Ngọc Sơn",
        reason="Ban hành",
        location="Gia Lai",
    )


def test_the_seal_verifies_with_its_signer_and_time(seal):
    verdict = pdf_verify(sealed())
    assert verdict.ok, verdict.messages
    (line,) = verdict.signatures
    assert line.signer == "Công an tỉnh Gia Lai"
    assert line.serial == format(seal.certificate.serial_number, "X")
    assert line.signed_at is not None


def test_the_seal_sits_at_the_signer_block():
    position = seal_position(decision_pdf(pages=2), anchor="Nguyễn Ngọc Sơn")
    assert position.page == 1
    assert 340 < position.x < 360
    assert 842 - 630 < position.y < 842 - 610


def test_one_byte_changed_is_invalid(seal):
    verdict = pdf_verify(one_byte_changed(sealed()))
    assert not verdict.ok
    assert pdf_check.ALTERED in verdict.signatures[0].problems


def test_a_page_appended_after_signing_is_detected(seal):
    verdict = pdf_verify(page_appended(sealed()))
    assert not verdict.ok
    assert pdf_check.MODIFIED_AFTER in verdict.signatures[0].problems
    assert "thêm trang" in " ".join(verdict.messages)


def test_a_certificate_from_an_untrusted_root_is_refused(seal):
    stranger = pki_build("Stranger").issue("Kẻ giả mạo")
    verdict = pdf_verify(person_sign(decision_pdf(), stranger))
    assert not verdict.ok
    assert verdict.signatures[0].problems == [pdf_check.UNTRUSTED]
    assert "không do tổ chức cấp chứng thư được tin cậy" in verdict.messages[0]


def test_an_expired_certificate_is_refused(seal, pki):
    verdict = pdf_verify(person_sign(decision_pdf(), expired_cert(pki)))
    assert not verdict.ok
    assert pdf_check.EXPIRED in verdict.signatures[0].problems


def test_a_personal_signature_over_the_seal_keeps_both_valid(seal, person_cert):
    issued = sealed()
    countersigned = person_sign(issued, person_cert)
    verdict = pdf_verify(countersigned, original=issued)
    assert verdict.ok, verdict.messages
    assert [line.signer for line in verdict.signatures] == [
        "Công an tỉnh Gia Lai",
        "Nguyễn Ngọc Sơn",
    ]


def test_another_document_signed_by_a_trusted_person_is_not_ours(seal, person_cert):
    issued = sealed()
    other = person_sign(sealed(decision_pdf("Đại tá Nguyễn Ngọc Sơn", pages=2)), person_cert)
    verdict = pdf_verify(other, original=issued)
    assert not verdict.ok
    assert pdf_check.NOT_OUR_DOCUMENT in verdict.problems


def test_a_file_without_signature_says_so(seal):
    verdict = pdf_verify(decision_pdf())
    assert verdict.problems == [pdf_check.NO_SIGNATURE]


def test_garbage_is_unreadable_not_a_crash(seal):
    verdict = pdf_verify(b"%PDF-1.7\n" + b"\x00" * 1000)
    assert not verdict.ok
    assert verdict.problems in ([pdf_check.UNREADABLE], [pdf_check.NO_SIGNATURE])


def test_a_tampered_file_is_said_to_be_altered_not_untrusted(seal):
    """pyHanko does not judge the chain of a signature whose bytes no longer match: the check
    must not add "untrusted root" to "altered" (the awardee would be told the wrong reason)."""
    verdict = pdf_verify(one_byte_changed(sealed()))
    assert verdict.signatures[0].problems == [pdf_check.ALTERED]


def test_a_signature_larger_than_the_reserved_room_is_signed_again(seal, monkeypatch):
    """The room reserved for the signature is a guess (a long government chain may not fit):
    the seal is then made with pyHanko's own estimate, and is valid."""
    monkeypatch.setattr(seal_module, "RESERVED_HEX", 64)
    verdict = pdf_verify(sealed())
    assert verdict.ok, verdict.messages
