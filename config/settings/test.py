"""Test settings: the database from DATABASE_URL (PostgreSQL in CI), SQLite in memory otherwise."""

import os
import tempfile

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="khenthuong-test-media-"))  # noqa: F405
CELERY_TASK_ALWAYS_EAGER = False
AXES_ENABLED = False
# Separate test database names let several checkouts run their suites at once.
DATABASES["default"].setdefault("TEST", {})["NAME"] = (
    None
    if DATABASES["default"]["ENGINE"].endswith("sqlite3")
    else f"test_khenthuong{os.environ.get('TEST_DB_SUFFIX', '')}"
)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["OPTIONS"].pop("transaction_mode", None)
# Each test process its own memory cache (tests/security/test_verify_rate_limit.py starts
# processes with the shared one).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# No archived PDF/A of decisions and certificates unless a test asks for them (a LibreOffice run
# each, ~2 s): tests/decisions/test_signed_pdf.py and tests/certificates/test_certificate_pdfs.py
# turn it on.
ARCHIVE_PDFS_ENABLED = False
# The suites send many requests per user within a minute (schemathesis): a limit far above them
# (tests/api/test_conventions.py lowers it to see the headers and the 429).
API_RATE_LIMIT = "100000/minute"
