"""Private file storage for generated documents and the letterhead logo.

Files live under ``settings.PRIVATE_FILES_ROOT``, outside the static and media roots: no URL
serves them. A person gets one only through a view that checks her scope, role and audits the
download. Names are random (no personal data in a path); contents are identified by SHA-256.

The same three functions as ``cases.files`` (built in another branch) so the two can be merged.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from typing import IO

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from clinic.core import clock

_EXTENSION = re.compile(r"^[a-z0-9]{1,8}$")


def private_storage() -> FileSystemStorage:
    """The storage itself (read at call time so tests can move ``PRIVATE_FILES_ROOT``)."""
    return FileSystemStorage(
        location=settings.PRIVATE_FILES_ROOT,
        base_url=None,
        file_permissions_mode=0o600,
        directory_permissions_mode=0o700,
    )


def file_store_bytes(data: bytes, extension: str) -> str:
    """Store ``data`` under a new random name (``YYYY/MM/<uuid>.<extension>``) and return the
    storage name. Never overwrites a file."""
    extension = extension.lower().lstrip(".")
    if not _EXTENSION.match(extension):
        raise ValueError("invalid file extension")
    today = clock.today()
    name = f"{today:%Y}/{today:%m}/{uuid.uuid4().hex}.{extension}"
    return private_storage().save(name, ContentFile(data))


def sha256_of(data: bytes | IO[bytes]) -> str:
    """Hex SHA-256 of bytes or of a binary file object (read in chunks from its start)."""
    digest = hashlib.sha256()
    if isinstance(data, bytes | bytearray | memoryview):
        digest.update(data)
        return digest.hexdigest()
    if hasattr(data, "seek"):
        data.seek(0)
    for chunk in iter(lambda: data.read(64 * 1024), b""):
        digest.update(chunk)
    return digest.hexdigest()
