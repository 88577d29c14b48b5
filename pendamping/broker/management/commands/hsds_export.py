"""Export the directory as Open Referral HSDS 3.0 JSON (services.json, organizations.json)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from pendamping.broker.hsds.export import (
    export_organizations,
    export_services,
    organizations_for_export,
    services_for_export,
)
from pendamping.broker.hsds.tabular import write_tabular
from pendamping.broker.management.commands.hsds_import import find_agency


class Command(BaseCommand):
    help = (
        "Write DIR/services.json and DIR/organizations.json (HSDS 3.0), or with --tabular the "
        "tabular form (organizations.csv, services.csv, ... and datapackage.json). Without --agency: "
        "every alive entry; with --agency: that agency's own entries plus shared ones."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument("--agency", help="An agency id or exact name.")
        parser.add_argument(
            "--tabular",
            action="store_true",
            help="Write tabular HSDS instead: one CSV per object type and a datapackage.json.",
        )

    def handle(self, *args, directory: Path, agency: str | None, tabular: bool, **options):
        owner = find_agency(agency) if agency else None
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommandError(
                _("Folder %(path)s tidak dapat dibuat: %(error)s")
                % {"path": directory, "error": exc}
            ) from exc
        if tabular:
            organizations = export_organizations(organizations_for_export(owner))
            counts = write_tabular(directory, organizations)
            self.stdout.write(self.style.SUCCESS(
                _("Tabel HSDS ditulis ke %(path)s: %(files)s.") % {
                    "path": directory,
                    "files": ", ".join(f"{name} ({n})" for name, n in counts.items() if n)}
            ))  # fmt: skip
            return
        services = export_services(services_for_export(owner))
        organizations = export_organizations(organizations_for_export(owner))
        for name, data in (("services.json", services), ("organizations.json", organizations)):
            with (directory / name).open("w", encoding="utf-8") as f:
                json.dump(data, f, ensure_ascii=False, indent=2)
                f.write("\n")
        self.stdout.write(
            self.style.SUCCESS(
                _("%(services)d layanan dan %(organizations)d penyedia ditulis ke %(path)s.")
                % {
                    "services": len(services),
                    "organizations": len(organizations),
                    "path": directory,
                }
            )
        )
