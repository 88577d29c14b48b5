"""A real `manage.py worker` killed with kill -9 while it saves a directory import
(issue 17: all or nothing per file): not one provider or service of the file is in
the directory afterwards; the reaper (`manage.py periodic`) fails the run saying that
nothing was saved and deletes the file; a worker started again leaves it failed; the
same file uploaded again is checked, confirmed and saved whole by a real worker, each
entry once. Real processes on the test database (pendamping/tests/killed.py)."""

import csv
import io
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from pendamping.broker.imports import DirectoryImport
from pendamping.broker.models import Organization, Service, ServiceText
from pendamping.broker.services.imports import directory_import_confirm, directory_import_start
from pendamping.broker.tasks import run_directory_import
from pendamping.taxonomy import terms as taxonomy
from pendamping.tests import killed

from .test_hsds import _need_schemas  # noqa: F401  (skips without the schemas)
from .test_hsds_sheet import ID

SERVICES = 300  # a save of some seconds: time enough to be killed in the middle of it
PER_PROVIDER = 10
HEARTBEAT = {"WORKER_HEARTBEAT_SECONDS": 1, "WORKER_DEAD_AFTER_SECONDS": 2}
WORKER = ["manage.py", "worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"]

pytestmark = pytest.mark.django_db(transaction=True)


def sheet() -> bytes:
    out = io.StringIO()
    w = csv.writer(out, delimiter=";")
    w.writerow(ID)
    for i in range(SERVICES):
        w.writerow([f"Yayasan Uji {i // PER_PROVIDER}", f"Layanan Uji {i}", f"Jl. Uji {i}",
                    "Bandung", "32.73", "022-4201234", "", "", "pengasuhan.lansia"])  # fmt: skip
    return out.getvalue().encode()


def writing(db_file: Path) -> bool:
    """Whether a process holds a write transaction on the database now: the worker's
    save, which is one transaction (its heartbeats are short ones of their own)."""
    if connection.vendor == "postgresql":
        sql = ("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
               "AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL "
               "AND now() - xact_start > interval '300 milliseconds'")  # fmt: skip
        return killed.peek(db_file, sql)[0] > 0
    import sqlite3

    db = sqlite3.connect(db_file, timeout=0, isolation_level=None)
    try:
        db.execute("BEGIN IMMEDIATE")  # refused while another connection writes
        db.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        db.close()


def count(db_file: Path, table: str) -> int:
    return killed.peek(db_file, f"SELECT count(*) FROM {table}")[0]


def status(db_file: Path, run) -> str:
    return killed.peek(db_file, "SELECT status FROM broker_directoryimport WHERE id = ?",
                       (run.pk,))[0]  # fmt: skip


def checked(run, db_file: Path, admin) -> None:
    """The run's check by a real worker, then the admin's confirmation."""
    with killed.shared(db_file):
        killed.run([*WORKER, "--batch", "--worker-id", f"w-check-{run.pk}"], db_file, **HEARTBEAT)
    run.refresh_from_db()
    assert run.status == "checked" and run.report["created"] == SERVICES * 11 // PER_PROVIDER
    assert directory_import_confirm(actor=admin, run=run)


def test_a_worker_killed_mid_save_saves_nothing_and_the_file_saves_whole_again(
    world, settings, tmp_path
):
    taxonomy.load()  # an earlier transactional test's flush emptied what migrations loaded
    settings.IMPORT_UPLOAD_DIR = tmp_path / "imports"
    db_file = tmp_path / "shared.sqlite3"
    admin, data = world.a.users["admin"], sheet()
    run = directory_import_start(actor=admin, upload=SimpleUploadedFile("uji.csv", data))
    stored = Path(run.stored_path)
    checked(run, db_file, admin)

    with killed.shared(db_file):
        worker = killed.start([*WORKER, "--worker-id", "w-killed"], db_file, **HEARTBEAT)
        killed.wait_for(
            lambda: status(db_file, run) == "saving" and writing(db_file), process=worker
        )
        killed.kill9(worker)
        assert status(db_file, run) == "saving"  # killed before its save committed
        assert count(db_file, "broker_organization") == count(db_file, "broker_service") == 0
        time.sleep(2.5)  # the heartbeat and the run's claim are now older than 2 s
        reaper = killed.run(["manage.py", "periodic"], db_file, **HEARTBEAT)
        assert "directory_import_reaper: " in reaper and f"[{run.pk}]" in reaper, reaper
        # a worker started again has nothing to resume: the run stays failed
        killed.run([*WORKER, "--batch", "--worker-id", "w-again"], db_file, **HEARTBEAT)

    run.refresh_from_db()
    assert run.status == DirectoryImport.Status.FAILED and run.finished_at
    assert "tidak ada yang disimpan" in run.error and "Unggah berkasnya lagi" in run.error
    assert not stored.exists() and run.stored_path == ""
    tasks = DBTaskResult.objects.filter(task_path=run_directory_import.module_path)
    (killed_task,) = [t for t in tasks if "w-killed" in t.worker_ids]
    assert killed_task.status == TaskResultStatus.FAILED
    assert "w-killed stopped" in killed_task.traceback
    assert not Organization.objects.exists() and not Service.objects.exists()
    assert not ServiceText.objects.exists()

    # the same file again: checked, confirmed and saved whole by a real worker
    again = directory_import_start(actor=admin, upload=SimpleUploadedFile("uji.csv", data))
    assert again.pk != run.pk
    checked(again, db_file, admin)
    with killed.shared(db_file):
        killed.run([*WORKER, "--batch", "--worker-id", "w-save"], db_file, **HEARTBEAT)
    again.refresh_from_db()
    assert again.status == DirectoryImport.Status.DONE, (again.error, again.report)
    services = Service.objects.filter(agency=world.a.agency)
    assert services.count() == SERVICES == services.values("name").distinct().count()
    assert Organization.objects.count() == SERVICES // PER_PROVIDER
    assert ServiceText.objects.count() == SERVICES  # each indexed for the search
    assert not Path(again.stored_path or stored).exists()
