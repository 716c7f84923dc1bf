"""Certificates people can trust: the QR code, the public verification page, revocation."""

import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from PIL import Image

from commendations.actions.certificates import revocation_create
from commendations.ceremonies.printing import convert_to_pdf
from commendations.certificates.models import Certificate
from commendations.certificates.public_verification import (
    certificate_token,
    verification_path,
    verification_url,
)
from commendations.events import AuditEventKind
from config.celery import app as celery_app
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401
from tests.conftest import require
from workflow.models import AuditEvent, TransitionLog

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


@pytest.fixture(autouse=True)
def clear_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def eager():
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_eager_propagates = False


@pytest.fixture
def issued(
    campaign,
    district,
    officer,
    member,
    secretary,
    director,
    director_award,
    eager,
    django_capture_on_commit_callbacks,
):
    specs = [
        (director_award, "collective", name, {})
        for name in ("Công an xã Ia Sao", "Công an xã Glar")
    ]
    nominations = awaiting(campaign, district, officer, member, secretary, specs)
    decision = draft(director, nominations)
    with django_capture_on_commit_callbacks(execute=True):
        issue(decision, director)
    return decision, list(Certificate.objects.order_by("serial"))


def decode_qr(png: Path) -> list[str]:
    from pyzbar.pyzbar import decode

    return [symbol.data.decode() for symbol in decode(Image.open(png))]


def test_qr_scanned_from_the_printed_pdf_opens_the_verification_page(
    issued, soffice_path, tmp_path, client
):
    require(Path("/usr/bin/pdftoppm").exists(), "needs poppler-utils (pdftoppm)")
    _decision, certificates = issued
    certificate = certificates[0]
    docx = tmp_path / "cert.docx"
    with certificate.file.open("rb") as handle:
        docx.write_bytes(handle.read())
    [pdf] = convert_to_pdf([docx], tmp_path / "pdf", soffice=soffice_path)
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
        timeout=120,
    )
    [page] = sorted(tmp_path.glob("page*.png"))
    urls = decode_qr(page)
    assert urls == [verification_url(certificate)]
    response = client.get(urlsplit(urls[0]).path)
    assert response.status_code == 200
    body = response.content.decode()
    assert "CÒN HIỆU LỰC" in body and certificate.nomination.nominee_name in body
    assert "12/QĐ-CAT-PV05" in body and "01/03/2023" in body


def test_the_page_shows_only_what_it_must(issued, client):
    _decision, [certificate, _other] = issued
    body = client.get(verification_path(certificate)).content.decode()
    assert certificate.registry_number not in body  # nothing beyond the five facts
    assert certificate.nomination.achievement_summary not in body
    assert "Công an huyện Một" not in body


def test_tampered_or_unknown_codes_are_rejected(issued, client):
    _decision, [first, second] = issued
    token = certificate_token(first)
    pk, signature = token.split(".", 1)
    forged = f"{second.pk}.{signature}"
    for bad in (forged, token[:-1] + ("A" if token[-1] != "A" else "B"), "123", "x.y"):
        response = client.get(f"/xac-minh/{bad}/")
        assert response.status_code == 404, bad
        assert "không hợp lệ" in response.content.decode()


def test_the_public_page_is_rate_limited(issued, client, settings):
    settings.VERIFY_RATE_LIMIT_PER_MINUTE = 3
    _decision, [certificate, _other] = issued
    path = verification_path(certificate)
    assert [client.get(path).status_code for _ in range(4)] == [200, 200, 200, 429]


def test_revoking_one_award_shows_it_revoked_and_is_audited(issued, client, director):
    decision, [first, second] = issued
    revocation_create(
        decision=decision, certificate=first, actor=director, reason="Hồ sơ giả mạo minh chứng"
    )
    assert "ĐÃ BỊ THU HỒI" in client.get(verification_path(first)).content.decode()
    assert "CÒN HIỆU LỰC" in client.get(verification_path(second)).content.decode()
    log = AuditEvent.objects.for_object(first.nomination).last()
    assert (log.kind, log.comment, log.actor) == (
        AuditEventKind.AWARD_REVOKED,
        "Hồ sơ giả mạo minh chứng",
        director,
    )
    assert "Hồ sơ giả mạo" not in client.get(verification_path(first)).content.decode()


def test_annulling_a_decision_revokes_all_its_certificates(issued, client, director):
    decision, certificates = issued
    revocation_create(decision=decision, actor=director, reason="Xét duyệt sai quy định")
    for certificate in certificates:
        assert "ĐÃ BỊ THU HỒI" in client.get(verification_path(certificate)).content.decode()
    assert AuditEvent.objects.for_object(decision).last().kind == AuditEventKind.DECISION_REVOKED
    with pytest.raises(ValidationError):
        revocation_create(decision=decision, actor=director, reason="lần hai")


def test_only_the_issuing_authority_revokes_with_a_reason(issued, ministry, clerk, director):
    decision, [first, _second] = issued
    for actor in (ministry, clerk):
        with pytest.raises(PermissionDenied):
            revocation_create(decision=decision, certificate=first, actor=actor, reason="x")
    with pytest.raises(ValidationError):
        revocation_create(decision=decision, certificate=first, actor=director, reason="  ")


def test_the_certificates_api_gives_each_verification_url(issued, client, director, officer):
    decision, certificates = issued
    revocation_create(decision=decision, certificate=certificates[0], actor=director, reason="x")
    client.force_login(director)
    data = client.get("/api/v1/certificates/").json()
    rows = {row["registry_number"]: row for row in data["results"]}
    for certificate in certificates:
        # on the request's host, like download_url (the QR code keeps PUBLIC_BASE_URL)
        assert rows[certificate.registry_number]["verification_url"] == (
            "http://testserver" + verification_path(certificate)
        )
    assert rows[certificates[0].registry_number]["revoked"] is True
    assert rows[certificates[1].registry_number]["revoked"] is False


def test_revoked_certificates_leave_the_ceremony_and_cannot_be_printed_or_rendered(
    issued, director, province, client
):
    """An annulled award goes to the certificate's `revoked` state (its own django-fsm transition,
    audited with the reason): it is no longer in the ceremony's print pack and run-sheet, the
    clerk cannot mark it printed, and a late rendering chunk skips it."""
    import datetime

    from commendations.access.roles import Role
    from commendations.actions.certificates import certificates_mark, certificates_render
    from commendations.ceremonies.selectors import ceremony_certificates
    from commendations.ceremonies.services import ceremony_create
    from commendations.certificates.models import CertificateState
    from commendations.certificates.services import decision_progress
    from tests.factories import make_user

    decision, [first, second] = issued
    clerk = make_user(Role.CLERK, province, username="van_thu_thu_hoi")
    ceremony = ceremony_create(
        actor=clerk, name="Hội nghị", date=datetime.date(2023, 3, 5), place="Gia Lai",
        decisions=[decision],
    )  # fmt: skip
    assert ceremony_certificates(ceremony) == [first, second]
    revocation_create(decision=decision, certificate=first, actor=director, reason="Giả mạo")
    first.refresh_from_db()
    assert first.state == CertificateState.REVOKED
    log = TransitionLog.objects.for_object(first).last()
    assert (log.transition, log.source_state, log.target_state, log.comment, log.actor) == (
        "revoke",
        "rendered",
        "revoked",
        "Giả mạo",
        director,
    )
    assert ceremony_certificates(ceremony) == [second]
    client.force_login(clerk)
    page = client.get(f"/ceremonies/{ceremony.pk}/").content.decode()
    assert "1 khen thưởng đã bị thu hồi, hủy bỏ" in page and first.registry_number not in page
    with pytest.raises(ValidationError):
        certificates_mark(certificates=[first], transition="mark_printed", actor=clerk)
    assert certificates_render(certificate_ids=[first.pk])["skipped"] == 1
    assert decision_progress(decision)["total"] == 1  # the annulled one is not to be made
    from commendations.reports.statistics import campaign_statistics

    counted = campaign_statistics(campaign=decision.nominations.first().campaign, user=director)
    assert (counted.certificates["revoked"], counted.certificates["total"]) == (1, 2)

    revocation_create(decision=decision, actor=director, reason="Hủy bỏ cả quyết định")
    assert set(Certificate.objects.values_list("state", flat=True)) == {CertificateState.REVOKED}
    assert TransitionLog.objects.for_object(first).filter(transition="revoke").count() == 1
    assert ceremony_certificates(ceremony) == []
