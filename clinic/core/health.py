"""Dependency checks for ``/health/``. Each check is bounded to about a second."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.db import connection


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any database error means "down"
        return False


def broker_ok() -> bool:
    """True when the Celery broker accepts connections (Redis answers PING within a second, or
    the filesystem transport's folders are writable)."""
    if settings.CELERY_BROKER_URL.startswith("filesystem://"):
        options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
        folders = [Path(options["data_folder_in"]), Path(options["control_folder"])]
        return all(folder.is_dir() and os.access(folder, os.W_OK) for folder in folders)
    import redis

    try:
        # Half a second each to connect and to answer: with the database's one-second connect
        # timeout the whole check stays under two seconds.
        client = redis.Redis.from_url(
            settings.CELERY_BROKER_URL, socket_connect_timeout=0.5, socket_timeout=0.5
        )
        try:
            return bool(client.ping())
        finally:
            client.close()
    except redis.RedisError:
        return False
