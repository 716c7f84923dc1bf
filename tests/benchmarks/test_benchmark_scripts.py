"""Every benchmark `make bench` runs, run end to end at a tiny size in its own process, so that a
change to the application that breaks one fails here rather than on the day someone measures.
Each script starts what it needs itself (its own database on the PostgreSQL server of
DATABASE_URL, its own redis-server, workers, gunicorn, S3 server). Only the exit status and the
form of the figure lines are checked, never a figure or a time."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import require

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.postgres

# What each script needs to run small: the sizes its docstring names as its smallest run.
TINY = {
    "benchmarks/certificates.py": {
        "BENCH_N": "3",
        "BENCH_P2_SAMPLE": "1",
        "BENCH_P7_N": "2",
        "BENCH_P7_ROUNDS": "1",
    },
    "benchmarks/decision.py": {"BENCH_P4_N": "5", "BENCH_P4_ROUNDS": "1"},
    "benchmarks/annual_titles.py": {
        "BENCH_P8_OFFICERS": "40",
        "BENCH_P8_UNITS": "2",
        "BENCH_P8_YEARS": "2",
    },
    "benchmarks/excel_import.py": {"BENCH_P5_N": "20", "BENCH_P5_ROUNDS": "1"},
    # One round of two workers (the figure is 1.00 by construction; the split still runs).
    "benchmarks/scale.py": {"SCALE_N": "3", "SCALE_WORKERS": "2"},
    "benchmarks/load/run.py": {
        "LOAD_SECONDS": "8",
        "LOAD_NOMINATIONS": "200",
        "LOAD_UNITS": "3",
        "LOAD_USERS": "7",
        "LOAD_HOSTS": "1",
        "LOAD_DECISION": "10",
    },
}
# Bounds the run, so a hung benchmark fails instead of holding the suite; not a timing check.
TIMEOUT = 300
FIGURE = r"[0-9]+(\.[0-9]+)?"


def run_benchmark(script: str) -> list[str]:
    """Run `script` at its tiny size; returns its output lines after checking it exited 0."""
    database_url = os.environ.get("DATABASE_URL", "")
    require(database_url.startswith("postgres"), "needs PostgreSQL (set DATABASE_URL)")
    require(shutil.which("redis-server") is not None, "needs redis-server on PATH")
    env = {**os.environ, **TINY[script], "PYTHONPATH": str(ROOT), "DATABASE_URL": database_url}
    env.pop("DJANGO_SETTINGS_MODULE", None)  # each script chooses its settings
    result = subprocess.run(
        [sys.executable, str(ROOT / script)], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=TIMEOUT,
    )  # fmt: skip
    assert result.returncode == 0, (
        f"{script} exited {result.returncode}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    )
    lines = result.stdout.strip().splitlines()
    assert lines, f"{script} printed nothing\n{result.stderr[-3000:]}"
    return lines


def assert_last_line(lines: list[str], pattern: str) -> None:
    assert re.fullmatch(pattern, lines[-1]), f"last line {lines[-1]!r} is not {pattern}"


def test_every_benchmark_make_bench_runs_has_a_tiny_run():
    """A new benchmark gets its tiny run here; `make bench` runs the load scenario too."""
    scripts = {str(p.relative_to(ROOT)) for p in (ROOT / "benchmarks").glob("[!_]*.py")}
    assert scripts | {"benchmarks/load/run.py"} == set(TINY)
    listed = re.search(r"^BENCHMARKS = (.*)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert listed and "benchmarks/load/run.py" in listed.group(1).split()


@pytest.mark.worker
def test_certificates_benchmark_runs_at_tiny_size(soffice_path):
    lines = run_benchmark("benchmarks/certificates.py")
    assert any(re.fullmatch(rf"P1 ratio={FIGURE}", line) for line in lines), lines[-5:]
    assert any(re.fullmatch(rf"P2 speedup={FIGURE}", line) for line in lines), lines[-5:]
    assert_last_line(lines, rf"P7 signing_overhead={FIGURE}")


def test_decision_issue_benchmark_runs_at_tiny_size():
    assert_last_line(run_benchmark("benchmarks/decision.py"), rf"P4 seconds={FIGURE}")


def test_annual_titles_benchmark_runs_at_tiny_size():
    assert_last_line(
        run_benchmark("benchmarks/annual_titles.py"),
        rf"P8 rating_per_officer_ms={FIGURE} queries_per_unit=[0-9]+",
    )


def test_excel_import_benchmark_runs_at_tiny_size():
    assert_last_line(run_benchmark("benchmarks/excel_import.py"), rf"P5 rows_per_second={FIGURE}")


@pytest.mark.worker
def test_scale_benchmark_runs_at_tiny_size():
    assert_last_line(run_benchmark("benchmarks/scale.py"), rf"P6 speedup_2_workers={FIGURE}")


@pytest.mark.worker
def test_load_scenario_runs_at_tiny_size_without_errors():
    assert_last_line(run_benchmark("benchmarks/load/run.py"), rf"P3 review_over_admin_p95={FIGURE}")
