# The agency's services waiting for a capacity update, oldest first (the home card and
# GET /capacity/stale, broker/selectors.py `stale_services`): without an index in the
# list's order, 20,000 services of an agency were read and sorted for the first five
# (55 ms on the home page at 1,000,000 clients). The order is "never updated first":
# PostgreSQL needs NULLS FIRST in the index; SQLite sorts NULLs first in ascending
# order already and refuses NULLS FIRST in CREATE INDEX. So the index is created here
# per database, outside the model's state (Service.Meta names it).

from django.db import migrations

ORDER = {"postgresql": "capacity_updated_at ASC NULLS FIRST", "sqlite": "capacity_updated_at ASC"}


def create(apps, schema_editor):
    order = ORDER.get(schema_editor.connection.vendor)
    if order is not None:
        schema_editor.execute(
            f"CREATE INDEX service_stale ON broker_service (agency_id, {order}, name, id) "
            "WHERE deleted_at IS NULL"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor in ORDER:
        schema_editor.execute("DROP INDEX IF EXISTS service_stale")


class Migration(migrations.Migration):
    dependencies = [("broker", "0015_provider_text")]

    operations = [migrations.RunPython(create, drop)]
