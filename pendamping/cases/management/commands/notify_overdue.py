"""Tell every assignee of an overdue task, once per task: run it daily (cron, or a
periodic task). Running it twice tells nobody twice."""

from django.core.management.base import BaseCommand

from pendamping.cases.services import tasks_overdue_notify


class Command(BaseCommand):
    help = "Notify the assignees of open tasks past their due date (idempotent)."

    def handle(self, *args, **options):
        told = tasks_overdue_notify()
        if options["verbosity"]:
            self.stdout.write(f"{told} notification(s) of overdue tasks.")
