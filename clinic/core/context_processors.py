"""Template context shared by every page: clinic name, demo banner, the role navigation and
the number of unread notifications."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from clinic.accounts.models import Role
from clinic.notifications.selectors import unread_count

# (url name, label, roles that see it). An empty roles tuple means every verified user.
NAVIGATION = [
    ("core:home", _("Home"), ()),
    ("notifications:notification_list", _("Notifications"), ()),
    ("cases:week", _("This week"), (Role.ATTORNEY, Role.COORDINATOR)),
    ("cases:my_cases", _("My cases"), (Role.ATTORNEY,)),
    ("cases:client_list", _("Clients"), (Role.INTAKE, Role.ATTORNEY, Role.COORDINATOR)),
    ("referrals:referral_list", _("Referrals"), (Role.INTAKE, Role.ATTORNEY, Role.COORDINATOR)),
    ("cases:intake_consent", _("Register"), (Role.INTAKE, Role.COORDINATOR)),
    ("cases:unassigned_queue", _("Queue"), (Role.COORDINATOR,)),
    ("cases:team", _("Team"), (Role.COORDINATOR,)),
    ("reports:statistics", _("Statistics"), (Role.COORDINATOR,)),
    (
        "directory:organisation_list",
        _("Directory"),
        (Role.INTAKE, Role.ATTORNEY, Role.COORDINATOR, Role.PSYCHOSOCIAL, Role.ADMIN),
    ),
    ("accounts:staff_list", _("Staff"), (Role.ADMIN,)),
    ("cases:notice_list", _("Privacy notice"), (Role.ADMIN,)),
    ("cases:template_list", _("Templates"), (Role.ADMIN,)),
]


def clinic(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    navigation = []
    unread_notifications = 0
    if user is not None and user.is_authenticated:
        verified = user.is_verified() or not settings.REQUIRE_MFA
        if verified:
            navigation = [
                (name, label)
                for name, label, roles in NAVIGATION
                if not roles or user.has_role(*roles)
            ]
            # One COUNT query per page, on the (recipient, read_at) index.
            unread_notifications = unread_count(user=user)
    return {
        "clinic_name": settings.CLINIC_NAME,
        "demo_mode": not settings.REQUIRE_MFA,
        "navigation": navigation,
        "unread_notifications": unread_notifications,
        "current_url_name": getattr(getattr(request, "resolver_match", None), "view_name", ""),
    }
