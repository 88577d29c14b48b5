"""Erasure reaches history: the append-only triggers of these tables now allow the one
UPDATE that blanks their typed free text (pendamping/history_migrations.py)."""

from django.db import migrations

from pendamping.history_migrations import AllowRedaction


class Migration(migrations.Migration):
    dependencies = [("cases", "0011_open_case_tallies")]

    operations = [
        AllowRedaction("CaseEvent", ("data",)),
    ]
