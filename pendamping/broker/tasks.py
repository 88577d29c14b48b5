"""Background work of the broker: a directory import's check and write, queued from
the web page (services/imports.py) and run by the worker of the task backend."""

from __future__ import annotations

from django.tasks import task
from django.utils import translation
from django.utils.translation import gettext as _


@task()
def run_directory_import(run_id: int) -> dict:
    from .services.imports import run_pass

    return {"run": run_id, "status": run_pass(run_id)}


def reap_stopped_directory_imports() -> list[int]:
    """A periodic check: a directory import whose worker died while checking or saving
    it (kill -9, a lost machine) is failed, saying nothing was saved (the write is one
    transaction), and its file deleted; a run a live task still holds is left alone.
    Returns the failed runs' ids."""
    from pendamping.accounts.worker import dead_after, held_runs, reap_dead_workers

    from .imports import DirectoryImport
    from .services.imports import finish_run

    reap_dead_workers()
    stale = DirectoryImport.objects.filter(
        status__in=DirectoryImport.ACTIVE, updated_at__lt=dead_after()
    ).exclude(pk__in=held_runs(run_directory_import))
    reaped = []
    for run in stale:
        with translation.override(run.language or None):
            finish_run(run, DirectoryImport.Status.FAILED, error=_(
                "Pekerja latar berhenti sebelum impor selesai; tidak ada yang disimpan. "
                "Unggah berkasnya lagi."))  # fmt: skip
        reaped.append(run.pk)
    return reaped
