"""The processing log (UU 27/2022 art. 31: a record of every processing of personal data).

One row per request that showed or changed clients' personal data: who, when, from
which address, what (the page or the API operation), and the ids of the clients it
showed; never the data itself, so that erasing a client erases nothing here (the row
holds numbers, not names). Append-only, in the model and by database triggers.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pendamping.history import AppendOnlyModel
from pendamping.setting_history import SettingChangeBase


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


# 3×24 hours from receipt for every kind (UU 27/2022 arts 32–42; GLOSSARY)
RESPONSE_HOURS = 72
# a request is "due soon" on the officer's home and in the inbox this long before its limit
DUE_SOON_HOURS = 24


class SubjectRequest(models.Model):
    """A request from a client (or their guardian) about their personal data: received
    when, from whom, how identity was checked, by whom; its legal limit; the answer."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("Akses dan salinan")
        CORRECTION = "correction", _("Perbaikan")
        ERASURE = "erasure", _("Penghapusan")
        RESTRICTION = "restriction", _("Pembatasan pemrosesan")
        OBJECTION = "objection", _("Keberatan atas pemrosesan")
        WITHDRAWAL = "withdrawal", _("Penarikan persetujuan")
        PORTABILITY = "portability", _("Portabilitas data")

    class From(models.TextChoices):
        CLIENT = "client", _("Klien sendiri")
        GUARDIAN = "guardian", _("Orang tua atau wali")
        REPRESENTATIVE = "representative", _("Kuasa")

    class Identity(models.TextChoices):
        KTP = "ktp", _("KTP-el diperiksa")
        KK = "kk", _("Kartu Keluarga diperiksa")
        GUARDIAN_PROOF = "guardian_proof", _("Bukti perwalian diperiksa")
        POWER_OF_ATTORNEY = "power_of_attorney", _("Surat kuasa dan KTP-el kuasa diperiksa")
        KNOWN = "known", _("Dikenal langsung oleh petugas")

    class Status(models.TextChoices):
        RECEIVED = "received", pgettext_lazy("permintaan subjek data", "Diterima")
        IN_PROGRESS = "in_progress", _("Diproses")
        COMPLETED = "completed", _("Selesai")
        REFUSED = "refused", _("Ditolak")

    OPEN = (Status.RECEIVED, Status.IN_PROGRESS)

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("klien"))  # fmt: skip
    kind = models.CharField(_("jenis permintaan"), max_length=12, choices=Kind.choices)
    requested_by = models.CharField(_("diajukan oleh"), max_length=16, choices=From.choices)
    received_at = models.DateTimeField(_("diterima pada"))
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("diterima oleh"))  # fmt: skip
    identity_check = models.CharField(_("cara memeriksa identitas"), max_length=20,
                                      choices=Identity.choices)  # fmt: skip
    details = models.TextField(_("isi permintaan"), blank=True, max_length=4000)
    due_at = models.DateTimeField(_("batas waktu"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.RECEIVED)  # fmt: skip
    response = models.TextField(_("jawaban"), blank=True, max_length=4000)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+", null=True, blank=True)  # fmt: skip
    # access and portability: the admin reviewed the package and released it (package.py)
    package_released_at = models.DateTimeField(null=True, blank=True)
    package_released_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                            related_name="+", null=True, blank=True)  # fmt: skip
    # correction: the changes made to the client's file to fulfil it (processing-log rows)
    edits = models.ManyToManyField(AccessRecord, related_name="+", blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("permintaan subjek data")
        verbose_name_plural = _("permintaan subjek data")
        ordering = ["due_at", "pk"]
        indexes = [
            models.Index(fields=["agency", "status", "due_at"], name="subjectrequest_open"),
            models.Index(fields=["client"], name="subjectrequest_client"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} · {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def package_released(self) -> bool:
        return self.package_released_at is not None

    @property
    def gives_package(self) -> bool:
        return self.kind in (self.Kind.ACCESS, self.Kind.PORTABILITY)

    def clock(self, now=None) -> str:
        """'done', 'overdue', 'soon' (under DUE_SOON_HOURS left) or 'on_track'."""
        if not self.is_open:
            return "done"
        now = now or timezone.now()
        if now >= self.due_at:
            return "overdue"
        return "soon" if self.due_at - now <= timedelta(hours=DUE_SOON_HOURS) else "on_track"

    def hours_left(self, now=None) -> int:
        """Whole hours to the limit (negative: hours past it)."""
        seconds = (self.due_at - (now or timezone.now())).total_seconds()
        return int(seconds // 3600) if seconds >= 0 else -int(-seconds // 3600)


class Restriction(models.Model):
    """Restriction of processing (UU 27/2022 art. 41), applied on a restriction request:
    while ``lifted_at`` is empty the client's file is read only (restriction.py)."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="+")
    request = models.ForeignKey(SubjectRequest, on_delete=models.PROTECT, related_name="+")
    since = models.DateTimeField(default=timezone.now)
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+", null=True, blank=True)  # fmt: skip
    lift_reason = models.TextField(_("alasan pencabutan"), blank=True, max_length=1000)

    class Meta:
        verbose_name = _("pembatasan pemrosesan")
        verbose_name_plural = _("pembatasan pemrosesan")
        ordering = ["-since", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["client"], condition=models.Q(lifted_at__isnull=True),
                                    name="restriction_one_active_per_client"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"#{self.pk} · {self.client_id}"

    @property
    def active(self) -> bool:
        return self.lifted_at is None


class RequestAction(AppendOnlyModel):
    """The audit trail of data-subject requests: who restricted a client's processing,
    lifted it, or released an access package, and when (numbers only, no text)."""

    class Action(models.TextChoices):
        RESTRICTED = "restricted", _("Pemrosesan dibatasi")
        LIFTED = "lifted", _("Pembatasan dicabut")
        RELEASED = "released", _("Paket data disetujui dan dirilis")
        EDITS_LINKED = "edits_linked", _("Perubahan data dikaitkan")
        REFUSED = "refused", _("Ditolak dengan alasan hukum")
        ERASED = "erased", _("Klien dianonimkan")

    request = models.ForeignKey(SubjectRequest, on_delete=models.PROTECT, related_name="actions")
    action = models.CharField(max_length=12, choices=Action.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tindakan atas permintaan")
        verbose_name_plural = _("tindakan atas permintaan")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.request_id} · {self.action}"


class SettingChange(SettingChangeBase):
    """The audit trail of the officer's and admin's settings: the unusual-reading
    margin, the records of processing's texts, the retention years (who, when, the
    values before and after: pendamping/setting_history.py)."""

    class What(models.TextChoices):
        PRIVACY = "privacy", _("Pengaturan pelindungan data")
        RECORDS = "records", _("Catatan kegiatan pemrosesan")
        RETENTION = "retention", _("Aturan retensi")

    what = models.CharField(max_length=10, choices=What.choices)

    class Meta(SettingChangeBase.Meta):
        verbose_name = _("perubahan pengaturan")
        verbose_name_plural = _("perubahan pengaturan")


# the breach register and the records of processing' settings (their own module)
from .breach_models import (  # noqa: E402, F401
    Breach,
    BreachClient,
    BreachEvent,
    ProcessingRecordSettings,
)
from .erasure_models import DEFAULT_YEARS, Erasure, RetentionRule  # noqa: E402, F401
