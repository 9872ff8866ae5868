"""Privacy notice versions."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from cases.models import PrivacyNotice

from .common import save_tracked


@transaction.atomic
def privacy_notice_publish(*, by, title: str, body: str) -> PrivacyNotice:
    """Publish a new version. Earlier versions stay: each consent points at the one she saw."""
    PrivacyNotice.objects.select_for_update().all().exists()  # serialise concurrent publishes
    latest = PrivacyNotice.objects.aggregate(latest=Max("version"))["latest"] or 0
    notice = PrivacyNotice(
        version=latest + 1, title=title.strip(), body=body.strip(), published_by=by
    )
    save_tracked(notice, by=by, reason=_("Privacy notice published"))
    return notice
