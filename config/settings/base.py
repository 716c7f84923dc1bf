"""Settings read from the environment.

With nothing set the app runs on SQLite with an embedded (filesystem) Celery broker; with
DATABASE_URL and REDIS_URL set it runs on PostgreSQL and Redis.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from config.secrets import published_values
from config.storage import default_storage_from_env

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Development defaults, published here: production refuses both (config/settings/production.py).
DEV_SECRET_KEY = "dev-only-insecure-key-change-me-in-production"
DEV_VERIFICATION_KEY = "dev-only-verification-key-change-me-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", "")
# Off unless asked for: `make run` (a developer's machine) sets DEBUG=1 itself.
DEBUG = env_bool("DEBUG", False)
# Under DEBUG the designed 404/500 pages still show; Django's debug pages only when asked for.
DEBUG_ERROR_PAGES = env_bool("DEBUG_ERROR_PAGES", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    "workflow",
    "commendations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "commendations.api.middleware.ApiJsonErrorsMiddleware",
    "commendations.files.uploads.RequestBodyLimitMiddleware",
    "config.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.MalformedSessionCookieMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.PrivateCacheControlMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "commendations.web.middleware.DesignedErrorPagesMiddleware",
    "config.middleware.DatabaseConflictMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "commendations.web.context_processors.capabilities",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A dev server and a worker share the file: wait for the lock instead of failing at once.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

CONTENT_SECURITY_POLICY = os.environ.get(
    "CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'",
)

# Login lockout: a username after AXES_FAILURE_LIMIT failures from anywhere, an address after
# AXES_IP_FAILURE_LIMIT failures with any usernames (an office shares one address); a success
# clears only its own username's failures (commendations/access/lockout.py).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_IP_FAILURE_LIMIT = int(os.environ.get("AXES_IP_FAILURE_LIMIT", "30"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "commendations.access.lockout.SeparateCountersHandler"
AXES_LOCKOUT_CALLABLE = "commendations.access.lockout.lockout_response"
# Behind nginx: the proxies whose X-Forwarded-For is believed (addresses or networks, comma-
# separated; empty: none, REMOTE_ADDR is the client). Rate limits and the lockout count the client
# found this way (commendations.access.client_address).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")
AXES_CLIENT_IP_CALLABLE = "commendations.access.client_address.client_address"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
# The language chosen in the header outlives the browser session (a year).
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"] if (BASE_DIR / "static").is_dir() else []
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    # The filesystem (MEDIA_ROOT), or an S3-protocol object store from STORAGE_URL / AWS_*
    # (config/storage.py, docs/scaling.md).
    "default": default_storage_from_env(os.environ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Downloads after the access check: "stream" (through the app) or "redirect" (a presigned URL
# valid STORAGE_URL_EXPIRE seconds; object storage only, else streamed).
STORAGE_DOWNLOADS = os.environ.get("STORAGE_DOWNLOADS", "stream")
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))

# Celery: Redis when configured, otherwise kombu's filesystem transport (no server needed).
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL) or "filesystem://"
if CELERY_BROKER_URL == "filesystem://":
    _broker_dir = VAR_DIR / "celery-broker"
    for _sub in ("in", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "in"),
        "data_folder_out": str(_broker_dir / "in"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
        # The folder is polled: every 0.2 s rather than kombu's 1 s between two tasks.
        "polling_interval": float(os.environ.get("CELERY_FILESYSTEM_POLLING_INTERVAL", "0.2")),
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE: dict = {}
# Daily digest of overdue nominations to each role (rules of commendation, deadlines).
CELERY_BEAT_SCHEDULE["overdue-digest"] = {
    "task": "commendations.overdue_digest",
    "schedule": crontab(hour=int(os.environ.get("OVERDUE_DIGEST_HOUR", "7")), minute=0),
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "khenthuong@localhost")

REST_FRAMEWORK = {
    # The token first: its WWW-Authenticate header makes a missing or wrong credential a 401
    # (DRF asks the first class), the browser's session after it.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "commendations.api.tokens.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "commendations.api.parsers.JSONParser",  # deep nesting: 400, not a RecursionError
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "commendations.api.pagination.ApiPagination",
    "PAGE_SIZE": 50,  # `page_size` asks for another, up to API_MAX_PAGE_SIZE
    "DEFAULT_FILTER_BACKENDS": [
        "commendations.api.filters.ApiOrderingFilter",
        "commendations.api.filters.UpdatedSinceFilter",
    ],
    "EXCEPTION_HANDLER": "commendations.api.exceptions.api_exception_handler",
    # RateLimit-* headers on every answer, 429 + Retry-After past it (commendations.api.base)
    "DEFAULT_THROTTLE_CLASSES": ["commendations.api.throttling.ApiRateThrottle"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Khen thưởng API",
    "DESCRIPTION": "Nominations, decisions, certificates and ceremonies.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Request and response are separate components (`NominationRequest` / `Nomination`), so
    # read-only fields are not asked of a request nor write-only ones promised in a response,
    # and a FileField is `string, format: binary` in the request (multipart only, see
    # commendations.api.schema.ApiAutoSchema.map_parsers).
    "COMPONENT_SPLIT_REQUEST": True,
    "COMPONENT_SPLIT_PATCH": True,
    # every tag listed (commendations/api/schema_hooks.py); each operation's summary is its
    # view's `summaries` (commendations/api/schema.py)
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "commendations.api.schema_hooks.postprocess_summaries_and_tags",
        "commendations.api.examples.postprocess_examples",  # one example per body and answer
    ],
    # Swagger UI and Redoc served by the app (no CDN; the split view has no inline script).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # The schema and its pages: signed-in users only, except in DEBUG (it maps every operation).
    "SERVE_PERMISSIONS": ["commendations.api.permissions.SchemaReader"],
    # Several payloads have a `kind` with different choices (units, certificate replacements): name
    # each choice set, so the schema's enum names do not collide or change.
    "ENUM_NAME_OVERRIDES": {
        "UnitKindEnum": "commendations.units.models.UnitKind",
        "ReplacementKindEnum": "commendations.certificates.models.ReplacementKind",
        # a decision's `expected_state` is a signature state, a nomination's a nomination state
        "SignatureStateEnum": "commendations.decisions.models.SignatureState",
        "ExpectedStateEnum": "commendations.nominations.models.NominationState",
    },
}

API_MAX_PAGE_SIZE = int(os.environ.get("API_MAX_PAGE_SIZE", "200"))
# Requests per user (per address without a login): "<n>/second|minute|hour|day"; "" for none.
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "600/minute")
# How long an Idempotency-Key's first answer is replayed (seconds; kept in the cache).
API_IDEMPOTENCY_TTL = int(os.environ.get("API_IDEMPOTENCY_TTL", str(24 * 3600)))

# API tokens expire this many days after they are issued (commendations/tokens).
API_TOKEN_LIFETIME_DAYS = int(os.environ.get("API_TOKEN_LIFETIME_DAYS", "30"))

# Domain settings (the law's numbers that are uncertain live here or in rule sets, not in code).
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "khenthuong2023")
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))
ATTACHMENT_ALLOWED_EXTENSIONS = ["pdf", "docx", "doc", "jpg", "jpeg", "png", "xlsx"]
CERTIFICATE_PLACE = os.environ.get("CERTIFICATE_PLACE", "Gia Lai")
PROVINCE_NAME = os.environ.get("PROVINCE_NAME", "Gia Lai")
# The address printed in certificates' QR codes, and the public verification page's rate limit.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://localhost:8000")
SPECTACULAR_SETTINGS["SERVERS"] = [
    {"url": PUBLIC_BASE_URL.rstrip("/"), "description": "PUBLIC_BASE_URL"}
]
VERIFY_RATE_LIMIT_PER_MINUTE = int(os.environ.get("VERIFY_RATE_LIMIT_PER_MINUTE", "30"))
# Verification links are signed with a key of their own, not SECRET_KEY. To rotate it, put the
# old key in VERIFICATION_SIGNING_KEY_FALLBACKS: links it signed verify until
# VERIFICATION_FALLBACKS_UNTIL (yyyy-mm-dd; empty: until removed). docs/verification.md.
VERIFICATION_SIGNING_KEY = os.environ.get("VERIFICATION_SIGNING_KEY", DEV_VERIFICATION_KEY)
VERIFICATION_SIGNING_KEY_FALLBACKS = env_list("VERIFICATION_SIGNING_KEY_FALLBACKS", "")
VERIFICATION_FALLBACKS_UNTIL = os.environ.get("VERIFICATION_FALLBACKS_UNTIL", "")
# Links printed before verification codes (the signed primary key): still verified when signed
# with a SECRET_KEY that was never published.
VERIFICATION_LEGACY_LINKS = env_bool("VERIFICATION_LEGACY_LINKS", True)
# Secrets anyone can read in the repository: refused in production, never trusted for links.
PUBLISHED_SECRETS = published_values(BASE_DIR, {DEV_SECRET_KEY, DEV_VERIFICATION_KEY})
# One cache for every process (rate limits must not be per gunicorn worker): Redis when
# configured (production requires it), else a folder shared by the host's processes.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Verification links are bearer tokens: never written to a log (config.logging_filters).
    "filters": {"redact_tokens": {"()": "config.logging_filters.RedactVerificationTokens"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_tokens"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Certificates: rendering batches, the print pack and the sweep that re-sends batches
# left waiting while the broker was down.
CERTIFICATE_CHUNK_SIZE = int(os.environ.get("CERTIFICATE_CHUNK_SIZE", "25"))
CERTIFICATE_RESEND_AFTER = int(os.environ.get("CERTIFICATE_RESEND_AFTER", "600"))  # seconds
SOFFICE_BINARY = os.environ.get("SOFFICE_BINARY", "")
PRINT_PACK_SOFFICE_PROCESSES = int(os.environ.get("PRINT_PACK_SOFFICE_PROCESSES", "2"))
PRINT_PACK_SOFFICE_FILES_PER_PROCESS = int(
    os.environ.get("PRINT_PACK_SOFFICE_FILES_PER_PROCESS", "100")
)
# Certificates composed into one .docx and converted by one soffice process (print pack).
PRINT_PACK_CHUNK_SIZE = int(os.environ.get("PRINT_PACK_CHUNK_SIZE", "100"))
PRINT_PACK_SOFFICE_TIMEOUT_BASE = float(os.environ.get("PRINT_PACK_SOFFICE_TIMEOUT_BASE", "60"))
PRINT_PACK_SOFFICE_TIMEOUT_PER_FILE = float(
    os.environ.get("PRINT_PACK_SOFFICE_TIMEOUT_PER_FILE", "2")
)
# A chunk claimed by a worker and still pending this long later was lost with its worker (the
# filesystem broker never gives a message back): the sweep, every CERTIFICATE_SWEEP_SECONDS,
# re-sends it once its queue is empty. Lease + period < 1 minute.
CERTIFICATE_LEASE_SECONDS = int(os.environ.get("CERTIFICATE_LEASE_SECONDS", "30"))
CELERY_BEAT_SCHEDULE["certificates-sweep"] = {
    "task": "commendations.certificates.tasks.certificates_sweep",
    "schedule": float(os.environ.get("CERTIFICATE_SWEEP_SECONDS", "20")),
}
CELERY_BEAT_SCHEDULE["print-packs-sweep"] = {
    "task": "commendations.ceremonies.tasks.print_packs_sweep",
    "schedule": float(os.environ.get("CERTIFICATE_SWEEP_SECONDS", "20")),
}
if CELERY_BROKER_URL != "filesystem://":
    # A task whose worker died (acks_late) comes back after the visibility timeout; tests and
    # small installations lower it to recover sooner.
    CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] = int(
        os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600")
    )
    CELERY_BROKER_TRANSPORT_OPTIONS["unacked_restore_interval"] = int(
        os.environ.get("CELERY_UNACKED_RESTORE_INTERVAL", "10")
    )
    # Restoring is guarded by a Redis lock; a worker killed while holding it blocks restores until
    # the lock expires (kombu's default, 5 minutes). Tests lower it with the visibility timeout.
    CELERY_BROKER_TRANSPORT_OPTIONS["unacked_mutex_expire"] = int(
        os.environ.get("CELERY_UNACKED_MUTEX_EXPIRE", "300")
    )

# The web UI answers a locked-out login with its own page (django-axes).
AXES_LOCKOUT_TEMPLATE = "commendations/lockout.html"

# Request bodies and uploaded files (docs/files.md): refused past these sizes
# before being read or while streaming in. The reverse proxy's client_max_body_size should match.
REQUEST_BODY_MAX_BYTES = int(os.environ.get("REQUEST_BODY_MAX_BYTES", str(64 * 1024 * 1024)))
UPLOAD_FILE_MAX_BYTES = int(os.environ.get("UPLOAD_FILE_MAX_BYTES", str(20 * 1024 * 1024)))
FILE_UPLOAD_HANDLERS = [
    "commendations.files.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
CELERY_BEAT_SCHEDULE["nomination-imports-sweep"] = {
    "task": "commendations.nominations.tasks.nomination_imports_sweep",
    "schedule": 60.0,
}

# Digital signatures (docs/signatures.md). The organisation's seal: a PKCS#12 file
# mounted from outside the repository and the database, its password from the environment or a
# file (Docker secret). Unset: documents are issued as PDF/A without the seal, and the pages say so.
SIGNING_PKCS12_PATH = os.environ.get("SIGNING_PKCS12_PATH", "")
SIGNING_PKCS12_PASSWORD = os.environ.get("SIGNING_PKCS12_PASSWORD", "")
SIGNING_PKCS12_PASSWORD_FILE = os.environ.get("SIGNING_PKCS12_PASSWORD_FILE", "")
# An RFC 3161 time-stamping authority; empty: the signing time is the server's clock.
SIGNING_TSA_URL = os.environ.get("SIGNING_TSA_URL", "")
# The font of the seal's text (Times New Roman metrics; Debian's fonts-liberation2).
SIGNATURE_FONT_PATH = os.environ.get(
    "SIGNATURE_FONT_PATH", "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
)
# Trust roots besides those an administrator enters (a mounted PEM bundle, e.g. the government
# CA's root). Uploaded PDFs are checked in a child process with these limits, and no network:
# certificates' AIA/CRL addresses are never fetched (they come from whoever made the file).
SIGNATURE_TRUST_ROOTS_FILE = os.environ.get("SIGNATURE_TRUST_ROOTS_FILE", "")
SIGNATURE_UPLOAD_MAX_BYTES = int(
    os.environ.get("SIGNATURE_UPLOAD_MAX_BYTES", str(20 * 1024 * 1024))
)
SIGNATURE_CHECK_MEMORY_BYTES = int(
    os.environ.get("SIGNATURE_CHECK_MEMORY_BYTES", str(1024 * 1024 * 1024))
)
SIGNATURE_CHECK_SECONDS = int(os.environ.get("SIGNATURE_CHECK_SECONDS", "30"))
# The public verification page's upload (anyone, no login) costs at most a small, fixed share
# of the site: PUBLIC_VERIFY_CHECKS_AT_ONCE checks run at once across every process (the shared
# cache counts them; one more answers 503 at once), each in a child with its own CPU seconds
# (killed past twice that on the clock: well below gunicorn's --timeout 60) and memory, and at
# most PUBLIC_VERIFY_APPENDED_MAX_BYTES after our stored PDF's bytes (refused unread past it).
PUBLIC_VERIFY_CHECKS_AT_ONCE = int(os.environ.get("PUBLIC_VERIFY_CHECKS_AT_ONCE", "1"))
PUBLIC_VERIFY_CHECK_SECONDS = int(os.environ.get("PUBLIC_VERIFY_CHECK_SECONDS", "8"))
PUBLIC_VERIFY_CHECK_MEMORY_BYTES = int(
    os.environ.get("PUBLIC_VERIFY_CHECK_MEMORY_BYTES", str(512 * 1024 * 1024))
)
PUBLIC_VERIFY_APPENDED_MAX_BYTES = int(
    os.environ.get("PUBLIC_VERIFY_APPENDED_MAX_BYTES", str(256 * 1024))
)
# An issued decision's PDF/A (made and sealed by a `convert` worker after the issue commits):
# the sweep sends again those still missing this long after they were last sent.
DECISION_PDF_RESEND_SECONDS = int(os.environ.get("DECISION_PDF_RESEND_SECONDS", "300"))
CELERY_BEAT_SCHEDULE["decision-pdfs-sweep"] = {
    "task": "commendations.decisions.tasks.decision_pdfs_sweep",
    "schedule": 60.0,
}
# The electronic dossier package for the Ministry (one Tờ trình): its total size is bounded.
DOSSIER_PACKAGE_MAX_BYTES = int(os.environ.get("DOSSIER_PACKAGE_MAX_BYTES", str(200 * 1024 * 1024)))

# Issued decisions and rendered certificates archived as sealed PDF/A: a task on the `convert`
# queue after the issue or the render chunk commits. Off in the test settings, so the
# tests that issue or render do not start LibreOffice (the PDF tests turn it on).
ARCHIVE_PDFS_ENABLED = env_bool("ARCHIVE_PDFS_ENABLED", True)
# The sweep sends rendered certificates still without their PDF this long after their rendering
# (or after they were last sent), when the `convert` queue is empty.
CERTIFICATE_PDF_LEASE_SECONDS = int(os.environ.get("CERTIFICATE_PDF_LEASE_SECONDS", "600"))
CELERY_BEAT_SCHEDULE["certificate-pdfs-sweep"] = {
    "task": "commendations.certificates.tasks.certificate_pdfs_sweep",
    "schedule": float(os.environ.get("CERTIFICATE_PDF_SWEEP_SECONDS", "300")),
}
