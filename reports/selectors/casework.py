"""Cases, appeals, clinic deadlines, outcome indicators, COMAR's time to decide and referrals:
aggregate queries, a constant number whatever the size of the clinic."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Aggregate,
    BigIntegerField,
    CharField,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models import Case as CaseExpression
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases import choices
from cases.deadlines.engine import DeadlineKind
from cases.models import Case, CaseEvent, CaseStage, Deadline, IdentityDocument
from clinic.core import clock
from directory.choices import Service
from referrals import choices as referral_choices
from referrals.selectors import referral_counts

from ..tables import Row, Table, interpolate_lazy, joined_lazy
from .people import flag
from .population import Period, active_q, case_scope_q, period_cases
from .sql import GroupedCounts, pick, restrict

NO_OUTCOME = _("No outcome recorded")
FAVOURABLE = (choices.DecisionResult.GRANTED, choices.DecisionResult.COMPLEMENTARY)


class DaysBetween(Func):
    """Whole days from the second date to the first."""

    output_field = IntegerField()
    arg_joiner = " - "
    template = "(%(expressions)s)"

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )


class Median(Aggregate):
    """PostgreSQL's continuous median (``percentile_cont``)."""

    function = "percentile_cont"
    template = "percentile_cont(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


@dataclass
class MedianFigure:
    decisions: int
    median_days: float | None


def _end_instant(period: Period) -> datetime.datetime:
    """The first instant after the period (midnight in Mexico City)."""
    return timezone.make_aware(
        datetime.datetime.combine(period.end + datetime.timedelta(days=1), datetime.time())
    )


def add_cases(counts: GroupedCounts, period: Period) -> None:
    """The populations and counts of the case tables (see ``GroupedCounts``): the period's cases
    once (every case that is not archived, of a client who is not archived, under the tag when
    one is chosen — the people tables read it too), then by type, outcome, stage at the end of
    the period, and their clinic deadlines."""
    in_period = Q(opened_on__lte=period.end) & Q(opened_on__gte=period.start)
    closed_in_period = Q(closed_on__gte=period.start, closed_on__lte=period.end)
    open_at_end = Q(opened_on__lte=period.end) & (
        Q(closed_on__isnull=True) | Q(closed_on__gt=period.end)
    )
    counts.population(
        "cases",
        period_cases(period).values(
            k_id=F("pk"),
            k_client=F("client_id"),
            k_type=F("case_type"),
            # 0: not open in the period; 1: open at some time in it; 2: opened in it.
            k_when=CaseExpression(
                When(in_period, then=Value(2)),
                When(active_q(period), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            k_closed=flag(closed_in_period),
            k_open_end=flag(open_at_end),
            k_outcome=F("outcome"),
            k_stage=F("stage_id"),
        ),
    )
    sets = [
        ("cases", ["k_type", "k_when", "k_closed"]),
        ("cases_outcome", ["k_type", "k_outcome", "k_closed"]),
    ]
    end_instant = _end_instant(period)
    if end_instant > clock.now():
        counts.count_sets("cases", [*sets, ("cases_stage", ["k_stage", "k_open_end"])])
    else:
        counts.count_sets("cases", sets)
        # Where each case stood at the end of the period: its latest history row before then
        # (history ids grow with time), else its stage today.
        counts.population(
            "history",
            Case.history.model.objects.filter(history_date__lt=end_instant).values(
                h_id=F("history_id"), h_case=F("id"), h_stage=F("stage_id")
            ),
        )
        counts.derived(
            "stage_history",
            ["s_case", "s_stage"],
            "SELECT h_case, h_stage FROM history JOIN"
            " (SELECT MAX(h_id) AS last_id FROM history GROUP BY h_case) AS latest"
            " ON h_id = last_id",
        )
        counts.count(
            "cases_stage",
            "cases LEFT JOIN stage_history ON s_case = k_id",
            ["COALESCE(s_stage, k_stage)", "k_open_end"],
            where="k_open_end = 1",
        )
    # Clinic deadlines due in the period: those of the period's cases (joined with the case
    # population, which already leaves out archived cases and clients and applies the tag),
    # and, without a tag, those outside any case of clients who are not archived.
    done = Q(status=choices.DeadlineStatus.DONE)
    state = CaseExpression(
        When(done & Q(done_on__lte=F("due_date")), then=Value("met")),
        When(done, then=Value("late")),
        default=F("status"),
        output_field=CharField(),
    )
    due = Deadline.objects.filter(
        kind=DeadlineKind.CLINIC, due_date__gte=period.start, due_date__lte=period.end
    ).exclude(status=choices.DeadlineStatus.CANCELLED)
    counts.population(
        "case_deadlines",
        due.filter(case__isnull=False).values(d_case=F("case_id"), d_state=state),
        materialized=False,
    )
    counts.count("deadlines", "case_deadlines JOIN cases ON k_id = d_case", ["k_type", "d_state"])
    if not period.grant_tag:
        counts.population(
            "client_deadlines",
            due.filter(case__isnull=True, client__archived_at__isnull=True).values(e_state=state),
            materialized=False,
        )
        counts.count("deadlines_outside", "client_deadlines", ["e_state"])


def case_tables(result: dict, period: Period) -> dict[str, Table]:
    """Cases by type, stage and outcome; appeals; clinic deadlines; outcome indicators."""
    cases = period_cases(period)
    types = choices.CaseType.choices
    closed = {
        (kind, outcome): total
        for (kind, outcome, _n), total in restrict(result["cases_outcome"], 2, "1").items()
    }
    outcome_rows = []
    outcome_of_row = []
    rows_of_type = []  # each type's rows add up to its closures, which "cases by type" shows
    for type_index, (value, label) in enumerate(types):
        known = list(choices.OUTCOMES_BY_TYPE.get(value, ()))
        found = [outcome for (case_type, outcome) in closed if case_type == value]
        first = len(outcome_rows)
        for outcome in known + sorted(set(found) - set(known) - {""}) + [""]:
            total = closed.get((value, outcome), 0)
            if total:
                outcome_label = choices.CaseOutcome(outcome).label if outcome else NO_OUTCOME
                outcome_rows.append(Row(joined_lazy(label, outcome_label), [total]))
                outcome_of_row.append(outcome)
        if len(outcome_rows) > first:
            cells = [(row, 0) for row in range(first, len(outcome_rows))]
            rows_of_type.append((cells, ("cases_by_type", type_index, 1)))

    def adding_up(outcome: str, indicator: int) -> tuple[list, tuple[str, int, int]]:
        """The closures with ``outcome`` add up to the ``indicator`` row of "outcomes"."""
        cells = [(row, 0) for row, found in enumerate(outcome_of_row) if found == outcome]
        return cells, ("outcomes", indicator, 0)

    def outcome_total(outcome: str) -> int:
        return sum(total for (_type, value), total in closed.items() if value == outcome)

    cards = CaseEvent.objects.filter(
        case_scope_q(period),
        kind=choices.EventKind.CARD_ISSUED,
        archived_at__isnull=True,
        occurred_on__range=(period.start, period.end),
    ).count()
    births = IdentityDocument.objects.filter(
        document_type=choices.DocumentType.BIRTH_CERTIFICATE,
        family_member__born_in_mexico=True,
        family_member__archived_at__isnull=True,
        archived_at__isnull=True,
        client__archived_at__isnull=True,
        issue_date__range=(period.start, period.end),
    )
    if period.grant_tag:
        births = births.filter(client__in=cases.values("client_id"))
    births_registered = births.values("family_member_id").distinct().count()

    tables = [
        Table(
            key="cases_by_type",
            title=_("Cases by type"),
            stub=_("Case type"),
            columns=[
                _("Opened in the period"),
                _("Closed in the period"),
                _("Open at some time in the period"),
            ],
            rows=[
                Row(
                    label,
                    _case_counts(result["cases"], value),
                )
                for value, label in types
            ],
            row_totals=False,
            unit=_("cases"),
        ),
        _stage_table(restrict(result["cases_stage"], 1, "1")),
        Table(
            key="cases_by_outcome",
            title=_("Cases closed in the period, by outcome"),
            stub=_("Case type — outcome"),
            columns=[_("Cases closed")],
            rows=outcome_rows,
            row_totals=False,
            unit=_("cases"),
            same_as={(-1, 0): ("cases_by_type", -1, 1)},  # all closures
            adds_up_to=[
                *rows_of_type,
                adding_up(choices.CaseOutcome.REFUGEE_STATUS, 0),
                adding_up(choices.CaseOutcome.COMPLEMENTARY_PROTECTION, 1),
                adding_up(choices.CaseOutcome.REGULARISED, 4),
            ],
        ),
        _appeal_table(period),
        _deadline_table(result, period),
        Table(
            key="outcomes",
            title=_("Outcome indicators"),
            stub=_("Indicator"),
            columns=[_("Number")],
            rows=[
                Row(
                    _("Refugee status recognised (asylum cases closed)"),
                    [outcome_total(choices.CaseOutcome.REFUGEE_STATUS)],
                ),
                Row(
                    _("Complementary protection (asylum cases closed)"),
                    [outcome_total(choices.CaseOutcome.COMPLEMENTARY_PROTECTION)],
                ),
                Row(_("TVRH cards issued"), [cards]),
                Row(_("Births of children born in Mexico registered"), [births_registered]),
                Row(
                    _("Regularisations (cases closed as regularised)"),
                    [outcome_total(choices.CaseOutcome.REGULARISED)],
                ),
            ],
            row_totals=False,
            column_totals=False,
            note=_(
                "The rows count different things and are not added up. TVRH cards include "
                "renewals; a birth counts when her child's Mexican birth certificate was "
                "issued in the period."
            ),
        ),
    ]
    return {table.key: table for table in tables}


def _case_counts(counts: dict, case_type: str) -> list[int]:
    """Opened, closed, and open at some time in the period, from the counts by (type, when,
    closed) — a few dozen aggregate rows. A case closed in the period was open in it."""
    rows = [
        (when, closed, total) for (kind, when, closed), total in counts.items() if kind == case_type
    ]
    return [
        sum(total for when, _closed, total in rows if when == "2"),
        sum(total for _when, closed, total in rows if closed == "1"),
        sum(total for when, _closed, total in rows if when in ("1", "2")),
    ]


def _stage_table(counts: dict) -> Table:
    """Cases open at the end of the period by the stage they were at then."""
    by_stage = {int(stage): total for (stage, _k2, _k3), total in counts.items()}
    type_order = {value: index for index, value in enumerate(choices.CaseType.values)}
    type_labels = dict(choices.CaseType.choices)
    stages = sorted(
        CaseStage.objects.all(),
        key=lambda stage: (type_order.get(stage.case_type, 99), stage.order, stage.pk),
    )
    return Table(
        key="cases_by_stage",
        title=_("Cases open at the end of the period, by stage"),
        stub=_("Case type — stage"),
        columns=[_("Cases")],
        rows=[
            Row(
                joined_lazy(type_labels.get(stage.case_type, stage.case_type), stage.label),
                [by_stage[stage.pk]],
            )
            for stage in stages
            if by_stage.get(stage.pk)
        ],
        row_totals=False,
        unit=_("cases"),
    )


def _appeal_table(period: Period) -> Table:
    """Appeals filed in the period, and appeals decided and won in it. An appeal's result is
    the first decision recorded in its case after it (dated after the appeal, or the same day
    and recorded later), other than the decision it challenges; it is won when that decision
    grants (status, complementary protection or what was asked)."""
    next_decision = (
        CaseEvent.objects.filter(
            case=OuterRef("case"), kind=choices.EventKind.DECISION, archived_at__isnull=True
        )
        .filter(
            Q(occurred_on__gt=OuterRef("occurred_on"))
            | Q(occurred_on=OuterRef("occurred_on"), pk__gt=OuterRef("pk"))
        )
        .exclude(pk=Coalesce(OuterRef("challenges_id"), 0, output_field=BigIntegerField()))
        .order_by("occurred_on", "pk")
    )
    appeals = CaseEvent.objects.filter(
        case_scope_q(period),
        kind=choices.EventKind.APPEAL_FILED,
        archived_at__isnull=True,
        occurred_on__lte=period.end,
    ).annotate(
        decided_on=Subquery(next_decision.values("occurred_on")[:1]),
        decision_result=Subquery(next_decision.values("result")[:1]),
    )
    decided = Q(decided_on__gte=period.start, decided_on__lte=period.end)
    counts = {
        entry["strategy"]: entry
        for entry in appeals.values("strategy")
        .annotate(
            filed=Count("pk", filter=Q(occurred_on__gte=period.start)),
            decided=Count("pk", filter=decided),
            won=Count("pk", filter=decided & Q(decision_result__in=FAVOURABLE)),
        )
        .order_by()
    }
    strategies = [*choices.Strategy.choices, ("", _("Route not recorded"))]
    return Table(
        key="appeals",
        title=_("Appeals and challenges"),
        stub=_("Route"),
        columns=[_("Filed"), _("Decided"), _("Won")],
        rows=[
            Row(
                label,
                [
                    counts.get(value, {}).get("filed", 0),
                    counts.get(value, {}).get("decided", 0),
                    counts.get(value, {}).get("won", 0),
                ],
            )
            for value, label in strategies
            if value or counts.get(value)
        ],
        row_totals=False,
        unit=_("appeals"),
        note=_(
            "Filed: dated in the period. Decided and won: the decision on the appeal is dated in "
            "the period, whenever the appeal was filed."
        ),
    )


def _deadline_table(result: dict, period: Period) -> Table:
    """Clinic deadlines whose effective date (the attorney's date if she set one, else the
    computed one) falls in the period: met (done on or before it), done late, missed, still
    pending. Cancelled deadlines, authority watch dates and appointments are left out; so are
    those of archived cases and clients."""
    states = ("met", "late", choices.DeadlineStatus.MISSED, choices.DeadlineStatus.PENDING)
    rows = [
        Row(label, [pick(result["deadlines"], value, state) for state in states])
        for value, label in choices.CaseType.choices
    ]
    outside = [pick(result.get("deadlines_outside", {}), state) for state in states]
    if any(outside):
        rows.append(Row(_("Outside a case"), outside))
    return Table(
        key="deadlines",
        title=_("Clinic deadlines due in the period: met and missed"),
        stub=_("Case type"),
        columns=[_("Met"), _("Done late"), _("Missed"), _("Still pending")],
        rows=rows,
        unit=_("clinic deadlines"),
        note=_(
            "Met: done on or before its date. Done late and missed are not met. Authority watch "
            "dates (COMAR's and INM's time to decide) and appointments are not counted."
        ),
    )


def comar_time_to_decision(period: Period) -> MedianFigure:
    """Days from the COMAR filing to COMAR's first decision, for first decisions dated in the
    period (asylum cases): how many, and the median. In SQL (``percentile_cont`` on
    PostgreSQL; on SQLite, the middle rows of the ordered days)."""
    comar = Q(authority=choices.Authority.COMAR) | Q(authority="")
    first_filing = (
        CaseEvent.objects.filter(
            comar, case=OuterRef("case"), kind=choices.EventKind.FILING, archived_at__isnull=True
        )
        .order_by("occurred_on", "pk")
        .values("occurred_on")[:1]
    )
    earlier_decision = CaseEvent.objects.filter(
        comar, case=OuterRef("case"), kind=choices.EventKind.DECISION, archived_at__isnull=True
    ).filter(
        Q(occurred_on__lt=OuterRef("occurred_on"))
        | Q(occurred_on=OuterRef("occurred_on"), pk__lt=OuterRef("pk"))
    )
    decisions = (
        CaseEvent.objects.filter(
            comar,
            case_scope_q(period),
            kind=choices.EventKind.DECISION,
            archived_at__isnull=True,
            occurred_on__gte=period.start,
            occurred_on__lte=period.end,
            case__case_type=choices.CaseType.ASYLUM,
        )
        .exclude(Exists(earlier_decision))
        .annotate(filed_on=Subquery(first_filing))
        .filter(filed_on__isnull=False, filed_on__lte=F("occurred_on"))
        .annotate(days=DaysBetween(F("occurred_on"), F("filed_on")))
        .order_by()
    )
    if connection.vendor == "postgresql":
        result = decisions.aggregate(total=Count("pk"), median=Median("days"))
        return MedianFigure(result["total"], result["median"])
    total = decisions.count()
    if not total:
        return MedianFigure(0, None)
    middle = list(
        decisions.order_by("days").values_list("days", flat=True)[(total - 1) // 2 : total // 2 + 1]
    )
    return MedianFigure(total, sum(middle) / len(middle))


def referral_tables(period: Period) -> dict[str, Table]:
    """Referrals sent in the period (``referrals.selectors.referral_counts``: three queries) by
    organisation, by service requested and by outcome (their status today)."""
    counts = referral_counts(start=period.start, end=period.end, grant_tag=period.grant_tag)
    teams = dict(referral_choices.InternalTeam.choices)
    services = dict(Service.choices)
    by_status = {entry["status"]: entry["total"] for entry in counts["outcome"]}

    def destination(entry) -> str:
        if entry["kind"] == referral_choices.ReferralKind.INTERNAL:
            return interpolate_lazy(
                _("The clinic: %(team)s"),
                {"team": teams.get(entry["internal_team"], entry["internal_team"])},
            )
        return entry["organisation__name"] or _("Not recorded")

    tables = [
        Table(
            key="referrals_organisation",
            title=_("Referrals sent, by organisation"),
            stub=_("Referred to"),
            columns=[_("Referrals")],
            rows=[Row(destination(entry), [entry["total"]]) for entry in counts["organisation"]],
            row_totals=False,
            unit=_("referrals sent"),
            same_as={(-1, 0): ("referrals_outcome", -1, 0)},  # every referral sent
        ),
        Table(
            key="referrals_service",
            title=_("Referrals sent, by service requested"),
            stub=_("Service"),
            columns=[_("Referrals")],
            rows=[
                Row(services.get(entry["service"], entry["service"]), [entry["total"]])
                for entry in counts["service"]
            ],
            row_totals=False,
            unit=_("services requested (a referral may ask for several)"),
        ),
        Table(
            key="referrals_outcome",
            title=_("Referrals sent, by outcome today"),
            stub=_("Outcome"),
            columns=[_("Referrals")],
            rows=[
                Row(label, [by_status.get(value, 0)])
                for value, label in referral_choices.ReferralStatus.choices
                if value != referral_choices.ReferralStatus.DRAFT
            ],
            row_totals=False,
            unit=_("referrals sent"),
        ),
    ]
    return {table.key: table for table in tables}
