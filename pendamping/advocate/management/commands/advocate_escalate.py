"""Escalate breached complaints (advocate/escalation.py): once, or every N seconds.

The same check is the periodic check ``advocate_escalate`` that ``manage.py periodic``
runs (``make run`` and production: README, Running in production). Each run is
idempotent."""

import time

from django.core.management.base import BaseCommand

from pendamping.advocate.escalation import escalate_due


class Command(BaseCommand):
    help = "Escalate complaints past their SLA deadline (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every", type=int, default=0, help="repeat every N seconds (0: run once)"
        )

    def handle(self, *args, every=0, **options):
        if every < 0:
            self.stderr.write("--every must be 0 or more seconds.")
            return
        while True:
            counts = escalate_due()
            if options["verbosity"] >= 1:
                self.stdout.write(f"escalated: supervisor {counts[1]}, agency admin {counts[2]}")
            if not every:
                return
            time.sleep(every)
