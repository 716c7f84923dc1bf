"""P8: a province's year-end rating at real size — 3,000 officers in 60 units.

Each unit drafts its list (the list, its rows from an Excel workbook: every officer for Chiến sĩ
tiên tiến, the best 15 % also for Chiến sĩ thi đua cơ sở) and sends it up (exclusions, the caps);
the council's secretary records one vote for all the lists; the Director signs one recognition
decision recording every title. The units are of uneven size (half and one and a half times the
mean) so that a step whose queries grew with its rows would show it. Before the year, every
officer has nine years of history (Chiến sĩ tiên tiến, some Chiến sĩ thi đua cơ sở), so the due
list of the next year is asked over ten years of 3,000 officers at the end.

The baseline, measured in the same run on the same rows, is what the database alone needs to
record the year: a bare `bulk_create` of the same history rows, rolled back.

It makes its own PostgreSQL database from DATABASE_URL (default the local server) and drops it at
the end; no broker is needed (nothing is queued). Environment: BENCH_P8_OFFICERS (default 3000),
BENCH_P8_UNITS (default 60), BENCH_P8_YEARS (years of history, default 10); the smallest run
(what the tests run): BENCH_P8_OFFICERS=40 BENCH_P8_UNITS=2 BENCH_P8_YEARS=2.
Last line: `P8 rating_per_officer_ms=<x> queries_per_unit=<y>`.
"""

import datetime
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _world import database_create, database_drop  # benchmarks/_world.py

ROOT = Path(__file__).resolve().parent.parent
OFFICERS = int(os.environ.get("BENCH_P8_OFFICERS", "3000"))
UNITS = int(os.environ.get("BENCH_P8_UNITS", "60"))
YEARS = int(os.environ.get("BENCH_P8_YEARS", "10"))
YEAR = datetime.date.today().year - 1
TMP = Path(tempfile.mkdtemp(prefix="khenthuong-p8-"))


def setup_environment() -> tuple[str, str]:
    name, admin_url = database_create("p8")
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


def sizes() -> list[int]:
    """Uneven units (half and one and a half times the mean), OFFICERS in all."""
    mean = OFFICERS / UNITS
    out = [max(2, round(mean * (0.5 if i % 2 == 0 else 1.5))) for i in range(UNITS)]
    out[-1] += OFFICERS - sum(out)
    return out


def world():
    """The province, its units and officers, the three users, the officers' past years."""
    from django.contrib.auth.models import Group, User

    from commendations.access.roles import Role
    from commendations.campaigns.models import AwardType
    from commendations.units.models import HonourRecord, Person, Unit, UnitKind, UserProfile

    province = Unit.objects.create(code="CAT", name="Công an tỉnh", kind=UnitKind.PROVINCE)
    units, people = [], {}
    for i, size in enumerate(sizes()):
        unit = Unit.objects.create(
            code=f"U{i:03d}", name=f"Phòng, Công an huyện {i}", parent=province
        )
        units.append(unit)
        people[unit.pk] = Person.objects.bulk_create(
            [Person(code=f"CB{i:03d}{n:04d}", full_name=f"Nguyễn Văn {i}-{n}", unit=unit)
             for n in range(size)]
        )  # fmt: skip
    users = {}
    for role in (Role.UNIT_OFFICER, Role.COMMITTEE_SECRETARY, Role.PROVINCIAL_DIRECTOR):
        user = User.objects.create_user(str(role), password="bench-only-password-123")
        user.groups.add(Group.objects.get(name=role))
        UserProfile.objects.create(user=user, unit=province)
        users[role] = user
    cstt, cstdcs = (AwardType.objects.get(code=c) for c in ("CSTT", "CSTDCS"))
    history = []
    for year in range(YEAR - YEARS + 1, YEAR):
        for unit_people in people.values():
            for n, person in enumerate(unit_people):
                history.append(HonourRecord(person=person, year=year, award_type=cstt, kind="cstt"))
                if n % 10 == 0:
                    history.append(
                        HonourRecord(person=person, year=year, award_type=cstdcs, kind="cstdcs")
                    )
    HonourRecord.objects.bulk_create(history, batch_size=5000)
    return units, people, users, len(history)


def workbook(unit_people) -> io.BytesIO:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Mã cán bộ", "Họ và tên", "Danh hiệu", "Xếp loại"])
    best = len(unit_people) * 15 // 100
    for n, person in enumerate(unit_people):
        sheet.append([person.code, person.full_name, "CSTT", "Hoàn thành tốt nhiệm vụ"])
        if n < best:
            sheet.append([person.code, person.full_name, "CSTDCS", "Hoàn thành xuất sắc nhiệm vụ"])
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    return data


def baseline_seconds(rows) -> float:
    """A bare bulk_create of the same history rows (another year, the real ones exist), rolled
    back."""
    from django.db import transaction

    from commendations.units.models import HonourRecord

    class Rollback(Exception):
        pass

    copies = [
        HonourRecord(
            person_id=r.person_id, year=r.year + 100, award_type_id=r.award_type_id, kind=r.kind
        )
        for r in rows
    ]
    start = time.perf_counter()
    try:
        with transaction.atomic():
            HonourRecord.objects.bulk_create(copies, batch_size=None)
            elapsed = time.perf_counter() - start
            raise Rollback
    except Rollback:
        pass
    return elapsed


def run() -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from commendations.access.roles import Role
    from commendations.actions.annual_titles import rating_lists_decide, rating_lists_recommend
    from commendations.actions.registry import action_run
    from commendations.annual_titles.services import rating_list_create, rating_rows_import
    from commendations.due.selectors import due_list
    from commendations.units.models import HonourRecord

    units, people, users, history = world()
    officer = users[Role.UNIT_OFFICER]
    print(
        f"world: {len(units)} units, {OFFICERS} officers, "
        f"{history} history rows ({YEARS - 1} years)"
    )
    books = {unit.pk: workbook(people[unit.pk]) for unit in units}
    lists, per_unit, unit_seconds = [], [], 0.0
    for unit in units:
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            rating_list = rating_list_create(
                actor=officer, unit=unit, year=YEAR, submission_number=f"{unit.pk}/TTr",
                submission_date=datetime.date(YEAR, 12, 10),
                council_minutes="Biên bản họp Hội đồng TĐKT đơn vị",
            )  # fmt: skip
            rows = rating_rows_import(actor=officer, rating_list=rating_list, source=books[unit.pk])
            action_run(instance=rating_list, name="submit", actor=officer)
            unit_seconds += time.perf_counter() - start
        per_unit.append((len(rows), len(captured.captured_queries)))
        lists.append(rating_list)
    # The first unit fills the process's caches (content types, the award catalogue): the
    # figure is over the others, whose sizes differ threefold.
    queries = [q for _rows, q in per_unit[1:]] or [per_unit[0][1]]
    by_size = sorted({(rows, q) for rows, q in per_unit[1:]})
    print(
        f"unit lists: {len(lists)}, "
        f"rows {min(r for r, _q in per_unit)}..{max(r for r, _q in per_unit)} per list, "
        f"{unit_seconds:.2f} s in all; queries per unit (create + import + submit): first "
        f"{per_unit[0][1]}, the others {min(queries)}..{max(queries)} "
        f"(rows -> queries: {by_size[0] if by_size else '-'} ... {by_size[-1] if by_size else '-'})"
    )
    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        rating_lists_recommend(lists=lists, actor=users[Role.COMMITTEE_SECRETARY], votes_for=9)
        council_seconds = time.perf_counter() - start
    print(f"council: {len(lists)} lists in {council_seconds:.2f} s, {len(captured)} queries")
    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        decision = rating_lists_decide(
            lists=lists, actor=users[Role.PROVINCIAL_DIRECTOR], number=f"1/QĐ-CAT-{YEAR}",
            date=datetime.date(YEAR + 1, 1, 15), signer_name="Nguyễn Văn Giám",
            signer_title="Giám đốc",
        )  # fmt: skip
        decide_seconds = time.perf_counter() - start
    recorded = list(HonourRecord.objects.filter(reference=decision.number))
    print(
        f"decision: {len(recorded)} titles recorded in {decide_seconds:.2f} s, "
        f"{len(captured)} queries"
    )
    base = min(baseline_seconds(recorded) for _ in range(3))
    total = unit_seconds + council_seconds + decide_seconds
    print(f"baseline (bare INSERT of the same {len(recorded)} rows): {base * 1000:.1f} ms")
    print(f"ratio whole rating / bare INSERT: {total / base:.1f}x")
    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        entries = due_list(YEAR + 1)
        due_seconds = time.perf_counter() - start
    print(
        f"due list {YEAR + 1}: {len(entries)} entries over {YEARS} years in {due_seconds:.2f} s, "
        f"{len(captured)} queries"
    )
    if max(queries) != min(queries):
        print("WARNING: queries per unit vary with the rows")
    return total * 1000 / OFFICERS, statistics.median_high(queries)


def main() -> None:
    name, admin_url = setup_environment()
    sys.path.insert(0, str(ROOT))
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        per_officer, queries = run()
    finally:
        teardown(name, admin_url)
    print(f"P8 rating_per_officer_ms={per_officer:.2f} queries_per_unit={queries}")


if __name__ == "__main__":
    main()
