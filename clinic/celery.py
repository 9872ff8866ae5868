"""The Celery application.

Configuration comes from Django settings (``CELERY_*``). On the embedded default the broker is
kombu's ``filesystem://`` transport, whose folders must exist before a worker or producer starts:
they are created here. Results are ignored; job status lives in our own tables.
"""

import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings.base")

app = Celery("clinic")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def ensure_filesystem_broker_folders() -> None:
    """Create the filesystem transport's folders (idempotent)."""
    from django.conf import settings

    if not settings.CELERY_BROKER_URL.startswith("filesystem://"):
        return
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    for key in ("data_folder_in", "data_folder_out", "control_folder"):
        Path(options[key]).mkdir(parents=True, exist_ok=True)
