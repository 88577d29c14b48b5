"""Run every registered periodic check (``plugins.periodic``): once, or in one loop.

Each app registers its own idempotent checks in its plugin.py (advocate: escalation
of breached complaints; mediator: escalated terms and diversion clocks; cases:
overdue tasks), each with its interval. ``manage.py periodic`` runs them all once
(cron); ``--every N`` wakes every N seconds and runs each check whose interval has
passed (``make run``, or a systemd service). A failing check is logged and the others
still run; run once, the command then exits with an error."""

import logging
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connection

from pendamping import plugins

log = logging.getLogger(__name__)


def _counts(result) -> str:
    if isinstance(result, dict):
        return ", ".join(f"{str(getattr(k, 'name', k)).lower()} {v}" for k, v in result.items())
    return str(result)


class Command(BaseCommand):
    help = "Run the registered periodic checks (idempotent): once, or every N seconds."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every", type=int, default=0,
            help="wake every N seconds and run the checks that are due (0: run all once)",
        )  # fmt: skip

    def handle(self, *args, every=0, **options):
        if every < 0:
            raise CommandError("--every must be 0 or more seconds.")
        checks = plugins.registry.periodics()
        last: dict[str, float] = {}
        while True:
            if not connection.in_atomic_block:  # (a test's transaction)
                close_old_connections()  # a long loop outlives a dropped connection
            now = time.monotonic()
            failed = []
            for check in checks:
                if check.key in last and now - last[check.key] < check.every_seconds:
                    continue
                last[check.key] = now
                try:
                    result = check.run()
                except Exception:
                    log.exception("periodic check %s failed", check.key)
                    failed.append(check.key)
                    self.stderr.write(f"{check.key}: failed (see the log)")
                    continue
                if options["verbosity"] >= 1:
                    self.stdout.write(f"{check.key}: {_counts(result)}")
            if not every:
                if failed:
                    raise CommandError(f"periodic checks failed: {', '.join(failed)}")
                return
            time.sleep(every)
