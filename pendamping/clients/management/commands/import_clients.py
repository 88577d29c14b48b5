"""python manage.py import_clients PATH --as USERNAME [--report REJECTED.csv]"""

import csv
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from pendamping.clients.importer import CHUNK, ImportFileError, import_clients


class Command(BaseCommand):
    help = (
        "Import clients from CSV or XLSX (columns in pendamping/clients/importer.py) into "
        "the agency of the user given with --as. Valid rows are written in chunks, one "
        "transaction each; running the same file again resumes after the last chunk."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--as", dest="username", required=True, help="who registers them")
        parser.add_argument("--chunk", type=int, default=CHUNK)
        parser.add_argument("--report", help="write the refused rows to this CSV file")

    def handle(self, *args, path, username, chunk, report, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"{path}: no such file")
        actor = get_user_model().objects.filter(username=username, is_active=True).first()
        if actor is None:
            raise CommandError(f"{username}: no such active user")
        bar = tqdm(unit=" rows", disable=options.get("verbosity", 1) < 1)
        try:
            result = import_clients(source, actor=actor, chunk=max(1, chunk), progress=bar.update)
        except ImportFileError as e:
            raise CommandError(str(e)) from None
        except PermissionDenied as e:
            raise CommandError(f"{username}: {e}") from None
        finally:
            bar.close()
        if result.skipped:
            self.stdout.write(f"Resumed after row {result.skipped + 1} (already imported).")
        self.stdout.write(
            f"{result.total} rows: {result.created} clients created, "
            f"{len(result.rejected)} rows refused."
        )
        for r in result.rejected[:50]:
            self.stdout.write(f"  row {r.row}: {r.reason}")
        if len(result.rejected) > 50:
            self.stdout.write(f"  … and {len(result.rejected) - 50} more")
        if report:
            with open(report, "w", newline="", encoding="utf-8") as fh:
                writer = csv.writer(fh)
                writer.writerow(["row", "full_name", "reason"])
                writer.writerows((r.row, r.name, r.reason) for r in result.rejected)
            self.stdout.write(f"Refused rows written to {report}.")
