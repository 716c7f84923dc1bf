"""The public verification page's rate limit was kept in each process's
memory, so every gunicorn worker had its own 30/min (100 of 200 requests passed against a 30/min
limit). The count now lives in the shared cache: Redis when REDIS_URL is set (production refuses
to start without it), a folder shared by the host's processes otherwise."""

import json
import os
import random
import subprocess
import sys
from pathlib import Path

from django.core.cache.backends.redis import RedisCache

from tests.conftest import require

ROOT = Path(__file__).resolve().parent.parent.parent
REDIS_URL = os.environ.get("REDIS_URL", "")

# One "gunicorn worker": a process of its own with the app's settings, sending requests to the
# verification page from one client address; prints how many were let through.
WORKER = """
import json, os, sys
import django
django.setup()
from django.test import Client
client = Client(REMOTE_ADDR=sys.argv[1])
codes = [client.get("/xac-minh/khong-hop-le/").status_code for _ in range(int(sys.argv[2]))]
passed = sum(code != 429 for code in codes)
print(json.dumps({"passed": passed}))
"""


def _settings_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.base", "PYTHONPATH": str(ROOT)}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(extra)
    return env


def test_the_limit_holds_across_worker_processes():
    """Two worker processes, 20 requests each from one address, against 30/min: 30 pass."""
    require(bool(REDIS_URL), "needs Redis (set REDIS_URL)")
    address = f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
    env = _settings_env(REDIS_URL=REDIS_URL, VERIFY_RATE_LIMIT_PER_MINUTE="30")
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, address, "20"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1])["passed"])
    assert sum(results) == 30, results


def _cache_backend(**env: str | None) -> str:
    code = (
        "import django; django.setup(); from django.core.cache import caches; "
        "print(type(caches['default']).__name__)"
    )
    environ = _settings_env()
    for key, value in env.items():
        if value is None:
            environ.pop(key, None)
        else:
            environ[key] = value
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environ, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_the_cache_is_redis_when_configured_and_shared_on_disk_otherwise():
    assert _cache_backend(REDIS_URL="redis://127.0.0.1:6379/9") == RedisCache.__name__
    assert _cache_backend(REDIS_URL=None) == "FileBasedCache"


def test_production_refuses_to_start_without_a_shared_cache():
    env = _settings_env(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="k" * 20 + "-x7#Qm2!vL9pR4@wZ8" * 3,
        VERIFICATION_SIGNING_KEY="v" * 20 + "-Hn3&Jk7*Lp0(Zx5)" * 3,
    )
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr
