"""Unsafe defaults. DEBUG defaulted to True (what `make run` got) and then
/media/ served certificates, print packs and attachments to anyone at predictable paths;
production fell back to a SECRET_KEY published in the repository and docker-compose used
.env.example's, with which anyone could forge verification links."""

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.test import Client, override_settings
from django.urls import clear_url_caches

import config.urls
from config.settings import base

ROOT = Path(__file__).resolve().parent.parent.parent
GOOD_SECRET = "s" * 10 + "-Qm2!vL9pR4@wZ8#Xc6$Tb1%" * 3
GOOD_VERIFICATION_KEY = "v" * 10 + "-Hn3&Jk7*Lp0(Zx5)Cv8_Bn" * 3


def _env(**extra: str | None) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "PYTHONPATH": str(ROOT),
        "SECRET_KEY": GOOD_SECRET,
        "VERIFICATION_SIGNING_KEY": GOOD_VERIFICATION_KEY,
        "REDIS_URL": "redis://127.0.0.1:6379/9",
        "ALLOWED_HOSTS": "khenthuong.example.vn",
    }
    for key in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "SECRET_KEY_FALLBACKS"):
        env.pop(key, None)
    for key, value in extra.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def _check(**extra: str | None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=_env(**extra),
        capture_output=True,
        text=True,
        timeout=120,
    )


def _example_value(name: str) -> str:
    match = re.search(rf"^#?\s*{name}=(.*)$", (ROOT / ".env.example").read_text(), re.M)
    return match.group(1).strip() if match else ""


def test_debug_is_off_unless_asked_for():
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "config.settings.base"}
    env.pop("DEBUG", None)
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr
    # `make run` (zero set-up, a developer's machine) asks for it explicitly.
    assert re.search(r"^run: export DEBUG \?= 1$", (ROOT / "Makefile").read_text(), re.M)


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [True, False])
def test_media_files_are_never_served_by_url(settings, tmp_path, debug):
    """Even with DEBUG on, /media/<path> serves nothing: files leave only through the
    access-checked download views."""
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "certificates" / "2026").mkdir(parents=True)
    (tmp_path / "certificates" / "2026" / "GK-2026-0009.docx").write_bytes(b"PK-secret")
    with override_settings(DEBUG=debug):
        importlib.reload(config.urls)
        clear_url_caches()
        try:
            response = Client().get("/media/certificates/2026/GK-2026-0009.docx")
            body = b"".join(response.streaming_content) if response.streaming else response.content
        finally:
            importlib.reload(config.urls)
            clear_url_caches()
    assert response.status_code in (302, 404)
    assert b"PK-secret" not in body


@pytest.mark.parametrize(
    "secret",
    [
        None,  # not set
        "",
        base.DEV_SECRET_KEY,  # the development default, published in the repository
        _example_value("SECRET_KEY") or "change-me-to-a-long-random-string",  # .env.example's
        "django-insecure-short",
    ],
)
def test_production_refuses_a_missing_or_published_secret_key(secret):
    result = _check(SECRET_KEY=secret)
    assert result.returncode != 0, result.stdout
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_a_published_key_among_the_fallbacks():
    result = _check(SECRET_KEY_FALLBACKS=base.DEV_SECRET_KEY)
    assert result.returncode != 0 and "SECRET_KEY_FALLBACKS" in result.stderr


@pytest.mark.parametrize("key", [None, base.DEV_VERIFICATION_KEY, GOOD_SECRET])
def test_production_refuses_a_missing_published_or_shared_verification_key(key):
    """Its own key: not missing, not the published default, not the SECRET_KEY itself."""
    result = _check(VERIFICATION_SIGNING_KEY=key)
    assert result.returncode != 0, result.stdout
    assert "VERIFICATION_SIGNING_KEY" in result.stderr


def test_production_refuses_a_grace_period_that_is_not_a_date():
    result = _check(VERIFICATION_FALLBACKS_UNTIL="31/12/2026")
    assert result.returncode != 0 and "VERIFICATION_FALLBACKS_UNTIL" in result.stderr


def test_production_starts_with_real_keys():
    result = _check()
    assert result.returncode == 0, result.stderr


def test_docker_compose_and_env_example_carry_no_usable_key():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    for name, service in compose["services"].items():
        if service.get("build") is None:
            continue
        env = service.get("environment", {})
        for key in ("SECRET_KEY", "VERIFICATION_SIGNING_KEY"):
            # `${VAR:?message}`: compose refuses to start until the operator sets it.
            assert re.fullmatch(r"\$\{" + key + r":\?.+\}", str(env.get(key, ""))), (name, key)
    assert _example_value("SECRET_KEY") == ""
    assert _example_value("VERIFICATION_SIGNING_KEY") == ""
