"""A worker that dies (kill -9) leaves its task RUNNING and its import running: the
heartbeat says it died, the reaper fails both with a clear message and deletes the
uploaded file, and the same file uploaded again resumes (pendamping/accounts/worker.py,
clients.tasks.reap_stopped_imports)."""

import io
import signal
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from pendamping import plugins
from pendamping.accounts.models import WorkerHeartbeat
from pendamping.accounts.worker import reap_dead_workers
from pendamping.clients import importer
from pendamping.clients.models import Client, ImportRun
from pendamping.clients.tasks import reap_stopped_imports, run_import

from .test_import import GOOD, write_csv


def long_ago(settings):
    return timezone.now() - timedelta(seconds=settings.WORKER_DEAD_AFTER_SECONDS + 60)


def running_task(worker_id, started_at, args=(1, 1)):
    return DBTaskResult.objects.create(
        task_path=run_import.module_path, args_kwargs={"args": list(args), "kwargs": {}},
        status=TaskResultStatus.RUNNING, started_at=started_at, worker_ids=[worker_id],
        backend_name="default", run_after=started_at,
    )  # fmt: skip


def heartbeat(worker_id, at):
    WorkerHeartbeat.objects.create(worker_id=worker_id, host="test", pid=1, beat_at=at)


class TestTaskReaper:
    def test_a_task_of_a_silent_worker_fails_with_a_clear_message(self, db, settings):
        heartbeat("dead", long_ago(settings))
        task = running_task("dead", long_ago(settings))
        assert [t.pk for t in reap_dead_workers()] == [task.pk]
        task.refresh_from_db()
        assert task.status == TaskResultStatus.FAILED and task.finished_at
        assert "Worker dead stopped while running this task" in task.traceback
        assert task.exception_class_path == "pendamping.accounts.worker.WorkerDied"
        assert not WorkerHeartbeat.objects.filter(worker_id="dead").exists()

    def test_a_task_of_a_worker_that_never_beat_is_reaped_after_the_timeout(self, db, settings):
        task = running_task("unknown", long_ago(settings))
        reap_dead_workers()
        task.refresh_from_db()
        assert task.status == TaskResultStatus.FAILED and "last heartbeat: never" in task.traceback

    def test_a_live_worker_and_a_task_just_started_are_left_alone(self, db, settings):
        heartbeat("alive", timezone.now())
        busy = running_task("alive", long_ago(settings))
        fresh = running_task("starting", timezone.now())
        assert reap_dead_workers() == []
        for task in (busy, fresh):
            task.refresh_from_db()
            assert task.status == TaskResultStatus.RUNNING

    def test_the_worker_command_beats(self, db, monkeypatch):
        # in the test's transaction: no closing of the connection between tasks, and
        # the test runner's signal handlers back afterwards (see test_import_web)
        monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
        saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
        try:
            call_command("worker", "--batch", "--no-reload", "--no-startup-delay",
                         "--worker-id", "w-test", verbosity=0, stdout=io.StringIO())  # fmt: skip
        finally:
            for sig, handler in saved.items():
                signal.signal(sig, handler)
        beat = WorkerHeartbeat.objects.get(worker_id="w-test")
        assert timezone.now() - beat.beat_at < timedelta(minutes=1)

    def test_both_reapers_are_periodic_checks(self):
        keys = {c.key: c for c in plugins.registry.periodics()}
        assert {"task_reaper", "import_reaper"} <= keys.keys()


class TestImportReaper:
    @pytest.fixture
    def stopped(self, world, tmp_path, settings):
        """An import a worker was running when it was killed: RUNNING, its file still
        in the upload folder, its task RUNNING under a worker silent for long."""
        worker = world.a.users["worker"]
        path = write_csv(tmp_path / "klien.csv", GOOD)
        run = ImportRun.objects.create(
            agency=world.a.agency, file_sha256=importer.file_hash(path), file_name="klien.csv",
            started_by=worker, status=ImportRun.Status.RUNNING, stored_path=str(path),
            updated_at=long_ago(settings), total_rows=3,
        )  # fmt: skip
        heartbeat("killed", long_ago(settings))
        task = running_task("killed", long_ago(settings), args=(run.pk, worker.pk))
        return run, task, path

    def test_it_fails_the_run_deletes_the_file_and_fails_the_task(self, stopped):
        run, task, path = stopped
        assert reap_stopped_imports() == [run.pk]
        run.refresh_from_db()
        task.refresh_from_db()
        assert run.status == ImportRun.Status.FAILED and "Unggah berkas yang sama" in run.error
        assert not path.exists() and run.stored_path == ""
        assert task.status == TaskResultStatus.FAILED

    def test_the_same_file_again_resumes(self, stopped, tmp_path, world):
        run, _task, _path = stopped
        reap_stopped_imports()
        again = write_csv(tmp_path / "lagi.csv", GOOD)
        importer.import_clients(again, actor=world.a.users["worker"], file_name="lagi.csv")
        run.refresh_from_db()
        assert run.status == ImportRun.Status.DONE
        assert Client.objects.filter(full_name="Siti Aminah").count() == 1

    def test_a_run_whose_worker_is_alive_is_left_alone(self, stopped):
        run, _task, path = stopped
        WorkerHeartbeat.objects.filter(worker_id="killed").update(beat_at=timezone.now())
        assert reap_stopped_imports() == []
        run.refresh_from_db()
        assert run.status == ImportRun.Status.RUNNING and path.exists()
