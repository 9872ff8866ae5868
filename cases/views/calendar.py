"""The private calendar (ICS) feed: the one token-protected route in the allow-list.

The address carries a random secret; only its SHA-256 is stored, so a database leak does not
reveal live addresses. Entries are named by case number and the kind of date only: no names,
no titles typed by staff, no places. Each address is rate-limited.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cases import choices
from cases.deadlines import DeadlineKind
from cases.models import CalendarFeed, CaseAssignment, Deadline, SignatureOccurrence
from clinic.accounts.models import Role
from clinic.core import clock
from clinic.core.permissions import role_required

FEED_RATE_LIMIT = 30  # requests per address per window
FEED_RATE_WINDOW = 600  # seconds
FEED_DAYS_BEHIND = 30
FEED_DAYS_AHEAD = 365


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def feed_regenerate(*, user) -> str:
    """Revoke her live address (if any) and return a new secret (shown once)."""
    feed_revoke(user=user)
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.create(user=user, token_hash=_hash(token))
    return token


def feed_revoke(*, user) -> int:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=clock.now()
    )


@role_required(Role.ATTORNEY, Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def calendar_settings(request: HttpRequest) -> HttpResponse:
    """Her calendar address: create (shown once), regenerate, revoke."""
    feed_url = ""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            feed_revoke(user=request.user)
            messages.success(request, _("The calendar address was revoked."))
            return redirect("cases:calendar_settings")
        token = feed_regenerate(user=request.user)
        feed_url = request.build_absolute_uri(reverse("cases:calendar_feed", args=[token]))
    live = CalendarFeed.objects.filter(user=request.user, revoked_at__isnull=True).first()
    return render(
        request,
        "cases/calendar_settings.html",
        {"feed": live, "feed_url": feed_url, "title": _("Calendar")},
    )


def _rate_limited(token_hash: str) -> bool:
    key = f"ics:{token_hash[:32]}"
    try:
        if cache.add(key, 1, FEED_RATE_WINDOW):
            return False
        return cache.incr(key) > FEED_RATE_LIMIT
    except Exception:
        return False


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(uid: str, summary: str, day: datetime.date, at: datetime.datetime | None, url: str):
    lines = ["BEGIN:VEVENT", f"UID:{uid}@acompana", f"DTSTAMP:{_stamp(clock.now())}"]
    if at is not None:
        lines += [f"DTSTART:{_stamp(at)}", f"DTEND:{_stamp(at + datetime.timedelta(hours=1))}"]
    else:
        lines += [
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + datetime.timedelta(days=1):%Y%m%d}",
        ]
    lines += [f"SUMMARY:{_escape(summary)}", f"URL:{url}", "END:VEVENT"]
    return lines


def feed_lines(*, user, base_url: str) -> list[str]:
    """The ICS for her caseload: pending deadlines, watch dates, appointments and signatures
    (two queries)."""
    today = clock.today()
    window = (
        today - datetime.timedelta(days=FEED_DAYS_BEHIND),
        today + datetime.timedelta(days=FEED_DAYS_AHEAD),
    )
    my_cases = CaseAssignment.objects.filter(user=user, ended_at=None).values("case_id")
    kinds = dict(DeadlineKind.choices)
    appointments = dict(choices.AppointmentKind.choices)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Acompana//Calendario//ES",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(_('Acompaña deadlines'))}",
    ]
    deadlines = (
        Deadline.objects.filter(status=choices.DeadlineStatus.PENDING, due_date__range=window)
        .filter(case_id__in=my_cases)
        .select_related("case", "rule", "client")
        .order_by("due_date", "pk")
    )
    for row in deadlines:
        number = row.case.case_number if row.case_id else row.client.client_code
        if row.kind == DeadlineKind.APPOINTMENT:
            what = appointments.get(row.appointment_kind, kinds[row.kind])
        elif row.rule is not None:
            what = _(row.rule.name)
        else:
            what = kinds[row.kind]
        lines += _event(
            f"deadline-{row.pk}",
            f"{number} · {what}",
            row.due_date,
            row.due_at,
            base_url + reverse("cases:deadline_detail", args=[row.pk]),
        )
    signatures = (
        SignatureOccurrence.objects.filter(
            case_id__in=my_cases,
            status=choices.SignatureStatus.PENDING,
            due_on__range=window,
        )
        .select_related("case")
        .order_by("due_on", "pk")
    )
    for row in signatures:
        lines += _event(
            f"signature-{row.pk}",
            f"{row.case.case_number} · {_('COMAR signature')}",
            row.due_on,
            None,
            base_url + reverse("cases:case_detail", args=[row.case_id]),
        )
    lines.append("END:VCALENDAR")
    return lines


def _fold(line: str) -> str:
    """RFC 5545: lines longer than 75 octets continue on the next line after a space."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += encoded
    parts.append(current.decode())
    return "\r\n ".join(parts)


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    token_hash = _hash(token)
    if _rate_limited(token_hash):
        return HttpResponse(status=429, headers={"Retry-After": str(FEED_RATE_WINDOW)})
    feed = (
        CalendarFeed.objects.filter(token_hash=token_hash, revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if feed is None or not feed.user.has_role(Role.ATTORNEY, Role.COORDINATOR):
        raise Http404  # has_role is False for deactivated accounts
    CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=clock.now())
    base_url = request.build_absolute_uri("/").rstrip("/")
    lines = feed_lines(user=feed.user, base_url=base_url)
    body = "\r\n".join(_fold(line) for line in lines) + "\r\n"
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="acompana.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
