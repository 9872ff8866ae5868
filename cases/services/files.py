"""Client files: checking an upload, storing it without metadata, archiving it (docs/files.md).

What is accepted: PDF, JPEG and PNG only, by extension **and** by content (the first bytes must
be the type's signature), at most ``CLIENT_FILE_MAX_BYTES``. Images are decoded and written
again with Pillow — upright (EXIF orientation applied), without EXIF, GPS, XMP, comments or PNG
text chunks — so what is stored is pixels only; the SHA-256 is taken of the stored bytes. PDFs
are stored as they came (served only as downloads). Every refusal says what is wrong in words
the person can act on.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from cases import choices
from cases.file_selectors import can_archive_client_file, can_attach_to_case
from cases.files import clean_filename, file_discard, file_store_bytes, sha256_of
from cases.models import Case, Client, ClientFile
from cases.selectors import client_is_in_scope
from clinic.accounts.models import User
from clinic.audit.models import AuditAction
from clinic.audit.services import audit_record
from clinic.core import clock

from .common import save_tracked

logger = logging.getLogger(__name__)
MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class FileKind:
    label: str
    content_type: str
    extension: str
    signature: bytes
    pillow_format: str | None  # None: stored as it came


PDF = FileKind("PDF", choices.FileType.PDF, "pdf", b"%PDF-", None)
JPEG = FileKind("JPEG", choices.FileType.JPEG, "jpg", b"\xff\xd8\xff", "JPEG")
PNG = FileKind("PNG", choices.FileType.PNG, "png", b"\x89PNG\r\n\x1a\n", "PNG")
KINDS_BY_EXTENSION = {"pdf": PDF, "jpg": JPEG, "jpeg": JPEG, "png": PNG}


@dataclass(frozen=True)
class CheckedFile:
    """An accepted upload, ready to store: its bytes (images already stripped) and type."""

    data: bytes
    kind: FileKind
    original_name: str


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError({"upload": ValidationError(message, code=code)})


def _megabytes(size: int) -> str:
    return f"{size / MEGABYTE:.1f}"


def _kind_of_content(head: bytes) -> FileKind | None:
    return next((kind for kind in (PDF, JPEG, PNG) if head.startswith(kind.signature)), None)


def _too_many_pixels(width: int | None = None, height: int | None = None) -> ValidationError:
    limit = settings.CLIENT_FILE_MAX_PIXELS // 1_000_000
    if width and height:
        message = _(
            "The image is too large: %(width)s by %(height)s pixels; the maximum is %(limit)s "
            "megapixels. Reduce its resolution and upload it again."
        ) % {"width": width, "height": height, "limit": limit}
    else:
        message = _(
            "The image is too large: it has more than %(limit)s megapixels. Reduce its "
            "resolution and upload it again."
        ) % {"limit": limit}
    return _refuse(message, "too_many_pixels")


def _strip_image(data: bytes, kind: FileKind) -> bytes:
    """Decode the image and encode it again, upright and without any metadata but its colour
    profile (and a PNG's transparency)."""
    try:
        image = Image.open(io.BytesIO(data), formats=[kind.pillow_format])
        width, height = image.size
    except Image.DecompressionBombError:
        raise _too_many_pixels() from None
    except Exception:  # Pillow raises many kinds of error on a damaged file
        raise _corrupt() from None
    if width * height > settings.CLIENT_FILE_MAX_PIXELS:
        raise _too_many_pixels(width, height)
    try:
        image.load()
        ImageOps.exif_transpose(image, in_place=True)
    except Image.DecompressionBombError:
        raise _too_many_pixels(width, height) from None
    except Exception:
        raise _corrupt() from None
    icc_profile = image.info.get("icc_profile")
    transparency = image.info.get("transparency")
    # Nothing read from the file goes back out: EXIF (GPS), XMP, comments, PNG text chunks.
    image.info = {}
    options = {"icc_profile": icc_profile} if icc_profile else {}
    output = io.BytesIO()
    if kind is JPEG:
        if image.mode not in ("L", "RGB", "CMYK"):
            image = image.convert("RGB")
        image.save(output, format="JPEG", quality=90, optimize=True, **options)
    else:
        if transparency is not None and image.mode in ("P", "L", "RGB"):
            options["transparency"] = transparency
        try:
            image.save(output, format="PNG", **options)
        except (OSError, ValueError):
            output = io.BytesIO()
            image.convert("RGBA").save(output, format="PNG")
    return output.getvalue()


def _corrupt() -> ValidationError:
    return _refuse(
        _(
            "The image could not be read: it is damaged or incomplete. Take or export the "
            "picture again and upload it."
        ),
        "corrupt",
    )


def inspect_upload(upload) -> CheckedFile:
    """Check an uploaded file (a Django ``UploadedFile``) and return what to store, or raise
    ``ValidationError`` on ``upload`` with a message that says exactly what is wrong.

    The size is checked before any byte is read; an upload cut short by
    ``CappedTemporaryFileUploadHandler`` is refused here with its real size."""
    if upload is None:
        raise _refuse(_("Choose a file to upload."), "required")
    original_name = clean_filename(upload.name)
    limit = settings.CLIENT_FILE_MAX_BYTES
    if getattr(upload, "is_truncated", False) or upload.size > limit:
        raise _refuse(
            _(
                "The file weighs %(size)s MB; the maximum is %(limit)s MB. Scan it at a lower "
                "resolution or split it into several files."
            )
            % {"size": _megabytes(upload.size), "limit": limit // MEGABYTE},
            "too_large",
        )
    if upload.size == 0:
        raise _refuse(_("The file is empty. Choose it again."), "empty")
    stem, dot, extension = original_name.rpartition(".")
    extension = extension.lower() if dot and stem else ""
    claimed = KINDS_BY_EXTENSION.get(extension)
    if claimed is None:
        if extension:
            message = _(
                "Only PDF, JPEG or PNG files are accepted; this one is a .%(extension)s file. Save "
                "or scan the document as PDF, or the photo as JPEG or PNG."
            ) % {"extension": extension[:10]}
        else:
            message = _(
                "Only PDF, JPEG or PNG files are accepted; this one has no extension. Save or "
                "scan the document as PDF, or the photo as JPEG or PNG."
            )
        raise _refuse(message, "type_not_allowed")
    upload.seek(0)
    data = upload.read()
    actual = _kind_of_content(data[:16])
    if actual is not claimed:
        if actual is None:
            message = _(
                "The file says it is %(claimed)s but its content is not %(claimed)s. Save or "
                "scan it again as %(claimed)s and upload it."
            ) % {"claimed": claimed.label}
        else:
            message = _(
                "The file says it is %(claimed)s but its content is %(actual)s. Rename it to "
                "end in .%(extension)s and upload it again."
            ) % {"claimed": claimed.label, "actual": actual.label, "extension": actual.extension}
        raise _refuse(message, "content_mismatch")
    if claimed.pillow_format:
        data = _strip_image(data, claimed)
    return CheckedFile(data=data, kind=claimed, original_name=original_name)


@transaction.atomic
def client_file_upload(
    *,
    client: Client,
    case: Case | None = None,
    category: str,
    description: str = "",
    upload,
    by: User,
    request: HttpRequest | None = None,
) -> ClientFile:
    """Check, store and record a file of ``client`` (attached to ``case`` when given).

    Refuses (``ValidationError``) a client outside the user's scope or archived, a case that is
    not hers or that the user may not write to, and any file ``inspect_upload`` refuses. The
    stored bytes are the checked ones (images stripped), under a random name; ``sha256`` is
    their hash. Writes history ("Uploaded") and an audit event with ids only."""
    if not client_is_in_scope(user=by, client=client):
        raise ValidationError(_("You cannot add files to this client."))
    if client.is_archived:
        raise ValidationError(
            _("Her record is archived: a coordinator must restore it before files are added.")
        )
    if case is not None:
        if case.client_id != client.pk:
            raise ValidationError({"case": _("This case belongs to another client.")})
        if not can_attach_to_case(user=by, case=case):
            raise ValidationError(
                {
                    "case": _(
                        "Only the attorneys assigned to this case and coordinators can add "
                        "files to it."
                    )
                }
            )
    if category not in choices.FileCategory.values:
        raise ValidationError({"category": _("Choose what kind of file it is.")})
    checked = inspect_upload(upload)
    storage_name = file_store_bytes(checked.data, checked.kind.extension)
    try:
        client_file = ClientFile(
            client=client,
            case=case,
            category=category,
            description=description.strip(),
            original_name=checked.original_name,
            content_type=checked.kind.content_type,
            size=len(checked.data),
            sha256=sha256_of(checked.data),
            storage_name=storage_name,
            uploaded_by=by,
        )
        save_tracked(client_file, by=by, reason=_("Uploaded"))
        audit_record(action=AuditAction.UPLOAD, request=request, user=by, obj=client_file)
    except BaseException:
        file_discard(storage_name)
        raise
    return client_file


@transaction.atomic
def client_file_archive(*, client_file: ClientFile, by: User, reason: str) -> ClientFile:
    """Archive a file with a reason: it leaves the lists and only coordinators can still open
    it. The row and the bytes stay (history keeps who archived it and why)."""
    if client_file.is_archived:
        raise ValidationError(_("This file is already archived."))
    if not can_archive_client_file(user=by, client_file=client_file):
        raise ValidationError(
            _("Only the person who uploaded it, her team or a coordinator can archive this file.")
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for archiving.")})
    client_file.archived_at = clock.now()
    client_file.archived_by = by
    client_file.archive_reason = reason.strip()
    save_tracked(client_file, by=by, reason=_("Archived"))
    return client_file
