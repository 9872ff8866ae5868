"""The duplicate score (cases.duplicates): pure functions, no database.

The table below is the contract with the clinic: each row is a real intake situation, the exact
score it gets and its level (80+ likely, 50-79 possible, below 50 unlikely). Change a weight and
this table tells you which situations moved.
"""

import datetime
import itertools

import pytest
from django.utils import translation

from cases.duplicates import (
    LIKELY,
    POSSIBLE,
    DuplicateScore,
    PersonFacts,
    matches_retrieval_keys,
    rank,
    retrieval_keys,
    score_pair,
)

PHONE = "+525512345678"
SHELTER_PHONE = "+525598765432"
CURP_A = "PELM900402MDFRPR05"
CURP_B = "GAXR880115MNELPM00"


def person(given, first, second="", born=None, *, estimated=False, phones=(), curp=""):
    return PersonFacts(
        given_names=given,
        first_surname=first,
        second_surname=second,
        date_of_birth=datetime.date.fromisoformat(born) if born else None,
        date_of_birth_estimated=estimated,
        phones=frozenset(phones),
        curp=curp,
    )


# label, new person, existing person, exact score, level
SCENARIOS = [
    # Same person: must be found.
    (
        "typed without accents or second surname, same birth date",
        person("Maria Jose", "Perez", born="1990-04-02"),
        person("María José", "Pérez", "López", "1990-04-02"),
        85,
        "likely",
    ),
    (
        "surnames in reversed order, same birth date",
        person("María José", "López", "Pérez", "1990-04-02"),
        person("María José", "Pérez", "López", "1990-04-02"),
        95,
        "likely",
    ),
    (
        "birth year off by one, same names",
        person("María José", "Pérez", "López", "1991-04-02"),
        person("María José", "Pérez", "López", "1990-04-02"),
        80,
        "likely",
    ),
    (
        "estimated birth date a few months off, same names",
        person("María José", "Pérez", "López", "1990-01-01", estimated=True),
        person("María José", "Pérez", "López", "1990-04-02"),
        80,
        "likely",
    ),
    (
        "only her first given name, same birth date and phone",
        person("María", "Pérez", "López", "1990-04-02", phones=[PHONE]),
        person("María José", "Pérez", "López", "1990-04-02", phones=[PHONE]),
        100,
        "likely",
    ),
    (
        "typo in the given name, same surnames and birth date",
        person("Yessenia", "Pérez", "López", "1990-04-02"),
        person("Yesenia", "Pérez", "López", "1990-04-02"),
        80,
        "likely",
    ),
    (
        "same CURP, everything else different",
        person("Lucía", "Martínez", born="1985-01-01", curp=CURP_A.lower()),
        person("María José", "Pérez", "López", "1990-04-02", curp=CURP_A),
        100,
        "likely",
    ),
    (
        "same full name, birth date unknown",
        person("María José", "Pérez", "López"),
        person("María José", "Pérez", "López", "1990-04-02"),
        65,
        "possible",
    ),
    (
        "surnames misspelt, same given names and birth date",
        person("María José", "Peres", "Lopes", "1990-04-02"),
        person("María José", "Pérez", "López", "1990-04-02"),
        60,
        "possible",
    ),
    (
        "different CURPs but same full name and birth date (a CURP typo?)",
        person("María José", "Pérez", "López", "1990-04-02", curp=CURP_B),
        person("María José", "Pérez", "López", "1990-04-02", curp=CURP_A),
        50,
        "possible",
    ),
    # Different people: must not be "likely".
    (
        "sisters: same surnames, born 6 years apart",
        person("Ana Lucía", "Hernández", "Cruz", "1990-04-02"),
        person("Rosa María", "Hernández", "Cruz", "1996-07-11"),
        0,
        "unlikely",
    ),
    (
        "sisters sharing a phone",
        person("Ana Lucía", "Hernández", "Cruz", "1990-04-02", phones=[PHONE]),
        person("Rosa María", "Hernández", "Cruz", "1996-07-11", phones=[PHONE]),
        20,
        "unlikely",
    ),
    (
        "another María García, different birth date",
        person("María", "García", "López", "1988-01-15"),
        person("María", "García", "Ramos", "1979-09-30"),
        0,
        "unlikely",
    ),
    (
        "mother and daughter with the same full name, 22 years apart",
        person("Juana", "Ramírez", "Soto", "1994-11-20"),
        person("Juana", "Ramírez", "Soto", "1972-03-08"),
        5,
        "unlikely",
    ),
    (
        "mother and daughter with the same full name sharing a phone",
        person("Juana", "Ramírez", "Soto", "1994-11-20", phones=[PHONE]),
        person("Juana", "Ramírez", "Soto", "1972-03-08", phones=[PHONE]),
        30,
        "unlikely",
    ),
    (
        "strangers who gave the same shelter phone",
        person("Karla", "Méndez", "Ortiz", "1999-02-14", phones=[SHELTER_PHONE]),
        person("Sofía", "Ramírez", "Luna", "1987-10-03", phones=[SHELTER_PHONE]),
        0,
        "unlikely",
    ),
    (
        "completely different people",
        person("Karla", "Méndez", "Ortiz", "1999-02-14"),
        person("Sofía", "Ramírez", "Luna", "1987-10-03"),
        0,
        "unlikely",
    ),
    (
        "completely different people, no birth dates",
        person("Karla", "Méndez"),
        person("Sofía", "Ramírez", "Luna"),
        0,
        "unlikely",
    ),
]

SCENARIO_PARAMS = [
    pytest.param(new, existing, score, level, id=label)
    for label, new, existing, score, level in SCENARIOS
]


@pytest.mark.parametrize(("new", "existing", "score", "level"), SCENARIO_PARAMS)
def test_scenario_scores_exactly(new, existing, score, level):
    # when
    result = score_pair(new, existing)
    # then
    assert (result.score, result.level) == (score, level)


@pytest.mark.parametrize(("new", "existing", "score", "level"), SCENARIO_PARAMS)
def test_accents_case_and_extra_spaces_never_change_a_score(new, existing, score, level):
    # given: the new record typed in capitals, without accents, with stray spaces
    plain = str.maketrans("áéíóúñÁÉÍÓÚÑ", "aeiounAEIOUN")

    def noisy(text):
        return "  " + "  ".join(text.translate(plain).upper().split()) + " "

    retyped = PersonFacts(
        given_names=noisy(new.given_names),
        first_surname=noisy(new.first_surname),
        second_surname=noisy(new.second_surname),
        date_of_birth=new.date_of_birth,
        date_of_birth_estimated=new.date_of_birth_estimated,
        phones=new.phones,
        curp=new.curp,
    )
    # when / then
    assert score_pair(retyped, existing) == score_pair(new, existing)


def test_reasons_explain_the_score_in_a_fixed_order():
    # given
    new = person("Maria Jose", "Perez", born="1990-04-02", phones=[PHONE])
    existing = person("María José", "Pérez", "López", "1990-04-02", phones=[PHONE])
    # when
    with translation.override("en"):
        result = score_pair(new, existing)
        reasons = [str(reason) for reason in result.reasons]
    # then
    assert result.score == 100
    assert reasons == [
        "Same given names",
        "One surname matches, the other is missing",
        "Same date of birth",
        "Same phone",
    ]


def test_negative_reasons_are_shown_too():
    # given
    new = person("Juana", "Ramírez", "Soto", "1994-11-20", curp=CURP_B)
    existing = person("Juana", "Ramírez", "Soto", "1972-03-08", curp=CURP_A)
    # when
    with translation.override("en"):
        reasons = [str(reason) for reason in score_pair(new, existing).reasons]
    # then
    assert reasons == [
        "Different CURPs",
        "Same given names",
        "Both surnames match",
        "Dates of birth more than 12 years apart",
    ]


def test_an_invalid_curp_counts_neither_for_nor_against():
    # given: the same mistyped CURP (wrong check digit) on both sides
    new = person("Karla", "Méndez", curp="PELM900402MDFRPR06")
    existing = person("Sofía", "Ramírez", curp="PELM900402MDFRPR06")
    # when / then
    assert score_pair(new, existing) == DuplicateScore(score=0, reasons=())


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (100, "likely"),
        (LIKELY, "likely"),
        (79, "possible"),
        (POSSIBLE, "possible"),
        (49, "unlikely"),
        (0, "unlikely"),
    ],
)
def test_level_thresholds(score, level):
    assert DuplicateScore(score=score, reasons=()).level == level


# --- rank -------------------------------------------------------------------------------------


def test_rank_keeps_candidates_above_the_minimum_best_first():
    # given
    new = person("María José", "Pérez", "López", "1990-04-02")
    candidates = [
        ("stranger", person("Karla", "Méndez", "Ortiz", "1999-02-14")),
        ("no birth date", person("María José", "Pérez", "López")),
        ("same", person("Maria Jose", "Perez", "Lopez", "1990-04-02")),
        ("sister", person("Rosa María", "Pérez", "López", "1996-07-11")),
        ("year off", person("María José", "Pérez", "López", "1991-04-02")),
    ]
    # when
    ranked = rank(new, candidates)
    # then
    assert [(key, score.score) for key, score in ranked] == [
        ("same", 95),
        ("year off", 80),
        ("no birth date", 65),
    ]


def test_rank_with_a_lower_minimum_keeps_ties_in_input_order():
    # given
    new = person("Karla", "Méndez", "Ortiz", "1999-02-14")
    candidates = [
        (1, person("Sofía", "Luna")),
        (2, person("Ana", "Cruz")),
        (3, person("Karla", "Soto")),
    ]
    # when
    ranked = rank(new, candidates, minimum=0)
    # then
    assert [(key, score.score) for key, score in ranked] == [(3, 30), (1, 0), (2, 0)]


def test_rank_of_no_candidates_is_empty():
    assert rank(person("Karla", "Méndez"), []) == []


# --- retrieval keys ---------------------------------------------------------------------------


def test_retrieval_keys_for_a_typical_intake():
    # given
    facts = person("María José", "Pérez", "De la Cruz", "1990-04-02", phones=[PHONE], curp=CURP_A)
    # when / then
    assert retrieval_keys(facts) == {
        "curp": CURP_A,
        "phones": frozenset({PHONE}),
        "surnames": frozenset({"perez", "de la cruz"}),
        "surname_birth_window": (datetime.date(1988, 4, 1), datetime.date(1992, 4, 2)),
        "exact_birth_date": datetime.date(1990, 4, 2),
    }


def test_retrieval_keys_without_date_curp_or_phone():
    # given: an estimated date gives no exact-date key; an invalid CURP gives no CURP key
    facts = person("Ana", "Cruz", born="1990-01-01", estimated=True, curp="NOT A CURP")
    # when / then
    assert retrieval_keys(facts) == {
        "curp": "",
        "phones": frozenset(),
        "surnames": frozenset({"cruz"}),
        "surname_birth_window": (datetime.date(1988, 1, 1), datetime.date(1992, 1, 2)),
        "exact_birth_date": None,
    }
    assert retrieval_keys(person("Ana", "Cruz"))["surname_birth_window"] is None


def test_retrieval_keys_leave_out_strangers():
    # given
    keys = retrieval_keys(person("María José", "Pérez", "López", "1990-04-02", phones=[PHONE]))
    # when / then
    assert matches_retrieval_keys(keys, person("Karla", "Méndez", "Ortiz", "1990-04-03")) is False
    assert matches_retrieval_keys(keys, person("Rosa", "Pérez", "Soto", "1970-01-01")) is False
    assert matches_retrieval_keys(keys, person("Rosa", "Pérez", "Soto")) is True


# --- Properties over an exhaustive grid -------------------------------------------------------
# Every combination of these values, as both the new and the existing person (336 people,
# 112,896 ordered pairs). The values sit on every tier and boundary of every part of the score.

GIVEN_NAMES = ["María José", "María", "Mraia José"]  # same / subset / typo / unrelated
SURNAMES = [("Pérez", "López"), ("Pérez", ""), ("Pérez", "Ramos"), ("García", "Cruz")]
BIRTH_DATES = [
    (None, False),
    ("1990-04-02", False),
    ("1990-04-02", True),
    ("1991-04-03", False),  # 366 days after 1990-04-02: still "within a year"
    ("1992-04-02", True),  # 731 days after 1990-04-02: the edge of the estimated tolerance
    ("1993-05-20", False),
    ("1970-01-01", False),  # a generation before the others
]
PHONES_AND_CURPS = [((), ""), ((PHONE,), ""), ((), CURP_A), ((PHONE,), CURP_B)]

GRID = [
    person(given, first, second, born, estimated=estimated, phones=phones, curp=curp)
    for given, (first, second), (born, estimated), (phones, curp) in itertools.product(
        GIVEN_NAMES, SURNAMES, BIRTH_DATES, PHONES_AND_CURPS
    )
]


@pytest.fixture(scope="module")
def grid_scores():
    return {
        (i, j): score_pair(a, b) for (i, a), (j, b) in itertools.product(enumerate(GRID), repeat=2)
    }


def test_grid_exercises_every_reason(grid_scores):
    # then: a grid that misses a tier would prove nothing about it
    # (the reasons are lazy translations: collect them by identity, translate each once)
    distinct = {id(reason): reason for score in grid_scores.values() for reason in score.reasons}
    with translation.override("en"):
        seen = {str(reason) for reason in distinct.values()}
    assert seen == {
        "Same CURP",
        "Different CURPs",
        "Same given names",
        "Given names partly match",
        "Similar given names",
        "Both surnames match",
        "One surname matches, the other is missing",
        "One surname matches, the other differs",
        "Same date of birth",
        "Dates of birth within a year",
        "Dates of birth more than a year apart",
        "Dates of birth more than 12 years apart",
        "Same phone",
    }
    assert {score.level for score in grid_scores.values()} == {"likely", "possible", "unlikely"}


def test_score_is_symmetric_where_difflib_is_not():
    # given: given names on which difflib's ratio depends on the argument order (0.71 / 0.86)
    new = person("Mrnansn", "Pérez", "López", "1990-04-02")
    existing = person("Mrnason", "Pérez", "López", "1990-04-02")
    # when / then
    assert score_pair(new, existing) == score_pair(existing, new)


def test_score_is_symmetric(grid_scores):
    asymmetric = [
        (i, j) for (i, j), score in grid_scores.items() if i < j and score != grid_scores[j, i]
    ]
    assert asymmetric == []


def test_score_is_clamped_to_0_100(grid_scores):
    scores = {score.score for score in grid_scores.values()}
    assert min(scores) == 0
    assert max(scores) == 100


def test_retrieval_keys_find_every_pair_scoring_possible_or_more(grid_scores):
    # given
    keys = [retrieval_keys(facts) for facts in GRID]
    # when
    missed = [
        (i, j)
        for (i, j), score in grid_scores.items()
        if score.score >= POSSIBLE and not matches_retrieval_keys(keys[i], GRID[j])
    ]
    # then
    assert missed == []
