"""The advocate: complaints (*pengaduan*) of individuals, groups, communities and
anonymous people, their categories with SLAs, the agency's days off for the
working-day clock, stage history, co-signers and escalations (GLOSSARY: Complaints).

A complaint is the agency's record: it may point at a client (an individual
complainant) and at a case (where the complaint was referred to casework). An
anonymous complaint stores no identity; its contact channel lives apart
(``AnonymousContact``) and only the assigned worker reads it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pendamping.history import AppendOnlyModel
from pendamping.records import VersionedRecord
from pendamping.text import LONG_TEXT, single_line

DEFAULT_SLA_HOURS = 72  # GLOSSARY: received + 72 h unless the category sets otherwise
AT_RISK_SHARE = 0.25  # at risk when under 25 % of the time is left


class AgencyDayOff(VersionedRecord):
    """A day the agency is closed besides weekends and national holidays: *cuti
    bersama* it observes, a local holiday. Entered by the agency's admin."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    day = models.DateField(_("tanggal"))
    name = models.CharField(_("keterangan"), max_length=120, validators=[single_line])

    class Meta:
        verbose_name = _("hari libur lembaga")
        verbose_name_plural = _("hari libur lembaga")
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "day"],
                condition=Q(deleted_at__isnull=True),
                name="advocate_dayoff_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.name}"


class SlaUnit(models.TextChoices):
    HOURS = "hours", _("Jam")
    WORKING_DAYS = "working_days", _("Hari kerja")


class Category(VersionedRecord):
    """A complaint category of the agency, on two levels (a sub-category has a
    parent with none), each with its SLA."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("kategori induk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    name = models.CharField(_("nama"), max_length=120, validators=[single_line])
    sla_amount = models.PositiveSmallIntegerField(_("batas waktu layanan"), default=72)
    sla_unit = models.CharField(
        _("satuan"), max_length=16, choices=SlaUnit.choices, default=SlaUnit.HOURS
    )

    class Meta:
        verbose_name = _("kategori pengaduan")
        verbose_name_plural = _("kategori pengaduan")
        ordering = ["parent_id", "name", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(sla_amount__gte=1), name="advocate_sla_positive")
        ]

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name


class ComplainantKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Perorangan (klien)")
    GROUP = "group", _("Kelompok")
    COMMUNITY = "community", _("Komunitas/masyarakat")
    ANONYMOUS = "anonymous", _("Anonim")


class Channel(models.TextChoices):
    WALK_IN = "walk_in", _("Datang langsung")
    PHONE = "phone", _("Telepon")
    SMS_WHATSAPP = "sms_whatsapp", _("SMS/WhatsApp")
    EMAIL = "email", _("Surel")
    WEB = "web", _("Situs web")
    LETTER = "letter", _("Surat")


class Severity(models.TextChoices):
    LOW = "low", _("Rendah")
    MEDIUM = "medium", _("Sedang")
    HIGH = "high", _("Tinggi")
    CRITICAL = "critical", _("Kritis")


class Sensitivity(models.TextChoices):
    STANDARD = "standard", _("Biasa")
    SENSITIVE = "sensitive", _("Sensitif")
    HIGHLY_SENSITIVE = "highly_sensitive", _("Sangat sensitif")


class Stage(models.TextChoices):
    NEW = "new", _("Baru")
    IN_PROGRESS = "in_progress", _("Diproses")
    AWAITING = "awaiting", _("Menunggu")
    DONE = "done", _("Selesai")
    CANCELLED = "cancelled", _("Dibatalkan")
    REJECTED = "rejected", _("Ditolak")


CLOSED_STAGES = (Stage.DONE, Stage.CANCELLED, Stage.REJECTED)
OPEN_STAGES = (Stage.NEW, Stage.IN_PROGRESS, Stage.AWAITING)
# Where each stage may go by a stage change (done comes with a decision; a closed
# complaint comes back through a reopening).
TRANSITIONS = {
    Stage.NEW: (Stage.IN_PROGRESS, Stage.AWAITING, Stage.CANCELLED, Stage.REJECTED),
    Stage.IN_PROGRESS: (Stage.AWAITING, Stage.CANCELLED, Stage.REJECTED),
    Stage.AWAITING: (Stage.IN_PROGRESS, Stage.CANCELLED, Stage.REJECTED),
}


class AwaitingOn(models.TextChoices):
    COMPLAINANT = "complainant", _("Pengadu")
    OTHER_BODY = "other_body", _("Instansi lain")


class Decision(models.TextChoices):
    UPHELD = "upheld", _("Diterima")
    PARTIALLY_UPHELD = "partially_upheld", _("Diterima sebagian")
    REJECTED = "rejected", _("Tidak diterima")
    WITHDRAWN = "withdrawn", _("Dicabut")
    REDIRECTED = "redirected", _("Dialihkan")
    REFERRED_TO_CASE = "referred_to_case", _("Dirujuk ke kasus")


class SlaStatus(models.TextChoices):
    ON_TRACK = "on_track", _("Sesuai jadwal")
    AT_RISK = "at_risk", _("Berisiko terlambat")
    BREACHED = "breached", _("Melewati batas waktu")
    MET = "met", _("Selesai tepat waktu")


class Complaint(VersionedRecord):
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    tracking_code = models.CharField(_("kode pelacakan"), max_length=16, unique=True)
    secret_hash = models.CharField(max_length=128)
    complainant_kind = models.CharField(
        _("jenis pengadu"), max_length=16, choices=ComplainantKind.choices
    )
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("klien"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # a group's representative or a community's spokesperson (blank when anonymous)
    complainant_name = models.CharField(
        _("nama pengadu/perwakilan"), max_length=120, blank=True, validators=[single_line]
    )
    complainant_contact = models.CharField(
        _("kontak pengadu"), max_length=120, blank=True, validators=[single_line]
    )
    group_name = models.CharField(
        _("nama kelompok/komunitas"), max_length=200, blank=True, validators=[single_line]
    )
    mandate = models.TextField(_("mandat perwakilan"), blank=True, validators=LONG_TEXT)
    mandate_on = models.DateField(_("tanggal mandat"), null=True, blank=True)
    region = models.ForeignKey(
        "clients.Region",
        verbose_name=_("wilayah"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    channel = models.CharField(_("saluran"), max_length=16, choices=Channel.choices)
    # none: not yet categorised, the GLOSSARY's default SLA (72 h) applies
    category = models.ForeignKey(
        Category,
        verbose_name=_("kategori"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    severity = models.CharField(
        _("tingkat keparahan"), max_length=16, choices=Severity.choices, default=Severity.MEDIUM
    )
    sensitivity = models.CharField(
        _("kepekaan"), max_length=20, choices=Sensitivity.choices, default=Sensitivity.STANDARD
    )
    subject = models.CharField(_("pokok pengaduan"), max_length=200, validators=[single_line])
    description = models.TextField(_("uraian"), validators=LONG_TEXT)
    obstacles = models.TextField(_("hambatan yang dihadapi"), blank=True, validators=LONG_TEXT)
    wanted_resolution = models.TextField(
        _("penyelesaian yang diharapkan"), blank=True, validators=LONG_TEXT
    )
    stage = models.CharField(_("tahap"), max_length=16, choices=Stage.choices, default=Stage.NEW)
    awaiting_on = models.CharField(
        _("menunggu"), max_length=16, choices=AwaitingOn.choices, blank=True
    )
    received_at = models.DateTimeField(_("diterima"), default=timezone.now)
    at_risk_at = models.DateTimeField()
    deadline_at = models.DateTimeField(_("batas waktu"))
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    # the SLA clock stops while awaiting the complainant or another body; on resuming
    # the deadline moves by the time lost (clock.resume_deadline)
    paused_at = models.DateTimeField(_("jam layanan dihentikan"), null=True, blank=True)
    # none: received by an admin or supervisor and not yet given to a worker
    assigned_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("petugas"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # grouped into one collective complaint: the lead; each member keeps its own
    # complainant, co-signers and their consent
    collective = models.ForeignKey(
        "self",
        verbose_name=_("digabung ke pengaduan kolektif"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("kasus"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    flagged = models.BooleanField(_("ditandai (eskalasi)"), default=False)
    decision = models.CharField(_("keputusan"), max_length=20, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("alasan keputusan"), blank=True, validators=LONG_TEXT)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pengaduan")
        verbose_name_plural = _("pengaduan")
        ordering = ["deadline_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline_at__gt=models.F("received_at"))
                & Q(at_risk_at__gte=models.F("received_at"))
                & Q(at_risk_at__lte=models.F("deadline_at")),
                name="advocate_deadline_after_receipt",
            ),
            models.CheckConstraint(
                condition=~Q(complainant_kind="anonymous")
                | (Q(client__isnull=True) & Q(complainant_name="") & Q(complainant_contact="")),
                name="advocate_anonymous_has_no_identity",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "deleted_at", "stage", "deadline_at"], name="adv_open"),
            models.Index(fields=["agency", "assigned_worker"], name="adv_worker"),
        ]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES

    def sla_status(self, now=None) -> str:
        now = now or timezone.now()
        if self.paused_at is not None:  # the clock stopped while awaiting
            now = min(now, self.paused_at)
        if not self.is_open:
            end = self.closed_at or now
            return SlaStatus.MET if end <= self.deadline_at else SlaStatus.BREACHED
        if now >= self.deadline_at:
            return SlaStatus.BREACHED
        if now >= self.at_risk_at:
            return SlaStatus.AT_RISK
        return SlaStatus.ON_TRACK

    def get_sla_status_display(self) -> str:
        return SlaStatus(self.sla_status()).label


class AnonymousContact(models.Model):
    """How to reach an anonymous complainant (a number, an address): kept apart
    from the complaint and shown to its assigned worker only."""

    complaint = models.OneToOneField(
        Complaint, on_delete=models.CASCADE, related_name="anonymous_contact"
    )
    channel = models.CharField(_("saluran kontak"), max_length=200, validators=[single_line])

    def __str__(self) -> str:
        return f"contact of complaint #{self.complaint_id}"


class CoSigner(VersionedRecord):
    """A member of a group complaint who signs it, with their consent."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="cosigners")
    name = models.CharField(_("nama"), max_length=120, validators=[single_line])
    contact = models.CharField(_("kontak"), max_length=120, blank=True, validators=[single_line])
    consent_given = models.BooleanField(_("persetujuan diberikan"), default=False)
    consent_on = models.DateField(_("tanggal persetujuan"))

    class Meta:
        verbose_name = _("penanda tangan")
        verbose_name_plural = _("penanda tangan")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(consent_given=True), name="advocate_cosigner_consents"
            )
        ]

    def __str__(self) -> str:
        return self.name


class StageChange(AppendOnlyModel):
    """One change of a complaint's stage, with its reason (append-only)."""

    # typed free text blanked when the client is anonymised (history_migrations.py)
    REDACTABLE = ("reason",)
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="stage_changes")
    from_stage = models.CharField(max_length=16, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=16, choices=Stage.choices)
    reason = models.TextField(validators=LONG_TEXT)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def get_from_display(self) -> str:
        return str(Stage(self.from_stage).label) if self.from_stage else ""


class LogKind(models.TextChoices):
    ASSIGNED = "assigned", _("Ditugaskan")
    GROUPED = "grouped", _("Digabung ke pengaduan kolektif")
    UNGROUPED = "ungrouped", _("Dilepas dari pengaduan kolektif")
    LEGAL_AID = "legal_aid", _("Dirujuk ke bantuan hukum")


class ComplaintLog(AppendOnlyModel):
    """Who gave the complaint to which worker, and its grouping into (or out of) a
    collective complaint (append-only): ids only."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="log")
    kind = models.CharField(max_length=16, choices=LogKind.choices)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    other = models.ForeignKey(Complaint, on_delete=models.PROTECT, null=True, related_name="+")
    # a legal-aid referral: the need on the complainant's case (casework's model)
    need = models.ForeignKey("cases.Need", on_delete=models.PROTECT, null=True, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]


class Evidence(VersionedRecord):
    """An evidence file of a complaint: kept in the private upload folder under a
    random name, judged by its content, served only by the scoped view."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="evidence")
    label = models.CharField(_("keterangan"), max_length=200, validators=[single_line])
    file_name = models.CharField(max_length=80, unique=True)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.label


class Tier(models.IntegerChoices):
    SUPERVISOR = 1, _("Supervisor")
    ADMIN = 2, _("Admin lembaga")


class Escalation(AppendOnlyModel):
    """One escalation of a breached complaint, once per tier (append-only)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="escalations")
    tier = models.PositiveSmallIntegerField(choices=Tier.choices)
    # who is alerted: the worker's supervisor (tier 1) or none, then the agency's admins
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "tier"], name="advocate_escalate_once")
        ]


# The finding-the-way-out models live beside (finding_models.py); import them here so
# every model is in advocate.models.
from .finding_models import (  # noqa: E402, F401
    Alternative,
    AlternativeStatus,
    Body,
    Consultation,
    Expert,
    ExpertField,
    Feedback,
    Filing,
    FilingAnswer,
    FilingLimit,
    FilingReminder,
    Level,
    SettingChange,
)
