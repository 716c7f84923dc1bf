"""Run the check of an uploaded PDF in a child process: bounded memory (a decompression bomb
ends the child, not the web worker), bounded time, no database connection, no network. The
report is plain JSON (commendations.signatures.pdf_check)."""

import base64
import json
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

from commendations.signatures.keys import trust_roots_der

ROOT = Path(__file__).resolve().parents[2]


class CheckFailed(Exception):
    """The child could not finish: too much memory or time, or it crashed."""


def _limits(memory: int, seconds: int) -> Callable[[], None]:
    def apply() -> None:  # runs in the child, before Python starts
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))

    return apply


def pdf_check_bounded(
    pdf: bytes,
    *,
    original: bytes | None = None,
    seconds: int | None = None,
    memory: int | None = None,
    max_appended: int | None = None,
) -> dict:
    """The check's report, from a child limited to `memory` bytes of address space and
    `seconds` of CPU (SIGNATURE_CHECK_MEMORY_BYTES / SIGNATURE_CHECK_SECONDS by default), killed
    past twice that on the clock; the work per file is bounded inside (pdf_check.MAX_*)."""
    seconds = seconds or settings.SIGNATURE_CHECK_SECONDS
    memory = memory or settings.SIGNATURE_CHECK_MEMORY_BYTES
    request = {
        "pdf": base64.b64encode(pdf).decode(),
        "original": base64.b64encode(original).decode() if original is not None else "",
        "roots": [base64.b64encode(der).decode() for der in trust_roots_der()],
        "max_appended": max_appended,
    }
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "commendations.signatures.pdf_check"],
            input=json.dumps(request).encode(),
            capture_output=True,
            timeout=seconds * 2,
            cwd=ROOT,
            preexec_fn=_limits(memory, seconds),
            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "no_proxy": "*"},
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise CheckFailed("timeout") from exc
    if completed.returncode != 0:
        raise CheckFailed(completed.stderr.decode(errors="replace")[-300:] or "killed")
    return json.loads(completed.stdout)
