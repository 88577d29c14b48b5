"""Erasure reaches history: the append-only triggers of these tables now allow the one
UPDATE that blanks their typed free text (pendamping/history_migrations.py)."""

from django.db import migrations

from pendamping.history_migrations import AllowRedaction


class Migration(migrations.Migration):
    dependencies = [("assessment", "0008_safetyalert")]

    operations = [
        AllowRedaction(
            "Assessment",
            (
                "identity",
                "referral_source",
                "presenting_problem",
                "history",
                "family",
                "health",
                "mental_status",
                "spiritual",
                "social_economic",
                "strengths",
                "summary",
                "recommendations",
            ),
        ),
        AllowRedaction("EcomapSnapshot", ("centre", "systems", "note")),
    ]
