"""Acompaña settings. This is the only module that reads the environment.

With no variables set, the whole app runs on one machine with no services (the *embedded
default*): SQLite in WAL mode, media in ``var/media``, e-mail to the console and Celery on
kombu's ``filesystem://`` transport. ``DATABASE_URL=postgres://…`` and ``REDIS_URL=redis://…``
switch to PostgreSQL (psycopg 3) and Redis. Every variable is documented in ``.env.example``.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
# Local state of the embedded default (SQLite file, media, queue folders, beat schedule).
VAR_DIR = Path(env.str("ACOMPANA_VAR_DIR", default=str(BASE_DIR / "var")))

# ---------------------------------------------------------------------------------------------
# Core
# ---------------------------------------------------------------------------------------------
DEBUG = env.bool("DJANGO_DEBUG", default=False)
# True only in production.py; demo and destructive development commands refuse to run then.
IS_PRODUCTION = False
# The embedded default has a development key; production.py refuses to start without one.
# production.py refuses to start unless both of these come from the environment.
SECRET_KEY_FROM_ENV = env.str("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS_FROM_ENV = env.list("DJANGO_ALLOWED_HOSTS", default=[])
SECRET_KEY = SECRET_KEY_FROM_ENV or "embedded-default-development-key-never-used-in-production"
ALLOWED_HOSTS = ALLOWED_HOSTS_FROM_ENV or ["127.0.0.1", "localhost", "[::1]"]
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "simple_history",
    "clinic.core",
    "clinic.accounts",
    "clinic.audit",
    "clinic.notifications",
    "cases",
    "referrals",
    "directory",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "clinic.core.middleware.SessionTimeoutMiddleware",
    "clinic.core.middleware.DenyByDefaultMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "clinic.core.middleware.NoStoreMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clinic.urls"
WSGI_APPLICATION = "clinic.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clinic.core.context_processors.clinic",
            ],
        },
    },
]

# ---------------------------------------------------------------------------------------------
# Database: SQLite (embedded default) or PostgreSQL via DATABASE_URL
# ---------------------------------------------------------------------------------------------
VAR_DIR.mkdir(parents=True, exist_ok=True)
# An empty DATABASE_URL means the embedded default, like an unset one.
DATABASE_URL = env.str("DATABASE_URL", default="") or f"sqlite:///{VAR_DIR / 'acompana.sqlite3'}"
DATABASES = {"default": env.db_url_config(DATABASE_URL)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A web process and a Celery worker share the file: WAL lets readers run beside the
    # writer, the busy timeout waits instead of failing, IMMEDIATE avoids upgrade deadlocks.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
else:
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    # Fail fast when the server is unreachable (the health check answers within 2 s).
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", 1)
    # .iterator() (model choice fields) would open a server-side cursor: three extra round
    # trips for a 40-row list. Pages never stream large results; exports chunk explicitly.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---------------------------------------------------------------------------------------------
# Accounts, passwords, login protection
# ---------------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"

AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out username/IP pair before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2  # two hours

# django-axes: database handler, so lockouts hold while Redis is down.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "clinic.core.net.client_ip"
AXES_VERBOSE = False  # axes would log usernames and IPs at WARNING level
AXES_HTTP_RESPONSE_CODE = 429
AXES_DISABLE_ACCESS_LOG = True  # successful logins are in our own audit trail
# The lockout lasts exactly AXES_COOLOFF_TIME from the fifth failure; attempts during it do not
# extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Number of reverse proxies in front of the app whose X-Forwarded-For we trust (0 = none).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Two-factor login (django-otp). The demo command may switch it off for a local trial; every
# page then shows a "demo mode" banner.
REQUIRE_MFA = env.bool("REQUIRE_MFA", default=True)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Acompaña")
OTP_TOTP_THROTTLE_FACTOR = 1
MFA_RECOVERY_CODE_COUNT = 10
# The Django admin must never show authenticator keys or recovery codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Sessions: database-backed, idle timeout and an absolute lifetime (SessionTimeoutMiddleware).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_IDLE_TIMEOUT = timedelta(minutes=env.int("SESSION_IDLE_MINUTES", default=30))
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=env.int("SESSION_ABSOLUTE_HOURS", default=10))
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
SESSION_COOKIE_HTTPONLY = True
# Clinic computers are shared: closing the browser ends the session.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "acompana_session"
CSRF_COOKIE_NAME = "acompana_csrftoken"
LANGUAGE_COOKIE_NAME = "acompana_language"
LANGUAGE_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=False)
LANGUAGE_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=False)
CSRF_COOKIE_HTTPONLY = True

# Deny by default: every URL needs a verified login except these url names.
#   "public": reachable anonymously; "unverified": reachable after the password step but before
#   the second factor (enrolment and verification).
ACCESS_ALLOW_LIST = {
    "public": [
        "accounts:login",
        "accounts:password_reset",
        "accounts:password_reset_done",
        "accounts:password_reset_confirm",
        "accounts:password_reset_complete",
        "core:health",
        "set_language",
        # The private calendar address: a secret token (hashed at rest, revocable,
        # rate-limited) instead of a session, so calendar applications can read it.
        "cases:calendar_feed",
    ],
    "unverified": [
        "accounts:logout",
        "accounts:mfa_enrol",
        "accounts:mfa_verify",
    ],
}

# ---------------------------------------------------------------------------------------------
# HTTP security
# ---------------------------------------------------------------------------------------------
# Trust X-Forwarded-Proto only behind a reverse proxy: otherwise any client could claim HTTPS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY_COUNT else None
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=False)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# django-csp 4: no 'unsafe-inline' anywhere; everything is served from 'self'.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}

CSRF_FAILURE_VIEW = "clinic.core.views.csrf_failure"

# ---------------------------------------------------------------------------------------------
# Internationalisation
# ---------------------------------------------------------------------------------------------
LANGUAGE_CODE = "es-mx"
# Each language is named in itself (an autonym), whatever the interface language.
LANGUAGES = [("es-mx", "Español"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Mexico_City"
USE_I18N = True
USE_TZ = True

# ---------------------------------------------------------------------------------------------
# Static and media files
# ---------------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Served at the site root by WhiteNoise (favicon.ico), before any access control.
WHITENOISE_ROOT = BASE_DIR / "static_root"
# Django's default file storage. Nothing here is served by URL either; client files do not
# live here but in PRIVATE_FILES_ROOT.
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Client files (ID scans, evidence, signed consent forms), generated documents and the letterhead
# logo: stored under random names in this folder, which must lie outside STATIC_ROOT,
# MEDIA_ROOT and every folder served by WhiteNoise (a system check and the storage itself refuse
# otherwise). Only permission-checked views read it (cases/files.py, docs/files.md). Back it
# up with the database.
PRIVATE_FILES_ROOT = Path(env.str("DJANGO_PRIVATE_FILES_ROOT", default=str(VAR_DIR / "private")))
# The largest client file accepted (the issue's 20 MB), and the largest image in pixels (a
# 48-megapixel phone photo fits; decoding one takes ~150 MB of memory).
CLIENT_FILE_MAX_BYTES = 20 * 1024 * 1024
CLIENT_FILE_MAX_PIXELS = 50_000_000
# A request up to the file limit (plus the form's fields) is kept in memory, so an ID scan is
# never written in clear to a shared temporary folder. Bigger requests go to a handler that
# counts the bytes but keeps none past the limit: the refusal can state the real size without
# the disk filling up. (DATA_UPLOAD_MAX_MEMORY_SIZE, 2.5 MB, counts form fields only, never the
# file parts of a multipart request.)
FILE_UPLOAD_MAX_MEMORY_SIZE = CLIENT_FILE_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "cases.files.CappedTemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_NUMBER_FILES = 5  # every form uploads one file
# A statistics export can be downloaded for this many hours after it is built; then the hourly
# job removes its file (docs/statistics.md).
STATISTICS_EXPORT_HOURS = env.int("STATISTICS_EXPORT_HOURS", default=24)

# ---------------------------------------------------------------------------------------------
# E-mail
# ---------------------------------------------------------------------------------------------
# An empty EMAIL_URL means the console, like an unset one (production refuses both).
EMAIL_CONFIG = env.email_url_config(env.str("EMAIL_URL", default="") or "consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Acompaña <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address e-mails link to (reminders and digests are sent with no request to read it from).
# Production defaults to https://<first DJANGO_ALLOWED_HOSTS entry>.
SITE_URL = (env.str("SITE_URL", default="") or "http://127.0.0.1:8000").rstrip("/")
SITE_URL_FROM_ENV = bool(env.str("SITE_URL", default=""))
EMAIL_TIMEOUT = 10

# ---------------------------------------------------------------------------------------------
# Redis and Celery
# ---------------------------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_FILESYSTEM_DIR = VAR_DIR / "celery"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "socket_connect_timeout": 1,
        "socket_timeout": 5,
        # A late-acked task is redelivered after this; longer than any task's hard time limit.
        "visibility_timeout": 60 * 60,
    }
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_FILESYSTEM_DIR / "queue"),
        "data_folder_out": str(CELERY_FILESYSTEM_DIR / "queue"),
        "control_folder": str(CELERY_FILESYSTEM_DIR / "control"),
    }
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True  # job status lives in our own tables
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 5 * 60
CELERY_TASK_TIME_LIMIT = 6 * 60
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Publishing must give up quickly when the broker is down: the caller's save has already
# committed and the job row stays queued for the sweeper.
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "purge-expired-sessions": {
        "task": "clinic.core.tasks.purge_expired_sessions",
        "schedule": 60 * 60,
    },
    "purge-stale-intake-drafts": {
        "task": "cases.tasks.purge_stale_drafts",
        "schedule": 6 * 60 * 60,
    },
    # Files of statistics exports past their expiry are removed (the export rows stay).
    "purge-expired-statistics-exports": {
        "task": "reports.tasks.purge_expired_exports",
        "schedule": crontab(minute=15),
    },
    # 00:00 Mexico City (CELERY_TIMEZONE): clinic deadlines of yesterday become missed; watch
    # dates that passed get their follow-up. Runs again hourly: idempotent, catches up after
    # an outage.
    "mark-missed-deadlines": {
        "task": "cases.tasks.mark_missed_deadlines",
        "schedule": crontab(minute=0),
    },
    # Jobs still queued after a broker outage are published again.
    # Reminders are rows in the database, never ETA tasks: this finds the due ones and sends
    # each once (see clinic/notifications/reminders.py).
    "dispatch-reminders": {
        "task": "clinic.notifications.tasks.dispatch_reminders",
        "schedule": 5 * 60,
    },
    "daily-digest": {
        "task": "clinic.notifications.tasks.send_daily_digests",
        "schedule": crontab(minute=0, hour=7),
    },
    "sweep-jobs": {
        "task": "clinic.core.tasks.sweep_jobs",
        "schedule": 60,
    },
    "extend-signature-dates": {
        "task": "cases.tasks.extend_signatures",
        "schedule": crontab(minute=30, hour=1),
    },
}

# ---------------------------------------------------------------------------------------------
# History, logging
# ---------------------------------------------------------------------------------------------
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # 4xx warnings would log URLs and IPs of people's records; keep server errors only.
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
        # WeasyPrint logs every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
    },
}

# Clinic identity (letterhead and page titles).
CLINIC_NAME = env.str("CLINIC_NAME", default="Clínica jurídica")
