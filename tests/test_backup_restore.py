"""`make backup` then `make restore` into a fresh database and an empty media folder: every
nomination, audit row and certificate (row and file) is there, byte for byte."""

import os
import shutil
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from commendations.actions.certificates import certificate_render
from commendations.certificates.models import Certificate
from commendations.nominations.models import Nomination
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401
from tests.conftest import require
from workflow.models import TransitionLog

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


def _url(name: str) -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def test_backup_then_restore_into_a_fresh_database_keeps_everything(
    postgres_only,
    media,  # noqa: F811
    settings,
    tmp_path,
    campaign,
    district,
    officer,
    member,
    secretary,
    director,
    director_award,
):
    require(shutil.which("pg_dump") is not None, "needs pg_dump / pg_restore")
    specs = [(director_award, "collective", f"Công an xã Số {i}", {}) for i in range(3)]
    nominations = awaiting(campaign, district, officer, member, secretary, specs)
    issue(draft(director, nominations), director)
    for certificate in Certificate.objects.all():
        assert certificate_render(certificate_id=certificate.pk) == "rendered"
    files = {
        c.file.name: Path(c.file.path).read_bytes() for c in Certificate.objects.exclude(file="")
    }
    assert len(files) == 3
    expected = {
        "nominations": set(Nomination.objects.values_list("pk", "state", "nominee_name")),
        "audit": set(TransitionLog.objects.values_list("pk", "transition", "target_state")),
        "certificates": set(Certificate.objects.values_list("pk", "registry_number", "file")),
    }
    source_url = _url(connection.settings_dict["NAME"])
    fresh = f"khenthuong_restore_{os.getpid()}"
    admin_url = _url("postgres")
    backup_dir = tmp_path / "backup"
    restored_media = tmp_path / "restored-media"
    env = {**os.environ, "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{fresh}"')
    try:
        subprocess.run(
            ["make", "-s", "backup", f"DEST={backup_dir}"],
            cwd=ROOT,
            env={**env, "DATABASE_URL": source_url},
            check=True,
            timeout=120,
        )
        subprocess.run(
            ["make", "-s", "restore", f"BACKUP={backup_dir}"],
            cwd=ROOT,
            env={**env, "DATABASE_URL": _url(fresh), "MEDIA_ROOT": str(restored_media)},
            check=True,
            timeout=120,
        )
        with psycopg.connect(_url(fresh)) as conn:
            restored = {
                "nominations": set(
                    conn.execute("SELECT id, state, nominee_name FROM commendations_nomination")
                ),
                "audit": set(
                    conn.execute("SELECT id, transition, target_state FROM workflow_transitionlog")
                ),
                "certificates": set(
                    conn.execute("SELECT id, registry_number, file FROM commendations_certificate")
                ),
            }
            # The restored audit log is still append-only.
            with pytest.raises(psycopg.errors.RaiseException):
                conn.execute("UPDATE workflow_transitionlog SET comment = 'x'")
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
    assert restored == expected
    for name, content in files.items():
        assert (restored_media / name).read_bytes() == content
