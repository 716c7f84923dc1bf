"""The background Excel import: queued after commit, run by the task, safe to run twice."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from commendations.nominations.imports import jobs
from commendations.nominations.imports.layout import HEADERS, MAX_BYTES, SHEET
from commendations.nominations.models import NominationImport
from commendations.tasks.nominations import run_nomination_import

pytestmark = pytest.mark.django_db


def _upload(district, count: int) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append(HEADERS)
    for i in range(count):
        sheet.append(
            [i + 1, district.code, "GK-GD", "Tập thể", f"Tổ {i}", "", "", "", "", "", "", "x"]
        )
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile("ds.xlsx", out.getvalue())


def test_queued_after_commit_and_idempotent(
    django_capture_on_commit_callbacks, monkeypatch, campaign, district, officer
):
    sent: list[int] = []
    monkeypatch.setattr(jobs, "_send", sent.append)
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.nomination_import_start(
            campaign=campaign, upload=_upload(district, 3), actor=officer
        )
        assert sent == []  # nothing leaves the transaction before it commits
    assert sent == [job.pk]
    assert job.status == NominationImport.Status.PENDING

    assert run_nomination_import(job.pk) == NominationImport.Status.DONE
    job.refresh_from_db()
    assert job.percent == 100 and len(job.created_ids) == 3 and job.finished_at
    assert run_nomination_import(job.pk) == NominationImport.Status.DONE  # delivered again
    job.refresh_from_db()
    assert campaign.nominations.count() == 3 and len(job.created_ids) == 3


def test_a_file_too_big_is_refused_at_upload(campaign, officer):
    big = SimpleUploadedFile("ds.xlsx", b"PK\x03\x04" + b"\0" * (MAX_BYTES + 1))
    with pytest.raises(ValidationError):
        jobs.nomination_import_start(campaign=campaign, upload=big, actor=officer)
    assert not NominationImport.objects.exists()
