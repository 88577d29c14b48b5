"""Erasure reaches history: the append-only triggers of these tables now allow the one
UPDATE that blanks their typed free text (pendamping/history_migrations.py)."""

from django.db import migrations

from pendamping.history_migrations import AllowRedaction


class Migration(migrations.Migration):
    dependencies = [("motivator", "0002_append_only_triggers")]

    operations = [
        AllowRedaction("GoalReview", ("note",)),
        AllowRedaction("CheckIn", ("note", "why_not_lower")),
    ]
