"""Issue #28: pip-audit could not reach a vulnerability database from the build machines. The
audit in CI (.ci/run) now reads a vendored snapshot of OSV's PyPI advisories
(scripts/audit_dependencies.py, security/advisories-pypi.json): these tests hold its matching
rules with made-up advisories, since the snapshot itself must be refreshed where there is
network."""

import datetime
import importlib.util
import json
from pathlib import Path

import django
import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
spec = importlib.util.spec_from_file_location("audit", ROOT / "scripts" / "audit_dependencies.py")
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)


def advisory(events: list[dict], name: str = "Django", versions: list[str] | None = None) -> dict:
    return {
        "id": "GHSA-test-0000-0000",
        "aliases": ["CVE-2099-0001"],
        "summary": "made up",
        "affected": [
            {
                "package": {"ecosystem": "PyPI", "name": name},
                "ranges": [{"type": "ECOSYSTEM", "events": events}],
                "versions": versions or [],
            }
        ],
    }


INSTALLED = django.get_version()


@pytest.mark.parametrize(
    "events, expected",
    [
        ([{"introduced": "0"}, {"fixed": "999.0"}], True),
        ([{"introduced": "0"}, {"fixed": "1.0"}], False),
        ([{"introduced": "0"}, {"last_affected": INSTALLED}], True),
        ([{"introduced": "999.0"}], False),
    ],
)
def test_the_installed_django_against_made_up_ranges(events, expected):
    found = audit.findings({"advisories": [advisory(events)]}, audit.installed())
    assert bool(found) is expected
    if expected:
        assert found[0].startswith(f"django {INSTALLED}: GHSA-test-0000-0000, CVE-2099-0001")


def test_an_explicit_version_list_and_another_package():
    assert audit.findings({"advisories": [advisory([], versions=[INSTALLED])]}, audit.installed())
    assert not audit.findings(
        {"advisories": [advisory([{"introduced": "0"}], name="not-installed-pkg")]},
        audit.installed(),
    )


def test_the_check_fails_on_a_finding_and_warns_on_an_old_snapshot(tmp_path, monkeypatch, capsys):
    path = tmp_path / "snapshot.json"
    path.write_text(json.dumps({"fetched": "2026-01-01", "advisories": []}))
    assert audit.check(path, today=datetime.date(2026, 2, 1)) == 0
    assert audit.check(path, today=datetime.date(2026, 12, 1)) == 0
    assert "WARNING" in capsys.readouterr().out
    monkeypatch.setenv("AUDIT_STRICT", "1")
    assert audit.check(path, today=datetime.date(2026, 12, 1)) == 2
    path.write_text(
        json.dumps({"fetched": "2026-01-01", "advisories": [advisory([{"introduced": "0"}])]})
    )
    assert audit.check(path, today=datetime.date(2026, 2, 1)) == 1


def test_the_vendored_snapshot_reads_and_ci_runs_the_check():
    snapshot = json.loads((ROOT / "security" / "advisories-pypi.json").read_text())
    assert "advisories" in snapshot and "fetched" in snapshot
    assert "scripts/audit_dependencies.py" in (ROOT / ".ci" / "run").read_text()


def test_a_snapshot_from_a_copy_of_the_pypa_database(tmp_path):
    """Where neither OSV nor GitHub is reachable, a copy of github.com/pypa/advisory-database
    (OSV records in YAML) refreshes the snapshot: only the installed distributions' advisories are
    kept, and the snapshot is dated by the copy, so the age warning tells the truth."""
    (tmp_path / "vulns" / "django").mkdir(parents=True)
    (tmp_path / "vulns" / "not-installed-pkg").mkdir(parents=True)
    (tmp_path / "vulns" / "django" / "PYSEC-2099-1.yaml").write_text(
        "id: PYSEC-2099-1\naliases:\n- CVE-2099-0002\naffected:\n- package:\n"
        "    ecosystem: PyPI\n    name: django\n  ranges:\n  - type: ECOSYSTEM\n"
        "    events:\n    - introduced: '0'\n    - fixed: '999.0'\n"
    )
    (tmp_path / "vulns" / "not-installed-pkg" / "PYSEC-2099-2.yaml").write_text(
        "id: PYSEC-2099-2\naffected:\n- package:\n    ecosystem: PyPI\n"
        "    name: not-installed-pkg\n  versions: ['1.0']\n"
    )
    out = tmp_path / "snapshot.json"
    assert audit.refresh_from_checkout(tmp_path, out, as_of="2024-10-10 abc123") == 1
    snapshot = json.loads(out.read_text())
    assert snapshot["fetched"] == "2024-10-10"
    assert snapshot["source"].endswith("@ abc123")
    assert [a["id"] for a in snapshot["advisories"]] == ["PYSEC-2099-1"]
    assert audit.check(out, today=datetime.date(2024, 11, 1)) == 1


def test_the_vendored_snapshot_is_filled_and_the_installed_set_is_clean():
    """The committed snapshot holds real advisories (not the empty file of a machine without
    network) and none of them matches what `make install` installs."""
    snapshot = json.loads((ROOT / "security" / "advisories-pypi.json").read_text())
    assert snapshot["fetched"] and len(snapshot["advisories"]) > 100
    assert audit.findings(snapshot, audit.installed()) == []
