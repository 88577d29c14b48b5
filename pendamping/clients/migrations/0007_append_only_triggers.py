"""The import audit trail refuses UPDATE and DELETE in the database, on PostgreSQL and SQLite.

Replaces the trigger pasted into 0005 (PostgreSQL only) with the shared operation.
"""

from django.db import migrations

from pendamping.history_migrations import AppendOnly, DropLegacyTrigger


class Migration(migrations.Migration):
    dependencies = [("clients", "0006_rekey_dz_names")]

    operations = [
        DropLegacyTrigger("ImportRunEvent"),
        AppendOnly("ImportRunEvent"),
    ]
