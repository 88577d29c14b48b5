"""`manage.py worker`: django-tasks-db's `db_worker`, with a heartbeat (see
pendamping/accounts/worker.py). Takes every option of `db_worker`."""

from django_tasks_db.management.commands import db_worker

from pendamping.accounts.worker import start_heartbeat


class Command(db_worker.Command):
    help = "Run background tasks (client imports), with a heartbeat the reaper watches."

    def handle(self, *args, worker_id: str, **options):
        stop = start_heartbeat(worker_id)
        try:
            super().handle(*args, worker_id=worker_id, **options)
        finally:
            stop.set()
