"""The agency admin's directory import page: upload a spreadsheet of services or HSDS
(a tabular zip or JSON), watch the worker check it, read the dry run's report, then
save or discard it (services/imports.py); download the spreadsheet template and the
agency's directory as tabular HSDS (zip) or JSON. The importers are the command
line's: `directory_sheet_import`, `hsds_import`, `hsds_export`."""

import io
import json
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from pendamping import csvcells, spreadsheets
from pendamping.accounts import access
from pendamping.clients.forms import ImportUploadForm
from pendamping.web import paginate, run_form, template_for

from ..access import directory_imports_for
from ..hsds.export import export_organizations, organizations_for_export
from ..hsds.sheet import COLUMNS, REQUIRED, template_rows
from ..hsds.tabular import write_tabular
from ..services.imports import (
    directory_import_confirm,
    directory_import_discard,
    directory_import_start,
)

MAX_ISSUES_SHOWN = 200


class DirectoryUploadForm(ImportUploadForm):
    EXTENSIONS = (".csv", ".xlsx", ".zip", ".json")
    wrong_type = gettext_lazy("Gunakan berkas .xlsx, .csv, .zip atau .json.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        field.label = _("Berkas direktori (XLSX, CSV, zip HSDS atau JSON HSDS)")
        field.error_messages["required"] = _("Pilih berkas untuk diimpor.")
        field.widget.attrs["accept"] = ",".join(self.EXTENSIONS)


@login_required
def directory_import(request):
    """Upload a directory file to check in the background; the agency's imports below."""
    access.require_manage_agency(request.user)
    form = DirectoryUploadForm(request.POST, request.FILES) if request.method == "POST" else None
    form = form or DirectoryUploadForm()
    status = 200
    if request.method == "POST":
        run, status = run_form(
            form, lambda d: directory_import_start(actor=request.user, upload=d["file"])
        )
        if run:
            messages.success(request, _("Berkas %(name)s diterima dan sedang diperiksa.")
                             % {"name": run.file_name})  # fmt: skip
            return redirect("directory_import_detail", pk=run.pk)
    runs = directory_imports_for(request.user).select_related("started_by")
    context = {
        "form": form,
        "page": paginate(request, runs.order_by("-started_at", "-id")),
        "columns": [(id_, en, k in REQUIRED) for k, id_, en, _x in COLUMNS],
        "max_bytes": settings.IMPORT_MAX_BYTES,
    }
    return render(request, "broker/directory_import.html", context, status=status)


def _run(request, pk):
    run = access.get_or_404(directory_imports_for(request.user).select_related(
        "started_by", "confirmed_by"), pk=pk)  # fmt: skip
    access.require_manage_agency(request.user)
    return run


@login_required
@require_GET
def directory_import_detail(request, pk):
    """A run's progress (polled by htmx while the worker has it), then its report."""
    run = _run(request, pk)
    report = run.report or {}
    context = {
        "run": run,
        "report": report,
        "errors": (report.get("errors") or [])[:MAX_ISSUES_SHOWN],
        "warnings": (report.get("warnings") or [])[:MAX_ISSUES_SHOWN],
        "more_errors": max(0, len(report.get("errors") or []) - MAX_ISSUES_SHOWN),
        "more_warnings": max(0, len(report.get("warnings") or []) - MAX_ISSUES_SHOWN),
        "by_row": run.kind == run.Kind.SHEET,
    }
    template = template_for(request, "broker/directory_import_detail.html", "progress")
    return render(request, template, context)


def _act(request, pk, service, done: str, refused: str):
    run = _run(request, pk)
    if service(actor=request.user, run=run):
        messages.success(request, done)
    else:
        messages.error(request, refused)
    return redirect("directory_import_detail", pk=run.pk)


@login_required
@require_POST
def directory_import_confirm_view(request, pk):
    return _act(request, pk, directory_import_confirm,
                _("Impor disetujui; direktori sedang disimpan."),
                _("Impor ini tidak lagi menunggu persetujuan."))  # fmt: skip


@login_required
@require_POST
def directory_import_discard_view(request, pk):
    return _act(request, pk, directory_import_discard, _("Impor dibatalkan; berkasnya dihapus."),
                _("Impor ini tidak dapat dibatalkan lagi."))  # fmt: skip


@login_required
@require_GET
def directory_template(request, fmt):
    """The spreadsheet template: the header row in the reader's language and an example."""
    access.require_manage_agency(request.user)
    header, example = template_rows()
    if fmt == "xlsx":
        data = spreadsheets.workbook([(_("Layanan"), header, [example])])
        return spreadsheets.xlsx_response(data, _("templat-direktori") + ".xlsx")
    if fmt != "csv":
        raise Http404
    out = io.StringIO()
    out.write("\ufeff")  # a BOM, so that Excel reads UTF-8
    writer = csvcells.writer(out)
    writer.writerow(header)
    writer.writerow(csvcells.row(example))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_("templat-direktori")}.csv"'
    return response


@login_required
@require_GET
def directory_export(request, fmt):
    """The agency's own directory entries as tabular HSDS in a zip (what `hsds_export
    --tabular` writes), or as HSDS JSON: the list of its organizations with their
    services nested. Both upload again unchanged; entries other agencies share are
    left out, since an import may not change them."""
    access.require_manage_agency(request.user)
    agency = access.agency_of(request.user)
    own = organizations_for_export(agency).filter(agency=agency)
    if fmt == "json":
        data = export_organizations(own)
        response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2),
                                content_type="application/json; charset=utf-8")  # fmt: skip
        response["Content-Disposition"] = 'attachment; filename="direktori-hsds.json"'
        return response
    if fmt != "zip":
        raise Http404
    with tempfile.TemporaryDirectory() as folder:
        write_tabular(Path(folder), export_organizations(own))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(Path(folder).iterdir()):
                archive.write(path, path.name)
    response = HttpResponse(out.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="direktori-hsds-tabel.zip"'
    return response
