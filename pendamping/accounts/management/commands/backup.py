"""python manage.py backup FOLDER: the database and the private files, online
(pendamping/backup.py; README "Running in production")."""

from pathlib import Path

from django.core.management.base import BaseCommand

from pendamping import backup


class Command(BaseCommand):
    help = "Back up the database and the private files into FOLDER (with a manifest)."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder: Path, **options):
        manifest = backup.backup(folder)
        rows = sum(manifest["counts"].values())
        self.stdout.write(f"{folder}: {len(manifest['counts'])} tables, {rows} rows.")
