"""What the PostgreSQL benchmarks share (imported by them; `make bench` skips files starting with
an underscore): a database of their own made from DATABASE_URL and dropped at the end, and the
world they measure in (a province, ten district units, the Director's Giấy khen, an open
campaign, one user of a given role)."""

import datetime
import os
from urllib.parse import urlparse

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


def world_make(*, username: str, role: str):
    """(user of `role` in the province, ten district units, the Giấy khen award type, an open
    campaign offering it)."""
    from django.contrib.auth.models import Group, User

    from commendations.campaigns.models import Authority, AwardType, Campaign
    from commendations.units.models import Unit, UnitKind, UserProfile

    province = Unit.objects.create(code="CAT", name="Công an tỉnh", kind=UnitKind.PROVINCE)
    units = [
        Unit.objects.create(code=f"D{i:02d}", name=f"Công an huyện {i}", parent=province)
        for i in range(10)
    ]
    award = AwardType.objects.create(
        code="GK-GD",
        name="Giấy khen của Giám đốc Công an tỉnh",
        short_name="Giấy khen",
        authority=Authority.PROVINCIAL_DIRECTOR,
    )
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
