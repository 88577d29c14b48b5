"""The processing log (UU 27/2022 art. 31: a record of every processing of personal data).

One row per request that showed or changed clients' personal data: who, when, from
which address, what (the page or the API operation), and the ids of the clients it
showed; never the data itself, so that erasing a client erases nothing here (the row
holds numbers, not names). Append-only, in the model and by database triggers.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pendamping.history import AppendOnlyModel


class AccessRecord(AppendOnlyModel):
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="+",
        help_text=_("Lembaga pengguna yang membaca."),
    )  # fmt: skip
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    # the page's URL name ("case_detail") or the API operation ("GET /api/v1/clients/{client_id}")
    what = models.CharField(max_length=200)
    address = models.GenericIPAddressField(null=True, blank=True)
    # the ids of the clients the answer showed, between commas (",12,40,"): one row for
    # a whole list, and a client's reads found with LIKE '%,12,%'
    clients = models.TextField()
    client_count = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("catatan pemrosesan")
        verbose_name_plural = _("catatan pemrosesan")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["agency", "-at"], name="accessrecord_agency_at"),
            models.Index(fields=["user", "-at"], name="accessrecord_user_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} · {self.user_id} · {self.what}"

    @property
    def client_ids(self) -> list[int]:
        return [int(x) for x in self.clients.split(",") if x]

    @staticmethod
    def pattern(client_id: int) -> str:
        return f",{int(client_id)},"


class PrivacySettings(models.Model):
    """An agency's data protection settings."""

    agency = models.OneToOneField("accounts.Agency", on_delete=models.CASCADE, related_name="+")
    unusual_reading_margin = models.PositiveIntegerField(
        _("batas bacaan tidak wajar"),
        default=20,
        help_text=_(
            "Pengguna ditandai bila dalam sehari membuka berkas klien lebih banyak dari "
            "jumlah klien dalam tanggungannya ditambah angka ini."
        ),
    )

    class Meta:
        verbose_name = _("pengaturan pelindungan data")
        verbose_name_plural = _("pengaturan pelindungan data")

    def __str__(self) -> str:
        return str(self.agency)
