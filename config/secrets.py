"""Which secrets may not guard a production site: the development defaults written in the
settings and whatever `.env.example` (the file docker-compose used to read) carries. Anyone can
read those in the repository; with SECRET_KEY one forges sessions and signed values, with
VERIFICATION_SIGNING_KEY verification links."""

import re
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

HOW = "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
MIN_LENGTH = 50


def published_values(base_dir: Path, defaults: set[str]) -> set[str]:
    values = set(defaults) | {"change-me-to-a-long-random-string"}
    example = base_dir / ".env.example"
    if example.exists():
        for match in re.finditer(r"^#?\s*[A-Z_]*KEY[A-Z_]*=(.*)$", example.read_text(), re.M):
            if match.group(1).strip():
                values.add(match.group(1).strip())
    return values


def secret_require(name: str, value: str, published: set[str]) -> None:
    """Refuse to start (ImproperlyConfigured) with a missing, short or published secret."""
    if not value:
        raise ImproperlyConfigured(f"{name} is not set. Generate one: {HOW}")
    if value in published:
        raise ImproperlyConfigured(
            f"{name} is a value published in the repository (the development default or "
            f".env.example's): anyone could use it. Generate one: {HOW}"
        )
    if len(value) < MIN_LENGTH or len(set(value)) < 5 or value.startswith("django-insecure"):
        raise ImproperlyConfigured(
            f"{name} is too weak: at least {MIN_LENGTH} random characters. Generate one: {HOW}"
        )
