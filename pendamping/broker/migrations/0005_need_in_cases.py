"""Needs become casework, step 3: referrals and gaps point at `cases.Need` (state only)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("broker", "0004_taxonomy_app"),
        ("cases", "0006_need"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="referral",
                    name="need",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="referrals", to="cases.need"),
                ),
                migrations.AlterField(
                    model_name="gap",
                    name="need",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="gaps", to="cases.need"),
                ),
            ],
            database_operations=[],
        )
    ]
