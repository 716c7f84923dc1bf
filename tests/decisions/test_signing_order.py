"""The decree's order (Nghị định 30/2020, Điều 13): issue → the signer's signature (a signed PDF,
or the paper original signed by hand and scanned) → the văn thư's seal, its own audited step at
the real time → then the certificates. A decision dated in the past (entered after the fact) is
recorded as an unsealed paper original, never sealed with today's time beside its old date."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from commendations.actions.decisions import decision_seal, decision_sign, decision_sign_on_paper
from commendations.actions.registry import action_run
from commendations.certificates.models import Certificate, RenderBatch
from commendations.certificates.services import certificates_generate
from commendations.decisions import signed_pdf as decisions_pdf
from commendations.decisions.models import Decision, DecisionPdfStatus, SignatureState
from commendations.events import AuditEventKind
from commendations.signatures.pdf_verdict import pdf_verify
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401
from tests.signatures.documents import person_sign
from workflow.exceptions import TransitionNotAllowed
from workflow.models import AuditEvent, TransitionLog

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media", "eager")]

_CONVERTED: dict[str, bytes] = {}


@pytest.fixture(autouse=True)
def one_conversion(monkeypatch, settings, soffice_path):
    settings.ARCHIVE_PDFS_ENABLED = True
    real = decisions_pdf.docx_to_pdf

    def convert(documents: dict[str, bytes], **kwargs) -> dict[str, bytes]:
        if "pdf" not in _CONVERTED:
            _CONVERTED["pdf"] = next(iter(real(documents, **kwargs).values()))
        return {name: _CONVERTED["pdf"] for name in documents}

    monkeypatch.setattr(decisions_pdf, "docx_to_pdf", convert)


@pytest.fixture
def issued(
    campaign, district, officer, member, secretary, director, director_award,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    def make(*, on: datetime.date | None = None, number: str = "21/QĐ-CAT-PV05") -> Decision:
        nominations = awaiting(
            campaign, district, officer, member, secretary,
            [(director_award, "collective", f"Công an xã Ia Sao {number}", {})],
        )  # fmt: skip
        decision = draft(director, nominations, number=number, date=on or timezone.localdate())
        with django_capture_on_commit_callbacks(execute=True):
            issue(decision, director)
        return Decision.objects.get(pk=decision.pk)

    return make


def _read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def _signed(decision, director, person_cert) -> Decision:
    content = person_sign(_read(decision.pdf), person_cert)
    decision_sign(
        decision=decision,
        actor=director,
        pdf_bytes=SimpleUploadedFile("qd.pdf", content, content_type="application/pdf"),
    )
    return Decision.objects.get(pk=decision.pk)


def test_the_certificates_wait_for_the_seal_which_the_clerk_applies_after_the_signer(
    seal, issued, director, clerk, person_cert, django_capture_on_commit_callbacks
):
    decision = issued()
    assert decision.signature_state == SignatureState.UNSIGNED and decision.awaits_seal
    # numbered at the issue, not rendered: no batch sent
    assert Certificate.objects.filter(decision=decision).count() == 1
    assert not RenderBatch.objects.filter(decision=decision).exists()
    with pytest.raises(Exception, match="đóng dấu"):
        certificates_generate(decision=decision, actor=clerk)
    # the seal never comes before the signer's signature
    with pytest.raises(TransitionNotAllowed):
        decision_seal(decision=decision, actor=clerk)
    decision = _signed(decision, director, person_cert)
    assert decision.signature_state == SignatureState.SIGNED and decision.awaits_seal
    # the signer does not apply the organisation's seal: the văn thư does
    with pytest.raises(PermissionDenied):
        decision_seal(decision=decision, actor=director)
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        decision_seal(decision=decision, actor=clerk, comment="Đóng dấu")
    decision = Decision.objects.get(pk=decision.pk)
    assert decision.signature_state == SignatureState.SEALED and not decision.awaits_seal
    assert decision.sealed_at >= before and decision.pdf_sealed_by == "Công an tỉnh Gia Lai"
    sealed = _read(decision.sealed_pdf)
    assert _read(decision.served_pdf) == sealed
    verdict = pdf_verify(sealed)
    assert verdict.ok, verdict.messages
    # the signer's signature first, then the organisation's seal over it
    signer_line, seal_line = verdict.signatures
    assert signer_line.serial == format(person_cert.certificate.serial_number, "X")
    assert seal_line.serial == format(seal.certificate.serial_number, "X")
    log = TransitionLog.objects.get(transition="seal", object_id=decision.pk)
    assert (log.source_state, log.target_state, log.actor) == ("signed", "sealed", clerk)
    assert log.data["organisation"] == "Công an tỉnh Gia Lai"
    assert RenderBatch.objects.filter(decision=decision).exists()  # then the certificates
    with pytest.raises(Exception, match="đã được đóng dấu"):
        decision_seal(decision=decision, actor=clerk)


def test_a_hand_signed_paper_original_is_scanned_then_sealed(
    seal, issued, director, clerk, django_capture_on_commit_callbacks
):
    decision = issued(number="22/QĐ-CAT-PV05")
    scan = SimpleUploadedFile("ban-goc.pdf", _read(decision.pdf), content_type="application/pdf")
    decision_sign_on_paper(decision=decision, actor=director, scan=scan)
    decision = Decision.objects.get(pk=decision.pk)
    assert decision.signature_state == SignatureState.PAPER and decision.scan
    assert decision.signed_by == "Nguyễn Ngọc Sơn" and decision.signed_at is not None
    assert decision.awaits_seal
    with django_capture_on_commit_callbacks(execute=True):
        action_run(instance=decision, name="seal", actor=clerk, expected_state="paper")
    decision = Decision.objects.get(pk=decision.pk)
    assert decision.signature_state == SignatureState.SEALED
    (line,) = pdf_verify(_read(decision.sealed_pdf)).signatures
    assert line.serial == format(seal.certificate.serial_number, "X")
    assert RenderBatch.objects.filter(decision=decision).exists()


def test_a_decision_dated_in_the_past_is_an_unsealed_paper_original(
    seal, issued, director, clerk, client
):
    decision = issued(on=datetime.date(2023, 3, 6), number="23/QĐ-CAT-PV05")
    assert decision.entered_after_the_fact
    assert decision.signature_state == SignatureState.PAPER
    assert decision.pdf_status == DecisionPdfStatus.NONE and not decision.pdf
    assert not decision.is_sealed and not decision.sealed_at and not decision.scan
    assert not decision.awaits_seal
    assert RenderBatch.objects.filter(decision=decision).exists()  # its certificates go on
    log = TransitionLog.objects.get(transition="sign_on_paper", object_id=decision.pk)
    assert log.data["after_the_fact"] is True and log.actor == director
    # never sealed with today's time beside its 2023 date
    with pytest.raises(TransitionNotAllowed):
        decision_seal(decision=decision, actor=clerk)
    client.force_login(director)
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "Bản gốc giấy" in page and "paper-original-form" in page and "seal-form" not in page
    scan = SimpleUploadedFile("qd-2023.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    response = client.post(reverse("decision_sign_on_paper", args=[decision.pk]), {"scan": scan})
    assert response.status_code == 302
    decision = Decision.objects.get(pk=decision.pk)
    assert decision.scan and decision.signature_state == SignatureState.PAPER
    event = AuditEvent.objects.get(kind=AuditEventKind.DECISION_SCAN_ATTACHED)
    assert event.object_id == decision.pk and event.actor == director


def test_the_api_issues_a_past_decision_without_a_scan_and_seals_a_current_one(
    seal, issued, campaign, district, officer, member, secretary, director, director_award,
    clerk, person_cert, django_capture_on_commit_callbacks,
):  # fmt: skip
    api = APIClient()
    api.force_authenticate(director)
    nominations = awaiting(
        campaign, district, officer, member, secretary,
        [(director_award, "individual", "Nguyễn Văn A", {})],
    )  # fmt: skip
    past = draft(director, nominations, number="24/QĐ-CAT-PV05", date=datetime.date(2023, 3, 6))
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(f"/api/v1/decisions/{past.pk}/issue/")
    assert response.status_code == 200, response.json()
    body = api.get(f"/api/v1/decisions/{past.pk}/").json()
    assert body["signature_state"] == "paper" and body["sealed"] is False
    clerk_api = APIClient()
    clerk_api.force_authenticate(clerk)
    response = clerk_api.post(f"/api/v1/decisions/{past.pk}/transitions/seal/", {}, format="json")
    assert response.status_code == 409, response.json()
    # its scan attached afterwards, as on the page (never sealed for it)
    scan = SimpleUploadedFile("qd-2023.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    url = f"/api/v1/decisions/{past.pk}/paper-original/"
    assert clerk_api.post(url, {"scan": scan}, format="multipart").status_code == 403
    scan.seek(0)
    response = api.post(url, {"scan": scan}, format="multipart")
    assert response.status_code == 200, response.json()
    assert response.json()["signature_state"] == "paper" and response.json()["sealed"] is False
    assert Decision.objects.get(pk=past.pk).scan
    decision = _signed(issued(number="25/QĐ-CAT-PV05"), director, person_cert)
    url = f"/api/v1/decisions/{decision.pk}/transitions/seal/"
    assert api.post(url, {}, format="json").status_code == 403  # the signer is not the văn thư
    with django_capture_on_commit_callbacks(execute=True):
        response = clerk_api.post(url, {"expected_state": "signed"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["signature_state"] == "sealed" and response.json()["sealed_at"]
    assert response.json()["awaits_seal"] is False


def test_the_decision_page_shows_the_order_and_the_clerks_seal_button(
    seal, issued, director, clerk, person_cert, client, django_capture_on_commit_callbacks
):
    decision = _signed(issued(number="26/QĐ-CAT-PV05"), director, person_cert)
    client.force_login(director)
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "chờ văn thư đóng dấu" in page and "seal-form" not in page
    client.force_login(clerk)
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "seal-form" in page and "certificates-await-seal" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("decision_seal", args=[decision.pk]), {"expected_state": "signed"}
        )
    assert response.status_code == 302
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "Đã đóng dấu số của Công an tỉnh Gia Lai" in page and "seal-form" not in page
    assert "Tải bản PDF đã ký và đóng dấu" in page


def test_the_seal_keeps_off_the_signers_name_on_the_real_decision(
    seal, issued, director, clerk, person_cert, django_capture_on_commit_callbacks
):
    """On the decision rendered from doc_templates/quyet_dinh.docx by LibreOffice, the signature
    area between the title and the name is tall enough for the round seal (34 mm): it covers the
    signature's left third and reaches neither the title nor the printed name."""
    from tests.signatures.placement import assert_seal_placed, placement

    decision = _signed(issued(number="23/QĐ-CAT-PV05"), director, person_cert)
    with django_capture_on_commit_callbacks(execute=True):
        decision_seal(decision=decision, actor=clerk)
    decision = Decision.objects.get(pk=decision.pk)
    found = placement(
        _read(decision.sealed_pdf), titles=[decision.signer_title], name=decision.signer_name
    )
    assert_seal_placed(found)
    assert not found.seal.intersects(found.name), (found.seal, found.name)
