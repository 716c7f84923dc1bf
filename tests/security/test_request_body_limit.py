"""A 1 GB attachment was received and spooled to disk before the 10 MB check.
A declared Content-Length past REQUEST_BODY_MAX_BYTES is now refused (413) before anything is
read, and a multipart body is counted while it streams in: the upload stops at the first chunk
past UPLOAD_FILE_MAX_BYTES, so the handlers behind it never receive the rest."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


class SpyHandler(FileUploadHandler):
    """Placed after the limiting handler: records what got through to be stored."""

    received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        SpyHandler.received += len(raw_data)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def test_a_declared_body_past_the_limit_is_refused_before_reading(client, officer, settings):
    settings.REQUEST_BODY_MAX_BYTES = 1 * MB
    client.force_login(officer)
    for path in ("/excel/import/", "/api/v1/nominations/import/"):
        # The body sent is tiny; the declared length says 1 GB: nothing may try to read it.
        response = client.generic(
            "POST",
            path,
            b"--x--",
            content_type="multipart/form-data; boundary=x",
            CONTENT_LENGTH=str(1024 * MB),
        )
        assert response.status_code == 413, (path, response.status_code)
    assert "quá lớn" in response.json()["detail"]


def test_a_file_past_the_limit_stops_while_streaming(client, officer, campaign, settings):
    settings.REQUEST_BODY_MAX_BYTES = 64 * MB
    settings.UPLOAD_FILE_MAX_BYTES = 1 * MB
    settings.FILE_UPLOAD_HANDLERS = [
        "commendations.files.uploads.LimitedUploadHandler",
        "tests.security.test_request_body_limit.SpyHandler",
        "django.core.files.uploadhandler.MemoryFileUploadHandler",
    ]
    SpyHandler.received = 0
    client.force_login(officer)
    big = SimpleUploadedFile("big.xlsx", b"PK\x03\x04" + b"\0" * (8 * MB))
    response = client.post("/excel/import/", {"campaign": campaign.pk, "file": big})
    assert response.status_code == 400
    assert SpyHandler.received <= 1 * MB + 256 * 1024  # one chunk past the limit at most
    assert not campaign.nominations.exists()
