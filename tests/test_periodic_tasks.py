"""Beat runs as its own process (one per installation), but if two schedulers ever run — two
`make run`s, a beat left over after a deploy — every periodic task must be harmless twice. Each
entry of CELERY_BEAT_SCHEDULE is listed here with the test that proves it; a new periodic task
without one fails the first test."""

import datetime
import io
import threading

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.utils import timezone
from openpyxl import Workbook

from commendations import queues
from commendations.actions.certificates import certificates_render
from commendations.ceremonies.services import print_packs_sweep
from commendations.certificates import archived_pdfs as certificate_pdfs
from commendations.certificates.models import Certificate, CertificateState
from commendations.certificates.services import certificates_sweep
from commendations.decisions import signed_pdf as decisions_pdf
from commendations.decisions.models import Decision, DecisionPdfStatus
from commendations.nominations.deadlines import deadline_for
from commendations.nominations.imports import jobs as import_jobs
from commendations.nominations.imports.layout import HEADERS, SHEET
from commendations.nominations.models import NominationImport
from commendations.notifications.models import OverdueDigest
from commendations.notifications.services import overdue_digest_send
from config.celery import app as celery_app
from tests.certificate_fixtures import awaiting, draft, issue
from tests.factories import NominationFactory
from tests.helpers import advance
from tests.rule_fixtures import make_rule_set
from workflow.models import TransitionLog

PROVEN_TWICE = {
    "overdue-digest": "test_the_digest_sent_by_two_schedulers_at_once_mails_each_user_once",
    "certificates-sweep": "test_sweeps_run_twice_render_each_stalled_certificate_once",
    "print-packs-sweep": "test_sweeps_run_twice_render_each_stalled_certificate_once",
    "nomination-imports-sweep": "test_import_sweeps_run_twice_import_each_stalled_file_once",
    "decision-pdfs-sweep": "test_decision_pdf_sweeps_run_twice_make_each_missing_pdf_once",
    "certificate-pdfs-sweep": "test_pdf_sweeps_run_twice_send_each_certificate_once",
}


def test_every_periodic_task_is_registered_and_proven_harmless_twice():
    celery_app.loader.import_default_modules()
    assert set(settings.CELERY_BEAT_SCHEDULE) == set(PROVEN_TWICE)
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in celery_app.tasks, entry["task"]
    for test in PROVEN_TWICE.values():
        assert test in globals()


@pytest.mark.django_db(transaction=True)
def test_the_digest_sent_by_two_schedulers_at_once_mails_each_user_once(
    campaign, district, director_award, officer, member, secretary
):
    make_rule_set(director_award, review_days=10, forward_days=5, decision_days=10)
    nomination = NominationFactory(campaign=campaign, unit=district, award_type=director_award)
    advance(nomination, "submitted", officer=officer, member=member, secretary=secretary)
    late = deadline_for(nomination).due_on + datetime.timedelta(days=3)
    results: list[int] = []
    start = threading.Barrier(2)

    def scheduler() -> None:
        try:
            start.wait(timeout=10)
            results.append(overdue_digest_send(day=late))
        finally:
            connections.close_all()

    if connection.vendor == "postgresql":  # two connections at the same moment
        threads = [threading.Thread(target=scheduler) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    else:  # SQLite: one writer at a time, so one after the other
        results = [overdue_digest_send(day=late), overdue_digest_send(day=late)]
    assert sorted(results) == [0, 2] or sum(results) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, secretary.email])
    assert OverdueDigest.objects.count() == 2


@pytest.mark.django_db
def test_sweeps_run_twice_render_each_stalled_certificate_once(
    campaign, district, officer, member, secretary, director, director_award, eager,
    settings, tmp_path, django_capture_on_commit_callbacks, monkeypatch,
):  # fmt: skip
    """A chunk lost with its worker (claimed long ago, still pending): two schedulers' sweeps
    both fire; the certificates are rendered once, the second sweep finds nothing to do."""
    settings.MEDIA_ROOT = tmp_path / "media"
    # The queues are empty but for the lost work (messages other tests left in the shared Redis
    # database would make the sweep wait for them: it re-sends only into an idle queue).
    monkeypatch.setattr(queues, "waiting", lambda queue: 0)
    specs = [(director_award, "collective", f"Công an xã Quét {i}", {}) for i in range(3)]
    decision = draft(director, awaiting(campaign, district, officer, member, secretary, specs))
    celery_app.conf.task_always_eager = False
    try:
        issue(decision, director)  # on_commit never runs here: the batch is "sent" but lost
    finally:
        celery_app.conf.task_always_eager = True
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.CERTIFICATE_LEASE_SECONDS + 5)
    decision.render_batch.__class__.objects.filter(decision=decision).update(
        status="sent", sent_at=long_ago
    )
    Certificate.objects.filter(decision=decision).update(render_claimed_at=long_ago)
    with django_capture_on_commit_callbacks(execute=True):
        first = certificates_sweep() + print_packs_sweep()
        second = certificates_sweep() + print_packs_sweep()
    assert first == 1 and second == 0
    certificates = Certificate.objects.filter(decision=decision)
    assert {c.state for c in certificates} == {CertificateState.RENDERED}
    for certificate in certificates:
        assert (
            TransitionLog.objects.filter(
                object_id=certificate.pk,
                transition="render_done",
                content_type__model="certificate",
            ).count()
            == 1
        )


@pytest.mark.django_db
def test_import_sweeps_run_twice_import_each_stalled_file_once(
    eager, django_capture_on_commit_callbacks, campaign, district, officer
):
    """An import left pending (the broker was down at upload) is sent by both schedulers'
    sweeps and delivered twice: its rows are imported once, and the second delivery (which
    finds them already in the campaign) does not turn the finished job into a failure."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append(HEADERS)
    for i in range(3):
        sheet.append([i + 1, district.code, "GK-GD", "Tập thể", f"Tổ {i}"] + [""] * 6 + ["x"])
    out = io.BytesIO()
    workbook.save(out)
    with django_capture_on_commit_callbacks(execute=False):  # the broker was down
        job = import_jobs.nomination_import_start(
            campaign=campaign, upload=SimpleUploadedFile("ds.xlsx", out.getvalue()), actor=officer
        )
    NominationImport.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=2)
    )
    assert import_jobs.nomination_imports_sweep() == 1
    assert import_jobs.nomination_imports_sweep() == 0  # the second scheduler: nothing left
    job.refresh_from_db()
    assert job.status == NominationImport.Status.DONE
    again = import_jobs.nomination_import_run(job_id=job.pk)  # the first send, delivered again
    assert again.status == NominationImport.Status.DONE
    assert campaign.nominations.count() == 3
    assert len(again.created_ids) == 3


@pytest.mark.django_db
def test_decision_pdf_sweeps_run_twice_make_each_missing_pdf_once(
    campaign, district, officer, member, secretary, director, director_award, eager,
    settings, tmp_path, django_capture_on_commit_callbacks, monkeypatch,
):  # fmt: skip
    """A decision issued while the broker was down has no PDF: two schedulers' sweeps both
    fire; one sends it, the PDF is made once, the other finds nothing to send."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ARCHIVE_PDFS_ENABLED = True
    converted = []

    def convert(documents, **kwargs):  # LibreOffice is proven in tests/decisions
        converted.append(list(documents))
        return {name: b"%PDF-1.7 pdfaid:part" for name in documents}

    monkeypatch.setattr(decisions_pdf, "docx_to_pdf", convert)
    specs = [(director_award, "collective", "Công an xã Quét", {})]
    nominations = awaiting(campaign, district, officer, member, secretary, specs)
    # dated today: a decision dated in the past is a paper original and gets no PDF
    decision = draft(director, nominations, date=timezone.localdate())
    with django_capture_on_commit_callbacks(execute=False):  # the broker was down
        issue(decision, director)
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.DECISION_PDF_RESEND_SECONDS + 5)
    Decision.objects.filter(pk=decision.pk).update(issued_at=long_ago, pdf_sent_at=long_ago)
    with django_capture_on_commit_callbacks(execute=True):
        first = decisions_pdf.decision_pdfs_sweep()
        second = decisions_pdf.decision_pdfs_sweep()
    assert (first, second) == (1, 0)
    assert decisions_pdf.decision_pdf_make(decision_id=decision.pk) == "skipped"  # sent twice
    decision.refresh_from_db()
    assert decision.pdf_status == DecisionPdfStatus.READY and len(converted) == 1
    folder = settings.MEDIA_ROOT / "decisions" / str(decision.year) / str(decision.pk)
    assert len([p for p in folder.iterdir() if p.suffix == ".pdf"]) == 1


def test_pdf_sweeps_run_twice_send_each_certificate_once(
    campaign, district, officer, member, secretary, director, director_award, settings,
    tmp_path, monkeypatch,
):  # fmt: skip
    """Rendered certificates left without their PDF (the broker was down after the render):
    two schedulers' sweeps both fire; the chunk is sent once (the rows are claimed first), and
    the task delivered twice makes each PDF once (tests/certificates/test_certificate_pdfs.py)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ARCHIVE_PDFS_ENABLED = True
    monkeypatch.setattr(queues, "waiting", lambda queue: 0)
    sent: list[list[int]] = []
    monkeypatch.setattr(certificate_pdfs, "pdfs_send", lambda ids: sent.append(ids) or True)
    specs = [(director_award, "collective", f"Công an xã PDF {i}", {}) for i in range(3)]
    decision = draft(director, awaiting(campaign, district, officer, member, secretary, specs))
    issue(decision, director)
    certificates_render(
        certificate_ids=Certificate.objects.filter(decision=decision).values_list("pk", flat=True)
    )
    long_ago = timezone.now() - datetime.timedelta(
        seconds=settings.CERTIFICATE_PDF_LEASE_SECONDS + 5
    )
    Certificate.objects.filter(decision=decision).update(rendered_at=long_ago)
    first = certificate_pdfs.certificate_pdfs_sweep()
    second = certificate_pdfs.certificate_pdfs_sweep()
    assert (first, second) == (1, 0)
    assert sent == [
        sorted(Certificate.objects.filter(decision=decision).values_list("pk", flat=True))
    ]
