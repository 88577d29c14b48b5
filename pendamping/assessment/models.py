"""Assessment: the needs of a case (the broker matches them to services).

Scored instruments, the ecomap and the genogram come with the assessment issue.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pendamping.clients.models import SoftDeleteQuerySet


class Urgency(models.TextChoices):
    LOW = "low", _("Rendah")
    MEDIUM = "medium", _("Sedang")
    HIGH = "high", _("Tinggi")
    URGENT = "urgent", _("Mendesak")


class Need(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Terbuka")
        MET = "met", _("Terpenuhi")
        UNMET = "unmet", _("Tidak terpenuhi")

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="needs")
    term = models.ForeignKey(
        "broker.TaxonomyTerm",
        verbose_name=_("jenis kebutuhan"),
        on_delete=models.PROTECT,
        related_name="needs",
    )
    description = models.TextField(_("uraian kebutuhan"))
    urgency = models.CharField(
        _("tingkat kemendesakan"), max_length=10, choices=Urgency.choices, default=Urgency.MEDIUM
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        verbose_name = _("kebutuhan")
        verbose_name_plural = _("kebutuhan")
        ordering = ["status", "-created_at", "-id"]
        indexes = [models.Index(fields=["case", "status"], name="need_case_status")]

    def __str__(self) -> str:
        return f"{self.term} · {self.description[:40]}"
