"""Uploading a new template version: it must open, use only known variables, render a sample."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from commendations.documents.models import DocumentKind, DocumentTemplate
from commendations.documents.rendering import DOC_TEMPLATES_DIR
from commendations.documents.services import document_template_upload
from tests.certificate_fixtures import media  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def _docx(*lines: str) -> bytes:
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser("quantri", "qt@example.test", "matkhau-qt-2023")


def test_a_valid_upload_becomes_the_next_version(admin_user):
    content = _docx("{{ award_title }}", "{{ recipient_name }} — {{ registry_number }}")
    template = document_template_upload(
        kind=DocumentKind.GIAY_KHEN, content=content, actor=admin_user, note="Mẫu mới"
    )
    assert template.version == 2  # version 1 is the committed file, seeded first
    assert list(
        DocumentTemplate.objects.filter(kind="giay_khen").values_list("version", flat=True)
    ) == [2, 1]
    with template.file.open("rb") as handle:
        assert handle.read() == content


def test_unknown_variables_are_listed_in_the_error(admin_user):
    content = _docx("{{ recipient_name }} {{ ho_ten }} {{ so_so_vang }}")
    with pytest.raises(ValidationError) as error:
        document_template_upload(kind=DocumentKind.BANG_KHEN, content=content, actor=admin_user)
    message = " ".join(error.value.messages)
    assert "không có trong dữ liệu: ho_ten, so_so_vang." in message
    assert not DocumentTemplate.objects.filter(kind="bang_khen", version=2).exists()


def test_a_file_that_does_not_open_is_refused(admin_user):
    with pytest.raises(ValidationError) as error:
        document_template_upload(
            kind=DocumentKind.BANG_KHEN, content=b"not a word file", actor=admin_user
        )
    assert "Không mở được" in " ".join(error.value.messages)


def test_a_template_whose_sample_render_fails_is_refused(admin_user):
    content = _docx("{{ recipient_name.boom() }}")
    with pytest.raises(ValidationError) as error:
        document_template_upload(kind=DocumentKind.GIAY_KHEN, content=content, actor=admin_user)
    assert "in thử" in " ".join(error.value.messages)


def test_only_admins_upload(clerk):
    with pytest.raises(PermissionDenied):
        document_template_upload(
            kind=DocumentKind.GIAY_KHEN, content=_docx("{{ recipient_name }}"), actor=clerk
        )


def test_admin_upload_form_shows_the_unknown_variables(client, admin_user):
    client.force_login(admin_user)
    upload = SimpleUploadedFile("mau.docx", _docx("{{ recipient_name }} {{ bien_la }}"))
    response = client.post(
        "/admin/commendations/documenttemplate/add/",
        {"kind": "giay_khen", "file": upload, "note": ""},
    )
    assert response.status_code == 200
    assert "bien_la" in response.content.decode()
    good = SimpleUploadedFile("mau.docx", _docx("{{ recipient_name }}"))
    response = client.post(
        "/admin/commendations/documenttemplate/add/",
        {"kind": "giay_khen", "file": good, "note": "v2"},
    )
    assert response.status_code == 302
    assert DocumentTemplate.objects.get(kind="giay_khen", version=2).note == "v2"


@pytest.mark.parametrize("kind", DocumentKind.values)
def test_every_bundled_template_passes_the_upload_checks(admin_user, kind):
    """What an administrator would upload as the next version: the committed template of every
    kind (the council's minutes too) opens, uses only its kind's variables and renders the
    sample through the sandbox."""
    content = (DOC_TEMPLATES_DIR / f"{kind}.docx").read_bytes()
    template = document_template_upload(kind=kind, content=content, actor=admin_user, note="")
    assert template.version == 2
