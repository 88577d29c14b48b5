"""The advocate's records of finding the way out of a complaint: alternatives
appraised, the experts directory (*narasumber*) and consultations, filings with outside
bodies, their answers, the agency's own limits for them and the reminders sent, the
complainants' feedback, and the audit trail of the agency's complaint settings.
(Split from models.py by what they hold; models.py imports them, so
``advocate.models.<Name>`` works for all.)"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pendamping.history import AppendOnlyModel
from pendamping.records import VersionedRecord
from pendamping.setting_history import SettingChangeBase
from pendamping.text import LONG_TEXT, single_line

from .models import Complaint

# ---- finding the way out: alternatives, experts, consultations, filings, feedback -------


class Level(models.TextChoices):
    LOW = "low", _("Rendah")
    MEDIUM = "medium", _("Sedang")
    HIGH = "high", _("Tinggi")


class AlternativeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Diusulkan")
    CHOSEN = "chosen", _("Dipilih")
    TRIED = "tried", _("Sudah dicoba")
    DROPPED = "dropped", _("Ditinggalkan")


class Alternative(VersionedRecord):
    """One option for resolving the complaint, appraised for the group."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="alternatives")
    title = models.CharField(_("pilihan"), max_length=200, validators=[single_line])
    benefits = models.TextField(_("manfaat"), blank=True, validators=LONG_TEXT)
    drawbacks = models.TextField(_("kekurangan"), blank=True, validators=LONG_TEXT)
    feasibility = models.CharField(
        _("kelayakan"), max_length=8, choices=Level.choices, default="medium"
    )
    cost = models.CharField(_("biaya"), max_length=200, blank=True, validators=[single_line])
    risk = models.TextField(_("risiko bagi kelompok"), blank=True, validators=LONG_TEXT)
    status = models.CharField(
        _("status"), max_length=10, choices=AlternativeStatus.choices, default="proposed"
    )
    why_chosen = models.TextField(_("alasan dipilih"), blank=True, validators=LONG_TEXT)
    result = models.TextField(_("hasil percobaan"), blank=True, validators=LONG_TEXT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class ExpertField(models.TextChoices):
    LEGAL_AID = "legal_aid", _("Bantuan hukum")
    PARALEGAL = "paralegal", _("Paralegal")
    OMBUDSMAN = "ombudsman", _("Ombudsman")
    HEALTH = "health", _("Kesehatan")
    EDUCATION = "education", _("Pendidikan")
    LAND = "land", _("Pertanahan")
    LABOUR = "labour", _("Ketenagakerjaan")
    DISABILITY = "disability_rights", _("Hak penyandang disabilitas")
    CHILD = "child_protection", _("Perlindungan anak")
    SOCIAL_ASSISTANCE = "social_assistance", _("Bantuan sosial")
    OTHER = "other", _("Lainnya")


class Expert(VersionedRecord):
    """A resource person or organisation (*narasumber*) in the agency's directory."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("nama"), max_length=120, validators=[single_line])
    organisation = models.CharField(
        _("lembaga"), max_length=200, blank=True, validators=[single_line]
    )
    fields = models.JSONField(_("bidang keahlian"), default=list)
    region = models.ForeignKey(
        "clients.Region", verbose_name=_("wilayah"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    languages = models.CharField(_("bahasa"), max_length=120, blank=True, validators=[single_line])
    contact = models.CharField(_("kontak"), max_length=200, blank=True, validators=[single_line])
    # the provider in the broker's directory: its key as text (a UUID), read through the registered
    # scope "directory_organizations_for" (the advocate never imports the broker)
    provider_id = models.CharField(_("penyedia di direktori layanan"), max_length=64, blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    def field_labels(self) -> list[str]:
        return [str(ExpertField(f).label) for f in self.fields if f in ExpertField.values]


class Consultation(VersionedRecord):
    """Who was asked what about a complaint, when, and what they advised."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="consultations")
    expert = models.ForeignKey(
        Expert, verbose_name=_("narasumber"), on_delete=models.PROTECT, related_name="+"
    )
    asked_on = models.DateField(_("tanggal"))
    question = models.TextField(_("pertanyaan"), validators=LONG_TEXT)
    advice = models.TextField(_("saran"), blank=True, validators=LONG_TEXT)

    class Meta:
        ordering = ["asked_on", "id"]


class Body(models.TextChoices):
    SP4N_LAPOR = "sp4n_lapor", _("SP4N-LAPOR!")
    OMBUDSMAN = "ombudsman", _("Ombudsman RI")
    KOMNAS_HAM = "komnas_ham", _("Komnas HAM")
    KPAI = "kpai", _("KPAI")
    DPRD = "dprd", _("DPRD")
    OFFICE = "responsible_office", _("Instansi yang bertanggung jawab")


class Filing(VersionedRecord):
    """A filing of the complaint with an outside body, whose own clock then runs."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="filings")
    body = models.CharField(_("instansi"), max_length=20, choices=Body.choices)
    body_name = models.CharField(
        _("nama instansi"), max_length=200, blank=True, validators=[single_line]
    )
    filed_on = models.DateField(_("tanggal diajukan"))
    channel = models.CharField(_("saluran"), max_length=120, validators=[single_line])
    their_number = models.CharField(
        _("nomor pelacakan instansi"), max_length=60, blank=True, validators=[single_line]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["filed_on", "id"]

    def __str__(self) -> str:
        return self.body_name or str(Body(self.body).label)


class FilingAnswer(VersionedRecord):
    filing = models.ForeignKey(Filing, on_delete=models.PROTECT, related_name="answers")
    received_on = models.DateField(_("tanggal diterima"))
    summary = models.TextField(_("isi jawaban"), validators=LONG_TEXT)

    class Meta:
        ordering = ["received_on", "id"]


class Feedback(AppendOnlyModel):
    """The complainants' feedback on the outcome: satisfaction 1–5 and their words."""

    # typed free text blanked when the client is anonymised (history_migrations.py)
    REDACTABLE = ("comment",)
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="feedback")
    satisfaction = models.PositiveSmallIntegerField(
        _("kepuasan (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("tanggapan pengadu"), blank=True, validators=LONG_TEXT)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction__gte=1) & Q(satisfaction__lte=5),
                name="advocate_satisfaction_1_5",
            )
        ]


class FilingLimit(VersionedRecord):
    """A time limit of an outside body that the agency counts (limits.py has the ones
    the product ships): the step, the working days after filing, and where the agency
    read it. Entered by the agency's admin; an agency's rows for a body replace the
    shipped ones for it."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    body = models.CharField(_("instansi"), max_length=20, choices=Body.choices)
    label = models.CharField(_("tahap"), max_length=120, validators=[single_line])
    days = models.PositiveSmallIntegerField(
        _("hari kerja setelah pengajuan"), validators=[MinValueValidator(1), MaxValueValidator(250)]
    )
    source = models.CharField(_("dasar hukum/sumber"), max_length=200, validators=[single_line])

    class Meta:
        ordering = ["body", "days", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(days__gte=1) & Q(days__lte=250), name="advocate_limit_days"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_body_display()}: {self.label}"


class FilingReminder(AppendOnlyModel):
    """One reminder that a filing's step ran out without an answer (once per step)."""

    filing = models.ForeignKey(Filing, on_delete=models.PROTECT, related_name="reminders")
    step = models.CharField(max_length=40)
    due = models.DateField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["filing", "step"], name="advocate_remind_once")
        ]


class SettingChange(SettingChangeBase):
    """The audit trail of the agency's complaint settings: categories, days off, the
    outside bodies' limits (who changed which row how, the values before and after:
    pendamping/setting_history.py)."""

    what = models.CharField(max_length=20)  # category, day_off, filing_limit
    action = models.CharField(max_length=10)  # created, changed, deleted
    object_id = models.PositiveIntegerField()

    class Meta(SettingChangeBase.Meta):
        ordering = ["-at", "-id"]  # "-pk", as its migration has always said it
