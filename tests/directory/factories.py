"""Factories for the partner directory (synthetic organisations)."""

import datetime

import factory

from directory.choices import OrganisationKind
from directory.models import Office, Organisation


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organización de prueba {n}")
    kind = OrganisationKind.LEGAL_AID
    services = factory.LazyFunction(lambda: ["legal_advice"])
    last_verified_on = datetime.date(2026, 6, 1)


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    organisation = factory.SubFactory(OrganisationFactory)
    state = "MX-CMX"
    city = "Ciudad de México"
    address = factory.Sequence(lambda n: f"Calle Prueba {n}, Col. Centro")
    phones = factory.LazyFunction(
        lambda: [{"number": "+525512345678", "extension": "", "kind": "phone", "note": ""}]
    )
    emails = factory.LazyFunction(lambda: [{"address": "contacto@ejemplo.org", "label": ""}])
