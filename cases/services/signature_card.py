"""The printable COMAR signature card handed to the client: her office, weekday and frequency,
her next dates with a box per date, and what to do before moving to another state — in her
language (Spanish, English or French, else Spanish) with pictograms. A fixed template rendered
synchronously with the documents' WeasyPrint renderer; nothing is stored (docs/documents.md)."""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string
from django.utils import translation

from cases import choices
from cases.documents.context import letterhead_context
from cases.documents.texts_card import CARD_LANGUAGES, TEXTS, frequency, long_date
from cases.models import Case, SignatureSchedule
from cases.models.documents import DocumentLanguage
from clinic.core import clock

from .documents import letterhead_get, letterhead_logo_bytes

CARD_DATES = 10
CARD_LANGUAGE_CHOICES = DocumentLanguage.choices  # each language named in itself
SPANISH = "es"


def current_schedule(case: Case) -> SignatureSchedule | None:
    """The schedule in force (the one the case page shows)."""
    return case.signature_schedules.filter(ends_on__isnull=True).first()


def card_language(client, requested: str | None = None) -> str:
    """The requested language if the card has it; else hers when she speaks English or French
    (as the client sheets), else Spanish."""
    if requested in CARD_LANGUAGES:
        return requested
    spoken = set(client.languages.values_list("code", flat=True))
    for code in ("en", "fr"):
        if code in spoken:
            return code
    return SPANISH


def card_dates(
    schedule: SignatureSchedule, *, today: datetime.date | None = None
) -> list[datetime.date]:
    """The next ``CARD_DATES`` signature days: the pending rows from today on (a suspended or
    recorded day is left out) and, past the last row (rows are kept 12 weeks ahead), the
    following days of the same rule."""
    today = today or clock.today()
    rows = schedule.occurrences.filter(due_on__gte=today)
    dates = list(
        rows.filter(status=choices.SignatureStatus.PENDING).values_list("due_on", flat=True)[
            :CARD_DATES
        ]
    )
    step = datetime.timedelta(weeks=schedule.every_weeks)
    day = schedule.starts_on + datetime.timedelta(
        days=(schedule.weekday - schedule.starts_on.weekday()) % 7
    )
    if day < today:  # the first day of the same rhythm from today on
        day += step * -(-(today - day).days // step.days)
    last_row = rows.order_by("-due_on").values_list("due_on", flat=True).first()
    if last_row is not None and last_row >= day:
        day = last_row + step
    while len(dates) < CARD_DATES and (schedule.ends_on is None or day <= schedule.ends_on):
        dates.append(day)
        day += step
    return dates


def signature_card_pdf(
    *, case: Case, schedule: SignatureSchedule, language: str, today: datetime.date | None = None
) -> bytes:
    from cases.documents.pdf import LOGO_URL, html_to_pdf

    today = today or clock.today()
    letterhead = letterhead_get()
    logo = letterhead_logo_bytes(letterhead)
    state = schedule.state or case.comar_state
    office = schedule.office or case.comar_office
    with translation.override(language):
        html = render_to_string(
            "cases/pdf/signature_card.html",
            {
                "language": language,
                "t": TEXTS[language],
                "clinic": letterhead_context(letterhead),
                "logo_url": LOGO_URL if logo else "",
                "name": case.client.full_name,
                "case_number": case.case_number,
                "office": office,
                "state": choices.MexicanState(state).label if state else "",
                "when": frequency(schedule.weekday, schedule.every_weeks, language),
                "dates": [long_date(day, language) for day in card_dates(schedule, today=today)],
                "printed": long_date(today, language),
            },
        )
    return html_to_pdf(html, logo=logo)


def card_download_name(case: Case, language: str) -> str:
    """No personal data: the case number and the language."""
    return f"{case.case_number}-tarjeta-de-firmas-{language}.pdf"
