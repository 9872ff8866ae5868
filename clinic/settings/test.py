"""Test settings: fast hashing, in-memory e-mail, plain static storage for the live server.

The database comes from DATABASE_URL like everywhere else (the README's test command points it
at PostgreSQL); without it the suite runs on SQLite, and service-marked tests skip — or fail
when ACOMPANA_REQUIRE_SERVICES=1, as in CI.
"""

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    # The live server serves files straight from the finders (no manifest to build).
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
CELERY_BEAT_SCHEDULE = {}

# Client files written by tests go to a throwaway folder, never into var/private (each test
# gets its own through the autouse fixture in tests/conftest.py).
PRIVATE_FILES_ROOT = Path(tempfile.gettempdir()) / "acompana-test-private"

# Under pytest-xdist every worker has its own test database (test_acompana_gw0, …) and, here,
# its own Redis database (15 for gw0, 14 for gw1, …), so one worker's Celery worker never takes
# another's jobs.
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _XDIST_WORKER.startswith("gw"):  # noqa: F405
    _redis = urlsplit(REDIS_URL)  # noqa: F405
    _database = int(_redis.path.strip("/") or 15) - int(_XDIST_WORKER[2:])
    REDIS_URL = urlunsplit(_redis._replace(path=f"/{_database}"))
    CELERY_BROKER_URL = REDIS_URL

# Test data need not survive a power cut: commits do not wait for the write-ahead log to reach
# the disk (the server stays as configured; only the test connections ask for this).
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"]["OPTIONS"]["options"] = "-c synchronous_commit=off"  # noqa: F405
