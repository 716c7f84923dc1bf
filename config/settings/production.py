"""Production: everything of base, with the security switches on. `check --deploy` is clean.

It refuses to start without real secrets (a SECRET_KEY and a VERIFICATION_SIGNING_KEY of its
own, neither published in the repository) and without Redis, the cache every process shares
(rate limits must not be per gunicorn worker). `collectstatic` alone is exempt: the image build
runs it, and it neither serves a request nor signs anything."""

import datetime
import sys

from django.core.exceptions import ImproperlyConfigured

from config.secrets import secret_require
from config.settings.base import *  # noqa: F403
from config.settings.base import (
    PUBLISHED_SECRETS,
    REDIS_URL,
    SECRET_KEY,
    SECRET_KEY_FALLBACKS,
    VERIFICATION_FALLBACKS_UNTIL,
    VERIFICATION_SIGNING_KEY,
    VERIFICATION_SIGNING_KEY_FALLBACKS,
    env_bool,
)

DEBUG = False
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    **STORAGES,  # noqa: F405 (the filesystem or the object store, see config/storage.py)
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

if sys.argv[1:2] != ["collectstatic"]:
    _published = PUBLISHED_SECRETS
    secret_require("SECRET_KEY", SECRET_KEY, _published)
    for _key in SECRET_KEY_FALLBACKS:
        secret_require("SECRET_KEY_FALLBACKS", _key, _published)
    secret_require("VERIFICATION_SIGNING_KEY", VERIFICATION_SIGNING_KEY, _published)
    if VERIFICATION_SIGNING_KEY in {SECRET_KEY, *SECRET_KEY_FALLBACKS}:
        raise ImproperlyConfigured(
            "VERIFICATION_SIGNING_KEY must be a key of its own, not the SECRET_KEY."
        )
    for _key in VERIFICATION_SIGNING_KEY_FALLBACKS:
        secret_require("VERIFICATION_SIGNING_KEY_FALLBACKS", _key, _published)
    if VERIFICATION_FALLBACKS_UNTIL:
        try:
            datetime.date.fromisoformat(VERIFICATION_FALLBACKS_UNTIL)
        except ValueError as exc:
            raise ImproperlyConfigured(
                "VERIFICATION_FALLBACKS_UNTIL must be a date, yyyy-mm-dd."
            ) from exc
    if not REDIS_URL:
        raise ImproperlyConfigured(
            "Production needs Redis (REDIS_URL): the cache every process shares (rate limits) "
            "and the Celery broker."
        )
