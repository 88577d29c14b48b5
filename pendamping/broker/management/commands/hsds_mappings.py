"""An agency's mappings from other vocabularies' codes to Pendamping taxonomy terms."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from pendamping.broker.models import TermMapping
from pendamping.broker.services.mappings import import_mappings, unmapped_terms

from .hsds_import import find_agency


class Command(BaseCommand):
    help = (
        "Import term mappings from a CSV (columns vocabulary,code,term; a blank term removes "
        "the mapping), all or nothing, and apply them to the agency's services; then list the "
        "agency's mappings and the external terms still unmapped with the services waiting."
    )

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, help="The agency: its id or its exact name.")
        parser.add_argument("--import", dest="csv", type=Path, help="A CSV file of mappings.")

    def handle(self, *args, agency: str, csv: Path | None, **options):
        owner = find_agency(agency)
        if csv is not None:
            try:
                data = csv.read_bytes()
            except OSError as exc:
                raise CommandError(
                    _("Berkas tidak dapat dibaca: %(error)s") % {"error": exc}
                ) from exc
            report = import_mappings(owner, data)
            if not report.ok:
                for error in report.errors:
                    self.stderr.write(error)
                raise CommandError(
                    _("Impor pemetaan gagal: %(count)d kesalahan; tidak ada yang disimpan.")
                    % {"count": len(report.errors)}
                )
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "Pemetaan: %(created)d dibuat, %(updated)d diubah, %(removed)d dihapus; "
                        "%(services)d layanan mendapat istilah baru."
                    )
                    % report.__dict__
                )
            )
        mappings = TermMapping.objects.filter(agency=owner).select_related("term")
        self.stdout.write(_("Pemetaan %(agency)s:") % {"agency": owner.name})
        for m in mappings:
            self.stdout.write(f"  {m.vocabulary} {m.code} → {m.term.code}")
        waiting = unmapped_terms(owner)
        if waiting:
            self.stdout.write(_("Belum dipetakan:"))
        for t in waiting:
            self.stdout.write(
                "  "
                + _("%(term)s: %(count)d layanan menunggu")
                % {"term": f"{t.vocabulary} {t.code}".strip(), "count": t.waiting}
            )
