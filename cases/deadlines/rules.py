"""The deadline rules of DOMAIN.md ("Deadline rules"), as data.

Names and notes are English msgids marked with ``gettext_noop`` (so ``makemessages`` finds them)
and translated where they are shown. Rules marked ⚠ in DOMAIN.md carry ``unverified=True``: the UI
says "review with a supervising attorney". Attorneys can override any computed date with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_noop

from .calendars import CalendarCode
from .engine import DeadlineKind, RuleSpec, Unit

CLINIC = DeadlineKind.CLINIC.value
WATCH = DeadlineKind.WATCH.value
LFPA = CalendarCode.LFPA.value
AMPARO = CalendarCode.AMPARO.value
TFJA = CalendarCode.TFJA.value
US = CalendarCode.US.value
ALL_DAYS = CalendarCode.ALL_DAYS.value
BUSINESS_DAYS = Unit.BUSINESS_DAYS.value
CALENDAR_DAYS = Unit.CALENDAR_DAYS.value

_RULES = (
    # --- COMAR (asylum) ---
    RuleSpec(
        code="comar_filing",
        name=gettext_noop("COMAR filing window"),
        kind=CLINIC,
        period=30,
        unit=BUSINESS_DAYS,
        calendar=LFPA,
        trigger="entry",
        source="LRPCAP art. 18",
        late_filing_allowed=True,
        authority="comar",
        note=gettext_noop(
            "Counted from the day after entry to Mexico or from the day filing became materially "
            "possible, whichever she can show; sur place claims count from when she learned of the "
            "facts."
        ),
    ),
    RuleSpec(
        code="comar_ratify",
        name=gettext_noop("Ratify the filing made by a representative"),
        kind=CLINIC,
        period=3,
        unit=BUSINESS_DAYS,
        calendar=LFPA,
        trigger="representation_filed",
        source="LRPCAP art. 11; Reglamento LRPCAP art. 20",
        authority="comar",
        note=gettext_noop("She must ratify in person, or the application is treated as not filed."),
    ),
    RuleSpec(
        code="comar_resolution",
        name=gettext_noop("COMAR resolution"),
        kind=WATCH,
        period=45,
        unit=BUSINESS_DAYS,
        calendar=LFPA,
        trigger="filing",
        extension_period=45,
        source="LRPCAP art. 24",
        authority="comar",
        note=gettext_noop(
            "An authority watch date: when it passes, ask COMAR or consider an amparo for failure "
            "to act."
        ),
    ),
    RuleSpec(
        code="comar_review_appeal",
        name=gettext_noop("Review appeal (recurso de revisión) against COMAR"),
        kind=CLINIC,
        period=15,
        unit=BUSINESS_DAYS,
        calendar=LFPA,
        trigger="notification",
        source="LRPCAP art. 25; LFPA art. 85",
        authority="comar",
        note=gettext_noop(
            "After a refusal, the review appeal, the amparo and the nullity suit are alternative "
            "routes (LRPCAP art. 25, LFPA art. 83)."
        ),
    ),
    RuleSpec(
        code="comar_dependant_claim",
        name=gettext_noop("Dependant's own asylum claim"),
        kind=CLINIC,
        period=30,
        unit=BUSINESS_DAYS,
        calendar=LFPA,
        trigger="cessation",
        source="LRPCAP art. 38",
        authority="comar",
    ),
    RuleSpec(
        code="comar_cessation_appeal",
        name=gettext_noop("Appeal against cessation, revocation or cancellation"),
        kind=CLINIC,
        period=15,
        unit=BUSINESS_DAYS,
        calendar=LFPA,
        trigger="notification",
        source="LRPCAP art. 39",
        authority="comar",
    ),
    # --- INM ---
    RuleSpec(
        code="inm_prevention_fix",
        name=gettext_noop("Answer INM's notice of missing documents"),
        kind=CLINIC,
        period=10,
        unit=BUSINESS_DAYS,
        calendar=LFPA,
        trigger="prevention_notice",
        source="LM art. 130",
        authority="inm",
    ),
    RuleSpec(
        code="inm_resolution",
        name=gettext_noop("INM resolution"),
        kind=WATCH,
        period=20,
        unit=BUSINESS_DAYS,
        calendar=LFPA,
        trigger="complete_file",
        source="LM art. 128",
        authority="inm",
        note=gettext_noop(
            "Silence is a refusal: ask INM for the certificate of tacit refusal (constancia de "
            "negativa ficta)."
        ),
    ),
    RuleSpec(
        code="inm_tacit_refusal_certificate",
        name=gettext_noop("INM certificate of tacit refusal"),
        kind=WATCH,
        period=2,
        unit=BUSINESS_DAYS,
        calendar=LFPA,
        trigger="filing",
        source="LM art. 128",
        authority="inm",
        note=gettext_noop("Counted from the filing of the request for the certificate."),
    ),
    RuleSpec(
        code="inm_regularisation",
        name=gettext_noop("INM regularisation decision"),
        kind=WATCH,
        period=30,
        unit=CALENDAR_DAYS,
        calendar=LFPA,
        trigger="filing",
        source="LM art. 136",
        unverified=True,
        authority="inm",
    ),
    RuleSpec(
        code="inm_overstay_regularise",
        name=gettext_noop("Regularise after the authorised stay expired"),
        kind=CLINIC,
        period=60,
        unit=CALENDAR_DAYS,
        calendar=LFPA,
        trigger="stay_expiry",
        source="LM art. 134",
        authority="inm",
    ),
    RuleSpec(
        code="detention_36h",
        name=gettext_noop("36-hour limit on migration detention"),
        kind=WATCH,
        period=36,
        unit=Unit.HOURS.value,
        calendar=ALL_DAYS,
        trigger="detention",
        source="SCJN 1a. Sala, AR 388/2022; Const. art. 21",
        authority="inm",
        note=gettext_noop(
            "LM art. 111's 15 (up to 60) business days is the outer statutory figure, shown as "
            "information only; an amparo can be filed any day, any hour."
        ),
    ),
    # --- Federal courts (amparo) ---
    RuleSpec(
        code="amparo_queja_suspension",
        name=gettext_noop("Complaint (queja) against a ruling on suspension"),
        kind=CLINIC,
        period=2,
        unit=BUSINESS_DAYS,
        calendar=AMPARO,
        trigger="ruling_on_suspension",
        source="Ley de Amparo art. 98",
        unverified=True,
        authority="federal_court",
        note=gettext_noop("Other complaints (quejas): 5 days."),
    ),
    RuleSpec(
        code="amparo",
        name=gettext_noop("Amparo claim"),
        kind=CLINIC,
        period=15,
        unit=BUSINESS_DAYS,
        calendar=AMPARO,
        trigger="notification",
        source="Ley de Amparo arts. 17, 18, 22",
        authority="federal_court",
        note=gettext_noop(
            "Counted from the day after the notification takes effect or the day after she "
            "learned of the act, whichever is earlier; against deportation or danger to life: "
            "any time (art. 17-IV)."
        ),
    ),
    RuleSpec(
        code="amparo_review",
        name=gettext_noop("Review (revisión) of an amparo ruling"),
        kind=CLINIC,
        period=10,
        unit=BUSINESS_DAYS,
        calendar=AMPARO,
        trigger="notification",
        source="Ley de Amparo art. 86",
        authority="federal_court",
    ),
    # --- TFJA ---
    RuleSpec(
        code="tfja_nullity",
        name=gettext_noop("Nullity suit before the TFJA"),
        kind=CLINIC,
        period=30,
        unit=BUSINESS_DAYS,
        calendar=TFJA,
        trigger="notification",
        source="LFPCA art. 13",
        authority="tfja",
        note=gettext_noop("The TFJA declares its own vacations: enter them as declared closures."),
    ),
    # --- Family courts (all days count in matters with children or violence) ---
    RuleSpec(
        code="family_answer",
        name=gettext_noop("Answer to a family claim"),
        kind=CLINIC,
        period=9,
        unit=CALENDAR_DAYS,
        calendar=ALL_DAYS,
        trigger="service",
        roll_forward=False,
        source="CNPCF arts. 150, 665, 915",
        unverified=True,
        authority="family_court",
        note=gettext_noop("State codes apply until each state adopts the CNPCF (by April 2027)."),
    ),
    RuleSpec(
        code="family_appeal_final",
        name=gettext_noop("Appeal against a final family judgment"),
        kind=CLINIC,
        period=9,
        unit=CALENDAR_DAYS,
        calendar=ALL_DAYS,
        trigger="notification",
        roll_forward=False,
        source="CNPCF arts. 150, 665, 915",
        unverified=True,
        authority="family_court",
        note=gettext_noop("State codes apply until each state adopts the CNPCF (by April 2027)."),
    ),
    RuleSpec(
        code="family_appeal_other",
        name=gettext_noop("Appeal against another family ruling"),
        kind=CLINIC,
        period=5,
        unit=CALENDAR_DAYS,
        calendar=ALL_DAYS,
        trigger="notification",
        roll_forward=False,
        source="CNPCF arts. 150, 665, 915",
        unverified=True,
        authority="family_court",
        note=gettext_noop("State codes apply until each state adopts the CNPCF (by April 2027)."),
    ),
    # --- Data protection (the clinic is the controller) ---
    RuleSpec(
        code="arco_response",
        name=gettext_noop("Answer an ARCO request"),
        kind=CLINIC,
        period=20,
        unit=BUSINESS_DAYS,
        calendar=LFPA,
        trigger="arco_request",
        source="LFPDPPP (2025) arts. 31, 34",
        authority="clinic",
    ),
    RuleSpec(
        code="arco_execute",
        name=gettext_noop("Carry out an accepted ARCO request"),
        kind=CLINIC,
        period=15,
        unit=BUSINESS_DAYS,
        calendar=LFPA,
        trigger="notification",
        source="LFPDPPP (2025) arts. 31, 34",
        authority="clinic",
        note=gettext_noop("Counted from the day the answer is communicated to the person."),
    ),
    # --- Referrals (the clinic's own follow-up, docs/referrals.md) ---
    RuleSpec(
        code="referral_followup",
        name=gettext_noop("Follow up a referral"),
        kind=CLINIC,
        period=10,
        unit=BUSINESS_DAYS,
        calendar=LFPA,
        trigger="referral_sent",
        source="Clinic practice",
        authority="clinic",
        note=gettext_noop(
            "Ask the organisation and her whether she was seen. Move the date with a reason if "
            "the organisation gave an appointment."
        ),
    ),
    # --- Documents ---
    RuleSpec(
        code="tvrh_expiry",
        name=gettext_noop("Humanitarian visa card (TVRH) expires"),
        kind=CLINIC,
        period=0,
        unit=Unit.DATE.value,
        calendar=LFPA,
        trigger="card_expiry",
        roll_forward=False,
        source="LM art. 52-V",
        unverified=True,
        authority="inm",
        note=gettext_noop("Renew before the card expires."),
    ),
    RuleSpec(
        code="tvrh_renewal",
        name=gettext_noop("Request the TVRH renewal"),
        kind=CLINIC,
        period=0,
        unit=Unit.DATE.value,
        calendar=LFPA,
        trigger="card_expiry",
        roll_forward=False,
        offset_days=-30,
        source="LM art. 52-V",
        unverified=True,
        authority="inm",
        note=gettext_noop(
            "30 days before the card expires, moved earlier to a business day; the lead time is "
            "the clinic's practice, not a statute."
        ),
    ),
    RuleSpec(
        code="temp_curp_expiry",
        name=gettext_noop("Temporary CURP expires"),
        kind=CLINIC,
        period=180,
        unit=CALENDAR_DAYS,
        calendar=ALL_DAYS,
        trigger="curp_issued",
        roll_forward=False,
        source="Instructivo CURP 2021",
        unverified=True,
        authority="registro_civil",
    ),
    RuleSpec(
        code="temp_curp_renewal",
        name=gettext_noop("Renew the temporary CURP"),
        kind=CLINIC,
        period=180,
        unit=CALENDAR_DAYS,
        calendar=LFPA,
        trigger="curp_issued",
        roll_forward=False,
        offset_days=-30,
        source="Instructivo CURP 2021",
        unverified=True,
        authority="registro_civil",
        note=gettext_noop(
            "30 days before the temporary CURP expires (180 days after issue), moved earlier to a "
            "business day."
        ),
    ),
    # --- United States ---
    RuleSpec(
        code="us_asylum_one_year",
        name=gettext_noop("US asylum one-year filing deadline"),
        kind=CLINIC,
        period=1,
        unit=Unit.YEARS.value,
        calendar=US,
        trigger="us_arrival",
        source="INA 208(a)(2)(B); 8 CFR 1208.4(a)(2)",
        authority="us",
        note=gettext_noop(
            "Exceptions for changed or extraordinary circumstances: INA 208(a)(2)(D)."
        ),
    ),
    RuleSpec(
        code="bia_appeal",
        name=gettext_noop("Appeal to the Board of Immigration Appeals"),
        kind=CLINIC,
        period=30,
        unit=CALENDAR_DAYS,
        calendar=US,
        trigger="decision",
        source="8 CFR 1003.38",
        authority="us",
    ),
    RuleSpec(
        code="us_motion_reopen",
        name=gettext_noop("US motion to reopen"),
        kind=CLINIC,
        period=90,
        unit=CALENDAR_DAYS,
        calendar=US,
        trigger="decision",
        roll_forward=False,
        source="INA 240(c)(7)(C)(i)",
        unverified=True,
        authority="us",
        note=gettext_noop("Counted from the final order."),
    ),
    RuleSpec(
        code="us_in_absentia",
        name=gettext_noop("US motion to reopen an in-absentia order"),
        kind=CLINIC,
        period=180,
        unit=CALENDAR_DAYS,
        calendar=US,
        trigger="decision",
        roll_forward=False,
        source="INA 240(b)(5)(C)(i)",
        unverified=True,
        authority="us",
        note=gettext_noop(
            "Counted from the in-absentia order (exceptional circumstances); lack of notice: any "
            "time."
        ),
    ),
)

RULES: dict[str, RuleSpec] = {rule.code: rule for rule in _RULES}


@dataclass(frozen=True)
class InfoRuleSpec:
    """An obligation shown for information that is not a period rule."""

    code: str
    name: str
    source: str
    note: str
    authority: str = ""


INFO_RULES: dict[str, InfoRuleSpec] = {
    rule.code: rule
    for rule in (
        InfoRuleSpec(
            code="comar_signature",
            name=gettext_noop("Signature at COMAR"),
            source="Reglamento LRPCAP art. 24",
            note=gettext_noop(
                "A recurring obligation on the weekday and frequency COMAR sets (usually weekly): "
                "a missed signature can end the claim as abandoned. The constancia is valid only "
                "in the state where she filed."
            ),
            authority="comar",
        ),
        InfoRuleSpec(
            code="amparo_detention",
            name=gettext_noop("Amparo against detention or deportation"),
            source="Ley de Amparo arts. 17-IV, 20",
            note=gettext_noop(
                "Any day, any hour: against detention, deportation or danger to life there is no "
                "deadline and no non-working day."
            ),
            authority="federal_court",
        ),
    )
}
