"""Object storage: the storage code runs against a REAL S3-protocol server started by
the test session — moto's standalone server (`moto[server]`, ThreadedMotoServer) on a spare
loopback port, spoken to over HTTP by django-storages/boto3 exactly as MinIO or AWS would be. No
call is mocked. Certificates, print packs, templates and attachments land in the bucket; the
downloads keep the access check, streamed or as a short-lived presigned URL."""

import io
import urllib.error
import urllib.request
import uuid
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto.server import ThreadedMotoServer
from pypdf import PdfReader

from commendations.ceremonies.models import PrintPack
from commendations.ceremonies.services import ceremony_create, print_pack_request
from commendations.certificates.models import Certificate, CertificateState
from commendations.documents.models import DocumentTemplate
from commendations.files.storage import file_replace
from commendations.nominations.attachments import attachment_add
from commendations.nominations.models import Nomination
from config.storage import FILESYSTEM_BACKEND, S3_BACKEND, default_storage_from_env
from tests.certificate_fixtures import awaiting, draft, issue
from tests.factories import NominationFactory

pytestmark = [pytest.mark.django_db]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(scope="session")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3(s3_endpoint, settings, tmp_path):
    """A fresh private bucket; STORAGES["default"] built from STORAGE_URL as in production."""
    bucket = f"khenthuong-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id="test-key",
        aws_secret_access_key="test-secret",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=bucket)
    host = urlsplit(s3_endpoint).netloc
    settings.MEDIA_ROOT = tmp_path / "media-never-used"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": default_storage_from_env(
            {"STORAGE_URL": f"s3+http://test-key:test-secret@{host}/{bucket}?region=us-east-1"}
        ),
    }
    assert default_storage.__class__.__module__ == "storages.backends.s3"

    def keys() -> set[str]:
        listing = client.list_objects_v2(Bucket=bucket)
        return {item["Key"] for item in listing.get("Contents", [])}

    yield client, bucket, keys
    assert not settings.MEDIA_ROOT.exists(), "something was written to the local disk"


@pytest.fixture
def rendered(
    s3, eager, campaign, district, officer, member, secretary, director, director_award,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    specs = [(director_award, "collective", f"Công an xã Lưu {i}", {}) for i in range(3)]
    decision = draft(director, awaiting(campaign, district, officer, member, secretary, specs))
    with django_capture_on_commit_callbacks(execute=True):
        issue(decision, director)
    assert set(Certificate.objects.values_list("state", flat=True)) == {CertificateState.RENDERED}
    return decision


def test_storage_url_forms():
    assert default_storage_from_env({}) == {"BACKEND": FILESYSTEM_BACKEND}
    minio = default_storage_from_env({"STORAGE_URL": "s3+http://ak:s%2Fk@minio:9000/khenthuong"})
    assert minio["BACKEND"] == S3_BACKEND
    options = minio["OPTIONS"]
    assert options["endpoint_url"] == "http://minio:9000"
    assert (options["access_key"], options["secret_key"]) == ("ak", "s/k")
    assert options["bucket_name"] == "khenthuong"
    assert options["default_acl"] is None and options["querystring_auth"] is True
    assert options["querystring_expire"] == 60
    aws = default_storage_from_env(
        {
            "STORAGE_URL": "s3:///bucket?region=ap-southeast-1&prefix=media/",
            "STORAGE_URL_EXPIRE": "30",
        }
    )["OPTIONS"]
    assert "endpoint_url" not in aws and "access_key" not in aws  # the usual credential chain
    assert (aws["region_name"], aws["location"], aws["querystring_expire"]) == (
        "ap-southeast-1",
        "media",
        30,
    )
    variables = default_storage_from_env(
        {"AWS_STORAGE_BUCKET_NAME": "b", "AWS_S3_ENDPOINT_URL": "https://s3.example", "X": "1"}
    )["OPTIONS"]
    assert (variables["bucket_name"], variables["endpoint_url"]) == ("b", "https://s3.example")
    with pytest.raises(ValueError):
        default_storage_from_env({"STORAGE_URL": "ftp://host/bucket"})


def test_certificates_and_templates_are_objects_in_the_bucket_and_rewrites_are_idempotent(
    s3, rendered
):
    client, bucket, keys = s3
    names = {c.file.name for c in Certificate.objects.all()}
    templates = {t.file.name for t in DocumentTemplate.objects.all()}
    assert names and templates
    assert keys() == names | templates
    certificate = Certificate.objects.first()
    with certificate.file.open("rb") as handle:
        content = handle.read()
    file_replace(certificate.storage_name, content)  # a chunk delivered twice writes again
    file_replace(certificate.storage_name, content)
    assert keys() == names | templates  # the same object, no suffixed copy
    body = client.get_object(Bucket=bucket, Key=certificate.storage_name)["Body"].read()
    assert body == content


def test_attachments_with_the_same_name_are_two_objects(s3, officer, district, campaign):
    client, bucket, keys = s3
    nomination = NominationFactory(unit=district, campaign=campaign, created_by=officer)
    first, second = (
        attachment_add(
            nomination=nomination,
            upload=SimpleUploadedFile("bao-cao.pdf", PDF + marker, content_type="application/pdf"),
            kind="khac",
            actor=officer,
        )
        for marker in (b"%1\n", b"%2\n")
    )
    assert first.file.name != second.file.name
    assert {first.file.name, second.file.name} <= keys()
    assert client.get_object(Bucket=bucket, Key=second.file.name)["Body"].read().endswith(b"%2\n")


def test_download_streamed_through_the_app_after_the_access_check(s3, rendered, client, clerk):
    certificate = Certificate.objects.first()
    url = reverse("certificate_download", args=[certificate.pk])
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    client.force_login(clerk)
    response = client.get(url)
    assert response.status_code == 200
    with certificate.file.open("rb") as handle:
        assert b"".join(response.streaming_content) == handle.read()


def test_download_as_a_presigned_url_issued_only_after_the_access_check(
    s3, rendered, client, clerk, officer, settings
):
    settings.STORAGE_DOWNLOADS = "redirect"
    certificate = Certificate.objects.first()
    url = reverse("certificate_download", args=[certificate.pk])
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    assert "Signature" not in anonymous["Location"]
    client.force_login(clerk)
    response = client.get(url)
    assert response.status_code == 302
    location = response["Location"]
    query = parse_qs(urlsplit(location).query)
    assert query["X-Amz-Expires"] == ["60"] and "X-Amz-Signature" in query
    assert "attachment" in query["response-content-disposition"][0]
    with urllib.request.urlopen(location, timeout=10) as fetched:
        body = fetched.read()
    with certificate.file.open("rb") as handle:
        assert body == handle.read()
    _client, bucket, _keys = s3
    unsigned = location.split("?", 1)[0]
    with pytest.raises(urllib.error.HTTPError):  # the bucket itself is not public
        urllib.request.urlopen(unsigned, timeout=10)


def test_print_pack_chunks_and_merge_through_the_bucket(
    s3, rendered, soffice_path, clerk, settings, django_capture_on_commit_callbacks
):
    _client, _bucket, keys = s3
    settings.SOFFICE_BINARY = soffice_path
    settings.PRINT_PACK_CHUNK_SIZE = 1  # three chunks, three tasks, one merge
    ceremony = ceremony_create(
        actor=clerk,
        name="Lễ thử",
        date=rendered.date,
        place="Hội trường",
        decisions=[rendered],
    )
    with django_capture_on_commit_callbacks(execute=True):
        pack = print_pack_request(ceremony=ceremony, actor=clerk)
    pack.refresh_from_db()
    assert pack.status == PrintPack.Status.DONE, pack.error
    assert [c.status for c in pack.chunks.order_by("number")] == ["done"] * 3
    assert pack.pdf.name in keys() and pack.zip.name in keys()
    assert not {k for k in keys() if "/chunks/" in k}  # chunk PDFs removed after the merge
    with pack.pdf.open("rb") as handle:
        assert len(PdfReader(io.BytesIO(handle.read())).pages) == 3
    assert Nomination.objects.count() == 3
