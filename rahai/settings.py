"""Rahai settings: one module, every value from the environment (see .env.example)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from rahai.core.env import (
    database_from_url,
    envbool,
    envint,
    envlist,
    envstr,
    load_env_file,
    sqlite_database,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(envstr("RAHAI_VAR_DIR", str(BASE_DIR / "var")))

TESTING = "pytest" in sys.modules or sys.argv[1:2] == ["test"]
if not TESTING:
    load_env_file(Path(envstr("RAHAI_ENV_FILE", str(VAR_DIR / "rahai.env"))))

DEBUG = envbool("RAHAI_DEBUG", False)

# Fixed, obviously-fake keys exist only for the test suite; every other run must configure them.
_TEST_SECRET = "test-only-secret-key-never-use-in-production-0123456789"
_TEST_DATA_KEY = "t1:" + "dGVzdC1vbmx5LWRhdGEta2V5LW5ldmVyLXVzZS0wMDA="
_TEST_INDEX_KEY = "dGVzdC1vbmx5LWluZGV4LWtleS1uZXZlci11c2UtMDA="
_TEST_AUDIT_KEY = "dGVzdC1vbmx5LWF1ZGl0LWtleS1uZXZlci11c2UtMDA="

SECRET_KEY = envstr("RAHAI_SECRET_KEY") or (_TEST_SECRET if TESTING else "")
# Encryption keys for personal data: "id:base64key" pairs, the first one encrypts.
RAHAI_DATA_KEYS = envlist("RAHAI_DATA_KEYS") or ([_TEST_DATA_KEY] if TESTING else [])
# Key for the keyed blind indexes (exact and name-key search); never rotated in place.
RAHAI_INDEX_KEY = envstr("RAHAI_INDEX_KEY") or (_TEST_INDEX_KEY if TESTING else "")
# Key for the audit log's hash chain.
RAHAI_AUDIT_KEY = envstr("RAHAI_AUDIT_KEY") or (_TEST_AUDIT_KEY if TESTING else "")

ALLOWED_HOSTS = envlist("RAHAI_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("RAHAI_CSRF_TRUSTED_ORIGINS")
# Reverse proxies whose X-Forwarded-For is believed (addresses or networks); see core/clientip.
TRUSTED_PROXIES = envlist("RAHAI_TRUSTED_PROXIES")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "rahai.core",
    "rahai.geo",
    "rahai.orgs",
    "rahai.accounts",
    "rahai.audit",
    "rahai.people",
    "rahai.cases",
    "rahai.hotline",
    "rahai.services_directory",
    "rahai.consent",
    "rahai.notifications",
    "rahai.referrals",
    "rahai.committees",
    "rahai.support",
    "rahai.api",
    "rahai.demo",
    "rahai.linkage",
    "rahai.insights",
    "rahai.opendata",
    "rahai.reports",
    "rahai.exchange",
    "rahai.justice",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "rahai.core.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "rahai.urls"
WSGI_APPLICATION = "rahai.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rahai.notifications.context_processors.unread_notifications",
            ],
        },
    }
]

_database_url = envstr("DATABASE_URL")
DATABASES = {
    "default": database_from_url(_database_url, base_dir=BASE_DIR)
    if _database_url
    else sqlite_database(VAR_DIR / "rahai.sqlite3")
}
if TESTING and DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory, so tests can inspect the bytes on disk (nothing readable in them).
    # One file per test process, so parallel runs never share (or delete) each other's database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-rahai-{os.getpid()}.sqlite3")}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_redis_url = REDIS_URL = envstr("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}
        if _redis_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = (
    ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if TESTING
    else [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    ]
)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ur", _("Urdu"))]
LOCALE_PATHS = [BASE_DIR / "rahai" / "locale"]
TIME_ZONE = "Asia/Karachi"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if TESTING or DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = TESTING or DEBUG

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = envint("RAHAI_SESSION_SECONDS", 8 * 3600)
SESSION_COOKIE_SECURE = envbool("RAHAI_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

RAHAI_PAGE_SIZE = envint("RAHAI_PAGE_SIZE", 25)
# Dashboards show counts from 1 to this minus one as "<5" (rahai.insights.suppression).
RAHAI_SUPPRESSION_THRESHOLD = envint("RAHAI_SUPPRESSION_THRESHOLD", 5)

# Background jobs (relinking every person, rahai.linkage.tasks). "database" queues them in the
# database for a separate worker, `rahai manage db_worker`; "immediate" runs a job inside the
# request that starts it, with no worker to run. A deployment with a DATABASE_URL queues by
# default; the embedded SQLite demo (`make run`) and the tests run jobs immediately.
RAHAI_TASKS_BACKEND = (
    "immediate"
    if TESTING
    else envstr("RAHAI_TASKS_BACKEND", "database" if _database_url else "immediate")
)
if RAHAI_TASKS_BACKEND not in {"database", "immediate"}:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("RAHAI_TASKS_BACKEND must be 'database' or 'immediate'.")
TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    if RAHAI_TASKS_BACKEND == "database"
    else {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
}

# Hotline: where public reports go, how links in emails start, and the channels' secrets.
RAHAI_PUBLIC_URL = envstr("RAHAI_PUBLIC_URL", "http://127.0.0.1:8000")
RAHAI_HOTLINE_ORGANISATION = envstr("RAHAI_HOTLINE_ORGANISATION")
TWILIO_AUTH_TOKEN = envstr("TWILIO_AUTH_TOKEN")
RAHAI_EMAIL_WEBHOOK_TOKEN = envstr("RAHAI_EMAIL_WEBHOOK_TOKEN")
# Per-IP and per-sender limits on the public channels: (events, seconds).
RAHAI_REPORT_LIMIT = (envint("RAHAI_REPORT_LIMIT", 10), 3600)
RAHAI_SENDER_LIMIT = (envint("RAHAI_SENDER_LIMIT", 30), 3600)
RAHAI_STATUS_LIMIT = (envint("RAHAI_STATUS_LIMIT", 20), 3600)

EMAIL_BACKEND = envstr("RAHAI_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = envstr("RAHAI_EMAIL_HOST", "localhost")
EMAIL_PORT = envint("RAHAI_EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("RAHAI_EMAIL_USER")
EMAIL_HOST_PASSWORD = envstr("RAHAI_EMAIL_PASSWORD")
EMAIL_USE_TLS = envbool("RAHAI_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = envstr("RAHAI_EMAIL_FROM", "rahai@localhost")
DATA_UPLOAD_MAX_MEMORY_SIZE = 16 * 1024 * 1024

# Personal data must never reach the logs: only warnings and errors, and the error reports
# carry no request bodies or local variables (no AdminEmailHandler, no DEBUG pages).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"scrub": {"()": "rahai.core.logging.ScrubPersonalData"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["scrub"]}},
    "root": {"handlers": ["console"], "level": envstr("RAHAI_LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

if not TESTING and not DEBUG:
    from django.core.exceptions import ImproperlyConfigured

    _missing = [
        name
        for name, value in [
            ("RAHAI_SECRET_KEY", SECRET_KEY),
            ("RAHAI_DATA_KEYS", RAHAI_DATA_KEYS),
            ("RAHAI_INDEX_KEY", RAHAI_INDEX_KEY),
            ("RAHAI_AUDIT_KEY", RAHAI_AUDIT_KEY),
        ]
        if not value
    ]
    if _missing and "--help" not in sys.argv:
        raise ImproperlyConfigured(
            "Set " + ", ".join(_missing) + " (see .env.example; `rahai setup` writes demo keys)."
        )
