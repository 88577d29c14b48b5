"""python manage.py restore FOLDER: a backup into the configured, empty database, then
a check that every table's row count and every history table's checksum match the
backup's manifest (pendamping/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from pendamping import backup


class Command(BaseCommand):
    help = "Restore a backup FOLDER into the configured empty database, and check it."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder: Path, **options):
        db = connections["default"].settings_dict
        connections["default"].close()
        try:
            manifest = backup.restore(folder, db)
        except backup.NotEmpty as e:
            raise CommandError(f"The database {e} is not empty: restore into a new one.") from e
        target = backup.raw_connection(db)
        try:
            restored = backup.fingerprint(target.cursor(), backup.quote)
        finally:
            target.close()
        if {k: manifest[k] for k in ("counts", "history")} != restored:
            raise CommandError("The restored database does not match the backup's manifest.")
        self.stdout.write(f"{folder}: restored and checked ({len(restored['counts'])} tables).")
