"""'Mis casos', 'Esta semana', the team page and the calendar feed: content, highlighting, and a
constant number of SQL queries whatever the caseload."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases import choices
from cases.models import CalendarFeed, Deadline, SignatureOccurrence
from cases.services import cases as case_services
from cases.services import deadlines as deadline_services
from tests.cases.factories import ClientFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def open_cases(count, *, coordinator, attorney, clinic_due=None):
    opened = []
    for _index in range(count):
        client = ClientFactory(entry_date=D(2026, 11, 2))
        case = case_services.case_open(
            client=client,
            case_type=choices.CaseType.ASYLUM,
            by=coordinator,
            attorney=attorney,
        )
        deadline_services.deadline_create_manual(
            by=attorney,
            responsible=attorney,
            kind="appointment",
            title="Cita privada con su hermana",
            due_date=D(2026, 11, 25),
            case=case,
            appointment_kind="interview",
        )
        case_services.signature_schedule_set(
            case=case, by=attorney, weekday=2, every_weeks=1, starts_on=D(2026, 11, 9)
        )
        if clinic_due is not None:
            deadline_services.deadline_create_manual(
                by=attorney,
                responsible=attorney,
                kind="clinic",
                title="Escrito",
                due_date=clinic_due,
                case=case,
            )
        opened.append(case)
    return opened


def count_queries(browser, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = browser.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


PAGES = [
    ("cases:my_cases", []),
    ("cases:week", []),
    *(
        ("cases:week_section", [slug])
        for slug in ("vencidos", "plazos", "citas", "firmas", "firmas-sin-confirmar")
    ),
    ("cases:team", []),
    ("cases:calendar_settings", []),
]


def test_pages_run_a_constant_number_of_queries(make_user, verified_client, clock):
    coordinator, attorney = make_user("coordinator"), make_user("attorney")
    # Coordinator pages are checked with the coordinator, the others with the attorney.
    users = {name: coordinator if name == "cases:team" else attorney for name, _args in PAGES}
    open_cases(10, coordinator=coordinator, attorney=attorney, clinic_due=D(2026, 11, 26))
    small = {}
    for name, args in PAGES:
        browser = verified_client(users[name])
        browser.get(reverse(name, args=args))  # warm caches (session, content types)
        small[name, *args], _html = count_queries(browser, reverse(name, args=args))
    # 40 in all: more than a section shows (10) and than a full list's page (25), which is what
    # a per-row query would reveal; 200 cost a minute on a 2-core machine for the same proof.
    open_cases(30, coordinator=coordinator, attorney=attorney, clinic_due=D(2026, 11, 26))
    for name, args in PAGES:
        browser = verified_client(users[name])
        browser.get(reverse(name, args=args))
        large, html = count_queries(browser, reverse(name, args=args))
        assert small[name, *args] == large, (name, args, small[name, *args], large)
        if name == "cases:week":
            # 40 deadlines, 40 appointments, 40 signatures and 40 of last week nobody
            # recorded: the first 10 of each (the week's signatures per day instead), the
            # totals, and a link to each full list
            assert html.count('<li class="week-item') == 30
            assert "?dia=2026-11-25" in html
            for slug in ("plazos", "citas", "firmas", "firmas-sin-confirmar"):
                assert reverse("cases:week_section", args=[slug]) in html
            assert '<span class="badge">40</span>' in html
        if name == "cases:week_section":
            assert html.count('<li class="week-item') == (0 if args[0] == "vencidos" else 25)


def test_my_cases_shows_the_next_clinic_deadline_and_highlights_urgency(
    make_user, verified_client, clock
):
    coordinator, attorney = make_user("coordinator"), make_user("attorney")
    case, later = open_cases(2, coordinator=coordinator, attorney=attorney)
    urgent = deadline_services.deadline_create_manual(
        by=attorney,
        responsible=attorney,
        kind="clinic",
        title="Escrito urgente",
        due_date=D(2026, 11, 25),
        case=case,
    )
    overdue = deadline_services.deadline_create_manual(
        by=attorney,
        responsible=attorney,
        kind="clinic",
        title="Prueba vencida",
        due_date=D(2026, 11, 20),
        case=later,
    )
    html = verified_client(attorney).get(reverse("cases:my_cases")).content.decode()
    assert "Escrito urgente" in html and "Prueba vencida" in html
    assert 'class="row--soon"' in html  # 2 business days left
    assert 'class="row--overdue"' in html
    assert html.index(overdue.title) < html.index(urgent.title)  # sorted by next deadline


def test_the_week_lists_delegated_deadlines_and_last_weeks_unconfirmed_signatures(
    make_user, verified_client, clock
):
    coordinator = make_user("coordinator")
    away, cover = make_user("attorney"), make_user("attorney")
    case, hidden = open_cases(2, coordinator=coordinator, attorney=away)
    away.on_leave, away.delegate = True, cover
    away.save()
    # The coordinator puts the delegate on the case that needs action; the other case stays
    # out of her scope, so even its case number does not reach her week.
    case_services.case_assign(case=case, attorney=cover, by=coordinator)
    html = verified_client(cover).get(reverse("cases:week")).content.decode()
    assert case.case_number in html  # her colleague's filing window, while she is away
    assert hidden.case_number not in html
    last_week = SignatureOccurrence.objects.get(case=case, due_on=D(2026, 11, 18))
    html = verified_client(away).get(reverse("cases:week")).content.decode()
    assert reverse("cases:signature_record", args=[last_week.pk]) in html


def test_watch_dates_never_show_as_overdue_clinic_work(make_user, verified_client, clock):
    coordinator, attorney = make_user("coordinator"), make_user("attorney")
    (case,) = open_cases(1, coordinator=coordinator, attorney=attorney)
    case_services.event_record(
        case=case, kind="filing", by=attorney, occurred_on=D(2026, 8, 3), authority="comar"
    )
    watch = Deadline.objects.get(case=case, rule__code="comar_resolution")
    assert watch.due_date < D(2026, 11, 23)
    html = verified_client(coordinator).get(reverse("cases:team")).content.decode()
    assert watch.title in html  # listed under "watch dates that passed"


def test_calendar_feed_token_is_hashed_revocable_and_names_cases_only(
    make_user, verified_client, client, clock
):
    coordinator, attorney = make_user("coordinator"), make_user("attorney")
    (case,) = open_cases(1, coordinator=coordinator, attorney=attorney)
    browser = verified_client(attorney)
    response = browser.post(reverse("cases:calendar_settings"), {"action": "create"})
    html = response.content.decode()
    url = html.split('<p class="secret">')[1].split("</p>")[0].strip()
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert not CalendarFeed.objects.filter(token_hash=token).exists()  # only the hash is kept
    browser.logout()
    feed = client.get(reverse("cases:calendar_feed", args=[token]))
    body = feed.content.decode()
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    assert case.case_number in body and "BEGIN:VEVENT" in body
    assert case.client.first_surname not in body and case.client.given_names not in body
    assert "hermana" not in body  # titles typed by staff never leave the app
    verified_client(attorney).post(reverse("cases:calendar_settings"), {"action": "revoke"})
    client.logout()
    assert client.get(reverse("cases:calendar_feed", args=[token])).status_code == 404


def test_calendar_feed_is_rate_limited(make_user, verified_client, client, clock):
    attorney = make_user("attorney")
    response = verified_client(attorney).post(
        reverse("cases:calendar_settings"), {"action": "create"}
    )
    url = response.content.decode().split('<p class="secret">')[1].split("</p>")[0].strip()
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    client.logout()
    statuses = [
        client.get(reverse("cases:calendar_feed", args=[token])).status_code for _ in range(31)
    ]
    assert statuses[:30] == [200] * 30 and statuses[30] == 429
    assert client.get(reverse("cases:calendar_feed", args=["x" * 43])).status_code == 404


def test_my_cases_sorts_by_client_and_pages_with_the_total(make_user, verified_client, clock):
    # given: 27 cases of clients named in reverse order of opening
    coordinator, attorney = make_user("coordinator"), make_user("attorney")
    numbers = []
    for index in range(27):
        client = ClientFactory(
            entry_date=D(2026, 11, 2), given_names="Ana", first_surname=f"Zeta{26 - index:02d}"
        )
        case = case_services.case_open(
            client=client, case_type=choices.CaseType.ASYLUM, by=coordinator, attorney=attorney
        )
        numbers.append(case.case_number)
    browser = verified_client(attorney)
    # when
    first = browser.get(reverse("cases:my_cases"), {"sort": "client"}).content.decode()
    second = browser.get(reverse("cases:my_cases"), {"sort": "client", "page": 2}).content.decode()
    beyond = browser.get(reverse("cases:my_cases"), {"sort": "client", "page": 9}).content.decode()
    # then: Zeta00 (the last opened) first; 25 on page 1 of 2, then the first two opened
    assert first.index("Zeta00") < first.index("Zeta01") < first.index("Zeta24")
    assert "Zeta25" not in first and "Página 1 de 2" in first
    assert numbers[1] in second and numbers[0] in second and "Página 2 de 2" in second
    assert "Página 2 de 2" in beyond  # past the end: the last page, like Django's get_page
