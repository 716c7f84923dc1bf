"""P5: importing the documented maximum, 5,000 rows of the Excel template, on PostgreSQL.

What is timed is what the worker runs for one import (`nomination_import_run`): read the stored
file (streamed, bounded), validate every row with a fixed number of queries, and insert the
drafts with `bulk_create` in batches, in one transaction. The upload itself (the web request that
stores the file and answers at once) is timed separately. The baseline, measured in the same run
on the same rows, is what the database alone needs: a bare `bulk_create` of the same 5,000
Nomination objects, rolled back. Goal: 5,000 rows in at most 10 s.

It makes its own PostgreSQL database from DATABASE_URL (default the local server) and drops it at
the end; no broker is needed (the run is called directly, as the task would). Environment:
BENCH_P5_N (default 5000), BENCH_P5_ROUNDS (default 2); the smallest run (what the tests run):
BENCH_P5_N=20 BENCH_P5_ROUNDS=1. Last line: `P5 rows_per_second=<x>`.
"""

import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _world import database_create, database_drop, world_make  # benchmarks/_world.py

ROOT = Path(__file__).resolve().parent.parent
N = int(os.environ.get("BENCH_P5_N", "5000"))
ROUNDS = int(os.environ.get("BENCH_P5_ROUNDS", "2"))
TMP = Path(tempfile.mkdtemp(prefix="khenthuong-p5-"))


def setup_environment() -> tuple[str, str]:
    name, admin_url = database_create("p5")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "REDIS_URL": "",
            "CELERY_BROKER_URL": "filesystem://",
            "VAR_DIR": str(TMP / "var"),
            "MEDIA_ROOT": str(TMP / "media"),
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
        }
    )
    return name, admin_url


def teardown(name: str, admin_url: str) -> None:
    database_drop(name, admin_url)
    shutil.rmtree(TMP, ignore_errors=True)


def workbook_bytes(units, round_no: int) -> bytes:
    from openpyxl import Workbook

    from commendations.nominations.imports.layout import HEADERS, SHEET

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET)
    sheet.append(HEADERS)
    for i in range(N):
        individual = i % 4 != 0
        sheet.append(
            [
                i + 1,
                units[i % len(units)].code,
                "Giấy khen của Giám đốc Công an tỉnh",
                "Cá nhân" if individual else "Tập thể",
                f"Nguyễn Văn {round_no}-{i:05d}" if individual else f"Đội {round_no}-{i:05d}",
                "",
                "Đại úy" if individual else "",
                "Đội trưởng" if individual else "",
                units[i % len(units)].name,
                f"{1 + i % 28:02d}/{1 + i % 12:02d}/19{60 + i % 40}" if individual else "",
                ("Nam" if i % 2 else "Nữ") if individual else "",
                "Có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc.",
            ]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def baseline_seconds(job) -> float:
    """A bare bulk_create of the rows the import created, in a transaction rolled back."""
    from django.db import transaction

    from commendations.nominations.models import Nomination

    fields = [
        "campaign_id", "unit_id", "award_type_id", "nominee_kind", "nominee_unit_id",
        "nominee_name", "rank", "position", "workplace", "date_of_birth", "gender",
        "achievement_summary", "created_by_id",
    ]  # fmt: skip
    rows = [
        Nomination(**{f: getattr(n, f) for f in fields}, nominee_key=f"bench{n.pk}")
        for n in Nomination.objects.filter(pk__in=job.created_ids)
    ]

    class Rollback(Exception):
        pass

    elapsed = 0.0
    try:
        with transaction.atomic():
            start = time.perf_counter()
            Nomination.objects.bulk_create(rows, batch_size=500)
            elapsed = time.perf_counter() - start
            raise Rollback
    except Rollback:
        pass
    return elapsed


def run() -> float:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from commendations.access.roles import Role
    from commendations.nominations.imports.jobs import (
        nomination_import_run,
        nomination_import_start,
    )

    officer, units, _award, campaign = world_make(username="officer", role=Role.UNIT_OFFICER)
    seconds, baselines, uploads = [], [], []
    queries = 0
    for round_no in range(1, ROUNDS + 1):
        content = workbook_bytes(units, round_no)
        start = time.perf_counter()
        job = nomination_import_start(
            campaign=campaign, upload=SimpleUploadedFile("ds.xlsx", content), actor=officer
        )
        uploads.append(time.perf_counter() - start)
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            job = nomination_import_run(job_id=job.pk)
            elapsed = time.perf_counter() - start
        queries = len(captured.captured_queries)
        if job.status != "done" or len(job.created_ids) != N:
            raise SystemExit(f"round {round_no}: {job.status}, {job.summary}, {job.errors[:3]}")
        seconds.append(elapsed)
        baselines.append(baseline_seconds(job))
        print(
            f"round {round_no}: {N} rows ({len(content) / 1024:.0f} KB) imported in "
            f"{elapsed:.2f} s, {queries} SQL queries; upload stored in {uploads[-1] * 1000:.0f} "
            f"ms; baseline bare bulk_create {baselines[-1]:.2f} s"
        )
    median = statistics.median(seconds)
    base = statistics.median(baselines)
    print(f"rows per import: {N}, rounds: {ROUNDS}, database: PostgreSQL")
    print(f"import median: {median:.2f} s (min {min(seconds):.2f}, max {max(seconds):.2f})")
    print(f"upload request (store + queue) median: {statistics.median(uploads) * 1000:.0f} ms")
    print(f"baseline (bare bulk_create of the same {N} rows) median: {base:.2f} s")
    print(f"ratio import / bare bulk_create: {median / base:.1f}x")
    print(f"queries per import: {queries} (fixed per batch of 500 rows, not per row)")
    print(f"target: {N} rows <= 10 s -> {'met' if median <= 10 else 'NOT met'}")
    return N / median


def main() -> None:
    name, admin_url = setup_environment()
    sys.path.insert(0, str(ROOT))
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        rate = run()
    finally:
        teardown(name, admin_url)
    print(f"P5 rows_per_second={rate:.0f}")


if __name__ == "__main__":
    main()
