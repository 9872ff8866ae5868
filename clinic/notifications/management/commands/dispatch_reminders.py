"""Send due reminders without Celery (the same service beat runs every five minutes)."""

from django.core.management.base import BaseCommand

from clinic.notifications.reminders import digests_send, reminders_dispatch


class Command(BaseCommand):
    help = "Insert and send every due deadline reminder and escalation (exactly once)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--digest", action="store_true", help="Also send today's daily summaries."
        )

    def handle(self, *args, digest: bool = False, **options):
        result = reminders_dispatch()
        self.stdout.write(
            f"reminders: {result.created} created, {result.sent} sent, {result.failed} failed"
        )
        if digest:
            digests = digests_send()
            self.stdout.write(
                f"digests: {digests.created} created, {digests.sent} sent, {digests.failed} failed"
            )
