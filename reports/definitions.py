"""The definitions shown on the statistics page and written into every export (the XLSX's
"Definitions" sheet, the CSV zip's definitions file, the PDF report). docs/statistics.md says
the same in English; keep them in step."""

from django.utils.translation import gettext_lazy as _

DEFINITIONS = [
    (
        _("New and continuing clients"),
        _(
            "A client is new in a period when her intake date falls in it; continuing when her "
            "intake is earlier and she had an open case or any activity in it (a case event or a "
            "timeline entry dated in the period, or a referral sent in it). Age is taken at the "
            "end of the period. Consent means her current statistical consent."
        ),
    ),
    (
        _("Family members served"),
        _(
            "Family members of the clients served who are alive, not archived, and live with her "
            "in Mexico or are a dependant in one of her cases. They count as new or continuing "
            "with her."
        ),
    ),
    (
        _("Headcounts and sensitive tables"),
        _(
            "Headcounts of people served are anonymous aggregates of everyone served. Detailed "
            "sensitive cross-tables (violence, crimes, LBTIQ+, disability) count only clients "
            "with statistical consent, and say how many were left out. Statistical consent "
            "counts only when her latest statistics record is given by signature or fingerprint."
        ),
    ),
    (
        _("Disability"),
        _(
            "Washington Group short set: a client has a disability when she has a lot of "
            "difficulty, or cannot do at all, in at least one of the six domains (seeing, "
            "hearing, walking, cognition, self-care, communication)."
        ),
    ),
    (
        _("Cases"),
        _(
            "Cases opened or closed: the opening or closing date falls in the period. Open at "
            "some time in the period: opened by its end and not closed before its start. Stage: "
            "where each case open at the end of the period stood then. Archived cases and "
            "records are never counted. With a grant or project tag, only the cases under that "
            "tag and their clients count."
        ),
    ),
    (
        _("Clinic deadlines met and missed"),
        _(
            "A clinic deadline is met when done on or before its effective due date (the date an "
            "attorney set, or else the computed one); authority watch dates never count as met "
            "or missed. Deadlines done after their date or marked missed are not met."
        ),
    ),
    (
        _("Appeals"),
        _(
            "An appeal is filed when its event is dated in the period. Its result is the first "
            "decision recorded in the case after it; it is won when that decision grants what "
            "was asked (status, complementary protection or the request)."
        ),
    ),
    (
        _("COMAR's time to decide"),
        _(
            "Median days from the COMAR filing to COMAR's first decision in the case, for first "
            "decisions dated in the period."
        ),
    ),
    (
        _("Small numbers"),
        _(
            "Funder exports show cells of 1–4 as “<5” (0 stays 0) with "  # noqa: RUF001
            "complementary suppression so no hidden cell can be recovered from totals: a cell "
            "marked “x” was hidden so that a small number cannot be worked out from the totals. "
            "Totals are always the true totals. An internal view without suppression is for "
            "coordinators only."
        ),
    ),
]
