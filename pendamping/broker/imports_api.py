"""The directory import over the API, for the agency's admin: upload a spreadsheet of
services or HSDS (tabular zip or JSON) for a dry run in the background, read the run's
status and report, then confirm or discard it (services/imports.py, as the page)."""

from datetime import datetime

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from ninja import File, Path, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError
from ninja.pagination import paginate

from pendamping.accounts import access
from pendamping.pagination import Pagination

from .access import directory_imports_for
from .imports import DirectoryImport
from .services.imports import (
    directory_import_confirm,
    directory_import_discard,
    directory_import_start,
)

router = Router(tags=["broker"])
ID = Path(..., ge=1, le=2**62)


class ImportOut(Schema):
    id: int
    kind: str
    file_name: str
    status: str
    step: int
    percent: int
    started_at: datetime
    finished_at: datetime | None
    error: str
    report: dict


def _found(request, import_id: int) -> DirectoryImport:
    run = access.get_or_404(directory_imports_for(request.user), pk=import_id)
    access.require_manage_agency(request.user)
    return run


@router.get("/imports", response=list[ImportOut])
@paginate(Pagination)
def import_list(request):
    """The agency's directory imports, newest first."""
    access.require_manage_agency(request.user)
    return directory_imports_for(request.user).order_by("-started_at", "-id")


@router.post("/imports", response={201: ImportOut})
def import_start(request, file: File[UploadedFile]):
    """Upload a file (multipart/form-data ``file``: .xlsx, .csv, .zip of HSDS tables or
    HSDS .json) for a dry run; poll the run until ``checked`` (or ``refused``)."""
    access.require_manage_agency(request.user)
    if file.size > settings.IMPORT_MAX_BYTES:
        raise HttpError(422, _("Berkas terlalu besar (%(size)s); paling besar %(max)s.") % {
            "size": filesizeformat(file.size), "max": filesizeformat(settings.IMPORT_MAX_BYTES)})  # fmt: skip
    return Status(201, directory_import_start(actor=request.user, upload=file))


@router.get("/imports/{import_id}", response=ImportOut)
def import_get(request, import_id: int = ID):
    """A run's status and the report of its last pass (created, updated, errors, warnings)."""
    return _found(request, import_id)


def _act(request, import_id: int, service, refused: str) -> DirectoryImport:
    if not service(actor=request.user, run=_found(request, import_id)):
        raise HttpError(409, refused)
    return _found(request, import_id)


@router.post("/imports/{import_id}/confirm", response=ImportOut)
def import_confirm(request, import_id: int = ID):
    """Save a checked run (in the background); 409 when it no longer waits."""
    return _act(request, import_id, directory_import_confirm,
                _("Impor ini tidak lagi menunggu persetujuan."))  # fmt: skip


@router.post("/imports/{import_id}/discard", response=ImportOut)
def import_discard(request, import_id: int = ID):
    """Drop a run that waits (its file is deleted); 409 once it is being saved."""
    return _act(request, import_id, directory_import_discard,
                _("Impor ini tidak dapat dibatalkan lagi."))  # fmt: skip
