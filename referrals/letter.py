"""The referral letter: a one- or two-page PDF for the organisation, printed through the
documents' WeasyPrint renderer (letterhead, print stylesheet, local-only fetcher).

It holds the destination, the services asked for, the urgency, who referred her and how to
reach the clinic — and, about her, **only the details chosen on the referral**
(``Referral.shared_fields``, a fixed catalogue that leaves out the violence record, the
narrative, the "do not disclose to" list, identity-document numbers and where she sleeps).
It is rendered when asked (never stored) and every download is audited (docs/referrals.md).
"""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases import choices as case_choices
from cases.documents.context import letterhead_context
from cases.services.documents import letterhead_get, letterhead_logo_bytes
from clinic.core import clock

from .choices import SharedField
from .models import Referral

LETTER_LANGUAGE = "es-mx"  # partners in Mexico: Spanish


def _age(born: datetime.date, today: datetime.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _years(age: int) -> str:
    return ngettext("%(count)d year", "%(count)d years", age) % {"count": age}


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "DATE_FORMAT").lower()  # "12 de marzo de 1990"


def _not_recorded() -> str:
    return _("Not recorded")


def _detail(referral: Referral, code: str, today: datetime.date) -> str:
    """One shared detail, as printed."""
    client = referral.client
    if code == SharedField.NAME:
        name = client.full_name
        if client.preferred_name:
            name += " " + _("(prefers to be called %(name)s)") % {"name": client.preferred_name}
        return name
    if code == SharedField.DATE_OF_BIRTH:
        if client.date_of_birth is None:
            return _not_recorded()
        text = f"{_date(client.date_of_birth)} ({_years(_age(client.date_of_birth, today))})"
        return text + (" — " + _("estimated") if client.date_of_birth_estimated else "")
    if code == SharedField.NATIONALITY:
        names = [str(item.country.name) for item in client.nationalities.all()]
        if client.is_stateless:
            names.append(_("Stateless"))
        return ", ".join(names) or _not_recorded()
    if code == SharedField.LANGUAGES:
        languages = [str(language) for language in client.languages.all()]
        if client.other_languages:
            languages.append(client.other_languages)
        text = ", ".join(languages) or _not_recorded()
        if client.needs_interpreter:
            text += " — " + _("needs an interpreter")
        return text
    if code == SharedField.PHONE:
        phones = [
            phone.display_number
            + (" (WhatsApp)" if phone.has_whatsapp else "")
            + (f" — {phone.safe_times}" if phone.safe_times else "")
            for phone in client.phones.filter(safe_to_call=True).order_by("pk")
        ]
        return "; ".join(phones) or _(
            "No number is marked safe to call: contact her through the clinic."
        )
    if code == SharedField.EMAIL:
        return client.email or _not_recorded()
    if code == SharedField.CITY:
        parts = [client.current_city, client.get_current_state_display()]
        return ", ".join(part for part in parts if part) or _not_recorded()
    if code == SharedField.MIGRATION_STATUS:
        return client.get_migration_status_display() or _not_recorded()
    if code == SharedField.CHILDREN:
        children = client.family_members.filter(
            relationship=case_choices.Relationship.CHILD,
            residence=case_choices.Residence.WITH_HER,
            life_status=case_choices.LifeStatus.ALIVE,
            archived_at__isnull=True,
        ).order_by("date_of_birth", "pk")
        rows = [
            child.given_names
            + (f" ({_years(_age(child.date_of_birth, today))})" if child.date_of_birth else "")
            for child in children
        ]
        return ", ".join(rows) or _("None travelling with her")
    if code == SharedField.CASE:
        if referral.case is None:
            return _("The referral is not about a case")
        return f"{referral.case.case_number} — {referral.case.get_case_type_display()}"
    if code == SharedField.REASON:
        return referral.reason
    raise ValueError(code)


def letter_details(referral: Referral, *, today: datetime.date | None = None) -> list[dict]:
    """The shared details, in the catalogue's order: label and printed value."""
    today = today or clock.today()
    labels = dict(SharedField.choices)
    return [
        {"code": code, "label": str(labels[code]), "value": _detail(referral, code, today)}
        for code in SharedField.values
        if code in referral.shared_fields
    ]


def referral_letter_pdf(*, referral: Referral, today: datetime.date | None = None) -> bytes:
    from cases.documents.pdf import LOGO_URL, html_to_pdf

    today = today or clock.today()
    letterhead = letterhead_get()
    logo = letterhead_logo_bytes(letterhead)
    with translation.override(LETTER_LANGUAGE):
        office = referral.office
        html = render_to_string(
            "referrals/pdf/referral_letter.html",
            {
                "language": "es",
                "referral": referral,
                "number": str(referral),
                "clinic": letterhead_context(letterhead),
                "logo_url": LOGO_URL if logo else "",
                "is_draft": referral.status == "draft",
                "destination": referral.organisation.name
                if referral.organisation
                else referral.get_internal_team_display(),
                "office": office,
                "office_state": office.get_state_display() if office else "",
                "services": [item.get_service_display() for item in referral.services.all()],
                "urgency": referral.get_urgency_display(),
                "details": letter_details(referral, today=today),
                "referred_by": referral.referred_by.get_full_name()
                or referral.referred_by.get_username(),
                "dated": _date(referral.sent_on or today),
            },
        )
    return html_to_pdf(html, logo=logo)


def letter_download_name(referral: Referral) -> str:
    """No personal data: the referral number."""
    return f"canalizacion-{referral}.pdf"
