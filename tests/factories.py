"""Factories for tests. Synthetic data only."""

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.accounts.models import ROLE_FIELDS, User

TEST_PASSWORD = "una-contraseña-de-prueba"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"persona{n}")
    first_name = factory.Faker("first_name", locale="es_MX")
    last_name = factory.Faker("last_name", locale="es_MX")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(TEST_PASSWORD)

    class Params:
        roles = ()

    @factory.lazy_attribute
    def is_intake(self):
        return "intake" in self.roles

    @factory.lazy_attribute
    def is_attorney(self):
        return "attorney" in self.roles

    @factory.lazy_attribute
    def is_coordinator(self):
        return "coordinator" in self.roles

    @factory.lazy_attribute
    def is_psychosocial(self):
        return "psychosocial" in self.roles

    @factory.lazy_attribute
    def is_clinic_admin(self):
        return "admin" in self.roles


def confirmed_device(user: User) -> TOTPDevice:
    """The user's confirmed authenticator, created when missing."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


ALL_ROLES = tuple(ROLE_FIELDS)
