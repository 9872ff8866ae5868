"""Factories for clients and their records. Synthetic data only."""

import datetime

import factory

from cases import choices
from cases.models import Client, Consent, FamilyMember, PrivacyNotice
from tests.factories import UserFactory


class PrivacyNoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrivacyNotice

    version = factory.Sequence(lambda n: n + 1)
    title = "Aviso de privacidad integral"
    body = "Tratamos tus datos sensibles solo para prestarte servicios jurídicos. Derechos ARCO."
    published_by = factory.SubFactory(UserFactory, roles=("admin",))


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    client_code = factory.Sequence(lambda n: f"AC-2026-{n + 1:05d}")
    status = choices.ClientStatus.SUBMITTED
    registered_by = factory.SubFactory(UserFactory, roles=("intake",))
    given_names = factory.Faker("first_name_female", locale="es_MX")
    first_surname = factory.Faker("last_name", locale="es_MX")
    second_surname = factory.Faker("last_name", locale="es_MX")
    date_of_birth = datetime.date(1992, 3, 14)
    migration_status = choices.MigrationStatus.ASYLUM_SEEKER


class FamilyMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FamilyMember

    client = factory.SubFactory(ClientFactory)
    relationship = choices.Relationship.CHILD
    given_names = factory.Faker("first_name", locale="es_MX")
    first_surname = factory.Faker("last_name", locale="es_MX")


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    client = factory.SubFactory(ClientFactory)
    purpose = choices.ConsentPurpose.LEGAL_SERVICES
    decision = choices.ConsentDecision.GIVEN
    method = choices.ConsentMethod.SIGNATURE
    notice = factory.SubFactory(PrivacyNoticeFactory)
    recorded_by = factory.SubFactory(UserFactory, roles=("intake",))
