"""The broker's resource directory (shaped like Open Referral HSDS 3.0), referrals,
the gap register and initiatives.

HSDS entities keep HSDS `id`s (UUIDs) as primary keys, so an import is idempotent
and an export can be imported again without losing anything we model. Lists that
HSDS models as child objects but we only need as values (languages, required
documents, service areas, eligibility) are JSON lists here; the export gives their
child objects stable ids derived from the parent id (`hsds.child_id`).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pendamping.accounts.models import Agency
from pendamping.clients.models import Region
from pendamping.history import AppendOnlyModel
from pendamping.records import Versioned, VersionedRecord
from pendamping.taxonomy.models import TaxonomyTerm


class ServiceStatus(models.TextChoices):
    """HSDS 3.0 service status."""

    ACTIVE = "active", _("Aktif")
    INACTIVE = "inactive", _("Tidak aktif")
    DEFUNCT = "defunct", _("Sudah tidak ada")
    TEMPORARILY_CLOSED = "temporarily closed", _("Tutup sementara")


class Capacity(models.TextChoices):
    AVAILABLE = "available", _("Tersedia sekarang")
    WAITLIST = "waitlist", _("Daftar tunggu")
    NONE = "none", _("Penuh / tidak tersedia")
    UNKNOWN = "unknown", _("Belum diketahui")


class DirectoryEntry(VersionedRecord):
    """What organizations and services share: an owner agency, sharing, versions."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    agency = models.ForeignKey(
        Agency, verbose_name=_("lembaga pemilik"), on_delete=models.PROTECT, related_name="+"
    )
    shared = models.BooleanField(
        _("dibagikan ke semua lembaga"),
        default=False,
        help_text=_("Lembaga lain dapat melihat dan merujuk ke entri ini."),
    )
    name = models.CharField(_("nama"), max_length=200)
    alternate_name = models.CharField(_("nama lain"), max_length=200, blank=True)
    description = models.TextField(_("uraian"))
    email = models.EmailField(_("email"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name


class Organization(DirectoryEntry):
    """A provider (HSDS organization): Dinas Sosial, puskesmas, LBH, BAZNAS, LKS…"""

    website = models.URLField(_("situs web"), blank=True)
    legal_status = models.CharField(_("status hukum"), max_length=100, blank=True)
    tax_id = models.CharField(_("NPWP"), max_length=30, blank=True)
    receiving_agency = models.ForeignKey(
        Agency,
        verbose_name=_("lembaga di Pendamping"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="provider_records",
        help_text=_(
            "Bila penyedia ini juga memakai Pendamping, rujukan ke layanannya "
            "masuk ke lembaga itu dan dijawab oleh stafnya sendiri."
        ),
    )

    class Meta:
        verbose_name = _("penyedia layanan")
        verbose_name_plural = _("penyedia layanan")
        ordering = ["name"]
        indexes = [models.Index(fields=["agency", "name"], name="org_agency_name")]


class Location(models.Model):
    class Type(models.TextChoices):
        PHYSICAL = "physical", _("Fisik")
        POSTAL = "postal", _("Alamat surat")
        VIRTUAL = "virtual", _("Daring")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="locations"
    )
    location_type = models.CharField(
        _("jenis lokasi"), max_length=10, choices=Type.choices, default=Type.PHYSICAL
    )
    name = models.CharField(_("nama lokasi"), max_length=200, blank=True)
    description = models.TextField(_("uraian"), blank=True)
    address_1 = models.CharField(_("alamat"), max_length=300, blank=True)
    city = models.CharField(_("kota/kabupaten"), max_length=100, blank=True)
    postal_code = models.CharField(_("kode pos"), max_length=10, blank=True)
    state_province = models.CharField(_("provinsi/negara bagian"), max_length=100, blank=True)
    country = models.CharField(
        _("negara"),
        max_length=2,
        default="ID",
        blank=True,
        help_text=_("Kode negara ISO 3166-1, mis. ID; kosong bila tidak diketahui."),
    )
    # an identifier of another scheme than Kemendagri's, kept as the publisher wrote it
    external_identifier = models.CharField(_("pengenal lain"), max_length=200, blank=True)
    external_identifier_type = models.CharField(
        _("skema pengenal lain"), max_length=100, blank=True
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("wilayah (kode Kemendagri)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    latitude = models.FloatField(_("lintang"), null=True, blank=True)
    longitude = models.FloatField(_("bujur"), null=True, blank=True)

    class Meta:
        verbose_name = _("lokasi")
        verbose_name_plural = _("lokasi")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="location_latlon")]

    def __str__(self) -> str:
        return self.name or self.address_1 or str(self.id)

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class Service(DirectoryEntry):
    """An HSDS service, with the eligibility and capacity that matching needs."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("penyedia"),
        on_delete=models.PROTECT,
        related_name="services",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    url = models.URLField(_("situs web"), blank=True)
    application_process = models.TextField(_("cara mengajukan"), blank=True)
    fees_description = models.TextField(_("biaya"), blank=True)
    eligibility_description = models.TextField(_("syarat lain"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("usia minimum"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("usia maksimum"), null=True, blank=True)
    eligible_sexes = models.JSONField(
        _("jenis kelamin yang dilayani"), default=list, blank=True, help_text=_("Kosong: semua.")
    )
    eligible_ppks = models.JSONField(
        _("kategori PPKS yang dilayani"), default=list, blank=True, help_text=_("Kosong: semua.")
    )
    languages = models.JSONField(_("bahasa"), default=list, blank=True)
    required_documents = models.JSONField(_("dokumen yang diperlukan"), default=list, blank=True)
    service_areas = models.JSONField(
        _("wilayah layanan"), default=list, blank=True, help_text=_("Kode wilayah Kemendagri.")
    )
    other_areas = models.JSONField(
        _("wilayah layanan lain"),
        default=list,
        blank=True,
        help_text=_("Wilayah yang bukan kode Kemendagri, disimpan sebagai teks."),
    )
    terms = models.ManyToManyField(
        TaxonomyTerm, verbose_name=_("jenis layanan"), related_name="services"
    )
    external_terms = models.ManyToManyField(
        "broker.ExternalTerm",
        verbose_name=_("istilah kosakata lain"),
        related_name="services",
        blank=True,
    )
    # ids of the `terms` given only by the agency's TermMapping of an external term
    mapped_terms = models.JSONField(default=list, blank=True, editable=False)
    capacity = models.CharField(
        _("kapasitas"), max_length=10, choices=Capacity.choices, default=Capacity.UNKNOWN
    )
    capacity_count = models.PositiveIntegerField(_("jumlah tempat"), null=True, blank=True)
    capacity_updated_at = models.DateTimeField(_("kapasitas diperbarui"), null=True, blank=True)
    locations = models.ManyToManyField(
        Location, through="ServiceAtLocation", related_name="services", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("layanan")
        verbose_name_plural = _("layanan")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["agency", "name"], name="service_agency_name"),
            # the directory's listing by name: a page walks it and stops (web.CappedPaginator)
            models.Index(
                fields=["name", "id"],
                condition=models.Q(deleted_at__isnull=True),
                name="service_live_name",
            ),
            models.Index(fields=["shared", "status"], name="service_shared_status"),
            # and service_stale (broker 0016, out of the model's state: PostgreSQL's
            # is ordered NULLS FIRST as the list is, which SQLite's CREATE INDEX refuses)
        ]

    def sex_labels(self) -> list[str]:
        from pendamping.clients.choices import Sex

        return [str(Sex(s).label) for s in self.eligible_sexes if s in Sex.values]

    def ppks_labels(self) -> list[str]:
        from pendamping.clients.choices import PPKS

        return [str(PPKS(c).label) for c in self.eligible_ppks if c in PPKS.values]

    def takes_age(self, age: int) -> bool:
        return (self.minimum_age is None or age >= self.minimum_age) and (
            self.maximum_age is None or age <= self.maximum_age
        )


class ServiceArea(models.Model):
    """Index of `Service.service_areas` by region code, kept by `services.index_service`.

    Matching looks up services whose area covers the client's province, regency,
    district or village with one indexed `code IN (...)` query. A service with
    neither a place nor an area (a hotline, an online service) reaches everyone: it
    gets one row with the code `EVERYWHERE`, so that matching finds it through the
    same index instead of checking every service of a term for missing places.
    """

    EVERYWHERE = "*"

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="area_index")
    code = models.CharField(max_length=13)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "code"], name="service_area_unique")
        ]
        indexes = [models.Index(fields=["code", "service"], name="service_area_code")]

    def __str__(self) -> str:
        return f"{self.service_id}:{self.code}"


class ServiceAtLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="+")
    description = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "location"], name="sal_unique")]

    def __str__(self) -> str:
        return f"{self.service_id}@{self.location_id}"


class Phone(models.Model):
    class Type(models.TextChoices):
        VOICE = "voice", _("Telepon")
        CELL = "cell", _("Ponsel / WhatsApp")
        TEXT = "text", _("SMS")
        FAX = "fax", _("Faks")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    number = models.CharField(_("nomor"), max_length=30)
    type = models.CharField(_("jenis"), max_length=10, choices=Type.choices, default=Type.VOICE)
    description = models.CharField(_("keterangan"), max_length=200, blank=True)

    class Meta:
        ordering = ["number", "id"]

    def __str__(self) -> str:
        return self.number


class Contact(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    name = models.CharField(_("nama"), max_length=200)
    title = models.CharField(_("jabatan"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Schedule(models.Model):
    """Weekly opening hours (HSDS schedule with freq=WEEKLY)."""

    DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedules")
    byday = models.CharField(_("hari"), max_length=20, help_text="MO,TU,WE,TH,FR")
    opens_at = models.TimeField(_("buka"))
    closes_at = models.TimeField(_("tutup"))
    description = models.CharField(_("keterangan"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.byday} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"


# ---- referrals -----------------------------------------------------------------


class ReferralStatus(models.TextChoices):
    """Closed-loop referral status (HL7 SDOH referral task)."""

    DRAFT = "draft", _("Draf")
    REQUESTED = "requested", _("Dikirim")
    ACCEPTED = "accepted", _("Diterima")
    REJECTED = "rejected", _("Ditolak")
    CANCELED = "canceled", _("Dibatalkan")
    IN_PROGRESS = "in_progress", _("Sedang dilayani")
    ON_HOLD = "on_hold", _("Ditunda")
    FAILED = "failed", _("Gagal")
    COMPLETED = "completed", _("Selesai")
    ENTERED_IN_ERROR = "entered_in_error", _("Salah input")


S = ReferralStatus
# Who may move a referral from one status to another. "sender": the referring
# worker's side; "receiver": the provider's side, which is the receiving agency's
# staff when the provider uses Pendamping and otherwise the sender recording the
# provider's answer.
TRANSITIONS: dict[str, dict[str, str]] = {
    S.DRAFT: {S.REQUESTED: "sender", S.CANCELED: "sender", S.ENTERED_IN_ERROR: "sender"},
    S.REQUESTED: {
        S.ACCEPTED: "receiver",
        S.REJECTED: "receiver",
        S.CANCELED: "sender",
        S.ENTERED_IN_ERROR: "sender",
    },
    S.ACCEPTED: {
        S.IN_PROGRESS: "receiver",
        S.ON_HOLD: "receiver",
        S.COMPLETED: "receiver",
        S.FAILED: "receiver",
        S.CANCELED: "sender",
        S.ENTERED_IN_ERROR: "sender",
    },
    S.IN_PROGRESS: {
        S.ON_HOLD: "receiver",
        S.COMPLETED: "receiver",
        S.FAILED: "receiver",
        S.CANCELED: "sender",
        S.ENTERED_IN_ERROR: "sender",
    },
    S.ON_HOLD: {
        S.IN_PROGRESS: "receiver",
        S.FAILED: "receiver",
        S.CANCELED: "sender",
        S.ENTERED_IN_ERROR: "sender",
    },
}
CLOSED_STATUSES = frozenset({S.REJECTED, S.CANCELED, S.FAILED, S.COMPLETED, S.ENTERED_IN_ERROR})
# Statuses in which the referral is still expected to lead somewhere.
LIVE_STATUSES = frozenset({S.REQUESTED, S.ACCEPTED, S.IN_PROGRESS, S.ON_HOLD})

# What a referral can share with the receiver; the worker chooses, consent allows.
SHAREABLE_FIELDS = {
    "full_name": _("Nama lengkap"),
    "sex": _("Jenis kelamin"),
    "birth_date": _("Tanggal lahir"),
    "age": _("Usia"),
    "nik": _("NIK"),
    "phone": _("Telepon"),
    "address": _("Alamat"),
    "region": _("Wilayah"),
    "ppks_categories": _("Kategori PPKS"),
}
DEFAULT_SHARED_FIELDS = ["full_name", "sex", "age", "region"]
# The kind of data (clients.choices.DataCategory) each shareable field is: a referral
# is sent only under a consent that covers the kinds of every field it shares.
FIELD_CATEGORIES = {
    "full_name": "identity", "sex": "identity", "birth_date": "identity", "age": "identity",
    "nik": "identity", "phone": "contact", "address": "contact", "region": "contact",
    "ppks_categories": "welfare",
}  # fmt: skip


class Referral(Versioned):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="referrals")
    need = models.ForeignKey("cases.Need", on_delete=models.PROTECT, related_name="referrals")
    # the letter's number (accounts/letterhead.py), given once when it is sent
    letter_number = models.CharField(_("nomor surat"), max_length=100, blank=True)
    service = models.ForeignKey(
        Service, verbose_name=_("layanan"), on_delete=models.PROTECT, related_name="referrals"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="referrals_sent")
    receiving_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals_received",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.DRAFT
    )
    note_for_receiver = models.TextField(_("catatan untuk penerima"), blank=True)
    follow_up_date = models.DateField(_("tanggal tindak lanjut"))
    shared_fields = models.JSONField(_("data yang dibagikan"), default=list, blank=True)
    shared = models.JSONField(default=dict, blank=True)
    consent = models.ForeignKey(
        "clients.Consent", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("dikirim"), null=True, blank=True)
    closed_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rujukan")
        verbose_name_plural = _("rujukan")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["receiving_agency", "status"], name="referral_incoming"),
            models.Index(fields=["service", "status"], name="referral_service_status"),
            models.Index(fields=["status", "follow_up_date"], name="referral_follow_up"),
            models.Index(fields=["case"], name="referral_case"),
        ]

    def __str__(self) -> str:
        return f"R-{self.pk}"

    @property
    def number(self) -> str:
        return f"R-{self.pk:06d}"

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.status in LIVE_STATUSES and self.follow_up_date < timezone.localdate()

    @property
    def receiver_in_pendamping(self) -> bool:
        return self.receiving_agency_id is not None

    def next_statuses(self) -> dict[str, str]:
        return TRANSITIONS.get(self.status, {})

    def shared_for_receiver(self) -> dict:
        """The snapshot the receiving side may read: nothing once the referral was
        entered in error or the client withdrew the consent it was sent under."""
        if self.status == ReferralStatus.ENTERED_IN_ERROR:
            return {}
        if self.consent_id and not self.consent.is_active:
            return {}
        return self.shared

    @property
    def snapshot_withheld(self) -> bool:
        return bool(self.shared) and not self.shared_for_receiver()


class ReferralUpdate(AppendOnlyModel):
    """Append-only status history of a referral, readable by both sides."""

    # typed free text blanked when the client is anonymised (history_migrations.py)
    REDACTABLE = ("reason",)
    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="updates")
    from_status = models.CharField(max_length=20, choices=ReferralStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ReferralStatus.choices)
    reason = models.TextField(_("alasan"), blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    actor_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.from_status} → {self.to_status}"


from .gaps import Gap, GapReason, Initiative  # noqa: E402, F401  (the gap register)
from .imports import DirectoryImport  # noqa: E402, F401  (a model of this app)
from .stale import DirectorySettings  # noqa: E402, F401  (stale capacity)
from .textindex import ProviderText, ServiceText  # noqa: E402, F401  (the word index)
from .vocabulary import ExternalTerm, MappingChange, TermMapping  # noqa: E402, F401  (models of this app)
