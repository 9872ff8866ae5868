"""Names, CURPs and phones (cases.identifiers): pure functions, no database."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from cases.identifiers import (
    curp_birth_date,
    curp_check_digit,
    curp_sex,
    format_phone,
    is_valid_curp,
    name_tokens,
    normalize_curp,
    normalize_name,
    normalize_phone,
    validate_curp,
)

VALID_CURP = "BOXW310820HNERXN09"  # DOMAIN.md's example
# Validation of a letter homoclave depends on today's date (a 20xx birth date cannot be future).
TODAY = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# --- Names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pérez", "perez"),
        ("PEREZ", "perez"),
        ("Ñúñez", "nunez"),
        ("K'iche'", "k iche"),
        ("María-José", "maria jose"),
        ("  Ana   Lucía\t", "ana lucia"),
        ("José\nMaría ", "jose maria"),
        ("Q'eqchi' / Mam", "q eqchi mam"),
        ("Straße", "strasse"),
        ("Müller 2", "muller 2"),
        ("", ""),
        (None, ""),
        ("  -'  ", ""),
    ],
)
def test_normalize_name_folds_accents_case_and_punctuation(text, expected):
    assert normalize_name(text) == expected


def test_name_tokens_are_the_words_of_the_normalized_name():
    assert name_tokens(" María  José de la Cruz ") == ["maria", "jose", "de", "la", "cruz"]
    assert name_tokens("") == []
    assert name_tokens(None) == []


# --- CURP -------------------------------------------------------------------------------------


def test_curp_check_digit_of_the_domain_example_is_9():
    assert curp_check_digit("BOXW310820HNERXN0") == "9"


def test_curp_check_digit_refuses_characters_outside_the_alphabet():
    with pytest.raises(ValueError, match="17 characters"):
        curp_check_digit("BOXW310820HNERXN")
    with pytest.raises(ValueError, match="17 characters"):
        curp_check_digit("BOXW310820HNERX-0")


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("curp", "birth_date", "sex"),
    [
        pytest.param(VALID_CURP, datetime.date(1931, 8, 20), "H", id="domain example"),
        pytest.param("BOXW310820MNERXN09", datetime.date(1931, 8, 20), "M", id="sex M"),
        pytest.param("BOXW310820XNERXN03", datetime.date(1931, 8, 20), "X", id="sex X (2023)"),
        pytest.param("PELM900402MDFRPR05", datetime.date(1990, 4, 2), "M", id="born in CDMX"),
        pytest.param("BOXW000229MNERXNA9", datetime.date(2000, 2, 29), "M", id="letter: 2000"),
    ],
)
def test_valid_curp_is_accepted_with_its_birth_date_and_sex(curp, birth_date, sex):
    # when / then
    validate_curp(curp)
    assert is_valid_curp(curp) is True
    assert curp_birth_date(curp) == birth_date
    assert curp_sex(curp) == sex


@time_machine.travel(TODAY, tick=False)
def test_lowercase_curp_with_spaces_is_normalized_and_accepted():
    # given
    typed = "  boxw 310820 hnerxn09 "
    # when
    normalized = normalize_curp(typed)
    # then
    assert normalized == VALID_CURP
    validate_curp(typed)
    assert curp_birth_date(typed) == datetime.date(1931, 8, 20)


def test_normalize_curp_of_nothing_is_empty():
    assert normalize_curp(None) == ""
    assert normalize_curp("   ") == ""


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("curp", "code", "message"),
    [
        pytest.param(
            "BOXW310820HNERXN0",
            "curp_length",
            "A CURP has exactly 18 characters.",
            id="17 characters",
        ),
        pytest.param(
            "BOXW310820HNERXN090",
            "curp_length",
            "A CURP has exactly 18 characters.",
            id="19 characters",
        ),
        pytest.param(
            "",
            "curp_length",
            "A CURP has exactly 18 characters.",
            id="empty",
        ),
        pytest.param(
            "B0XW310820HNERXN09",
            "curp_pattern",
            "This is not a CURP: it should be 4 letters, 6 digits (birth date YYMMDD), H, M or X, "
            "2 letters (state), 3 consonants, 1 letter or digit and 1 check digit.",
            id="digit among the name letters",
        ),
        pytest.param(
            "BOXW310820ZNERXN09",
            "curp_pattern",
            "This is not a CURP: it should be 4 letters, 6 digits (birth date YYMMDD), H, M or X, "
            "2 letters (state), 3 consonants, 1 letter or digit and 1 check digit.",
            id="sex Z",
        ),
        pytest.param(
            "BOXW310820HNEAXN09",
            "curp_pattern",
            "This is not a CURP: it should be 4 letters, 6 digits (birth date YYMMDD), H, M or X, "
            "2 letters (state), 3 consonants, 1 letter or digit and 1 check digit.",
            id="vowel among the consonants",
        ),
        pytest.param(
            "BOXW310820MZZRXN06",
            "curp_state",
            "The state code in the CURP (characters 12 and 13) does not exist; use NE for "
            "people born abroad.",
            id="unknown state ZZ",
        ),
        pytest.param(
            "BOXW311320MNERXN02",
            "curp_date",
            "The birth date in the CURP (characters 5 to 10, YYMMDD) is not a real date.",
            id="month 13",
        ),
        pytest.param(
            "BOXW310231MNERXN06",
            "curp_date",
            "The birth date in the CURP (characters 5 to 10, YYMMDD) is not a real date.",
            id="31 February",
        ),
        pytest.param(
            "BOXW000229MNERXN09",
            "curp_date",
            "The birth date in the CURP (characters 5 to 10, YYMMDD) is not a real date.",
            id="29 February 1900 (digit homoclave)",
        ),
        pytest.param(
            "BOXW310820HNERXNA9",
            "curp_century",
            "The CURP's 17th character is a letter, which means born in 2000 or later, but that "
            "birth date would be in the future. Check the 17th character (a digit for births "
            "before 2000).",
            id="letter homoclave with 2031",
        ),
        pytest.param(
            "BOXW310820HNERXN08",
            "curp_check_digit",
            "The CURP check digit should be 9.",
            id="wrong check digit",
        ),
    ],
)
def test_invalid_curp_is_refused_with_a_specific_message(curp, code, message):
    # when
    with pytest.raises(ValidationError) as refused:
        validate_curp(curp)
    # then
    assert refused.value.code == code
    assert refused.value.messages == [message]
    assert is_valid_curp(curp) is False


@time_machine.travel(TODAY, tick=False)
def test_curp_helpers_refuse_an_invalid_curp():
    with pytest.raises(ValidationError):
        curp_birth_date("BOXW310820HNERXN08")
    with pytest.raises(ValidationError):
        curp_sex("BOXW310820HNERXN08")


# --- Phones -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("55 1234 5678", "+525512345678", id="10 national digits"),
        pytest.param("(55) 1234-5678", "+525512345678", id="with punctuation"),
        pytest.param("+52 55 1234 5678", "+525512345678", id="international"),
        pytest.param("+52 1 55 1234 5678", "+525512345678", id="old mobile 1 after +52"),
        pytest.param("0052 1 55 1234 5678", "+525512345678", id="00 then old mobile 1"),
        pytest.param("044 55 1234 5678", "+525512345678", id="old 044"),
        pytest.param("045 55 1234 5678", "+525512345678", id="old 045"),
        pytest.param("01 55 1234 5678", "+525512345678", id="old 01"),
        pytest.param("01 800 123 4567", "+528001234567", id="old 01 toll-free"),
        pytest.param("5512345678 ext. 12", "+525512345678", id="extension dropped"),
        pytest.param("+504 9999 8888", "+50499998888", id="Honduras mobile"),
        pytest.param("+504 2234 5678", "+50422345678", id="Honduras landline"),
        pytest.param("00 504 9999 8888", "+50499998888", id="Honduras dialled from Mexico"),
        pytest.param("+502 5555 1234", "+50255551234", id="Guatemala"),
        pytest.param("+1 202 555 0143", "+12025550143", id="United States"),
        pytest.param("+504 6000 0000", "+50460000000", id="foreign, right length, new range"),
    ],
)
def test_normalize_phone_returns_e164(raw, expected):
    assert normalize_phone(raw) == expected


def test_normalize_phone_reads_a_national_number_in_the_default_region():
    assert normalize_phone("9999 8888", default_region="HN") == "+50499998888"


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("", id="empty"),
        pytest.param("   ", id="blank"),
        pytest.param(None, id="None"),
        pytest.param("not a phone", id="letters"),
        pytest.param("12345", id="too short"),
        pytest.param("+52 55 1234", id="Mexican, too short"),
        pytest.param("55 1234 5678 9", id="Mexican, 11 digits"),
        pytest.param("+52 0 55 1234 5678", id="Mexican, stray 0"),
        pytest.param("+52 1000 000 000", id="Mexican, outside every range"),
        pytest.param("+504 1234", id="Honduras, too short"),
        pytest.param("+999 1234 5678", id="unknown country code"),
    ],
)
def test_invalid_phone_is_refused(raw):
    # when
    with pytest.raises(ValidationError) as refused:
        normalize_phone(raw)
    # then
    assert refused.value.code == "phone_invalid"
    assert refused.value.messages == [
        "Enter a valid phone number: 10 digits for a Mexican number, or + and the country code "
        "for another country (for example +504 9999 8888)."
    ]


@pytest.mark.parametrize(
    ("e164", "expected"),
    [
        ("+525512345678", "+52 55 1234 5678"),
        ("+50499998888", "+504 9999-8888"),
        ("+50255551234", "+502 5555 1234"),
        ("+12025550143", "+1 202-555-0143"),
        ("not a phone", "not a phone"),
    ],
)
def test_format_phone_shows_the_international_format(e164, expected):
    assert format_phone(e164) == expected
