"""Recompute the phonetic name keys of every client (after a change to the rules).

Only the rows there are: an erased client has none (privacy erasure deletes it) and
must not get one back, of their pseudonym's keys."""

from django.core.management.base import BaseCommand

from pendamping.clients.models import Client, ClientNameIndex
from pendamping.clients.rekey import rebuild_name_keys


class Command(BaseCommand):
    help = "Recompute every client's phonetic name keys (the index behind name search)."

    def handle(self, *args, **options):
        count = rebuild_name_keys(Client, ClientNameIndex, only_indexed=True)
        if options["verbosity"]:
            self.stdout.write(f"{count} clients rekeyed.")
