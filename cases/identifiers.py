"""Names, CURPs and phone numbers: normalisation and validation.

Pure functions (no models, no database) shared by forms, services, selectors and the duplicate
score. Validation raises ``django.core.exceptions.ValidationError`` with a translatable message
and a stable ``code``; messages never repeat the value the user typed (personal data stays out of
exceptions), except the expected CURP check digit, which is not personal.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from clinic.core import clock

# --- Names ------------------------------------------------------------------------------------


def normalize_name(text: str | None) -> str:
    """Return ``text`` folded for accent- and case-insensitive matching and search.

    Guarantees: the result is lower-case ASCII letters and digits (plus letters of other scripts
    without their diacritics), words separated by exactly one space, no leading or trailing space.
    "Pérez" → "perez", "Ñúñez" → "nunez", "K'iche'" → "k iche", "  MARÍA-JOSÉ " → "maria jose".
    ``None`` and the empty string give "".
    """
    if not text:
        return ""
    # Case-fold first: folding can itself produce decomposable characters, which NFKD then splits
    # into a base letter and combining marks that we drop.
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = (
        character if character.isalnum() else " "
        for character in decomposed
        if not unicodedata.combining(character)
    )
    return " ".join("".join(letters).split())


def name_tokens(text: str | None) -> list[str]:
    """Return the words of ``normalize_name(text)``, in order (empty list for an empty name)."""
    return normalize_name(text).split()


# --- CURP -------------------------------------------------------------------------------------

CURP_LENGTH = 18
CURP_ALPHABET = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"

# RENAPO's codes for the 32 federal entities, plus NE for people born abroad.
CURP_STATE_CODES = frozenset(
    {
        "AS",  # Aguascalientes
        "BC",  # Baja California
        "BS",  # Baja California Sur
        "CC",  # Campeche
        "CL",  # Coahuila
        "CM",  # Colima
        "CS",  # Chiapas
        "CH",  # Chihuahua
        "DF",  # Ciudad de México
        "DG",  # Durango
        "GT",  # Guanajuato
        "GR",  # Guerrero
        "HG",  # Hidalgo
        "JC",  # Jalisco
        "MC",  # Estado de México
        "MN",  # Michoacán
        "MS",  # Morelos
        "NT",  # Nayarit
        "NL",  # Nuevo León
        "OC",  # Oaxaca
        "PL",  # Puebla
        "QT",  # Querétaro
        "QR",  # Quintana Roo
        "SP",  # San Luis Potosí
        "SL",  # Sinaloa
        "SR",  # Sonora
        "TC",  # Tabasco
        "TS",  # Tamaulipas
        "TL",  # Tlaxcala
        "VZ",  # Veracruz
        "YN",  # Yucatán
        "ZS",  # Zacatecas
        "NE",  # Nacido en el extranjero (born abroad)
    }
)

# Sex: H (hombre), M (mujer), X (non-binary, issued since 2023).
CURP_SEXES = frozenset({"H", "M", "X"})

# 4 name letters (the second is the first internal vowel of the first surname, or X), birth date
# YYMMDD, sex, state, 3 internal consonants (X when missing, Ñ is written X), the homoclave and the
# check digit. The date, state and homoclave are checked separately for clearer messages.
_CURP_PATTERN = re.compile(
    r"^[A-Z][AEIOUX][A-Z]{2}"
    r"(?P<date>\d{6})"
    r"(?P<sex>[HMX])"
    r"(?P<state>[A-Z]{2})"
    r"[B-DF-HJ-NP-TV-Z]{3}"
    r"(?P<homoclave>[0-9A-Z])"
    r"(?P<check>\d)$"
)

CURP_LENGTH_MESSAGE = _("A CURP has exactly 18 characters.")
CURP_PATTERN_MESSAGE = _(
    "This is not a CURP: it should be 4 letters, 6 digits (birth date YYMMDD), H, M or X, "
    "2 letters (state), 3 consonants, 1 letter or digit and 1 check digit."
)
CURP_DATE_MESSAGE = _("The birth date in the CURP (characters 5 to 10, YYMMDD) is not a real date.")
CURP_STATE_MESSAGE = _(
    "The state code in the CURP (characters 12 and 13) does not exist; use NE for people born "
    "abroad."
)
CURP_CENTURY_MESSAGE = _(
    "The CURP's 17th character is a letter, which means born in 2000 or later, but that birth "
    "date would be in the future. Check the 17th character (a digit for births before 2000)."
)


def normalize_curp(value: str | None) -> str:
    """Return ``value`` upper-cased with all whitespace removed ("" for ``None``).

    It does not validate: use :func:`validate_curp`.
    """
    if not value:
        return ""
    return "".join(value.split()).upper()


def curp_check_digit(first_17: str) -> str:
    """Return the check digit ("0" to "9") of a CURP's first 17 characters (RENAPO's algorithm).

    Each character is valued by its index in ``CURP_ALPHABET``; the sum of value x (18 - i) for
    i = 0..16 gives ``(10 - sum mod 10) mod 10``. Raises ``ValueError`` when ``first_17`` is not
    17 characters of that alphabet (after :func:`normalize_curp`).
    """
    characters = normalize_curp(first_17)
    if len(characters) != CURP_LENGTH - 1 or any(c not in CURP_ALPHABET for c in characters):
        raise ValueError("curp_check_digit() needs 17 characters of the CURP alphabet")
    total = sum(CURP_ALPHABET.index(c) * (18 - i) for i, c in enumerate(characters))
    return str((10 - total % 10) % 10)


def _curp_birth_date_or_none(curp: str) -> datetime.date | None:
    """The birth date of a CURP that matches the pattern; ``None`` if it is not a real date."""
    century = 1900 if curp[16].isdigit() else 2000
    try:
        return datetime.date(century + int(curp[4:6]), int(curp[6:8]), int(curp[8:10]))
    except ValueError:
        return None


def _validated_curp(value: str | None) -> tuple[str, datetime.date]:
    """The normalised CURP and its birth date; raises ``ValidationError`` (see validate_curp)."""
    curp = normalize_curp(value)
    if len(curp) != CURP_LENGTH:
        raise ValidationError(CURP_LENGTH_MESSAGE, code="curp_length")
    match = _CURP_PATTERN.match(curp)
    if match is None:
        raise ValidationError(CURP_PATTERN_MESSAGE, code="curp_pattern")
    if match["state"] not in CURP_STATE_CODES:
        raise ValidationError(CURP_STATE_MESSAGE, code="curp_state")
    birth_date = _curp_birth_date_or_none(curp)
    if birth_date is None:
        raise ValidationError(CURP_DATE_MESSAGE, code="curp_date")
    if birth_date.year >= 2000 and birth_date > clock.today():
        raise ValidationError(CURP_CENTURY_MESSAGE, code="curp_century")
    expected = curp_check_digit(curp[:17])
    if match["check"] != expected:
        raise ValidationError(
            gettext("The CURP check digit should be %(expected)s.") % {"expected": expected},
            code="curp_check_digit",
        )
    return curp, birth_date


def validate_curp(value: str | None) -> None:
    """Raise ``ValidationError`` unless ``value`` is a well-formed CURP; return ``None`` if it is.

    ``value`` is normalised first (:func:`normalize_curp`), so lower case and spaces are accepted.
    The checks run in this order and the first failure is reported, each with its own code:
    ``curp_length``, ``curp_pattern``, ``curp_state`` (not one of the 32 entities or NE),
    ``curp_date`` (not a real date — month 13, 31 February — in the century given by the
    homoclave), ``curp_century`` (a letter homoclave, i.e. born 2000 or later, with a date in the
    future) and ``curp_check_digit`` (the message names the expected digit). Sex X (non-binary,
    issued since 2023) is accepted.
    """
    _validated_curp(value)


def is_valid_curp(value: str | None) -> bool:
    """Return whether :func:`validate_curp` accepts ``value`` (never raises)."""
    try:
        _validated_curp(value)
    except ValidationError:
        return False
    return True


def curp_birth_date(value: str) -> datetime.date:
    """Return the birth date encoded in a valid CURP (19xx for a digit homoclave, 20xx for a
    letter). Raises ``ValidationError`` (as :func:`validate_curp`) if the CURP is not valid."""
    return _validated_curp(value)[1]


def curp_sex(value: str) -> str:
    """Return the sex letter of a valid CURP: "H" (hombre), "M" (mujer) or "X" (non-binary).
    Raises ``ValidationError`` (as :func:`validate_curp`) if the CURP is not valid."""
    return _validated_curp(value)[0][10]


# --- Phones -----------------------------------------------------------------------------------

MEXICO_COUNTRY_CODE = 52

PHONE_INVALID_MESSAGE = _(
    "Enter a valid phone number: 10 digits for a Mexican number, or + and the country code for "
    "another country (for example +504 9999 8888)."
)

# Prefixes dropped by Mexico's 2019 numbering reform, recognised by the national number's length
# so that a real 10-digit number is never cut: 044/045 (mobile from a landline) + 10 digits,
# 01 (long distance) + 10 digits, and the mobile "1" after +52 + 10 digits.
_MEXICAN_LEGACY_PREFIXES = (("044", 13), ("045", 13), ("01", 12), ("1", 11))


def _strip_mexican_legacy_prefix(national_digits: str) -> str:
    for prefix, length in _MEXICAN_LEGACY_PREFIXES:
        if len(national_digits) == length and national_digits.startswith(prefix):
            return national_digits[len(prefix) :]
    return national_digits


def normalize_phone(raw: str | None, default_region: str = "MX") -> str:
    """Return ``raw`` as an E.164 string ("+525512345678"), or raise ``ValidationError``.

    A number without "+" (or the "00" international prefix) belongs to ``default_region``. For
    Mexican numbers the pre-2019 prefixes are removed: "044 55 1234 5678", "045 …", "01 55 1234
    5678" and "+52 1 55 1234 5678" all give "+525512345678". Foreign numbers keep their country
    code ("+504 9999 8888" → "+50499998888"). Extensions are dropped.

    Accepted: a Mexican number that ``phonenumbers`` considers valid; a foreign number that is
    valid, or at least has exactly the length its country uses (``IS_POSSIBLE``) — foreign
    numbering plans (Honduras, Guatemala…) open new ranges before the library's metadata
    follows, and refusing a real number of a client's relative costs more than storing one that
    cannot be verified. Everything else raises ``ValidationError`` (code ``phone_invalid``).
    """
    if not raw or not raw.strip():
        raise ValidationError(PHONE_INVALID_MESSAGE, code="phone_invalid")
    try:
        number = phonenumbers.parse(raw, default_region)
    except phonenumbers.NumberParseException:
        raise ValidationError(PHONE_INVALID_MESSAGE, code="phone_invalid") from None

    if number.country_code == MEXICO_COUNTRY_CODE:
        national = _strip_mexican_legacy_prefix(phonenumbers.national_significant_number(number))
        try:
            number = phonenumbers.parse(f"+{MEXICO_COUNTRY_CODE}{national}")
        except phonenumbers.NumberParseException:
            raise ValidationError(PHONE_INVALID_MESSAGE, code="phone_invalid") from None
        is_accepted = phonenumbers.is_valid_number(number)
    else:
        is_accepted = phonenumbers.is_valid_number(number) or (
            phonenumbers.is_possible_number_with_reason(number)
            == phonenumbers.ValidationResult.IS_POSSIBLE
        )
    if not is_accepted:
        raise ValidationError(PHONE_INVALID_MESSAGE, code="phone_invalid")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str) -> str:
    """Return an E.164 number in international format for display ("+52 55 1234 5678").

    Display must never fail: a value that cannot be parsed is returned unchanged.
    """
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
