"""Needs become casework (`cases.Need`), step 1: the need's term points at the
taxonomy app, and the link to the assessment that found it loses its database
constraint (casework keeps the id without depending on this module). No rows move."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0004_ecomap"),
        ("taxonomy", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="need",
                    name="term",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="needs", to="taxonomy.taxonomyterm", verbose_name="jenis kebutuhan"),
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterField(
            model_name="need",
            name="assessment",
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="needs", to="assessment.assessment", verbose_name="dari asesmen"),
        ),
    ]
