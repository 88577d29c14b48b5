"""Directory imports from the web page (imports.py): the upload, its check by the
worker (a dry run whose report is shown), the admin's confirmation, the write, and
discarding. The importers are the command line's (hsds/sheet.py, hsds/importer.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pendamping import uploads
from pendamping.accounts import access

from ..hsds.importer import import_path
from ..hsds.report import report_json
from ..hsds.sheet import import_sheet
from ..hsds.tabular import ArchiveRefused, check_archive
from ..imports import DirectoryImport

KINDS = {".xlsx": "sheet", ".csv": "sheet", ".zip": "hsds", ".json": "hsds"}
# a tabular HSDS zip has one CSV per object type (about 20) and a datapackage.json
MAX_MEMBERS = 64


def _check_zip(path: Path, name: str) -> None:
    try:
        check_archive(path, max_bytes=settings.IMPORT_MAX_UNPACKED_BYTES, max_members=MAX_MEMBERS)
    except uploads.UploadTooLarge:
        raise ValidationError({"file": [_(
            "%(name)s: isi zip ini terlalu besar (lebih dari %(max)s setelah dibuka, atau lebih "
            "dari %(n)s berkas).") % {"name": name, "n": MAX_MEMBERS,
                                      "max": filesizeformat(settings.IMPORT_MAX_UNPACKED_BYTES)}]}) from None  # fmt: skip
    except ArchiveRefused as exc:
        raise ValidationError({"file": [f"{name}: {exc}"]}) from None
    except (zipfile.BadZipFile, OSError):
        raise ValidationError({"file": [_("%(name)s: bukan berkas zip yang dapat dibaca.")
                                        % {"name": name}]}) from None  # fmt: skip


def directory_import_start(*, actor, upload) -> DirectoryImport:
    """Keep the upload and queue its check; ValidationError for a file of another type
    or an unsafe zip, leaving nothing behind."""
    from ..tasks import run_directory_import

    access.require_manage_agency(actor)
    kind = KINDS.get(Path(upload.name).suffix.lower())
    if kind is None:
        raise ValidationError({"file": [_("Gunakan berkas .xlsx, .csv, .zip atau .json.")]})
    path = uploads.store_upload(upload, settings.IMPORT_UPLOAD_DIR)
    try:
        if path.suffix == ".zip":
            _check_zip(path, upload.name)
        with transaction.atomic():
            run = DirectoryImport.objects.create(
                agency=access.agency_of(actor), kind=kind, file_name=upload.name[:255],
                started_by=actor, stored_path=str(path),
                language=translation.get_language() or settings.LANGUAGE_CODE,
            )  # fmt: skip
            transaction.on_commit(lambda: run_directory_import.enqueue(run.pk))
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return run


def directory_import_confirm(*, actor, run: DirectoryImport) -> bool:
    """Queue the write of a checked run; False when it is no longer waiting."""
    from ..tasks import run_directory_import

    access.require_manage_agency(actor)
    with transaction.atomic():
        moved = DirectoryImport.objects.filter(
            pk=run.pk, status=DirectoryImport.Status.CHECKED
        ).update(status=DirectoryImport.Status.SAVE_QUEUED, confirmed_by=actor,
                 updated_at=timezone.now())  # fmt: skip
        if moved:
            transaction.on_commit(lambda: run_directory_import.enqueue(run.pk))
    return bool(moved)


def directory_import_discard(*, actor, run: DirectoryImport) -> bool:
    """Drop a checked (or refused) run and its file; False when it is being saved."""
    access.require_manage_agency(actor)
    moved = DirectoryImport.objects.filter(
        pk=run.pk, status__in=[DirectoryImport.Status.CHECKED, DirectoryImport.Status.QUEUED]
    ).update(status=DirectoryImport.Status.DISCARDED, stored_path="", updated_at=timezone.now(),
             finished_at=timezone.now())  # fmt: skip
    if moved and run.stored_path:
        Path(run.stored_path).unlink(missing_ok=True)
    return bool(moved)


def _claim(run_id: int, before: str, during: str) -> DirectoryImport | None:
    """The run, moved from `before` to `during`; None when another worker took it."""
    moved = DirectoryImport.objects.filter(pk=run_id, status=before).update(
        status=during, updated_at=timezone.now()
    )
    return (
        DirectoryImport.objects.select_related("agency", "started_by").get(pk=run_id)
        if moved
        else None
    )


def finish_run(
    run: DirectoryImport, status: str, report: dict | None = None, error: str = ""
) -> None:
    keep = status == DirectoryImport.Status.CHECKED
    if not keep and run.stored_path:
        Path(run.stored_path).unlink(missing_ok=True)
    fields = {"status": status, "updated_at": timezone.now(), "error": error}
    if report is not None:
        fields["report"] = report
    if not keep:
        fields |= {"stored_path": "", "finished_at": timezone.now()}
    DirectoryImport.objects.filter(pk=run.pk).update(**fields)


def run_pass(run_id: int) -> str:
    """One pass of the worker over the run: its check (a dry run), or, once confirmed,
    its write. Returns the status it left the run in ("" when there was nothing to do)."""
    S = DirectoryImport.Status
    run = _claim(run_id, S.QUEUED, S.CHECKING)
    dry_run = True
    if run is None:
        run = _claim(run_id, S.SAVE_QUEUED, S.SAVING)
        dry_run = False
    if run is None:
        return ""
    with translation.override(run.language or None):
        path = Path(run.stored_path) if run.stored_path else None
        if path is None or not path.is_file():
            finish_run(run, S.FAILED, error=_("Berkas unggahan tidak ditemukan lagi; unggah lagi."))
            return S.FAILED
        actor = run.confirmed_by or run.started_by
        try:
            if run.kind == DirectoryImport.Kind.SHEET:
                report = import_sheet(path, agency=run.agency, actor=actor, dry_run=dry_run,
                                      display_name=run.file_name)  # fmt: skip
            else:
                report = import_path(path, agency=run.agency, actor=actor, dry_run=dry_run)
        except Exception:
            finish_run(run, S.FAILED, error=_(
                "Impor terhenti karena kesalahan tak terduga; tidak ada yang disimpan."))  # fmt: skip
            raise
        status = S.REFUSED if not report.ok else S.CHECKED if dry_run else S.DONE
        finish_run(run, status, report_json(report, file_path=str(path), file_name=run.file_name))
        return status
