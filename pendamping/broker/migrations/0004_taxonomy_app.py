"""The taxonomy moves to its own app: the broker's references follow it (state only)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("broker", "0003_area_everywhere"),
        ("taxonomy", "0001_initial"),
        ("assessment", "0005_need_leaves_assessment"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="service",
                    name="terms",
                    field=models.ManyToManyField(related_name="services", to="taxonomy.taxonomyterm", verbose_name="jenis layanan"),
                ),
                migrations.AlterField(
                    model_name="gap",
                    name="term",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="taxonomy.taxonomyterm"),
                ),
                migrations.AlterField(
                    model_name="initiative",
                    name="term",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="taxonomy.taxonomyterm", verbose_name="jenis layanan yang diciptakan"),
                ),
                migrations.DeleteModel(name="TaxonomyTerm"),
            ],
            database_operations=[],
        )
    ]
