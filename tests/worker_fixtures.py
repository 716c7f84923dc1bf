"""A private redis-server and a real Celery worker for the fault tests. Everything started here is
stopped here, every wait is bounded."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from django.db import connection

from commendations.queues import ALL as ALL_QUEUES
from config.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(
    condition: Callable[[], bool], *, timeout: float, what: str, poll: float = 0.1
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(poll)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


class RedisServer:
    """redis-server on a spare port in a temp dir: never the shared one."""

    def __init__(self, tmp: Path, port: int | None = None) -> None:
        self.tmp = tmp
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self) -> "RedisServer":
        self.tmp.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.tmp),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self.ping, timeout=15, what="private redis-server")
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None


def database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Worker:
    """`celery -A config worker` in its own process group, against the test database."""

    def __init__(
        self,
        *,
        broker_url: str,
        media_root: Path,
        log: Path,
        beat: bool = False,
        extra_env: dict[str, str] | None = None,
        queues: tuple[str, ...] = ALL_QUEUES,
        name: str = "certs-test",
        concurrency: int = 1,
    ) -> None:
        self.queues = queues
        self.name = name
        self.concurrency = concurrency
        self.env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "DATABASE_URL": database_url(),
            "REDIS_URL": broker_url,
            "CELERY_BROKER_URL": broker_url,
            "MEDIA_ROOT": str(media_root),
            "CELERY_VISIBILITY_TIMEOUT": "4",
            # Their tests measure rendering and print packs: no certificate PDFs on `convert`.
            "ARCHIVE_PDFS_ENABLED": "false",
            "CELERY_UNACKED_RESTORE_INTERVAL": "1",
            # A worker SIGKILLed while restoring holds the restore lock: let it expire quickly.
            "CELERY_UNACKED_MUTEX_EXPIRE": "5",
            "CONN_MAX_AGE": "0",
            "DEBUG": "false",
            **(extra_env or {}),
        }
        self.beat = beat
        self.log = log
        self.process: subprocess.Popen | None = None

    def start(self) -> "Worker":
        command = [
            sys.executable, "-m", "celery", "-A", "config", "worker", "--loglevel=INFO",
            f"--concurrency={self.concurrency}", "--without-gossip", "--without-mingle",
            "--without-heartbeat",
            "-n", f"{self.name}-{os.getpid()}@%h", "-Q", ",".join(self.queues),
        ]  # fmt: skip
        if self.beat:
            command += ["-B", "-s", str(self.log.with_suffix(".beat"))]
        handle = self.log.open("ab")
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=handle, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        return self

    def kill(self) -> None:
        """SIGKILL the worker and its pool children (what a crashed machine looks like)."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.process = None


@contextlib.contextmanager
def app_broker(url: str) -> Iterator[None]:
    """Point this process's Celery app (the sender) at `url` for the length of a test."""
    old = celery_app.conf.broker_url
    celery_app.conf.broker_url = url
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    try:
        yield
    finally:
        with contextlib.suppress(Exception):
            celery_app.pool.force_close_all()
        celery_app.conf.broker_url = old
        celery_app._pool = None
        celery_app.amqp._producer_pool = None


class Beat:
    """`celery -A config beat` as its own process (as in `make run` and docker-compose)."""

    def __init__(self, worker: Worker, log: Path) -> None:
        self.env = worker.env
        self.log = log
        self.process: subprocess.Popen | None = None

    def start(self) -> "Beat":
        handle = self.log.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "beat", "--loglevel=INFO",
             "-s", str(self.log.with_suffix(".schedule"))],
            cwd=ROOT, env=self.env, stdout=handle, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.process = None


@contextlib.contextmanager
def filesystem_broker(var: Path) -> Iterator[dict[str, str]]:
    """kombu's filesystem broker (the default of `make run`) in a private folder: this process
    sends to it for the length of a test; yields the environment a worker needs to read it."""
    folder = var / "celery-broker"
    for sub in ("in", "processed", "control"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    options = {
        "data_folder_in": str(folder / "in"),
        "data_folder_out": str(folder / "in"),
        "processed_folder": str(folder / "processed"),
        "control_folder": str(folder / "control"),
        "store_processed": False,
        "polling_interval": 0.2,
    }
    old_options = celery_app.conf.broker_transport_options
    celery_app.conf.broker_transport_options = options
    try:
        with app_broker("filesystem://"):
            yield {"REDIS_URL": "", "CELERY_BROKER_URL": "filesystem://", "VAR_DIR": str(var)}
    finally:
        celery_app.conf.broker_transport_options = old_options
