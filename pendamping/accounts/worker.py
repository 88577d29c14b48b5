"""The background worker's heartbeat and the reaper of work a dead worker left.

`manage.py worker` is django-tasks-db's `db_worker` with a heartbeat: a thread
writes WorkerHeartbeat every WORKER_HEARTBEAT_SECONDS. A worker killed with
`kill -9` (or a lost machine) stops beating; its task stays RUNNING in the database.
`reap_dead_workers` (a periodic check) marks every RUNNING task whose worker has not
beaten for WORKER_DEAD_AFTER_SECONDS as FAILED, with a message that says so; the
apps clean up their own work (clients: the import run and its file).
"""

import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat


class WorkerDied(Exception):
    """The worker running the task stopped without finishing it."""


def beat(worker_id: str) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "beat_at": timezone.now(),
        },
    )


def start_heartbeat(worker_id: str, every: float | None = None) -> threading.Event:
    """Beat now and then every `every` seconds in a daemon thread, until the returned
    event is set (or the process ends)."""
    every = every or settings.WORKER_HEARTBEAT_SECONDS
    stop = threading.Event()
    beat(worker_id)

    def loop():
        while not stop.wait(every):
            try:
                beat(worker_id)
            finally:
                connection.close()  # this thread's own connection

    threading.Thread(target=loop, name=f"heartbeat-{worker_id}", daemon=True).start()
    return stop


def dead_after():
    return timezone.now() - timedelta(seconds=settings.WORKER_DEAD_AFTER_SECONDS)


def reap_dead_workers() -> list[DBTaskResult]:
    """Fail every RUNNING task whose worker has no heartbeat since WORKER_DEAD_AFTER_SECONDS
    (or never had one and started before then); return them."""
    cutoff = dead_after()
    alive = set(
        WorkerHeartbeat.objects.filter(beat_at__gte=cutoff).values_list("worker_id", flat=True)
    )
    beats = dict(WorkerHeartbeat.objects.values_list("worker_id", "beat_at"))
    reaped = []
    for result in DBTaskResult.objects.running().filter(started_at__lt=cutoff):
        worker = result.worker_ids[-1] if result.worker_ids else ""
        if worker in alive:
            continue
        last = beats.get(worker)
        since = last.isoformat() if last else "never"
        result.set_failed(
            WorkerDied(
                f"Worker {worker or '?'} stopped while running this task "
                f"(last heartbeat: {since}); the task was not finished."
            )
        )
        reaped.append(result)
    WorkerHeartbeat.objects.filter(beat_at__lt=cutoff).delete()
    return reaped


def held_runs(task) -> set:
    """The first arguments (a run's id) of `task`'s queued or running tasks: runs a live
    worker still holds, which a reaper leaves alone."""
    from django.tasks import TaskResultStatus

    held = set()
    tasks = DBTaskResult.objects.filter(
        task_path=task.module_path,
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
    )
    for args_kwargs in tasks.values_list("args_kwargs", flat=True):
        args = args_kwargs.get("args") or [next(iter(args_kwargs.get("kwargs", {}).values()), None)]
        held.add(args[0])
    return held
