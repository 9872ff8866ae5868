"""People served: headcounts of everyone served (anonymous aggregates) and the sensitive tables,
which count only the clients with a current statistical consent (docs/statistics.md).

All of them come from **one** query (``GroupedCounts``): the clients served are worked out once,
as a population with one row per client holding only category codes (new or continuing, age
group at the end of the period, gender, state, whether her statistical consent is current…),
and every table is a ``GROUP BY`` over it, or over it joined with her family members, violence
incidents or crimes. No person's row ever reaches Python.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from cases import choices
from cases.models import (
    CaseDependant,
    CaseEvent,
    CaseNote,
    Client,
    CrimeSuffered,
    FamilyMember,
    ViolenceIncident,
    ViolenceIncidentType,
)
from referrals.selectors import sent_referrals

from ..tables import Row, Table
from .population import (
    AGE_GROUPS,
    Period,
    age_group_q,
    all_of,
    any_of,
    first_nationalities,
    latest_statistical_consents,
)
from .sql import GroupedCounts, pick, restrict

NOT_RECORDED = _("Not recorded")
NEW = pgettext_lazy("clients served", "New")
CONTINUING = pgettext_lazy("clients served", "Continuing")
PERIOD_COLUMNS = [NEW, CONTINUING]
SPLITS = ("1", "0")  # the population's "new" flag: new, then continuing


def flag(condition: Q) -> Case:
    """1 when ``condition`` holds, else 0 (a portable boolean column)."""
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def bucket(categories: list[tuple[str, Q | None]]) -> Case:
    """The index of the first category whose condition holds; the last category (whose
    condition is not even looked at) otherwise."""
    return Case(
        *(
            When(condition, then=Value(index))
            for index, (_l, condition) in enumerate(categories[:-1])
        ),
        default=Value(len(categories) - 1),
        output_field=IntegerField(),
    )


def age_categories(field: str, end) -> list[tuple[str, Q]]:
    categories = [(label, age_group_q(field, end, low, high)) for label, low, high in AGE_GROUPS]
    return [*categories, (_("Unknown"), Q(**{f"{field}__isnull": True}))]


def disability_categories() -> list[tuple[str, Q | None]]:
    """Washington Group short set: a disability is "a lot of difficulty" or "cannot do at all"
    in any of the six domains; "not asked" when no domain was answered."""
    threshold = choices.WashingtonGroupAnswer.A_LOT
    domains = list(choices.WASHINGTON_GROUP_DOMAINS)
    with_disability = any_of(Q(**{f"{domain}__gte": threshold}) for domain in domains)
    not_asked = all_of(Q(**{f"{domain}__isnull": True}) for domain in domains)
    return [
        (_("With a disability"), with_disability),
        (_("Not asked"), not_asked),
        (_("Without a disability"), None),
    ]


@dataclass
class PeopleTables:
    tables: dict[str, Table]
    served: int
    consented: int
    family: int

    @property
    def left_out(self) -> int:
        return self.served - self.consented


def _populations(period: Period, counts: GroupedCounts) -> None:
    """The populations the people tables count (see ``GroupedCounts``)."""
    counts.population("latest_consent", latest_statistical_consents())
    consented = RawSQL("SELECT l_client FROM latest_consent WHERE l_given = 1", ())
    counts.population(
        "events_in_period",
        CaseEvent.objects.filter(
            archived_at__isnull=True, occurred_on__gte=period.start, occurred_on__lte=period.end
        ).values(a_case=F("case_id")),
        materialized=False,
    )
    counts.population(
        "notes_in_period",
        CaseNote.objects.filter(
            archived_at__isnull=True, happened_on__gte=period.start, happened_on__lte=period.end
        ).values(b_case=F("case_id")),
        materialized=False,
    )
    counts.population(
        "served",
        served_from_cases(period).values(
            c_id=F("pk"),
            c_new=flag(period.new),
            c_age=bucket(age_categories("date_of_birth", period.end)),
            c_gender=F("gender_identity"),
            c_indigenous=F("indigenous_identity"),
            c_state=F("current_state"),
            c_migration=F("migration_status"),
            c_stateless=flag(Q(is_stateless=True)),
            c_lgbtiq=F("lgbtiq"),
            c_disability=bucket(disability_categories()),
            c_consented=flag(Q(pk__in=consented)),
        ),
    )
    counts.population("nationalities", first_nationalities(), materialized=False)
    # Her first nationality recorded, with her "new" flag.
    counts.derived(
        "first_nationality",
        ["n_country", "c_new"],
        "SELECT n_country, c_new FROM served JOIN nationalities ON n_client = c_id"
        " WHERE c_stateless = 0",
    )
    dependants = CaseDependant.objects.filter(case__archived_at__isnull=True).values(
        "family_member_id"
    )
    counts.population(
        "family_members",
        FamilyMember.objects.filter(
            Q(residence=choices.Residence.WITH_HER) | Q(is_dependant=True) | Q(pk__in=dependants),
            Q(date_of_birth__isnull=True) | Q(date_of_birth__lte=period.end),
            archived_at__isnull=True,
            life_status=choices.LifeStatus.ALIVE,
        ).values(
            f_client=F("client_id"),
            f_age=bucket(age_categories("date_of_birth", period.end)),
            f_sex=F("sex"),
        ),
        materialized=False,
    )
    counts.derived(
        "family",
        ["f_age", "f_sex", "f_new"],
        "SELECT f_age, f_sex, c_new FROM family_members JOIN served ON c_id = f_client",
    )
    counts.population(
        "incidents",
        ViolenceIncident.objects.filter(archived_at__isnull=True).values(
            i_id=F("pk"),
            i_client=F("client_id"),
            i_perpetrator=F("perpetrator"),
            i_place=F("place"),
        ),
        materialized=False,
    )
    counts.derived(
        "consented_incidents",
        ["v_id", "v_perpetrator", "v_place"],
        "SELECT i_id, i_perpetrator, i_place FROM incidents JOIN served ON c_id = i_client"
        " WHERE c_consented = 1",
    )
    counts.population(
        "incident_types",
        ViolenceIncidentType.objects.values(t_incident=F("incident_id"), t_type=F("violence_type")),
        materialized=False,
    )
    counts.population(
        "crimes",
        CrimeSuffered.objects.filter(archived_at__isnull=True).values(
            r_client=F("client_id"), r_type=F("crime_type"), r_reported=flag(Q(reported=True))
        ),
        materialized=False,
    )


def _branches(counts: GroupedCounts) -> None:
    counts.count_sets(
        "served",
        [
            ("served", ["c_new"]),
            ("age", ["c_age", "c_new"]),
            ("gender", ["c_gender", "c_new"]),
            ("indigenous", ["c_indigenous", "c_new"]),
            ("state", ["c_state", "c_new"]),
            ("migration", ["c_migration", "c_new"]),
            ("stateless", ["c_stateless", "c_new"]),
            ("consented", ["c_consented", "c_new"]),
            ("disability", ["c_disability", "c_consented", "c_new"]),
            ("lgbtiq", ["c_lgbtiq", "c_consented", "c_new"]),
        ],
    )
    counts.count("nationality", "first_nationality", ["n_country", "c_new"])
    counts.count_sets(
        "family",
        [
            ("family", ["f_new"]),
            ("family_age", ["f_age", "f_new"]),
            ("family_sex", ["f_sex", "f_new"]),
        ],
    )
    counts.count(
        "violence_types",
        "incident_types JOIN consented_incidents ON v_id = t_incident",
        ["t_type", "v_perpetrator", "v_place"],
    )
    counts.count("incidents", "consented_incidents", ["v_perpetrator", "v_place"])
    counts.count(
        "crimes",
        "crimes JOIN served ON c_id = r_client",
        ["r_type", "r_reported"],
        where="c_consented = 1",
    )


def _split_rows(counts: dict, categories: list[tuple[str, str]]) -> list[Row]:
    """Rows of (label, [new, continuing]) for categories given as (database value, label)."""
    return [
        Row(label, [pick(counts, str(value), split) for split in SPLITS])
        for value, label in categories
    ]


def served_from_cases(period: Period):
    """``population.served_clients`` as read inside the statement: the same rule, with the
    cases, events and timeline entries taken from the populations ``cases`` (every case of the
    period's scope, see ``casework.add_cases``), ``events_in_period`` and ``notes_in_period``,
    so that the case table is read once. ``test_statistics`` checks that both agree."""
    active = RawSQL("SELECT k_client FROM cases WHERE k_when > 0", ())
    activity = RawSQL(
        "SELECT k_client FROM cases JOIN events_in_period ON k_id = a_case"
        " UNION ALL SELECT k_client FROM cases JOIN notes_in_period ON k_id = b_case",
        (),
    )
    referrals = sent_referrals(
        start=period.start, end=period.end, grant_tag=period.grant_tag
    ).values("client_id")
    clients = Client.objects.filter(
        archived_at__isnull=True, intake_date__isnull=False, intake_date__lte=period.end
    )
    if period.grant_tag:
        clients = clients.filter(pk__in=RawSQL("SELECT k_client FROM cases", ()))
    had_activity = Q(pk__in=active) | Q(pk__in=activity) | Q(pk__in=referrals)
    return clients.filter(period.new | (period.continuing & had_activity))


def add_people(counts: GroupedCounts, period: Period) -> None:
    """The populations and counts of the people tables (see ``GroupedCounts``)."""
    _populations(period, counts)
    _branches(counts)


def people_tables(result: dict, period: Period) -> PeopleTables:
    """Every table about people served, from the statement's results."""

    served = [pick(result["served"], split) for split in SPLITS]
    family = [pick(result["family"], split) for split in SPLITS]
    # The sensitive tables: clients with a current statistical consent only.
    for key, position in (("consented", 0), ("disability", 1), ("lgbtiq", 1)):
        result[key] = restrict(result[key], position, "1")
    consented = sum(pick(result["consented"], split) for split in SPLITS)
    ages = [(index, label) for index, (label, _q) in enumerate(age_categories("x", period.end))]
    sexes = [(value, label) for value, label in choices.Sex.choices]
    blank_sex = [pick(result["family_sex"], "", split) for split in SPLITS]
    family_by_sex = _split_rows(result["family_sex"], sexes)
    family_by_sex[-1].values = [  # "unknown" includes "not recorded"
        unknown + blank for unknown, blank in zip(family_by_sex[-1].values, blank_sex, strict=True)
    ]
    stateless = [pick(result["stateless"], "1", split) for split in SPLITS]
    categories = disability_categories()

    tables = [
        Table(
            key="served",
            title=_("People served"),
            stub=_("Who"),
            columns=PERIOD_COLUMNS,
            rows=[Row(_("Clients"), served), Row(_("Family members"), family)],
            unit=_("people"),
        ),
        Table(
            key="age_group",
            title=_("People served by age group (age at the end of the period)"),
            stub=_("Age group"),
            columns=[_("Clients"), _("Family members")],
            rows=[
                Row(
                    label,
                    [
                        sum(pick(result["age"], str(index), split) for split in SPLITS),
                        sum(pick(result["family_age"], str(index), split) for split in SPLITS),
                    ],
                )
                for index, label in ages
            ],
            unit=_("people"),
        ),
        Table(
            key="gender",
            title=_("Clients served by gender identity"),
            stub=_("Gender identity"),
            columns=PERIOD_COLUMNS,
            rows=_split_rows(result["gender"], choices.GenderIdentity.choices),
            unit=_("clients"),
        ),
        Table(
            key="family_sex",
            title=_("Family members served by sex"),
            stub=_("Sex"),
            columns=PERIOD_COLUMNS,
            rows=family_by_sex,
            unit=_("family members"),
        ),
        Table(
            key="nationality",
            title=_("Clients served by nationality"),
            stub=_("Nationality"),
            columns=PERIOD_COLUMNS,
            rows=_nationality_rows(result["nationality"], served=served, stateless=stateless),
            unit=_("clients"),
            note=_("A client with several nationalities is counted under the first one recorded."),
        ),
        Table(
            key="indigenous",
            title=_("Clients served by indigenous identity"),
            stub=_("Identifies as indigenous"),
            columns=PERIOD_COLUMNS,
            rows=_split_rows(result["indigenous"], choices.YesNoUnknown.choices),
            unit=_("clients"),
        ),
        Table(
            key="state",
            title=_("Clients served by the state where they live"),
            stub=_("State"),
            columns=PERIOD_COLUMNS,
            rows=[
                row
                for row in _split_rows(
                    result["state"], [*choices.MexicanState.choices, ("", NOT_RECORDED)]
                )
                if any(row.values)
            ],
            unit=_("clients"),
            note=_("States with no client served are not listed."),
        ),
        Table(
            key="migration_status",
            title=_("Clients served by migration status"),
            stub=_("Migration status"),
            columns=PERIOD_COLUMNS,
            rows=_split_rows(
                result["migration"], [*choices.MigrationStatus.choices, ("", NOT_RECORDED)]
            ),
            unit=_("clients"),
        ),
        Table(
            key="disability",
            title=_("Clients served with a disability (Washington Group short set)"),
            stub=_("Disability"),
            columns=PERIOD_COLUMNS,
            rows=_split_rows(
                result["disability"],
                [(index, categories[index][0]) for index in (0, 2, 1)],
            ),
            unit=_("clients with statistical consent"),
            sensitive=True,
        ),
        Table(
            key="lgbtiq",
            title=_("Clients served who identify as LBTIQ+"),
            stub=_("LBTIQ+"),
            columns=PERIOD_COLUMNS,
            rows=_split_rows(result["lgbtiq"], choices.YesNoUnknown.choices),
            unit=_("clients with statistical consent"),
            sensitive=True,
        ),
        *_violence_tables(result["violence_types"], result["incidents"]),
        _crime_table(result["crimes"]),
    ]
    _link_shared_figures({table.key: table for table in tables})
    return PeopleTables(
        tables={table.key: table for table in tables},
        served=sum(served),
        consented=consented,
        family=sum(family),
    )


def _link_shared_figures(tables: dict[str, Table]) -> None:
    """The figures these tables share, for suppressing small numbers across them
    (``reports.tables.suppression_patterns``): every clients' table adds up to the clients of
    "people served", the family members' table to its family members, the age groups to both;
    the disability and LBTIQ+ tables add up to the clients with statistical consent (which the
    notes print, ``reports.report.consent_split``); the violence types by place and by
    perpetrator have the same totals by type."""
    for key in ("gender", "nationality", "indigenous", "state", "migration_status"):
        tables[key].total_row_same_as("served", 0)
    tables["family_sex"].total_row_same_as("served", 1)
    tables["age_group"].same_as.update(
        {(-1, 0): ("served", 0, -1), (-1, 1): ("served", 1, -1), (-1, -1): ("served", -1, -1)}
    )
    for key in ("disability", "lgbtiq"):  # they count the clients with statistical consent
        tables[key].same_as[(-1, -1)] = ("consent_split", 0, 0)
    by_place = tables["violence_type_place"]
    for kind in range(len(by_place.rows)):
        by_place.same_as[(kind, -1)] = ("violence_type_perpetrator", -1, kind)
    by_place.same_as[(-1, -1)] = ("violence_type_perpetrator", -1, -1)


def _nationality_rows(counts: dict, *, served: list[int], stateless: list[int]) -> list[Row]:
    """Clients by their first recorded nationality, largest first; then the stateless and those
    with no nationality recorded."""
    codes = sorted({key[0] for key in counts})
    rows = [
        Row(countries.name(code) or code, [pick(counts, code, split) for split in SPLITS])
        for code in codes
    ]
    rows.sort(key=lambda row: (-sum(row.values), str(row.label)))
    recorded = [sum(row.values[index] for row in rows) for index in (0, 1)]
    missing = [served[index] - stateless[index] - recorded[index] for index in (0, 1)]
    return [*rows, Row(_("Stateless"), stateless), Row(NOT_RECORDED, missing)]


def _violence_tables(by_type: dict, incidents: dict) -> list[Table]:
    """Violence types by perpetrator by where, as the three two-way tables of the cube (a
    three-way table of a clinic's size would be mostly hidden)."""
    places = choices.IncidentPlace.choices
    types = choices.ViolenceType.choices
    perpetrators = choices.Perpetrator.choices

    def total(**fixed) -> int:
        # Sums over at most 7 x 13 x 4 aggregate cells, never over a person's rows.
        return sum(
            count
            for (kind, perpetrator, place), count in by_type.items()
            if fixed.get("kind", kind) == kind
            and fixed.get("perpetrator", perpetrator) == perpetrator
            and fixed.get("place", place) == place
        )

    type_unit = _("incidents, once for each violence type recorded in them")
    return [
        Table(
            key="violence_type_place",
            title=_("Violence suffered: type by where it happened"),
            stub=_("Violence type"),
            columns=[label for _value, label in places],
            rows=[
                Row(label, [total(kind=value, place=place) for place, _l in places])
                for value, label in types
            ],
            unit=type_unit,
            sensitive=True,
        ),
        Table(
            key="violence_type_perpetrator",
            title=_("Violence suffered: perpetrator by violence type"),
            stub=_("Perpetrator"),
            columns=[label for _value, label in types],
            rows=[
                Row(label, [total(kind=kind, perpetrator=value) for kind, _l in types])
                for value, label in perpetrators
            ],
            unit=type_unit,
            sensitive=True,
        ),
        Table(
            key="violence_perpetrator_place",
            title=_("Violence suffered: perpetrator by where it happened"),
            stub=_("Perpetrator"),
            columns=[label for _value, label in places],
            rows=[
                Row(label, [pick(incidents, value, place) for place, _l in places])
                for value, label in perpetrators
            ],
            unit=_("incidents"),
            sensitive=True,
        ),
    ]


def _crime_table(crimes: dict) -> Table:
    return Table(
        key="crimes",
        title=_("Crimes suffered, and whether they were reported"),
        stub=_("Crime"),
        columns=[_("Reported to the authorities"), _("Not reported")],
        rows=[
            Row(label, [pick(crimes, value, "1"), pick(crimes, value, "0")])
            for value, label in choices.CrimeType.choices
        ],
        unit=_("crimes recorded"),
        sensitive=True,
    )
