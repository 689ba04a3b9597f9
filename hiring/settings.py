"""Settings for the whole deployment, read from the environment (12-factor).

Without any environment the app runs on the embedded default: SQLite under var/, background
work run inline (no broker), e-mail written to var/mail/. `.env.example` documents every
variable; a `.env` file next to manage.py is read if present.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")


def _secret(name: str, default: str = "") -> str:
    """A secret from NAME, or from the file named by NAME_FILE (Docker/Kubernetes secrets)."""
    path = env(f"{name}_FILE", default="")
    if path:
        return Path(path).read_text().strip()
    return env(name, default=default)


DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = _secret("SECRET_KEY")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "insecure-development-key-only-for-debug-mode"  # noqa: S105
# Without DEBUG an empty key stays empty: commands that sign nothing (makemigrations, check)
# still run, Django refuses every use of the key, and web, worker and beat refuse to start
# (hiring.wsgi, hiring.celery: require_secret_key).

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Absolute links in e-mails and feeds are built from this, never from the request's Host.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served by us: no CDN
    "hiring",
    "jobs",
    "candidates",
    "interviews",
    "onboarding",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "hiring.unavailable.UnavailableMiddleware",  # before anything that queries
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "hiring.middleware.PracticeMiddleware",
]

ROOT_URLCONF = "hiring.urls"
WSGI_APPLICATION = "hiring.wsgi.application"

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
                "hiring.context_processors.practice",
            ],
        },
    },
]

# --- Data -----------------------------------------------------------------------------------
if "DATABASE_URL" not in env:
    VAR_DIR.mkdir(exist_ok=True)  # the embedded default keeps its SQLite file here
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if "postgresql" in DATABASES["default"]["ENGINE"]:
    # An unreachable server (a host gone, packets dropped) would otherwise hold each request,
    # and /healthz, for the kernel's TCP timeout (minutes) before the 503. libpq's option, so
    # Postgres only; `?connect_timeout=` in DATABASE_URL overrides it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
ATOMIC_REQUESTS = False  # services own their transactions

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="hiring"),
            # a hung Redis must not hang the request that reads the cache
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Files ----------------------------------------------------------------------------------
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Public files (logos, feeds) in "default", served by the app at /media/; everything about
# people in "private", never served by URL (hiring/storage.py). Every process of a deployment
# must see the same files: one shared folder mounted at the same path, or STORAGE=s3.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
if MEDIA_ROOT.resolve().is_relative_to(PRIVATE_MEDIA_ROOT.resolve()) or (
        PRIVATE_MEDIA_ROOT.resolve().is_relative_to(MEDIA_ROOT.resolve())):
    # /media/ serves the public folder: private files inside it would be one URL away
    raise ImproperlyConfigured("MEDIA_ROOT and PRIVATE_MEDIA_ROOT must be separate folders, "
                               "neither inside the other.")
S3_FILES = {
    "default": {"BACKEND": "hiring.storage.PublicS3Storage"},
    "private": {"BACKEND": "hiring.storage.PrivateS3Storage"},
}


def s3_settings(read: Callable[[str, str], str]) -> dict[str, Any]:
    """django-storages' own settings for STORAGE=s3 (AWS S3, MinIO, Ceph, Backblaze B2…),
    from `read(name, default)`: the environment here, a test's bucket in tests/s3.py, so the
    tests run this very configuration."""
    from botocore.config import Config

    bucket = read("AWS_STORAGE_BUCKET_NAME", "")
    if not bucket:
        raise ImproperlyConfigured("STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    endpoint = read("AWS_S3_ENDPOINT_URL", "") or None
    return {
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": read("AWS_ACCESS_KEY_ID", "") or None,
        "AWS_SECRET_ACCESS_KEY": read("AWS_SECRET_ACCESS_KEY", "") or None,
        "AWS_S3_REGION_NAME": read("AWS_S3_REGION_NAME", "") or None,
        # Lifetime of a signed link to a private file. The app streams private files
        # through its checked views and hands out no such link today.
        "AWS_QUERYSTRING_EXPIRE": int(read("AWS_S3_SIGNED_URL_SECONDS", "300")),
        # A bucket that does not answer must cost a request seconds, not a gunicorn timeout:
        # short timeouts, one retry. Checksums only where S3 requires them: boto3's default
        # CRC headers on every upload are refused by Backblaze B2 and older Ceph and MinIO.
        # Path-style addressing for S3-compatible servers (MinIO, Ceph), which need no DNS
        # name per bucket; AWS itself chooses.
        "AWS_S3_CLIENT_CONFIG": Config(
            connect_timeout=float(read("AWS_S3_CONNECT_TIMEOUT", "3")),
            read_timeout=float(read("AWS_S3_READ_TIMEOUT", "10")),
            retries={"max_attempts": int(read("AWS_S3_MAX_ATTEMPTS", "2")),
                     "mode": "standard"},
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
            signature_version="s3v4",
            s3={"addressing_style": read("AWS_S3_ADDRESSING_STYLE",
                                         "path" if endpoint else "auto")}),
    }


STORAGE = env("STORAGE", default="local")
if STORAGE == "local":
    _files = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {"BACKEND": "hiring.storage.PrivateFileSystemStorage"},
    }
elif STORAGE == "s3":
    vars().update(s3_settings(_secret))  # keys may come from *_FILE secrets
    _files = S3_FILES
else:
    raise ImproperlyConfigured(f"STORAGE must be 'local' or 's3', not {STORAGE!r}.")
STORAGES = {
    **_files,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env.bool("STATIC_MANIFEST", default=True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_URL = env("EMAIL_URL", default="")
if EMAIL_URL:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "hiring.mail.FileAndConsoleBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Hiring <hiring@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "hiring.User"
AUTHENTICATION_BACKENDS = ["hiring.auth.EmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "app-home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day
INVITATION_MAX_AGE = env.int("INVITATION_MAX_AGE", default=60 * 60 * 24 * 7)  # one week
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Security -------------------------------------------------------------------------------
# Sessions live in the database, which every web host shares (never a process's memory or
# a host's disk), so a sign-in on one host holds on the next request to another.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer probes over plain HTTP
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

# --- Languages and time ---------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Background work ------------------------------------------------------------------------
CELERY_BROKER_URL = REDIS_URL
# No broker (embedded default) → tasks run inline; CELERY_EAGER overrides, e.g. in tests.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Publishing happens inside web requests: a down or hung broker must cost about a second,
# after which the outbox sweeper hands the work over again (hiring/outbox.py).
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 1,
    "socket_timeout": 2,
    "max_retries": 0,
    "visibility_timeout": 60 * 60 * 3,  # longer than the longest retry countdown
}
CELERY_TASK_PUBLISH_RETRY = False
CELERY_TIMEZONE = "UTC"
# Work handed over but not finished after this long is considered lost and handed over again.
OUTBOX_LOST_AFTER_SECONDS = env.int("OUTBOX_LOST_AFTER_SECONDS", default=60 * 60 * 4)

# --- Job boards that are notified (jobs/syndication/google_indexing.py, webhook.py) ---------
# Google Indexing API: a service-account JSON key file and the endpoint; either empty → Google
# reads the job pages and the sitemap only.
GOOGLE_INDEXING_CREDENTIALS = env("GOOGLE_INDEXING_CREDENTIALS", default="")
# the endpoint too comes from the environment (.env.example gives Google's): no host is
# written into the code
GOOGLE_INDEXING_URL = env("GOOGLE_INDEXING_URL", default="")
# The OAuth scope the signed token asks Google for (.env.example gives Google's), from the
# environment like the endpoint, so that no Google address is written into the code.
GOOGLE_INDEXING_SCOPE = env("GOOGLE_INDEXING_SCOPE", default="")
GOOGLE_INDEXING_DAILY_QUOTA = env.int("GOOGLE_INDEXING_DAILY_QUOTA", default=200)
SYNDICATION_HTTP_TIMEOUT = env.float("SYNDICATION_HTTP_TIMEOUT", default=10.0)
SYNDICATION_RETRY_BASE_SECONDS = env.float("SYNDICATION_RETRY_BASE_SECONDS", default=30.0)
SYNDICATION_RETRY_MAX_SECONDS = env.float("SYNDICATION_RETRY_MAX_SECONDS", default=3600.0)
SYNDICATION_MAX_ATTEMPTS = env.int("SYNDICATION_MAX_ATTEMPTS", default=10)  # over ~1.5-3 hours
# A send not reported back after this long is taken over (its worker died); a Google call
# may make two requests (token, notification), each up to the timeout.
SYNDICATION_SEND_LEASE_SECONDS = env.float("SYNDICATION_SEND_LEASE_SECONDS",
                                           default=2 * SYNDICATION_HTTP_TIMEOUT + 5)
# Practices type their webhook's address: only https to public addresses, unless this is on.
SYNDICATION_ALLOW_PRIVATE_WEBHOOKS = env.bool("SYNDICATION_ALLOW_PRIVATE_WEBHOOKS",
                                              default=False)

# --- Job feeds (jobs/syndication/feeds.py) --------------------------------------------------
# Who the boards' feeds name as their publisher (the ATS); its address is SITE_URL.
SYNDICATION_PUBLISHER_NAME = env("SYNDICATION_PUBLISHER_NAME", default="Hiring")
# A changed feed is built this long after its first change, so a burst of edits is one build.
FEED_COALESCE_SECONDS = env.int("FEED_COALESCE_SECONDS", default=60)
# A feed still stale this long after its build was due is built again by the sweeper.
FEED_SWEEP_GRACE_SECONDS = env.int("FEED_SWEEP_GRACE_SECONDS", default=120)
# Boards' fetches of the feeds are kept this many days (the practice's proof a board came).
FEED_FETCH_RETENTION_DAYS = env.int("FEED_FETCH_RETENTION_DAYS", default=90)

# --- Onboarding -----------------------------------------------------------------------------
# Fernet keys for bank and government id numbers, newest first (rotation: add a new key in
# front, keep the old ones until re-encrypted). Empty: a key derived from SECRET_KEY.
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[])

# --- Forms, API -----------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Hiring API",
    "DESCRIPTION": "Staff API of a practice: /api/v1/practices/<practice-slug>/…, with the "
                   "same roles and the same blind-scoring rule as the staff pages.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Applications per visitor address: (attempts, seconds). Generous for a shared clinic Wi-Fi.
APPLY_RATE_LIMIT = (env.int("APPLY_RATE_LIMIT", default=12), 600)
