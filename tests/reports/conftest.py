"""The hand-built clinic (``dataset.py``), built once per test module: each test runs inside a
savepoint of the module's transaction, which is rolled back at the end."""

import datetime

import pytest
from django.db import transaction
from django.utils import translation

from reports.selectors import Period

from .dataset import build_clinic

YEAR_2025 = Period(start=datetime.date(2025, 1, 1), end=datetime.date(2025, 12, 31))


@pytest.fixture(scope="module")
def clinic_2025(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        clinic = build_clinic()
        yield clinic
        transaction.set_rollback(True)


@pytest.fixture
def english():
    """Labels in English (the msgids), whatever the default language."""
    with translation.override("en"):
        yield
