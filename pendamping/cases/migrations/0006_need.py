"""Needs become casework, step 2: `cases.Need` on the table the assessment module
created (`assessment_need`). State only: no rows move."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_event_recent_index"),
        ("assessment", "0005_need_leaves_assessment"),
        ("taxonomy", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Need",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("version", models.PositiveIntegerField(default=1)),
                        ("deleted_at", models.DateTimeField(blank=True, null=True)),
                        ("description", models.TextField(verbose_name="uraian kebutuhan")),
                        ("urgency", models.CharField(choices=[("low", "Rendah"), ("medium", "Sedang"), ("high", "Tinggi"), ("urgent", "Mendesak")], default="medium", max_length=10, verbose_name="tingkat kemendesakan")),
                        ("status", models.CharField(choices=[("open", "Terbuka"), ("met", "Terpenuhi"), ("unmet", "Tidak terpenuhi")], default="open", max_length=10, verbose_name="status")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        ("assessment_id", models.BigIntegerField(blank=True, db_index=True, null=True, verbose_name="dari asesmen")),
                        ("case", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="needs", to="cases.case")),
                        ("created_by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("term", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="needs", to="taxonomy.taxonomyterm", verbose_name="jenis kebutuhan")),
                    ],
                    options={
                        "verbose_name": "kebutuhan",
                        "verbose_name_plural": "kebutuhan",
                        "db_table": "assessment_need",
                        "ordering": ["status", "-created_at", "-id"],
                        "indexes": [models.Index(fields=["case", "status"], name="need_case_status")],
                    },
                )
            ],
            database_operations=[],
        )
    ]
