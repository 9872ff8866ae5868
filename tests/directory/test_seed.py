"""The curated partner file (directory/data/partners_2024-03.json) is loaded completely,
faithfully to the seed document, idempotently, and without overwriting staff edits."""

import datetime
import io
import json
import re

import pytest
from django.core.management import CommandError, call_command

from directory import services
from directory.loader import DEFAULT_FILE, load_directory
from directory.models import Office, Organisation

pytestmark = pytest.mark.django_db

# A copy of the seed page the curated file was built from (shared/seeds/004_501ecb421037627f.txt),
# kept in the project so this test runs on every machine.
SEED_DOCUMENT = DEFAULT_FILE.parent / "source" / "unhcr_help_mexico_2024-03.txt"
CURATED = json.loads(DEFAULT_FILE.read_text(encoding="utf-8"))
ORGANISATIONS = CURATED["organisations"]
OFFICES = [office for entry in ORGANISATIONS for office in entry["offices"]]


def _office(key: str) -> Office:
    return Office.objects.get(source_key=key)


def _numbers(office: Office) -> list[tuple[str, str]]:
    return [(phone["number"], phone["extension"]) for phone in office.phones]


# --- Every row of the file is in the database -------------------------------------------------


def test_the_directory_holds_every_organisation_of_the_curated_file():
    # when
    load_directory()
    # then
    assert Organisation.objects.count() == len(ORGANISATIONS) == 28
    for entry in ORGANISATIONS:
        organisation = Organisation.objects.get(source_key=entry["source_key"])
        for name in (
            "name",
            "acronym",
            "other_names",
            "name_note",
            "kind",
            "services",
            "services_detail",
            "populations",
            "description",
            "notes",
            "lead_time_days",
            "lead_time_note",
        ):
            default = [] if name in ("services", "populations") else ""
            if name == "lead_time_days":
                default = None
            assert getattr(organisation, name) == entry.get(name, default), (entry, name)
        assert organisation.name_inferred is entry.get("name_inferred", False)
        assert organisation.needs_completion is entry.get("needs_completion", False)
        expected_verified = entry.get("last_verified_on", "2024-03-01")
        assert organisation.last_verified_on == (
            datetime.date.fromisoformat(expected_verified) if expected_verified else None
        )
        assert organisation.archived_at is None


def test_the_directory_holds_every_office_of_the_curated_file():
    # when
    load_directory()
    # then
    assert Office.objects.count() == len(OFFICES) == 38
    for entry in ORGANISATIONS:
        organisation = Organisation.objects.get(source_key=entry["source_key"])
        assert sorted(organisation.offices.values_list("source_key", flat=True)) == sorted(
            office["source_key"] for office in entry["offices"]
        )
        for expected in entry["offices"]:
            office = _office(expected["source_key"])
            for name in ("name", "state", "city", "address", "postal_code", "opening_hours"):
                assert getattr(office, name) == expected.get(name, ""), (expected, name)
            assert office.country == expected.get("country", "MX")
            assert office.phones == expected.get("phones", [])
            assert office.emails == expected.get("emails", [])
            assert office.contact_person == expected.get("contact_person", "")
            assert office.notes == expected.get("notes", "")


def test_every_phone_of_the_file_is_e164_and_mexican_numbers_have_ten_digits():
    for office in OFFICES:
        for phone in office.get("phones", []):
            number = phone["number"]
            assert re.fullmatch(r"\+\d{8,15}", number), number
            if number.startswith("+52"):
                assert len(number) == len("+52") + 10, number
            assert phone["extension"] == "" or phone["extension"].isdigit()


# --- Faithful to the seed document (values copied from it by hand) ----------------------------

# (office source key, text of the address as the seed document gives it, postal code,
#  phones as the seed document writes them → E.164 written out by hand)
FROM_THE_SEED = [
    (
        "seed004:sin-fronteras:cdmx",
        "Carlos Dolci no. 96, Colonia Alfonso XIII, Delegación Álvaro Obregón",
        "01460",
        [("+525555141521", ""), ("+525555141519", "118"), ("+525555141519", "100")],
    ),
    (
        "seed004:asylum-access-mexico:cdmx",
        "Av. Insurgentes Sur 1150, 1er Piso (Oficinas 3 y 4), Tlacoquemecatl del Valle, "
        "Benito Juárez",
        "03200",
        [("+525515180730", "")],  # "Tel:+52.55.1518.0730"
    ),
    (
        "seed004:acnur:tijuana",
        "Torre La Esquina Business Point. Rufino Tamayo 9990, piso 6 oficina 604, Esquina con "
        "Dr. Atl, Zona Urbana Rio Tijuana",
        "22010",
        [],
    ),
    (
        "seed004:acnur:representacion-cdmx",
        "Torre Concreta. Mariano Escobedo #526 piso 3, Col. Anzures, Miguel Hidalgo",
        "11590",
        [],
    ),
    (
        "seed004:cdh-fray-matias:tapachula",
        "4a. Avenida Sur No. 6, Col. Centro, entre Central y 2a Calle Poniente",
        "30700",
        [("+529626425098", "")],  # "Tel: +52 (962) 642 5098"
    ),
    (
        "seed004:cndh:quinta-visitaduria",
        "Periférico Sur 3469, Col. San Jerónimo Lídice, Delegación Magdalena Contreras",
        "10200",
        # "+52 (55) 56 81 81 25 or +52 (55) 54 90 74 00", toll-free "01 80 07 15 20 00"
        [("+525556818125", ""), ("+525554907400", ""), ("+528007152000", "")],
    ),
    (
        "seed004:casa-migrante-tijuana:tijuana",
        "Calle Galileo 239, Col. Postal",
        "22350",
        # "+52 (66) 43 82 76 85or +52 (66) 46 82 51 80"
        [("+526643827685", ""), ("+526646825180", "")],
    ),
    (
        "seed004:comi-oaxaca:oaxaca",
        "Callejón de Guadalupe Victoria s/n, Centro",
        "68000",
        [("+529515169004", ""), ("+529513100375", "")],  # "(951)516 9004,044 (951)310 0375"
    ),
]


@pytest.mark.parametrize(("key", "address", "postal_code", "phones"), FROM_THE_SEED)
def test_seeded_addresses_and_phones_are_those_of_the_seed_document(
    key, address, postal_code, phones
):
    # when
    load_directory()
    # then
    office = _office(key)
    assert office.address == address
    assert office.postal_code == postal_code
    assert _numbers(office) == phones


def test_the_seed_document_says_what_the_tests_copied_from_it():
    # The page uses non-breaking and doubled spaces: compare with whitespace collapsed.
    text = " ".join(SEED_DOCUMENT.read_text(encoding="utf-8").split())
    for fragment in (
        "Carlos Dolci no. 96, Colonia Alfonso XIII, Delegación Álvaro Obregón, C.P. 01460",
        "Tel.: (52 55) 55 14 15 21, 55 14 15 19  ext. 118, 100",
        "Av. Insurgentes Sur 1150, 1er Piso (Oficinas 3 y 4), Tlacoquemecatl del Valle",
        "Tel:+52.55.1518.0730",
        "Rufino Tamayo 9990, piso 6 oficina 604, Esquina con Dr. Atl, Zona Urbana Rio Tijuana, "
        "22010 Tijuana",
        "4a. Avenida Sur No. 6, Col. Centro entre Central y 2a Calle Poniente CP 30700",
        "Tel: +52 (962) 642 5098",
        "Toll-free Tel: 01 80 07 15 20 00",
        "Calle Galileo 239 Col. Postal, Tijuana, B.C. 22350",
        "Tel: (951)516 9004,044 (951)310 0375",
        "Last updated March 2024",
    ):
        assert " ".join(fragment.split()) in text, fragment


def test_seeded_organisations_keep_the_page_details_that_matter():
    # when
    load_directory()
    # then: Asylum Access and its seven locations
    aamx = Organisation.objects.get(acronym="AAMX")
    assert aamx.name == "Asylum Access México"
    assert sorted(aamx.offices.values_list("city", flat=True)) == [
        "Acayucan",
        "Ciudad de México",
        "Monterrey",
        "Palenque",
        "Tenosique",
        "Tijuana",
        "Villahermosa",
    ]
    assert _office("seed004:asylum-access-mexico:cdmx").emails == [
        {"address": "medios@asylumaccess.org", "label": "Media Inquiries (prensa)"}
    ]
    # UNHCR: one organisation, ten offices, none with a phone the page does not give
    acnur = Organisation.objects.get(acronym="ACNUR")
    assert acnur.kind == "un_agency"
    assert acnur.offices.count() == 10
    assert all(office.phones == [] for office in acnur.offices.all())
    # Sin Fronteras: both e-mails and the contact person
    sin_fronteras = _office("seed004:sin-fronteras:cdmx")
    assert [email["address"] for email in sin_fronteras.emails] == [
        "sinfronteras@sinfronteras.org.mx",
        "rsoto@sinfronteras.org.mx",
    ]
    assert sin_fronteras.contact_person == "Rosalba Soto Palma (General Director Assistant)"
    # CGRS: 4-6 weeks' notice becomes a lead time (the longer one)
    cgrs = Organisation.objects.get(acronym="CGRS")
    assert cgrs.lead_time_days == 42
    assert _office("seed004:cgrs:san-francisco").country == "US"
    # Nuevo Laredo appears twice on the page: merged into one organisation with its hours
    nuevo_laredo = Office.objects.filter(phones__icontains="+528677145611")
    assert nuevo_laredo.count() == 1
    assert "16:00–21:30" in nuevo_laredo.get().opening_hours  # noqa: RUF001
    # Proyecto Citlalli: WhatsApp-only number kept with the original text
    citlalli = _office("seed004:proyecto-citlalli:durango")
    assert citlalli.phones[0]["kind"] == "whatsapp"
    assert "only Whatsapp" in citlalli.phones[0]["note"]
    # IMUMI: office and legal-clinic lines, and the US line
    imumi = _office("seed004:imumi:main")
    assert [phone["number"] for phone in imumi.phones] == [
        "+525552114153",
        "+525556587384",
        "+525591548990",
        "+525591317512",
        "+12087537041",
    ]


def test_names_the_page_does_not_give_are_flagged_as_inferred_with_a_note():
    # when
    load_directory()
    # then
    inferred = Organisation.objects.filter(name_inferred=True)
    assert sorted(inferred.values_list("source_key", flat=True)) == [
        "seed004:albergue-tenosique",
        "seed004:casa-migrante-nuevo-laredo",
        "seed004:cmdpdh",
        "seed004:fundacion-barra-mexicana",
        "seed004:organizacion-maya-san-cristobal",
        "seed004:probono-mx",
        "seed004:voces-mesoamericanas",
    ]
    assert all(organisation.name_note for organisation in inferred)


def test_public_authorities_are_placeholders_to_complete_without_invented_contacts():
    # when
    load_directory()
    # then
    authorities = Organisation.objects.filter(needs_completion=True)
    assert sorted(authorities.values_list("acronym", flat=True)) == [
        "",
        "",
        "CEAV",
        "COMAR",
        "DIF",
        "INM",
    ]
    assert sorted(authorities.values_list("name", flat=True)) == [
        "Comisión Ejecutiva de Atención a Víctimas",
        "Comisión Mexicana de Ayuda a Refugiados",
        "Fiscalías – unidades de atención a personas migrantes",  # noqa: RUF001
        "Instituto Nacional de Migración",
        "Registro Civil",
        "Sistema DIF – Procuradurías de Protección de Niñas, Niños y Adolescentes",  # noqa: RUF001
    ]
    assert not Office.objects.filter(organisation__in=authorities).exists()
    assert set(authorities.values_list("kind", flat=True)) == {"government"}
    assert set(authorities.values_list("last_verified_on", flat=True)) == {None}


def test_seeded_partners_were_last_verified_in_march_2024():
    load_directory()
    seeded = Organisation.objects.filter(source_key__startswith="seed004:")
    assert seeded.count() == 22
    assert set(seeded.values_list("last_verified_on", flat=True)) == {datetime.date(2024, 3, 1)}


# --- Idempotent, and staff edits win ---------------------------------------------------------


def _history_counts():
    return (
        Organisation.history.count(),
        Office.history.count(),
        Organisation.objects.count(),
        Office.objects.count(),
    )


def test_loading_twice_changes_nothing():
    # given
    first = load_directory()
    before = _history_counts()
    # when
    second = load_directory()
    # then
    assert len(first.organisations_created) == 28
    assert len(first.offices_created) == 38
    assert second.changed is False
    assert _history_counts() == before


def test_the_loader_never_overwrites_staff_edits_and_only_fills_what_is_empty(make_user):
    # given: the directory, then a coordinator's edits
    load_directory()
    coordinator = make_user("coordinator")
    sin_fronteras = Organisation.objects.get(source_key="seed004:sin-fronteras")
    services.organisation_update(
        organisation=sin_fronteras,
        by=coordinator,
        data={"name": "Sin Fronteras, I.A.P.", "description": ""},
        version=sin_fronteras.version,
    )
    office = _office("seed004:sin-fronteras:cdmx")
    services.office_update(
        office=office,
        by=coordinator,
        data={
            "phones": [{"number": "+525511112222", "extension": "", "kind": "phone", "note": ""}]
        },
        version=office.version,
    )
    tijuana = _office("seed004:acnur:tijuana")
    services.office_archive(office=tijuana, by=coordinator, reason="Cerró")
    # when
    report = load_directory()
    # then: her values stay; the emptied description is filled again; the archived office
    # stays archived; nothing else changes
    sin_fronteras.refresh_from_db()
    office.refresh_from_db()
    tijuana.refresh_from_db()
    assert sin_fronteras.name == "Sin Fronteras, I.A.P."
    assert sin_fronteras.description.startswith("Without Borders’s basis")  # noqa: RUF001
    assert _numbers(office) == [("+525511112222", "")]
    assert tijuana.archived_at is not None
    assert report.organisations_filled == ["seed004:sin-fronteras"]
    assert report.offices_filled == []
    assert report.organisations_created == report.offices_created == []
    assert Organisation.objects.count() == 28
    assert Office.objects.count() == 38


def test_the_loader_creates_missing_rows_but_no_office_of_an_archived_organisation(make_user):
    # given
    load_directory()
    admin = make_user("admin")
    acnur = Organisation.objects.get(source_key="seed004:acnur")
    services.organisation_archive(organisation=acnur, by=admin, reason="Prueba")
    Office.objects.filter(source_key="seed004:acnur:saltillo").delete()  # as an operator would
    Office.objects.filter(source_key="seed004:cgrs:san-francisco").delete()
    # when
    report = load_directory()
    # then
    assert report.offices_created == ["seed004:cgrs:san-francisco"]
    assert report.offices_skipped == ["seed004:acnur:saltillo"]
    assert not Office.objects.filter(source_key="seed004:acnur:saltillo").exists()
    acnur.refresh_from_db()
    assert acnur.archived_at is not None


def test_load_directory_command_reports_and_is_repeatable():
    # when
    first, second = io.StringIO(), io.StringIO()
    call_command("load_directory", stdout=first)
    call_command("load_directory", stdout=second)
    # then
    assert "28 created" in first.getvalue()
    assert "38 created" in first.getvalue()
    assert "0 created, 0 completed; offices: 0 created, 0 completed" in second.getvalue()


def test_a_malformed_file_is_refused_and_loads_nothing(tmp_path):
    # given: two rows with the same key
    broken = dict(CURATED)
    broken["organisations"] = [ORGANISATIONS[0], ORGANISATIONS[0]]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    # when / then
    with pytest.raises(CommandError, match="duplicate source_key"):
        call_command("load_directory", "--file", str(path), stdout=io.StringIO())
    assert Organisation.objects.count() == 0


def test_an_invalid_phone_in_the_file_names_the_row_and_loads_nothing(tmp_path):
    # given
    broken = json.loads(json.dumps(CURATED))
    broken["organisations"][1]["offices"][0]["phones"][0]["number"] = "55 5596 2541"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    # when / then
    with pytest.raises(CommandError, match="seed004:probono-mx"):
        call_command("load_directory", "--file", str(path), stdout=io.StringIO())
    assert Organisation.objects.count() == 0


def test_seed_demo_loads_the_directory():
    # when
    call_command("seed_demo", "--clients", "0", stdout=io.StringIO())
    # then
    assert Organisation.objects.count() == 28
    assert Office.objects.count() == 38
