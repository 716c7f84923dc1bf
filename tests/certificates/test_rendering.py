"""Certificates: numbering on issue, rendering (eagerly, no worker), progress, retry, bulk marks."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from docx import Document

from commendations.actions.certificates import (
    certificate_render,
    certificate_retry,
    certificates_mark,
)
from commendations.campaigns.models import Authority
from commendations.certificates.models import (
    Certificate,
    CertificateState,
    RegistryCounter,
    RenderBatch,
)
from commendations.certificates.services import certificates_generate, decision_progress
from commendations.documents.models import DocumentKind, DocumentTemplate
from config.celery import app as celery_app
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401
from workflow.models import TransitionLog

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


@pytest.fixture
def eager():
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_eager_propagates = False


@pytest.fixture
def make(campaign, district, officer, member, secretary, director_award):
    def make(names, award=None, kind="collective", **extra):
        specs = [(award or director_award, kind, name, extra) for name in names]
        return awaiting(campaign, district, officer, member, secretary, specs)

    return make


def _text(certificate: Certificate) -> str:
    with certificate.file.open("rb") as handle:
        document = Document(io.BytesIO(handle.read()))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_issuing_numbers_certificates_in_ceremony_order_without_gaps(
    make, director, django_capture_on_commit_callbacks
):
    first = make(["Công an xã Bình", "Công an xã An", "Công an xã Đông", "Công an xã Dương"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        issue(draft(director, first), director)
    assert len(callbacks) == 1  # the batch is sent only after the commit
    numbers = list(
        Certificate.objects.order_by("serial").values_list(
            "nomination__nominee_name", "registry_number"
        )
    )
    assert numbers == [
        ("Công an xã An", "GK-2023-0001"),
        ("Công an xã Bình", "GK-2023-0002"),
        ("Công an xã Dương", "GK-2023-0003"),
        ("Công an xã Đông", "GK-2023-0004"),
    ]
    second = make(["Công an xã Giang"])
    issue(draft(director, second, number="13/QĐ-CAT-PV05"), director)
    assert Certificate.objects.get(nomination=second[0]).registry_number == "GK-2023-0005"
    assert (
        RegistryCounter.objects.get(authority=Authority.PROVINCIAL_DIRECTOR, year=2023).last_number
        == 5
    )
    assert set(Certificate.objects.values_list("state", flat=True)) == {"pending"}
    assert TransitionLog.objects.filter(transition="create").count() == 5
    assert RenderBatch.objects.get(decision__number="12/QĐ-CAT-PV05").status == "waiting"


def test_a_rolled_back_issue_gives_its_numbers_back(make, director, monkeypatch):
    nominations = make(["Công an xã Một A", "Công an xã Một B"])
    decision = draft(director, nominations)

    def boom(*args, **kwargs):
        raise RuntimeError("receiver after numbering fails")

    # The notices are written after the numbering, in the same transaction.
    with monkeypatch.context() as patch:
        patch.setattr("commendations.actions.decisions.notifications_for_decision_issued", boom)
        with pytest.raises(RuntimeError):
            issue(decision, director)
    assert not Certificate.objects.exists()
    assert not RegistryCounter.objects.filter(last_number__gt=0).exists()
    issue(decision, director)
    assert sorted(Certificate.objects.values_list("serial", flat=True)) == [1, 2]


def test_ministry_and_director_count_separately(make, director, ministry, ministry_award):
    gk = make(["Công an xã Gờ"])
    bk = make(["Công an xã Bê"], award=ministry_award)
    issue(draft(director, gk), director)
    issue(draft(ministry, bk, authority=Authority.MINISTRY, number="5/QĐ-BCA"), ministry)
    assert set(Certificate.objects.values_list("registry_number", flat=True)) == {
        "GK-2023-0001",
        "BK-2023-0001",
    }


def test_issue_renders_after_commit_and_progress_counts(
    make, director, eager, django_capture_on_commit_callbacks
):
    nominations = make(["Công an xã Ia Sao", "Công an xã Ia Kring", "Công an xã Glar"])
    decision = draft(director, nominations)
    with django_capture_on_commit_callbacks(execute=True):
        issue(decision, director)
    assert decision_progress(decision) | {} == {
        "total": 3,
        "done": 3,
        "failed": 0,
        "pending": 0,
        "waiting": False,
        "finished": True,
    }
    for certificate in Certificate.objects.all():
        assert certificate.state == CertificateState.RENDERED
        assert certificate.file.name == f"certificates/2023/{certificate.registry_number}.docx"
        assert certificate.template.version == 1 and certificate.template.kind == "giay_khen"
        text = _text(certificate)
        assert certificate.nomination.nominee_name in text
        assert certificate.registry_number in text and "GIẤY KHEN" in text
    # Running the task again changes nothing (idempotent).
    before = list(Certificate.objects.values_list("pk", "state", "rendered_at", "attempts"))
    logs = TransitionLog.objects.count()
    assert certificate_render(certificate_id=Certificate.objects.first().pk) == "skipped"
    assert before == list(Certificate.objects.values_list("pk", "state", "rendered_at", "attempts"))
    assert TransitionLog.objects.count() == logs


def test_generate_is_idempotent_and_for_clerks_only(
    make, director, clerk, officer, eager, django_capture_on_commit_callbacks
):
    nominations = make(["Công an xã Lặp Lại"])
    decision = issue(draft(director, nominations), director)
    with pytest.raises(PermissionDenied):
        certificates_generate(decision=decision, actor=officer)
    with django_capture_on_commit_callbacks(execute=True):
        certificates_generate(decision=decision, actor=clerk)
    with django_capture_on_commit_callbacks(execute=True):
        certificates_generate(decision=decision, actor=clerk)
    assert Certificate.objects.count() == 1
    assert TransitionLog.objects.filter(transition="render_done").count() == 1
    assert RenderBatch.objects.get(decision=decision).status == "sent"


BROKEN = "{%p if is_individual %}\n{{ recipient_name.boom() }}\n{%p endif %}\n{{ recipient_name }}"


def _upload_raw(kind: str, body: str) -> DocumentTemplate:
    """A template version stored directly (skipping the admin's validation)."""
    from django.core.files.base import ContentFile

    document = Document()
    for line in body.split("\n"):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    current = DocumentTemplate.objects.filter(kind=kind).order_by("-version").first()
    version = current.version + 1 if current else 1
    template = DocumentTemplate(
        kind=kind, version=version, sha256=DocumentTemplate.digest(out.getvalue())
    )
    template.file.save(f"{kind}-{version}.docx", ContentFile(out.getvalue()), save=False)
    template.save()
    return template


def test_broken_template_fails_those_certificates_with_a_reason_and_retry_renders(
    make, director, clerk, eager, django_capture_on_commit_callbacks
):
    from commendations.documents.rendering import template_current

    template_current(DocumentKind.GIAY_KHEN)
    _upload_raw(DocumentKind.GIAY_KHEN, BROKEN)
    collectives = make(["Công an xã Tập Thể"])
    individuals = make(["Nguyễn Văn Cá"], kind="individual", rank="Đại úy", position="Đội trưởng")
    decision = draft(director, collectives + individuals)
    with django_capture_on_commit_callbacks(execute=True):
        issue(decision, director)
    progress = decision_progress(decision)
    assert (progress["total"], progress["done"], progress["failed"]) == (2, 1, 1)
    failed = Certificate.objects.get(state=CertificateState.FAILED)
    assert failed.nomination == individuals[0]
    assert "giấy khen — phiên bản 2" in failed.error.lower() and "boom" in failed.error
    assert not default_storage.exists(failed.storage_name)
    # An admin uploads a fixed version; the clerk retries: rendered with the new version.
    fixed = _upload_raw(DocumentKind.GIAY_KHEN, "{{ recipient_name }} {{ registry_number }}")
    with django_capture_on_commit_callbacks(execute=True):
        certificate_retry(certificate=failed, actor=clerk)
    failed.refresh_from_db()
    assert failed.state == CertificateState.RENDERED and failed.template == fixed
    assert failed.error == ""
    assert list(
        TransitionLog.objects.filter(
            object_id=failed.pk, transition__in=["fail", "retry", "render_done"]
        )
        .order_by("pk")
        .values_list("transition", flat=True)
    ) == ["fail", "retry", "render_done"]


def test_bulk_mark_printed_then_presented_all_or_none(
    make, director, clerk, officer, eager, django_capture_on_commit_callbacks
):
    nominations = make(["Công an xã In Một", "Công an xã In Hai"])
    decision = draft(director, nominations)
    with django_capture_on_commit_callbacks(execute=True):
        issue(decision, director)
    certificates = list(Certificate.objects.all())
    with pytest.raises(PermissionDenied):
        certificates_mark(certificates=certificates, transition="mark_printed", actor=officer)
    with pytest.raises(ValidationError):  # not printed yet: nothing changes
        certificates_mark(certificates=certificates, transition="mark_presented", actor=clerk)
    assert set(Certificate.objects.values_list("state", flat=True)) == {"rendered"}
    assert certificates_mark(certificates=certificates, transition="mark_printed", actor=clerk) == 2
    assert (
        certificates_mark(certificates=certificates, transition="mark_presented", actor=clerk) == 2
    )
    assert set(Certificate.objects.values_list("state", flat=True)) == {"presented"}
    assert TransitionLog.objects.filter(transition="mark_presented", actor=clerk).count() == 2
    with pytest.raises(ValidationError):
        certificates_mark(certificates=certificates, transition="render_done", actor=clerk)


def test_a_chunk_that_cannot_be_written_leaves_no_file_and_renders_whole_on_retry(
    make, director, monkeypatch, django_capture_on_commit_callbacks
):
    """A chunk is saved in one transaction: when the storage refuses its second file the rows
    roll back and the first file is removed with them, so nothing points nowhere and nothing is
    left behind; the retry renders the whole chunk once, each with its audit row."""
    from django.core.files.storage import FileSystemStorage

    from commendations.actions.certificates import certificates_render

    nominations = make(["Công an xã Một", "Công an xã Hai", "Công an xã Ba"])
    with django_capture_on_commit_callbacks(execute=False):
        decision = issue(draft(director, nominations), director)
    ids = list(
        Certificate.objects.filter(decision=decision)
        .order_by("serial")
        .values_list("pk", flat=True)
    )
    real_save = FileSystemStorage._save
    calls = []

    def second_write_fails(self, name, content):
        calls.append(name)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", name)
        return real_save(self, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", second_write_fails)
    with pytest.raises(OSError, match="No space left"):
        certificates_render(certificate_ids=ids)
    assert set(Certificate.objects.values_list("state", flat=True)) == {CertificateState.PENDING}
    assert not any(default_storage.exists(c.storage_name) for c in Certificate.objects.all())
    assert not TransitionLog.objects.filter(transition="render_done").exists()

    monkeypatch.undo()
    assert certificates_render(certificate_ids=ids) == {"rendered": 3, "failed": 0, "skipped": 0}
    assert certificates_render(certificate_ids=ids) == {"rendered": 0, "failed": 0, "skipped": 3}
    for certificate in Certificate.objects.all():
        assert certificate.state == CertificateState.RENDERED
        assert default_storage.exists(certificate.file.name)
    logs = TransitionLog.objects.filter(transition="render_done", object_id__in=ids)
    assert logs.count() == 3
    assert {log.data["template_version"] for log in logs} == {1}
    assert {(log.source_state, log.target_state) for log in logs} == {("pending", "rendered")}
