"""P4: issuing a 500-nomination decision is one request of at most 2 s.

The director POSTs to the real view (`decision_issue`, through Django's test client, so the whole
stack runs: middleware, session, permission, the service, the certificate numbering hook and the
enqueueing of the rendering after commit). Each round drafts a fresh decision over 500 fresh
nominations awaiting the director; the figure is the median over the rounds. The baseline,
measured in the same run on the same 500 rows, is a bare `UPDATE ... SET state='approved'` in a
transaction that is rolled back: what the database alone needs to flip 500 rows.

It makes its own PostgreSQL database from DATABASE_URL (default the local server) and drops it at
the end, and its own redis-server on a spare port as the broker (no worker: the queued rendering
is thrown away with it). Environment: BENCH_P4_N (default 500), BENCH_P4_ROUNDS (default 3);
the smallest run (what the tests run): BENCH_P4_N=5 BENCH_P4_ROUNDS=1.
Last line: `P4 seconds=<median>`.
"""

import datetime
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _world import (  # benchmarks/_world.py
    database_create,
    database_drop,
    process_stop,
    redis_start,
    world_make,
)

ROOT = Path(__file__).resolve().parent.parent
N = int(os.environ.get("BENCH_P4_N", "500"))
ROUNDS = int(os.environ.get("BENCH_P4_ROUNDS", "3"))
TMP = Path(tempfile.mkdtemp(prefix="khenthuong-p4-"))


def setup_environment() -> tuple[subprocess.Popen | None, str, str]:
    """Create the benchmark database and broker; return (redis process, db name, admin url)."""
    name, admin_url = database_create("p4")
    redis_process = None
    broker = "filesystem://"
    if shutil.which("redis-server"):
        redis_process, broker = redis_start(TMP)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "REDIS_URL": "" if broker == "filesystem://" else broker,
            "CELERY_BROKER_URL": broker,
            "VAR_DIR": str(TMP / "var"),
            "MEDIA_ROOT": str(TMP / "media"),
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
        }
    )
    return redis_process, name, admin_url


def teardown(redis_process: subprocess.Popen | None, name: str, admin_url: str) -> None:
    database_drop(name, admin_url)
    process_stop(redis_process)
    shutil.rmtree(TMP, ignore_errors=True)


def awaiting_nominations(units, award, campaign, round_no: int) -> list[int]:
    """N nominations already awaiting the director (their earlier history is not what P4
    measures, so they are inserted in that state in one statement)."""
    from django.utils import timezone

    from commendations.campaigns.models import NomineeKind
    from commendations.nominations.models import Nomination, NominationState

    rows = [
        Nomination(
            campaign=campaign,
            unit=units[i % len(units)],
            award_type=award,
            nominee_kind=NomineeKind.INDIVIDUAL,
            nominee_name=f"Nguyễn Văn {round_no}-{i:04d}",
            rank="Đại úy",
            position="Đội trưởng",
            workplace=units[i % len(units)].name,
            achievement_summary="Thành tích xuất sắc.",
            state=NominationState.AWAITING_DIRECTOR,
            votes_for=7,
            votes_against=1,
            votes_abstain=1,
            submitted_at=timezone.now(),
        )
        for i in range(N)
    ]
    return [n.pk for n in Nomination.objects.bulk_create(rows, batch_size=500)]


def baseline_seconds(ids: list[int], decision_id: int) -> float:
    """A bare UPDATE of the same rows to 'approved', rolled back (the deferred trigger only runs
    at COMMIT, so nothing else is measured)."""
    from django.db import connection, transaction

    class Rollback(Exception):
        pass

    start = time.perf_counter()
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE commendations_nomination SET state = 'approved', decided_at = now(), "
                    "decision_id = %s WHERE id = ANY(%s)",
                    [decision_id, ids],
                )
                assert cursor.rowcount == len(ids)
            elapsed = time.perf_counter() - start
            raise Rollback
    except Rollback:
        pass
    return elapsed


def run() -> float:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from commendations.access.roles import Role
    from commendations.campaigns.models import Authority
    from commendations.certificates.models import Certificate
    from commendations.decisions.services import decision_create
    from commendations.nominations.models import Nomination
    from workflow.models import TransitionLog

    director, units, award, campaign = world_make(
        username="director", role=Role.PROVINCIAL_DIRECTOR
    )
    client = Client()
    client.force_login(director)
    seconds, baselines, queries = [], [], 0
    for round_no in range(1, ROUNDS + 1):
        ids = awaiting_nominations(units, award, campaign, round_no)
        decision = decision_create(
            actor=director,
            authority=Authority.PROVINCIAL_DIRECTOR,
            number=f"{round_no}/QĐ-CAT-PV05",
            date=datetime.date.today(),
            signer_name="Nguyễn Ngọc Sơn",
            signer_title="Phó Giám đốc",
            nomination_ids=ids,
        )
        baselines.append(min(baseline_seconds(ids, decision.pk) for _ in range(3)))
        logs_before = TransitionLog.objects.count()
        url = f"/decisions/{decision.pk}/issue/"
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            if os.environ.get("BENCH_PROFILE") and round_no == ROUNDS:
                import cProfile

                with cProfile.Profile() as profile:
                    response = client.post(url, {"confirmed": "True"})  # the confirmed POST
                profile.print_stats("cumulative")
            else:
                response = client.post(url, {"confirmed": "True"})  # the confirmed POST
            elapsed = time.perf_counter() - start
        queries = len(captured.captured_queries)
        assert response.status_code == 302, response.status_code
        decision.refresh_from_db()
        approved = Nomination.objects.filter(pk__in=ids, state="approved").count()
        certificates = Certificate.objects.filter(decision=decision).count()
        new_logs = TransitionLog.objects.count() - logs_before
        if decision.state != "issued" or approved != N or certificates != N:
            raise SystemExit(
                f"round {round_no}: decision {decision.state}, {approved} approved, "
                f"{certificates} certificates (expected {N})"
            )
        seconds.append(elapsed)
        print(
            f"round {round_no}: POST {url} -> {response.status_code} in {elapsed:.3f} s, "
            f"{queries} SQL queries, {approved} approved, {certificates} certificates numbered, "
            f"{new_logs} audit rows; baseline bare UPDATE {baselines[-1] * 1000:.1f} ms"
        )
    median = statistics.median(seconds)
    base = statistics.median(baselines)
    print(f"nominations per decision: {N}, rounds: {ROUNDS}, database: PostgreSQL")
    print(f"issue request median: {median:.3f} s (min {min(seconds):.3f}, max {max(seconds):.3f})")
    print(f"baseline (bare UPDATE of the same {N} rows) median: {base * 1000:.1f} ms")
    print(f"ratio issue request / bare UPDATE: {median / base:.1f}x")
    print(f"queries per issue request: {queries} (independent of N: bulk writes)")
    print(f"target: <= 2 s -> {'met' if median <= 2 else 'NOT met'}")
    return median


def main() -> None:
    redis_process, name, admin_url = setup_environment()
    sys.path.insert(0, str(ROOT))
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        median = run()
    finally:
        teardown(redis_process, name, admin_url)
    print(f"P4 seconds={median:.3f}")


if __name__ == "__main__":
    main()
