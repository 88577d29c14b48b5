"""The case timeline refuses UPDATE and DELETE in the database, on PostgreSQL and SQLite.

Replaces the trigger pasted into 0002 (PostgreSQL only) with the shared operation.
"""

from django.db import migrations

from pendamping.history_migrations import AppendOnly, DropLegacyTrigger


class Migration(migrations.Migration):
    dependencies = [("cases", "0007_event_kind_registry")]

    operations = [
        DropLegacyTrigger("CaseEvent"),
        AppendOnly("CaseEvent"),
    ]
