"""Load demo data once: every app's registered seeder, in dependency order.

Running it again changes nothing. Every write goes through the services, so the
demo has the same timeline, numbering and validation as real use. Each app seeds
its own data from its plugin.py (pendamping/plugins.py: demo seeders).
"""

import random

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from faker import Faker

from pendamping import plugins
from pendamping.accounts.demo import AGENCIES
from pendamping.accounts.models import Agency


class Command(BaseCommand):
    help = "Load demo data: two agencies, every role, clients and cases, and every role module's."

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=200, help="demo clients in all")

    def handle(self, *args, clients: int, **options):
        if Agency.objects.filter(name=AGENCIES[0][1]).exists():
            self.stdout.write("Demo data already loaded; nothing changed.")
            return
        Faker.seed(2026)
        demo = plugins.DemoContext(
            rnd=random.Random(2026),
            fake=Faker("id_ID"),
            today=timezone.localdate(),
            options={"clients": clients},
        )
        with transaction.atomic():
            for seeder in plugins.registry.demo_seeders():
                seeder.run(demo)
                self.stdout.write(f"  {seeder.key}")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
