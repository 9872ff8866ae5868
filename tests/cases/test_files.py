"""Client files: what is accepted, what is stored (no metadata, random name, private folder),
the fingerprint, and the storage helpers (docs/files.md)."""

import io
import os
import stat
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils import translation
from PIL import Image

from cases import choices
from cases.checks import private_files_root_check
from cases.files import (
    PrivateFileHasNoURL,
    ascii_filename,
    clean_filename,
    content_disposition_attachment,
    file_read_bytes,
    file_store_bytes,
    private_storage,
    sha256_of,
)
from cases.models import ClientFile
from cases.services import files as file_services
from clinic.audit.models import AuditAction, AuditEvent
from tests.cases.factories import ClientFactory
from tests.cases.file_samples import (
    GPS_IFD,
    HTML,
    PDF,
    SVG,
    jpeg_with_gps,
    plain_png,
    png_claiming,
    png_with_metadata,
    upload,
)

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


@pytest.fixture(autouse=True)
def _english():
    # Messages are checked by their English text; the Spanish ones come from the catalogue.
    with translation.override("en"):
        yield


@pytest.fixture
def coordinator(make_user):
    return make_user("coordinator")


@pytest.fixture
def client_record():
    return ClientFactory()


def _upload(client_record, by, name, data, category=choices.FileCategory.IDENTITY_SCAN, **kw):
    return file_services.client_file_upload(
        client=client_record,
        category=category,
        description=kw.pop("description", ""),
        upload=upload(name, data),
        by=by,
        **kw,
    )


def _refusal(client_record, by, name, data) -> str:
    with pytest.raises(ValidationError) as refused:
        _upload(client_record, by, name, data)
    return " ".join(refused.value.message_dict["upload"])


def _stored_files() -> list[Path]:
    root = Path(settings.PRIVATE_FILES_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


# --- Refusals ------------------------------------------------------------------------------


def test_an_html_file_renamed_pdf_is_refused_with_a_clear_message(client_record, coordinator):
    message = _refusal(client_record, coordinator, "constancia.pdf", HTML)

    assert message == (
        "The file says it is PDF but its content is not PDF. Save or scan it again as PDF and "
        "upload it."
    )
    assert ClientFile.objects.count() == 0
    assert _stored_files() == []


def test_an_svg_is_refused_with_the_allowed_types(client_record, coordinator):
    message = _refusal(client_record, coordinator, "dibujo.svg", SVG)

    assert message == (
        "Only PDF, JPEG or PNG files are accepted; this one is a .svg file. Save or scan the "
        "document as PDF, or the photo as JPEG or PNG."
    )
    assert ClientFile.objects.count() == 0


def test_an_svg_renamed_png_is_refused_by_its_content(client_record, coordinator):
    message = _refusal(client_record, coordinator, "dibujo.png", SVG)

    assert message.startswith("The file says it is PNG but its content is not PNG.")


def test_a_png_named_jpg_is_refused_and_told_what_it_really_is(client_record, coordinator):
    message = _refusal(client_record, coordinator, "foto.jpg", plain_png())

    assert message == (
        "The file says it is JPEG but its content is PNG. Rename it to end in .png and upload "
        "it again."
    )


@pytest.mark.parametrize("name", ["sin-extension", "informe.pdf.exe", "foto.jpeg.html", ".pdf"])
def test_names_without_an_allowed_last_extension_are_refused(client_record, coordinator, name):
    message = _refusal(client_record, coordinator, name, PDF)

    assert message.startswith("Only PDF, JPEG or PNG files are accepted;")


def test_a_21_mb_file_is_refused_with_its_size(client_record, coordinator):
    data = PDF + b"0" * (21 * MB - len(PDF))

    message = _refusal(client_record, coordinator, "expediente.pdf", data)

    assert message == (
        "The file weighs 21.0 MB; the maximum is 20 MB. Scan it at a lower resolution or split "
        "it into several files."
    )
    assert _stored_files() == []


def test_exactly_20_mb_is_accepted(client_record, coordinator):
    data = PDF + b"0" * (20 * MB - len(PDF))

    stored = _upload(client_record, coordinator, "expediente.pdf", data)

    assert stored.size == 20 * MB


def test_an_empty_file_is_refused(client_record, coordinator):
    assert _refusal(client_record, coordinator, "vacio.pdf", b"") == (
        "The file is empty. Choose it again."
    )


def test_a_damaged_image_is_refused_with_a_clear_message(client_record, coordinator):
    message = _refusal(client_record, coordinator, "foto.jpg", jpeg_with_gps()[:300])

    assert message == (
        "The image could not be read: it is damaged or incomplete. Take or export the picture "
        "again and upload it."
    )
    assert _stored_files() == []


def test_an_image_with_too_many_pixels_is_refused_before_it_is_decoded(client_record, coordinator):
    message = _refusal(client_record, coordinator, "foto.png", png_claiming(10_000, 6_000))

    assert message == (
        "The image is too large: 10000 by 6000 pixels; the maximum is 50 megapixels. Reduce "
        "its resolution and upload it again."
    )


def test_a_decompression_bomb_is_refused(client_record, coordinator):
    message = _refusal(client_record, coordinator, "bomba.png", png_claiming(40_000, 40_000))

    assert message == (
        "The image is too large: it has more than 50 megapixels. Reduce its resolution and "
        "upload it again."
    )


# --- What is stored --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "content_type", "extension"),
    [
        ("consentimiento.pdf", PDF, "application/pdf", "pdf"),
        ("foto.JPEG", jpeg_with_gps(), "image/jpeg", "jpg"),
        ("foto.jpg", jpeg_with_gps(), "image/jpeg", "jpg"),
        ("captura.png", plain_png(), "image/png", "png"),
    ],
)
def test_pdf_jpeg_and_png_are_accepted(
    client_record, coordinator, name, data, content_type, extension
):
    stored = _upload(client_record, coordinator, name, data, description="  Pasaporte  ")

    assert stored.content_type == content_type
    assert stored.original_name == name
    assert stored.description == "Pasaporte"
    assert stored.uploaded_by == coordinator
    assert stored.storage_name.endswith(f".{extension}")
    assert private_storage.exists(stored.storage_name)
    assert stored.history.first().history_change_reason == "Uploaded"


def test_a_pdf_is_stored_byte_for_byte(client_record, coordinator):
    stored = _upload(client_record, coordinator, "consentimiento.pdf", PDF)

    assert file_read_bytes(stored.storage_name) == PDF


def test_a_jpeg_with_gps_is_stored_without_any_metadata_and_upright(client_record, coordinator):
    # given: the sample really carries GPS, camera, XMP and a comment
    original = jpeg_with_gps(width=40, height=20)
    source = Image.open(io.BytesIO(original))
    assert source.getexif().get_ifd(GPS_IFD)[2] == (19.0, 25.0, 42.0)
    assert {"exif", "xmp", "comment"} <= set(source.info)
    # when
    stored = _upload(client_record, coordinator, "golpes.jpg", original)
    # then
    data = file_read_bytes(stored.storage_name)
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    assert dict(image.getexif()) == {}
    assert image.getexif().get_ifd(GPS_IFD) == {}
    assert {"exif", "xmp", "comment"} & set(image.info) == set()
    assert b"Exif" not in data
    assert b"Casa de Rosa" not in data
    assert b"GPSLatitude" not in data
    assert image.size == (20, 40)  # EXIF orientation 6 applied, then dropped


def test_a_png_is_stored_without_text_chunks_exif_or_xmp(client_record, coordinator):
    original = png_with_metadata()
    source = Image.open(io.BytesIO(original))
    source.load()
    assert {"Author", "Comment", "Description", "exif"} <= set(source.info)

    stored = _upload(client_record, coordinator, "captura.png", original)

    data = file_read_bytes(stored.storage_name)
    image = Image.open(io.BytesIO(data))
    image.load()
    assert image.format == "PNG"
    assert image.mode == "RGBA"
    assert image.info == {}
    assert image.text == {}
    assert dict(image.getexif()) == {}
    for chunk in (b"tEXt", b"zTXt", b"iTXt", b"eXIf"):
        assert chunk not in data


def test_sha256_and_size_are_those_of_the_stored_bytes(client_record, coordinator):
    original = jpeg_with_gps()

    stored = _upload(client_record, coordinator, "foto.jpg", original)

    data = file_read_bytes(stored.storage_name)
    assert stored.sha256 == sha256_of(data)
    assert stored.size == len(data)
    assert stored.sha256 != sha256_of(original)  # the metadata was taken out first


def test_files_are_stored_privately_under_a_random_name(client_record, coordinator):
    stored = _upload(client_record, coordinator, "pasaporte-rosa.pdf", PDF)
    again = _upload(client_record, coordinator, "pasaporte-rosa.pdf", PDF)

    path = Path(private_storage.path(stored.storage_name)).resolve()
    assert Path(settings.PRIVATE_FILES_ROOT).resolve() in path.parents
    for public in (settings.STATIC_ROOT, settings.MEDIA_ROOT, settings.WHITENOISE_ROOT):
        assert Path(public).resolve() not in path.parents
    assert "rosa" not in stored.storage_name
    assert "pasaporte" not in stored.storage_name
    assert stored.storage_name != again.storage_name
    assert stored.sha256 == again.sha256
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700


def test_an_upload_is_audited_with_ids_only(client_record, coordinator):
    stored = _upload(client_record, coordinator, "pasaporte-rosa.pdf", PDF)

    event = AuditEvent.objects.get(action=AuditAction.UPLOAD)
    assert (event.user, event.object_type, event.object_pk) == (
        coordinator,
        "cases.clientfile",
        str(stored.pk),
    )
    assert "rosa" not in str(AuditEvent.objects.values_list()).lower()


def test_a_row_that_fails_to_save_leaves_no_file_behind(client_record, coordinator):
    with pytest.raises(ValidationError):
        _upload(client_record, coordinator, "a.pdf", PDF, category="not-a-category")

    assert _stored_files() == []


# --- Who may add files where -----------------------------------------------------------------


def test_a_case_of_another_client_is_refused(file_world):
    other = ClientFactory()

    with pytest.raises(ValidationError) as refused:
        _upload(
            other, file_world["coordinator"], "a.pdf", PDF, case=file_world["cases"]["ordinary"]
        )

    assert refused.value.message_dict == {"case": ["This case belongs to another client."]}


def test_a_teammate_not_assigned_to_a_case_cannot_attach_files_to_it(file_world):
    before = ClientFile.objects.count()

    with pytest.raises(ValidationError) as refused:
        _upload(
            file_world["client"],
            file_world["teammate"],
            "a.pdf",
            PDF,
            case=file_world["cases"]["ordinary"],
        )

    assert "case" in refused.value.message_dict
    assert ClientFile.objects.count() == before


def test_a_teammate_may_add_a_file_of_the_client_herself(file_world):
    stored = _upload(file_world["client"], file_world["teammate"], "a.pdf", PDF)

    assert stored.case is None


def test_someone_outside_her_scope_cannot_add_files(file_world):
    with pytest.raises(ValidationError):
        _upload(file_world["client"], file_world["outsider"], "a.pdf", PDF)


def test_an_archived_client_gets_no_new_files(client_record, coordinator):
    from cases.services.clients import client_archive

    client_archive(client=client_record, by=coordinator, reason="duplicado")

    with pytest.raises(ValidationError) as refused:
        _upload(client_record, coordinator, "a.pdf", PDF)

    assert refused.value.messages == [
        "Her record is archived: a coordinator must restore it before files are added."
    ]


def test_archiving_keeps_the_row_and_the_bytes(file_world):
    client_file = file_world["files"]["identity"]

    file_services.client_file_archive(
        client_file=client_file, by=file_world["assigned"], reason="Copia ilegible"
    )

    client_file.refresh_from_db()
    assert client_file.archived_by == file_world["assigned"]
    assert client_file.archive_reason == "Copia ilegible"
    assert private_storage.exists(client_file.storage_name)
    assert client_file.history.first().history_change_reason == "Archived"


def test_archiving_needs_a_reason_and_the_right_person(file_world):
    client_file = file_world["files"]["ordinary"]
    with pytest.raises(ValidationError):
        file_services.client_file_archive(
            client_file=client_file, by=file_world["assigned"], reason="  "
        )
    with pytest.raises(ValidationError):
        file_services.client_file_archive(
            client_file=client_file, by=file_world["teammate"], reason="error"
        )

    client_file.refresh_from_db()
    assert client_file.archived_at is None


# --- Storage helpers and settings ------------------------------------------------------------


def test_store_bytes_gives_a_new_random_name_each_time():
    first = file_store_bytes(b"%PDF-1", "PDF")
    second = file_store_bytes(b"%PDF-1", "pdf")

    assert first != second
    assert first.endswith(".pdf")
    assert first[:2] == first[3:5]  # sharded by the first two characters of the token
    assert file_read_bytes(first) == b"%PDF-1"


def test_store_bytes_refuses_a_strange_extension():
    with pytest.raises(ValueError):
        file_store_bytes(b"x", "../pdf")


def test_private_files_have_no_url():
    with pytest.raises(PrivateFileHasNoURL):
        private_storage.url("ab/abc.pdf")


@pytest.mark.parametrize("public", ["STATIC_ROOT", "MEDIA_ROOT"])
def test_a_private_root_inside_a_public_root_is_refused(settings, public):
    settings.PRIVATE_FILES_ROOT = Path(getattr(settings, public)) / "private"

    errors = private_files_root_check(None)

    assert [error.id for error in errors] == ["cases.E001"]
    with pytest.raises(ImproperlyConfigured):
        file_store_bytes(b"%PDF-1", "pdf")


def test_a_private_root_inside_the_served_static_folders_is_refused(settings):
    settings.PRIVATE_FILES_ROOT = settings.WHITENOISE_ROOT

    assert [error.id for error in private_files_root_check(None)] == ["cases.E001"]


def test_the_private_root_of_the_tests_passes_the_check():
    assert private_files_root_check(None) == []


def test_the_default_private_root_is_in_var_and_outside_the_public_roots():
    from clinic.settings import base

    assert base.PRIVATE_FILES_ROOT == base.VAR_DIR / "private"
    assert private_files_root_check(None) == []


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("C:\\fakepath\\pasaporte.pdf", "pasaporte.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..pdf", "pdf"),
        ("gpj\u202e.exe.pdf", "gpj.exe.pdf"),  # a right-to-left override is removed
        ("  acta   de\tnacimiento.pdf ", "acta de nacimiento.pdf"),
        ("", "archivo"),
        ("a" * 300 + ".pdf", "a" * 146 + ".pdf"),
    ],
)
def test_file_names_are_cleaned(typed, kept):
    assert clean_filename(typed) == kept


@pytest.mark.parametrize(
    ("name", "fallback"),
    [
        ("constancia.pdf", "constancia.pdf"),
        ("Acta de nacimiento \u2013 Niña.pdf", "Acta de nacimiento _ Nina.pdf"),
        ('mal"nombre;.png', "mal_nombre_.png"),
        ("ñ.pdf", "n.pdf"),
        ("档案.pdf", "archivo.pdf"),
    ],
)
def test_downloads_name_the_file_in_ascii_and_in_utf8(name, fallback):
    assert ascii_filename(name) == fallback
    header = content_disposition_attachment(name)
    assert header.startswith(f"attachment; filename=\"{fallback}\"; filename*=UTF-8''")
