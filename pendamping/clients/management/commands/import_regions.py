"""Load Kemendagri region codes from a `kode,nama` CSV, idempotently."""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from pendamping.clients.models import Region

BATCH = 5000


class Command(BaseCommand):
    help = "Import Kemendagri regions (province, regency, district, village) from a kode,nama CSV."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        if not path.exists():
            raise CommandError(f"File not found: {path}")
        rows = []
        seen: set[str] = set()
        with path.open(newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            if not reader.fieldnames or not {"kode", "nama"} <= set(reader.fieldnames):
                raise CommandError("The CSV needs the columns kode,nama.")
            for line, row in enumerate(reader, start=2):
                code, name = (row.get("kode") or "").strip(), (row.get("nama") or "").strip()
                if not code or not name or Region.level_of(code) > 4:
                    raise CommandError(
                        f"Line {line}: a region needs a kode of 1-4 parts and a nama."
                    )
                if code in seen:
                    raise CommandError(f"Line {line}: kode {code} appears twice.")
                seen.add(code)
                rows.append((code, name))
        rows.sort(key=lambda r: (Region.level_of(r[0]), r[0]))  # parents before children
        known = dict(Region.objects.values_list("code", "name"))
        codes = {c for c, _n in rows} | known.keys()
        for code, _name in rows:
            parent = Region.parent_code(code)
            if parent and parent not in codes:
                raise CommandError(f"Region {code} has no parent {parent} in the file or database.")
        created = updated = 0
        unchanged = sum(1 for c, n in rows if known.get(c) == n)
        progress = tqdm(total=len(rows), unit="region", disable=options["verbosity"] == 0)
        with transaction.atomic():
            for start in range(0, len(rows), BATCH):
                batch = [
                    Region(
                        code=c, name=n, level=Region.level_of(c), parent_id=Region.parent_code(c)
                    )
                    for c, n in rows[start : start + BATCH]
                ]
                new = [r for r in batch if r.code not in known]
                old = [r for r in batch if r.code in known and known[r.code] != r.name]
                Region.objects.bulk_create(new, batch_size=BATCH)
                if old:
                    Region.objects.bulk_update(old, ["name"], batch_size=1000)
                created += len(new)
                updated += len(old)
                progress.update(len(batch))
        progress.close()
        self.stdout.write(
            self.style.SUCCESS(
                f"{created} regions created, {updated} renamed, {unchanged} unchanged."
            )
        )
