"""A real `manage.py worker` killed with kill -9 in the middle of a client import
(issue 15): the reaper (`manage.py periodic`, a process of its own) fails the import
and its task and deletes the uploaded file (full of NIKs); the same file uploaded
again resumes after the last committed chunk, with no client and no refused row
written twice. Real processes on the test database (pendamping/tests/killed.py)."""

import csv
import io
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from pendamping.clients import services
from pendamping.clients.importer import CHUNK
from pendamping.clients.models import Client, ImportRejection, ImportRun
from pendamping.clients.nik import make_nik
from pendamping.clients.tasks import run_import

from . import killed

ROWS = 5 * CHUNK  # 5 chunks: time enough to be killed after the first
BAD_EVERY = 499  # a row with no date every so often: refused, in several chunks
HEARTBEAT = {"WORKER_HEARTBEAT_SECONDS": 1, "WORKER_DEAD_AFTER_SECONDS": 2}

pytestmark = pytest.mark.django_db(transaction=True)


def client_file() -> tuple[bytes, int]:
    """A CSV of ROWS clients with distinct NIKs, some rows refused; and how many."""
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["full_name", "nik", "sex", "birth_date", "region_code", "ppks", "religion"])
    bad = 0
    for i in range(ROWS):
        born = date(1980, 1, 1) + timedelta(days=i // 9000)
        if i % BAD_EVERY == BAD_EVERY - 1:
            w.writerow([f"Klien {i}", "", "P", "bukan tanggal", "", "", ""])
            bad += 1
        else:
            w.writerow([f"Klien {i}", make_nik("32.73.05", born, "F", i % 9000 + 1), "P",
                        born.isoformat(), "", "", ""])  # fmt: skip
    return out.getvalue().encode(), bad


def test_a_worker_killed_mid_import_is_reaped_and_the_import_resumes(world, settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "imports"
    db_file = tmp_path / "shared.sqlite3"
    admin = world.a.users["admin"]
    data, bad = client_file()
    run, queued = services.import_start(actor=admin, upload=SimpleUploadedFile("klien.csv", data))
    assert queued and run.status == ImportRun.Status.QUEUED
    stored = Path(run.stored_path)
    assert stored.is_file() and DBTaskResult.objects.filter(task_path=run_import.module_path)

    with killed.shared(db_file):
        worker = killed.start(["manage.py", "worker", "--no-reload", "--no-startup-delay",
                               "--worker-id", "w-killed", "--interval", "0.2"],
                              db_file, **HEARTBEAT)  # fmt: skip
        sql = "SELECT committed_rows FROM clients_importrun WHERE id = ?"
        committed = killed.wait_for(
            lambda: (killed.peek(db_file, sql, (run.pk,))[0] or 0) >= CHUNK, process=worker
        )
        killed.kill9(worker)
        assert committed and killed.peek(db_file, sql, (run.pk,))[0] < ROWS
        time.sleep(2.5)  # the heartbeat and the run's last chunk are now older than 2 s
        reaper = killed.run(["manage.py", "periodic"], db_file, **HEARTBEAT)
        assert "import_reaper: " in reaper and f"[{run.pk}]" in reaper, reaper

    run.refresh_from_db()
    stopped_at = run.committed_rows
    assert CHUNK <= stopped_at < ROWS and stopped_at % CHUNK == 0
    assert run.status == ImportRun.Status.FAILED
    assert "Unggah berkas yang sama untuk melanjutkan" in run.error
    assert not stored.exists() and run.stored_path == ""  # the NIKs do not stay behind
    task = DBTaskResult.objects.get(task_path=run_import.module_path)
    assert task.status == TaskResultStatus.FAILED and "w-killed stopped" in task.traceback
    assert Client.objects.filter(agency=world.a.agency, full_name__startswith="Klien ").count() \
        == run.created > 0  # fmt: skip

    # the same file again: queued again, and a real worker finishes it
    again, queued = services.import_start(actor=admin, upload=SimpleUploadedFile("k.csv", data))
    assert queued and again.pk == run.pk and again.status == ImportRun.Status.QUEUED
    with killed.shared(db_file):
        killed.run(["manage.py", "worker", "--batch", "--no-reload", "--no-startup-delay",
                    "--worker-id", "w-again"], db_file, **HEARTBEAT)  # fmt: skip

    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE and run.committed_rows == ROWS
    clients = Client.objects.filter(agency=world.a.agency, full_name__startswith="Klien ")
    assert clients.count() == ROWS - bad == run.created
    assert clients.values("nik").distinct().count() == ROWS - bad  # no row written twice
    rows = list(ImportRejection.objects.filter(run=run).values_list("row", flat=True))
    assert len(rows) == len(set(rows)) == bad == run.rejected  # every refused row, once
    assert not Path(again.stored_path).exists()
