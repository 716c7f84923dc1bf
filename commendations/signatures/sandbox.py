"""Run the check of an uploaded PDF in a child process: bounded memory (a decompression bomb
ends the child, not the web worker), bounded time, no database connection, no network. The
report is plain JSON (commendations.signatures.pdf_check)."""

import base64
import json
import resource
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from commendations.signatures.keys import trust_roots_der

ROOT = Path(__file__).resolve().parents[2]


class CheckFailed(Exception):
    """The child could not finish: too much memory or time, or it crashed."""


def _limits() -> None:  # runs in the child, before Python starts
    memory = settings.SIGNATURE_CHECK_MEMORY_BYTES
    seconds = settings.SIGNATURE_CHECK_SECONDS
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))


def pdf_check_bounded(pdf: bytes, *, original: bytes | None = None) -> dict:
    request = {
        "pdf": base64.b64encode(pdf).decode(),
        "original": base64.b64encode(original).decode() if original is not None else "",
        "roots": [base64.b64encode(der).decode() for der in trust_roots_der()],
    }
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "commendations.signatures.pdf_check"],
            input=json.dumps(request).encode(),
            capture_output=True,
            timeout=settings.SIGNATURE_CHECK_SECONDS * 2,
            cwd=ROOT,
            preexec_fn=_limits,
            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "no_proxy": "*"},
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise CheckFailed("timeout") from exc
    if completed.returncode != 0:
        raise CheckFailed(completed.stderr.decode(errors="replace")[-300:] or "killed")
    return json.loads(completed.stdout)
