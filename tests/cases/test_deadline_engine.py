"""Unit tests of the deadline engine: calendars, counting helpers, JSON round-trip, explanations
and the rules table. Pure Python: no database."""

import datetime as dt
import json
from types import SimpleNamespace

import pytest
from django.utils import translation

from cases.deadlines import (
    INFO_RULES,
    RULES,
    CalendarCode,
    ClosureSpec,
    Computation,
    DeadlineKind,
    Unit,
    add_business_days,
    business_days_between,
    compute,
    doubtful_reason,
    explain,
    is_business_day,
    is_late,
    next_business_day,
    non_working_reason,
    previous_business_day,
)

D = dt.date
LFPA = CalendarCode.LFPA
AMPARO = CalendarCode.AMPARO
TFJA = CalendarCode.TFJA
LFT = CalendarCode.LFT
US = CalendarCode.US
ALL_DAYS = CalendarCode.ALL_DAYS
CDMX = dt.timezone(dt.timedelta(hours=-6))

# --- Calendars -----------------------------------------------------------------------------------

LFPA_2025_2026 = [
    # (day, weekend label or None when it falls on a weekday)
    (D(2025, 1, 1), None),
    (D(2025, 2, 5), None),
    (D(2025, 3, 21), None),
    (D(2025, 5, 1), None),
    (D(2025, 5, 5), None),
    (D(2025, 9, 1), None),
    (D(2025, 9, 16), None),
    (D(2025, 11, 20), None),
    (D(2025, 12, 25), None),
    (D(2026, 1, 1), None),
    (D(2026, 2, 5), None),
    (D(2026, 3, 21), "Saturday"),
    (D(2026, 5, 1), None),
    (D(2026, 5, 5), None),
    (D(2026, 9, 1), None),
    (D(2026, 9, 16), None),
    (D(2026, 11, 20), None),
    (D(2026, 12, 25), None),
]
AMPARO_2025_2026 = [
    (D(2025, 1, 1), None),
    (D(2025, 2, 5), None),
    (D(2025, 3, 21), None),
    (D(2025, 5, 1), None),
    (D(2025, 5, 5), None),
    (D(2025, 9, 14), "Sunday"),
    (D(2025, 9, 16), None),
    (D(2025, 10, 12), "Sunday"),
    (D(2025, 11, 20), None),
    (D(2025, 12, 25), None),
    (D(2026, 1, 1), None),
    (D(2026, 2, 5), None),
    (D(2026, 3, 21), "Saturday"),
    (D(2026, 5, 1), None),
    (D(2026, 5, 5), None),
    (D(2026, 9, 14), None),
    (D(2026, 9, 16), None),
    (D(2026, 10, 12), None),
    (D(2026, 11, 20), None),
    (D(2026, 12, 25), None),
]


@pytest.mark.parametrize(("day", "weekend"), LFPA_2025_2026, ids=str)
def test_every_lfpa_art_28_day_is_non_working_for_lfpa_and_tfja(day, weekend):
    # when
    with translation.override("en"):
        reason = non_working_reason(LFPA, day)
        tfja_reason = non_working_reason(TFJA, day)
    # then
    assert not is_business_day(LFPA, day)
    assert not is_business_day(TFJA, day)
    if weekend:
        assert reason == weekend
    else:
        assert reason.endswith("(LFPA art. 28)")
        assert tfja_reason == reason
    assert doubtful_reason(LFPA, day) is None


@pytest.mark.parametrize(("day", "weekend"), AMPARO_2025_2026, ids=str)
def test_every_amparo_art_19_day_is_non_working_for_amparo(day, weekend):
    # when
    with translation.override("en"):
        reason = non_working_reason(AMPARO, day)
    # then
    assert not is_business_day(AMPARO, day)
    if weekend:
        assert reason == weekend
    else:
        assert reason.endswith("(Ley de Amparo art. 19)")


def test_statutory_labels_name_the_day_in_the_active_language():
    with translation.override("en"):
        assert non_working_reason(LFPA, D(2025, 2, 5)) == "February 5 (LFPA art. 28)"
        assert non_working_reason(LFPA, D(2025, 12, 6)) == "Saturday"
    with translation.override("es-mx"):
        assert non_working_reason(LFPA, D(2025, 2, 5)).startswith("5 de febrero")


def test_days_only_one_statute_lists_differ_between_lfpa_and_amparo():
    # 1 Sep: LFPA only; 14 Sep and 12 Oct: Amparo only (all weekdays in these years)
    assert not is_business_day(LFPA, D(2025, 9, 1))
    assert is_business_day(AMPARO, D(2025, 9, 1))
    assert is_business_day(LFPA, D(2026, 9, 14))
    assert not is_business_day(AMPARO, D(2026, 9, 14))
    assert is_business_day(LFPA, D(2026, 10, 12))
    assert not is_business_day(AMPARO, D(2026, 10, 12))
    assert doubtful_reason(LFPA, D(2026, 9, 14)) is None  # not a federal holiday either


LFT_MONDAYS = [D(2025, 2, 3), D(2025, 3, 17), D(2025, 11, 17), D(2026, 2, 2), D(2026, 3, 16)]


@pytest.mark.parametrize("day", LFT_MONDAYS, ids=str)
def test_lft_mondays_are_holidays_under_lft_and_doubtful_but_working_for_statutes(day):
    # given: holidays.MX moves these to Mondays; LFPA art. 28 and Amparo art. 19 do not list them
    assert day.weekday() == 0
    # then
    assert not is_business_day(LFT, day)
    assert doubtful_reason(LFT, day) is None
    for calendar in (LFPA, TFJA, AMPARO):
        assert is_business_day(calendar, day)
        assert doubtful_reason(calendar, day) is not None
        assert not is_business_day(calendar, day, doubtful_as_non_working=True)


def test_lft_follows_holidays_mx_for_fixed_dates_and_not_lfpa_only_days():
    assert not is_business_day(LFT, D(2025, 9, 16))
    assert not is_business_day(LFT, D(2025, 12, 25))
    assert is_business_day(LFT, D(2025, 2, 5))  # the fixed date is not the LFT holiday
    assert is_business_day(LFT, D(2025, 3, 21))


def test_inauguration_day_is_an_lft_holiday_and_doubtful_for_lfpa_and_amparo():
    day = D(2030, 10, 1)
    assert not is_business_day(LFT, day)
    assert is_business_day(LFPA, day)
    assert is_business_day(AMPARO, day)
    assert doubtful_reason(LFPA, day) is not None
    assert doubtful_reason(AMPARO, day) is not None


def test_first_of_december_in_an_inauguration_year_is_doubtful_for_lfpa_only():
    # 1 Dec 2036 is a Monday; LFPA art. 28 still names 1 December every six years
    day = D(2036, 12, 1)
    assert is_business_day(LFPA, day)
    assert doubtful_reason(LFPA, day) is not None
    assert doubtful_reason(AMPARO, day) is None
    assert doubtful_reason(LFPA, D(2035, 12, 3)) is None


def test_us_calendar_uses_federal_holidays_including_observed_days():
    assert not is_business_day(US, D(2025, 11, 27))  # Thanksgiving
    assert not is_business_day(US, D(2026, 7, 3))  # Independence Day observed
    assert not is_business_day(US, D(2026, 1, 19))  # Martin Luther King Jr. Day
    assert is_business_day(US, D(2025, 2, 5))
    assert is_business_day(US, D(2025, 9, 16))
    assert doubtful_reason(US, D(2025, 2, 3)) is None
    with translation.override("en"):
        assert non_working_reason(US, D(2025, 11, 27)) == "Thanksgiving Day (US federal holiday)"


def test_all_days_calendar_has_no_non_working_day():
    for day in (D(2025, 12, 6), D(2025, 12, 25), D(2026, 1, 1)):
        assert non_working_reason(ALL_DAYS, day) is None
        assert doubtful_reason(ALL_DAYS, day) is None
        assert is_business_day(ALL_DAYS, day)


def test_a_closure_makes_its_days_non_working_inclusively():
    closure = ClosureSpec(start=D(2024, 5, 29), end=D(2024, 5, 31), reference="DOF 2024-05-28")
    assert is_business_day(LFPA, D(2024, 5, 28), [closure])
    assert not is_business_day(LFPA, D(2024, 5, 29), [closure])
    assert not is_business_day(LFPA, D(2024, 5, 31), [closure])
    assert is_business_day(LFPA, D(2024, 5, 29))


# --- Counting helpers ----------------------------------------------------------------------------


def test_add_business_days_forward_skips_weekends_and_holidays():
    assert add_business_days(LFPA, D(2025, 12, 8), 15) == D(2025, 12, 30)
    assert add_business_days(LFPA, D(2025, 12, 24), 1) == D(2025, 12, 26)
    assert add_business_days(LFPA, D(2025, 12, 8), 0) == D(2025, 12, 8)


def test_add_business_days_backwards_with_negative_n():
    assert add_business_days(LFPA, D(2025, 12, 26), -1) == D(2025, 12, 24)
    assert add_business_days(LFPA, D(2025, 12, 29), -1) == D(2025, 12, 26)
    assert add_business_days(LFPA, D(2025, 12, 30), -15) == D(2025, 12, 8)
    assert add_business_days(LFPA, D(2025, 12, 28), -2) == D(2025, 12, 24)


def test_business_days_between_counts_the_half_open_interval_with_sign():
    assert business_days_between(LFPA, D(2025, 12, 8), D(2025, 12, 30)) == 15
    assert business_days_between(LFPA, D(2025, 12, 30), D(2025, 12, 8)) == -15
    assert business_days_between(LFPA, D(2025, 12, 8), D(2025, 12, 8)) == 0
    # (Fri 5 Dec, Sun 7 Dec]: only a weekend
    assert business_days_between(LFPA, D(2025, 12, 5), D(2025, 12, 7)) == 0
    closure = ClosureSpec(D(2025, 12, 22), D(2026, 1, 2), "DOF")
    assert business_days_between(LFPA, D(2025, 12, 8), D(2026, 1, 12), [closure]) == 15


@pytest.mark.parametrize("n", [1, 3, 10, 30, 45])
def test_add_business_days_and_business_days_between_agree(n):
    for start in (D(2025, 11, 13), D(2026, 1, 30), D(2026, 3, 28)):
        assert business_days_between(AMPARO, start, add_business_days(AMPARO, start, n)) == n


def test_next_and_previous_business_day():
    assert next_business_day(LFPA, D(2025, 12, 30)) == D(2025, 12, 30)
    assert next_business_day(LFPA, D(2026, 2, 28)) == D(2026, 3, 2)
    assert previous_business_day(LFPA, D(2026, 5, 1)) == D(2026, 4, 30)
    assert previous_business_day(LFPA, D(2026, 4, 30)) == D(2026, 4, 30)
    # doubtful days count as working unless asked otherwise
    assert next_business_day(LFPA, D(2026, 3, 14)) == D(2026, 3, 16)
    assert next_business_day(LFPA, D(2026, 3, 14), doubtful_as_non_working=True) == D(2026, 3, 17)


# --- compute() -----------------------------------------------------------------------------------


def test_counting_starts_the_day_after_the_trigger_unless_same_day():
    rule = RULES["comar_ratify"]
    # Thu 9 Oct 2025: Fri 10, Mon 13, Tue 14
    assert compute(rule, trigger=D(2025, 10, 9)).due_date == D(2025, 10, 14)
    # personal notification: the trigger day counts as day 1
    same_day = compute(rule, trigger=D(2025, 10, 9), same_day=True)
    assert same_day.due_date == D(2025, 10, 13)
    assert same_day.start == D(2025, 10, 9)


def test_start_is_the_first_day_counted_and_skipped_lists_reasons():
    # Fri 30 Jan 2026: the first day counted is Mon 2 Feb; 5 Feb skipped
    computation = compute(RULES["inm_prevention_fix"], trigger=D(2026, 1, 30))
    assert computation.start == D(2026, 2, 2)
    assert computation.skipped[:2] == [(D(2026, 1, 31), "saturday"), (D(2026, 2, 1), "sunday")]
    assert (D(2026, 2, 5), "lfpa_art28") in computation.skipped
    assert computation.later_alternative_reason == "doubtful_days"


def test_closure_days_are_skipped_with_the_closure_code():
    closure = ClosureSpec(D(2024, 5, 29), D(2024, 5, 31), "COMAR acuerdo DOF 2024-05-28")
    computation = compute(RULES["comar_review_appeal"], trigger=D(2024, 5, 20), closures=[closure])
    closure_days = [day for day, code in computation.skipped if code == "closure"]
    assert closure_days == [D(2024, 5, 29), D(2024, 5, 30), D(2024, 5, 31)]


def test_closures_may_be_any_iterable_and_duck_typed():
    closures = (
        SimpleNamespace(start=D(2024, 5, 29), end=D(2024, 5, 31), reference="R") for _ in range(1)
    )
    computation = compute(RULES["comar_review_appeal"], trigger=D(2024, 5, 20), closures=closures)
    assert computation.due_date == D(2024, 6, 13)
    assert computation.without_closures == D(2024, 6, 10)


def test_rule_may_be_any_object_with_the_rule_attributes():
    # given: a model-like row
    row = SimpleNamespace(**{**vars(RULES["comar_ratify"]), "code": "custom"})
    # when
    computation = compute(row, trigger=D(2025, 10, 9))
    # then
    assert computation.rule_code == "custom"
    assert computation.due_date == D(2025, 10, 14)


def test_extension_is_the_later_alternative_of_a_watch_date_until_applied():
    rule = RULES["comar_resolution"]
    plain = compute(rule, trigger=D(2026, 1, 12))
    extended = compute(rule, trigger=D(2026, 1, 12), extended=True)
    assert plain.later_alternative == extended.due_date == D(2026, 5, 21)
    assert plain.later_alternative_reason == "extension"
    assert extended.later_alternative_reason == "doubtful_days"


def test_month_end_alternative_reason():
    computation = compute(RULES["us_asylum_one_year"], trigger=D(2024, 2, 29))
    assert computation.due_date == D(2025, 2, 28)
    assert computation.later_alternative == D(2025, 3, 3)
    assert computation.later_alternative_reason == "month_end"


def test_later_trigger_alternative_reason_and_chosen_trigger():
    computation = compute(RULES["amparo"], trigger=D(2025, 6, 20), alt_trigger=D(2025, 6, 10))
    assert computation.trigger == D(2025, 6, 10)
    assert computation.later_alternative_reason == "later_trigger"
    assert computation.steps[0] == {
        "code": "trigger_candidates",
        "params": {"earliest": "2025-06-10", "later": "2025-06-20"},
    }


def test_hours_from_a_bare_date_count_from_midnight_in_mexico_city():
    computation = compute(RULES["detention_36h"], trigger=D(2025, 3, 14))
    assert computation.due_at == dt.datetime(2025, 3, 15, 12, 0, tzinfo=CDMX)
    hours_step = next(step for step in computation.steps if step["code"] == "hours")
    assert hours_step["params"]["time_unknown"] is True


def test_hours_ignore_closures_and_non_working_days():
    closure = ClosureSpec(D(2025, 3, 15), D(2025, 3, 16), "any")
    trigger = dt.datetime(2025, 3, 14, 22, 30, tzinfo=CDMX)
    computation = compute(RULES["detention_36h"], trigger=trigger, closures=[closure])
    assert computation.due_at == dt.datetime(2025, 3, 16, 10, 30, tzinfo=CDMX)
    assert computation.without_closures == computation.due_date == D(2025, 3, 16)


def test_tvrh_expiry_is_the_card_date_itself_even_on_a_weekend():
    computation = compute(RULES["tvrh_expiry"], trigger=D(2026, 5, 31))
    assert computation.due_date == D(2026, 5, 31)
    assert computation.later_alternative is None


def test_steps_are_json_serialisable_and_round_trip_losslessly():
    cases = [
        compute(
            RULES["tfja_nullity"],
            trigger=D(2025, 11, 12),
            closures=[ClosureSpec(D(2025, 12, 16), D(2025, 12, 31), "TFJA acuerdo")],
        ),
        compute(
            RULES["detention_36h"],
            trigger=dt.datetime(2025, 3, 15, 14, 0, tzinfo=CDMX),
            alt_trigger=dt.datetime(2025, 3, 14, 22, 30, tzinfo=CDMX),
        ),
        compute(RULES["tvrh_renewal"], trigger=D(2026, 4, 15)),
    ]
    for computation in cases:
        data = json.loads(json.dumps(computation.to_json()))
        assert Computation.from_json(data) == computation
        assert Computation.from_json(data).to_json() == computation.to_json()


# --- explain() -----------------------------------------------------------------------------------


def _closure_case() -> Computation:
    closure = ClosureSpec(D(2025, 12, 22), D(2026, 1, 2), "DOF 2025-12-01")
    return compute(RULES["comar_review_appeal"], trigger=D(2025, 12, 8), closures=[closure])


def test_explain_in_spanish_renders_dates_sources_and_closures():
    # given
    computation = _closure_case()
    # when
    with translation.override("es-mx"):
        sentences = explain(computation)
    text = "\n".join(sentences)
    # then
    assert "martes 9 de diciembre de 2025" in text  # start
    assert "lunes 8 de diciembre de 2025" in text  # trigger
    assert "lunes 12 de enero de 2026" in text  # due
    assert "martes 30 de diciembre de 2025" in text  # without closures
    assert "22 dic\u20132 ene" in text
    assert "DOF 2025-12-01" in text
    assert "25 dic, 1 ene (LFPA art. 28)" in text
    assert "LRPCAP art. 25; LFPA art. 85" in text
    assert "art. 28" in sentences[1]


def test_explain_in_english_and_from_json():
    computation = _closure_case()
    with translation.override("en"):
        sentences = explain(computation)
        from_json = explain(computation.to_json())
    assert sentences == from_json
    assert sentences[0] == (
        "Counting starts on Tuesday Dec. 9, 2025, the day after the notification "
        "(Monday Dec. 8, 2025)."
    )
    assert "Period: 15 business days, calendar LFPA art. 28 (COMAR, INM)." in sentences
    assert "Due date: Monday Jan. 12, 2026." in sentences
    assert "Without declared closures it would be Tuesday Dec. 30, 2025." in sentences


def test_explain_mentions_doubtful_days_and_later_alternative():
    computation = compute(RULES["inm_prevention_fix"], trigger=D(2025, 11, 13))
    with translation.override("en"):
        text = "\n".join(explain(computation))
    assert "17 Nov" in text
    assert "Revolution Day" in text
    assert "Monday Dec. 1, 2025" in text  # the later alternative


def test_explain_flags_unverified_rules_and_watch_dates():
    with translation.override("en"):
        unverified = explain(compute(RULES["inm_regularisation"], trigger=D(2026, 4, 1)))
        verified = explain(compute(RULES["comar_ratify"], trigger=D(2025, 10, 9)))
    assert unverified[-1] == "Rule to be verified: review it with a supervising attorney."
    assert "Authority watch date: Monday May 4, 2026." in unverified
    assert not any("supervising attorney" in sentence for sentence in verified)


def test_explain_hours_shows_local_times():
    computation = compute(
        RULES["detention_36h"], trigger=dt.datetime(2025, 12, 30, 17, 0, tzinfo=dt.UTC)
    )
    with translation.override("es-mx"):
        text = "\n".join(explain(computation))
    assert "martes 30 de diciembre de 2025" in text and "11:00" in text
    assert "miércoles 31 de diciembre de 2025" in text and "23:00" in text


# --- is_late() -----------------------------------------------------------------------------------


def test_is_late_only_after_the_due_date():
    computation = compute(RULES["comar_review_appeal"], trigger=D(2025, 12, 8))
    assert not is_late(computation, D(2025, 12, 29))
    assert not is_late(computation, D(2025, 12, 30))
    assert is_late(computation, D(2025, 12, 31))


def test_is_late_for_hours_compares_the_moment_when_given_one():
    computation = compute(
        RULES["detention_36h"], trigger=dt.datetime(2025, 3, 14, 22, 30, tzinfo=CDMX)
    )
    assert not is_late(computation, dt.datetime(2025, 3, 16, 10, 30, tzinfo=CDMX))
    assert is_late(computation, dt.datetime(2025, 3, 16, 10, 31, tzinfo=CDMX))
    assert not is_late(computation, D(2025, 3, 16))
    assert is_late(computation, D(2025, 3, 17))


# --- The rules table -----------------------------------------------------------------------------

DOMAIN_RULES = {
    # id: (period, unit, calendar, source fragment from DOMAIN.md)
    "comar_filing": (30, Unit.BUSINESS_DAYS, LFPA, "LRPCAP art. 18"),
    "comar_ratify": (3, Unit.BUSINESS_DAYS, LFPA, "LRPCAP art. 11"),
    "comar_resolution": (45, Unit.BUSINESS_DAYS, LFPA, "LRPCAP art. 24"),
    "comar_review_appeal": (15, Unit.BUSINESS_DAYS, LFPA, "LRPCAP art. 25; LFPA art. 85"),
    "comar_dependant_claim": (30, Unit.BUSINESS_DAYS, LFPA, "LRPCAP art. 38"),
    "comar_cessation_appeal": (15, Unit.BUSINESS_DAYS, LFPA, "LRPCAP art. 39"),
    "inm_prevention_fix": (10, Unit.BUSINESS_DAYS, LFPA, "LM art. 130"),
    "inm_resolution": (20, Unit.BUSINESS_DAYS, LFPA, "LM art. 128"),
    "inm_tacit_refusal_certificate": (2, Unit.BUSINESS_DAYS, LFPA, "LM art. 128"),
    "inm_regularisation": (30, Unit.CALENDAR_DAYS, LFPA, "LM art. 136"),
    "inm_overstay_regularise": (60, Unit.CALENDAR_DAYS, LFPA, "LM art. 134"),
    "detention_36h": (36, Unit.HOURS, ALL_DAYS, "AR 388/2022"),
    "amparo_queja_suspension": (2, Unit.BUSINESS_DAYS, AMPARO, "Ley de Amparo art. 98"),
    "amparo": (15, Unit.BUSINESS_DAYS, AMPARO, "Ley de Amparo arts. 17, 18, 22"),
    "amparo_review": (10, Unit.BUSINESS_DAYS, AMPARO, "Ley de Amparo art. 86"),
    "tfja_nullity": (30, Unit.BUSINESS_DAYS, TFJA, "LFPCA art. 13"),
    "family_answer": (9, Unit.CALENDAR_DAYS, ALL_DAYS, "CNPCF arts. 150, 665, 915"),
    "family_appeal_final": (9, Unit.CALENDAR_DAYS, ALL_DAYS, "CNPCF arts. 150, 665, 915"),
    "family_appeal_other": (5, Unit.CALENDAR_DAYS, ALL_DAYS, "CNPCF arts. 150, 665, 915"),
    "arco_response": (20, Unit.BUSINESS_DAYS, LFPA, "LFPDPPP (2025) arts. 31, 34"),
    "arco_execute": (15, Unit.BUSINESS_DAYS, LFPA, "LFPDPPP (2025) arts. 31, 34"),
    "tvrh_expiry": (0, Unit.DATE, LFPA, "LM art. 52-V"),
    "tvrh_renewal": (0, Unit.DATE, LFPA, "LM art. 52-V"),
    "temp_curp_expiry": (180, Unit.CALENDAR_DAYS, ALL_DAYS, "Instructivo CURP 2021"),
    "temp_curp_renewal": (180, Unit.CALENDAR_DAYS, LFPA, "Instructivo CURP 2021"),
    "us_asylum_one_year": (1, Unit.YEARS, US, "INA 208(a)(2)(B)"),
    "bia_appeal": (30, Unit.CALENDAR_DAYS, US, "8 CFR 1003.38"),
    "us_motion_reopen": (90, Unit.CALENDAR_DAYS, US, "INA 240(c)(7)"),
    "us_in_absentia": (180, Unit.CALENDAR_DAYS, US, "INA 240(b)(5)"),
}
UNVERIFIED = {
    "inm_regularisation",
    "amparo_queja_suspension",
    "family_answer",
    "family_appeal_final",
    "family_appeal_other",
    "tvrh_expiry",
    "tvrh_renewal",
    "temp_curp_expiry",
    "temp_curp_renewal",
    "us_motion_reopen",
    "us_in_absentia",
}
#: Rules of the clinic's own practice, not of DOMAIN.md's table (docs/referrals.md).
CLINIC_PRACTICE_RULES = {
    "referral_followup": (10, Unit.BUSINESS_DAYS, LFPA, "Clinic practice"),
}
WATCH = {
    "comar_resolution",
    "inm_resolution",
    "inm_tacit_refusal_certificate",
    "inm_regularisation",
    "detention_36h",
}


def test_rules_table_matches_domain():
    assert set(RULES) == set(DOMAIN_RULES) | set(CLINIC_PRACTICE_RULES)
    for code, (period, unit, calendar, source) in {
        **DOMAIN_RULES,
        **CLINIC_PRACTICE_RULES,
    }.items():
        rule = RULES[code]
        assert rule.code == code
        assert (rule.period, rule.unit, rule.calendar) == (period, unit, calendar), code
        assert source in rule.source, code
        assert rule.unverified == (code in UNVERIFIED), code
        assert (rule.kind == DeadlineKind.WATCH) == (code in WATCH), code
        assert rule.name and rule.authority, code


def test_rule_details_from_domain():
    assert RULES["comar_resolution"].extension_period == 45
    assert RULES["tvrh_renewal"].offset_days == -30
    assert RULES["tvrh_renewal"].trigger == "card_expiry"
    assert RULES["temp_curp_renewal"].offset_days == -30
    assert [code for code, rule in RULES.items() if rule.late_filing_allowed] == ["comar_filing"]
    assert not RULES["family_answer"].roll_forward
    assert RULES["bia_appeal"].roll_forward
    assert "LM art. 111" in RULES["detention_36h"].note
    assert all(
        rule.extension_period == 0 for code, rule in RULES.items() if code != "comar_resolution"
    )


def test_info_rules_are_shown_but_not_computed():
    assert set(INFO_RULES) == {"comar_signature", "amparo_detention"}
    assert not set(INFO_RULES) & set(RULES)
    assert INFO_RULES["comar_signature"].source == "Reglamento LRPCAP art. 24"
    assert INFO_RULES["amparo_detention"].source == "Ley de Amparo arts. 17-IV, 20"
    assert all(rule.name and rule.note for rule in INFO_RULES.values())
