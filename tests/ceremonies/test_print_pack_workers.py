"""The print pack split across real Celery workers: each chunk is its own task on the
`convert` queue, joined by one merge. A worker SIGKILLed mid-chunk: the chunk runs again
elsewhere, the pack still finishes, every certificate is in the PDF exactly once and in order.
And a notification e-mail is not held up behind a big pack: `mail` has its own worker.

Needs PostgreSQL, redis-server and LibreOffice; run with `pytest -m worker`."""

import contextlib
import io
import shutil
import time

import pytest
from django.db import connection
from pypdf import PdfReader

from commendations import queues
from commendations.actions.certificates import certificates_render
from commendations.ceremonies.models import PrintPack, PrintPackChunk
from commendations.ceremonies.selectors import ceremony_certificates
from commendations.ceremonies.services import ceremony_create, print_pack_request
from commendations.certificates.models import Certificate
from commendations.notifications.models import Notification, NotificationKind
from commendations.notifications.services import notifications_create
from tests.certificate_fixtures import awaiting, draft, issue
from tests.conftest import require
from tests.worker_fixtures import (
    Beat,
    RedisServer,
    Worker,
    app_broker,
    filesystem_broker,
    wait_until,
)

pytestmark = [pytest.mark.worker, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(params=["redis", "filesystem"])
def stack(request, tmp_path, settings, soffice_path):
    """Real workers on a private Redis, or on the filesystem broker (`make run`'s default, which
    gives nothing back: there the lease and beat's sweep recover a killed chunk)."""
    require(connection.vendor == "postgresql", "needs PostgreSQL (set DATABASE_URL)")
    require(shutil.which("redis-server") is not None, "needs redis-server on PATH")
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    settings.SOFFICE_BINARY = soffice_path
    started: list = []
    with contextlib.ExitStack() as stack:
        if request.param == "redis":
            redis = RedisServer(tmp_path / "redis").start()
            stack.callback(redis.stop)
            broker_url, broker_env = redis.url, {}
            stack.enter_context(app_broker(redis.url))
        else:
            broker_url = "filesystem://"
            broker_env = stack.enter_context(filesystem_broker(tmp_path / "var"))

        def worker(queues: tuple[str, ...], **env: str) -> Worker:
            w = Worker(
                broker_url=broker_url,
                media_root=settings.MEDIA_ROOT,
                log=tmp_path / f"worker-{len(started)}.log",
                queues=queues,
                name=f"w{len(started)}",
                extra_env={
                    "SOFFICE_BINARY": soffice_path,
                    "PRINT_PACK_SOFFICE_PROCESSES": "1",
                    **broker_env,
                    **env,
                },
            ).start()
            started.append(w)
            if len(started) == 1:  # one scheduler, its own process, as in `make run`
                started.append(Beat(w, tmp_path / "beat.log").start())
            return w

        try:
            yield worker, tmp_path
        finally:
            for w in reversed(started):
                w.stop()


def _log(tmp) -> str:
    return "\n".join(
        p.read_text(errors="replace")[-3000:] for p in sorted(tmp.glob("worker-*.log"))
    )


@pytest.fixture
def ceremony(campaign, district, officer, member, secretary, director, director_award, clerk):
    def make(count: int):
        specs = [(director_award, "collective", f"Công an xã In {i:02d}", {}) for i in range(count)]
        decision = draft(director, awaiting(campaign, district, officer, member, secretary, specs))
        issue(decision, director)  # its render chunks go to the private Redis; rendered here
        certificates_render(
            certificate_ids=Certificate.objects.filter(decision=decision).values_list(
                "pk", flat=True
            )
        )
        return ceremony_create(
            actor=clerk, name="Lễ", date=decision.date, place="Hội trường", decisions=[decision]
        )

    return make


def _pdf_numbers(pack: PrintPack) -> list[str]:
    with pack.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    numbers = []
    for page in reader.pages:
        text = page.extract_text()
        found = [
            n for n in Certificate.objects.values_list("registry_number", flat=True) if n in text
        ]
        numbers.append(found[0] if len(found) == 1 else f"?{found}")
    return numbers


def test_a_pack_split_across_workers_survives_a_worker_killed_mid_chunk(stack, ceremony, clerk):
    worker, tmp = stack
    env = {"PRINT_PACK_CHUNK_SIZE": "2"}
    cer = ceremony(10)  # five chunks of two
    first = worker(("default", "convert"), **env)
    pack = print_pack_request(ceremony=cer, actor=clerk)  # committed: sent to `default`
    running = PrintPackChunk.objects.filter(pack=pack, status=PrintPackChunk.Status.RUNNING)
    wait_until(running.exists, timeout=120, what="a chunk converting", poll=0.02)
    killed = running.first()
    first.kill()  # SIGKILL the worker and its soffice mid-chunk
    # Two workers that share nothing with the first but Redis and PostgreSQL take over.
    worker(("default", "convert"), **env)
    worker(("convert",), **env)
    try:
        wait_until(
            lambda: (
                PrintPack.objects.get(pk=pack.pk).status
                in (PrintPack.Status.DONE, PrintPack.Status.FAILED)
            ),
            timeout=240,
            what="the pack",
        )
    except AssertionError:
        chunks = list(pack.chunks.values_list("number", "status", "attempts"))
        pytest.fail(f"pack not finished: {chunks}\n{_log(tmp)}")
    pack.refresh_from_db()
    assert pack.status == PrintPack.Status.DONE, pack.error
    chunks = list(pack.chunks.order_by("number"))
    assert [c.status for c in chunks] == ["done"] * 5
    assert PrintPackChunk.objects.get(pk=killed.pk).attempts >= 2  # run again after the kill
    assert pack.page_count == 10
    expected = [c.registry_number for c in ceremony_certificates(cer)]
    assert _pdf_numbers(pack) == expected  # each certificate once, in ceremony order


def test_a_notification_email_is_not_held_up_behind_a_big_pack(stack, ceremony, clerk, officer):
    """The compose topology: heavy work (render, convert) on one worker, `mail` and `default` on
    another. While the pack's chunks keep the convert worker busy, an e-mail goes out at once."""
    worker, tmp = stack
    env = {"PRINT_PACK_CHUNK_SIZE": "2"}
    cer = ceremony(24)  # twelve chunks, one at a time on the convert worker
    worker(("render", "convert"), **env)
    worker(("mail", "default"), **env)
    # The e-mails and render chunks of the set-up (issuing the decision) go first.
    wait_until(
        lambda: queues.waiting(queues.MAIL) == 0 and queues.waiting(queues.RENDER) == 0,
        timeout=120,
        what="the set-up's tasks",
    )
    time.sleep(2)
    pack = print_pack_request(ceremony=cer, actor=clerk)
    wait_until(
        PrintPackChunk.objects.filter(pack=pack, status=PrintPackChunk.Status.RUNNING).exists,
        timeout=120,
        what="the pack converting",
    )
    [notification] = notifications_create(
        recipients=[officer], kind=NotificationKind.RETURNED, message="Hồ sơ cần bổ sung."
    )
    sent_at = time.monotonic()
    wait_until(
        Notification.objects.filter(pk=notification.pk, emailed_at__isnull=False).exists,
        timeout=60,
        what="the e-mail",
        poll=0.05,
    )
    delay = time.monotonic() - sent_at
    notification.refresh_from_db()
    wait_until(
        lambda: PrintPack.objects.get(pk=pack.pk).status == PrintPack.Status.DONE,
        timeout=300,
        what="the pack",
    )
    pack.refresh_from_db()
    assert notification.emailed_at < pack.finished_at, "the pack finished first: nothing tested"
    assert delay < 5, f"the e-mail waited {delay:.1f} s"
