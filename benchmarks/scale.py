"""P6: workers that share nothing but Redis, PostgreSQL and the object store split the work.

Starts its own PostgreSQL database (made from DATABASE_URL, default the local server), its own
redis-server, moto's standalone S3 server (the object store) and then 1, 2 and 4 Celery worker
processes, each with its own empty media folder and the S3 bucket as its storage, so nothing is
shared on disk. For each worker count a decision of N certificates is drafted (the service the
Director's page calls) and issued through the web view (the confirmed POST to
`/decisions/<pk>/issue/`, Django's test client in this process) and rendered, then its print pack
(chunk tasks on `convert`, one merge) is built. Prints the wall times and the speed-up against one
worker; the last line is `P6 speedup_2_workers=<x>`. The machine has two cores: expect at most 2x.

Environment: SCALE_N (default 2000 certificates), SCALE_WORKERS (default "1,2,4"; the figure needs
1 and 2), PRINT_PACK_CHUNK_SIZE (default 100). Everything it starts is stopped and removed at the
end. Smallest run that still says something: SCALE_N=3 SCALE_WORKERS=1,2.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _world import (  # benchmarks/_world.py
    database_create,
    database_drop,
    free_port,
    port_open,
    process_stop,
    redis_start,
    spawn,
    wait_until,
    worker_ready,
    worker_start,
)

ROOT = Path(__file__).resolve().parent.parent
N = int(os.environ.get("SCALE_N", "2000"))
WORKER_COUNTS = [int(x) for x in os.environ.get("SCALE_WORKERS", "1,2,4").split(",")]
TMP = Path(tempfile.mkdtemp(prefix="khenthuong-scale-"))
BUCKET = "khenthuong-scale"


def setup(started: list[subprocess.Popen]) -> tuple[str, str]:
    """The database, Redis and the S3 server; returns (the database to drop, the admin URL)."""
    import boto3

    name, admin_url = database_create("p6")
    redis_process, redis_url = redis_start(TMP)
    started.append(redis_process)
    s3_port = free_port()
    started.append(
        spawn([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(s3_port)],
              TMP / "s3.log")
    )  # fmt: skip
    wait_until(lambda: port_open(s3_port), 30, "the S3 server")
    endpoint = f"http://127.0.0.1:{s3_port}"
    boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id="scale", aws_secret_access_key="scale",
        region_name="us-east-1",
    ).create_bucket(Bucket=BUCKET)  # fmt: skip
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "REDIS_URL": redis_url,
            "CELERY_BROKER_URL": redis_url,
            "STORAGE_URL": f"s3+http://scale:scale@127.0.0.1:{s3_port}/{BUCKET}?region=us-east-1",
            "MEDIA_ROOT": str(TMP / "media-web"),
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }
    )
    return name, admin_url


def start_workers(count: int, started: list[subprocess.Popen]) -> list[subprocess.Popen]:
    """`count` worker processes (concurrency 1 each), every one with its own media folder."""
    workers = []
    for index in range(count):
        media = TMP / f"media-{count}-{index}"
        media.mkdir()
        process = worker_start(
            name=f"p6-{count}-{index}", log=TMP / f"worker-{count}-{index}.log",
            queues="render,convert,mail,default", env={"MEDIA_ROOT": str(media)}, wait=False,
        )  # fmt: skip
        started.append(process)
        workers.append(process)
    for index in range(count):
        worker_ready(TMP / f"worker-{count}-{index}.log")
    return workers


def make_decision(number: str, actor, campaign, unit, award):
    """N nominations awaiting the Director (inserted in that state: their history is set-up, not
    measured) and the decision drafted over them as the Director's page does it."""
    import datetime

    from commendations.campaigns.models import Authority
    from commendations.decisions.services import decision_create
    from commendations.nominations.models import Nomination, NominationState

    created = Nomination.objects.bulk_create(
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
    return decision_create(
        actor=actor, authority=Authority.PROVINCIAL_DIRECTOR, number=number,
        date=datetime.date(2023, 3, 1), signer_name="Nguyễn Ngọc Sơn", signer_title="GIÁM ĐỐC",
        nomination_ids=[n.pk for n in created],
    )  # fmt: skip


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
    # The confirmed POST, as the confirmation page sends it (the first POST only asks).
    response = web.post(f"/decisions/{decision.pk}/issue/", {"confirmed": "True"})
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
        process_stop(process)
    local = [p for p in TMP.glob(f"media-{count}-*/**/*") if p.is_file()]
    if local:
        raise SystemExit(f"a worker wrote to its local disk: {local[:3]}")
    return {"render": rendered - began, "pack": finished - rendered, "total": finished - began}


def run(started: list) -> None:
    import datetime

    from django.conf import settings
    from django.contrib.auth.models import Group, User

    from commendations.campaigns.models import AwardType, Campaign
    from commendations.ceremonies import printing
    from commendations.documents import rendering as documents_rendering
    from commendations.units.models import Unit

    director = User.objects.create_superuser("bench", "bench@example.test", "bench-password-1")
    clerk = User.objects.create_user("bench-clerk", "clerk@example.test", "bench-password-1")
    clerk.groups.add(Group.objects.get(name="clerk"))
    unit = Unit.objects.create(code="BENCH", name="Công an huyện Thử", kind="district")
    award = AwardType.objects.get(code="GK-GD")  # seeded by the award catalogue migration
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
    started: list[subprocess.Popen] = []
    database = None
    try:
        database = setup(started)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        run(started)
    finally:
        for process in reversed(started):
            process_stop(process)
        if database:
            database_drop(*database)
        shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
