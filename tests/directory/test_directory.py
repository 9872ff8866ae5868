"""Services and pages of the partner directory: validation in clear Spanish, history with who
and why, archiving with confirmation, stale edits, the warnings (verification, consulates)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from cases import choices as case_choices
from cases.services import cases as case_services
from directory import services
from directory.models import Office, Organisation
from directory.selectors import consular_warning, organisation_history
from tests.cases.factories import ClientFactory
from tests.directory.factories import OfficeFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

BASE = {"name": "Casa Refugio", "kind": "shelter"}


def _office_post(**fields):
    """A POST of the office form: management forms plus the given fields."""
    data = {
        "phones-TOTAL_FORMS": "2",
        "phones-INITIAL_FORMS": "0",
        "emails-TOTAL_FORMS": "1",
        "emails-INITIAL_FORMS": "0",
        "country": "MX",
        "phones-0-kind": "phone",
        "phones-1-kind": "phone",
    }
    data.update(fields)
    return data


# --- Services --------------------------------------------------------------------------------


def test_creating_an_organisation_records_who_and_why(make_user, english):
    # given
    coordinator = make_user("coordinator")
    # when
    organisation = services.organisation_create(
        by=coordinator, data={**BASE, "services": ["shelter"], "website": "https://casa.org"}
    )
    # then
    row = organisation.history.get()
    assert row.history_user == coordinator
    assert row.history_change_reason == "Organisation created"
    assert organisation.filter_tags == "|svc:shelter|"
    assert "casa refugio" in organisation.search_text


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("website", "ftp://casa.org", "Enter a web address that starts with https:// or http://."),
        (
            "website",
            "javascript:alert(1)",
            "Enter a web address that starts with https:// or http://.",
        ),
        ("services", ["sopa"], "Choose services from the list."),
        ("name", "", "This field cannot be blank."),
    ],
)
def test_organisation_validation(make_user, field, value, message):
    with translation.override("en"):
        with pytest.raises(ValidationError) as raised:
            services.organisation_create(by=make_user("admin"), data={**BASE, field: value})
        assert raised.value.message_dict[field] == [message]
    assert Organisation.objects.count() == 0


@pytest.mark.parametrize(
    ("phones", "emails", "message"),
    [
        (
            [{"number": "5512345678", "extension": "", "kind": "phone", "note": ""}],
            [],
            "Phone 1: write the number in international format, e.g. +52 55 1234 5678.",
        ),
        (
            [{"number": "+52551234567", "extension": "", "kind": "phone", "note": ""}],
            [],
            "Phone 1: write the number in international format, e.g. +52 55 1234 5678.",
        ),
        (
            [{"number": "+525512345678", "extension": "12a", "kind": "phone", "note": ""}],
            [],
            "Phone 1: the extension may only contain digits (at most 10).",
        ),
        ([], [{"address": "no-es-correo", "label": ""}], None),
    ],
)
def test_office_validation(make_user, phones, emails, message):
    organisation = OrganisationFactory()
    field = "phones" if phones else "emails"
    expected = message or "E-mail 1: enter a valid address, e.g. contacto@ejemplo.org."
    with translation.override("en"):
        with pytest.raises(ValidationError) as raised:
            services.office_create(
                organisation=organisation,
                by=make_user("admin"),
                data={"city": "Tapachula", "phones": phones, "emails": emails},
            )
        assert raised.value.message_dict[field] == [expected]
    assert Office.objects.count() == 0


def test_a_state_only_goes_with_an_office_in_mexico(make_user):
    with translation.override("en"):
        with pytest.raises(ValidationError) as raised:
            services.office_create(
                organisation=OrganisationFactory(),
                by=make_user("admin"),
                data={"country": "US", "state": "MX-CHP", "city": "San Diego"},
            )
        assert raised.value.message_dict["state"] == [
            "Choose a state only for an office in Mexico."
        ]


def test_a_consulate_is_always_a_danger_for_asylum_seekers(make_user):
    # when
    consulate = services.organisation_create(
        by=make_user("admin"),
        data={"name": "Consulado de Honduras", "kind": "consulate"},
    )
    # then
    assert consulate.danger_for_asylum_seekers is True
    # unticking it is ignored for a consulate…
    services.organisation_update(
        organisation=consulate,
        by=make_user("admin"),
        data={"danger_for_asylum_seekers": False},
        version=consulate.version,
    )
    consulate.refresh_from_db()
    assert consulate.danger_for_asylum_seekers is True
    # …and the database refuses it from any other path
    consulate.danger_for_asylum_seekers = False
    with translation.override("en"):
        with pytest.raises(ValidationError) as raised:
            consulate.full_clean()
        assert raised.value.messages == [
            "A consulate is always marked as a danger for asylum seekers."
        ]


def test_consular_warning_follows_the_clients_consular_guard(make_user):
    # given
    coordinator = make_user("coordinator")
    consulate = services.organisation_create(
        by=coordinator, data={"name": "Consulado de Guatemala", "kind": "consulate"}
    )
    shelter = OrganisationFactory(kind="shelter")
    asylum_seeker = ClientFactory(entry_date=datetime.date(2026, 11, 2))
    case_services.case_open(
        client=asylum_seeker,
        case_type=case_choices.CaseType.ASYLUM,
        by=coordinator,
        attorney=make_user("attorney"),
    )
    other = ClientFactory(migration_status=case_choices.MigrationStatus.IRREGULAR)
    # then
    guard = consular_warning(organisation=consulate, client=asylum_seeker)
    assert guard is not None and guard.claim_open is True
    assert consular_warning(organisation=shelter, client=asylum_seeker) is None
    assert consular_warning(organisation=consulate, client=other) is None


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def test_archive_needs_a_reason_and_restores(make_user, english):
    # given
    admin = make_user("admin")
    organisation = OrganisationFactory()
    # when / then
    with pytest.raises(ValidationError):
        services.organisation_archive(organisation=organisation, by=admin, reason="  ")
    archived = services.organisation_archive(organisation=organisation, by=admin, reason="Cerró")
    assert archived.archived_by == admin and archived.archive_reason == "Cerró"
    assert archived.is_active is False
    with pytest.raises(ValidationError):
        services.office_create(organisation=archived, by=admin, data={"city": "Tijuana"})
    restored = services.organisation_restore(organisation=archived, by=admin)
    assert restored.archived_at is None and restored.is_active is True
    assert list(
        Organisation.history.filter(id=organisation.pk)
        .order_by("history_id")
        .values_list("history_change_reason", flat=True)
    ) == [None, "Archived: Cerró", "Restored"]


def test_a_stale_update_is_refused(make_user):
    from cases.services.common import StaleEditError

    organisation = OrganisationFactory(name="Antes")
    services.organisation_update(
        organisation=organisation, by=make_user("admin"), data={"name": "Ella"}, version=1
    )
    stale = Organisation.objects.get(pk=organisation.pk)
    with pytest.raises(StaleEditError):
        services.organisation_update(
            organisation=stale, by=make_user("admin"), data={"name": "Yo"}, version=1
        )
    assert Organisation.objects.get(pk=organisation.pk).name == "Ella"


def test_verification_warning_after_twelve_months(clock):
    # the clock stands at 2026-11-23
    assert (
        OrganisationFactory(last_verified_on=datetime.date(2025, 11, 23)).verification_overdue
        is False
    )
    assert (
        OrganisationFactory(last_verified_on=datetime.date(2025, 11, 22)).verification_overdue
        is True
    )
    assert OrganisationFactory(last_verified_on=None).verification_overdue is True


def test_history_lists_organisation_and_office_changes_with_readable_values(make_user, english):
    # given
    from cases.models import Language

    coordinator = make_user("coordinator", first_name="Marcela")
    organisation = services.organisation_create(by=coordinator, data=BASE)
    office = services.office_create(
        organisation=organisation,
        by=coordinator,
        data={
            "city": "Tapachula",
            "phones": [{"number": "+529626425098", "extension": "12", "kind": "fax", "note": ""}],
        },
    )
    services.organisation_update(
        organisation=organisation,
        by=coordinator,
        data={"notes": "Llamar antes"},
        version=organisation.version,
        languages=[Language.objects.get(code="es")],
    )
    # when
    with translation.override("en"):
        entries = organisation_history(organisation=organisation)
    # then
    assert [entry.reason for entry in entries] == [
        "Organisation updated",
        "Organisation updated",
        "Office created",
        "Organisation created",
    ]
    changes = {change.label: change.new for entry in entries for change in entry.changes}
    assert changes["phones"] == "+52 962 642 5098 ext. 12 (Fax)"
    assert changes["notes"] == "Llamar antes"
    assert changes["languages"] == "Español"
    assert {str(entry.who) for entry in entries} == {str(coordinator)}
    assert office.history.count() == 1


# --- Pages -----------------------------------------------------------------------------------


def test_a_coordinator_adds_an_organisation_and_an_office_with_phones(verified_client, make_user):
    browser = verified_client(make_user("coordinator"))
    # when
    response = browser.post(
        reverse("directory:organisation_create"),
        {"name": "Casa Refugio", "kind": "shelter", "services": ["shelter", "psychosocial"]},
    )
    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("directory:organisation_detail", args=[organisation.pk])
    response = browser.post(
        reverse("directory:office_create", args=[organisation.pk]),
        _office_post(
            state="MX-CHP",
            city="Tapachula",
            **{
                "phones-0-number": "(962) 642 5098",
                "phones-0-extension": "ext. 12",
                "phones-1-number": "+1 (415) 581-8836",
                "emails-0-address": "hola@casa.org",
                "emails-0-label": "Dirección",
            },
        ),
    )
    # then
    assert response.status_code == 302
    office = organisation.offices.get()
    assert office.phones == [
        {"number": "+529626425098", "extension": "12", "kind": "phone", "note": ""},
        {"number": "+14155818836", "extension": "", "kind": "phone", "note": ""},
    ]
    assert office.emails == [{"address": "hola@casa.org", "label": "Dirección"}]
    html = browser.get(response["Location"]).content.decode()
    assert "+52 962 642 5098" in html
    assert 'href="tel:+529626425098,12"' in html
    assert 'href="mailto:hola@casa.org"' in html


def test_bad_input_keeps_what_she_typed_and_explains(verified_client, make_user):
    browser = verified_client(make_user("admin"))
    organisation = OrganisationFactory()
    with translation.override("en"):
        response = browser.post(
            reverse("directory:office_create", args=[organisation.pk]),
            _office_post(
                city="Tapachula",
                address="4a. Avenida Sur No. 6",
                **{"phones-0-number": "12345", "emails-0-address": "no-es-correo"},
            ),
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="12345"' in html
    assert "4a. Avenida Sur No. 6" in html
    assert 'value="no-es-correo"' in html
    assert Office.objects.count() == 0


def test_an_invalid_website_is_refused_on_the_form(verified_client, make_user):
    browser = verified_client(make_user("admin"))
    response = browser.post(
        reverse("directory:organisation_create"),
        {"name": "Casa", "kind": "shelter", "website": "ftp://casa.org"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["website"]
    assert Organisation.objects.count() == 0


def test_editing_an_organisation_keeps_history_and_languages(verified_client, make_user):
    from cases.models import Language

    coordinator = make_user("coordinator")
    organisation = OrganisationFactory(name="Antes")
    english = Language.objects.get(code="en")
    response = verified_client(coordinator).post(
        reverse("directory:organisation_edit", args=[organisation.pk]),
        {
            "name": "Después",
            "kind": "health",
            "version": organisation.version,
            "languages": [english.pk],
        },
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Después"
    assert list(organisation.languages.all()) == [english]
    assert organisation.history.filter(history_user=coordinator).exists()


def test_a_stale_edit_shows_both_versions_and_keeps_hers(verified_client, make_user):
    organisation = OrganisationFactory(name="Original")
    url = reverse("directory:organisation_edit", args=[organisation.pk])
    verified_client(make_user("coordinator")).post(
        url, {"name": "De ella", "kind": "legal_aid", "version": 1}
    )
    response = verified_client(make_user("admin")).post(
        url, {"name": "Mío", "kind": "legal_aid", "version": 1}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "De ella" in html
    assert 'value="Mío"' in html
    organisation.refresh_from_db()
    assert organisation.name == "De ella"


def test_archiving_asks_for_confirmation_then_archives(verified_client, make_user):
    browser = verified_client(make_user("admin"))
    organisation = OrganisationFactory()
    url = reverse("directory:organisation_archive", args=[organisation.pk])
    # GET: a confirmation page, nothing archived
    assert browser.get(url).status_code == 200
    organisation.refresh_from_db()
    assert organisation.archived_at is None
    # POST without a reason: refused
    assert browser.post(url, {"reason": ""}).status_code == 200
    organisation.refresh_from_db()
    assert organisation.archived_at is None
    # POST with a reason
    assert browser.post(url, {"reason": "Ya no recibe canalizaciones"}).status_code == 302
    organisation.refresh_from_db()
    assert organisation.archive_reason == "Ya no recibe canalizaciones"
    assert Organisation.objects.count() == 1  # nothing deleted
    # the default list hides it; "archived" shows it
    html = browser.get(reverse("directory:organisation_list")).content.decode()
    assert organisation.name not in html
    html = browser.get(
        reverse("directory:organisation_list"), {"status": "archived"}
    ).content.decode()
    assert organisation.name in html


def test_an_office_is_archived_and_restored(verified_client, make_user):
    browser = verified_client(make_user("coordinator"))
    office = OfficeFactory(city="Palenque")
    browser.post(reverse("directory:office_archive", args=[office.pk]), {"reason": "Cerró"})
    office.refresh_from_db()
    assert office.archived_at is not None
    browser.post(reverse("directory:office_restore", args=[office.pk]))
    office.refresh_from_db()
    assert office.archived_at is None


def test_the_page_warns_about_old_verification_and_consulates(verified_client, make_user, clock):
    browser = verified_client(make_user("intake"))
    old = OrganisationFactory(last_verified_on=datetime.date(2024, 3, 1))
    consulate = services.organisation_create(
        by=make_user("admin"),
        data={
            "name": "Consulado de El Salvador",
            "kind": "consulate",
            "last_verified_on": datetime.date(2026, 10, 1),
        },
    )
    html = browser.get(reverse("directory:organisation_detail", args=[old.pk])).content.decode()
    assert 'data-testid="verification-warning"' in html
    assert 'data-badge="verification"' in html
    assert 'data-testid="danger-warning"' not in html
    html = browser.get(
        reverse("directory:organisation_detail", args=[consulate.pk])
    ).content.decode()
    assert 'data-testid="danger-warning"' in html
    assert 'data-badge="danger"' in html
    assert 'data-testid="verification-warning"' not in html
    html = browser.get(reverse("directory:organisation_list")).content.decode()
    assert html.count('data-badge="verification"') == 1
    assert html.count('data-badge="danger"') == 1


def test_the_empty_directory_says_so(verified_client, make_user):
    html = (
        verified_client(make_user("attorney"))
        .get(reverse("directory:organisation_list"))
        .content.decode()
    )
    assert 'class="empty-state"' in html
    assert "load_directory" in html


def test_the_history_page_shows_changes(verified_client, make_user):
    coordinator = make_user("coordinator")
    organisation = services.organisation_create(by=coordinator, data=BASE)
    response = verified_client(make_user("psychosocial")).get(
        reverse("directory:organisation_history", args=[organisation.pk])
    )
    assert response.status_code == 200
    assert "Casa Refugio" in response.content.decode()
    assert len(response.context["page"].object_list) == 1
