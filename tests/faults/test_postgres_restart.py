"""PostgreSQL restarted while users work. A private cluster (initdb in a temp dir, spare port) and
gunicorn serving the app against it; an officer submits nominations through the API one after
another while the cluster is restarted. Requests caught by the restart fail with the API's JSON
500 envelope in the words of the app's 500 page (no stack trace), nothing is half-written
(state and audit row together or neither), and the same gunicorn serves again once PostgreSQL
is back (CONN_HEALTH_CHECKS), no restart.
Nothing here touches the shared PostgreSQL or Redis."""

import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import require

ROOT = Path(__file__).resolve().parent.parent.parent
N = 40
SETUP = (
    f"N_NOMINATIONS = {N}"
    """
import datetime
from django.contrib.auth.models import Group, User
from commendations.tokens.services import api_token_issue
from commendations.access.roles import Role
from commendations.campaigns.models import AwardType, Campaign
from commendations.nominations.models import Nomination
from commendations.units.models import Unit, UserProfile
province = Unit.objects.create(code="P", name="Công an tỉnh", kind="province")
district = Unit.objects.create(code="D", name="Công an huyện", parent=province)
award = AwardType.objects.create(code="GK", name="Giấy khen của Giám đốc", short_name="Giấy khen",
                                 authority="PROVINCIAL_DIRECTOR")
today = datetime.date.today()
campaign = Campaign.objects.create(name="Đợt thử", year=today.year, citation="Thành tích",
    opens_on=today - datetime.timedelta(days=5), closes_on=today + datetime.timedelta(days=5))
campaign.award_types.add(award)
officer = User.objects.create_user("officer", password="Mat-khau-thu-2023")
officer.groups.add(Group.objects.get(name=Role.UNIT_OFFICER))
UserProfile.objects.create(user=officer, unit=district)
Nomination.objects.bulk_create([
    Nomination(campaign=campaign, unit=district, award_type=award, nominee_kind="collective",
               nominee_name=f"Tập thể {i}", achievement_summary="Thành tích", created_by=officer)
    for i in range(N_NOMINATIONS)
])
print("TOKEN", api_token_issue(user=officer)[1])
"""
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


class Cluster:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        self.port = _free_port()
        self.as_postgres = os.geteuid() == 0  # initdb refuses to run as root

    def _run(self, *args: str, timeout: int = 60) -> str:
        command = list(args)
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def init(self) -> None:
        if self.as_postgres:
            shutil.chown(self.root, "postgres")
        self._run(_bin("initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust")

    def pg_ctl(self, action: str) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
        self._run(
            _bin("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.root / "log"),
            "-w", "-t", "60", "-m", "fast", action,
        )  # fmt: skip

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/khenthuong"


@pytest.fixture
def cluster():
    require(_bin("initdb") is not None and _bin("pg_ctl") is not None, "needs initdb/pg_ctl")
    require(os.geteuid() != 0 or shutil.which("runuser") is not None, "needs runuser as root")
    root = Path(tempfile.mkdtemp(prefix="khenthuong-pgfault-"))
    cluster = Cluster(root)
    cluster.init()
    cluster.pg_ctl("start")
    try:
        cluster._run(_bin("createdb"), "-h", "127.0.0.1", "-p", str(cluster.port), "khenthuong")
        yield cluster
    finally:
        try:
            cluster.pg_ctl("stop")
        finally:
            shutil.rmtree(root, ignore_errors=True)


def _psql(cluster: Cluster, sql: str) -> list[list[str]]:
    import psycopg

    with psycopg.connect(cluster.url) as conn:
        return [list(map(str, row)) for row in conn.execute(sql)]


def test_postgres_restart_mid_flight_fails_cleanly_and_the_app_recovers(cluster, tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": cluster.url,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "CONN_MAX_AGE": "60",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "VAR_DIR": str(tmp_path / "var"),
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "filesystem://",
        "PYTHONPATH": str(ROOT),
        "LOG_LEVEL": "CRITICAL",
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=300)
    out = subprocess.run(
        [*manage, "shell", "-c", SETUP], cwd=ROOT, env=env, check=True, timeout=120,
        capture_output=True, text=True,
    ).stdout  # fmt: skip
    token = out.split("TOKEN", 1)[1].strip()
    ids = [int(r[0]) for r in _psql(cluster, "SELECT id FROM commendations_nomination ORDER BY id")]
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2",
         "--timeout", "30", "--graceful-timeout", "5"],
        cwd=ROOT, env=env, stdout=(tmp_path / "gunicorn.log").open("wb"),
        stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    session = requests.Session()
    session.headers["Authorization"] = f"Token {token}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if session.get(f"{base}/healthz", timeout=20).status_code == 200:
                    break
            except requests.RequestException:
                pass
            assert time.monotonic() < deadline, (tmp_path / "gunicorn.log").read_text()
            time.sleep(0.2)

        def submit(pk: int) -> requests.Response:
            return session.post(f"{base}/api/v1/nominations/{pk}/transitions/submit/", timeout=30)

        results: dict[int, requests.Response] = {}
        restarted = threading.Event()

        def restart() -> None:
            cluster.pg_ctl("restart")
            restarted.set()

        restarter = threading.Thread(target=restart)
        for index, pk in enumerate(ids):
            if index == 5:
                restarter.start()  # the submissions keep coming while it goes down and up
            results[pk] = submit(pk)
            if index >= 5 and not restarted.is_set():
                time.sleep(0.05)
        restarter.join(timeout=90)
        assert restarted.is_set()

        failed = {pk: r for pk, r in results.items() if r.status_code != 200}
        for response in failed.values():
            assert response.status_code in (500, 503), response.status_code
            body = response.text
            assert "Traceback" not in body and "OperationalError" not in body
            # The API's error envelope, with the words of the app's own 500 page.
            assert response.json()["code"] == "server_error", body
            assert "không có dữ liệu nào bị ghi dở" in response.json()["detail"]
        # Nothing half-written: a nomination moved iff its audit row exists.
        rows = _psql(
            cluster,
            "SELECT n.id, n.state, count(l.id) FROM commendations_nomination n "
            "LEFT JOIN workflow_transitionlog l ON l.object_id = n.id "
            "AND l.content_type_id = (SELECT id FROM django_content_type "
            "WHERE app_label = 'commendations' AND model = 'nomination') GROUP BY n.id, n.state",
        )
        for pk, state, logs in rows:
            assert (state, logs) in {("draft", "0"), ("submitted", "1")}, (pk, state, logs)
            assert (state == "submitted") == (int(pk) not in failed), (pk, state)
        # The same gunicorn recovers without a restart: the failed ones go through now.
        for pk in failed:
            assert submit(pk).status_code == 200
        states = {r[0] for r in _psql(cluster, "SELECT state FROM commendations_nomination")}
        assert states == {"submitted"}
        print(f"restart: {len(failed)} of {N} requests refused during the restart, all retried")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
