"""A referral's status history refuses UPDATE and DELETE in the database (PostgreSQL, SQLite).

`ReferralUpdate` is the "append-only status history of a referral" (its docstring):
the services only ever create its rows. It had no protection in the database before.
"""

from django.db import migrations

from pendamping.history_migrations import AppendOnly


class Migration(migrations.Migration):
    dependencies = [("broker", "0005_need_in_cases")]

    operations = [AppendOnly("ReferralUpdate")]
