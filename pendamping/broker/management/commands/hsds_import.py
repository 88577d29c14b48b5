"""Import Open Referral HSDS 3.0 services and organizations into the directory."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from pendamping.accounts.models import Agency
from pendamping.broker.hsds.importer import import_path


def find_agency(value: str) -> Agency:
    """An agency by id, or else by its exact name."""
    value = value.strip()
    if value.isascii() and value.isdigit():
        agency = Agency.objects.filter(pk=int(value)).first()
        if agency is not None:
            return agency
    matches = list(Agency.objects.filter(name=value)[:2])
    if len(matches) > 1:
        raise CommandError(
            _("Ada lebih dari satu lembaga bernama %(name)s; pakai id lembaga.") % {"name": value}
        )
    if not matches:
        raise CommandError(_("Lembaga %(agency)s tidak ditemukan.") % {"agency": value})
    return matches[0]


class Command(BaseCommand):
    help = (
        "Import HSDS 3.0 service and organization objects from a JSON file (one object or a "
        "list) or a folder of .json files, all or nothing, for one agency."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            type=Path,
            help="A .json file, a folder of .json files, or tabular HSDS: a folder or zip of CSVs.",
        )
        parser.add_argument(
            "--agency", required=True, help="The owning agency: its id or its exact name."
        )
        parser.add_argument(
            "--shared", action="store_true", help="Share the imported entries with every agency."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would be created, updated, mapped and warned; write nothing.",
        )

    def handle(self, *args, path: Path, agency: str, shared: bool, dry_run: bool, **options):
        owner = find_agency(agency)
        try:
            report = import_path(path, agency=owner, shared=shared, dry_run=dry_run)
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        write_report(self, report, owner, dry_run)


def issue_line(issue, row_label: bool = False) -> str:
    """An issue as one line; with `row_label`, named by row and column (a spreadsheet)."""
    if not row_label or issue.index is None:
        return str(issue)
    return _("baris %(row)s, kolom %(column)s: %(message)s") % {
        "row": issue.index, "column": issue.field or "-", "message": issue.message}  # fmt: skip


def write_report(command, report, owner, dry_run: bool, row_label: bool = False) -> None:
    """The report on the command's output; CommandError (nothing written) on errors."""
    for line in report_lines(report, row_label):
        (command.stdout if report.ok else command.stderr).write(line)
    if not report.ok:
        for issue in report.errors:
            command.stderr.write(issue_line(issue, row_label))
        raise CommandError(
            _("Impor gagal: %(count)d kesalahan; tidak ada data yang disimpan.")
            % {"count": len(report.errors)}
        )
    if dry_run:
        message = _(
            "Uji coba untuk %(agency)s, tidak ada yang disimpan: %(created)d entri akan "
            "dibuat, %(updated)d akan diperbarui."
        )
    else:
        message = _(
            "Impor selesai untuk %(agency)s: %(created)d entri dibuat, %(updated)d diperbarui."
        )
    command.stdout.write(
        command.style.SUCCESS(
            message % {"agency": owner.name, "created": report.created, "updated": report.updated}
        )
    )


def report_lines(report, row_label: bool = False) -> list[str]:
    """The warnings, then the terms of other vocabularies: mapped, and those waiting."""
    lines = []
    if report.warnings:
        lines.append(_("Peringatan (%(count)d):") % {"count": len(report.warnings)})
        lines += [f"  {issue_line(w, row_label)}" for w in report.warnings]
    for title, terms in (
        (_("Istilah kosakata lain yang dipetakan:"), report.mapped),
        (_("Istilah kosakata lain yang belum dipetakan:"), report.unmapped),
    ):
        if terms:
            lines.append(title)
        for t in terms:
            label = f"{t.vocabulary} {t.code}".strip()
            target = f" → {t.mapped_to}" if t.mapped_to else ""
            lines.append(
                "  "
                + _("%(term)s%(target)s: %(count)d layanan")
                % {"term": label, "target": target, "count": t.services}
            )
    return lines
