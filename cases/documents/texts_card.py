"""The words of the COMAR signature card, in Spanish, English and French (the languages of the
client sheets; every other language falls back to Spanish, with the pictograms). Fixed texts,
like ``texts_client.py``: the card is not an editable template, and no French gettext catalogue
is needed. Dates are spelled out here too, so the card never depends on the active locale."""

from __future__ import annotations

import datetime

CARD_LANGUAGES = ("es", "en", "fr")

WEEKDAYS = {
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
}
MONTHS = {
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
}
#: Plural weekday names for "every Monday" / "tous les lundis".
EVERY = {
    "es": {
        1: "Todos los {day}",
        2: "Cada dos semanas, en {day}",
        4: "Cada cuatro semanas, en {day}",
    },
    "en": {1: "Every {day}", 2: "Every other {day} (every two weeks)", 4: "Every fourth {day}"},
    "fr": {1: "Tous les {day}s", 2: "Un {day} sur deux", 4: "Un {day} toutes les quatre semaines"},
}


def long_date(day: datetime.date, language: str) -> str:
    """ "lunes 7 de diciembre de 2026", "Monday 7 December 2026", "lundi 7 décembre 2026"."""
    weekday, month = WEEKDAYS[language][day.weekday()], MONTHS[language][day.month - 1]
    if language == "es":
        return f"{weekday} {day.day} de {month} de {day.year}"
    return f"{weekday} {day.day} {month} {day.year}"


def frequency(weekday: int, every_weeks: int, language: str) -> str:
    day = WEEKDAYS[language][weekday]
    if language == "es" and every_weeks == 1:
        day = day if day.endswith("s") else day + "s"  # "todos los lunes", "todos los sábados"
    pattern = EVERY[language].get(every_weeks) or EVERY[language][1]
    return pattern.format(day=day)


TEXTS = {
    "es": {
        "title": "Tu firma en la COMAR",
        "intro": "Debes ir a firmar en persona a tu oficina de la COMAR (Comisión Mexicana de "
        "Ayuda a Refugiados). Lleva tu constancia.",
        "name": "Nombre",
        "file": "Expediente",
        "office": "Oficina de la COMAR",
        "office_unknown": "Pregunta a tu abogada",
        "when": "Cuándo firmar",
        "dates": "Tus próximas fechas de firma",
        "date": "Fecha",
        "signed": "Firmé ✓",
        "warning": "Si no vas a firmar, la COMAR puede dar por abandonada tu solicitud de refugio.",
        "miss": "Si no puedes ir un día (enfermedad, emergencia), avisa a tu abogada ese mismo "
        "día y guarda un comprobante.",
        "move_title": "¿Tienes que cambiarte de ciudad o de estado?",
        "move": [
            "Habla con tu abogada ANTES de mudarte.",
            "La COMAR debe autorizar el traslado de tu trámite a otro estado. La clínica lo "
            "pide por ti.",
            "Si te mudas sin autorización, o dejas de firmar, tu solicitud puede cerrarse.",
        ],
        "call": "Llama a tu abogada",
        "colon": ":",
        "generated": "Tarjeta impresa el",
    },
    "en": {
        "title": "Your COMAR signature",
        "intro": "You must go in person to sign at your COMAR office (Comisión Mexicana de "
        "Ayuda a Refugiados). Bring your constancia (COMAR certificate).",
        "name": "Name",
        "file": "File",
        "office": "COMAR office",
        "office_unknown": "Ask your attorney",
        "when": "When to sign",
        "dates": "Your next signature dates",
        "date": "Date",
        "signed": "Signed ✓",
        "warning": "If you do not go to sign, COMAR can treat your asylum claim as abandoned.",
        "miss": "If you cannot go one day (illness, emergency), tell your attorney that same "
        "day and keep proof.",
        "move_title": "Do you have to move to another city or state?",
        "move": [
            "Talk to your attorney BEFORE you move.",
            "COMAR must authorise moving your claim to another state. The clinic asks for it "
            "for you.",
            "If you move without authorisation, or stop signing, your claim can be closed.",
        ],
        "call": "Call your attorney",
        "colon": ":",
        "generated": "Card printed on",
    },
    "fr": {
        "title": "Votre signature à la COMAR",
        "intro": "Allez signer en personne à votre bureau de la COMAR (Comisión Mexicana de "
        "Ayuda a Refugiados), avec votre constancia (attestation de la COMAR).",
        "name": "Nom",
        "file": "Dossier",
        "office": "Bureau de la COMAR",
        "office_unknown": "Demandez à votre avocate",
        "when": "Quand signer",
        "dates": "Vos prochaines dates de signature",
        "date": "Date",
        "signed": "Signé ✓",
        "warning": "Si vous n’allez pas signer, la COMAR peut considérer votre demande d’asile "
        "comme abandonnée.",
        "miss": "Si vous ne pouvez pas y aller un jour (maladie, urgence), prévenez votre avocate "
        "le jour même et gardez un justificatif.",
        "move_title": "Vous devez changer de ville ou d’État ?",
        "move": [
            "Parlez à votre avocate AVANT de déménager.",
            "La COMAR doit autoriser le transfert de votre demande dans un autre État. La "
            "clinique le demande pour vous.",
            "Si vous déménagez sans autorisation, ou si vous ne signez plus, votre demande peut "
            "être fermée.",
        ],
        "call": "Appelez votre avocate",
        "colon": "\u00a0:",
        "generated": "Carte imprimée le",
    },
}
