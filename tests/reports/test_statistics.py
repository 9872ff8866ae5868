"""Every statistics table on the hand-built clinic (tests/reports/dataset.py), with the exact
figures of 2025 worked out by hand: new and continuing clients, age at the end of the period,
the consent exclusion, met and missed clinic deadlines without watch dates, the grant tag."""

import datetime

import pytest

from reports.report import report_build
from reports.selectors import Period, statistics_compute
from reports.selectors.population import served_clients

from .conftest import YEAR_2025

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TOTAL = "Total"


@pytest.fixture(scope="module")
def stats(clinic_2025, django_db_blocker):
    with django_db_blocker.unblock():
        return statistics_compute(YEAR_2025)


def test_clients_served_are_new_or_continuing_and_family_follow_her(stats):
    # Continuing: C4 (open case), C5 (referral sent), C6 (timeline note), C7 and C10 (open
    # cases). Not served: C11 (nothing in 2025), C12 (intake 2026), C13 (draft), C14 (archived).
    assert stats.tables["served"].as_dict() == {
        "Clients": [5, 5, 10],
        "Family members": [3, 2, 5],
        TOTAL: [8, 7, 15],
    }
    assert (stats.served, stats.family) == (10, 5)
    # the rule as read inside the statement agrees with the plain ORM definition
    assert list(
        served_clients(YEAR_2025).order_by("given_names").values_list("given_names", flat=True)
    ) == [
        "Ana",
        "Beatriz",
        "Carmen",
        "Dolores",
        "Elena",
        "Fernanda",
        "Gabriela",
        "Hilda",
        "Irma",
        "Julia",
    ]


def test_age_is_taken_at_the_end_of_the_period(stats):
    # C2 born 2008-01-01 is 17 on 2025-12-31; C3 born 2007-12-31 turns 18 that day; her
    # daughter born 2021-01-01 is 4, her son born 2020-12-31 is 5; C4 (1965-06-01) is 60.
    assert stats.tables["age_group"].as_dict() == {
        "0-4": [0, 1, 1],
        "5-11": [0, 2, 2],
        "12-17": [1, 0, 1],
        "18-59": [7, 1, 8],
        "60+": [1, 0, 1],
        "Unknown": [1, 1, 2],
        TOTAL: [10, 5, 15],
    }


def test_headcounts_by_gender_family_sex_nationality_indigenous_state_and_status(stats):
    tables = stats.tables
    assert tables["gender"].as_dict() == {
        "Woman": [4, 4, 8],
        "Trans woman": [1, 0, 1],
        "Non-binary": [0, 1, 1],
        "Man": [0, 0, 0],
        "Other": [0, 0, 0],
        "Prefers not to say": [0, 0, 0],
        TOTAL: [5, 5, 10],
    }
    assert tables["family_sex"].as_dict() == {
        "Female": [2, 0, 2],
        "Male": [1, 1, 2],
        "Other": [0, 0, 0],
        "Unknown": [0, 1, 1],
        TOTAL: [3, 2, 5],
    }
    # The first nationality recorded (C2: Guatemala, then Mexico); C5 is stateless.
    assert list(tables["nationality"].as_dict().items()) == [
        ("Honduras", [2, 2, 4]),
        ("Guatemala", [2, 0, 2]),
        ("Cuba", [0, 1, 1]),
        ("El Salvador", [1, 0, 1]),
        ("Venezuela", [0, 1, 1]),
        ("Stateless", [0, 1, 1]),
        ("Not recorded", [0, 0, 0]),
        (TOTAL, [5, 5, 10]),
    ]
    assert tables["indigenous"].as_dict() == {
        "Yes": [2, 1, 3],
        "No": [2, 3, 5],
        "Not asked / prefers not to say": [1, 1, 2],
        TOTAL: [5, 5, 10],
    }
    assert list(tables["state"].as_dict().items()) == [
        ("Chiapas", [2, 1, 3]),
        ("Ciudad de México", [2, 1, 3]),
        ("Nuevo León", [0, 1, 1]),
        ("Tabasco", [0, 1, 1]),
        ("Veracruz", [1, 0, 1]),
        ("Not recorded", [0, 1, 1]),
        (TOTAL, [5, 5, 10]),
    ]
    assert tables["migration_status"].as_dict() == {
        "Irregular": [1, 1, 2],
        "Detained": [0, 0, 0],
        "Asylum seeker": [2, 2, 4],
        "Humanitarian visa (TVRH) holder": [1, 0, 1],
        "Recognised refugee": [0, 1, 1],
        "Complementary protection": [1, 0, 1],
        "Temporary resident": [0, 0, 0],
        "Permanent resident": [0, 0, 0],
        "Mexican national": [0, 0, 0],
        "Other": [0, 0, 0],
        "Not recorded": [0, 1, 1],
        TOTAL: [5, 5, 10],
    }


def test_disability_and_lbtiq_count_only_a_current_signed_statistical_consent(stats):
    # Left out: C2 (withdrew after signing), C5 (verbal, pending), C9 (none). C3 withdrew and
    # then gave it by fingerprint: counted. C2 is LBTIQ+ but left out.
    assert (stats.consented, stats.left_out) == (7, 3)
    assert stats.tables["disability"].as_dict() == {
        "With a disability": [1, 1, 2],
        "Without a disability": [1, 1, 2],
        "Not asked": [1, 2, 3],
        TOTAL: [3, 4, 7],
    }
    assert stats.tables["lgbtiq"].as_dict() == {
        "Yes": [0, 1, 1],
        "No": [2, 2, 4],
        "Not asked / prefers not to say": [1, 1, 2],
        TOTAL: [3, 4, 7],
    }
    # when
    report = report_build(stats, suppressed=False)
    # then every sensitive table says how many were left out
    for key in ("disability", "lgbtiq", "violence_type_place", "crimes"):
        assert report.table(key).note == (
            "Counts only the 7 clients served whose current statistical consent is signed; 3 "
            "clients served were left out (no signed statistical consent)."
        )


def test_violence_and_crimes_count_consented_clients_only(stats):
    # C2's and C9's incidents and C2's trafficking are left out (no consent); C1's archived
    # incident too. An incident counts once per violence type in the type tables.
    assert stats.tables["violence_type_place"].as_dict() == {
        "Psychological": [2, 0, 0, 0, 2],
        "Physical": [0, 1, 0, 0, 1],
        "Patrimonial (incl. withholding identity documents)": [1, 0, 0, 0, 1],
        "Economic": [1, 0, 0, 0, 1],
        "Sexual": [0, 2, 0, 0, 2],
        "Vicarious (harm through her children)": [0, 0, 0, 0, 0],
        "Other": [0, 0, 0, 0, 0],
        TOTAL: [4, 3, 0, 0, 7],
    }
    perpetrator_type = stats.tables["violence_type_perpetrator"].as_dict()
    assert perpetrator_type["Current partner"] == [1, 0, 1, 1, 0, 0, 0, 3]
    assert perpetrator_type["Former partner"] == [1, 0, 0, 0, 0, 0, 0, 1]
    assert perpetrator_type["Smuggler or trafficker"] == [0, 1, 0, 0, 2, 0, 0, 3]
    assert perpetrator_type[TOTAL] == [2, 1, 1, 1, 2, 0, 0, 7]
    assert sum(sum(values) for values in perpetrator_type.values()) == 2 * 2 * 7
    perpetrator_place = stats.tables["violence_perpetrator_place"].as_dict()
    assert perpetrator_place["Current partner"] == [1, 0, 0, 0, 1]
    assert perpetrator_place["Former partner"] == [1, 0, 0, 0, 1]
    assert perpetrator_place["Smuggler or trafficker"] == [0, 2, 0, 0, 2]
    assert perpetrator_place[TOTAL] == [2, 2, 0, 0, 4]
    assert stats.tables["crimes"].as_dict() == {
        "Kidnapping": [1, 0, 1],
        "Extortion": [1, 1, 2],
        "Robbery": [0, 1, 1],
        "Trafficking": [0, 0, 0],
        "Disappearance of a relative": [0, 0, 0],
        "Sexual assault": [0, 0, 0],
        "Other": [0, 0, 0],
        TOTAL: [2, 2, 4],
    }


def test_cases_by_type_by_stage_at_the_end_of_the_period_and_by_outcome(stats):
    assert stats.tables["cases_by_type"].as_dict() == {
        "Asylum before COMAR": [3, 2, 5],
        "Humanitarian visa (TVRH)": [1, 1, 1],
        "Regularisation": [1, 1, 1],
        "Crime victim / criminal complaint": [0, 0, 0],
        "Custody and family law": [0, 0, 1],
        "Identity documents": [1, 0, 1],
        "US immigration": [0, 0, 0],
        "Other": [0, 0, 0],
        TOTAL: [6, 4, 9],
    }
    # C4's family case was at "Demanda" on 2025-12-31 and moved to "Sentencia" in 2026.
    assert stats.tables["cases_by_stage"].as_dict() == {
        "Asylum before COMAR — Resolución notificada": [1],
        "Asylum before COMAR — Impugnación": [2],
        "Custody and family law — Demanda": [1],
        "Identity documents — Solicitud": [1],
        TOTAL: [5],
    }
    assert stats.tables["cases_by_outcome"].as_dict() == {
        "Asylum before COMAR — Refugee status recognised": [1],
        "Asylum before COMAR — Complementary protection": [1],
        "Humanitarian visa (TVRH) — Granted": [1],
        "Regularisation — Regularised": [1],
        TOTAL: [4],
    }


def test_appeals_filed_decided_and_won(stats):
    # C7's review (filed 2024) won in 2025; her amparo (2025) is undecided; C8's review (2025)
    # was refused in 2025.
    assert stats.tables["appeals"].as_dict() == {
        "Recurso de revisión": [1, 2, 1],
        "Amparo": [0 + 1, 0, 0],
        "Nullity suit (TFJA)": [0, 0, 0],
        TOTAL: [2, 2, 1],
    }


def test_clinic_deadlines_met_and_missed_leave_out_watch_dates_and_appointments(stats):
    # C4's family case: on the day and early (met), two days late, missed, pending; cancelled,
    # watch dates (done and missed), an appointment and a 2026 deadline are not counted. C14
    # is archived. C3's deadline belongs to no case.
    assert stats.tables["deadlines"].as_dict() == {
        "Asylum before COMAR": [1, 0, 0, 0, 1],
        "Humanitarian visa (TVRH)": [0, 0, 0, 0, 0],
        "Regularisation": [0, 0, 0, 0, 0],
        "Crime victim / criminal complaint": [0, 0, 0, 0, 0],
        "Custody and family law": [2, 1, 1, 1, 5],
        "Identity documents": [0, 0, 0, 0, 0],
        "US immigration": [0, 0, 0, 0, 0],
        "Other": [0, 0, 0, 0, 0],
        "Outside a case": [1, 0, 0, 0, 1],
        TOTAL: [4, 1, 1, 1, 7],
    }


def test_outcome_indicators_and_comar_median_time_to_decision(stats):
    assert stats.tables["outcomes"].as_dict() == {
        "Refugee status recognised (asylum cases closed)": [1],
        "Complementary protection (asylum cases closed)": [1],
        "TVRH cards issued": [1],
        "Births of children born in Mexico registered": [1],
        "Regularisations (cases closed as regularised)": [1],
    }
    # First COMAR decisions in 2025: 30, 50, 70 and 91 days after filing (C7's 2025 decision
    # and C8's second one are not first decisions).
    assert (stats.comar.decisions, stats.comar.median_days) == (4, 60.0)


def test_referrals_by_organisation_service_and_outcome(stats):
    # Sent in 2025: C5's to Casa Refugio, C7's to the psychosocial team. C1's (2024) and C8's
    # draft are not counted.
    assert stats.tables["referrals_organisation"].as_dict() == {
        "Casa Refugio": [1],
        "The clinic: Psychosocial team": [1],
        TOTAL: [2],
    }
    assert stats.tables["referrals_service"].as_dict() == {
        "Psychosocial support": [2],
        "Shelter": [1],
        TOTAL: [3],
    }
    assert stats.tables["referrals_outcome"].as_dict() == {
        "Sent": [0],
        "Accepted": [1],
        "Completed": [1],
        "Declined by the organisation": [0],
        "She did not attend": [0],
        "Revoked": [0],
        TOTAL: [2],
    }


def test_a_grant_tag_counts_only_its_cases_and_their_clients(clinic_2025):
    # given: the UNTF project tags C1's, C7's and C8's asylum cases
    period = Period(
        start=datetime.date(2025, 1, 1), end=datetime.date(2025, 12, 31), grant_tag="UNTF"
    )
    # when
    tagged = statistics_compute(period)
    # then
    assert tagged.tables["served"].as_dict() == {
        "Clients": [2, 1, 3],
        "Family members": [2, 1, 3],
        TOTAL: [4, 2, 6],
    }
    assert (tagged.consented, tagged.left_out) == (3, 0)
    assert tagged.tables["cases_by_type"].as_dict()["Asylum before COMAR"] == [2, 1, 3]
    assert tagged.tables["cases_by_type"].as_dict()[TOTAL] == [2, 1, 3]
    assert tagged.tables["deadlines"].as_dict()[TOTAL] == [1, 0, 0, 0, 1]
    assert tagged.tables["referrals_organisation"].as_dict() == {
        "The clinic: Psychosocial team": [1],
        TOTAL: [1],
    }
    assert (tagged.comar.decisions, tagged.comar.median_days) == (2, 40.0)


def test_the_funder_version_hides_small_numbers_and_their_complements(stats):
    # when
    funder = report_build(stats, suppressed=True)
    internal = report_build(stats, suppressed=False)
    # then: 3 and 2 family members hide the totals of new and continuing people; the clients'
    # 5 and 5 are hidden too — in this table and in every clients' table, whose total row they
    # are — because the small counts of those tables need them hidden
    served = funder.table("served")
    assert [[cell.text for cell in row.cells] for row in served.rows] == [
        ["x", "x", "x"],
        ["<5", "<5", "5"],
        ["x", "x", "x"],
    ]
    for key in ("gender", "nationality", "indigenous", "state", "migration_status"):
        assert [cell.text for cell in funder.table(key).total_row.cells] == ["x", "x", "x"], key
    from reports.tables import WITHHELD_NOTE

    # a table with nothing left to protect its small counts is withheld whole, with a note
    crimes = funder.table("crimes")
    assert crimes.withheld and {cell.text for row in crimes.rows for cell in row.cells} == {"n.d."}
    assert crimes.note.startswith(str(WITHHELD_NOTE))
    assert [[cell.text for cell in row.cells] for row in internal.table("served").rows][1] == [
        "3",
        "2",
        "5",
    ]
    # a median of fewer than five decisions is withheld for funders
    comar = funder.table("comar_time")
    assert [row.cells[0].text for row in comar.rows] == ["<5", "x"]
    assert [row.cells[0].text for row in internal.table("comar_time").rows] == ["4", "60"]
    # and the summary never shows what a table hides
    assert [(str(label), cell.text) for label, cell in funder.summary] == [
        ("Clients served", "x"),
        ("New clients", "x"),
        ("Continuing clients", "x"),
        ("Family members served", "5"),
    ]
    # 7 with consent and 3 without add up to the 10 shown: the 7 is hidden with the 3
    assert funder.consented_text == "x" and funder.left_out_text == "<5"


def test_no_small_number_of_the_funder_version_can_be_worked_out_from_all_its_tables(stats):
    from reports.report import consent_split
    from reports.suppression import PRIMARY, WITHHELD, narrowed
    from reports.tables import joint_problem, suppression_patterns

    tables = [table for _key, _title, tables in stats.sections() for table in tables]
    tables.append(consent_split(stats))
    patterns = suppression_patterns(tables)
    withheld = {key for key, pattern in patterns.items() if WITHHELD in pattern.values()}
    problem = joint_problem([table for table in tables if table.key not in withheld])
    hidden = {
        problem.cell_of[(key, row, column)]: state
        for key, pattern in patterns.items()
        if key not in withheld
        for (row, column), state in pattern.items()
    }

    # every declared shared figure is really shared, and linked tables were linked
    assert problem.unmatched == []
    assert joint_problem(tables).unmatched == []
    assert len(set(problem.cell_of.values())) < len(problem.cell_of)
    # a reader using every line of every table shown still cannot pin a small count down
    bounds = narrowed(problem.values, problem.lines, hidden)
    pinned = [
        cell for cell, state in hidden.items() if state == PRIMARY and len(set(bounds[cell])) == 1
    ]
    assert pinned == []
    # in this clinic of ten clients, the violence and case tables are too small to show
    assert "served" not in withheld
    assert withheld == {
        "cases_by_type",
        "cases_by_outcome",
        "outcomes",
        "deadlines",
        "violence_type_place",
        "violence_type_perpetrator",
        "crimes",
    }
