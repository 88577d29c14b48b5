"""The erasure's report: what it changed where it found the client by their words,
counted by kind (``{"breaches": 2}``). A column added with its default, so no history
row is UPDATEd; SQLite copies the table to add it, which drops its triggers:
AppendOnly puts them back."""

from django.db import migrations, models

from pendamping.history_migrations import AppendOnly


class Migration(migrations.Migration):
    dependencies = [("privacy", "0009_merge_coded_erasure_reason")]

    operations = [
        migrations.AddField(
            model_name="erasure",
            name="report",
            field=models.JSONField(blank=True, default=dict),
        ),
        AppendOnly("Erasure"),
    ]
