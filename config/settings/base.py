"""Settings read from the environment.

With nothing set the app runs on SQLite with an embedded (filesystem) Celery broker; with
DATABASE_URL and REDIS_URL set it runs on PostgreSQL and Redis.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me-in-production")
DEBUG = env_bool("DEBUG", True)
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
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    "workflow",
    "commendations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.MalformedSessionCookieMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
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

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
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
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
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
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "commendations.api.exceptions.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Khen thưởng API",
    "DESCRIPTION": "Nominations, decisions, certificates and ceremonies.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and Redoc served by the app (no CDN; the split view has no inline script).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several payloads have a `kind`: name their choice sets (i12: units, replacements).
    "ENUM_NAME_OVERRIDES": {
        "UnitKindEnum": "commendations.units.models.UnitKind",
        "ReplacementKindEnum": "commendations.certificates.models.ReplacementKind",
    },
}

# Domain settings (the law's numbers that are uncertain live here or in rule sets, not in code).
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "khenthuong2023")
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))
ATTACHMENT_ALLOWED_EXTENSIONS = ["pdf", "docx", "doc", "jpg", "jpeg", "png", "xlsx"]
CERTIFICATE_PLACE = os.environ.get("CERTIFICATE_PLACE", "Gia Lai")
PROVINCE_NAME = os.environ.get("PROVINCE_NAME", "Gia Lai")
# The address printed in certificates' QR codes, and the public verification page's rate limit.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://localhost:8000")
VERIFY_RATE_LIMIT_PER_MINUTE = int(os.environ.get("VERIFY_RATE_LIMIT_PER_MINUTE", "30"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
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
CELERY_BEAT_SCHEDULE["certificates-sweep"] = {
    "task": "commendations.certificates.tasks.certificates_sweep",
    "schedule": float(os.environ.get("CERTIFICATE_SWEEP_SECONDS", "60")),
}
CELERY_BEAT_SCHEDULE["print-packs-sweep"] = {
    "task": "commendations.ceremonies.tasks.print_packs_sweep",
    "schedule": float(os.environ.get("CERTIFICATE_SWEEP_SECONDS", "60")),
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
