"""What a template may use: the case's data as plain values (``cases.documents.sandbox``
freezes them). The PDF is the one place a client's name is written out.

Dates stay dates (``{{ case.opened_on|long_date }}``); choice fields arrive as their label in
the document's language; missing values are empty strings, so a body writes
``{{ case.comar_folio|default:"[folio]" }}`` for the attorney to complete.

Restricted data (violence, crimes, the narrative, "do not disclose to") is included only when
``include_restricted`` is true — the service passes ``can_read_restricted`` for the person who
asked for the document.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone, translation

from cases import choices
from cases.deadlines import DeadlineKind, compute
from cases.models import Case, CaseEvent, Letterhead
from clinic.core import clock

K = choices.EventKind
PENDING = choices.DeadlineStatus.PENDING


def _label(instance, field: str) -> str:
    value = getattr(instance, field)
    if value in (None, ""):
        return ""
    return str(instance._get_FIELD_display(instance._meta.get_field(field)))


def _age(born: datetime.date | None, today: datetime.date) -> int | str:
    if born is None:
        return ""
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def letterhead_context(letterhead: Letterhead | None) -> dict[str, str]:
    from django.conf import settings

    if letterhead is None:
        return {"name": settings.CLINIC_NAME, "address": "", "city": "", "phone": "", "email": ""}
    return {
        "name": letterhead.name,
        "address": letterhead.address,
        "city": letterhead.city,
        "phone": letterhead.phone,
        "email": letterhead.email,
    }


#: "Daughter or son" is the list's label; a document names which one when the sex is known.
CHILD_WORDS = {
    "es": {"female": "hija", "male": "hijo"},
    "en": {"female": "daughter", "male": "son"},
    "fr": {"female": "fille", "male": "fils"},
}


def _relationship(member) -> str:
    if member.relationship == choices.Relationship.CHILD:
        language = (translation.get_language() or "es")[:2]
        word = CHILD_WORDS.get(language, CHILD_WORDS["es"]).get(member.sex)
        if word:
            return word
    return _label(member, "relationship")


def _person(member, today) -> dict[str, Any]:
    return {
        "full_name": member.full_name,
        "given_names": member.given_names,
        "relationship": _relationship(member),
        "date_of_birth": member.date_of_birth,
        "age": _age(member.date_of_birth, today),
        "sex": _label(member, "sex"),
        "nationality": str(member.nationality.name) if member.nationality else "",
        "residence": _label(member, "residence"),
        "born_in_mexico": member.born_in_mexico,
        "is_dependant": member.is_dependant,
        "school_enrolled": member.school_enrolled,
    }


def _event(event: CaseEvent | None) -> dict[str, Any]:
    if event is None:
        return {}
    return {
        "date": event.occurred_on,
        "time": timezone.localtime(event.occurred_at).time() if event.occurred_at else "",
        "authority": _label(event, "authority"),
        "office": event.office,
        "result": _label(event, "result"),
        "result_code": event.result,
        "notified_on": event.notified_on,
        "notification_method": _label(event, "notification_method"),
        "knowledge_on": event.knowledge_on,
        "reference": event.reference,
        "expires_on": event.expires_on,
    }


def _ratification(
    case: Case, deadlines: list, events: dict, today: datetime.date
) -> dict[str, Any]:
    """The in-person ratification deadline (Reglamento LRPCAP art. 20: 3 business days): the
    pending deadline if the filing by representative was recorded, else counted from that
    event or, if she has not filed yet, from today — the earliest date the engine gives."""
    from cases.services.deadlines import closures_for, rule_get

    pending = next(
        (
            row
            for row in deadlines
            if row.status == PENDING and row.rule_id and row.rule.code == "comar_ratify"
        ),
        None,
    )
    if pending is not None:
        return {"due_date": pending.due_date, "from": pending.trigger_date, "filed": True}
    filed = events.get(K.REPRESENTATION_FILED)
    trigger = filed.occurred_on if filed else today
    rule = rule_get("comar_ratify")
    result = compute(
        rule,
        trigger=trigger,
        closures=closures_for(authority=rule.authority, state=case.comar_state),
    )
    return {"due_date": result.due_date, "from": trigger, "filed": filed is not None}


def _deadline_due(deadlines: list, code: str) -> datetime.date | str:
    dates = [
        row.due_date
        for row in deadlines
        if row.status == PENDING and row.rule_id and row.rule.code == code
    ]
    return min(dates) if dates else ""


def case_context(
    *, case: Case, language: str, include_restricted: bool, author_name: str = ""
) -> dict[str, Any]:
    """The data of ``case`` for a template in ``language`` (labels translated)."""
    from cases.services.cases import case_responsible

    today = clock.today()
    client = case.client
    with translation.override(language):
        events_all = list(case.events.filter(archived_at__isnull=True).order_by("-occurred_on"))
        events: dict[str, CaseEvent] = {}
        for event in events_all:
            events.setdefault(event.kind, event)
        decisions = [event for event in events_all if event.kind == K.DECISION]
        deadlines = list(case.deadlines.select_related("rule").order_by("due_date", "due_at", "pk"))
        try:
            attorney = case_responsible(case).get_full_name()
        except Exception:  # a case without an attorney still renders
            attorney = ""
        schedule = case.signature_schedules.filter(ends_on__isnull=True).first()
        transfer = case.transfers.order_by("-requested_on", "-pk").first()
        family = list(client.family_members.filter(archived_at__isnull=True))
        dependant_ids = set(case.dependant_links.values_list("family_member_id", flat=True))
        phones = list(client.phones.order_by("pk"))
        nationalities = [str(row.country.name) for row in client.nationalities.all()]
        context: dict[str, Any] = {
            "today": today,
            "author": author_name,
            "attorney": attorney,
            "case": {
                "number": case.case_number,
                "type": case.case_type,
                "type_label": _label(case, "case_type"),
                "stage": case.stage.label,
                "status": _label(case, "status"),
                "opened_on": case.opened_on,
                "comar_office": case.comar_office,
                "comar_state": _label(case, "comar_state"),
                "constancia_number": case.constancia_number,
                "constancia_valid_until": case.constancia_valid_until,
                "comar_folio": case.comar_folio,
                "inm_number": case.inm_number or client.inm_file_number,
                "prosecutor_file": case.prosecutor_file,
                "prosecutor_office": case.prosecutor_office,
                "court_file": case.court_file,
                "summary": case.summary,
                "is_confidential": case.is_confidential,
            },
            "client": {
                "code": client.client_code,
                "full_name": client.full_name,
                "given_names": client.given_names,
                "surnames": " ".join(p for p in (client.first_surname, client.second_surname) if p),
                "preferred_name": client.preferred_name,
                "gender": _label(client, "gender_identity"),
                "date_of_birth": client.date_of_birth,
                "age": _age(client.date_of_birth, today),
                "nationality": ", ".join(nationalities)
                or ("apátrida" if client.is_stateless else ""),
                "is_stateless": client.is_stateless,
                "country_of_birth": str(client.country_of_birth.name)
                if client.country_of_birth
                else "",
                "curp": client.curp,
                "email": client.email,
                "phone": phones[0].display_number if phones else "",
                "address": client.notification_address,
                "city": client.current_city,
                "state": _label(client, "current_state"),
                "languages": ", ".join(str(language) for language in client.languages.all()),
                "other_languages": client.other_languages,
                "needs_interpreter": client.needs_interpreter,
                "migration_status": _label(client, "migration_status"),
                "detention_place": client.detention_place,
                "detained_at": clock.localdate(client.detained_at) if client.detained_at else "",
                "entry_date": client.entry_date,
                "entry_place": client.entry_place,
                "filing_possible_date": client.filing_possible_date,
                "filing_possible_reason": client.filing_possible_reason,
                "is_pregnant": client.is_pregnant,
                "sleeping_place": _label(client, "sleeping_place"),
                "needs_note": client.needs_note,
                "urgent_flags": [
                    _label(flag, "flag")
                    for flag in client.urgent_flags.filter(resolved_at__isnull=True)
                ],
            },
            "dependants": [_person(m, today) for m in family if m.pk in dependant_ids],
            "family": [_person(m, today) for m in family],
            "events": {
                "filing": _event(events.get(K.FILING)),
                "representation": _event(events.get(K.REPRESENTATION_FILED)),
                "decision": _event(decisions[0] if decisions else None),
                "prevention": _event(events.get(K.PREVENTION)),
                "detention": _event(events.get(K.DETENTION)),
                "card": _event(events.get(K.CARD_ISSUED)),
            },
            "deadlines": [
                {
                    "title": row.title,
                    "due_date": row.due_date,
                    "kind": _label(row, "kind"),
                    "source": row.rule.source if row.rule_id else "",
                }
                for row in deadlines
                if row.status == PENDING
            ][:8],
            "dates": {
                "comar_filing": _deadline_due(deadlines, "comar_filing"),
                "review_appeal": _deadline_due(deadlines, "comar_review_appeal"),
                "amparo": _deadline_due(deadlines, "amparo"),
                "prevention_fix": _deadline_due(deadlines, "inm_prevention_fix"),
                "inm_resolution": _deadline_due(deadlines, "inm_resolution"),
            },
            "filing_is_late": any(
                row.rule_id
                and row.rule.code == "comar_filing"
                and row.kind == DeadlineKind.CLINIC
                and row.status in (PENDING, choices.DeadlineStatus.MISSED)
                and row.due_date < today
                for row in deadlines
            ),
            "ratification": _ratification(case, deadlines, events, today),
            "signature": {
                "weekday": _label(schedule, "weekday") if schedule else "",
                "frequency": _label(schedule, "every_weeks") if schedule else "",
                "office": schedule.office if schedule else "",
            },
            "transfer": {
                "from_state": _label(transfer, "from_state") if transfer else "",
                "to_state": _label(transfer, "to_state") if transfer else "",
                "requested_on": transfer.requested_on if transfer else "",
            },
            "restricted": {"included": include_restricted},
        }
        if include_restricted:
            context["restricted"].update(_restricted(client))
    return context


def _restricted(client) -> dict[str, Any]:
    incidents = client.violence_incidents.filter(archived_at__isnull=True).prefetch_related("types")
    narrative = getattr(client, "violence_narrative", None)
    return {
        "incidents": [
            {
                "types": ", ".join(_label(row, "violence_type") for row in incident.types.all()),
                "modality": _label(incident, "modality"),
                "perpetrator": _label(incident, "perpetrator"),
                "place": _label(incident, "place"),
                "date": incident.approximate_date or "",
            }
            for incident in incidents
        ],
        "crimes": [
            {
                "crime": _label(crime, "crime_type"),
                "place": _label(crime, "place"),
                "date": crime.approximate_date or "",
                "reported": crime.reported,
            }
            for crime in client.crimes.filter(archived_at__isnull=True)
        ],
        "narrative": narrative.text if narrative else "",
        "do_not_disclose": [
            _label(row, "kind")
            for row in client.disclosure_restrictions.filter(archived_at__isnull=True)
        ],
    }


def sample_context(*, language: str) -> dict[str, Any]:
    """Invented data for previews (no real person)."""
    today = clock.today()
    d = datetime.date
    with translation.override(language):
        member = {
            "full_name": "Sofía Peña Núñez",
            "given_names": "Sofía",
            "relationship": CHILD_WORDS.get(language, CHILD_WORDS["es"])["female"],
            "date_of_birth": d(2017, 5, 9),
            "age": _age(d(2017, 5, 9), today),
            "sex": str(choices.Sex.FEMALE.label),
            "nationality": "Honduras",
            "residence": str(choices.Residence.WITH_HER.label),
            "born_in_mexico": False,
            "is_dependant": True,
            "school_enrolled": False,
        }
        return {
            "today": today,
            "author": "Lucía Hernández",
            "attorney": "Lucía Hernández",
            "case": {
                "number": "AC-2026-00042-01",
                "type": "asylum",
                "type_label": str(choices.CaseType.ASYLUM.label),
                "stage": "Presentación de la solicitud",
                "status": str(choices.CaseStatus.OPEN.label),
                "opened_on": d(2026, 10, 28),
                "comar_office": "Oficina de Representación en la Ciudad de México",
                "comar_state": "Ciudad de México",
                "constancia_number": "",
                "constancia_valid_until": "",
                "comar_folio": "",
                "inm_number": "",
                "prosecutor_file": "",
                "prosecutor_office": "",
                "court_file": "",
                "summary": "Ejemplo para la vista previa.",
                "is_confidential": False,
            },
            "client": {
                "code": "AC-2026-00042",
                "full_name": "María Peña Núñez",
                "given_names": "María",
                "surnames": "Peña Núñez",
                "preferred_name": "",
                "gender": str(choices.GenderIdentity.WOMAN.label),
                "date_of_birth": d(1992, 3, 14),
                "age": _age(d(1992, 3, 14), today),
                "nationality": "Honduras",
                "is_stateless": False,
                "country_of_birth": "Honduras",
                "curp": "",
                "email": "",
                "phone": "+52 55 1234 5678",
                "address": "Calle Ejemplo 12, colonia Centro, Ciudad de México",
                "city": "Ciudad de México",
                "state": "Ciudad de México",
                "languages": "Español",
                "other_languages": "",
                "needs_interpreter": False,
                "migration_status": str(choices.MigrationStatus.ASYLUM_SEEKER.label),
                "detention_place": "",
                "detained_at": "",
                "entry_date": d(2026, 10, 20),
                "entry_place": "Ciudad Hidalgo, Chiapas",
                "filing_possible_date": "",
                "filing_possible_reason": "",
                "is_pregnant": False,
                "sleeping_place": str(choices.SleepingPlace.SHELTER.label),
                "needs_note": "",
                "urgent_flags": [],
            },
            "dependants": [member],
            "family": [member],
            "events": {
                "filing": {},
                "representation": {},
                "decision": {
                    "date": d(2026, 11, 12),
                    "authority": "COMAR",
                    "office": "",
                    "result": str(choices.DecisionResult.REFUSED.label),
                    "result_code": "refused",
                    "notified_on": d(2026, 11, 20),
                    "notification_method": str(choices.NotificationMethod.PERSONAL.label),
                    "knowledge_on": "",
                    "reference": "",
                    "expires_on": "",
                    "time": "",
                },
                "prevention": {},
                "detention": {},
                "card": {},
            },
            "deadlines": [
                {
                    "title": "Plazo para solicitar asilo ante la COMAR",
                    "due_date": d(2026, 12, 1),
                    "kind": str(DeadlineKind.CLINIC.label),
                    "source": "LRPCAP art. 18",
                }
            ],
            "dates": {
                "comar_filing": d(2026, 12, 1),
                "review_appeal": "",
                "amparo": "",
                "prevention_fix": "",
                "inm_resolution": "",
            },
            "filing_is_late": False,
            "ratification": {"due_date": d(2026, 11, 26), "from": d(2026, 11, 23), "filed": False},
            "signature": {"weekday": "", "frequency": "", "office": ""},
            "transfer": {"from_state": "", "to_state": "", "requested_on": ""},
            "restricted": {
                "included": True,
                "incidents": [],
                "crimes": [],
                "narrative": "",
                "do_not_disclose": [],
            },
        }
