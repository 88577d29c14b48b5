"""Import directory services and their providers from a spreadsheet (XLSX or CSV),
one row per service (the column layout is in broker/hsds/sheet.py), all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from pendamping.broker.hsds.sheet import import_sheet
from pendamping.broker.management.commands.hsds_import import find_agency, write_report


class Command(BaseCommand):
    help = (
        "Import services and providers from an XLSX or CSV file, one row per service "
        "(provider name, service name, address, region, phone, eligibility, service type, ...), "
        "all or nothing, for one agency. A row's key is its service id, else its provider "
        "and service name: importing the same file again updates, never duplicates."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="An .xlsx or .csv file.")
        parser.add_argument(
            "--agency", required=True, help="The owning agency: its id or its exact name."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would be created, updated and warned; write nothing.",
        )

    def handle(self, *args, path: Path, agency: str, dry_run: bool, **options):
        owner = find_agency(agency)
        if not path.is_file():
            raise CommandError(_("Berkas %(path)s tidak ditemukan.") % {"path": path})
        report = import_sheet(path, agency=owner, dry_run=dry_run)
        write_report(self, report, owner, dry_run, row_label=True)
