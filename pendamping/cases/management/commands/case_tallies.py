"""Check the open-case tallies of the dashboards against a full count of the cases, and
rebuild them after a bulk load or a repair (pendamping/cases/tallies.py)."""

from django.core.management.base import BaseCommand, CommandError

from pendamping.accounts.models import Agency
from pendamping.cases import tallies


class Command(BaseCommand):
    help = (
        "Compare the open-case tallies with a full count (exit 1 when they differ); "
        "--rebuild replaces them with the full count."
    )

    def add_arguments(self, parser):
        parser.add_argument("--agency", help="the agency: its id or exact name (default: all)")
        parser.add_argument("--rebuild", action="store_true", help="replace with a full count")

    def handle(self, *args, agency=None, rebuild=False, **options):
        agency_id = None
        if agency:
            by = {"pk": int(agency)} if agency.isascii() and agency.isdigit() else {"name": agency}
            agency_id = Agency.objects.filter(**by).values_list("id", flat=True).first()
            if agency_id is None:
                raise CommandError(f"No agency {agency!r} (give its id or its exact name).")
        if rebuild:
            rows = tallies.rebuild(agency_id)
            self.stdout.write(f"Rebuilt: {rows} tally row(s) from a full count.")
            return
        wrong = tallies.recount(agency_id)
        for (agency_pk, worker_pk, stage), kept, counted in wrong:
            who = "all workers" if worker_pk is None else f"worker {worker_pk}"
            self.stdout.write(f"agency {agency_pk} {who} {stage}: kept {kept}, counted {counted}")
        if wrong:
            raise CommandError(
                f"{len(wrong)} tally row(s) differ from the cases; run with --rebuild."
            )
        self.stdout.write("The tallies match a full count of the open cases.")
