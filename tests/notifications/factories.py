"""Factories for notifications. Synthetic data only."""

import factory

from clinic.notifications.models import Notification, NotificationKind
from tests.factories import UserFactory


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory, roles=("attorney",))
    kind = NotificationKind.DEADLINE_MISSED
    text = factory.Sequence(lambda n: f"Venció un plazo del caso AC-2026-{n + 1:05d}-01.")
    url = factory.Sequence(lambda n: f"/casos/{n + 1}/")
    case_number = factory.Sequence(lambda n: f"AC-2026-{n + 1:05d}-01")
