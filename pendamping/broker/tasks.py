"""Background work of the broker: a directory import's check and write, queued from
the web page (services/imports.py) and run by the worker of the task backend."""

from __future__ import annotations

from django.tasks import task


@task()
def run_directory_import(run_id: int) -> dict:
    from .services.imports import run_pass

    return {"run": run_id, "status": run_pass(run_id)}
