"""The files that set the project up: docker-compose (Docker does not run here, so read it)."""

from pathlib import Path

import yaml
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


def test_docker_compose_declares_the_stack_with_healthchecks():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"postgres", "redis", "web", "worker"}
    for name in services:
        assert "healthcheck" in services[name], name
    for name in ("web", "worker"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["REDIS_URL"].startswith("redis://redis:")
        assert "media:/data/media" in services[name]["volumes"]
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert "gunicorn" in services["web"]["command"]
    assert services["worker"]["command"][:3] == ["celery", "-A", "config"]
    assert "media" in compose["volumes"]


def test_healthz_used_by_compose_exists(client, db):
    assert client.get(reverse("healthz")).status_code == 200


def test_celery_app_is_config_celery_app():
    from config.celery import app

    assert app.main == "khenthuong"
