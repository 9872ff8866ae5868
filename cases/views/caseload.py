"""The pages of a whole caseload: "Mis casos", "Esta semana" (with the full list of each of its
sections) and the coordinator's team view, kept to a constant number of queries and to the rows
they show (docs/cases.md, "The attorney's week")."""

from __future__ import annotations

import datetime

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cases import case_selectors as cs
from cases import choices
from cases.deadlines import DeadlineKind, business_days_between
from cases.forms.cases import MyCasesFilterForm
from cases.selectors import attorneys_active
from clinic.accounts.models import Role, User
from clinic.core import clock
from clinic.core.links import link_maker
from clinic.core.pagination import page_of_ids
from clinic.core.permissions import role_required

CASE_ROLES = (Role.ATTORNEY, Role.COORDINATOR)
PAGE_SIZE = 25
SOON_BUSINESS_DAYS = 3
FAR_DAYS = 45


def _urgency(deadline_date, calendar: str, today: datetime.date) -> tuple[int, str]:
    """(business days left, css modifier): overdue and ≤ 3 business days are highlighted."""
    if deadline_date is None:
        return None, ""
    if deadline_date < today:
        return None, "overdue"
    if (deadline_date - today).days > FAR_DAYS:
        return None, ""  # far away: the date says enough, no day-by-day count
    left = business_days_between(calendar or "lfpa", today, deadline_date)
    if left <= SOON_BUSINESS_DAYS:
        return left, "soon"
    return left, ""


@role_required(*CASE_ROLES)
def my_cases(request: HttpRequest) -> HttpResponse:
    """Her open cases with stage and next clinic deadline (days left highlighted). A
    coordinator may look at an attorney's list with ``?abogada=<pk>``."""
    form = MyCasesFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    attorney = request.user
    if request.GET.get("abogada") and request.user.has_role(Role.COORDINATOR):
        # Coordinators see every caseload: the attorney comes from the active attorneys.
        try:
            attorney = attorneys_active().get(pk=int(request.GET["abogada"]))
        except (User.DoesNotExist, ValueError):
            raise Http404 from None
    cases = cs.my_cases(
        user=request.user,
        attorney=attorney,
        case_type=filters.get("type", ""),
        status=filters.get("status", ""),
        sort=filters.get("sort") or "deadline",
    )
    page = page_of_ids(cases, request.GET.get("page"), per_page=PAGE_SIZE)
    page.object_list = cs.cases_in_order(page.object_list)
    today = clock.today()
    type_labels, dates, far = _labels(choices.CaseType), _DateLabels(), _FarLabels()
    case_url, deadline_url = link_maker("cases:case_detail"), link_maker("cases:deadline_detail")
    for case in page.object_list:
        case.url = case_url(case.pk)
        case.deadline_url = deadline_url(case.next_deadline_id) if case.next_deadline_id else ""
        case.type_label = type_labels.get(case.case_type, case.case_type)
        upcoming = case.next_deadline
        rule = upcoming.rule if upcoming else None
        case.days_left, case.urgency = _urgency(case.next_due, rule.calendar if rule else "", today)
        if case.urgency == "overdue" and rule is not None and rule.late_filing_allowed:
            case.urgency = "late-ok"
        case.due_label = dates[case.next_due, "D j M Y"] if case.next_due else ""
        case.far_label = far[case.next_due] if case.next_due and case.days_left is None else ""
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/my_cases.html",
        {
            "page": page,
            "form": form,
            "attorney": attorney,
            "query": query.urlencode(),
            "title": _("My cases")
            if attorney == request.user
            else _("Cases of %(name)s") % {"name": attorney},
        },
    )


# The sections of the week in URLs (/semana/<slug>/) and their titles.
WEEK_SECTION_SLUGS = {
    "vencidos": "overdue",
    "plazos": "deadlines",
    "citas": "appointments",
    "firmas": "signatures",
    "firmas-sin-confirmar": "unconfirmed",
}
WEEK_SECTION_TITLES = {
    "overdue": gettext_lazy("Overdue"),
    "deadlines": gettext_lazy("Deadlines"),
    "appointments": gettext_lazy("Appointments"),
    "signatures": gettext_lazy("COMAR signatures"),
    "unconfirmed": gettext_lazy("Last week's signatures nobody confirmed"),
}


def _week_offset(request: HttpRequest) -> tuple[int, datetime.date]:
    """The week asked for (``?semana=``, weeks from this one, at most 8 either way) and its
    Monday."""
    today = clock.today()
    try:
        offset = max(-8, min(8, int(request.GET.get("semana", 0))))
    except ValueError:
        offset = 0
    start = today - datetime.timedelta(days=today.weekday()) + datetime.timedelta(weeks=offset)
    return offset, start


# What the rows of "Mis casos" and of the week show is prepared here once per page: the
# template language makes every choice label, date, plural and link cost 50-75 µs a row.


def _labels(choice_class) -> dict[str, str]:
    """A choice's labels, translated once (``get_FOO_display()`` translates every choice on
    each call)."""
    return {value: str(label) for value, label in choice_class.choices}


class _DateLabels(dict):
    """The dates of a page's rows as the rows show them, formatted once per distinct date
    (formatting translates the names of the day and the month)."""

    def __missing__(self, key):
        value, fmt = key
        if isinstance(value, datetime.datetime):
            value = timezone.localtime(value)
        self[key] = label = date_format(value, fmt).lower()
        return label


class _DaysLeftLabels(dict):
    def __missing__(self, days: int) -> str:
        self[days] = label = ngettext(
            "%(counter)s business day left", "%(counter)s business days left", days
        ) % {"counter": days}
        return label


class _FarLabels(dict):
    """ "in 2 months", for a date too far away to count business days."""

    def __missing__(self, day: datetime.date) -> str:
        self[day] = label = _("in %(days)s") % {"days": timeuntil(day)}
        return label


def _mark_signature_rows(rows) -> None:
    dates = _DateLabels()
    case_url = link_maker("cases:case_detail")
    record_url = link_maker("cases:signature_record")
    for row in rows:
        row.date_label = dates[row.due_on, "D j M"]
        row.case_url = case_url(row.case_id)
        row.record_url = record_url(row.pk)


def _mark_deadline_rows(rows, today: datetime.date, *, overdue: bool) -> None:
    kinds, appointments = _labels(DeadlineKind), _labels(choices.AppointmentKind)
    dates, days_left = _DateLabels(), _DaysLeftLabels()
    url = link_maker("cases:deadline_detail")
    for row in rows:
        row.url = url(row.pk)
        if row.due_at:
            row.date_label = dates[row.due_at, "D j M, H:i"]
        else:
            row.date_label = dates[row.due_date, "D j M"]
        row.kind_label = kinds.get(row.kind, row.kind)
        row.appointment_label = appointments.get(row.appointment_kind, "")
        row.late_ok = bool(row.rule and row.rule.late_filing_allowed)
        row.days_label = ""
        if overdue:
            row.days_left, row.urgency = None, "overdue"
            continue
        calendar = row.rule.calendar if row.rule else "lfpa"
        row.days_left, row.urgency = _urgency(row.due_date, calendar, today)
        if row.kind == DeadlineKind.WATCH and row.urgency == "overdue":
            row.urgency = "watch-passed"
        if row.kind != DeadlineKind.APPOINTMENT and row.days_left is not None:
            row.days_label = days_left[row.days_left]


@role_required(*CASE_ROLES)
def week(request: HttpRequest) -> HttpResponse:
    """Her week: the first rows of each section, most urgent first, with the section's total
    and a link to its full list (``week_section``)."""
    today = clock.today()
    offset, start = _week_offset(request)
    data = cs.week_for_user(user=request.user, start=start)
    _mark_deadline_rows(data.overdue.rows, today, overdue=True)
    # at most a week away: cheap to count
    _mark_deadline_rows(data.deadlines.rows + data.appointments.rows, today, overdue=False)
    _mark_signature_rows(data.signatures.rows + data.unconfirmed_signatures.rows)
    return render(
        request,
        "cases/week.html",
        {
            "week": data,
            "offset": offset,
            "today": today,
            "title": _("This week"),
            "previous": offset - 1,
            "next": offset + 1,
        },
    )


@role_required(*CASE_ROLES)
def week_section(request: HttpRequest, section: str) -> HttpResponse:
    """Every row of one section of her week, paginated (``?semana=`` as on the week page;
    ``?dia=YYYY-MM-DD`` narrows the signatures to one day of that week)."""
    name = WEEK_SECTION_SLUGS.get(section)
    if name is None:
        raise Http404
    today = clock.today()
    offset, start = _week_offset(request)
    day = None
    if name == "signatures" and request.GET.get("dia"):
        try:
            day = datetime.date.fromisoformat(request.GET["dia"])
        except ValueError:
            day = None
        if day is not None and not start <= day <= start + datetime.timedelta(days=6):
            day = None
    rows = cs.week_section_for_user(user=request.user, start=start, section=name, day=day)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    if name in cs.DEADLINE_SECTIONS:
        _mark_deadline_rows(page.object_list, today, overdue=name == "overdue")
    else:
        _mark_signature_rows(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/week_section.html",
        {
            "page": page,
            "section": name,
            "slug": section,
            "is_signatures": name not in cs.DEADLINE_SECTIONS,
            "start": start,
            "end": start + datetime.timedelta(days=6),
            "day": day,
            "offset": offset,
            "today": today,
            "query": query.urlencode(),
            "title": WEEK_SECTION_TITLES[name],
        },
    )


@role_required(Role.COORDINATOR)
def team(request: HttpRequest) -> HttpResponse:
    from cases.selectors import unassigned_queue

    watch = cs.watch_dates_passed(user=request.user)
    return render(
        request,
        "cases/team.html",
        {
            "attorneys": list(cs.team_workload(user=request.user)),
            "watch_passed": Paginator(watch, 25).get_page(request.GET.get("page")),
            "waiting": unassigned_queue(user=request.user).count(),
            "title": _("Team"),
        },
    )
