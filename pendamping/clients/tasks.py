"""Background work for clients: the bulk import queued from the web page.

Run by the worker of the configured task backend (`python manage.py db_worker`
with django-tasks-db, see settings.TASKS).
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.tasks import task
from django.utils import translation
from django.utils.translation import gettext as _

from pendamping.accounts.worker import dead_after, held_runs, reap_dead_workers

from .importer import ImportFileError, ImportOvertaken, import_clients, set_status
from .models import ImportRun


@task()
def run_import(run_id: int, actor_id: int) -> dict:
    """Import the file waiting for run `run_id`, then delete the file.

    Progress (committed_rows of total_rows), the refused rows and every status change
    are written to the run by `import_clients` as it goes, so the progress page
    reads them from the database.
    """
    run = ImportRun.objects.filter(pk=run_id).first()
    if run is None or run.status != ImportRun.Status.QUEUED:
        return {"run": run_id, "skipped": True}  # queued twice; the other task ran it
    actor = get_user_model().objects.get(pk=actor_id)
    path = Path(run.stored_path) if run.stored_path else None
    outcome: dict = {"run": run_id}
    try:
        with translation.override(run.language or None):
            if path is None or not path.is_file():
                set_status(run, ImportRun.Status.FAILED, actor=actor, error=_(
                    "Berkas unggahan tidak ditemukan lagi. Unggah berkas yang sama untuk "
                    "melanjutkan."))  # fmt: skip
                return outcome | {"status": "failed"}
            try:
                result = import_clients(
                    path, actor=actor, file_name=run.file_name, agency=run.agency
                )
            except ImportFileError:
                return outcome | {"status": "failed"}  # import_clients recorded why
            except PermissionDenied as e:
                set_status(run, ImportRun.Status.FAILED, actor=actor, error=str(e))
                return outcome | {"status": "failed"}
            except ImportOvertaken:
                return outcome | {"status": "overtaken"}
            except Exception:
                # whatever stopped it before the importer could say so: the run must not
                # stay queued with its page waiting forever (no detail: it may hold data)
                run.refresh_from_db()
                if run.active:
                    set_status(run, ImportRun.Status.FAILED, actor=actor, error=_(
                        "Impor terhenti karena kesalahan tak terduga. Unggah berkas yang sama "
                        "lagi untuk melanjutkan."))  # fmt: skip
                raise
            return outcome | {
                "status": "done", "created": result.created, "rejected": len(result.rejected),
            }  # fmt: skip
    finally:
        # the file holds NIKs: it does not outlive its import, whatever the outcome
        if path is not None:
            path.unlink(missing_ok=True)
            ImportRun.objects.filter(pk=run_id, stored_path=str(path)).update(stored_path="")


def reap_stopped_imports() -> list[int]:
    """A periodic check: an import whose worker died (kill -9, a lost machine) is failed
    with a message that says how to resume, and its uploaded file (full of NIKs) is
    deleted. Dead workers' tasks are reaped first (accounts.worker); a run still held
    by a READY or RUNNING task is left alone. Returns the failed runs' ids."""
    reap_dead_workers()
    held = held_runs(run_import)
    stale = ImportRun.objects.filter(
        status__in=[ImportRun.Status.QUEUED, ImportRun.Status.RUNNING], updated_at__lt=dead_after()
    ).exclude(pk__in=held)
    reaped = []
    for run in stale.select_related("started_by"):
        with translation.override(run.language or None):
            set_status(run, ImportRun.Status.FAILED, actor=run.started_by, error=_(
                "Pekerja latar berhenti di tengah impor. Unggah berkas yang sama untuk "
                "melanjutkan dari baris terakhir yang tersimpan."))  # fmt: skip
        if run.stored_path:
            Path(run.stored_path).unlink(missing_ok=True)
            ImportRun.objects.filter(pk=run.pk).update(stored_path="")
        reaped.append(run.pk)
    return reaped
