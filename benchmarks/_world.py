"""What the benchmarks share (imported by them; `make bench` skips files starting with an
underscore): a database of their own made from DATABASE_URL and dropped at the end, the private
services they start (a redis-server and Celery workers on spare loopback ports, stopped with
their process group), and the world they measure in (a province, ten district units, the
Director's Giấy khen, an open campaign, one user of a given role).

The scripts run as `python benchmarks/<name>.py`, so this module is found next to them; the load
scenario (`benchmarks/load/run.py`) puts `benchmarks/` on its path to import it."""

import contextlib
import datetime
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/khenthuong"


def database_create(tag: str) -> tuple[str, str]:
    """A fresh database `khenthuong_bench_<tag>_<pid>`; DATABASE_URL now names it. Returns (its
    name, the server's admin URL) for database_drop."""
    import psycopg

    database_url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    if not database_url.startswith("postgres"):
        raise SystemExit(
            f"{tag.upper()} is measured on PostgreSQL: set DATABASE_URL=postgres://..."
        )
    parsed = urlparse(database_url)
    name = f"khenthuong_bench_{tag}_{os.getpid()}"
    admin_url = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = parsed._replace(path=f"/{name}").geturl()
    return name, admin_url


def database_drop(name: str, admin_url: str) -> None:
    import psycopg

    try:
        from django.db import connections

        connections.close_all()
    except Exception:
        pass
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.3):
            return True
    except OSError:
        return False


def wait_until(condition: Callable[[], bool], timeout: float, what: str, poll: float = 0.1) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(poll)
    raise SystemExit(f"timed out waiting for {what}")


def spawn(command: list[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    """A child in its own process group (so that process_stop reaches its children too)."""
    return subprocess.Popen(
        command, cwd=ROOT, env=env or os.environ.copy(), stdout=log.open("wb"),
        stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip


def redis_start(tmp: Path) -> tuple[subprocess.Popen, str]:
    """A redis-server of the run's own on a spare loopback port (never the shared 6379);
    returns (its process, its URL)."""
    port = free_port()
    process = spawn(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(tmp)],
        tmp / f"redis-{port}.log",
    )  # fmt: skip
    wait_until(lambda: port_open(port), 15, "redis-server", poll=0.05)
    return process, f"redis://127.0.0.1:{port}/0"


def worker_start(
    *,
    name: str,
    log: Path,
    concurrency: int = 1,
    queues: str = "",
    env: dict[str, str] | None = None,
    wait: bool = True,
) -> subprocess.Popen:
    """`celery -A config worker` with the environment of the run (plus `env`); when `wait`, once
    it says it is ready (else call worker_ready). Its temporary files (LibreOffice keeps a
    profile per process there) go next to its log, into the run's folder that is removed at the
    end."""
    tmp = log.parent / f"tmp-{name}"
    tmp.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "celery", "-A", "config", "worker", "--loglevel=INFO",
        f"--concurrency={concurrency}", "--without-gossip", "--without-mingle",
        "--without-heartbeat", "-n", f"{name}-{os.getpid()}@%h",
    ]  # fmt: skip
    if queues:
        command += ["-Q", queues]
    process = spawn(
        command,
        log,
        {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "CONN_MAX_AGE": "60",
            "TMPDIR": str(tmp),
            **(env or {}),
        },
    )
    if wait:
        worker_ready(log)
    return process


def worker_ready(log: Path, timeout: float = 120) -> None:
    wait_until(lambda: b"ready." in log.read_bytes(), timeout, "a Celery worker", poll=0.2)


def process_stop(process: subprocess.Popen | None) -> None:
    """SIGTERM to the process group, SIGKILL after 30 s."""
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


def world_make(*, username: str, role: str):
    """(user of `role` in the province, ten district units, the Giấy khen award type, an open
    campaign offering it)."""
    from django.contrib.auth.models import Group, User

    from commendations.campaigns.models import AwardType, Campaign
    from commendations.units.models import Unit, UnitKind, UserProfile

    province = Unit.objects.create(code="CAT", name="Công an tỉnh", kind=UnitKind.PROVINCE)
    units = [
        Unit.objects.create(code=f"D{i:02d}", name=f"Công an huyện {i}", parent=province)
        for i in range(10)
    ]
    award = AwardType.objects.get(code="GK-GD")  # seeded by the award catalogue migration
    today = datetime.date.today()
    campaign = Campaign.objects.create(
        name="Phong trào toàn dân bảo vệ an ninh Tổ quốc",
        year=today.year,
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=30),
        citation="Đã có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc",
    )
    campaign.award_types.add(award)
    user = User.objects.create_user(username, password="bench-only-password-123")
    user.groups.add(Group.objects.get(name=role))
    UserProfile.objects.create(user=user, unit=province)
    return user, units, award, campaign
