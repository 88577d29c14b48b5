"""The taxonomy moves out of the broker into its own app: state only, the table
(`broker_taxonomyterm`) and its rows stay where they are."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [("broker", "0003_area_everywhere")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="TaxonomyTerm",
                    fields=[
                        ("id", models.UUIDField(default=uuid.uuid4, primary_key=True, serialize=False)),
                        ("code", models.CharField(max_length=60, unique=True, verbose_name="kode")),
                        ("name_id", models.CharField(max_length=120, verbose_name="nama (Indonesia)")),
                        ("name_en", models.CharField(max_length=120, verbose_name="nama (Inggris)")),
                        ("description_id", models.TextField(blank=True, verbose_name="uraian (Indonesia)")),
                        ("description_en", models.TextField(blank=True, verbose_name="uraian (Inggris)")),
                        ("parent", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="children", to="taxonomy.taxonomyterm")),
                    ],
                    options={
                        "verbose_name": "istilah taksonomi",
                        "verbose_name_plural": "taksonomi layanan",
                        "db_table": "broker_taxonomyterm",
                        "ordering": ["code"],
                    },
                )
            ],
            database_operations=[],
        )
    ]
