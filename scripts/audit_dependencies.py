"""Dependency audit that works offline: the installed distributions against a vendored snapshot of
the OSV advisories for PyPI (security/advisories-pypi.json), so CI needs no network (pip-audit
needs a live vulnerability service and could not reach one from the build machines, issue #28).

    python scripts/audit_dependencies.py            # check: exit 1 on a known vulnerability
    python scripts/audit_dependencies.py refresh    # where there is network: rewrite the snapshot

The snapshot keeps only the advisories of the distributions installed when it was refreshed
(OSV's PyPI/all.zip, filtered), with the date it was fetched. The check warns when it is older
than AUDIT_MAX_AGE_DAYS (90) or was never fetched, and fails on it with AUDIT_STRICT=1.
"""

import datetime
import io
import json
import os
import re
import sys
import urllib.request
import zipfile
from importlib import metadata
from pathlib import Path

from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "security" / "advisories-pypi.json"
SOURCE = "https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def installed() -> dict[str, str]:
    return {canonical(d.metadata["Name"]): d.version for d in metadata.distributions()}


def _affected_by_range(version: Version, events: list[dict]) -> bool:
    """OSV ECOSYSTEM range: introduced/fixed/last_affected events, in order."""
    affected = False
    for event in sorted(events, key=lambda e: _event_version(e)):
        if "introduced" in event:
            start = event["introduced"]
            if start == "0" or version >= Version(start):
                affected = True
        elif _closes(event, version):
            affected = False
    return affected


def _closes(event: dict, version: Version) -> bool:
    if "fixed" in event:
        return version >= Version(event["fixed"])
    if "last_affected" in event:
        return version > Version(event["last_affected"])
    return False


def _event_version(event: dict) -> Version:
    value = next(iter(event.values()))
    return Version("0") if value == "0" else Version(value)


def vulnerable(advisory: dict, name: str, version: str) -> bool:
    try:
        parsed = Version(version)
    except InvalidVersion:
        return False
    for affected in advisory.get("affected", []):
        package = affected.get("package", {})
        if package.get("ecosystem") != "PyPI" or canonical(package.get("name", "")) != name:
            continue
        if version in affected.get("versions", []):
            return True
        for span in affected.get("ranges", []):
            if span.get("type") == "ECOSYSTEM" and _affected_by_range(parsed, span["events"]):
                return True
    return False


def findings(snapshot: dict, packages: dict[str, str]) -> list[str]:
    found = []
    for advisory in snapshot.get("advisories", []):
        if advisory.get("withdrawn"):
            continue
        for affected in advisory.get("affected", []):
            name = canonical(affected.get("package", {}).get("name", ""))
            if name in packages and vulnerable(advisory, name, packages[name]):
                ids = ", ".join([advisory["id"], *advisory.get("aliases", [])])
                found.append(f"{name} {packages[name]}: {ids} {advisory.get('summary', '')}")
                break
    return sorted(set(found))


def check(snapshot_path: Path = SNAPSHOT, today: datetime.date | None = None) -> int:
    snapshot = json.loads(snapshot_path.read_text(encoding="utf-8"))
    today = today or datetime.date.today()
    fetched = snapshot.get("fetched")
    max_age = int(os.environ.get("AUDIT_MAX_AGE_DAYS", "90"))
    stale = fetched is None or (today - datetime.date.fromisoformat(fetched)).days > max_age
    if stale:
        print(
            f"audit: WARNING the advisory snapshot {snapshot_path.name} "
            f"{'was never fetched' if fetched is None else f'dates from {fetched}'}: run "
            "`python scripts/audit_dependencies.py refresh` where there is network and commit it"
        )
    found = findings(snapshot, installed())
    for line in found:
        print(f"audit: VULNERABLE {line}")
    advisories = len(snapshot.get("advisories", []))
    print(f"audit: {len(found)} known vulnerabilities, {advisories} advisories in the snapshot")
    if found:
        return 1
    return 2 if stale and os.environ.get("AUDIT_STRICT") == "1" else 0


def refresh(snapshot_path: Path = SNAPSHOT) -> None:
    packages = installed()
    with urllib.request.urlopen(SOURCE, timeout=120) as response:
        archive = zipfile.ZipFile(io.BytesIO(response.read()))
    kept = []
    for member in archive.namelist():
        advisory = json.loads(archive.read(member))
        names = {
            canonical(a.get("package", {}).get("name", "")) for a in advisory.get("affected", [])
        }
        if names & set(packages):
            kept.append(advisory)
    kept.sort(key=lambda a: a["id"])
    snapshot = {"fetched": datetime.date.today().isoformat(), "source": SOURCE, "advisories": kept}
    snapshot_path.write_text(json.dumps(snapshot, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"audit: {len(kept)} advisories kept for {len(packages)} installed distributions")


if __name__ == "__main__":
    if sys.argv[1:] == ["refresh"]:
        refresh()
    else:
        sys.exit(check())
