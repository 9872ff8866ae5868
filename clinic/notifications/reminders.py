"""Deadline reminders, escalations and the daily digest — exactly once, without ETA tasks.

How a reminder is born and sent (``reminders_dispatch``, run by beat every five minutes and by
``manage.py dispatch_reminders``):

1. Every pending deadline due in the next few weeks is looked at with its responsible
   person's preferences (and, while she is on leave, her delegate's: both are reminded). Each
   offset ("3 business days before", in the deadline's own calendar; "6 hours before" for
   deadlines counted in hours) has a moment it falls due, at 08:00 Mexico City for dates. The
   **latest** offset already due is the one to send: earlier ones are superseded, so offsets
   already past when a deadline is created are skipped except the nearest one, and a
   dispatcher that was down for a day sends one reminder, not three.
2. The reminder row is **inserted** against the unique key (deadline, effective due date,
   offset, recipient, channel) before anything is sent. Two dispatchers racing insert the same
   key; the database lets one win. A deadline whose date moves has a new key and reminds again.
3. Pending rows are claimed with a conditional UPDATE and sent; a sent row is never sent again.
   Transient errors (mail server down) leave the row pending with a back-off; after
   ``MAX_ATTEMPTS`` it is marked failed.

Missed clinic deadlines escalate to every active coordinator through the same rows (offset
``missed``). E-mails name cases by case number and carry links; never client names, typed titles
or case details.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from clinic.accounts.models import User
from clinic.accounts.selectors import on_leave_now_q
from clinic.core import clock

from .models import (
    DEFAULT_BUSINESS_DAY_OFFSETS,
    DEFAULT_HOUR_OFFSETS,
    DeliveryStatus,
    Digest,
    Notification,
    NotificationKind,
    Reminder,
    ReminderChannel,
    ReminderPreference,
)

logger = logging.getLogger(__name__)

MEXICO_CITY = ZoneInfo("America/Mexico_City")
#: Date-based reminders fall due at this local hour.
REMINDER_HOUR = 8
#: How far ahead to look: the largest offset (10 business days) plus holidays and closures.
LOOKAHEAD_DAYS = 30
#: Missed deadlines older than this are not escalated (history, not news).
ESCALATION_WINDOW_DAYS = 7
MAX_ATTEMPTS = 5
#: A claim older than this belongs to a dispatcher that died mid-send.
CLAIM_TIMEOUT = datetime.timedelta(minutes=10)
TRANSIENT_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError, OSError)

DEFAULT_PREFERENCE = ReminderPreference(
    business_day_offsets=DEFAULT_BUSINESS_DAY_OFFSETS,
    hour_offsets=DEFAULT_HOUR_OFFSETS,
    by_email=True,
    in_app=True,
    daily_digest=True,
)


@dataclass(frozen=True)
class DueReminder:
    """What one dispatcher intends to send (before the row exists)."""

    deadline_id: int
    due_key: str
    offset: str
    recipient_id: int
    on_behalf_of_id: int | None
    channel: str
    fire_at: datetime.datetime


@dataclass
class DispatchResult:
    created: int = 0
    sent: int = 0
    failed: int = 0


# --- When is a reminder due ------------------------------------------------------------------


def _at_local_hour(day: datetime.date, hour: int = REMINDER_HOUR) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=MEXICO_CITY)


def _calendar_of(deadline) -> str:
    from cases.deadlines.calendars import CalendarCode

    if deadline.rule_id:
        return deadline.rule.calendar
    return deadline.computation.get("calendar") or CalendarCode.LFPA


def counted_in_hours(deadline) -> bool:
    """Deadlines whose rule counts hours (the 36-hour clock) are reminded in hours; everything
    else, appointments with a time included, in business days."""
    from cases.deadlines.engine import Unit

    return deadline.due_at is not None and deadline.rule_id and deadline.rule.unit == Unit.HOURS


def offset_moments(
    deadline, preference: ReminderPreference, closures=()
) -> list[tuple[str, datetime.datetime]]:
    """Every offset the person chose for this deadline with the moment it falls due, earliest
    first. Business days are counted back in the deadline's calendar, doubtful days and
    declared closures counted as non-working — which can only make a reminder earlier."""
    from cases.deadlines.calendars import add_business_days

    if counted_in_hours(deadline):
        moments = [
            (f"h{hours}", deadline.due_at - datetime.timedelta(hours=hours))
            for hours in preference.hour_offsets
        ]
    else:
        calendar = _calendar_of(deadline)
        moments = [
            (
                f"bd{days}",
                _at_local_hour(
                    add_business_days(
                        calendar,
                        deadline.due_date,
                        -days,
                        closures,
                        doubtful_as_non_working=True,
                    )
                ),
            )
            for days in preference.business_day_offsets
        ]
    return sorted(moments, key=lambda item: item[1])


def due_offset(
    deadline, preference: ReminderPreference, now: datetime.datetime, closures=()
) -> tuple[str, datetime.datetime] | None:
    """The offset to send now: the latest one already due, while the deadline itself has not
    passed. ``None`` when nothing is due yet (or any more)."""
    if counted_in_hours(deadline):
        if now > deadline.due_at:
            return None
    elif now.astimezone(MEXICO_CITY).date() > deadline.due_date:
        return None
    due = [item for item in offset_moments(deadline, preference, closures) if item[1] <= now]
    return due[-1] if due else None


def _due_key(deadline) -> str:
    if counted_in_hours(deadline):
        return deadline.due_at.astimezone(datetime.UTC).isoformat(timespec="minutes")
    return deadline.due_date.isoformat()


def _channels(preference: ReminderPreference) -> list[str]:
    channels = []
    if preference.by_email:
        channels.append(ReminderChannel.EMAIL)
    if preference.in_app:
        channels.append(ReminderChannel.IN_APP)
    return channels


def _preferences(user_ids) -> dict[int, ReminderPreference]:
    return {
        row.user_id: row for row in ReminderPreference.objects.filter(user_id__in=set(user_ids))
    }


def _recipients(responsible: User) -> list[tuple[User, User | None]]:
    """Her, and while her leave is current her active delegate too, on her behalf (as for
    in-app notifications: ``reminder_recipients``). Nobody misses a date because the person
    covering did not know, or because the leave ended early."""
    from clinic.accounts.selectors import reminder_recipients

    people = reminder_recipients(responsible)
    return [(responsible, None)] + [(delegate, responsible) for delegate in people[1:]]


def reminders_due(now: datetime.datetime | None = None) -> list[DueReminder]:
    """The reminders and escalations due at ``now`` (rows may already exist for some)."""
    from cases.choices import DeadlineStatus
    from cases.deadlines.engine import DeadlineKind
    from cases.models import Deadline
    from cases.services.deadlines import closures_for

    now = now or clock.now()
    today = now.astimezone(MEXICO_CITY).date()
    deadlines = list(
        Deadline.objects.filter(
            status=DeadlineStatus.PENDING,
            due_date__gte=today - datetime.timedelta(days=1),
            due_date__lte=today + datetime.timedelta(days=LOOKAHEAD_DAYS),
            responsible__is_active=True,
        ).select_related("rule", "responsible__delegate")
    )
    recipients = {deadline.pk: _recipients(deadline.responsible) for deadline in deadlines}
    preferences = _preferences(
        person.pk for pairs in recipients.values() for person, _owner in pairs
    )
    closure_cache: dict[tuple[str, str], list] = {}
    due: list[DueReminder] = []
    for deadline in deadlines:
        key = (deadline.authority, deadline.authority_state)
        if key not in closure_cache:
            closure_cache[key] = closures_for(
                authority=deadline.authority, state=deadline.authority_state
            )
        for recipient, on_behalf_of in recipients[deadline.pk]:
            preference = preferences.get(recipient.pk, DEFAULT_PREFERENCE)
            found = due_offset(deadline, preference, now, closure_cache[key])
            if found is None:
                continue
            offset, fire_at = found
            for channel in _channels(preference):
                due.append(
                    DueReminder(
                        deadline_id=deadline.pk,
                        due_key=_due_key(deadline),
                        offset=offset,
                        recipient_id=recipient.pk,
                        on_behalf_of_id=on_behalf_of.pk if on_behalf_of else None,
                        channel=channel,
                        fire_at=fire_at,
                    )
                )
    # Escalations: clinic deadlines marked missed recently go to every active coordinator.
    missed = list(
        Deadline.objects.filter(
            status=DeadlineStatus.MISSED,
            kind=DeadlineKind.CLINIC,
            due_date__gte=today - datetime.timedelta(days=ESCALATION_WINDOW_DAYS),
        ).values_list("pk", "due_date", "due_at")
    )
    if missed:
        coordinators = list(
            User.objects.filter(is_active=True, is_coordinator=True).values_list("pk", flat=True)
        )
        coordinator_preferences = _preferences(coordinators)
        for pk, due_date, due_at in missed:
            due_key = (
                due_at.astimezone(datetime.UTC).isoformat(timespec="minutes")
                if due_at
                else due_date.isoformat()
            )
            for coordinator in coordinators:
                preference = coordinator_preferences.get(coordinator, DEFAULT_PREFERENCE)
                # An escalation is never silent: in-app even if she switched both channels off.
                for channel in _channels(preference) or [ReminderChannel.IN_APP]:
                    due.append(DueReminder(pk, due_key, "missed", coordinator, None, channel, now))
    return due


# --- Inserting and sending -------------------------------------------------------------------


def _existing_keys(due: list[DueReminder]) -> set[tuple]:
    """Keys already stored, to avoid a failed insert per known reminder (an optimisation only:
    the unique constraint is what guarantees "once")."""
    if not due:
        return set()
    rows = Reminder.objects.filter(deadline_id__in={item.deadline_id for item in due}).values_list(
        "deadline_id", "due_key", "offset", "recipient_id", "channel"
    )
    return set(rows)


def _insert_once(model, **fields) -> bool:
    """Insert one row against its unique constraint; False when another dispatcher (or an
    earlier run) already holds the key. The savepoint keeps the surrounding transaction
    usable after a conflict."""
    try:
        with transaction.atomic():
            model.objects.create(**fields)
    except IntegrityError:
        return False
    return True


def reminders_create_due(now: datetime.datetime | None = None) -> int:
    """Insert the rows for every reminder due at ``now``. Returns how many this call created."""
    due = reminders_due(now)
    known = _existing_keys(due)
    created = 0
    for item in due:
        key = (item.deadline_id, item.due_key, item.offset, item.recipient_id, item.channel)
        if key in known:
            continue
        if _insert_once(
            Reminder,
            deadline_id=item.deadline_id,
            due_key=item.due_key,
            offset=item.offset,
            recipient_id=item.recipient_id,
            on_behalf_of_id=item.on_behalf_of_id,
            channel=item.channel,
            fire_at=item.fire_at,
        ):
            created += 1
    return created


def _claim(model, pk: int, now: datetime.datetime) -> bool:
    """Take a pending row for sending. Only one caller wins; a claim left by a dispatcher that
    died expires after ``CLAIM_TIMEOUT``."""
    return bool(
        model.objects.filter(pk=pk, status=DeliveryStatus.PENDING)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT))
        .update(claimed_at=now)
    )


def _record_failure(model, row, error: Exception, now: datetime.datetime) -> str:
    attempts = row.attempts + 1
    transient = isinstance(error, TRANSIENT_ERRORS) and attempts < MAX_ATTEMPTS
    model.objects.filter(pk=row.pk).update(
        attempts=attempts,
        claimed_at=None,
        error=type(error).__name__,
        status=DeliveryStatus.PENDING if transient else DeliveryStatus.FAILED,
        next_attempt_at=now + datetime.timedelta(minutes=5 * 2**attempts) if transient else None,
    )
    # The class name only: an SMTP error's text can quote addresses.
    logger.warning(
        "%s %s not sent (%s), attempt %s", model.__name__, row.pk, type(error).__name__, attempts
    )
    return DeliveryStatus.PENDING if transient else DeliveryStatus.FAILED


def _link(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _case_label(deadline) -> str:
    return deadline.case.case_number if deadline.case_id else deadline.client.client_code


def _what(deadline) -> str:
    from cases.services.deadlines import _safe_title

    return _safe_title(deadline)


def _when(reminder: Reminder) -> str:
    offset = reminder.offset
    if offset == "missed":
        return _("was missed")
    count = int(offset[2:] if offset.startswith("bd") else offset[1:])
    if offset.startswith("h"):
        return ngettext("is due in %(count)d hour", "is due in %(count)d hours", count) % {
            "count": count
        }
    if count == 0:
        return _("is due today")
    return ngettext(
        "is due in %(count)d business day", "is due in %(count)d business days", count
    ) % {"count": count}


def _message(reminder: Reminder) -> tuple[str, str, str]:
    """Subject, text and in-app path — case number, rule name and date only."""
    deadline = reminder.deadline
    path = reverse("cases:deadline_detail", args=[deadline.pk])
    values = {
        "what": _what(deadline),
        "case": _case_label(deadline),
        "when": _when(reminder),
        "date": deadline.due_date.strftime("%d/%m/%Y"),
    }
    if reminder.offset == "missed":
        text = _("Escalation: the deadline “%(what)s” of %(case)s (%(date)s) was missed.") % values
    else:
        text = _("%(what)s of %(case)s %(when)s (%(date)s).") % values
    if reminder.on_behalf_of_id:
        text = (
            _("On behalf of %(name)s: ")
            % {"name": reminder.on_behalf_of.get_full_name() or reminder.on_behalf_of.username}
            + text
        )
    return _("Acompaña: %(case)s") % values, text, path


def reminder_send(reminder_id: int, now: datetime.datetime | None = None) -> str:
    """Send one pending reminder. Returns its resulting status, or "skipped" when it was already
    sent, failed for good, or is being sent by someone else. Safe to call again."""
    now = now or clock.now()
    if not _claim(Reminder, reminder_id, now):
        return "skipped"
    reminder = Reminder.objects.select_related(
        "deadline__case", "deadline__client", "deadline__rule", "recipient", "on_behalf_of"
    ).get(pk=reminder_id)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            subject, text, path = _message(reminder)
            if reminder.channel == ReminderChannel.EMAIL:
                if not reminder.recipient.email:
                    raise LookupError("no e-mail address")
                body = render_to_string(
                    "notifications/email/reminder_body.txt",
                    {
                        "text": text,
                        "link": _link(path),
                        "settings_link": _link(reverse("notifications:reminder_preferences")),
                    },
                )
                send_mail(subject, body, None, [reminder.recipient.email])
            else:
                kind = (
                    NotificationKind.ESCALATION
                    if reminder.offset == "missed"
                    else NotificationKind.REMINDER
                )
                Notification.objects.create(
                    recipient=reminder.recipient,
                    kind=kind,
                    text=text[:300],
                    url=path,
                    case_number=_case_label(reminder.deadline)[:30],
                )
    except Exception as error:  # recorded on the row; transient ones are retried
        return _record_failure(Reminder, reminder, error, now)
    Reminder.objects.filter(pk=reminder_id).update(
        status=DeliveryStatus.SENT, sent_at=now, claimed_at=None, error=""
    )
    return DeliveryStatus.SENT


def _sendable(model, now: datetime.datetime):
    return model.objects.filter(status=DeliveryStatus.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def reminders_dispatch(now: datetime.datetime | None = None) -> DispatchResult:
    """Insert every due reminder, then send every pending one (new ones and retries).
    Idempotent: running it again at once sends nothing."""
    now = now or clock.now()
    result = DispatchResult(created=reminders_create_due(now))
    for pk in _sendable(Reminder, now).order_by("fire_at", "pk").values_list("pk", flat=True):
        status = reminder_send(pk, now)
        if status == DeliveryStatus.SENT:
            result.sent += 1
        elif status == DeliveryStatus.FAILED:
            result.failed += 1
    return result


# --- The daily digest ------------------------------------------------------------------------


def digest_recipients() -> list[User]:
    """Active attorneys and coordinators with an e-mail address who have not switched the
    digest off and are not on leave (the delegate's digest carries their dates: "Esta semana"
    includes the deadlines of colleagues she covers for)."""
    opted_out = ReminderPreference.objects.filter(daily_digest=False).values("user_id")
    return list(
        User.objects.filter(is_active=True)
        .filter(Q(is_attorney=True) | Q(is_coordinator=True))
        .exclude(pk__in=opted_out)
        .exclude(on_leave_now_q())
        .exclude(email="")
        .order_by("pk")
    )


def digest_content(*, user: User, today: datetime.date, absolute: bool = True) -> dict:
    """Today's and this week's dates, signatures and appointments and what is overdue, named by
    case number only — through the same scoped selector as "Esta semana". Links are absolute
    for the e-mail, paths for the in-app preview."""
    from cases.case_selectors import week_for_user

    link = _link if absolute else str

    monday = today - datetime.timedelta(days=today.weekday())
    week = week_for_user(user=user, start=monday)

    def deadline_line(deadline) -> dict:
        return {
            "date": deadline.due_date,
            "case": _case_label(deadline),
            "what": _what(deadline),
            "link": link(reverse("cases:deadline_detail", args=[deadline.pk])),
        }

    upcoming = [row for row in week.deadlines.rows if row.due_date >= today]

    def signature_line(row) -> dict:
        return {
            "date": row.due_on,
            "case": row.case.case_number,
            "link": link(reverse("cases:case_detail", args=[row.case_id])),
        }

    return {
        "today": today,
        "overdue": [deadline_line(row) for row in week.overdue.rows],
        "today_deadlines": [deadline_line(row) for row in upcoming if row.due_date == today],
        "week_deadlines": [deadline_line(row) for row in upcoming if row.due_date > today],
        "appointments": [
            deadline_line(row) for row in week.appointments.rows if row.due_date >= today
        ],
        "signatures": [signature_line(row) for row in week.signatures.rows if row.due_on >= today],
        "unconfirmed_signatures": [signature_line(row) for row in week.unconfirmed_signatures.rows],
        # The week shows each section's first rows; say how many more there are and link.
        "more": {
            "overdue": week.overdue.more,
            "deadlines": week.deadlines.more,
            "appointments": week.appointments.more,
            "signatures": week.signatures.total - len(week.signatures.rows),
            "unconfirmed": week.unconfirmed_signatures.more,
        },
        "more_total": week.overdue.more
        + week.deadlines.more
        + week.appointments.more
        + week.signatures.total
        - len(week.signatures.rows)
        + week.unconfirmed_signatures.more,
        "week_link": link(reverse("cases:week")),
        "settings_link": link(reverse("notifications:reminder_preferences")),
    }


def digest_send(digest_id: int, now: datetime.datetime | None = None) -> str:
    now = now or clock.now()
    if not _claim(Digest, digest_id, now):
        return "skipped"
    digest = Digest.objects.select_related("recipient").get(pk=digest_id)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            context = digest_content(user=digest.recipient, today=digest.day)
            subject = _("Acompaña: your day, %(date)s") % {"date": digest.day.strftime("%d/%m/%Y")}
            body = render_to_string("notifications/email/digest_body.txt", context)
        send_mail(subject, body, None, [digest.recipient.email])
    except Exception as error:
        return _record_failure(Digest, digest, error, now)
    Digest.objects.filter(pk=digest_id).update(
        status=DeliveryStatus.SENT, sent_at=now, claimed_at=None, error=""
    )
    return DeliveryStatus.SENT


def digests_send(now: datetime.datetime | None = None) -> DispatchResult:
    """Insert today's digest for every recipient (once per person per day) and send pending
    ones. Safe to run again: a sent digest is never sent twice."""
    now = now or clock.now()
    today = now.astimezone(MEXICO_CITY).date()
    result = DispatchResult()
    already = set(Digest.objects.filter(day=today).values_list("recipient_id", flat=True))
    for user in digest_recipients():
        if user.pk not in already and _insert_once(Digest, recipient=user, day=today):
            result.created += 1
    for pk in _sendable(Digest, now).filter(day=today).values_list("pk", flat=True):
        status = digest_send(pk, now)
        if status == DeliveryStatus.SENT:
            result.sent += 1
        elif status == DeliveryStatus.FAILED:
            result.failed += 1
    return result


# --- Preferences -----------------------------------------------------------------------------


def preference_for(user: User) -> ReminderPreference:
    """Her stored preferences, or unsaved defaults."""
    return ReminderPreference.objects.filter(user=user).first() or ReminderPreference(
        user=user,
        business_day_offsets=list(DEFAULT_BUSINESS_DAY_OFFSETS),
        hour_offsets=list(DEFAULT_HOUR_OFFSETS),
    )


@transaction.atomic
def reminder_preference_set(
    *,
    user: User,
    business_day_offsets: list[int],
    hour_offsets: list[int],
    by_email: bool,
    in_app: bool,
    daily_digest: bool,
) -> ReminderPreference:
    """Store her own preferences (history kept). Offsets are sorted, largest first."""
    from cases.services.common import save_tracked

    preference = ReminderPreference.objects.select_for_update().filter(user=user).first()
    preference = preference or ReminderPreference(user=user)
    preference.business_day_offsets = sorted(set(business_day_offsets), reverse=True)
    preference.hour_offsets = sorted(set(hour_offsets), reverse=True)
    preference.by_email = by_email
    preference.in_app = in_app
    preference.daily_digest = daily_digest
    save_tracked(preference, by=user, reason="Reminder preferences changed")
    return preference
