"""Erasure reaches history: the append-only triggers of these tables now allow the one
UPDATE that blanks their typed free text (pendamping/history_migrations.py)."""

from django.db import migrations

from pendamping.history_migrations import AllowRedaction


class Migration(migrations.Migration):
    dependencies = [("clients", "0013_merge_consent_and_group_members")]

    operations = [
        AllowRedaction("ImportRunEvent", ("file_name", "message")),
    ]
