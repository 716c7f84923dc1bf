"""Issue #28, attack 1: the public verification upload (no login, the QR code's link) took the
site down. A genuine sealed certificate PDF with one appended update listing its signature field
3,000 times in /AcroForm /Fields, padded to 15 MB, held a gunicorn worker 32–60 s (pyHanko
validated the one signature 3,000 times) until WORKER TIMEOUT; four at once made /healthz wait
62 s for everyone.

The bounds asserted here are work and memory, never the clock: how many signatures pyHanko is
asked to validate, whether a child process is started at all, the peak of Python allocations,
and how many checks may run at once across the site."""

import hashlib
import threading
import tracemalloc

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pyhanko.sign import validation

from commendations.certificates import public_verification
from commendations.certificates.models import Certificate, PdfSeal
from commendations.certificates.public_verification import (
    ChecksBusy,
    check_slot,
    verification_path,
)
from commendations.demo.pki import Pki
from commendations.signatures import pdf_check, sandbox
from commendations.signatures.seal import pdf_seal
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401
from tests.security.pdf_attacks import fields_repeated
from tests.signatures.documents import decision_pdf, person_sign

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


def sealed_document() -> bytes:
    return pdf_seal(
        decision_pdf(),
        organisation="Công an tỉnh Gia Lai",
        anchor="Nguyễn Ngọc Sơn",
        reason="Cấp Giấy khen",
        location="Gia Lai",
    )


@pytest.fixture
def sealed_certificate(
    seal, campaign, district, officer, member, secretary, director, director_award
) -> tuple[Certificate, bytes]:
    """An issued certificate whose archived PDF is a genuine sealed file (made here without
    LibreOffice: the check compares bytes and signatures, not what the page says)."""
    (nomination,) = awaiting(
        campaign, district, officer, member, secretary, [(director_award, "collective", "Tổ A", {})]
    )
    issue(draft(director, [nomination]), director)
    certificate = Certificate.objects.get(nomination=nomination)
    content = sealed_document()
    certificate.pdf.save("gk.pdf", ContentFile(content), save=False)
    certificate.pdf_sha256 = hashlib.sha256(content).hexdigest()
    certificate.pdf_seal = PdfSeal.SEALED
    certificate.save()
    return certificate, content


def post(client: Client, certificate: Certificate, content: bytes):
    return client.post(
        verification_path(certificate), {"file": SimpleUploadedFile("gk.pdf", content)}
    )


class ValidationCounter:
    """Counts pyHanko's signature validations (the cost the attack multiplied)."""

    def __init__(self, monkeypatch) -> None:
        self.calls = 0
        real = validation.validate_pdf_signature

        def counted(*args, **kwargs):
            self.calls += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(pdf_check, "validate_pdf_signature", counted)


def roots(pki: Pki) -> list[bytes]:
    from cryptography.hazmat.primitives import serialization

    return [pki.root.certificate.public_bytes(serialization.Encoding.DER)]


def test_the_attack_file_is_refused_before_any_signature_is_validated(seal, pki, monkeypatch):
    """Before the fix: 300 repeats → 300 validations (6.7 s of CPU; 3,000 → past 60 s)."""
    original = sealed_document()
    attack = fields_repeated(original, 3000)
    counter = ValidationCounter(monkeypatch)
    tracemalloc.start()
    report = pdf_check.pdf_check(attack, roots_der=roots(pki), original=original)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert counter.calls == 0
    assert report["ok"] is False
    assert pdf_check.TOO_COMPLEX in report["problems"]
    assert peak < 10 * len(attack) + 20 * 1024 * 1024


@pytest.mark.parametrize("repeats", [2, pdf_check.MAX_FIELDS + 1])
def test_a_field_listed_more_than_once_or_too_many_fields_costs_nothing(
    seal, pki, monkeypatch, repeats
):
    original = sealed_document()
    counter = ValidationCounter(monkeypatch)
    report = pdf_check.pdf_check(
        fields_repeated(original, repeats), roots_der=roots(pki), original=original
    )
    assert counter.calls == 0 and pdf_check.TOO_COMPLEX in report["problems"]


def test_validations_never_exceed_the_bound_and_genuine_files_still_pass(
    seal, pki, person_cert, monkeypatch
):
    """The bound is per file, not per field: a genuine file with the seal and a person's
    signature is validated once per signature and passes."""
    signed = person_sign(sealed_document(), person_cert)
    counter = ValidationCounter(monkeypatch)
    report = pdf_check.pdf_check(signed, roots_der=roots(pki))
    assert report["ok"], report
    assert counter.calls == 2 <= pdf_check.MAX_SIGNATURES


def test_the_padded_attack_on_the_page_starts_no_check(sealed_certificate, monkeypatch, client):
    """The 15 MB shape of the attack: past PUBLIC_VERIFY_APPENDED_MAX_BYTES after our stored
    bytes, refused unread (no child process is started)."""
    certificate, content = sealed_certificate
    attack = fields_repeated(content, 3000, pad_to=15 * 1024 * 1024)

    def no_child(*args, **kwargs):
        raise AssertionError("no check may start for this file")

    monkeypatch.setattr(sandbox.subprocess, "run", no_child)
    response = post(client, certificate, attack)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Không khớp với bản lưu" in text or "cấu trúc bất thường" in text
    assert "cấu trúc bất thường" in text


def test_the_unpadded_attack_on_the_page_is_answered_within_the_childs_bounds(
    sealed_certificate, monkeypatch, client, settings
):
    """The check runs in a child with the public limits (CPU seconds well below gunicorn's 60,
    its own memory), and the child refuses the file before validating."""
    certificate, content = sealed_certificate
    limits: list[tuple[int, int]] = []
    real_limits = sandbox._limits

    def spy(memory: int, seconds: int):
        limits.append((memory, seconds))
        return real_limits(memory, seconds)

    monkeypatch.setattr(sandbox, "_limits", spy)
    response = post(client, certificate, fields_repeated(content, 3000))
    assert response.status_code == 200
    assert "cấu trúc bất thường" in response.content.decode()
    assert limits == [
        (settings.PUBLIC_VERIFY_CHECK_MEMORY_BYTES, settings.PUBLIC_VERIFY_CHECK_SECONDS)
    ]
    assert settings.PUBLIC_VERIFY_CHECK_SECONDS * 2 < 60 / 2  # killed well before gunicorn's


def test_the_genuine_file_still_matches(sealed_certificate, client):
    certificate, content = sealed_certificate
    response = post(client, certificate, content)
    assert response.status_code == 200
    assert "Khớp với bản lưu" in response.content.decode()


def test_past_the_sites_share_of_checks_the_page_answers_503_at_once(
    sealed_certificate, monkeypatch, settings
):
    """PUBLIC_VERIFY_CHECKS_AT_ONCE slots across every process (the shared cache): while they
    are taken, an upload is answered 503 with Retry-After without reading further, the page and
    the API alike; looking at the page still works."""
    certificate, content = sealed_certificate
    settings.PUBLIC_VERIFY_CHECKS_AT_ONCE = 1

    def no_check(*args, **kwargs):
        raise AssertionError("no check may start while every slot is taken")

    monkeypatch.setattr(public_verification, "pdf_verify", no_check)
    with check_slot():
        response = post(Client(), certificate, content)
        assert response.status_code == 503
        assert response["Retry-After"] == "10"
        assert "đang bận" in response.content.decode()
        token = verification_path(certificate).rstrip("/").rsplit("/", 1)[-1]
        api = Client().post(
            f"/api/v1/verify/{token}/", {"file": SimpleUploadedFile("gk.pdf", content)}
        )
        assert api.status_code == 503
        assert Client().get(verification_path(certificate)).status_code == 200


def test_a_slot_is_given_back_after_a_check_and_after_a_failure(settings):
    settings.PUBLIC_VERIFY_CHECKS_AT_ONCE = 2
    with check_slot(), check_slot():
        with pytest.raises(ChecksBusy), check_slot():
            pass
    with pytest.raises(RuntimeError), check_slot():
        raise RuntimeError("the check crashed")
    with check_slot(), check_slot():
        pass


@pytest.mark.django_db(transaction=True)  # the threads read what the fixtures committed
def test_four_hostile_uploads_at_once_take_one_slot_and_another_client_is_served(
    sealed_certificate, monkeypatch, settings
):
    """The load test of the issue as a fault test (no clock): four hostile uploads at once from
    four threads; the first holds the site's one check slot (its check is held open until
    another client's request has been answered), the three others are answered 503 at once;
    another client's page view is answered 200 meanwhile."""
    certificate, content = sealed_certificate
    settings.PUBLIC_VERIFY_CHECKS_AT_ONCE = 1
    settings.VERIFY_RATE_LIMIT_PER_MINUTE = 100
    attack = fields_repeated(content, 3000)
    in_check = threading.Event()
    served = threading.Event()
    real_verify = public_verification.pdf_verify

    def held(*args, **kwargs):
        in_check.set()
        assert served.wait(30), "the other client was never served"
        return real_verify(*args, **kwargs)

    monkeypatch.setattr(public_verification, "pdf_verify", held)
    statuses: list[int] = []

    def hostile() -> None:
        statuses.append(post(Client(), certificate, attack).status_code)

    first = threading.Thread(target=hostile)
    first.start()
    assert in_check.wait(30)
    others = [threading.Thread(target=hostile) for _ in range(3)]
    for thread in others:
        thread.start()
    for thread in others:
        thread.join(30)
    assert sorted(statuses) == [503, 503, 503]  # answered while the first still checks
    assert Client().get("/healthz").status_code == 200
    assert Client().get(verification_path(certificate)).status_code == 200
    served.set()
    first.join(30)
    assert sorted(statuses) == [200, 503, 503, 503]
