"""Assessment history refuses UPDATE and DELETE in the database, on PostgreSQL and SQLite.

Replaces the triggers pasted into 0003 and 0004 (PostgreSQL only) with the shared
operation.
"""

from django.db import migrations

from pendamping.history_migrations import AppendOnly, DropLegacyTrigger

HISTORY = ["Assessment", "InstrumentAdministration", "EcomapSnapshot"]


class Migration(migrations.Migration):
    dependencies = [("assessment", "0006_need_moved")]

    operations = [
        *(DropLegacyTrigger(model) for model in HISTORY),
        *(AppendOnly(model) for model in HISTORY),
    ]
