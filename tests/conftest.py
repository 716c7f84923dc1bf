import os
import shutil

import pytest
from django.db import connection

from commendations.access.roles import Role
from config.celery import app as celery_app
from tests.factories import (
    AwardTypeFactory,
    CampaignFactory,
    UnitFactory,
    make_user,
    ministry_award_type,
)

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(condition: bool, reason: str) -> None:
    """Skip on a developer machine that lacks a service; in CI a missing service is a failure."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI must provide this: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session", autouse=True)
def reference_data(django_db_setup, django_db_blocker) -> str:
    """The rows the migrations seed (award catalogue, legal bases, prizes, thresholds), as
    serialized when the test database was made, taken at the session's start: a test that
    replaces the connection (the fault and generated-client tests) loses Django's own copy, and
    the transactional tests after it (the browser's) would start without the catalogue."""
    from django.db import connection

    return getattr(connection, "_test_serialized_contents", "") or ""


@pytest.fixture
def eager():
    """Celery tasks run inline, in the test's process, and raise their errors."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_eager_propagates = False


@pytest.fixture
def postgres_only():
    require(connection.vendor == "postgresql", "needs PostgreSQL (set DATABASE_URL)")


@pytest.fixture
def soffice_path() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    require(path is not None, "needs LibreOffice (apt-get install libreoffice-writer-nogui)")
    return path


@pytest.fixture
def province(db):
    from commendations.units.models import UnitKind

    return UnitFactory(code="CAT-T", name="Công an tỉnh Thử", kind=UnitKind.PROVINCE)


@pytest.fixture
def district(province):
    return UnitFactory(code="CA-H1", name="Công an huyện Một", parent=province)


@pytest.fixture
def commune(district):
    from commendations.units.models import UnitKind

    return UnitFactory(code="CA-X1", name="Công an xã Một", parent=district, kind=UnitKind.COMMUNE)


@pytest.fixture
def other_district(province):
    return UnitFactory(code="CA-H2", name="Công an huyện Hai", parent=province)


@pytest.fixture
def director_award(db):
    return AwardTypeFactory()


@pytest.fixture
def ministry_award(db):
    return ministry_award_type()


@pytest.fixture
def campaign(director_award, ministry_award):
    return CampaignFactory(award_types=[director_award, ministry_award])


@pytest.fixture
def officer(district):
    return make_user(Role.UNIT_OFFICER, district, username="officer")


@pytest.fixture
def other_officer(other_district):
    return make_user(Role.UNIT_OFFICER, other_district, username="other_officer")


@pytest.fixture
def member(province):
    return make_user(Role.COMMITTEE_MEMBER, province, username="member")


@pytest.fixture
def secretary(province):
    return make_user(Role.COMMITTEE_SECRETARY, province, username="secretary")


@pytest.fixture
def director(province):
    return make_user(Role.PROVINCIAL_DIRECTOR, province, username="director")


@pytest.fixture
def ministry(province):
    return make_user(Role.MINISTRY, province, username="ministry")


@pytest.fixture
def clerk(province):
    return make_user(Role.CLERK, province, username="clerk")


@pytest.fixture
def commune_officer(commune):
    return make_user(Role.UNIT_OFFICER, commune, username="officer_xa")


@pytest.fixture
def by_district(campaign):
    """The campaign, consolidated by districts: communes' nominations wait for their district."""
    campaign.consolidation_levels = ["district"]
    campaign.save()
    return campaign


@pytest.fixture
def due_people(district):
    """due_people(n, since=…): n people of `district` in the police since `since` (by default
    01/09/2010: due the Huy chương CSVV hạng Nhì in 2025), made in a few queries. Returns ids."""
    import datetime

    from commendations.units.models import Person, ServiceRecord

    batches = iter(range(1, 1_000_000))

    def build(n: int, *, since: datetime.date = datetime.date(2010, 9, 1)) -> list[int]:
        batch = next(batches)
        Person.objects.bulk_create(
            Person(code=f"NH-{batch}-{i}", full_name="Nguyễn Văn An", sex="male", unit=district)
            for i in range(n)
        )
        made = list(Person.objects.filter(code__startswith=f"NH-{batch}-"))
        ServiceRecord.objects.bulk_create(
            ServiceRecord(person=p, valid_from=since, valid_to=None) for p in made
        )
        return [p.pk for p in made]

    return build


@pytest.fixture
def letters_without_libreoffice(monkeypatch):
    """The Tờ trình's PDF/A is LibreOffice's work, tested elsewhere: here a stand-in."""
    from commendations.decisions import letters

    monkeypatch.setattr(
        letters, "docx_to_pdf", lambda sources, **kw: {n: b"%PDF-1.7 stand-in" for n in sources}
    )
