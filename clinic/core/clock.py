"""The one clock the application reads.

Date-dependent code calls :func:`now` and :func:`today` instead of ``datetime.now()`` so that tests
(time-machine) and browser tests, which run the live server in the same process, can move time.
``today`` is the date in Mexico City, not UTC: a deadline day ends at midnight in the clinic.
"""

import datetime

from django.utils import timezone


def now() -> datetime.datetime:
    return timezone.now()


def today() -> datetime.date:
    return timezone.localdate(now())


def localdate(moment: datetime.datetime) -> datetime.date:
    """The Mexico City date of an instant."""
    return timezone.localdate(moment)
