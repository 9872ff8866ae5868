"""In a real browser, in Spanish: every role logs in with a TOTP code and sees its dashboard.
Any Content Security Policy violation, console error or page error fails the test."""

import re

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.factories import TEST_PASSWORD, UserFactory, confirmed_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLE_PANELS = {
    "intake": "Recepción",
    "attorney": "Mis casos",
    "coordinator": "Coordinación",
    "psychosocial": "Acompañamiento psicosocial",
    "admin": "Administración",
}


def log_in(page, live_server, user, device):
    page.goto(f"{live_server.url}/cuenta/entrar/")
    expect(page.locator("h1")).to_have_text("Iniciar sesión")
    page.get_by_label("Nombre de usuario").fill(user.username)
    page.get_by_label("Contraseña").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page.locator("h1")).to_have_text("Verificación en dos pasos")
    page.get_by_label("Código").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Verificar").click()


@pytest.mark.parametrize("role", list(ROLE_PANELS))
def test_each_role_logs_in_with_a_code_and_sees_its_dashboard_in_spanish(
    csp_page, live_server, screenshot_dir, role
):
    # given
    user = UserFactory(roles=(role,), first_name="Valeria")
    device = confirmed_device(user)
    # when
    log_in(csp_page, live_server, user, device)
    # then
    expect(csp_page.locator("h1")).to_have_text("Hola, Valeria")
    expect(csp_page.locator(".dashboard h2").first).to_have_text(ROLE_PANELS[role])
    expect(csp_page.locator("html")).to_have_attribute("lang", "es")
    csp_page.screenshot(path=screenshot_dir / f"dashboard-{role}.png", full_page=True)
    csp_page.collect_violations()


def test_first_login_enrols_the_authenticator_in_the_browser(csp_page, live_server, screenshot_dir):
    from base64 import b32decode

    user = UserFactory(roles=("attorney",), first_name="Rosa")
    csp_page.goto(f"{live_server.url}/cuenta/entrar/")
    csp_page.get_by_label("Nombre de usuario").fill(user.username)
    csp_page.get_by_label("Contraseña").fill(TEST_PASSWORD)
    csp_page.get_by_role("button", name="Iniciar sesión").click()

    expect(csp_page.locator("h1")).to_have_text("Configurar la verificación en dos pasos")
    expect(csp_page.locator(".qr svg")).to_be_visible()
    csp_page.screenshot(path=screenshot_dir / "mfa-enrol.png", full_page=True)
    secret = csp_page.get_by_test_id("totp-secret").inner_text().replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    csp_page.get_by_label("Código de la app").fill(f"{totp(key):06d}")
    csp_page.get_by_role("button", name="Confirmar").click()

    codes = csp_page.get_by_test_id("recovery-codes").locator("li")
    expect(codes).to_have_count(10)
    csp_page.screenshot(path=screenshot_dir / "mfa-recovery-codes.png", full_page=True)
    csp_page.get_by_role("link", name=re.compile("continuar")).click()
    expect(csp_page.locator("h1")).to_have_text("Hola, Rosa")
    csp_page.collect_violations()


def test_dashboard_is_usable_on_a_phone_and_switches_to_english(
    csp_page, live_server, screenshot_dir
):
    user = UserFactory(roles=("coordinator", "admin"), first_name="Elena")
    device = confirmed_device(user)
    csp_page.set_viewport_size({"width": 375, "height": 800})
    log_in(csp_page, live_server, user, device)
    expect(csp_page.locator("h1")).to_have_text("Hola, Elena")

    no_horizontal_scroll = csp_page.evaluate(
        "document.documentElement.scrollWidth <= window.innerWidth"
    )
    csp_page.screenshot(path=screenshot_dir / "dashboard-phone.png", full_page=True)
    csp_page.get_by_label("Idioma").select_option("en")
    csp_page.get_by_role("button", name="Cambiar idioma").click()
    expect(csp_page.locator("h1")).to_have_text("Hello, Elena")
    csp_page.collect_violations()

    assert no_horizontal_scroll


def test_admin_manages_staff_in_the_browser(csp_page, live_server, screenshot_dir):
    admin = UserFactory(roles=("admin",), first_name="Adriana")
    UserFactory(roles=("attorney",), first_name="Paula", last_name="Moreno")
    log_in(csp_page, live_server, admin, confirmed_device(admin))

    csp_page.get_by_role("link", name="Personal", exact=True).click()
    expect(csp_page.locator("h1")).to_have_text("Personal")
    csp_page.screenshot(path=screenshot_dir / "staff-list.png", full_page=True)
    csp_page.get_by_role("link", name="Paula Moreno").click()
    csp_page.get_by_role("link", name="Desactivar").click()
    csp_page.get_by_label("Motivo").fill("Terminó su contrato")
    csp_page.screenshot(path=screenshot_dir / "staff-deactivate.png", full_page=True)
    csp_page.get_by_role("button", name="Desactivar cuenta").click()

    expect(csp_page.locator(".message--success")).to_contain_text("desactivada")
    csp_page.screenshot(path=screenshot_dir / "staff-detail.png", full_page=True)
    csp_page.collect_violations()


def test_dates_on_pages_follow_the_injectable_clock(csp_page, live_server, clock):
    # given: the clinic's clock says 5 March 2026, 09:30 in Mexico City
    clock.move_to("2026-03-05 09:30 -06:00")
    user = UserFactory(roles=("attorney",), first_name="Carmen")
    # when
    log_in(csp_page, live_server, user, confirmed_device(user))
    # then: her login appears on her dashboard at that date and local time
    expect(csp_page.locator(".table").first).to_contain_text("5 de Marzo de 2026 a las 09:30")
    csp_page.collect_violations()
