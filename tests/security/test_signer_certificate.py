"""Issue #28, attack 2: "Đã ký số" accepted anyone's signature. The director uploaded the issued
decision signed with a valid certificate of another official ("Tran Van Khac", chained to a
trusted root) while the decision's signer is someone else: 200, signature_state=signed,
signed_by='Tran Van Khac'. Now the certificate must be the decision signer's: one registered for
them (serial number and issuer), or, with none registered, one whose subject names them."""

import pytest
from cryptography.hazmat.primitives import serialization
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from commendations.actions.decisions import decision_sign
from commendations.decisions.models import Decision, DecisionPdfStatus, SignatureState
from commendations.signatures.models import SignerCertificate
from commendations.signatures.seal import pdf_seal
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401
from tests.signatures.documents import decision_pdf, person_sign

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


@pytest.fixture
def sealed_decision(
    seal, campaign, district, officer, member, secretary, director, director_award
) -> tuple[Decision, bytes]:
    """An issued decision of signer "Nguyễn Ngọc Sơn" whose sealed PDF is ready (made here
    without LibreOffice)."""
    nominations = awaiting(
        campaign, district, officer, member, secretary, [(director_award, "collective", "Tổ A", {})]
    )
    # dated today: a decision dated in the past is a paper original, never signed here
    decision = issue(draft(director, nominations, date=timezone.localdate()), director)
    decision = Decision.objects.get(pk=decision.pk)
    assert decision.signer_name == "Nguyễn Ngọc Sơn"
    content = pdf_seal(
        decision_pdf(),
        organisation="Công an tỉnh Gia Lai",
        anchor="Nguyễn Ngọc Sơn",
        reason="Ban hành",
        location="Gia Lai",
    )
    decision.pdf.save("qd.pdf", ContentFile(content), save=False)
    Decision.objects.filter(pk=decision.pk).update(
        pdf=decision.pdf.name, pdf_status=DecisionPdfStatus.READY, pdf_sealed=True
    )
    return Decision.objects.get(pk=decision.pk), content


def upload(decision: Decision, director, content: bytes) -> None:
    decision_sign(
        decision=decision,
        actor=director,
        pdf_bytes=SimpleUploadedFile("qd.pdf", content, content_type="application/pdf"),
    )


def refusal(decision: Decision, director, content: bytes) -> str:
    with pytest.raises(ValidationError) as refused:
        upload(decision, director, content)
    again = Decision.objects.get(pk=decision.pk)
    assert again.signature_state == SignatureState.UNSIGNED and not again.signed_by
    return " ".join(refused.value.message_dict["file"])


def test_another_officials_valid_certificate_is_refused_with_both_names(
    sealed_decision, director, pki
):
    decision, sealed = sealed_decision
    other = pki.issue("Tran Van Khac", "Công an tỉnh Gia Lai")  # trusted chain, another person
    message = refusal(decision, director, person_sign(sealed, other))
    assert "Tran Van Khac" in message and "Nguyễn Ngọc Sơn" in message
    assert format(other.certificate.serial_number, "X") in message


def test_the_signers_own_certificate_is_accepted_and_recorded(
    sealed_decision, director, person_cert
):
    decision, sealed = sealed_decision
    upload(decision, director, person_sign(sealed, person_cert))
    decision = Decision.objects.get(pk=decision.pk)
    assert decision.signature_state == SignatureState.SIGNED
    assert decision.signed_by == "Nguyễn Ngọc Sơn"
    assert decision.signed_serial == format(person_cert.certificate.serial_number, "X")


def test_the_name_matches_without_diacritics(sealed_decision, director, pki):
    decision, sealed = sealed_decision
    ascii_named = pki.issue("NGUYEN NGOC SON", "Công an tỉnh Gia Lai")
    upload(decision, director, person_sign(sealed, ascii_named))
    assert Decision.objects.get(pk=decision.pk).signature_state == SignatureState.SIGNED


def test_with_a_registered_certificate_a_namesakes_certificate_is_refused(
    sealed_decision, director, pki, person_cert
):
    """Once the signer's certificate is registered, the name no longer suffices: a namesake's
    (or a second certificate in the signer's name someone obtained) is refused."""
    decision, sealed = sealed_decision
    SignerCertificate.objects.create(
        signer_name="Nguyễn Ngọc Sơn",
        certificate_pem=person_cert.certificate.public_bytes(serialization.Encoding.PEM).decode(),
    )
    namesake = pki.issue("Nguyễn Ngọc Sơn", "Công an huyện khác")
    message = refusal(decision, director, person_sign(sealed, namesake))
    assert "đã đăng ký" in message and format(namesake.certificate.serial_number, "X") in message
    upload(decision, director, person_sign(sealed, person_cert))
    assert Decision.objects.get(pk=decision.pk).signature_state == SignatureState.SIGNED
