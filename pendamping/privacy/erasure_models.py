"""Retention rules and the audit trail of erasures (UU 27/2022 arts 43–44).

``RetentionRule``: how long an agency keeps a kind of record (``RetentionRule.Kind``)
before it is due for anonymisation; without a row, ``DEFAULT_YEARS`` applies (README,
"Retention"). ``Erasure``: one row per anonymised client: who, when, on what basis and
why, never the client's data (the client row keeps only its pseudonym). Append-only,
in the model and by database triggers.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pendamping.history import AppendOnlyModel


class RetentionRule(models.Model):
    class Kind(models.TextChoices):
        CLOSED_CASES = (
            "closed_cases",
            _("Klien dengan semua kasus ditutup: tahun setelah penutupan"),
        )
        CHILD = "child", _("Catatan anak: tahun setelah berusia 18")

    agency = models.ForeignKey("accounts.Agency", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("jenis catatan"), max_length=20, choices=Kind.choices)
    years = models.PositiveSmallIntegerField(
        _("lama penyimpanan (tahun)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("aturan retensi")
        verbose_name_plural = _("aturan retensi")
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind"], name="retention_rule_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} · {self.kind} · {self.years}"


# README, "Retention": the defaults an agency starts with
DEFAULT_YEARS = {RetentionRule.Kind.CLOSED_CASES: 5, RetentionRule.Kind.CHILD: 5}


class Erasure(AppendOnlyModel):
    class Basis(models.TextChoices):
        RETENTION = "retention", _("Masa retensi berakhir")
        REQUEST = "request", _("Permintaan penghapusan dari subjek data")
        DECISION = "decision", _("Keputusan admin lembaga")

    class Reason(models.TextChoices):
        """The ground of the erasure (UU 27/2022 arts 8, 9, 15, 16(2)(g), 43, 44)."""

        SUBJECT_REQUEST = "subject_request", _("Atas permintaan subjek data")
        PURPOSE_REACHED = "purpose_reached", _("Tujuan pemrosesan telah tercapai")
        RETENTION_ENDED = "retention_ended", _("Masa retensi berakhir")
        CONSENT_WITHDRAWN = "consent_withdrawn", _("Persetujuan ditarik kembali")
        UNLAWFUL = "unlawful", _("Data diproses secara melawan hukum")
        OTHER = "other", _("Lainnya (dijelaskan dalam catatan)")

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    client = models.OneToOneField("clients.Client", on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    basis = models.CharField(_("dasar"), max_length=12, choices=Basis.choices)
    reason = models.CharField(_("alasan"), max_length=20, choices=Reason.choices)
    # checked to name none of the client's identifiers (privacy/erasure.py); required
    # when the reason is "other" (rows from before the coded reason: "other" + their text)
    note = models.TextField(_("catatan penghapusan"), max_length=500, blank=True)
    subject_request = models.ForeignKey("privacy.SubjectRequest", on_delete=models.PROTECT,
                                        null=True, blank=True, related_name="+")  # fmt: skip
    files_deleted = models.PositiveIntegerField(default=0)
    # what the erasure changed where it found the client by their words, counted by
    # kind, e.g. {"breaches": 2}: breaches whose texts named the client (pendamping/erasure.py)
    report = models.JSONField(default=dict, blank=True)
    via = models.CharField(max_length=8)  # "page", "api" or "command"

    class Meta:
        verbose_name = _("penghapusan data klien")
        verbose_name_plural = _("penghapusan data klien")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} · {self.client_id} · {self.basis}"
