"""The same file uploaded twice at once was imported twice (the duplicate check
ran before the insert transaction). A unique constraint on (campaign, nominee key) now settles the
race in the database: one import creates the drafts, the other creates nothing and gets row
errors. Two real transactions on PostgreSQL, each in its own thread and connection, both past
validation before either inserts."""

import io
import threading
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from openpyxl import Workbook

from commendations.nominations.imports import jobs
from commendations.nominations.imports.jobs import nominations_import
from commendations.nominations.imports.layout import HEADERS, SHEET
from commendations.nominations.models import Nomination

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


def _file(district_code: str, count: int) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append(HEADERS)
    for i in range(count):
        sheet.append(
            [
                i + 1,
                district_code,
                "GK-GD",
                "Cá nhân",
                f"Nguyễn Văn {i}",
                "",
                "Đại úy",
                "",
                "",
                f"0{1 + i % 9}/05/1990",
                "Nam",
                "Xuất sắc",
            ]  # fmt: skip
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_two_concurrent_imports_of_one_file_create_each_nominee_once(
    postgres_only, monkeypatch, campaign, district, officer
):
    assert connection.vendor == "postgresql"
    content = _file(district.code, 40)
    both_validated = threading.Barrier(2, timeout=30)
    validate = jobs.nominations_validate

    def validate_then_wait(**kwargs: Any):
        outcome = validate(**kwargs)
        both_validated.wait()  # neither inserts before both have checked for duplicates
        return outcome

    monkeypatch.setattr(jobs, "nominations_validate", validate_then_wait)
    results: list[Any] = []

    def run() -> None:
        try:
            upload = SimpleUploadedFile("ds.xlsx", content)
            results.append(nominations_import(campaign=campaign, upload=upload, actor=officer))
        except Exception as exc:  # a 500 in the app: the test reports it
            results.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(results) == 2 and not any(isinstance(r, Exception) for r in results), results
    winners = [r for r in results if r.ok]
    losers = [r for r in results if not r.ok]
    assert len(winners) == 1 and len(losers) == 1
    assert len(winners[0].created) == 40
    assert losers[0].created == []
    assert len(losers[0].errors) == 40
    assert all("lượt nhập khác" in e.message for e in losers[0].errors)
    assert Nomination.objects.filter(campaign=campaign).count() == 40
