"""A directory import from the web page (`DirectoryImport`): a spreadsheet of services
(hsds/sheet.py) or HSDS, tabular (a zip of CSV tables) or JSON (hsds/importer.py),
uploaded by the agency's admin and run by the background worker in two passes:

    queued -> checking -> checked            the dry run: its report is shown
                       -> refused            (errors: nothing can be saved)
    checked -> save_queued -> saving -> done  after the admin confirms
    checked -> discarded                      the admin thinks better of it

The report (`report`, the importer's, as JSON) of the last pass is kept with the run,
written in the language of the admin who uploaded the file. The file waits in the
private import folder (settings.IMPORT_UPLOAD_DIR) between the passes and is deleted
when the run is done, refused, discarded or failed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pendamping.accounts.models import Agency


class DirectoryImport(models.Model):
    class Kind(models.TextChoices):
        SHEET = "sheet", _("Lembar kerja layanan (XLSX atau CSV)")
        HSDS = "hsds", _("HSDS (zip tabel atau JSON)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Menunggu pemeriksaan")
        CHECKING = "checking", _("Sedang diperiksa")
        CHECKED = "checked", _("Diperiksa, menunggu persetujuan")
        REFUSED = "refused", _("Ditolak")
        SAVE_QUEUED = "save_queued", _("Menunggu penyimpanan")
        SAVING = "saving", _("Sedang disimpan")
        DONE = "done", _("Selesai")
        DISCARDED = "discarded", _("Dibatalkan")
        FAILED = "failed", _("Gagal")

    # how far along a run is, for the progress bar: (step, of STEPS)
    STEP = {"queued": 0, "checking": 1, "checked": 2, "refused": 2, "save_queued": 2,
            "saving": 3, "done": 4, "discarded": 2, "failed": 0}  # fmt: skip
    STEPS = 4
    ACTIVE = {"queued", "checking", "save_queued", "saving"}

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    file_name = models.CharField(max_length=255)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    # the report of the last pass: created, updated, errors, warnings, terms (hsds/report.py)
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    stored_path = models.CharField(max_length=500, blank=True)
    language = models.CharField(max_length=10, blank=True)

    class Meta:
        indexes = [models.Index(fields=["agency", "-started_at"], name="dir_import_recent")]
        verbose_name = _("impor direktori")
        verbose_name_plural = _("impor direktori")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.status})"

    @property
    def active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def step(self) -> int:
        return self.STEP.get(self.status, 0)

    @property
    def percent(self) -> int:
        return round(100 * self.step / self.STEPS)
