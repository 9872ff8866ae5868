"""Private file storage: client files now, generated documents later (docs/files.md).

* ``private_storage`` writes under ``settings.PRIVATE_FILES_ROOT`` — a folder outside every
  root that is served by URL (a system check and the storage itself refuse one inside), with
  files readable by the application's user only. Stored files have no URL: they leave only
  through a view that checked the reader's scope, as an attachment
  (:func:`private_file_response`).
* ``file_store_bytes`` stores bytes under a random name and returns it; ``sha256_of`` hashes.
* ``CappedTemporaryFileUploadHandler`` keeps an oversized upload from filling the disk.

Nothing here knows about clients or cases, so other features can store their files the same way.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
import uuid
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.http import FileResponse
from django.utils.functional import cached_property

logger = logging.getLogger(__name__)

EXTENSION = re.compile(r"^[a-z0-9]{1,10}$")
FILENAME_MAX_LENGTH = 150


# --- Where private files may live ------------------------------------------------------------


def public_roots() -> list[Path]:
    """Folders whose content is (or may be) served by URL without a permission check."""
    roots = [settings.STATIC_ROOT, settings.MEDIA_ROOT, getattr(settings, "WHITENOISE_ROOT", None)]
    for entry in settings.STATICFILES_DIRS:
        roots.append(entry[1] if isinstance(entry, list | tuple) else entry)
    return [Path(root) for root in roots if root]


def _is_inside(path: Path, folder: Path) -> bool:
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


def private_root_problem(root: Path | str | None = None) -> str | None:
    """Why ``root`` (default: ``PRIVATE_FILES_ROOT``) cannot hold private files, or None."""
    root = Path(root if root is not None else settings.PRIVATE_FILES_ROOT)
    for public in public_roots():
        if _is_inside(root, public):
            return (
                f"PRIVATE_FILES_ROOT ({root}) lies inside {public}, a folder served by URL: "
                "client files would be public. Set DJANGO_PRIVATE_FILES_ROOT elsewhere."
            )
    return None


class PrivateFileHasNoURL(RuntimeError):
    """Raised when code asks for a private file's URL: they are only ever served by a view
    that checked the reader's scope (``private_file_response``)."""


class PrivateFileStorage(FileSystemStorage):
    """The file system under ``PRIVATE_FILES_ROOT``: files 0600, folders 0700, no URLs.

    The root is read from the settings when first used (and again when a test changes it), and
    refused when it lies inside a public folder."""

    def __init__(self):
        super().__init__(file_permissions_mode=0o600, directory_permissions_mode=0o700)

    @cached_property
    def base_location(self):
        problem = private_root_problem()
        if problem:
            raise ImproperlyConfigured(problem)
        return str(settings.PRIVATE_FILES_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting in {"PRIVATE_FILES_ROOT", "STATIC_ROOT", "MEDIA_ROOT", "STATICFILES_DIRS"}:
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        # Deliberately refused, not unfinished: a URL would bypass the scope check and audit.
        raise PrivateFileHasNoURL(
            "Private files have no URL: serve them through a permission-checked view."
        )


private_storage = PrivateFileStorage()


# --- Storing ---------------------------------------------------------------------------------


def sha256_of(data: bytes) -> str:
    """The SHA-256 of ``data``, as 64 lowercase hexadecimal characters."""
    return hashlib.sha256(data).hexdigest()


def file_store_bytes(data: bytes, extension: str) -> str:
    """Store ``data`` in the private storage under a new random name and return that name.

    The name (``ab/ab12…ef.pdf``: a random UUID, sharded by its first two characters) says
    nothing about the person or the document; it never overwrites an existing file."""
    extension = extension.lower().lstrip(".")
    if not EXTENSION.match(extension):
        raise ValueError("The extension must be 1 to 10 lowercase letters or digits.")
    token = uuid.uuid4().hex
    return private_storage.save(f"{token[:2]}/{token}.{extension}", ContentFile(data))


def file_read_bytes(name: str) -> bytes:
    with private_storage.open(name, "rb") as handle:
        return handle.read()


def file_discard(name: str) -> None:
    """Remove a file that was stored but never recorded (its database row failed to save).
    Files that are recorded are never deleted: their rows are archived."""
    try:
        private_storage.delete(name)
    except OSError:
        logger.exception("Could not remove an unrecorded private file")


# --- Upload handling -------------------------------------------------------------------------


class CappedTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Receives the uploads too big to keep in memory (FILE_UPLOAD_MAX_MEMORY_SIZE).

    It writes a file to disk only while it stays within ``CLIENT_FILE_MAX_BYTES``; past that it
    empties the file and only counts the bytes that keep arriving. The file then has its real
    ``size`` and ``is_truncated = True``, so the refusal can say how big it was while nothing of
    it is kept."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.is_truncated = False

    def receive_data_chunk(self, raw_data, start):
        if self.is_truncated:
            return None
        if start + len(raw_data) > settings.CLIENT_FILE_MAX_BYTES:
            self.is_truncated = True
            self.file.seek(0)
            self.file.truncate()
            return None
        self.file.write(raw_data)
        return None

    def file_complete(self, file_size):
        uploaded = super().file_complete(file_size)
        uploaded.is_truncated = self.is_truncated
        return uploaded


# --- File names and downloads ----------------------------------------------------------------


def clean_filename(name: str, *, default: str = "archivo") -> str:
    """A file name as typed by a person, made safe to keep and show: the last path component
    only, no control or direction-override characters, no leading dots, at most
    ``FILENAME_MAX_LENGTH`` characters (the extension is kept)."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(
        " " if char.isspace() else char
        for char in name
        if char.isspace() or unicodedata.category(char)[0] != "C"
    )
    name = " ".join(name.split()).lstrip(". ")
    if len(name) > FILENAME_MAX_LENGTH:
        stem, dot, extension = name.rpartition(".")
        if dot and stem and len(extension) <= 10:
            name = stem[: FILENAME_MAX_LENGTH - len(extension) - 1].rstrip() + "." + extension
        else:
            name = name[:FILENAME_MAX_LENGTH]
    return name or default


def ascii_filename(name: str) -> str:
    """An ASCII-only stand-in for ``name`` for old clients: accents dropped, anything that is not
    a letter, digit, dot, dash, underscore, space or parenthesis replaced by ``_``."""
    characters = []
    for char in unicodedata.normalize("NFC", name):
        decomposed = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        characters.append(decomposed or "_")
    plain = re.sub(r"[^A-Za-z0-9._() -]", "_", "".join(characters)).strip(" .")
    stem, dot, extension = plain.rpartition(".")
    if not plain or (dot and not stem.strip("_ ")):
        return f"archivo.{extension}" if dot and extension else "archivo"
    return plain


def content_disposition_attachment(filename: str) -> str:
    """``attachment`` with a quoted ASCII ``filename`` and the exact name as RFC 5987
    ``filename*`` (UTF-8, percent-encoded): the browser saves the file, never shows it."""
    return (
        f'attachment; filename="{ascii_filename(filename)}"; '
        f"filename*=UTF-8''{quote(filename, safe='')}"
    )


def private_file_response(*, storage_name: str, filename: str, content_type: str) -> FileResponse:
    """A download of a private file. The caller has checked who may read it and audited it.

    Always an attachment with the stored type, never sniffed, never cached. Raises
    ``FileNotFoundError`` when the file is missing from the storage."""
    response = FileResponse(private_storage.open(storage_name, "rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition_attachment(filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    return response
