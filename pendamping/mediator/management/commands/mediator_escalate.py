"""Tell the mediator's escalations (mediator/escalation.py): agreement terms not
complied with a week after their due date, diversion clocks at their end. Run it
daily or more often (cron, a systemd timer); each run is idempotent."""

from django.core.management.base import BaseCommand

from pendamping.mediator.escalation import escalate_due


class Command(BaseCommand):
    help = "Notify escalated agreement terms and diversion clocks at their end (idempotent)."

    def handle(self, *args, **options):
        counts = escalate_due()
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"notified: terms {counts['terms']}, diversion clocks {counts['clocks']}"
            )
