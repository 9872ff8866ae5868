"""Reminders: when they fall due (business days in the deadline's calendar, hours for the
36-hour clock), exactly once, again when the date moves, retried on transient errors, to the
delegate too, escalated when missed — and e-mails without personal data."""

import datetime
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command

from cases import choices
from cases.models import Deadline
from cases.services import cases as case_services
from cases.services import deadlines as deadline_services
from clinic.accounts.services import user_leave_set
from clinic.notifications import reminders
from clinic.notifications.models import (
    DeliveryStatus,
    Digest,
    Notification,
    Reminder,
    ReminderPreference,
)
from tests.cases.factories import ClientFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def at(text: str) -> datetime.datetime:
    """A moment in Mexico City time."""
    return datetime.datetime.fromisoformat(text + "-06:00")


@pytest.fixture
def team(make_user):
    return {
        "coordinator": make_user("coordinator", email="coordina@clinica.example"),
        "attorney": make_user("attorney", email="abogada@clinica.example"),
        "delegate": make_user("attorney", email="suplente@clinica.example"),
    }


@pytest.fixture
def case(team, clock):
    client = ClientFactory(
        entry_date=D(2026, 11, 2),
        given_names="Guadalupe",
        first_surname="Reséndiz",
        second_surname="Ñúñez",
    )
    return case_services.case_open(
        client=client,
        case_type=choices.CaseType.ASYLUM,
        by=team["coordinator"],
        attorney=team["attorney"],
    )


def manual(case, team, due: datetime.date, title="Llamar a la señora Reséndiz") -> Deadline:
    return deadline_services.deadline_create_manual(
        by=team["attorney"],
        responsible=team["attorney"],
        kind="clinic",
        title=title,
        due_date=due,
        case=case,
    )


def sent(deadline) -> list[tuple[str, str, str]]:
    return sorted(
        Reminder.objects.filter(deadline=deadline, status=DeliveryStatus.SENT).values_list(
            "offset", "recipient__username", "channel"
        )
    )


def test_business_day_offsets_fall_in_the_deadlines_calendar_and_each_goes_once(team, case, clock):
    # given a deadline on Friday 4 December, created on Monday 23 November
    deadline = manual(case, team, D(2026, 12, 4))
    moments = dict(reminders.offset_moments(deadline, reminders.DEFAULT_PREFERENCE))
    # then 7, 3 and 1 business days before and on the day, at 08:00 Mexico City
    assert moments == {
        "bd7": at("2026-11-25T08:00"),
        "bd3": at("2026-12-01T08:00"),
        "bd1": at("2026-12-03T08:00"),
        "bd0": at("2026-12-04T08:00"),
    }
    # when the dispatcher runs now, nothing is due yet for it
    reminders.reminders_dispatch()
    assert sent(deadline) == []
    # when it runs just after each moment, each offset goes once by e-mail and in the app
    username = team["attorney"].username
    for moment, offset in [
        ("2026-11-25T08:01", "bd7"),
        ("2026-12-01T08:05", "bd3"),
        ("2026-12-03T09:00", "bd1"),
        ("2026-12-04T08:00", "bd0"),
    ]:
        clock.move_to(at(moment))
        before = len(sent(deadline))
        reminders.reminders_dispatch()
        assert reminders.reminders_dispatch().sent == 0  # running again sends nothing new
        assert len(sent(deadline)) == before + 2
        assert (offset, username, "email") in sent(deadline)
        assert (offset, username, "in_app") in sent(deadline)
    # and after the date, nothing more
    clock.move_to(at("2026-12-05T08:00"))
    reminders.reminders_dispatch()
    assert len(sent(deadline)) == 8
    assert Reminder.objects.filter(deadline=deadline).count() == 8


def test_holidays_and_doubtful_days_make_reminders_earlier(team, case, clock):
    # given a deadline on Wednesday 25 November: 20 November (LFPA) is a holiday and the LFT
    # Monday 16 November is a doubtful day, counted as non-working for reminders (earlier)
    deadline = manual(case, team, D(2026, 11, 25))
    moments = dict(reminders.offset_moments(deadline, reminders.DEFAULT_PREFERENCE))
    # 24, 23, (20), 19 → 3 days; 18, 17, (16), 13, 12 → 7 days
    assert moments["bd3"] == at("2026-11-19T08:00")
    assert moments["bd7"] == at("2026-11-12T08:00")


def test_offsets_already_past_at_creation_are_skipped_except_the_nearest(team, case, clock):
    # given (Monday 23 Nov, 10:00) a deadline on Wednesday 25: 7 and 3 business days before
    # are already past, 1 day before (Tue 24) and the day itself are still ahead
    deadline = manual(case, team, D(2026, 11, 25))
    # when
    reminders.reminders_dispatch()
    # then only the nearest past one is sent, once per channel
    username = team["attorney"].username
    assert sent(deadline) == [("bd3", username, "email"), ("bd3", username, "in_app")]


def test_a_moved_date_reminds_again(team, case, clock):
    # given a reminder sent for Tuesday 24 November
    deadline = manual(case, team, D(2026, 11, 24))
    reminders.reminders_dispatch()
    assert {row[0] for row in sent(deadline)} == {"bd1"}
    # when the attorney moves the deadline to Friday 27
    deadline_services.deadline_override(
        deadline=deadline,
        by=team["attorney"],
        new_date=D(2026, 11, 27),
        reason="La autoridad amplió el plazo",
        version=deadline.version,
    )
    reminders.reminders_dispatch()
    # then she is reminded again, for the new date
    keys = set(
        Reminder.objects.filter(deadline=deadline, channel="email").values_list("due_key", "offset")
    )
    # (for the 27th, 7 business days before was the 17th, already past; 3 before is the 24th)
    assert keys == {("2026-11-24", "bd1"), ("2026-11-27", "bd7")}


def test_the_36_hour_clock_is_reminded_in_hours(team, case, clock):
    # given a detention at 22:30 on Sunday 22 November: the clock ends Tuesday 24 at 10:30
    case_services.event_record(
        case=case,
        kind=choices.EventKind.DETENTION,
        by=team["attorney"],
        occurred_at=at("2026-11-22T22:30"),
    )
    deadline = Deadline.objects.get(case=case, rule__code="detention_36h")
    assert reminders.counted_in_hours(deadline)
    # when the dispatcher runs at 10:00 on Monday: 24 hours before is 10:30, not yet
    reminders.reminders_dispatch()
    assert sent(deadline) == []
    # when it runs at 10:31: the 24-hour reminder
    clock.move_to(at("2026-11-23T10:31"))
    reminders.reminders_dispatch()
    assert {row[0] for row in sent(deadline)} == {"h24"}
    # when it next runs at 07:31 on Tuesday (missed the 12-hour one): only the 3-hour one
    clock.move_to(at("2026-11-24T07:31"))
    reminders.reminders_dispatch()
    assert {row[0] for row in sent(deadline)} == {"h24", "h3"}
    # after 10:30, nothing more
    clock.move_to(at("2026-11-24T10:31"))
    assert reminders.reminders_dispatch().created == 0


def test_preferences_choose_offsets_and_channels(team, case, clock):
    # given she wants only e-mail, 2 business days before
    ReminderPreference.objects.create(
        user=team["attorney"],
        business_day_offsets=[2],
        hour_offsets=[1],
        by_email=True,
        in_app=False,
    )
    deadline = manual(case, team, D(2026, 11, 26))  # Thu: 2 business days before = Tue 24
    reminders.reminders_dispatch()
    assert sent(deadline) == []
    clock.move_to(at("2026-11-24T08:00"))
    reminders.reminders_dispatch()
    assert sent(deadline) == [("bd2", team["attorney"].username, "email")]


def test_her_delegate_is_reminded_too_while_she_is_on_leave(team, case, clock):
    # given the attorney is on leave and named a delegate
    user_leave_set(
        by=team["attorney"],
        user=team["attorney"],
        on_leave=True,
        leave_until=D(2026, 12, 31),
        delegate=team["delegate"],
    )
    deadline = manual(case, team, D(2026, 11, 25))
    # when
    reminders.reminders_dispatch()
    # then both are reminded; the delegate's says on whose behalf
    assert {row[1] for row in sent(deadline)} == {
        team["attorney"].username,
        team["delegate"].username,
    }
    note = Notification.objects.get(recipient=team["delegate"], kind="reminder")
    assert note.text.startswith("En nombre de ")
    assert [message.to for message in mail.outbox if "suplente" in message.to[0]]


def test_emails_carry_the_case_number_and_a_link_never_names_or_typed_titles(team, case, clock):
    manual(case, team, D(2026, 11, 24), title="Cita con Guadalupe Reséndiz en el albergue")
    reminders.reminders_dispatch()
    [message] = mail.outbox
    text = message.subject + message.body
    assert case.case_number in message.subject
    assert "http://127.0.0.1:8000/plazos/" in message.body
    for personal in ("Guadalupe", "Reséndiz", "Ñúñez", "albergue", "Cita con"):
        assert personal not in text


def test_a_sent_reminder_is_never_sent_again(team, case, clock):
    manual(case, team, D(2026, 11, 24))
    reminders.reminders_dispatch()
    reminder = Reminder.objects.get(channel="email")
    # when the sending step runs again for it (a repeated task delivery)
    assert reminders.reminder_send(reminder.pk) == "skipped"
    call_command("dispatch_reminders", stdout=mock.MagicMock())
    # then
    assert len(mail.outbox) == 1


def test_transient_mail_errors_are_retried_with_back_off_then_sent(team, case, clock):
    manual(case, team, D(2026, 11, 24))
    # when the mail server is down
    with mock.patch(
        "clinic.notifications.reminders.send_mail",
        side_effect=smtplib.SMTPServerDisconnected("down"),
    ):
        result = reminders.reminders_dispatch()
    # then the e-mail row waits, the in-app one is sent
    assert (result.sent, result.failed) == (1, 0)
    reminder = Reminder.objects.get(channel="email")
    assert (reminder.status, reminder.attempts, reminder.error) == (
        "pending",
        1,
        "SMTPServerDisconnected",
    )
    # a run straight away does not hammer the server
    assert reminders.reminders_dispatch().sent == 0
    # after the back-off it goes out, once
    clock.move_to(reminder.next_attempt_at + datetime.timedelta(seconds=1))
    assert reminders.reminders_dispatch().sent == 1
    assert len(mail.outbox) == 1


def test_permanent_errors_fail_without_retrying(team, case, clock):
    team["attorney"].email = ""
    team["attorney"].save()
    manual(case, team, D(2026, 11, 24))
    result = reminders.reminders_dispatch()
    assert (result.sent, result.failed) == (1, 1)
    assert Reminder.objects.get(channel="email").status == "failed"


def test_missed_clinic_deadlines_escalate_to_coordinators_once(team, case, clock):
    # given a clinic deadline of last Friday that the nightly job marks missed
    deadline = manual(case, team, D(2026, 11, 20))
    Deadline.objects.filter(pk=deadline.pk).update(due_date=D(2026, 11, 19))
    deadline_services.deadlines_mark_missed()
    deadline.refresh_from_db()
    assert deadline.status == "missed"
    # when the dispatcher runs twice
    reminders.reminders_dispatch()
    reminders.reminders_dispatch()
    # then each coordinator is told once per channel
    assert sent(deadline) == [
        ("missed", team["coordinator"].username, "email"),
        ("missed", team["coordinator"].username, "in_app"),
    ]
    assert Notification.objects.get(
        recipient=team["coordinator"], kind="escalation"
    ).text.startswith("Escalamiento")


def test_the_daily_digest_goes_once_with_case_numbers_only(team, case, clock):
    # given a deadline today, one on Thursday and an overdue one
    manual(case, team, D(2026, 11, 23))
    manual(case, team, D(2026, 11, 26))
    overdue = manual(case, team, D(2026, 11, 24))
    Deadline.objects.filter(pk=overdue.pk).update(due_date=D(2026, 11, 18))
    # when it runs twice at 07:00
    clock.move_to(at("2026-11-23T07:00"))
    first = reminders.digests_send()
    second = reminders.digests_send()
    # then one e-mail each for the two attorneys and the coordinator (even with no dates)
    assert (first.sent, second.sent) == (3, 0)
    assert Digest.objects.filter(status="sent").count() == 3
    [digest] = [message for message in mail.outbox if message.to == [team["attorney"].email]]
    assert digest.body.count(case.case_number) == 3
    assert "VENCIDOS" in digest.body and "HOY" in digest.body
    assert "Reséndiz" not in digest.body and "señora" not in digest.body


def test_nobody_on_leave_or_opted_out_gets_a_digest(team, case, clock):
    ReminderPreference.objects.create(user=team["coordinator"], daily_digest=False)
    user_leave_set(
        by=team["attorney"], user=team["attorney"], on_leave=True, leave_until=None, delegate=None
    )
    assert reminders.digest_recipients() == [team["delegate"]]


def test_the_digest_says_how_many_dates_it_does_not_list(team, case, clock):
    # given more deadlines on Friday than the week shows per section
    for _ in range(12):
        manual(case, team, D(2026, 11, 27))
    clock.move_to(at("2026-11-23T07:00"))
    # when
    reminders.digests_send()
    # then the e-mail lists the first ten and says two more are in her week
    [digest] = [message for message in mail.outbox if message.to == [team["attorney"].email]]
    assert digest.body.count(case.case_number) == 10
    assert "2 fechas más de esta semana no aparecen aquí" in digest.body
