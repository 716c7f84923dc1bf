"""Storage write error while rendering: the media folder refuses writes (EROFS, simulated at the
storage layer: the tests run as root, for whom chmod does not make a folder read-only). The
rendering task retries, then marks the certificate failed with the reason; once the folder is
writable again the clerk's retry renders it."""

import errno

import pytest
from django.core.files.storage import FileSystemStorage

from commendations.actions.certificates import certificate_retry
from commendations.certificates.models import Certificate, CertificateState
from commendations.tasks.certificates import render_certificates
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401
from tests.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def test_read_only_media_fails_the_certificate_with_the_reason_and_retry_works_once_fixed(
    monkeypatch,
    campaign,
    district,
    province,
    officer,
    member,
    secretary,
    director,
    director_award,
    django_capture_on_commit_callbacks,
):
    (nomination,) = awaiting(
        campaign, district, officer, member, secretary, [(director_award, "collective", "Tổ A", {})]
    )

    def read_only(self, name, content):
        raise OSError(errno.EROFS, "Read-only file system", name)

    monkeypatch.setattr("commendations.tasks.certificates.backoff", lambda retries: 0)
    monkeypatch.setattr(FileSystemStorage, "_save", read_only)
    with django_capture_on_commit_callbacks(execute=False):
        issue(draft(director, [nomination]), director)
    certificate = Certificate.objects.get(nomination=nomination)
    # What the worker runs (in this process; the retries with it).
    render_certificates.apply(args=[[certificate.pk]])
    certificate.refresh_from_db()
    assert certificate.state == CertificateState.FAILED
    assert "Read-only file system" in certificate.error
    assert not certificate.file

    monkeypatch.undo()  # the folder is writable again
    clerk = make_user("clerk", province, username="clerk_ro")
    with django_capture_on_commit_callbacks(execute=False) as sent:
        certificate_retry(certificate=certificate, actor=clerk)
    assert len(sent) == 1  # the retry is enqueued after commit
    render_certificates.apply(args=[[certificate.pk]])
    certificate.refresh_from_db()
    assert certificate.state == CertificateState.RENDERED, certificate.error
    assert certificate.file and certificate.file.storage.exists(certificate.file.name)
