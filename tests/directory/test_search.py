"""Search and filters of the directory: accent- and case-insensitive words (the same on SQLite
and PostgreSQL: normalised in Python, matched against stored normalised columns), kind,
service, state, language and status; the list runs a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Language
from directory import services
from directory.loader import load_directory
from directory.models import Organisation
from directory.selectors import organisation_list_for_user
from tests.directory.factories import OfficeFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def attorney(make_user):
    return make_user("attorney")


@pytest.fixture
def seeded():
    load_directory()


def _names(user, **filters):
    return list(
        organisation_list_for_user(user=user, filters=filters).values_list("name", flat=True)
    )


@pytest.mark.parametrize("query", ["Matias", "matías", "MATIAS", "fray  matias", "Córdoba"])
def test_search_ignores_accents_and_case(attorney, seeded, query):
    assert _names(attorney, q=query) == ["Centro de Derechos Humanos Fray Matías de Córdoba"]


def test_every_word_must_match_somewhere(attorney, seeded):
    assert _names(attorney, q="casa migrante galileo") == ["Casa del Migrante en Tijuana, A.C."]
    assert _names(attorney, q="matias tijuana") == []


def test_search_finds_acronyms_other_names_and_office_cities(attorney, seeded):
    assert _names(attorney, q="unhcr") == [
        "Alto Comisionado de las Naciones Unidas para los Refugiados"
    ]
    assert _names(attorney, q="Without Borders") == ["Sin Fronteras"]
    assert _names(attorney, q="Saltillo") == [
        "Alto Comisionado de las Naciones Unidas para los Refugiados"
    ]
    assert _names(attorney, q="tenosique") == [
        "Albergue para personas migrantes en Tenosique (Estación Nueva)",
        "Alto Comisionado de las Naciones Unidas para los Refugiados",
        "Asylum Access México",
    ]


def test_state_filter_uses_the_active_offices(attorney, seeded, make_user):
    # given
    chiapas = _names(attorney, state="MX-CHP")
    # then
    assert chiapas == [
        "Alto Comisionado de las Naciones Unidas para los Refugiados",
        "Asylum Access México",
        "Casa del Migrante en Tapachula – Albergue Belén",  # noqa: RUF001
        "Centro de Derechos Humanos Fray Matías de Córdoba",
        "Organización Internacional para las Migraciones – OIM México",  # noqa: RUF001
        "Organización maya de base en San Cristóbal de Las Casas",
        "Voces Mesoamericanas",
    ]
    assert "Sin Fronteras" not in chiapas
    # when the only Chiapas office of Fray Matías is archived, the filter no longer finds it
    office = Organisation.objects.get(acronym="CDH Fray Matías").offices.get()
    services.office_archive(office=office, by=make_user("admin"), reason="Se mudó")
    assert "Centro de Derechos Humanos Fray Matías de Córdoba" not in _names(
        attorney, state="MX-CHP"
    )


def test_service_filter(attorney, seeded):
    assert _names(attorney, service="pro_bono") == ["Probono.mx", "Sin Fronteras"]
    assert _names(attorney, service="expert_declarations") == [
        "Center for Gender & Refugee Studies"
    ]
    # a code that is a prefix of no other code: "legal_advice" never matches "legal_representation"
    assert "Caminos" not in _names(attorney, service="legal_advice")


def test_kind_language_and_status_filters(attorney, make_user):
    # given
    spanish = Language.objects.get(code="es")
    shelter = OrganisationFactory(name="Albergue Uno", kind="shelter")
    shelter.languages.set([spanish])
    OrganisationFactory(name="Clínica Dos", kind="legal_aid")
    closed = OrganisationFactory(name="Albergue Cerrado", kind="shelter")
    services.organisation_archive(organisation=closed, by=make_user("admin"), reason="Cerró")
    # then
    assert _names(attorney, kind="shelter") == ["Albergue Uno"]
    assert _names(attorney, language=spanish) == ["Albergue Uno"]
    assert _names(attorney, status="archived") == ["Albergue Cerrado"]
    assert _names(attorney, status="all", kind="shelter") == ["Albergue Cerrado", "Albergue Uno"]


def test_search_text_follows_edits(attorney, make_user):
    # given
    organisation = OrganisationFactory(name="Refugio Esperanza")
    # when
    services.organisation_update(
        organisation=organisation,
        by=make_user("coordinator"),
        data={"name": "Refugio Niñez Ñandú"},
        version=organisation.version,
    )
    # then
    assert _names(attorney, q="ninez nandu") == ["Refugio Niñez Ñandú"]
    assert _names(attorney, q="esperanza") == []


def test_a_user_without_a_staff_role_finds_nothing(make_user, seeded):
    assert _names(make_user(), q="matias") == []


def test_the_list_page_searches_and_filters(verified_client, attorney, seeded):
    browser = verified_client(attorney)
    html = browser.get(
        reverse("directory:organisation_list"), {"q": "Matias", "state": "MX-CHP"}
    ).content.decode()
    assert "Fray Matías de Córdoba" in html
    assert "Sin Fronteras" not in html
    html = browser.get(reverse("directory:organisation_list"), {"q": "zzzz"}).content.decode()
    assert 'class="empty-state"' in html


def test_the_list_page_is_paginated_and_keeps_its_filters(verified_client, attorney):
    for number in range(30):
        OrganisationFactory(name=f"Albergue {number:02d}", kind="shelter")
    browser = verified_client(attorney)
    response = browser.get(reverse("directory:organisation_list"), {"kind": "shelter"})
    page = response.context["page"]
    assert page.paginator.count == 30
    assert len(page.object_list) == 25
    assert "kind=shelter&amp;page=2" in response.content.decode()


def _list_queries(browser) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = browser.get(reverse("directory:organisation_list"), {"status": "all"})
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_list_runs_the_same_number_of_queries_for_10_and_50_organisations(
    verified_client, attorney
):
    browser = verified_client(attorney)
    spanish = Language.objects.get(code="es")

    def add(count):
        for _number in range(count):
            organisation = OrganisationFactory()
            organisation.languages.set([spanish])
            OfficeFactory(organisation=organisation)
            OfficeFactory(organisation=organisation, state="MX-CHP")

    add(10)
    _list_queries(browser)  # warm-up: the first request of a session loads more
    small = _list_queries(browser)
    add(40)
    large = _list_queries(browser)
    assert small == large
