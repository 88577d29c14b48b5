"""Goal reviews and check-ins refuse UPDATE and DELETE in the database (PostgreSQL, SQLite).

They had no trigger before: only the models refused.
"""

from django.db import migrations

from pendamping.history_migrations import AppendOnly


class Migration(migrations.Migration):
    dependencies = [("motivator", "0001_initial")]

    operations = [
        AppendOnly("GoalReview"),
        AppendOnly("CheckIn"),
    ]
