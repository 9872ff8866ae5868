"""A hand-built clinic for the statistics tests, with every figure of 2025 worked out by hand
(the expected tables are in ``test_statistics.py``). Synthetic people only.

Clients in 2025 (N new, C continuing, - not served; consent means statistical consent):

- C1 Ana: N (intake 2025-03-10), born 1990-05-01, woman, HN, consent signed.
- C2 Beatriz: N, born 2008-01-01 (17 at the end), trans woman, GT then MX, signed then
  withdrawn.
- C3 Carmen: N (intake 2025-12-31), born 2007-12-31 (18 at the end), SV, withdrawn then
  fingerprint.
- C4 Dolores: C (family case open), born 1965-06-01 (60), HN, signed.
- C5 Elena: C (a referral sent in 2025), birth date unknown, non-binary, stateless, verbal
  (pending).
- C6 Fernanda: C (a timeline note dated 2025 on a case closed in 2024), VE, signed.
- C7 Gabriela: C (asylum case open), HN, signed.
- C8 Hilda: N, GT, signed.
- C9 Irma: N, HN, no statistical consent.
- C10 Julia: C (asylum case open), born 1992-02-29, CU, signed.
- C11 Karla: - (case closed in 2024, nothing in 2025). C12 Lucia: - (intake 2026).
  C13 Marta: - (draft). C14 Nora: - (archived record).
"""

from __future__ import annotations

import datetime

from cases import choices
from cases.models import (
    Case,
    CaseEvent,
    CaseNote,
    CaseStage,
    Client,
    ClientNationality,
    Consent,
    CrimeSuffered,
    Deadline,
    FamilyMember,
    IdentityDocument,
    ViolenceIncident,
    ViolenceIncidentType,
)
from cases.stages import load_default_stages
from clinic.core import clock
from referrals.models import Referral, ReferralService
from tests.cases.factories import ClientFactory, PrivacyNoticeFactory
from tests.directory.factories import OrganisationFactory
from tests.factories import UserFactory

D = datetime.date
K = choices.EventKind


class Clinic:
    """Builds the dataset; keeps the users and a few records the tests point at."""

    def __init__(self, prefix: str = "ST"):
        self.prefix = prefix
        # Staff names fixed: a random one could be a client's name, which a test looks for
        self.coordinator = UserFactory(
            roles=("coordinator",),
            username=f"coordinadora-{prefix}",
            first_name="Coordinadora",
            last_name="Estadística",
        )
        self.attorney = UserFactory(roles=("attorney",))
        self.intake = UserFactory(roles=("intake",))
        self.notice = PrivacyNoticeFactory(published_by=self.coordinator)
        load_default_stages(CaseStage)  # gone if a transactional test flushed a reused database
        self.stages = {(stage.case_type, stage.code): stage for stage in CaseStage.objects.all()}
        self.sequence = 0

    # --- helpers ------------------------------------------------------------------------------

    def client(self, name: str, intake: datetime.date | None, *, nationalities=(), **fields):
        self.sequence += 1
        client = ClientFactory(
            client_code=f"{self.prefix}-{self.sequence:03d}",
            given_names=name,
            registered_by=self.intake,
            status=choices.ClientStatus.ASSIGNED if intake else choices.ClientStatus.DRAFT,
            intake_date=intake,
            **{"date_of_birth": None, "migration_status": "", **fields},
        )
        for country in nationalities:
            ClientNationality.objects.create(client=client, country=country)
        return client

    def consent(self, client, *decisions: tuple[str, str]):
        """Statistical consent records in order: (decision, method)."""
        base = clock.now() - datetime.timedelta(days=30)
        for index, (decision, method) in enumerate(decisions):
            record = Consent.objects.create(
                client=client,
                purpose=choices.ConsentPurpose.STATISTICS,
                decision=decision,
                method=method,
                witness_name="Testigo" if method in ("fingerprint", "verbal") else "",
                notice=self.notice,
                recorded_by=self.intake,
            )
            Consent.objects.filter(pk=record.pk).update(
                recorded_at=base + datetime.timedelta(days=index)
            )

    def case(self, client, case_type, opened, closed=None, *, stage=None, outcome="", **fields):
        sequence = client.cases.count() + 1
        stage = stage or next(code for (kind, code) in self.stages if kind == case_type)
        return Case.objects.create(
            client=client,
            sequence=sequence,
            case_number=f"{client.client_code}-{sequence:02d}",
            case_type=case_type,
            stage=self.stages[(case_type, stage)],
            status=choices.CaseStatus.CLOSED if closed else choices.CaseStatus.OPEN,
            outcome=outcome,
            opened_on=opened,
            closed_on=closed,
            created_by=self.attorney,
            **fields,
        )

    def event(self, case, kind, on, **fields):
        return CaseEvent.objects.create(
            case=case, kind=kind, occurred_on=on, recorded_by=self.attorney, **fields
        )

    def deadline(
        self, due, status="pending", done_on=None, *, case=None, client=None, kind="clinic"
    ):
        return Deadline.objects.create(
            case=case,
            client=client,
            kind=kind,
            title="Plazo de prueba",
            responsible=self.attorney,
            due_date=due,
            status=status,
            done_on=done_on,
            created_by=self.attorney,
        )

    def incident(self, client, types, perpetrator, place, *, archived=False):
        incident = ViolenceIncident.objects.create(
            client=client,
            perpetrator=perpetrator,
            place=place,
            recorded_by=self.intake,
            archived_at=clock.now() if archived else None,
        )
        for kind in types:
            ViolenceIncidentType.objects.create(incident=incident, violence_type=kind)

    def crime(self, client, crime_type, place, reported):
        CrimeSuffered.objects.create(
            client=client,
            crime_type=crime_type,
            place=place,
            reported=reported,
            recorded_by=self.intake,
        )

    def member(self, client, born, sex, residence, **fields):
        return FamilyMember.objects.create(
            client=client,
            relationship=fields.pop("relationship", choices.Relationship.CHILD),
            given_names="Familiar",
            date_of_birth=born,
            sex=sex,
            residence=residence,
            **fields,
        )

    def referral(self, client, sent_on, status, services, *, organisation=None, case=None):
        referral = Referral.objects.create(
            client=client,
            case=case,
            kind="outbound" if organisation else "internal",
            organisation=organisation,
            internal_team="" if organisation else "psychosocial",
            reason="Prueba",
            status=status,
            sent_on=sent_on,
            referred_by=self.attorney,
        )
        for service in services:
            ReferralService.objects.create(referral=referral, service=service)
        return referral

    # --- the clinic ---------------------------------------------------------------------------

    def build(self) -> Clinic:
        W, Y, N, U = "woman", "yes", "no", "unknown"
        signed = ("given", "signature")

        c1 = self.client(
            "Ana",
            D(2025, 3, 10),
            nationalities=["HN"],
            date_of_birth=D(1990, 5, 1),
            gender_identity=W,
            indigenous_identity=Y,
            current_state="MX-CHP",
            migration_status="asylum_seeker",
            lgbtiq=N,
            wg_seeing=3,
        )
        self.consent(c1, signed)
        f1 = self.member(
            c1, D(2021, 1, 1), "female", "with_her", born_in_mexico=True, birth_registered=True
        )
        f2 = self.member(c1, D(2020, 12, 31), "male", "with_her")
        self.member(c1, D(1985, 1, 1), "male", "origin", relationship="partner")
        IdentityDocument.objects.create(
            client=c1,
            family_member=f1,
            issue_date=D(2025, 4, 2),
            document_type="birth_certificate",
            recorded_by=self.intake,
        )
        IdentityDocument.objects.create(
            client=c1,
            family_member=f2,
            issue_date=D(2025, 4, 2),
            document_type="birth_certificate",
            recorded_by=self.intake,
        )
        a1 = self.case(
            c1,
            "asylum",
            D(2025, 3, 12),
            D(2025, 5, 10),
            stage="resolution",
            outcome="refugee_status",
            grant_tag="UNTF",
        )
        self.event(a1, K.FILING, D(2025, 3, 20), authority="comar")
        self.event(a1, K.DECISION, D(2025, 4, 19), authority="comar", result="granted")
        archived = self.case(c1, "asylum", D(2025, 6, 1))
        Case.objects.filter(pk=archived.pk).update(archived_at=clock.now())
        self.incident(c1, ["physical", "sexual"], "smuggler", "transit")
        self.incident(c1, ["psychological"], "former_partner", "origin")
        self.incident(c1, ["physical"], "gang", "us", archived=True)
        self.crime(c1, "kidnapping", "transit", True)
        self.organisation = OrganisationFactory(
            name="Casa Refugio" if self.prefix == "ST" else f"Casa Refugio {self.prefix}",
            services=["shelter"],
        )
        self.referral(c1, D(2024, 12, 1), "completed", ["shelter"], organisation=self.organisation)

        c2 = self.client(
            "Beatriz",
            D(2025, 7, 1),
            nationalities=["GT", "MX"],
            date_of_birth=D(2008, 1, 1),
            gender_identity="trans_woman",
            indigenous_identity=U,
            current_state="MX-CMX",
            migration_status="irregular",
            lgbtiq=Y,
        )
        self.consent(c2, signed, ("withdrawn", ""))
        t1 = self.case(c2, "tvrh", D(2025, 7, 2), D(2025, 9, 15), outcome="granted")
        self.event(t1, K.CARD_ISSUED, D(2025, 9, 1), expires_on=D(2026, 9, 1))
        self.event(t1, K.CARD_ISSUED, D(2024, 9, 1), expires_on=D(2025, 9, 1))
        card = self.event(t1, K.CARD_ISSUED, D(2025, 9, 2), expires_on=D(2026, 9, 2))
        CaseEvent.objects.filter(pk=card.pk).update(archived_at=clock.now())
        self.incident(c2, ["sexual"], "stranger", "mexico")
        self.crime(c2, "trafficking", "mexico", True)

        c3 = self.client(
            "Carmen",
            D(2025, 12, 31),
            nationalities=["SV"],
            date_of_birth=D(2007, 12, 31),
            gender_identity=W,
            indigenous_identity=N,
            current_state="MX-CMX",
            migration_status="tvrh",
            lgbtiq=U,
            wg_walking=2,
        )
        self.consent(c3, ("withdrawn", ""), ("given", "fingerprint"))
        self.crime(c3, "extortion", "mexico", False)
        self.deadline(D(2025, 12, 1), "done", D(2025, 11, 30), client=c3)

        c4 = self.client(
            "Dolores",
            D(2024, 5, 1),
            nationalities=["HN"],
            date_of_birth=D(1965, 6, 1),
            gender_identity=W,
            indigenous_identity=Y,
            current_state="MX-TAB",
            migration_status="refugee",
            lgbtiq=N,
            wg_cognition=4,
        )
        self.consent(c4, signed)
        self.member(c4, None, "", "with_her")
        fa1 = self.case(c4, "family", D(2024, 5, 3), stage="claim")
        fa1.stage = self.stages[("family", "judgment")]
        fa1.save()
        first, second = fa1.history.order_by("history_date", "history_id")
        type(first).objects.filter(pk=first.pk).update(
            history_date=datetime.datetime(2024, 5, 3, 12, tzinfo=datetime.UTC)
        )
        type(second).objects.filter(pk=second.pk).update(
            history_date=datetime.datetime(2026, 2, 1, 12, tzinfo=datetime.UTC)
        )
        self.deadline(D(2025, 2, 10), "done", D(2025, 2, 10), case=fa1)
        self.deadline(D(2025, 3, 15), "done", D(2025, 3, 1), case=fa1)
        self.deadline(D(2025, 4, 10), "done", D(2025, 4, 12), case=fa1)
        self.deadline(D(2025, 6, 1), "missed", case=fa1)
        self.deadline(D(2025, 12, 20), "pending", case=fa1)
        self.deadline(D(2025, 5, 5), "cancelled", case=fa1)
        self.deadline(D(2025, 7, 1), "done", D(2025, 8, 1), case=fa1, kind="watch")
        self.deadline(D(2025, 10, 1), "missed", case=fa1, kind="watch")
        self.deadline(D(2025, 8, 1), "done", D(2025, 8, 1), case=fa1, kind="appointment")
        self.deadline(D(2026, 1, 5), "done", D(2026, 1, 5), case=fa1)
        self.incident(c4, ["economic", "patrimonial", "psychological"], "current_partner", "origin")
        self.crime(c4, "robbery", "origin", False)

        c5 = self.client(
            "Elena",
            D(2023, 2, 1),
            gender_identity="non_binary",
            indigenous_identity=N,
            current_state="",
            is_stateless=True,
        )
        self.consent(c5, ("given", "verbal"))
        self.case(c5, "identity", D(2023, 2, 2), D(2023, 10, 1), outcome="issued")
        self.referral(
            c5,
            D(2025, 6, 15),
            "accepted",
            ["psychosocial", "shelter"],
            organisation=self.organisation,
        )

        c6 = self.client(
            "Fernanda",
            D(2024, 9, 1),
            nationalities=["VE"],
            date_of_birth=D(1995, 1, 1),
            gender_identity=W,
            indigenous_identity=N,
            current_state="MX-NLE",
            migration_status="asylum_seeker",
            lgbtiq=Y,
            wg_seeing=1,
            wg_hearing=1,
            wg_walking=1,
            wg_cognition=1,
            wg_self_care=1,
            wg_communication=1,
        )
        self.consent(c6, signed)
        a6 = self.case(c6, "asylum", D(2024, 9, 2), D(2024, 12, 20), outcome="abandoned")
        CaseNote.objects.create(
            case=a6, happened_on=D(2025, 2, 1), body="Llamada de seguimiento.", author=self.attorney
        )
        self.incident(c6, ["sexual"], "smuggler", "transit")
        self.crime(c6, "extortion", "transit", True)

        c7 = self.client(
            "Gabriela",
            D(2024, 1, 15),
            nationalities=["HN"],
            date_of_birth=D(1988, 3, 3),
            gender_identity=W,
            indigenous_identity=N,
            current_state="MX-CHP",
            migration_status="asylum_seeker",
            lgbtiq=N,
        )
        self.consent(c7, signed)
        self.member(
            c7, D(1985, 1, 1), "male", "with_her", relationship="partner", is_dependant=True
        )
        a7 = self.case(c7, "asylum", D(2024, 1, 16), stage="appeal", grant_tag="UNTF")
        self.event(a7, K.FILING, D(2024, 1, 20), authority="comar")
        refusal = self.event(a7, K.DECISION, D(2024, 6, 1), authority="comar", result="refused")
        self.event(a7, K.APPEAL_FILED, D(2024, 6, 20), strategy="review", challenges=refusal)
        self.event(a7, K.DECISION, D(2025, 2, 15), authority="comar", result="granted")
        self.event(a7, K.APPEAL_FILED, D(2025, 3, 1), strategy="amparo", challenges=refusal)
        self.referral(c7, D(2025, 8, 1), "completed", ["psychosocial"], case=a7)

        c8 = self.client(
            "Hilda",
            D(2025, 2, 1),
            nationalities=["GT"],
            date_of_birth=D(1999, 9, 9),
            gender_identity=W,
            indigenous_identity=Y,
            current_state="MX-CHP",
            migration_status="asylum_seeker",
            lgbtiq=N,
        )
        self.consent(c8, signed)
        self.member(c8, D(2026, 3, 1), "female", "with_her")
        a8 = self.case(c8, "asylum", D(2025, 2, 1), stage="appeal", grant_tag="UNTF")
        self.event(a8, K.FILING, D(2025, 2, 5), authority="comar")
        first_decision = self.event(
            a8, K.DECISION, D(2025, 3, 27), authority="comar", result="refused"
        )
        self.event(a8, K.APPEAL_FILED, D(2025, 4, 5), strategy="review", challenges=first_decision)
        self.event(a8, K.DECISION, D(2025, 8, 1), authority="comar", result="refused")
        self.deadline(D(2025, 4, 20), "done", D(2025, 4, 5), case=a8)
        self.case(c8, "identity", D(2025, 10, 1), D(2026, 1, 20), stage="request", outcome="issued")
        self.referral(c8, None, "draft", ["legal_advice"], organisation=self.organisation)

        c9 = self.client(
            "Irma",
            D(2025, 4, 1),
            nationalities=["HN"],
            date_of_birth=D(1980, 1, 1),
            gender_identity=W,
            indigenous_identity=N,
            current_state="MX-VER",
            migration_status="complementary",
        )
        self.member(c9, D(2015, 6, 15), "female", "origin", is_dependant=True)
        a9 = self.case(
            c9, "asylum", D(2025, 4, 1), D(2025, 7, 1), outcome="complementary_protection"
        )
        self.event(a9, K.FILING, D(2025, 4, 2), authority="comar")
        self.event(a9, K.DECISION, D(2025, 6, 11), authority="comar", result="complementary")
        self.incident(c9, ["physical"], "police", "mexico")

        c10 = self.client(
            "Julia",
            D(2024, 11, 1),
            nationalities=["CU"],
            date_of_birth=D(1992, 2, 29),
            gender_identity=W,
            current_state="MX-CMX",
            migration_status="irregular",
        )
        self.consent(c10, signed)
        self.member(c10, D(2010, 1, 1), "male", "with_her", life_status="deceased")
        a10 = self.case(c10, "asylum", D(2024, 11, 2), stage="resolution")
        self.event(a10, K.FILING, D(2024, 11, 5), authority="comar")
        self.event(a10, K.DECISION, D(2025, 2, 4), authority="comar", result="refused")
        self.case(c10, "regularisation", D(2025, 1, 10), D(2025, 11, 30), outcome="regularised")

        c11 = self.client("Karla", D(2023, 1, 10), nationalities=["HN"])
        self.consent(c11, signed)
        self.case(c11, "other", D(2023, 3, 1), D(2024, 6, 1), outcome="other")
        self.client("Lucía", D(2026, 1, 5), nationalities=["HN"])
        self.client("Marta", None, nationalities=["HN"])
        c14 = self.client("Nora", D(2025, 5, 5), nationalities=["HN"])
        self.consent(c14, signed)
        n14 = self.case(c14, "identity", D(2025, 5, 6))
        self.deadline(D(2025, 6, 1), "missed", case=n14)
        Client.objects.filter(pk=c14.pk).update(archived_at=clock.now())
        return self


def build_clinic() -> Clinic:
    return Clinic().build()
