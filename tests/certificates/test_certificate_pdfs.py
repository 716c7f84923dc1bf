"""Certificates as archived PDF/A with the organisation's seal: the task after
a render chunk, idempotence, the Ministry's Bằng khen, no key configured, revoked certificates,
the downloads, the public page's signature status and the check of an uploaded PDF.

LibreOffice runs for real once per module (the first conversion); later conversions reuse that
real PDF/A for each certificate, so the sealing, the storage and the checks still run on a real
LibreOffice PDF without a soffice run per test."""

import datetime
import hashlib
import io

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from commendations import queues
from commendations.actions.certificates import certificates_render, revocation_create
from commendations.campaigns.models import Authority, AuthorityProfile
from commendations.certificates import archived_pdfs as certificate_pdfs
from commendations.certificates.models import Certificate, CertificateState, PdfSeal
from commendations.certificates.public_verification import verification_path
from commendations.documents import libreoffice
from commendations.events import AuditEventKind
from commendations.signatures.keys import SealConfigurationError
from commendations.signatures.pdf_verdict import pdf_verify
from config.celery import app as celery_app
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401
from tests.signatures.documents import one_byte_changed
from tests.signatures.placement import assert_seal_placed, placement
from workflow.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

_REAL_PDF: list[bytes] = []  # the module's one real LibreOffice PDF/A
real_docx_to_pdf = libreoffice.docx_to_pdf


@pytest.fixture(autouse=True)
def clear_rate_limit():
    cache.clear()
    yield
    cache.clear()


class Conversions:
    """Counts LibreOffice runs; the first is real, later ones reuse its PDF unless `real`."""

    def __init__(self) -> None:
        self.runs: list[list[str]] = []
        self.real = False

    def __call__(self, documents: dict[str, bytes], **kwargs) -> dict[str, bytes]:
        self.runs.append(sorted(documents))
        if self.real or not _REAL_PDF:
            result = real_docx_to_pdf(documents, **kwargs)
            _REAL_PDF[:] = [next(iter(result.values()))]
            return result
        return {name: _REAL_PDF[0] for name in documents}


@pytest.fixture
def conversions(monkeypatch, soffice_path, settings):
    settings.ARCHIVE_PDFS_ENABLED = True
    spy = Conversions()
    monkeypatch.setattr(libreoffice, "docx_to_pdf", spy)
    return spy


@pytest.fixture
def eager():
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_eager_propagates = False


@pytest.fixture
def rendered(campaign, district, officer, member, secretary, director, director_award):
    """Two Giấy khen rendered (no PDF asked for: rendering ran with the PDFs off)."""

    def make(names=("Công an xã Ia Sao", "Công an xã Glar"), award=None, actor=None, **kw):
        specs = [(award or director_award, "collective", name, {}) for name in names]
        decision = draft(
            actor or director, awaiting(campaign, district, officer, member, secretary, specs), **kw
        )
        issue(decision, actor or director)
        ids = list(Certificate.objects.filter(decision=decision).values_list("pk", flat=True))
        certificates_render(certificate_ids=ids)
        return list(Certificate.objects.filter(decision=decision).order_by("serial"))

    return make


def stored(certificate: Certificate) -> bytes:
    certificate.refresh_from_db()
    with certificate.pdf.open("rb") as handle:
        return handle.read()


def make_pdfs(certificates) -> dict[str, int]:
    return certificate_pdfs.certificates_pdf_make(certificate_ids=[c.pk for c in certificates])


# --- the task -----------------------------------------------------------------------------------


def test_a_rendered_chunk_gets_its_sealed_pdfs_from_one_libreoffice_run(
    seal, conversions, eager, django_capture_on_commit_callbacks, campaign, district, officer,
    member, secretary, director, director_award,
):  # fmt: skip
    """Issue → render chunk (eager) → after its commit the PDF task on `convert` → one soffice
    run for the chunk, each PDF sealed at the signer's block and valid, stored with its hash."""
    conversions.real = True
    specs = [
        (director_award, "collective", n, {}) for n in ("Công an xã Ia Sao", "Công an xã Glar")
    ]
    decision = draft(director, awaiting(campaign, district, officer, member, secretary, specs))
    with django_capture_on_commit_callbacks(execute=True):
        issue(decision, director)
    certificates = list(Certificate.objects.filter(decision=decision).order_by("serial"))
    assert len(conversions.runs) == 1 and len(conversions.runs[0]) == 2
    for certificate in certificates:
        content = stored(certificate)
        assert certificate.pdf.name == f"certificates/2023/{certificate.registry_number}.pdf"
        assert certificate.pdf_sha256 == hashlib.sha256(content).hexdigest()
        assert certificate.pdf_seal == PdfSeal.SEALED
        assert certificate.pdf_made_at is not None
        assert certificate.pdf_rendered_at == certificate.rendered_at
        assert certificate.registry_number in PdfReader(io.BytesIO(content)).pages[0].extract_text()
        verdict = pdf_verify(content)
        assert verdict.ok, verdict.messages
        assert verdict.signatures[0].signer == "Công an tỉnh Gia Lai"
        summary = certificate.pdf_signature
        assert summary["valid"] is True
        assert summary["signatures"][0]["serial"] == format(seal.certificate.serial_number, "X")
        assert summary["signatures"][0]["signed_at"]
        assert (
            AuditEvent.objects.filter(
                object_id=certificate.pk, kind=AuditEventKind.CERTIFICATE_PDF_MADE
            ).count()
            == 1
        )
    assert content.startswith(b"%PDF-")
    assert b"pdfaid:part" in content  # PDF/A-2b metadata, kept by the incremental signature


def test_run_twice_one_file_one_event_and_a_new_rendering_gets_a_new_pdf(
    seal, conversions, rendered
):
    certificates = rendered()
    assert make_pdfs(certificates) == {"made": 2, "sealed": 2, "skipped": 0}
    first = [stored(c) for c in certificates]
    assert make_pdfs(certificates) == {"made": 0, "sealed": 0, "skipped": 2}
    assert len(conversions.runs) == 1  # the second delivery converted nothing
    assert [stored(c) for c in certificates] == first
    _dirs, files = default_storage.listdir("certificates/2023")
    assert sorted(f for f in files if f.endswith(".pdf")) == sorted(
        f"{c.registry_number}.pdf" for c in certificates
    )
    events = AuditEvent.objects.filter(kind=AuditEventKind.CERTIFICATE_PDF_MADE)
    assert events.count() == 2
    # Rendered again later (a retry, a new template): a new PDF for that rendering only.
    again = certificates[0]
    Certificate.objects.filter(pk=again.pk).update(rendered_at=again.rendered_at.replace(year=2030))
    assert make_pdfs(certificates) == {"made": 1, "sealed": 1, "skipped": 1}
    assert stored(again) != first[0]
    again.refresh_from_db()
    assert again.pdf_current


def test_a_revoked_certificate_gets_no_pdf(seal, conversions, rendered, director):
    certificates = rendered()
    revocation_create(
        decision=certificates[0].decision,
        certificate=certificates[0],
        actor=director,
        reason="Kê khai không trung thực",
    )
    assert make_pdfs(certificates) == {"made": 1, "sealed": 1, "skipped": 1}
    certificates[0].refresh_from_db()
    assert certificates[0].state == CertificateState.REVOKED
    assert not certificates[0].pdf


def test_the_ministrys_bang_khen_is_stored_unsealed_and_the_page_says_who_issued_it(
    seal, conversions, rendered, ministry, ministry_award, client
):
    assert not AuthorityProfile.for_authority(Authority.MINISTRY).sealed_here
    [bang_khen] = rendered(
        names=["Công an xã Bê"],
        award=ministry_award,
        actor=ministry,
        authority=Authority.MINISTRY,
        number="5/QĐ-BCA",
    )
    assert make_pdfs([bang_khen]) == {"made": 1, "sealed": 0, "skipped": 0}
    content = stored(bang_khen)
    assert bang_khen.pdf_seal == PdfSeal.NOT_OURS
    assert b"/ByteRange" not in content  # no signature of ours
    page = client.get(verification_path(bang_khen)).content.decode()
    assert "do Bộ Công an ban hành" in page
    assert "không mang chữ ký số của Công an tỉnh" in page


def test_without_a_configured_key_the_pdf_is_stored_unsealed_and_said(
    conversions, rendered, settings, client
):
    settings.SIGNING_PKCS12_PATH = ""
    [certificate, _other] = rendered()
    assert make_pdfs([certificate]) == {"made": 1, "sealed": 0, "skipped": 0}
    content = stored(certificate)
    assert certificate.pdf_seal == PdfSeal.NOT_CONFIGURED
    assert b"/ByteRange" not in content
    page = client.get(verification_path(certificate)).content.decode()
    assert "chưa được ký số (chưa cấu hình chứng thư số của cơ quan)" in page
    response = client.post(
        verification_path(certificate), {"file": SimpleUploadedFile("gk.pdf", content)}
    )
    text = response.content.decode()
    assert "Không khớp với bản lưu" in text
    assert "Tệp trùng với bản lưu, nhưng bản lưu chưa được ký số." in text


def test_an_unusable_key_converts_nothing(conversions, rendered, settings, tmp_path):
    bad = tmp_path / "broken.p12"
    bad.write_bytes(b"not a pkcs12")
    settings.SIGNING_PKCS12_PATH = str(bad)
    certificates = rendered()
    with pytest.raises(SealConfigurationError):
        make_pdfs(certificates)
    assert conversions.runs == []
    assert not Certificate.objects.exclude(pdf="").exists()


# --- downloads ----------------------------------------------------------------------------------


def test_the_clerk_downloads_the_pdf_on_the_web_and_in_the_api(
    seal, conversions, rendered, clerk, officer, client
):
    [certificate, _other] = rendered()
    make_pdfs([certificate])
    content = stored(certificate)
    client.force_login(clerk)
    for url in (
        f"/certificates/{certificate.pk}/pdf/",
        f"/api/v1/certificates/{certificate.pk}/pdf/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == content
    assert client.get(f"/certificates/{_other.pk}/pdf/").status_code == 404  # none made yet
    client.force_login(officer)
    assert client.get(f"/certificates/{certificate.pk}/pdf/").status_code == 404
    assert client.get(f"/api/v1/certificates/{certificate.pk}/pdf/").status_code == 404


# --- the public page and the upload -------------------------------------------------------------


@pytest.fixture
def sealed_pair(seal, conversions, rendered):
    certificates = rendered()
    make_pdfs(certificates)
    return [(c, stored(c)) for c in certificates]


def upload(client, certificate, content: bytes, name: str = "gk.pdf"):
    return client.post(verification_path(certificate), {"file": SimpleUploadedFile(name, content)})


def test_the_page_shows_the_stored_signature_without_checking_per_view(
    sealed_pair, client, monkeypatch
):
    certificate, _content = sealed_pair[0]

    def no_check(*args, **kwargs):
        raise AssertionError("a page view must not run a signature check")

    monkeypatch.setattr("commendations.signatures.sandbox.pdf_check_bounded", no_check)
    monkeypatch.setattr("commendations.signatures.pdf_check.pdf_check", no_check)
    page = client.get(verification_path(certificate)).content.decode()
    assert "CÒN HIỆU LỰC" in page
    assert "CHỮ KÝ SỐ HỢP LỆ" in page
    assert "Công an tỉnh Gia Lai" in page  # the signer
    assert "Test Issuing CA" in page  # the issuer of the chain
    assert 'name="csrfmiddlewaretoken"' in page


def test_the_stored_pdf_uploaded_matches(sealed_pair, client):
    certificate, content = sealed_pair[0]
    files_before = default_storage.listdir("certificates/2023")
    events_before = AuditEvent.objects.count()
    response = upload(client, certificate, content)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Khớp với bản lưu" in text and "Không khớp" not in text
    # nothing of the upload is kept
    assert default_storage.listdir("certificates/2023") == files_before
    assert AuditEvent.objects.count() == events_before


def test_one_byte_changed_is_tampered(sealed_pair, client):
    certificate, content = sealed_pair[0]
    text = upload(client, certificate, one_byte_changed(content)).content.decode()
    assert "Không khớp với bản lưu" in text
    assert "Nội dung đã bị thay đổi" in text


def test_another_certificates_pdf_is_not_this_one_and_is_named(sealed_pair, client):
    (certificate, _content), (other, other_content) = sealed_pair
    text = upload(client, certificate, other_content).content.decode()
    # the system did issue it: the page says which certificate it is (issue #27 §5)
    assert "Tệp của một Bằng khen/Giấy khen khác" in text
    assert other.registry_number in text
    assert "Khớp với bản lưu" not in text
    assert "Tệp không phải văn bản hệ thống đã ban hành" not in text


def test_not_a_pdf_and_too_large_are_refused_clearly(sealed_pair, client, settings, monkeypatch):
    certificate, content = sealed_pair[0]

    def no_check(*args, **kwargs):
        raise AssertionError("refused before any parsing")

    monkeypatch.setattr("commendations.certificates.public_verification.pdf_verify", no_check)
    text = upload(client, certificate, b"PK\x03\x04 a zip, not a pdf", "x.pdf").content.decode()
    assert "Tệp tải lên không phải tệp PDF." in text
    settings.SIGNATURE_UPLOAD_MAX_BYTES = 1000
    response = upload(client, certificate, content)
    assert response.status_code == 400
    assert "Tệp quá lớn" in response.content.decode()
    assert "Khớp với bản lưu" not in response.content.decode()


def test_a_revoked_certificates_pdf_says_revoked_even_when_it_matches(
    sealed_pair, client, director
):
    certificate, content = sealed_pair[0]
    revocation_create(
        decision=certificate.decision, certificate=certificate, actor=director, reason="Sai sót"
    )
    text = upload(client, certificate, content).content.decode()
    assert "ĐÃ THU HỒI" in text
    assert "Bằng khen/Giấy khen này đã bị thu hồi" in text


def test_the_upload_needs_the_csrf_token_and_counts_against_the_rate_limit(sealed_pair, settings):
    certificate, content = sealed_pair[0]
    strict = Client(enforce_csrf_checks=True)
    assert upload(strict, certificate, content).status_code == 403
    settings.VERIFY_RATE_LIMIT_PER_MINUTE = 2
    client = Client()
    assert client.get(verification_path(certificate)).status_code == 200
    assert upload(client, certificate, content).status_code == 200
    assert upload(client, certificate, content).status_code == 429


# --- the sweep ----------------------------------------------------------------------------------


def test_the_sweep_sends_rendered_certificates_without_pdf_once(
    rendered, settings, monkeypatch, director
):
    settings.ARCHIVE_PDFS_ENABLED = True
    monkeypatch.setattr(queues, "waiting", lambda queue: 0)
    sent: list[list[int]] = []
    monkeypatch.setattr(certificate_pdfs, "pdfs_send", lambda ids: sent.append(ids) or True)
    certificates = rendered(names=["A", "B", "C"])
    assert certificate_pdfs.certificate_pdfs_sweep() == 0  # just rendered: its task may be coming
    long_ago = timezone.now() - datetime.timedelta(
        seconds=settings.CERTIFICATE_PDF_LEASE_SECONDS + 5
    )
    Certificate.objects.filter(pk__in=[c.pk for c in certificates]).update(rendered_at=long_ago)
    revocation_create(
        decision=certificates[2].decision, certificate=certificates[2], actor=director, reason="x"
    )
    assert certificate_pdfs.certificate_pdfs_sweep() == 1
    assert sent == [[certificates[0].pk, certificates[1].pk]]  # never the revoked one
    assert certificate_pdfs.certificate_pdfs_sweep() == 0  # claimed: not sent again
    monkeypatch.setattr(queues, "waiting", lambda queue: 3)
    Certificate.objects.update(pdf_requested_at=long_ago)
    assert certificate_pdfs.certificate_pdfs_sweep() == 0  # `convert` busy: wait


def test_the_api_twin_answers_without_login(sealed_pair, client, settings):
    (certificate, content), (_other, other_content) = sealed_pair
    token = verification_path(certificate).rstrip("/").rsplit("/", 1)[-1]
    url = f"/api/v1/verify/{token}/"
    status = client.get(url).json()
    assert status["valid"] is True
    assert status["pdf"]["seal"] == "sealed" and status["pdf"]["valid"] is True
    assert status["pdf"]["signatures"][0]["signer"] == "Công an tỉnh Gia Lai"
    # ISO 8601, the moment with its zone (the page shows dd/mm/yyyy)
    assert status["decision_date"] == certificate.decision.date.isoformat()
    signed_at = datetime.datetime.fromisoformat(status["pdf"]["signatures"][0]["signed_at"])
    assert signed_at.tzinfo is not None
    ok = client.post(url, {"file": SimpleUploadedFile("gk.pdf", content)}).json()
    assert ok["matches"] is True and ok["messages"] == []
    tampered = client.post(url, {"file": SimpleUploadedFile("x.pdf", one_byte_changed(content))})
    assert tampered.json()["matches"] is False
    assert any("Nội dung đã bị thay đổi" in m for m in tampered.json()["messages"])
    other = client.post(url, {"file": SimpleUploadedFile("o.pdf", other_content)}).json()
    assert other["matches"] is False
    settings.SIGNATURE_UPLOAD_MAX_BYTES = 1000
    too_large = client.post(url, {"file": SimpleUploadedFile("gk.pdf", content)})
    assert too_large.status_code == 400
    assert "Tệp quá lớn" in str(too_large.json())
    assert client.get("/api/v1/verify/not-a-token/").status_code == 404


@pytest.mark.parametrize("kind", ["individual", "collective"])
def test_the_seal_on_a_giay_khen_keeps_off_the_title_and_covers_the_signatures_left(
    seal, conversions, eager, django_capture_on_commit_callbacks, campaign, district, officer,
    member, secretary, director, director_award, kind,
):  # fmt: skip
    """One rule for the seal's box on the individual and the collective Giấy khen alike."""
    conversions.real = True
    name = "Công an xã Ia Sao" if kind == "collective" else "Nguyễn Văn Nam"
    specs = [(director_award, kind, name, {})]
    decision = draft(director, awaiting(campaign, district, officer, member, secretary, specs))
    with django_capture_on_commit_callbacks(execute=True):
        issue(decision, director)
    (certificate,) = Certificate.objects.filter(decision=decision)
    heading = list(decision.signer.context()["signer_heading"])
    assert_seal_placed(placement(stored(certificate), titles=heading, name=decision.signer_name))
