"""'Esta semana' by sections: each shows its first rows, most urgent first, with its total and a
link to the full paginated list of the section, so a large caseload never hides a deadline."""

import datetime
import re

import pytest
from django.urls import reverse

from cases import choices
from cases.case_selectors import WEEK_SECTION_ROWS
from cases.models import Deadline, SignatureOccurrence
from cases.services import cases as case_services
from cases.services import deadlines as deadline_services
from tests.cases.factories import ClientFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def an_open_case(*, coordinator, attorney, entry_date=None):
    return case_services.case_open(
        client=ClientFactory(entry_date=entry_date or D(2026, 11, 2)),
        case_type=choices.CaseType.ASYLUM,
        by=coordinator,
        attorney=attorney,
    )


def clinic_deadlines(count, *, case, attorney, due_date, title="Escrito"):
    return [
        deadline_services.deadline_create_manual(
            by=attorney,
            responsible=attorney,
            kind="clinic",
            title=f"{title} {index:02d}",
            due_date=due_date,
            case=case,
        )
        for index in range(count)
    ]


def items(html: str) -> int:
    return html.count('<li class="week-item')


def test_a_long_section_shows_its_first_rows_its_total_and_a_link_to_all(
    make_user, verified_client, clock
):
    # given: twelve clinic deadlines this week and one appointment
    coordinator, attorney = make_user("coordinator"), make_user("attorney")
    case = an_open_case(coordinator=coordinator, attorney=attorney)
    clinic_deadlines(12, case=case, attorney=attorney, due_date=D(2026, 11, 26))
    deadline_services.deadline_create_manual(
        by=attorney,
        responsible=attorney,
        kind="appointment",
        title="Cita en la COMAR",
        due_date=D(2026, 11, 27),
        case=case,
        appointment_kind="interview",
    )
    # when
    html = verified_client(attorney).get(reverse("cases:week")).content.decode()
    # then: 10 deadlines, the appointment, and the one signature-less week
    assert items(html) == WEEK_SECTION_ROWS + 1
    assert "Escrito 09" in html and "Escrito 10" not in html
    assert re.search(r'<p class="week-more">[^<]*\b10\b[^<]*\b12\b', html)  # 10 of 12
    assert f'href="{reverse("cases:week_section", args=["plazos"])}"' in html
    assert reverse("cases:week_section", args=["citas"]) not in html  # nothing more to see


def test_the_full_section_lists_every_row_paginated(make_user, verified_client, clock):
    # given: 30 clinic deadlines this week
    coordinator, attorney = make_user("coordinator"), make_user("attorney")
    case = an_open_case(coordinator=coordinator, attorney=attorney)
    clinic_deadlines(30, case=case, attorney=attorney, due_date=D(2026, 11, 26))
    browser = verified_client(attorney)
    url = reverse("cases:week_section", args=["plazos"])
    # when
    first = browser.get(url).content.decode()
    second = browser.get(url, {"page": 2}).content.decode()
    # then
    assert items(first) == 25 and items(second) == 5
    assert "Página 1 de 2" in first
    titles = {f"Escrito {index:02d}" for index in range(30)}
    assert {title for title in titles if title in first + second} == titles


def test_pending_clinic_deadlines_come_before_the_authoritys_watch_dates(
    make_user, verified_client, clock
):
    # given: a watch date on Monday and a clinic deadline on Friday
    coordinator, attorney = make_user("coordinator"), make_user("attorney")
    case = an_open_case(coordinator=coordinator, attorney=attorney)
    Deadline.objects.create(
        case=case,
        kind="watch",
        title="La COMAR debería resolver",
        responsible=attorney,
        due_date=D(2026, 11, 23),
        created_by=coordinator,
    )
    (clinic,) = clinic_deadlines(1, case=case, attorney=attorney, due_date=D(2026, 11, 27))
    # when
    html = verified_client(attorney).get(reverse("cases:week")).content.decode()
    # then
    assert html.index(clinic.title) < html.index("La COMAR debería resolver")


def test_overdue_shows_late_filing_windows_first_and_the_missed_of_two_weeks(
    make_user, verified_client, clock
):
    # given: an asylum filing window that passed on 19 November but still admits filing with
    # a justification, a deadline missed on 10 November, and one missed three weeks ago
    coordinator, attorney = make_user("coordinator"), make_user("attorney")
    case = an_open_case(coordinator=coordinator, attorney=attorney, entry_date=D(2026, 10, 8))
    late = Deadline.objects.get(case=case, rule__code="comar_filing")
    assert late.due_date == D(2026, 11, 19) and late.rule.late_filing_allowed
    (missed,) = clinic_deadlines(
        1, case=case, attorney=attorney, due_date=D(2026, 11, 10), title="Pruebas"
    )
    (old,) = clinic_deadlines(
        1, case=case, attorney=attorney, due_date=D(2026, 11, 2), title="Viejo"
    )
    deadline_services.deadlines_mark_missed(today=D(2026, 11, 23))
    # when
    html = verified_client(attorney).get(reverse("cases:week")).content.decode()
    overdue = html.split('id="overdue"')[1].split("</section>")[0]
    # then: what she can still file comes first, though the missed one is older
    assert overdue.index(late.title) < overdue.index(missed.title)
    assert "presenta ya con justificación" in overdue.lower()
    assert old.title not in html
    section = verified_client(attorney).get(reverse("cases:week_section", args=["vencidos"]))
    assert items(section.content.decode()) == 2


def test_signatures_are_counted_per_day_and_each_day_lists_all_of_them(
    make_user, verified_client, clock
):
    # given: 12 cases signing on Wednesday, weekly since 9 November
    coordinator, attorney = make_user("coordinator"), make_user("attorney")
    for _index in range(WEEK_SECTION_ROWS + 2):
        case = an_open_case(coordinator=coordinator, attorney=attorney)
        case_services.signature_schedule_set(
            case=case, by=attorney, weekday=2, every_weeks=1, starts_on=D(2026, 11, 9)
        )
    browser = verified_client(attorney)
    # when
    html = browser.get(reverse("cases:week")).content.decode()
    # then: Wednesday's 12 signatures, and last Wednesday's 12 nobody recorded
    day_url = reverse("cases:week_section", args=["firmas"]) + "?dia=2026-11-25"
    assert f'<a href="{day_url}">miércoles 25</a>: 12 ' in html
    assert "Firmas de la semana pasada que nadie confirmó: 12" in html
    day = browser.get(day_url).content.decode()
    assert items(day) == 12
    empty = browser.get(reverse("cases:week_section", args=["firmas"]), {"dia": "2026-11-24"})
    assert items(empty.content.decode()) == 0
    unconfirmed = browser.get(reverse("cases:week_section", args=["firmas-sin-confirmar"]))
    assert items(unconfirmed.content.decode()) == 12


def test_a_few_signatures_are_listed_row_by_row(make_user, verified_client, clock):
    # given: two cases signing on Wednesday
    coordinator, attorney = make_user("coordinator"), make_user("attorney")
    cases = [an_open_case(coordinator=coordinator, attorney=attorney) for _index in range(2)]
    for case in cases:
        case_services.signature_schedule_set(
            case=case, by=attorney, weekday=2, every_weeks=1, starts_on=D(2026, 11, 9)
        )
    # when
    html = verified_client(attorney).get(reverse("cases:week")).content.decode()
    # then: this week's two and last week's two, each with its case; no per-day summary
    signatures = html.split('id="signatures"')[1].split("</section>")[0]
    assert items(signatures) == 4
    assert signatures.count("mie 25 nov") == 2 and signatures.count("mie 18 nov") == 2
    assert all(signatures.count(case.case_number) == 2 for case in cases)
    assert "?dia=" not in signatures


def test_recording_a_signature_from_the_full_list_returns_to_it(make_user, verified_client, clock):
    coordinator, attorney = make_user("coordinator"), make_user("attorney")
    case = an_open_case(coordinator=coordinator, attorney=attorney)
    case_services.signature_schedule_set(
        case=case, by=attorney, weekday=2, every_weeks=1, starts_on=D(2026, 11, 9)
    )
    last_week = SignatureOccurrence.objects.get(case=case, due_on=D(2026, 11, 18))
    browser = verified_client(attorney)
    page = browser.get(reverse("cases:week_section", args=["firmas-sin-confirmar"]))
    assert 'name="return_to" value="firmas-sin-confirmar"' in page.content.decode()
    # when
    response = browser.post(
        reverse("cases:signature_record", args=[last_week.pk]),
        {"status": "attended", "return_to": "firmas-sin-confirmar"},
    )
    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:week_section", args=["firmas-sin-confirmar"])
    last_week.refresh_from_db()
    assert last_week.status == "attended"


@pytest.mark.parametrize("slug", ["vencidos", "plazos", "citas", "firmas", "firmas-sin-confirmar"])
@pytest.mark.parametrize(
    ("roles", "status"),
    [
        (("intake",), 403),
        (("psychosocial",), 403),
        (("admin",), 403),
        (("attorney",), 200),
        (("coordinator",), 200),
    ],
)
def test_week_sections_are_for_attorneys_and_coordinators_and_show_only_her_rows(
    make_user, verified_client, client, clock, slug, roles, status
):
    # given: a colleague's case with a deadline, an appointment and signatures this week
    coordinator, colleague = make_user("coordinator"), make_user("attorney")
    case = an_open_case(coordinator=coordinator, attorney=colleague, entry_date=D(2026, 6, 1))
    clinic_deadlines(1, case=case, attorney=colleague, due_date=D(2026, 11, 24))
    deadline_services.deadline_create_manual(
        by=colleague,
        responsible=colleague,
        kind="appointment",
        title="Cita",
        due_date=D(2026, 11, 24),
        case=case,
        appointment_kind="interview",
    )
    case_services.signature_schedule_set(
        case=case, by=colleague, weekday=1, every_weeks=1, starts_on=D(2026, 11, 9)
    )
    url = reverse("cases:week_section", args=[slug])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    before = (
        list(Deadline.objects.values_list("pk", "status", "version")),
        list(SignatureOccurrence.objects.values_list("pk", "status")),
    )
    # when
    response = verified_client(make_user(*roles)).get(url)
    # then: refused, or her own (empty) list: the colleague's case never shows
    assert response.status_code == status
    if status == 200:
        assert case.case_number not in response.content.decode()
    assert verified_client(colleague).get(url).content.decode().count(case.case_number) >= 1
    after = (
        list(Deadline.objects.values_list("pk", "status", "version")),
        list(SignatureOccurrence.objects.values_list("pk", "status")),
    )
    assert after == before


def test_an_unknown_section_is_not_found(make_user, verified_client, clock):
    browser = verified_client(make_user("attorney"))
    assert browser.get(reverse("cases:week_section", args=["otra"])).status_code == 404
