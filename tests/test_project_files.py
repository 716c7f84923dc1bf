"""The files that set the project up: docker-compose (Docker does not run here, so read it)."""

import shutil
import subprocess
from pathlib import Path

import yaml
from django.urls import reverse

from commendations.queues import ALL as ALL_QUEUES

ROOT = Path(__file__).resolve().parent.parent


def test_docker_compose_declares_the_stack_with_healthchecks():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {
        "postgres", "redis", "minio", "minio-bucket", "web", "worker", "worker-mail", "beat"
    }  # fmt: skip
    for name, service in services.items():
        assert "healthcheck" in service or service.get("restart") == "no", name
    apps = ("web", "worker", "worker-mail", "beat")
    for name in apps:
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["REDIS_URL"].startswith("redis://redis:")
        # Nothing shares a disk: every file is in MinIO's bucket.
        assert env["STORAGE_URL"].startswith("s3+http://") and "@minio:9000/" in env["STORAGE_URL"]
        # Nothing but the keys, read-only (the seal's PKCS#12: docs/signatures.md).
        assert services[name].get("volumes", []) == ["./secrets:/run/khenthuong-secrets:ro"], name
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert services[name]["depends_on"]["minio-bucket"]["condition"] == (
            "service_completed_successfully"
        )
    assert "gunicorn" in services["web"]["command"]
    queues = {}
    for name in ("worker", "worker-mail"):
        command = services[name]["command"]
        assert command[:4] == ["celery", "-A", "config", "worker"]
        assert "--beat" not in command and "-B" not in command  # N replicas, one scheduler
        queues[name] = set(command[command.index("-Q") + 1].split(","))
        assert any(part.startswith("--concurrency=") for part in command), name
    assert queues["worker"] | queues["worker-mail"] == set(ALL_QUEUES)
    assert queues["worker-mail"] >= {"mail"} and "mail" not in queues["worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "config", "beat"]
    assert services["beat"]["deploy"]["replicas"] == 1
    assert set(compose["volumes"]) == {"pgdata", "objects"}


def test_docker_compose_is_valid():
    """`docker compose config` when Docker's compose plugin is installed; otherwise a check of
    the YAML against the parts of the compose specification it uses."""
    path = ROOT / "docker-compose.yml"
    docker = shutil.which("docker")
    if (
        docker
        and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0
    ):
        result = subprocess.run(
            [docker, "compose", "-f", str(path), "config", "--quiet"],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        assert result.returncode == 0, result.stderr
        return
    compose = yaml.safe_load(path.read_text())
    assert set(compose) <= {"services", "volumes", "networks", "secrets", "configs", "name"} | {
        key for key in compose if key.startswith("x-")
    }
    allowed = {
        "image", "build", "command", "entrypoint", "environment", "env_file", "ports", "volumes",
        "depends_on", "healthcheck", "restart", "deploy",
    }  # fmt: skip
    declared_volumes = set(compose.get("volumes") or {})
    for name, service in compose["services"].items():
        assert set(service) <= allowed, (name, set(service) - allowed)
        assert "image" in service or "build" in service, name
        for key, value in (service.get("environment") or {}).items():
            assert isinstance(value, str), (name, key)  # compose wants strings, not YAML ints
        for dependency, rule in (service.get("depends_on") or {}).items():
            assert dependency in compose["services"], (name, dependency)
            assert rule["condition"] in {
                "service_started", "service_healthy", "service_completed_successfully"
            }  # fmt: skip
            if rule["condition"] == "service_healthy":
                assert "healthcheck" in compose["services"][dependency], dependency
        for volume in service.get("volumes") or []:
            source = volume.split(":", 1)[0]
            assert source.startswith((".", "/")) or source in declared_volumes, (name, volume)
        check = service.get("healthcheck")
        if check:
            assert check["test"][0] in {"CMD", "CMD-SHELL", "NONE"}, name
        if isinstance(service.get("command"), list):
            assert all(isinstance(part, str) for part in service["command"]), name
    assert (ROOT / "Dockerfile").exists() and (ROOT / ".env.example").exists()


def test_make_run_starts_beat_as_its_own_process_and_one_worker_on_every_queue():
    makefile = (ROOT / "Makefile").read_text()
    run = makefile[makefile.index("\nrun:") : makefile.index("\nworker:")]
    assert "celery -A config beat" in run
    assert " -B " not in run and "--beat" not in run
    assert "-Q $(QUEUES)" in run
    assert "QUEUES ?= " + ",".join(ALL_QUEUES) in makefile


def test_healthz_used_by_compose_exists(client, db):
    assert client.get(reverse("healthz")).status_code == 200


def test_celery_app_is_config_celery_app():
    from config.celery import app

    assert app.main == "khenthuong"
