"""P6: workers that share nothing but Redis, PostgreSQL and the object store split the work.

Starts its own PostgreSQL database (DATABASE_URL must point at PostgreSQL), its own redis-server,
moto's standalone S3 server (the object store) and then 1, 2 and 4 Celery worker processes, each
with its own empty media folder and the S3 bucket as its storage, so nothing is shared on disk.
For each worker count the same decision of N certificates is issued (through the web view
`/decisions/<pk>/issue/`, Django's test client in this process) and rendered, then its print pack
(chunk tasks on `convert`, one merge) is built. Prints the wall times and the speed-up against one
worker; the last line is `P6 speedup_2_workers=<x>`. The machine has two cores: expect at most 2x.

Environment: SCALE_N (default 2000 certificates), SCALE_WORKERS (default "1,2,4"),
PRINT_PACK_CHUNK_SIZE (default 100). Everything it starts is stopped and removed at the end.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
N = int(os.environ.get("SCALE_N", "2000"))
WORKER_COUNTS = [int(x) for x in os.environ.get("SCALE_WORKERS", "1,2,4").split(",")]
TMP = Path(tempfile.mkdtemp(prefix="khenthuong-scale-"))
BUCKET = "khenthuong-scale"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition, timeout: float, what: str, poll: float = 0.5) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(poll)
    raise SystemExit(f"timed out waiting for {what}")


def listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.3):
            return True
    except OSError:
        return False


def spawn(command: list[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        command, cwd=ROOT, env=env or os.environ.copy(), stdout=log.open("wb"),
        stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def setup(started: list[subprocess.Popen]) -> str:
    """The database, Redis and the S3 server; returns the database name to drop."""
    import boto3
    import psycopg

    database_url = os.environ.get("DATABASE_URL", "")
    name = f"khenthuong_bench_p6_{os.getpid()}"
    parsed = urlparse(database_url)
    with psycopg.connect(parsed._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    redis_port, s3_port = free_port(), free_port()
    started.append(
        spawn(["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
               "--appendonly", "no", "--dir", str(TMP)], TMP / "redis.log")
    )  # fmt: skip
    started.append(
        spawn([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(s3_port)],
              TMP / "s3.log")
    )  # fmt: skip
    wait_until(lambda: listening(redis_port), 15, "redis-server", poll=0.1)
    wait_until(lambda: listening(s3_port), 30, "the S3 server", poll=0.1)
    endpoint = f"http://127.0.0.1:{s3_port}"
    boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id="scale", aws_secret_access_key="scale",
        region_name="us-east-1",
    ).create_bucket(Bucket=BUCKET)  # fmt: skip
    os.environ.update(
        {
            "DATABASE_URL": parsed._replace(path=f"/{name}").geturl(),
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
            "CELERY_BROKER_URL": f"redis://127.0.0.1:{redis_port}/0",
            "STORAGE_URL": f"s3+http://scale:scale@127.0.0.1:{s3_port}/{BUCKET}?region=us-east-1",
            "MEDIA_ROOT": str(TMP / "media-web"),
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }
    )
    return name


def start_workers(count: int, started: list[subprocess.Popen]) -> list[subprocess.Popen]:
    """`count` worker processes (concurrency 1 each), every one with its own media folder."""
    workers = []
    for index in range(count):
        media = TMP / f"media-{count}-{index}"
        media.mkdir()
        log = TMP / f"worker-{count}-{index}.log"
        env = {**os.environ, "MEDIA_ROOT": str(media), "CONN_MAX_AGE": "60"}
        process = spawn(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--loglevel=INFO",
             "--concurrency=1", "--without-gossip", "--without-mingle", "--without-heartbeat",
             "-Q", "render,convert,mail,default", "-n", f"p6-{count}-{index}-{os.getpid()}@%h"],
            log, env,
        )  # fmt: skip
        started.append(process)
        workers.append(process)
    for index, _process in enumerate(workers):
        log = TMP / f"worker-{count}-{index}.log"
        wait_until(lambda log=log: b"ready." in log.read_bytes(), 120, "a worker", poll=0.2)
    return workers


def make_decision(number: str, actor, campaign, unit, award):
    """N nominations awaiting the Director (set-up, not measured) and a draft decision."""
    import datetime

    from commendations.decisions.models import Decision
    from commendations.nominations.models import Nomination, NominationState

    Nomination.objects.bulk_create(
        [
            Nomination(
                campaign=campaign, unit=unit, award_type=award,
                nominee_kind="individual" if i % 3 else "collective",
                nominee_name=f"Nguyễn Văn Thử {number.split('/')[0]}-{i:04d}",
                rank="Đại úy" if i % 3 else "", position="Đội trưởng" if i % 3 else "",
                workplace="Công an xã Ia Sao, huyện Ia Grai" if i % 3 else "",
                achievement_summary="Thành tích xuất sắc.",
                state=NominationState.AWAITING_DIRECTOR,
            )
            for i in range(N)
        ],
        batch_size=500,
    )  # fmt: skip
    decision = Decision.objects.create(
        authority="PROVINCIAL_DIRECTOR", number=number, date=datetime.date(2023, 3, 1),
        signer_name="Nguyễn Ngọc Sơn", signer_title="GIÁM ĐỐC", created_by=actor,
    )  # fmt: skip
    Nomination.objects.filter(decision__isnull=True, state="awaiting_director").update(
        decision=decision
    )
    return decision


def one_round(count: int, number: str, context: dict, started: list) -> dict[str, float]:
    from django.test import Client

    from commendations.ceremonies.models import PrintPack
    from commendations.ceremonies.services import ceremony_create, print_pack_request
    from commendations.certificates.services import decision_progress

    decision = make_decision(number, context["director"], *context["rest"])
    workers = start_workers(count, started)
    web = Client()
    web.force_login(context["director"])
    began = time.perf_counter()
    response = web.post(f"/decisions/{decision.pk}/issue/")
    decision.refresh_from_db()
    if response.status_code != 302 or decision.state != "issued":
        raise SystemExit(f"issue answered {response.status_code}, decision {decision.state}")
    wait_until(lambda: decision_progress(decision)["pending"] == 0, 7200, "the certificates")
    rendered = time.perf_counter()
    progress = decision_progress(decision)
    if progress["done"] != N:
        raise SystemExit(f"rendering incomplete: {progress}")
    ceremony = ceremony_create(
        actor=context["clerk"], name=f"Lễ {number}", date=decision.date, place="Hội trường",
        decisions=[decision],
    )  # fmt: skip
    pack = print_pack_request(ceremony=ceremony, actor=context["clerk"])
    wait_until(
        lambda: PrintPack.objects.get(pk=pack.pk).status in ("done", "failed"), 7200, "the pack"
    )
    finished = time.perf_counter()
    pack.refresh_from_db()
    if pack.status != "done" or (pack.pdf and pack.page_count != N):
        raise SystemExit(f"pack {pack.status}: {pack.error}")
    for process in workers:
        stop(process)
    local = [p for p in TMP.glob(f"media-{count}-*/**/*") if p.is_file()]
    if local:
        raise SystemExit(f"a worker wrote to its local disk: {local[:3]}")
    return {"render": rendered - began, "pack": finished - rendered, "total": finished - began}


def run(started: list) -> None:
    import datetime

    from django.conf import settings
    from django.contrib.auth.models import Group, User

    from commendations.campaigns.models import Authority, AwardType, Campaign
    from commendations.ceremonies import printing
    from commendations.documents import rendering as documents_rendering
    from commendations.units.models import Unit

    director = User.objects.create_superuser("bench", "bench@example.test", "bench-password-1")
    clerk = User.objects.create_user("bench-clerk", "clerk@example.test", "bench-password-1")
    clerk.groups.add(Group.objects.get(name="clerk"))
    unit = Unit.objects.create(code="BENCH", name="Công an huyện Thử", kind="district")
    award = AwardType.objects.create(
        code="GK-GD", name="Giấy khen của Giám đốc Công an tỉnh", short_name="Giấy khen",
        authority=Authority.PROVINCIAL_DIRECTOR,
    )  # fmt: skip
    campaign = Campaign.objects.create(
        name="Phong trào thử", year=2022, opens_on=datetime.date(2022, 1, 1),
        closes_on=datetime.date(2022, 12, 31), citation="Đã có thành tích xuất sắc",
    )  # fmt: skip
    campaign.award_types.add(award)
    documents_rendering.template_current("giay_khen")  # stored in the bucket
    context = {"director": director, "clerk": clerk, "rest": (campaign, unit, award)}
    soffice = printing.soffice_binary()
    print(
        f"N={N} certificates, storage=S3 (moto server), broker=redis, database=postgresql, "
        f"print pack chunks of {settings.PRINT_PACK_CHUNK_SIZE}, "
        f"LibreOffice={'yes' if soffice else 'no (merged .docx, one task)'}, "
        f"cores={os.cpu_count()}"
    )
    results: dict[int, dict[str, float]] = {}
    for count in WORKER_COUNTS:
        results[count] = one_round(count, f"{count}/QĐ-P6", context, started)
        r = results[count]
        print(
            f"P6 {count} worker process(es): render {r['render']:.1f} s, print pack "
            f"{r['pack']:.1f} s, total {r['total']:.1f} s"
        )
    base = results[WORKER_COUNTS[0]]["total"]
    for count in WORKER_COUNTS:
        print(f"P6 speed-up with {count} worker(s): {base / results[count]['total']:.2f}x")
    two = results.get(2)
    print(f"P6 speedup_2_workers={base / two['total']:.2f}" if two else "P6 speedup_2_workers=nan")


def main() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("P6 skipped: set DATABASE_URL=postgres://... (the workers share one database)")
        print("P6 speedup_2_workers=nan")
        return
    started: list[subprocess.Popen] = []
    dropped = None
    try:
        dropped = setup(started)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        run(started)
    finally:
        for process in reversed(started):
            stop(process)
        if dropped:
            import psycopg
            from django.db import connections

            connections.close_all()
            parsed = urlparse(os.environ["DATABASE_URL"])
            with psycopg.connect(parsed._replace(path="/postgres").geturl(), autocommit=True) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{dropped}" WITH (FORCE)')
        shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
