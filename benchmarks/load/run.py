"""Load scenario: locust against gunicorn + PostgreSQL + Redis + a Celery worker.

Everything it uses is its own and is removed at the end, also on failure: a PostgreSQL database
`khenthuong_bench_load_<pid>` created from DATABASE_URL (default the local server), a
redis-server on a spare port (the broker), a Celery worker, two gunicorn processes (two web hosts;
2 workers each, `config.wsgi`, production settings without the SSL redirect) on spare loopback
ports, and a temp folder for media/static files. The database, redis-server and worker helpers
are those of the other benchmarks (`benchmarks/_world.py`).

Data: 10,000 nominations across 50 units inserted with bulk_create, with the audit rows their
states need (draft, submitted, recommended, rejected, awaiting the director; 500 of the latter in
a drafted decision). Users (locust, headless, fixed counts): unit officers create and submit
through the API, committee members filter the review queue (`/review/`) and vote in the
campaign's committee session (API), the secretary records the session's recommendation for the
nominations that have votes (API, tally computed from the votes), the director issues the
500-nomination decision, the clerk starts certificate generation and polls it, and an admin
opens the Django admin changelist of nominations (the baseline).

Environment: LOAD_SECONDS (default 30), LOAD_NOMINATIONS (default 10000), LOAD_UNITS (default 50,
at least 3), LOAD_USERS (default 50, at least 7), LOAD_HOSTS (gunicorn processes, default 2),
LOAD_DECISION (nominations in the director's decision, default 500). Exit status 1 when any
request failed. Last line: `P3 review_over_admin_p95=<x>` (the review queue's p95 over the admin
changelist's; nan when either page got no request).
"""

import csv
import datetime
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from _world import (  # noqa: E402  benchmarks/_world.py
    database_create,
    database_drop,
    free_port,
    process_stop,
    redis_start,
    spawn,
    wait_until,
    worker_start,
)

HERE = Path(__file__).resolve().parent
TMP = Path(tempfile.mkdtemp(prefix="khenthuong-load-"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "30"))
# 50 users by default: a secretary, a director and a clerk; of the rest about one in seven an
# admin (the baseline), the others officers and committee members in halves.
USERS = int(os.environ.get("LOAD_USERS", "50"))
ADMINS = max(2, round((USERS - 3) / 7))
OFFICERS = (USERS - 3 - ADMINS) // 2
MEMBERS = USERS - 3 - ADMINS - OFFICERS
# Two web hosts, simulated as two gunicorn processes on two ports (LOAD_HOSTS=1 for one).
WEB_HOSTS = int(os.environ.get("LOAD_HOSTS", "2"))
TOTAL = int(os.environ.get("LOAD_NOMINATIONS", "10000"))
UNITS = int(os.environ.get("LOAD_UNITS", "50"))
SMALL = TOTAL // 10
DECISION_SIZE = int(os.environ.get("LOAD_DECISION", "500"))
PASSWORD = "load-only-password-123"
# Share of each state in the data (the rest are drafts); each state lists the audit trail
# (transition, source, target) that leads to it.
MIX = {
    "submitted": (0.40, [("submit", "draft", "submitted")]),
    "recommended": (
        0.15,
        [("submit", "draft", "submitted"), ("recommend", "submitted", "recommended")],
    ),
    "rejected": (0.05, [("submit", "draft", "submitted"), ("reject", "submitted", "rejected")]),
    "awaiting_director": (
        0.15,
        [
            ("submit", "draft", "submitted"),
            ("recommend", "submitted", "recommended"),
            ("forward", "recommended", "awaiting_director"),
        ],
    ),
}


def make_world() -> dict:
    from django.contrib.auth.models import Group, User

    from commendations.access.roles import Role
    from commendations.campaigns.models import AwardType, Campaign
    from commendations.units.models import Unit, UnitKind, UserProfile

    province = Unit.objects.create(code="CAT", name="Công an tỉnh", kind=UnitKind.PROVINCE)
    units = [
        Unit.objects.create(code=f"D{i:02d}", name=f"Công an huyện {i:02d}", parent=province)
        for i in range(UNITS)
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

    def user(name: str, role: str | None, unit: Unit) -> User:
        if role is None:
            account = User.objects.create_superuser(name, password=PASSWORD)
        else:
            account = User.objects.create_user(name, password=PASSWORD)
            account.groups.add(Group.objects.get(name=role))
        UserProfile.objects.create(user=account, unit=unit)
        return account

    return {
        "units": units,
        "award": award,
        "campaign": campaign,
        "officers": [user(f"officer{i}", Role.UNIT_OFFICER, units[i]) for i in range(3)],
        "members": [user(f"member{i}", Role.COMMITTEE_MEMBER, province) for i in range(3)],
        "secretary": user("secretary", Role.COMMITTEE_SECRETARY, province),
        "director": user("director", Role.PROVINCIAL_DIRECTOR, province),
        "clerk": user("clerk", Role.CLERK, province),
        "admin": user("admin", None, province),
    }


def add_nominations(world: dict, count: int, start: int) -> None:
    """`count` nominations in the MIX of states, with their audit rows, in a few INSERTs."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from commendations.campaigns.models import NomineeKind
    from commendations.nominations.models import Nomination
    from workflow.models import TransitionLog

    units, now = world["units"], timezone.now()
    plan: list[str] = []
    for state, (share, _trail) in MIX.items():
        plan += [state] * int(count * share)
    plan += ["draft"] * (count - len(plan))
    surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
    rows = []
    for i, state in enumerate(plan, start=start):
        unit = units[i % len(units)]
        rows.append(
            Nomination(
                campaign=world["campaign"],
                unit=unit,
                award_type=world["award"],
                nominee_kind=NomineeKind.INDIVIDUAL,
                nominee_name=f"{surnames[i % len(surnames)]} Văn {i:05d}",
                rank="Đại úy",
                position="Đội trưởng",
                workplace=unit.name,
                achievement_summary="Thành tích xuất sắc trong phong trào.",
                state=state,
                created_by=world["officers"][i % 3],
                submitted_at=None if state == "draft" else now - datetime.timedelta(minutes=i),
                **(
                    {"votes_for": 7, "votes_against": 1, "votes_abstain": 1}
                    if state in ("recommended", "awaiting_director")
                    else {}
                ),
            )
        )
    created = Nomination.objects.bulk_create(rows, batch_size=1000)
    content_type = ContentType.objects.get_for_model(Nomination)
    actors = {
        "submit": world["officers"][0],
        "recommend": world["members"][0],
        "reject": world["members"][0],
        "forward": world["secretary"],
    }
    logs = [
        TransitionLog(
            content_type=content_type,
            object_id=nomination.pk,
            transition=name,
            source_state=source,
            target_state=target,
            actor=actors[name],
        )
        for nomination in created
        if nomination.state != "draft"
        for name, source, target in MIX[nomination.state][1]
    ]
    TransitionLog.objects.bulk_create(logs, batch_size=2000)


def list_pages(world: dict) -> list[tuple[str, object, str]]:
    unit = world["units"][1].pk
    return [
        ("/nominations/ (officer)", world["officers"][0], "/nominations/"),
        ("/review/ (member, default)", world["members"][0], "/review/"),
        (
            "/review/ (member, filtered)",
            world["members"][0],
            f"/review/?state=submitted&unit={unit}&q=Nguy&sort=name",
        ),
        ("/director/ (director)", world["director"], "/director/"),
        ("/api/v1/nominations/ (officer)", world["officers"][0], "/api/v1/nominations/"),
        ("/api/v1/nominations/ (member)", world["members"][0], "/api/v1/nominations/"),
        ("admin changelist (admin)", world["admin"], "/admin/commendations/nomination/"),
    ]


def query_counts(world: dict) -> dict[str, int]:
    """SQL queries of one request of each list page (Django test client, same settings)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for label, user, url in list_pages(world):
        client = Client()
        client.force_login(user)
        client.get(url)  # warm caches (content types, permissions) as a running server has them
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} as {user} -> {response.status_code}")
        counts[label] = len(captured.captured_queries)
    return counts


def session_cookie(user) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def prepare() -> tuple[dict, dict]:
    """Build the data in two steps (measuring the list pages' query counts at each size), draft
    the director's decision and write what locust needs to a JSON file."""
    from commendations.campaigns.models import Authority
    from commendations.committee.services import committee_session_create
    from commendations.decisions.services import decision_create
    from commendations.nominations.models import Nomination
    from commendations.tokens.services import api_token_issue

    started = time.perf_counter()
    world = make_world()
    add_nominations(world, SMALL, 0)
    small = query_counts(world)
    add_nominations(world, TOTAL - SMALL, SMALL)
    large = query_counts(world)
    awaiting = list(
        Nomination.objects.filter(state="awaiting_director")
        .order_by("pk")
        .values_list("pk", flat=True)[:DECISION_SIZE]
    )
    decision = decision_create(
        actor=world["director"],
        authority=Authority.PROVINCIAL_DIRECTOR,
        number=f"{DECISION_SIZE}/QĐ-CAT-PV05",
        date=datetime.date.today(),
        signer_name="Nguyễn Ngọc Sơn",
        signer_title="Phó Giám đốc",
        nomination_ids=awaiting,
    )
    submitted = list(
        Nomination.objects.filter(state="submitted").order_by("?").values_list("pk", flat=True)
    )
    members = world["members"]
    # The committee's session: the members vote in it, the secretary records the recommendation
    # from it (the tally is computed from the votes). The load award has no RuleSet, so no
    # quorum: one vote for carries.
    session = committee_session_create(
        campaign=world["campaign"],
        held_on=datetime.date.today(),
        title="Phiên họp Hội đồng (tải)",
        members=members,
        actor=world["secretary"],
    )
    data = {
        "officers": [
            {"token": api_token_issue(user=o)[1], "unit": o.profile.unit_id}
            for o in world["officers"]
        ],
        "members": [
            {
                "token": api_token_issue(user=m)[1],
                "cookie": session_cookie(m),
                "submitted": submitted[i :: len(members)],
            }
            for i, m in enumerate(members)
        ],
        "secretary": {"token": api_token_issue(user=world["secretary"])[1]},
        "session": session.pk,
        "director": {"token": api_token_issue(user=world["director"])[1]},
        "clerk": {"token": api_token_issue(user=world["clerk"])[1]},
        "admin": {"cookie": session_cookie(world["admin"])},
        "units": [u.pk for u in world["units"]],
        "campaign": world["campaign"].pk,
        "award": world["award"].pk,
        "decision": decision.pk,
    }
    print(
        f"data: {Nomination.objects.count()} nominations across {len(world['units'])} units, "
        f"decision of {len(awaiting)} drafted, set up in {time.perf_counter() - started:.1f} s"
    )
    return data, {"small": small, "large": large}


def wait_http(url: str, timeout: float) -> None:
    import urllib.request

    def up() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    wait_until(up, timeout, url, poll=0.05)


def start(command: list[str], log: Path) -> subprocess.Popen:
    return spawn(command, log, {**os.environ, "PYTHONPATH": str(ROOT)})


def report(stats_csv: Path, counts: dict) -> tuple[int, float]:
    rows = [row for row in csv.DictReader(stats_csv.open()) if row["Name"] != "Aggregated"]
    width = max(len(r["Type"] + r["Name"]) for r in rows) + 1
    print(f"\n{'page / endpoint':<{width}}  requests  req/s    p50    p95    p99  errors")
    errors = 0
    by_name = {}
    for r in rows:
        by_name[r["Name"]] = r
        errors += int(r["Failure Count"])
        print(
            f"{r['Type'] + ' ' + r['Name']:<{width}}  {int(r['Request Count']):8d} "
            f"{float(r['Requests/s']):6.2f} {r['50%']:>6} {r['95%']:>6} {r['99%']:>6} "
            f"{int(r['Failure Count']):7d}"
        )
    print("(times in ms)")
    review = by_name.get("/review/ [filtered]")
    admin = by_name.get("/admin/commendations/nomination/ [changelist]")
    ratio = float("nan")
    if review and admin:
        ratio = float(review["95%"]) / float(admin["95%"])
        print(
            f"review queue p95 / admin changelist p95 = {review['95%']} / {admin['95%']} ms = "
            f"{ratio:.2f} (target <= 1: {'met' if ratio <= 1 else 'NOT met'})"
        )
    print(f"errors: {errors} (target 0: {'met' if errors == 0 else 'NOT met'})")
    print(f"\nSQL queries per request of each list page ({SMALL} vs {TOTAL} nominations):")
    for label, small in counts["small"].items():
        large = counts["large"][label]
        verdict = "same" if small == large else "DIFFERENT"
        print(f"  {label:<34} {small:4d} {large:6d}  {verdict}")
    return errors, ratio


def outcome(decision_id: int) -> None:
    from django.db import connections

    from commendations.certificates.models import Certificate
    from commendations.decisions.models import Decision
    from commendations.nominations.models import Nomination
    from workflow.models import TransitionLog

    connections.close_all()
    decision = Decision.objects.get(pk=decision_id)
    rendered = Certificate.objects.filter(decision=decision, state="rendered").count()
    numbered = Certificate.objects.filter(decision=decision).count()
    print(
        f"\nafter the run: decision {decision.state}, "
        f"{Nomination.objects.filter(decision=decision, state='approved').count()} approved, "
        f"certificates rendered {rendered} of {numbered}"
        f", nominations {Nomination.objects.count()}, audit rows {TransitionLog.objects.count()}"
    )


def setup_environment(processes: list[subprocess.Popen]) -> None:
    """The broker (added to `processes`) and the settings gunicorn and the worker read."""
    redis_process, redis_url = redis_start(TMP)
    processes.append(redis_process)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "benchmarks.load.settings",
            "REDIS_URL": redis_url,
            "CELERY_BROKER_URL": redis_url,
            "VAR_DIR": str(TMP / "var"),
            "MEDIA_ROOT": str(TMP / "media"),
            "STATIC_ROOT": str(TMP / "static"),
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
            "SECURE_SSL_REDIRECT": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "VERIFICATION_SIGNING_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,testserver",
            "CONN_MAX_AGE": "60",
        }
    )


def main() -> None:
    # `timeout`/`kill` send SIGTERM: turn it into SystemExit so that the `finally` below runs.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    processes: list[subprocess.Popen] = []
    database = None
    errors, ratio = 1, float("nan")
    try:
        database = database_create("load")
        setup_environment(processes)
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connections

        began = time.perf_counter()
        call_command("migrate", verbosity=0)
        call_command("collectstatic", verbosity=0, interactive=False)
        print(f"migrate + collectstatic: {time.perf_counter() - began:.1f} s")
        data, counts = prepare()
        connections.close_all()
        data_file = TMP / "load.json"
        data_file.write_text(json.dumps(data))
        processes.append(worker_start(name="load", log=TMP / "worker.log"))
        hosts = []
        for index in range(WEB_HOSTS):
            port = free_port()
            processes.append(
                start(
                    [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "2",
                     "--bind", f"127.0.0.1:{port}", "--timeout", "60"],
                    TMP / f"gunicorn-{index}.log",
                )
            )  # fmt: skip
            hosts.append(f"http://127.0.0.1:{port}")
        began = time.perf_counter()
        for host in hosts:
            wait_http(f"{host}/healthz", 60)
        print(
            f"worker and {len(hosts)} gunicorn processes up in {time.perf_counter() - began:.1f} s"
        )
        os.environ.update(
            {
                "LOAD_DATA": str(data_file),
                "LOAD_HOSTS": ",".join(hosts),
                "LOAD_OFFICERS": str(OFFICERS),
                "LOAD_MEMBERS": str(MEMBERS),
                "LOAD_ADMINS": str(ADMINS),
            }
        )
        locust = start(
            [sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless",
             "--users", str(USERS), "--spawn-rate", "10", "--run-time", f"{SECONDS}s",
             "--stop-timeout", "10", "--host", hosts[0], "--csv", str(TMP / "locust"),
             "--only-summary", "--exit-code-on-error", "0"],
            TMP / "locust.log",
        )  # fmt: skip
        processes.append(locust)
        locust.wait(timeout=SECONDS + 120)  # bounded: the run time, the stop timeout and spawning
        errors, ratio = report(TMP / "locust_stats.csv", counts)
        outcome(data["decision"])
        print(
            f"\nload: {SECONDS} s, {USERS} users ({OFFICERS} officers, {MEMBERS} members, "
            f"1 secretary, 1 director, 1 clerk, {ADMINS} admins), {WEB_HOSTS} gunicorn "
            "process(es) of 2 workers, one port each, Celery worker concurrency 1"
        )
    finally:
        for process in reversed(processes):
            process_stop(process)
        for log in [f"gunicorn-{i}.log" for i in range(WEB_HOSTS)] + ["worker.log", "locust.log"]:
            path = TMP / log
            if errors and path.exists():
                print(f"--- tail of {log}")
                print(path.read_text(errors="replace")[-3000:])
        if database:
            database_drop(*database)
        shutil.rmtree(TMP, ignore_errors=True)
    print(f"P3 review_over_admin_p95={ratio:.2f}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
