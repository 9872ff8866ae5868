"""Client files in Chromium: the attorney uploads an HTML page renamed .pdf and reads why it was
refused; then a photo with its GPS position, which is listed, downloads as an attachment and is
stored without its location. No CSP violation on any page."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from PIL import Image
from playwright.sync_api import expect

from cases.files import file_read_bytes
from cases.models import ClientFile
from cases.services.clients import client_assign
from cases.services.files import inspect_upload
from tests.browser.test_login_roles import log_in
from tests.cases.factories import ClientFactory
from tests.cases.file_samples import GPS_IFD, HTML, jpeg_with_gps, upload
from tests.factories import UserFactory, confirmed_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _message_for(name: str, data: bytes) -> str:
    """The refusal as the interface language shows it (from the same catalogue)."""
    with translation.override("es-mx"), pytest.raises(ValidationError) as refused:
        inspect_upload(upload(name, data))
    return refused.value.message_dict["upload"][0]


def test_a_bad_file_is_refused_with_its_reason_and_a_photo_is_stored_without_gps(
    csp_page, live_server, screenshot_dir
):
    # given: an attorney on the team of a client
    coordinator = UserFactory(roles=("coordinator",))
    lucia = UserFactory(roles=("attorney",), first_name="Lucía", last_name="Hernández")
    client = ClientFactory(given_names="Rosa Elena")
    client_assign(client=client, attorney=lucia, by=coordinator)
    page = csp_page
    log_in(page, live_server, lucia, confirmed_device(lucia))
    page.goto(live_server.url + reverse("cases:client_detail", args=[client.pk]))
    page.locator(f"a[href='{reverse('cases:file_upload', args=[client.pk])}']").click()
    expect(page.locator("h1")).to_contain_text(client.client_code)

    # when: she uploads an HTML page renamed .pdf
    page.locator("#id_upload").set_input_files(
        {"name": "constancia.pdf", "mimeType": "application/pdf", "buffer": HTML}
    )
    page.locator("#id_category").select_option("consent_form")
    page.locator("#id_description").fill("Constancia firmada")
    page.locator("form.upload-form button[type=submit]").click()

    # then: the reason is shown next to the field, and what she typed is kept
    expect(page.locator(".field--error .errorlist")).to_have_text(
        _message_for("constancia.pdf", HTML)
    )
    expect(page.locator("#id_description")).to_have_value("Constancia firmada")
    page.screenshot(path=screenshot_dir / "file-upload-refused.png", full_page=True)
    assert ClientFile.objects.count() == 0

    # when: she uploads a photo that carries its GPS position
    page.locator("#id_upload").set_input_files(
        {"name": "lesiones.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}
    )
    page.locator("#id_category").select_option("evidence")
    page.locator("form.upload-form button[type=submit]").click()

    # then: it is listed, downloads as an attachment, and was stored without its location
    expect(page.locator(".message--success")).to_be_visible()
    row = page.locator("table.files tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("lesiones.jpg")
    page.screenshot(path=screenshot_dir / "file-list.png", full_page=True)
    with page.expect_download() as download_info:
        row.get_by_role("link", name="lesiones.jpg").click()
    assert download_info.value.suggested_filename == "lesiones.jpg"
    stored = ClientFile.objects.get()
    image = Image.open(io.BytesIO(file_read_bytes(stored.storage_name)))
    assert image.getexif().get_ifd(GPS_IFD) == {}
    assert dict(image.getexif()) == {}

    # and her page shows the latest files
    page.goto(live_server.url + reverse("cases:client_detail", args=[client.pk]))
    expect(page.locator("#files + .table-wrap")).to_contain_text("lesiones.jpg")
    page.screenshot(path=screenshot_dir / "client-files-panel.png", full_page=True)
    page.collect_violations()
