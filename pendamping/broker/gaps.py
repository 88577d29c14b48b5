"""What the directory lacks: the gap register (a need that had nowhere to go) and the
initiatives an agency starts to create the missing service. Models of the broker
(``models.py`` imports them); the register is kept by ``services/gaps.py``."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pendamping.accounts.models import Agency
from pendamping.clients.models import Region
from pendamping.records import Versioned
from pendamping.taxonomy.models import TaxonomyTerm


class GapReason(models.TextChoices):
    NO_SERVICE = "no_service", _("Tidak ada layanan yang memenuhi syarat dalam jangkauan")
    NO_CAPACITY = "no_capacity", _("Layanan yang ada penuh")
    ALL_FAILED = "all_failed", _("Semua rujukan gagal")


class Gap(models.Model):
    """A need that had nowhere to go: one row per need while the gap is open."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    need = models.ForeignKey("cases.Need", on_delete=models.CASCADE, related_name="gaps")
    term = models.ForeignKey(TaxonomyTerm, on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("alasan"), max_length=20, choices=GapReason.choices)
    opened_at = models.DateTimeField(_("tercatat"), default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    suggested_service = models.ForeignKey(
        "broker.Service", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    suggested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "broker"
        verbose_name = _("kesenjangan sumber")
        verbose_name_plural = _("kesenjangan sumber")
        ordering = ["opened_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["need"], condition=models.Q(closed_at__isnull=True), name="gap_one_open"
            )
        ]
        indexes = [models.Index(fields=["agency", "closed_at", "term"], name="gap_register")]

    def __str__(self) -> str:
        return f"{self.term_id} · {self.reason}"


class Initiative(Versioned):
    class Status(models.TextChoices):
        IDEA = "idea", _("Gagasan")
        PLANNING = "planning", _("Perencanaan")
        PILOTING = "piloting", _("Uji coba")
        ACTIVE = "active", _("Berjalan")
        DROPPED = "dropped", _("Dihentikan")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("judul"), max_length=200)
    term = models.ForeignKey(
        TaxonomyTerm,
        verbose_name=_("jenis layanan yang diciptakan"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    gaps = models.ManyToManyField(Gap, verbose_name=_("kesenjangan"), blank=True)
    plan = models.TextField(_("rencana"))
    partners = models.TextField(_("mitra"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.IDEA
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "broker"
        verbose_name = _("inisiatif")
        verbose_name_plural = _("inisiatif")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title
