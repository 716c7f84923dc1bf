"""The issued decision as a signed electronic document, in the decree's order: the worker makes
its PDF/A (once, however often it runs; no seal yet), a Ministry decision gets none; the signer's
own signature is accepted only over our PDF and from a trusted, valid certificate; then the văn
thư seals it (tests/decisions/test_signing_order.py); the page and the API serve the result."""

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from commendations.actions.decisions import decision_record_issued, decision_seal, decision_sign
from commendations.campaigns.models import Authority
from commendations.decisions import signed_pdf as decisions_pdf
from commendations.decisions.models import Decision, DecisionPdfStatus, SignatureState
from commendations.demo.pki import pki_build
from commendations.signatures import pdf_check
from commendations.signatures.pdf_verdict import pdf_verify
from commendations.tasks.decisions import decision_pdf_make
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401
from tests.signatures.conftest import expired_cert
from tests.signatures.documents import decision_pdf, one_byte_changed, page_appended, person_sign
from tests.signatures.placement import assert_seal_placed, placement
from workflow.models import TransitionLog

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media", "eager")]

# LibreOffice takes about two seconds a run: the module converts one decision for real and
# every later decision reuses that PDF/A (same layout, same signer line).
_CONVERTED: dict[str, bytes] = {}


@pytest.fixture(autouse=True)
def one_conversion(monkeypatch, settings, soffice_path):
    settings.ARCHIVE_PDFS_ENABLED = True
    real = decisions_pdf.docx_to_pdf

    def convert(documents: dict[str, bytes], **kwargs) -> dict[str, bytes]:
        assert kwargs.get("pdfa") is True
        if "pdf" not in _CONVERTED:
            _CONVERTED["pdf"] = next(iter(real(documents, **kwargs).values()))
        return {name: _CONVERTED["pdf"] for name in documents}

    monkeypatch.setattr(decisions_pdf, "docx_to_pdf", convert)


@pytest.fixture
def issued(
    campaign, district, officer, member, secretary, director, director_award,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    """Issue a Director's decision; with `run`, the commit's callbacks (the PDF task) run."""

    def make(*, run: bool = True, number: str = "12/QĐ-CAT-PV05") -> Decision:
        nominations = awaiting(
            campaign, district, officer, member, secretary,
            [(director_award, "collective", f"Công an xã Ia Sao {number}", {})],
        )  # fmt: skip
        decision = draft(director, nominations, number=number, date=timezone.localdate())
        with django_capture_on_commit_callbacks(execute=run):
            issue(decision, director)
        return Decision.objects.get(pk=decision.pk)

    return make


def _read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def _files(decision: Decision) -> list[str]:
    folder = Path(decision.pdf.storage.path(f"decisions/{decision.year}/{decision.pk}"))
    return sorted(p.name for p in folder.iterdir())


def _upload(decision, director, content: bytes, name: str = "qd.pdf"):
    return decision_sign(
        decision=decision,
        actor=director,
        pdf_bytes=SimpleUploadedFile(name, content, content_type="application/pdf"),
    )


# --- the organisation's seal, by the worker -------------------------------------------------


def test_issuing_makes_one_unsealed_pdfa_for_the_signer_however_often_the_task_runs(seal, issued):
    """The signer signs first (Nghị định 30/2020, Điều 13): the PDF/A made at issue carries no
    seal; the văn thư seals after the signer."""
    decision = issued()
    assert decision.pdf_status == DecisionPdfStatus.READY, decision.pdf_error
    pdf = _read(decision.pdf)
    assert b"pdfaid:part" in pdf
    assert pdf_check.NO_SIGNATURE in pdf_verify(pdf).problems
    assert not decision.pdf_sealed and not decision.is_sealed and decision.awaits_seal
    assert decision.pdf_sha256 and decision.pdf_made_at
    year = timezone.localdate().year
    assert decision.pdf.name == f"decisions/{year}/{decision.pk}/quyet-dinh-12-qd-cat-pv05.pdf"
    assert decision.docx_file.name.endswith("quyet-dinh-12-qd-cat-pv05.docx")
    # delivered again (late acknowledgement), then again by the sweep: nothing changes
    assert decision_pdf_make.delay(decision.pk).get() == "skipped"
    assert decisions_pdf.decision_pdf_make(decision_id=decision.pk) == "skipped"
    again = Decision.objects.get(pk=decision.pk)
    assert (again.pdf.name, again.pdf_sha256, again.pdf_made_at) == (
        decision.pdf.name,
        decision.pdf_sha256,
        decision.pdf_made_at,
    )
    assert _files(decision) == ["quyet-dinh-12-qd-cat-pv05.docx", "quyet-dinh-12-qd-cat-pv05.pdf"]


def test_a_claimed_pdf_is_left_to_its_worker_and_a_dead_workers_claim_expires(
    seal, issued, settings
):
    decision = issued(run=False)
    assert decision.pdf_status == DecisionPdfStatus.PENDING
    now = datetime.datetime.now(datetime.UTC)
    Decision.objects.filter(pk=decision.pk).update(pdf_claimed_at=now)
    assert decisions_pdf.decision_pdf_make(decision_id=decision.pk) == "skipped"
    long_ago = now - datetime.timedelta(seconds=settings.DECISION_PDF_RESEND_SECONDS + 1)
    Decision.objects.filter(pk=decision.pk).update(pdf_claimed_at=long_ago)
    assert decisions_pdf.decision_pdf_make(decision_id=decision.pk) == "done"


def test_a_ministry_decision_recorded_from_its_scan_gets_no_pdf(
    campaign, district, officer, member, secretary, ministry, ministry_award,
    django_capture_on_commit_callbacks, client,
):  # fmt: skip
    nominations = awaiting(
        campaign, district, officer, member, secretary,
        [(ministry_award, "collective", "Công an xã Một", {})],
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        decision = decision_record_issued(
            actor=ministry,
            authority=Authority.MINISTRY,
            number="1234/QĐ-BCA-X03",
            date=datetime.date(2023, 2, 20),
            signer_title="KT. BỘ TRƯỞNG - THỨ TRƯỞNG",
            signer_name="Lương Tam Quang",
            nomination_ids=[n.pk for n in nominations],
            scan=SimpleUploadedFile("qd.pdf", b"%PDF-1.4 scan"),
        )
    decision.refresh_from_db()
    assert decision.pdf_status == DecisionPdfStatus.NONE and not decision.pdf
    assert decisions_pdf.decision_pdf_make(decision_id=decision.pk) == "skipped"
    assert not decision.served_pdf
    client.force_login(ministry)
    assert client.get(reverse("decision_pdf", args=[decision.pk])).status_code == 404
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "Bản quét quyết định" in page and "decision-pdf-card" not in page


def test_without_a_configured_seal_the_pdf_is_made_for_the_signer_all_the_same(
    issued, director, client
):
    decision = issued()
    assert decision.pdf_status == DecisionPdfStatus.READY
    client.force_login(director)
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "signed-pdf-form" in page and "chờ ký" in page
    response = client.get(reverse("decision_pdf", args=[decision.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


# --- the signer's own signature --------------------------------------------------------------


def test_a_pdf_signed_by_the_signer_is_accepted_and_audited(seal, issued, director, person_cert):
    decision = issued()
    signed = person_sign(_read(decision.pdf), person_cert)
    _upload(decision, director, signed)
    decision = Decision.objects.get(pk=decision.pk)
    assert decision.signature_state == SignatureState.SIGNED
    assert decision.signed_by == "Nguyễn Ngọc Sơn"
    assert decision.signed_organisation == "Công an tỉnh Gia Lai"
    assert decision.signed_serial == format(person_cert.certificate.serial_number, "X")
    assert decision.signed_at is not None
    assert _read(decision.signed_pdf) == signed
    assert _read(decision.served_pdf) == signed
    assert decision.pdf.name.endswith("cat-pv05.pdf")  # the one the signer signed is kept
    log = TransitionLog.objects.get(transition="sign_digitally", object_id=decision.pk)
    assert (log.source_state, log.target_state, log.actor) == ("unsigned", "signed", director)
    assert log.data["serial"] == decision.signed_serial
    with pytest.raises(ValidationError) as refused:
        _upload(decision, director, signed)
    assert "đã được ký số" in " ".join(refused.value.message_dict["file"])


def _refused(decision, director, content: bytes) -> str:
    with pytest.raises(ValidationError) as refused:
        _upload(decision, director, content)
    again = Decision.objects.get(pk=decision.pk)
    assert again.signature_state == SignatureState.UNSIGNED and not again.signed_pdf
    assert "quyet-dinh-12-qd-cat-pv05-da-ky-so.pdf" not in _files(again)
    return " ".join(refused.value.message_dict["file"])


def test_uploads_that_are_not_the_signers_valid_signature_over_our_pdf_are_refused(
    seal, issued, director, person_cert, pki, settings
):
    decision = issued()
    sealed = _read(decision.pdf)
    signed = person_sign(sealed, person_cert)
    assert "chữ ký không còn khớp" in _refused(decision, director, one_byte_changed(signed))
    assert "thêm trang" in _refused(decision, director, page_appended(signed))
    stranger = pki_build("Stranger").issue("Kẻ giả mạo")
    message = _refused(decision, director, person_sign(sealed, stranger))
    assert "không do tổ chức cấp chứng thư được tin cậy" in message
    assert "Stranger Issuing CA" in message and "Kẻ giả mạo" in message
    assert "hết hạn" in _refused(decision, director, person_sign(sealed, expired_cert(pki)))
    other = person_sign(decision_pdf(), person_cert)  # a valid signature, another document
    assert "không phải văn bản hệ thống đã ban hành" in _refused(decision, director, other)
    assert "không có chữ ký số" in _refused(decision, director, sealed)
    assert "không phải PDF" in _refused(decision, director, b"PK\x03\x04 a zip, not a pdf")
    settings.SIGNATURE_UPLOAD_MAX_BYTES = len(signed) - 1
    assert "quá lớn" in _refused(decision, director, signed)


def test_only_the_issuing_authority_may_upload_the_signed_pdf(seal, issued, secretary, person_cert):
    decision = issued()
    with pytest.raises(PermissionDenied):
        _upload(decision, secretary, person_sign(_read(decision.pdf), person_cert))


# --- the API and the page ---------------------------------------------------------------------


@pytest.fixture
def as_user():
    def make(user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    return make


def test_the_api_serves_the_pdf_and_takes_the_signed_one(
    seal, issued, director, secretary, officer, person_cert, as_user
):
    waiting = issued(run=False, number="13/QĐ-CAT-PV05")
    api = as_user(director)
    response = api.get(f"/api/v1/decisions/{waiting.pk}/pdf/")
    assert response.status_code == 404
    assert response.json()["code"] == "pdf_not_ready"
    assert "đang được tạo" in response.json()["detail"]
    decision = issued()
    body = api.get(f"/api/v1/decisions/{decision.pk}/").json()
    assert body["pdf_ready"] is True and body["sealed"] is False and body["awaits_seal"] is True
    assert body["signature_state"] == "unsigned" and body["signed_by"] == ""
    response = api.get(f"/api/v1/decisions/{decision.pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    sealed = b"".join(response.streaming_content)
    assert sealed == _read(decision.pdf)
    assert as_user(officer).get(f"/api/v1/decisions/{decision.pk}/pdf/").status_code == 404
    signed = person_sign(sealed, person_cert)
    url = f"/api/v1/decisions/{decision.pk}/signed-pdf/"
    upload = SimpleUploadedFile("qd.pdf", signed, content_type="application/pdf")
    assert as_user(secretary).post(url, {"file": upload}, format="multipart").status_code == 403
    bad = SimpleUploadedFile("qd.pdf", one_byte_changed(signed), content_type="application/pdf")
    response = api.post(url, {"file": bad}, format="multipart")
    assert response.status_code == 400
    assert "chữ ký không còn khớp" in " ".join(response.json()["fields"]["file"])
    good = SimpleUploadedFile("qd.pdf", signed, content_type="application/pdf")
    response = api.post(url, {"file": good}, format="multipart")
    assert response.status_code == 200, response.json()
    assert response.json()["signature_state"] == "signed"
    assert response.json()["signed_serial"] == format(person_cert.certificate.serial_number, "X")
    response = api.get(f"/api/v1/decisions/{decision.pk}/pdf/")
    assert b"".join(response.streaming_content) == signed
    body = api.get(f"/api/v1/decisions/{decision.pk}/").json()
    assert body["signed_by"] == "Nguyễn Ngọc Sơn" and body["signed_at"]


def test_the_page_offers_the_pdf_and_the_signed_upload(seal, issued, director, person_cert, client):
    decision = issued()
    client.force_login(director)
    page = client.get(decision.get_absolute_url()).content.decode()
    assert reverse("decision_pdf", args=[decision.pk]) in page
    assert "chờ ký" in page and "seal-form" not in page
    assert "signed-pdf-form" in page
    sealed = _read(decision.pdf)
    url = reverse("decision_signed_pdf", args=[decision.pk])
    stranger = pki_build("Stranger").issue("Kẻ giả mạo")
    bad = SimpleUploadedFile("qd.pdf", person_sign(sealed, stranger))
    response = client.post(url, {"file": bad})
    assert response.status_code == 400
    assert "không do tổ chức cấp chứng thư được tin cậy" in response.content.decode()
    good = SimpleUploadedFile("qd.pdf", person_sign(sealed, person_cert))
    response = client.post(url, {"file": good})
    assert response.status_code == 302
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "Đã ký số" in page and "Nguyễn Ngọc Sơn" in page
    assert format(person_cert.certificate.serial_number, "X") in page
    assert "signed-pdf-form" not in page and "Tải bản PDF đã ký số" in page


def test_the_seal_on_the_real_decision_keeps_off_the_title_and_covers_the_signatures_left(
    seal, issued, director, clerk, person_cert
):
    """Nghị định 30/2020, Phụ lục I, on the PDF/A LibreOffice makes of the decision, sealed by
    the văn thư after the signer's signature."""
    decision = issued()
    _upload(decision, director, person_sign(_read(decision.pdf), person_cert))
    decision = decision_seal(decision=Decision.objects.get(pk=decision.pk), actor=clerk)
    context = decision.signer.context()
    found = placement(
        _read(decision.sealed_pdf),
        titles=list(context["signer_heading"]),
        name=str(context["signer_name_line"]),
    )
    assert_seal_placed(found)
