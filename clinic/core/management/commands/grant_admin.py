"""Give an existing account the clinic administrator role (bootstrapping the first
administrator, or recovering when none is left). Run by an operator on the server:

    python manage.py grant_admin <username>

Roles otherwise change only in the staff pages, where nobody can change her own roles."""

from django.core.management.base import BaseCommand, CommandError
from simple_history.utils import update_change_reason

from clinic.accounts.models import User
from clinic.audit.models import AuditAction
from clinic.audit.services import audit_record


class Command(BaseCommand):
    help = "Give an existing account the clinic administrator role."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        user = User.objects.filter(username__iexact=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active account named {username!r}.")
        if user.is_clinic_admin:
            self.stdout.write(f"{user.username} is already an administrator.")
            return
        user.is_clinic_admin = True
        user.save(update_fields=["is_clinic_admin"])
        update_change_reason(user, "Administrator role granted with manage.py grant_admin")
        audit_record(action=AuditAction.USER_UPDATED, obj=user)
        self.stdout.write(self.style.SUCCESS(f"{user.username} is now an administrator."))
