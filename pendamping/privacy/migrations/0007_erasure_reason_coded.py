"""The erasure's reason becomes a code (a ground of UU 27/2022) with an optional note.
The typed reason of earlier rows becomes their note and their reason "other": a
rename and a column added with that default, so no history row is UPDATEd (the
append-only triggers would refuse it). SQLite copies the table to add the column,
which drops its triggers: AppendOnly puts them back."""

from django.db import migrations, models

from pendamping.history_migrations import AppendOnly

REASONS = [
    ("subject_request", "Atas permintaan subjek data"),
    ("purpose_reached", "Tujuan pemrosesan telah tercapai"),
    ("retention_ended", "Masa retensi berakhir"),
    ("consent_withdrawn", "Persetujuan ditarik kembali"),
    ("unlawful", "Data diproses secara melawan hukum"),
    ("other", "Lainnya (dijelaskan dalam catatan)"),
]


class Migration(migrations.Migration):
    dependencies = [("privacy", "0006_breach_removal_and_letter_numbers")]

    operations = [
        migrations.RenameField(model_name="erasure", old_name="reason", new_name="note"),
        migrations.AlterField(
            model_name="erasure",
            name="note",
            field=models.TextField(blank=True, max_length=500, verbose_name="catatan penghapusan"),
        ),
        migrations.AddField(
            model_name="erasure",
            name="reason",
            field=models.CharField(
                choices=REASONS, default="other", max_length=20, verbose_name="alasan"
            ),
            preserve_default=False,
        ),
        AppendOnly("Erasure"),
    ]
