"""The duplicate score: how likely two client records describe the same woman.

Pure functions, no database. Before a client is created, a selector retrieves candidates with the
prefilter described by :func:`retrieval_keys` and ranks them with :func:`rank`. The weights and
the reasoning behind the retrieval guarantee are explained for staff and newcomers in
``docs/duplicates.md``; keep that page in step with the constants below.

Score (before clamping to 0-100), each part symmetric in its two arguments:

===========================  =============================================================  =====
part                         condition (names compared with ``normalize_name``)              points
===========================  =============================================================  =====
CURP                         same valid CURP                                                 = 100
                             two different valid CURPs (so never "likely")                   -45
given names                  same words (any order)                                          +30
                             same first word, or one's words all among the other's           +20
                             similar spelling (difflib ratio ≥ 0.85)                         +15
surnames (any order)         both match                                                      +35
                             one matches and a record has a single surname                   +25
                             one matches, the other differs                                  +10
date of birth                same date, neither estimated                                    +30
                             at most 366 days apart                                          +15
                             367 to 731 days apart and either date estimated                 0
                             more than a year apart (two if either is estimated)             -40
                             more than 12 years apart (a generation: mother and daughter)    -60
                             unknown on either side                                          0
phone                        any phone in common                                             +25
===========================  =============================================================  =====
"""

from __future__ import annotations

import datetime
import difflib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TypedDict, TypeVar

from django.utils.translation import gettext_lazy as _

from cases.identifiers import is_valid_curp, name_tokens, normalize_curp, normalize_name

LIKELY = 80
POSSIBLE = 50

SAME_CURP = 100
DIFFERENT_CURPS = -45
GIVEN_NAMES_SAME = 30
GIVEN_NAMES_OVERLAP = 20
GIVEN_NAMES_SIMILAR = 15
GIVEN_NAMES_SIMILARITY = 0.85
SURNAMES_BOTH = 35
SURNAME_ONE_OTHER_MISSING = 25
SURNAME_ONE_OTHER_DIFFERS = 10
BIRTH_DATE_SAME = 30
BIRTH_DATE_WITHIN_A_YEAR = 15
BIRTH_DATES_APART = -40
BIRTH_DATES_A_GENERATION_APART = -60
PHONE_SHARED = 25

ONE_YEAR_DAYS = 366
# Estimated dates ("she says she is about 30") drift between intakes: up to two years costs nothing.
ESTIMATED_TOLERANCE_DAYS = 2 * 366 - 1  # 731
GENERATION_DAYS = 4383  # 12 x 365.25

REASON_SAME_CURP = _("Same CURP")
REASON_DIFFERENT_CURPS = _("Different CURPs")
REASON_GIVEN_NAMES_SAME = _("Same given names")
REASON_GIVEN_NAMES_OVERLAP = _("Given names partly match")
REASON_GIVEN_NAMES_SIMILAR = _("Similar given names")
REASON_SURNAMES_BOTH = _("Both surnames match")
REASON_SURNAME_ONE_OTHER_MISSING = _("One surname matches, the other is missing")
REASON_SURNAME_ONE_OTHER_DIFFERS = _("One surname matches, the other differs")
REASON_BIRTH_DATE_SAME = _("Same date of birth")
REASON_BIRTH_DATE_WITHIN_A_YEAR = _("Dates of birth within a year")
REASON_BIRTH_DATES_APART = _("Dates of birth more than a year apart")
REASON_BIRTH_DATES_A_GENERATION_APART = _("Dates of birth more than 12 years apart")
REASON_PHONE_SHARED = _("Same phone")


@dataclass(frozen=True)
class PersonFacts:
    """What the score knows about one person. Names as typed (the score normalises them), phones
    as E.164 strings, the CURP as typed (normalised and checked by the score)."""

    given_names: str
    first_surname: str
    second_surname: str = ""
    date_of_birth: datetime.date | None = None
    date_of_birth_estimated: bool = False
    phones: frozenset[str] = frozenset()
    curp: str = ""

    # Normalised once per instance: rank() compares one new person with many candidates.
    @cached_property
    def given_name_tokens(self) -> tuple[str, ...]:
        """The words of the given names, normalised (``name_tokens``)."""
        return tuple(name_tokens(self.given_names))

    @cached_property
    def surnames(self) -> tuple[str, ...]:
        """The non-empty surnames, each normalised as a whole (``normalize_name``)."""
        surnames = (normalize_name(self.first_surname), normalize_name(self.second_surname))
        return tuple(surname for surname in surnames if surname)

    @cached_property
    def valid_curp(self) -> str:
        """The normalised CURP if it is valid, else ""."""
        curp = normalize_curp(self.curp)
        return curp if is_valid_curp(curp) else ""


@dataclass(frozen=True)
class DuplicateScore:
    """A score from 0 to 100 and the reasons behind it, in a fixed order (CURP, given names,
    surnames, date of birth, phone), including the reasons that lowered it."""

    score: int
    reasons: tuple[str, ...]

    @property
    def level(self) -> str:
        """Return "likely" (LIKELY and above), "possible" (POSSIBLE to LIKELY - 1) or "unlikely"."""
        if self.score >= LIKELY:
            return "likely"
        if self.score >= POSSIBLE:
            return "possible"
        return "unlikely"


# A part of the score: its points and, when it applies, its reason.
_Part = tuple[int, str | None]


def _given_names_part(new: PersonFacts, existing: PersonFacts) -> _Part:
    new_tokens, existing_tokens = new.given_name_tokens, existing.given_name_tokens
    if not new_tokens or not existing_tokens:
        return 0, None
    if sorted(new_tokens) == sorted(existing_tokens):
        return GIVEN_NAMES_SAME, REASON_GIVEN_NAMES_SAME
    new_set, existing_set = set(new_tokens), set(existing_tokens)
    if new_tokens[0] == existing_tokens[0] or new_set <= existing_set or existing_set <= new_set:
        return GIVEN_NAMES_OVERLAP, REASON_GIVEN_NAMES_OVERLAP
    # SequenceMatcher is not symmetric in its arguments: compare in a fixed order.
    first, second = sorted((" ".join(new_tokens), " ".join(existing_tokens)))
    if difflib.SequenceMatcher(None, first, second, autojunk=False).ratio() >= (
        GIVEN_NAMES_SIMILARITY
    ):
        return GIVEN_NAMES_SIMILAR, REASON_GIVEN_NAMES_SIMILAR
    return 0, None


def _surnames_part(new: PersonFacts, existing: PersonFacts) -> _Part:
    new_surnames, existing_surnames = new.surnames, existing.surnames
    matched = sum((Counter(new_surnames) & Counter(existing_surnames)).values())
    if matched >= 2:
        return SURNAMES_BOTH, REASON_SURNAMES_BOTH
    if matched == 1 and min(len(new_surnames), len(existing_surnames)) == 1:
        return SURNAME_ONE_OTHER_MISSING, REASON_SURNAME_ONE_OTHER_MISSING
    if matched == 1:
        return SURNAME_ONE_OTHER_DIFFERS, REASON_SURNAME_ONE_OTHER_DIFFERS
    return 0, None


def _birth_date_part(new: PersonFacts, existing: PersonFacts) -> _Part:
    if new.date_of_birth is None or existing.date_of_birth is None:
        return 0, None
    gap = abs((new.date_of_birth - existing.date_of_birth).days)
    is_estimated = new.date_of_birth_estimated or existing.date_of_birth_estimated
    if gap == 0 and not is_estimated:
        return BIRTH_DATE_SAME, REASON_BIRTH_DATE_SAME
    if gap <= ONE_YEAR_DAYS:
        return BIRTH_DATE_WITHIN_A_YEAR, REASON_BIRTH_DATE_WITHIN_A_YEAR
    if is_estimated and gap <= ESTIMATED_TOLERANCE_DAYS:
        return 0, None
    if gap > GENERATION_DAYS:
        return BIRTH_DATES_A_GENERATION_APART, REASON_BIRTH_DATES_A_GENERATION_APART
    return BIRTH_DATES_APART, REASON_BIRTH_DATES_APART


def _phone_part(new: PersonFacts, existing: PersonFacts) -> _Part:
    if new.phones & existing.phones:
        return PHONE_SHARED, REASON_PHONE_SHARED
    return 0, None


def _curp_part(new: PersonFacts, existing: PersonFacts) -> _Part:
    new_curp, existing_curp = new.valid_curp, existing.valid_curp
    if not new_curp or not existing_curp:
        return 0, None
    if new_curp == existing_curp:
        return SAME_CURP, REASON_SAME_CURP
    return DIFFERENT_CURPS, REASON_DIFFERENT_CURPS


def score_pair(new: PersonFacts, existing: PersonFacts) -> DuplicateScore:
    """Score how likely ``new`` and ``existing`` are the same person (weights in the module
    docstring and docs/duplicates.md).

    Guarantees: the score is an integer from 0 to 100; the same valid CURP on both sides gives
    100 whatever else differs; accents, case, punctuation and extra spaces in names change
    nothing; surnames count in either order; ``score_pair(a, b) == score_pair(b, a)``.
    """
    curp_points, curp_reason = _curp_part(new, existing)
    parts = [
        (curp_points, curp_reason),
        _given_names_part(new, existing),
        _surnames_part(new, existing),
        _birth_date_part(new, existing),
        _phone_part(new, existing),
    ]
    reasons = tuple(reason for _points, reason in parts if reason is not None)
    if curp_points == SAME_CURP:
        return DuplicateScore(score=SAME_CURP, reasons=reasons)
    total = sum(points for points, _reason in parts)
    return DuplicateScore(score=max(0, min(100, total)), reasons=reasons)


Key = TypeVar("Key")


def rank(
    new: PersonFacts,
    candidates: Iterable[tuple[Key, PersonFacts]],
    minimum: int = POSSIBLE,
) -> list[tuple[Key, DuplicateScore]]:
    """Score every candidate against ``new`` and return the ``(key, score)`` pairs scoring at
    least ``minimum``, highest score first; candidates with equal scores keep their input order.
    """
    scored = [(key, score_pair(new, facts)) for key, facts in candidates]
    kept = [(key, score) for key, score in scored if score.score >= minimum]
    return sorted(kept, key=lambda pair: pair[1].score, reverse=True)


class RetrievalKeys(TypedDict):
    """What the database prefilter needs; see :func:`retrieval_keys`."""

    curp: str
    phones: frozenset[str]
    surnames: frozenset[str]
    surname_birth_window: tuple[datetime.date, datetime.date] | None
    exact_birth_date: datetime.date | None


def retrieval_keys(facts: PersonFacts) -> RetrievalKeys:
    """Return the keys the database prefilter must use so that it retrieves every existing client
    that would score at least POSSIBLE (50) against ``facts``.

    A candidate must be retrieved when ANY of these holds (``matches_retrieval_keys`` is the
    reference implementation the query must agree with):

    1. ``curp``: her CURP equals this one ("" when ``facts`` has no valid CURP: no condition).
    2. ``phones``: she has one of these E.164 phones.
    3. ``surnames``: one of her normalised surnames (``normalize_name`` of the whole surname) is in
       this set, AND her date of birth is unknown, or ``surname_birth_window`` is ``None`` (this
       date of birth is unknown), or her date of birth lies within the window (inclusive).
    4. ``exact_birth_date``: her date of birth equals it and is not estimated (``None`` when this
       date is unknown or estimated: no condition).

    Why nothing scoring 50 or more is missed. The positive parts are CURP (100), given names (at
    most 30), surnames (at most 35), date of birth (at most 30) and phone (25); the rest are zero
    or negative. Take a candidate matched by none of the keys: no same CURP, no shared phone,
    so her score is at most given names + surnames + date of birth.

    * If she shares a surname, key 3 failed, so both dates are known and more than 731 days
      apart: the date part is -40 or -60, and the score is at most 30 + 35 - 40 = 25.
    * If she shares no surname, the score is at most given names + date of birth. The date part
      is +30 only for the same date with neither estimated, which key 4 would have caught; so it
      is at most +15, and the score at most 30 + 15 = 45.

    Either way the score is below 50. The exhaustive grid in tests/cases/test_duplicates.py
    checks this against :func:`score_pair`; change the keys whenever a weight changes.
    """
    date_of_birth = facts.date_of_birth
    window = None
    if date_of_birth is not None:
        tolerance = datetime.timedelta(days=ESTIMATED_TOLERANCE_DAYS)
        window = (date_of_birth - tolerance, date_of_birth + tolerance)
    return RetrievalKeys(
        curp=facts.valid_curp,
        phones=frozenset(facts.phones),
        surnames=frozenset(facts.surnames),
        surname_birth_window=window,
        exact_birth_date=None if facts.date_of_birth_estimated else date_of_birth,
    )


def matches_retrieval_keys(keys: RetrievalKeys, candidate: PersonFacts) -> bool:
    """Return whether the prefilter described by ``keys`` retrieves ``candidate``: the reference
    the database query must agree with (see :func:`retrieval_keys`)."""
    if keys["curp"] and candidate.valid_curp == keys["curp"]:
        return True
    if keys["phones"] & candidate.phones:
        return True
    if keys["surnames"] & set(candidate.surnames):
        window = keys["surname_birth_window"]
        date_of_birth = candidate.date_of_birth
        if window is None or date_of_birth is None or window[0] <= date_of_birth <= window[1]:
            return True
    exact = keys["exact_birth_date"]
    return (
        exact is not None
        and candidate.date_of_birth == exact
        and not candidate.date_of_birth_estimated
    )
