"""Needs become casework, step 4: the assessment module forgets its Need (state only)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0005_need_leaves_assessment"),
        ("broker", "0005_need_in_cases"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Need")],
            database_operations=[],
        )
    ]
