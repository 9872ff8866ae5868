"""Writing notifications. Other apps' services call :func:`notification_create`; the recipient
marks hers as read with :func:`notifications_mark_read`."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from clinic.accounts.models import User
from clinic.accounts.selectors import reminder_recipients
from clinic.core import clock

from .models import Notification

TEXT_MAX_LENGTH = Notification._meta.get_field("text").max_length


@transaction.atomic
def notification_create(
    *, recipient: User, kind: str, text: str, url: str = "", case_number: str = ""
) -> Notification:
    """Create a notification for ``recipient`` and return it. While she is on leave with an
    active delegate (``reminder_recipients``), the delegate gets a copy whose text starts with
    "On behalf of <her full name>: ". ``text`` must already be in the clinic's language and name
    cases by case number only; ``url`` must be a path inside the application (validated)."""
    notification = Notification(
        recipient=recipient, kind=kind, text=text, url=url, case_number=case_number
    )
    notification.full_clean()
    notification.save()
    for delegate in reminder_recipients(recipient)[1:]:
        # Stored in the clinic's language, whatever language the acting user browses in.
        with translation.override(settings.LANGUAGE_CODE):
            prefix = _("On behalf of %(name)s: ") % {
                "name": recipient.get_full_name() or recipient.username
            }
        copy = Notification(
            recipient=delegate,
            kind=kind,
            text=Truncator(prefix + text).chars(TEXT_MAX_LENGTH),
            url=url,
            case_number=case_number,
        )
        copy.full_clean()
        copy.save()
    return notification


def notifications_mark_read(*, user: User, pks: Iterable[int] | None = None) -> int:
    """Mark the user's unread notifications as read — all of them, or only those in ``pks``.
    Only her own rows are ever touched (other pks are ignored). Returns how many changed."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if pks is not None:
        unread = unread.filter(pk__in=list(pks))
    # Notifications have no history: a bulk update is safe here.
    return unread.update(read_at=clock.now())
