"""Test settings: fast hashing, in-memory e-mail, plain static storage for the live server.

The database comes from DATABASE_URL like everywhere else (the README's test command points it
at PostgreSQL); without it the suite runs on SQLite, and service-marked tests skip — or fail
when ACOMPANA_REQUIRE_SERVICES=1, as in CI.
"""

import tempfile
from pathlib import Path

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
# Generated PDFs of the test run go to a throw-away folder, never to var/private.
PRIVATE_FILES_ROOT = Path(tempfile.mkdtemp(prefix="acompana-private-"))
