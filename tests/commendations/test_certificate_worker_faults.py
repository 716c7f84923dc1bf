"""Faults against a REAL Celery worker subprocess and a private Redis (never the shared one):
SIGKILL mid-batch, broker unreachable at issue time, a template that fails to render.

Run only these: `pytest -m worker`. They need PostgreSQL (the worker and the test share the test
database) and redis-server on PATH."""

import shutil
from pathlib import Path

import pytest
from django.db import connection

from commendations.documents import template_current
from commendations.models import Certificate, CertificateState, DocumentKind, RenderBatch
from commendations.services.certificates import decision_progress
from tests.commendations.certs_helpers import awaiting, draft, issue
from tests.commendations.test_certificates import BROKEN, _upload_raw
from tests.commendations.worker_helpers import RedisServer, Worker, app_broker, wait_until
from tests.conftest import require
from workflow.models import TransitionLog

pytestmark = [pytest.mark.worker, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def services(tmp_path, settings):
    require(connection.vendor == "postgresql", "needs PostgreSQL (set DATABASE_URL)")
    require(shutil.which("redis-server") is not None, "needs redis-server on PATH")
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    redis = RedisServer(tmp_path / "redis").start()
    started: list[Worker] = []

    def worker(**kwargs) -> Worker:  # noqa: ANN003
        w = Worker(
            broker_url=redis.url,
            media_root=settings.MEDIA_ROOT,
            log=tmp_path / f"worker-{len(started)}.log",
            **kwargs,
        ).start()
        started.append(w)
        return w

    with app_broker(redis.url):
        try:
            yield redis, worker, tmp_path
        finally:
            for w in started:
                w.stop()
            redis.stop()


@pytest.fixture
def make(campaign, district, officer, member, secretary, director_award):
    def make(count, kind="collective", prefix="Công an xã Thử", **extra):  # noqa: ANN001, ANN003, ANN202
        specs = [(director_award, kind, f"{prefix} {i:02d}", extra) for i in range(count)]
        return awaiting(campaign, district, officer, member, secretary, specs)

    return make


def _files(media: Path) -> set[str]:
    root = media / "certificates"
    return (
        {str(p.relative_to(media)) for p in root.rglob("*") if p.is_file()}
        if root.exists()
        else set()
    )


def _assert_rendered_exactly_once(decision, media: Path) -> None:  # noqa: ANN001
    certificates = list(Certificate.objects.filter(decision=decision).order_by("serial"))
    assert {c.state for c in certificates} == {CertificateState.RENDERED}
    assert [c.serial for c in certificates] == list(range(1, len(certificates) + 1))
    for certificate in certificates:
        logs = TransitionLog.objects.filter(
            object_id=certificate.pk, transition="render_done", content_type__model="certificate"
        )
        assert logs.count() == 1, certificate.registry_number
    assert _files(media) == {c.file.name for c in certificates}  # no orphans, no duplicates


def _log(tmp: Path) -> str:
    return "\n".join(
        p.read_text(errors="replace")[-3000:] for p in sorted(tmp.glob("worker-*.log"))
    )


def test_sigkill_mid_batch_then_restart_renders_each_certificate_once(
    services, make, director, settings
):
    redis, worker, tmp = services
    settings.CERTIFICATE_CHUNK_SIZE = 4
    decision = draft(director, make(40))
    issue(decision, director)  # committed: on_commit sends 10 chunks to the private Redis
    assert RenderBatch.objects.get(decision=decision).status == RenderBatch.Status.SENT
    first = worker()
    wait_until(lambda: decision_progress(decision)["done"] >= 6, timeout=180, what="first renders")
    first.kill()
    progress = decision_progress(decision)
    assert progress["pending"] > 0, "the batch finished before the kill; nothing was tested"
    worker()
    try:
        wait_until(
            lambda: decision_progress(decision)["pending"] == 0, timeout=240, what="the rest"
        )
    except AssertionError:
        pytest.fail(f"batch not finished after restart: {decision_progress(decision)}\n{_log(tmp)}")
    _assert_rendered_exactly_once(decision, Path(settings.MEDIA_ROOT))


def test_broker_down_at_issue_time_is_sent_later_by_the_sweep(services, make, director, settings):
    redis, worker, tmp = services
    decision = draft(director, make(6))
    redis.stop()
    issue(decision, director)  # the issue commits even though the broker is unreachable
    decision.refresh_from_db()
    assert decision.state == "issued"
    batch = RenderBatch.objects.get(decision=decision)
    assert batch.status == RenderBatch.Status.WAITING and batch.last_error
    assert decision_progress(decision) | {} == {
        "total": 6,
        "done": 0,
        "failed": 0,
        "pending": 6,
        "waiting": True,
        "finished": False,
    }
    redis.start()  # same port: the broker is back
    worker(beat=True, extra_env={"CERTIFICATE_SWEEP_SECONDS": "2"})
    try:
        wait_until(lambda: decision_progress(decision)["done"] == 6, timeout=240, what="the sweep")
    except AssertionError:
        pytest.fail(f"not sent by the sweep: {decision_progress(decision)}\n{_log(tmp)}")
    assert RenderBatch.objects.get(decision=decision).status == RenderBatch.Status.SENT
    _assert_rendered_exactly_once(decision, Path(settings.MEDIA_ROOT))


def test_a_broken_template_fails_those_certificates_and_the_rest_completes(
    services, make, director, settings
):
    redis, worker, tmp = services
    template_current(DocumentKind.GIAY_KHEN)
    _upload_raw(DocumentKind.GIAY_KHEN, BROKEN)  # fails for individuals only
    collectives = make(5)
    people = make(3, kind="individual", prefix="Nguyễn Văn", rank="Đại úy", position="Đội phó")
    decision = draft(director, collectives + people)
    issue(decision, director)
    worker()
    try:
        wait_until(
            lambda: decision_progress(decision)["pending"] == 0, timeout=240, what="the batch"
        )
    except AssertionError:
        pytest.fail(f"batch not finished: {decision_progress(decision)}\n{_log(tmp)}")
    progress = decision_progress(decision)
    assert (progress["done"], progress["failed"]) == (5, 3)
    for certificate in Certificate.objects.filter(state=CertificateState.FAILED):
        assert certificate.nomination.nominee_kind == "individual"
        assert "phiên bản 2" in certificate.error and "boom" in certificate.error
        assert not certificate.file
    assert _files(Path(settings.MEDIA_ROOT)) == {
        c.file.name for c in Certificate.objects.filter(state=CertificateState.RENDERED)
    }
