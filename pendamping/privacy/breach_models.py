"""The breach register (UU 27/2022 art. 46: a failure of personal data protection is
told to the data subjects and the authority within 3×24 hours of its discovery).

``Breach`` is one failure: discovered when, what happened, the data categories it
touched, its containment and status, the authority's letter. ``BreachClient`` lists
the clients it touched (computed from the processing log or chosen), each with the day
their letter was sent. ``BreachEvent`` is its history: append-only, and holding codes,
field names, counts and dates, never personal data as text (an anonymised client
leaves nothing behind in it)."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pendamping.data_categories import DataCategory
from pendamping.history import AppendOnlyModel

# 3×24 hours from discovery (UU 27/2022 art. 46(1))
NOTIFY_HOURS = 72
# "due soon" on the officer's home and in the inbox this long before the limit
NOTIFY_SOON_HOURS = 24


class Breach(models.Model):
    class Status(models.TextChoices):
        INVESTIGATING = "investigating", _("Diselidiki")
        CONTAINED = "contained", _("Sudah dibendung")
        NOTIFIED = "notified", _("Sudah diberitahukan")
        CLOSED = "closed", _("Ditutup")

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("judul singkat"), max_length=200)
    discovered_at = models.DateTimeField(_("diketahui pada"))
    occurred_from = models.DateTimeField(_("terjadi sejak"), null=True, blank=True)
    occurred_until = models.DateTimeField(_("terjadi sampai"), null=True, blank=True)
    description = models.TextField(_("apa yang terjadi"), max_length=4000)
    data_categories = models.JSONField(_("kategori data"), default=list)
    containment = models.TextField(_("langkah pembendungan"), blank=True, max_length=4000)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.INVESTIGATING)  # fmt: skip
    notify_due_at = models.DateTimeField(_("batas pemberitahuan"))
    authority_notified_on = models.DateField(_("surat ke lembaga PDP dikirim"), null=True,
                                             blank=True)  # fmt: skip
    # the agency's letter number (accounts/letterhead.py) and the letter's date, given
    # when the officer issues the letter (breaches.letter_issue); before that it is a draft
    authority_letter_number = models.CharField(_("nomor surat ke lembaga PDP"), max_length=100,
                                               blank=True)  # fmt: skip
    authority_letter_issued_on = models.DateField(_("surat ke lembaga PDP diterbitkan"),
                                                  null=True, blank=True)  # fmt: skip
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")  # fmt: skip
    recorded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("kegagalan pelindungan data")
        verbose_name_plural = _("kegagalan pelindungan data")
        ordering = ["-discovered_at", "-pk"]
        indexes = [models.Index(fields=["agency", "status", "notify_due_at"], name="breach_open")]

    def __str__(self) -> str:
        return f"#{self.pk} · {self.title}"

    def category_labels(self) -> list[str]:
        return [str(DataCategory(c).label) for c in self.data_categories
                if c in DataCategory.values]  # fmt: skip

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    def clock(self, now=None, *, unnotified: int = 0) -> str:
        """'done' (the authority and every affected client told, or closed),
        'overdue', 'soon' or 'on_track'."""
        if self.is_closed or (self.authority_notified_on and not unnotified):
            return "done"
        now = now or timezone.now()
        if now >= self.notify_due_at:
            return "overdue"
        soon = self.notify_due_at - now <= timedelta(hours=NOTIFY_SOON_HOURS)
        return "soon" if soon else "on_track"

    def hours_left(self, now=None) -> int:
        seconds = (self.notify_due_at - (now or timezone.now())).total_seconds()
        return int(seconds // 3600) if seconds >= 0 else -int(-seconds // 3600)


class BreachClient(models.Model):
    """A client the breach touched, how they were found, and when their letter went."""

    class Source(models.TextChoices):
        CHOSEN = "chosen", _("Dipilih")
        USER_READS = "user_reads", _("Dibaca pengguna dalam periode")
        ADDRESS_READS = "address_reads", _("Dibaca dari alamat jaringan dalam periode")
        CASELOAD = "caseload", _("Klien dalam tanggungan pengguna")

    breach = models.ForeignKey(Breach, on_delete=models.PROTECT, related_name="affected")
    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=16, choices=Source.choices)
    added_at = models.DateTimeField(default=timezone.now)
    notified_on = models.DateField(_("surat dikirim"), null=True, blank=True)
    # given when the letter is issued, as the authority's (Breach.authority_letter_number)
    letter_number = models.CharField(_("nomor surat"), max_length=100, blank=True)
    letter_issued_on = models.DateField(_("surat diterbitkan"), null=True, blank=True)

    class Meta:
        verbose_name = _("klien terdampak")
        verbose_name_plural = _("klien terdampak")
        ordering = ["client_id"]
        constraints = [
            models.UniqueConstraint(fields=["breach", "client"], name="breachclient_once"),
        ]
        indexes = [
            models.Index(fields=["breach", "notified_on"], name="breachclient_notified"),
            models.Index(fields=["client"], name="breachclient_client"),
        ]

    def __str__(self) -> str:
        return f"{self.breach_id} · {self.client_id}"


class RemovalReason(models.TextChoices):
    """Why a client is taken off a breach's list (a code: the history holds no text)."""

    NOT_TOUCHED = "not_touched", _("Data klien ini ternyata tidak terkena")
    WRONG_CLIENT = "wrong_client", _("Salah memilih klien")
    WRONG_SOURCE = "wrong_source", _("Salah cara atau periode pencarian")


class BreachEvent(AppendOnlyModel):
    """One change of a breach: its kind, who, when, and data of codes and numbers."""

    class Kind(models.TextChoices):
        RECORDED = "recorded", _("Dicatat")
        CHANGED = "changed", _("Diubah")
        CLIENTS_ADDED = "clients_added", _("Klien terdampak ditambahkan")
        CLIENT_REMOVED = "client_removed", _("Klien dikeluarkan dari daftar terdampak")
        CLIENT_NOTIFIED = "client_notified", _("Surat ke klien dikirim")
        CLIENTS_NOTIFIED = "clients_notified", _("Surat ke semua klien yang tersisa dikirim")
        AUTHORITY_NOTIFIED = "authority_notified", _("Surat ke lembaga PDP dikirim")
        LETTER_ISSUED = "letter_issued", _("Surat diterbitkan")

    breach = models.ForeignKey(Breach, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # field names, codes, counts, dates and client ids: never text about a person
    data = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("riwayat kegagalan pelindungan data")
        verbose_name_plural = _("riwayat kegagalan pelindungan data")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.breach_id} · {self.kind}"


class ProcessingRecordSettings(models.Model):
    """The parts of an agency's records of processing that no app declares: the
    controller's contact and officer, retention, security measures, other recipients."""

    agency = models.OneToOneField("accounts.Agency", on_delete=models.CASCADE, related_name="+")
    officer_contact = models.TextField(
        _("kontak pejabat pelindungan data"), blank=True, max_length=1000,
        help_text=_("Nama jabatan, alamat surat, e-mail dan telepon untuk subjek data."),
    )  # fmt: skip
    retention = models.TextField(
        _("masa retensi"), blank=True, max_length=4000,
        help_text=_("Berapa lama setiap jenis catatan disimpan dan dasarnya."),
    )  # fmt: skip
    security_measures = models.TextField(
        _("langkah keamanan"), blank=True, max_length=4000,
        help_text=_("Langkah teknis dan organisasi di luar yang dilakukan aplikasi."),
    )  # fmt: skip
    other_recipients = models.TextField(
        _("penerima lain"), blank=True, max_length=4000,
        help_text=_("Penerima data di luar lembaga yang tidak tercatat di aplikasi, satu per baris."),
    )  # fmt: skip
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pengaturan catatan kegiatan pemrosesan")
        verbose_name_plural = _("pengaturan catatan kegiatan pemrosesan")

    def __str__(self) -> str:
        return str(self.agency)
