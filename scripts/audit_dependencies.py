"""Dependency audit that works offline: the installed distributions against a vendored snapshot of
the OSV advisories for PyPI (security/advisories-pypi.json), so CI needs no network (pip-audit
needs a live vulnerability service and could not reach one from the build machines, issue #28).

    python scripts/audit_dependencies.py            # check: exit 1 on a known vulnerability
    python scripts/audit_dependencies.py refresh    # where there is network: rewrite the snapshot
    python scripts/audit_dependencies.py refresh --from-checkout PATH
        # without network to OSV: from a local copy of github.com/pypa/advisory-database (its
        # OSV YAML files under vulns/); the snapshot is then dated by that copy's last commit

The snapshot keeps only the advisories of the distributions installed when it was refreshed
(OSV's PyPI/all.zip, filtered), with the date it was fetched. The check warns when it is older
than AUDIT_MAX_AGE_DAYS (90) or was never fetched, and fails on it with AUDIT_STRICT=1.
"""

import datetime
import io
import json
import os
import re
import subprocess
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


def _checkout_date(checkout: Path) -> str:
    """The date of the checkout's last commit: what the advisories are as of."""
    git = subprocess.run(
        ["git", "-C", str(checkout), "log", "-1", "--format=%cs %H"],
        capture_output=True,
        text=True,
        check=True,
    )
    day, _, commit = git.stdout.strip().partition(" ")
    return f"{day} {commit}".strip()


def refresh_from_checkout(
    checkout: Path, snapshot_path: Path = SNAPSHOT, *, as_of: str | None = None
) -> int:
    """The snapshot from a local copy of the PyPA advisory database (OSV records in YAML under
    `vulns/<package>/`), for machines that reach neither OSV nor GitHub's API but can be given a
    copy of the repository. `as_of` (default: the copy's last commit) is the snapshot's date, so
    the check's age warning tells the truth about it. Reads either a work tree or a bare
    repository's HEAD."""
    import yaml

    packages = installed()
    records: list[dict] = []
    vulns = checkout / "vulns"
    if vulns.is_dir():
        for path in sorted(vulns.glob("*/*.yaml")):
            if canonical(path.parent.name) in packages:
                records.append(yaml.safe_load(path.read_text(encoding="utf-8")))
    else:  # a bare repository: read the blobs of HEAD
        listing = subprocess.run(
            ["git", "-C", str(checkout), "ls-tree", "-r", "--name-only", "HEAD", "vulns"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        for name in sorted(listing):
            parts = name.split("/")
            if len(parts) == 3 and name.endswith(".yaml") and canonical(parts[1]) in packages:
                blob = subprocess.run(
                    ["git", "-C", str(checkout), "show", f"HEAD:{name}"],
                    capture_output=True,
                    check=True,
                ).stdout
                records.append(yaml.safe_load(blob.decode("utf-8")))
    kept = []
    for advisory in records:
        names = {canonical(a.get("package", {}).get("name", "")) for a in advisory["affected"]}
        if names & set(packages):
            kept.append(json.loads(json.dumps(advisory, default=str)))
    kept.sort(key=lambda a: a["id"])
    stamp = as_of or _checkout_date(checkout)
    day, _, commit = stamp.partition(" ")
    snapshot = {
        "fetched": day,
        "source": "https://github.com/pypa/advisory-database" + (f" @ {commit}" if commit else ""),
        "note": (
            "PYSEC advisories only (the PyPA database), as of its last commit; refresh from "
            "OSV's PyPI/all.zip where there is network for GHSA advisories too."
        ),
        "advisories": kept,
    }
    snapshot_path.write_text(json.dumps(snapshot, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"audit: {len(kept)} advisories kept for {len(packages)} installed distributions")
    return len(kept)


if __name__ == "__main__":
    if sys.argv[1:] == ["refresh"]:
        refresh()
    elif sys.argv[1:3] == ["refresh", "--from-checkout"] and len(sys.argv) == 4:
        refresh_from_checkout(Path(sys.argv[3]))
    elif sys.argv[1:]:
        sys.exit(f"usage: {sys.argv[0]} [refresh [--from-checkout PATH]]")
    else:
        sys.exit(check())
