"""Assessment: the bio-psycho-social-spiritual assessment in versions, scored
instruments and ecomap snapshots. The needs an assessment finds are the case's
needs (`cases.Need`), which every role works on.

Assessment versions and instrument administrations are history: never updated or
deleted, a new one is a new row.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pendamping.history import AppendOnlyError, AppendOnlyModel, AppendOnlyQuerySet
from pendamping.records import VersionedRecord
from pendamping.text import LONG_TEXT

# ---- assessment history (append-only) ------------------------------------------------


# Assessment versions, administrations and ecomap snapshots are never changed.
HistoryError = AppendOnlyError
HistoryQuerySet = AppendOnlyQuerySet
HistoryModel = AppendOnlyModel


# The sections of a bio-psycho-social-spiritual assessment, in the order of the form.
SECTIONS = [
    ("identity", _("Identitas klien")),
    ("referral_source", _("Sumber rujukan")),
    ("presenting_problem", _("Masalah yang dihadapi")),
    ("history", _("Riwayat masalah dan kehidupan")),
    ("family", _("Keluarga dan relasi")),
    ("health", _("Kesehatan fisik (bio)")),
    ("mental_status", _("Kondisi psikologis dan status mental")),
    ("spiritual", _("Kehidupan spiritual")),
    ("social_economic", _("Situasi sosial dan ekonomi")),
    ("strengths", _("Kekuatan dan sumber daya")),
    ("summary", _("Kesimpulan asesmen")),
    ("recommendations", _("Rekomendasi")),
]
SECTION_FIELDS = [name for name, _label in SECTIONS]
REQUIRED_SECTIONS = ("presenting_problem", "summary")


class Assessment(HistoryModel):
    """One version of a case's bio-psycho-social-spiritual assessment.

    A new assessment is a new version (`number` 1, 2, 3… per case); earlier versions
    stay as they were written and can be compared.
    """

    # typed free text blanked when the client is anonymised (history_migrations.py)
    REDACTABLE = (
        "identity",
        "referral_source",
        "presenting_problem",
        "history",
        "family",
        "health",
        "mental_status",
        "spiritual",
        "social_economic",
        "strengths",
        "summary",
        "recommendations",
    )
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="assessments")
    number = models.PositiveIntegerField(_("versi"))
    assessed_on = models.DateField(_("tanggal asesmen"))
    identity = models.TextField(_("identitas klien"), blank=True)
    referral_source = models.TextField(_("sumber rujukan"), blank=True)
    presenting_problem = models.TextField(_("masalah yang dihadapi"))
    history = models.TextField(_("riwayat masalah dan kehidupan"), blank=True)
    family = models.TextField(_("keluarga dan relasi"), blank=True)
    health = models.TextField(_("kesehatan fisik"), blank=True)
    mental_status = models.TextField(_("kondisi psikologis dan status mental"), blank=True)
    spiritual = models.TextField(_("kehidupan spiritual"), blank=True)
    social_economic = models.TextField(_("situasi sosial dan ekonomi"), blank=True)
    strengths = models.TextField(_("kekuatan dan sumber daya"), blank=True)
    summary = models.TextField(_("kesimpulan asesmen"))
    recommendations = models.TextField(_("rekomendasi"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asesor"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("asesmen")
        verbose_name_plural = _("asesmen")
        ordering = ["case", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="assessment_version_per_case")
        ]

    def __str__(self) -> str:
        return f"{self.case_id} · v{self.number}"

    def sections(self) -> list[tuple[str, str, str]]:
        """(field, label, text) for every section, in form order."""
        return [(name, label, getattr(self, name)) for name, label in SECTIONS]


class InstrumentAdministration(HistoryModel):
    """One scored administration of an instrument, with the answers as given.

    The instrument is named by code and version (definitions are data files, see
    instruments.py); the band and any safety flags are kept as scored then, in both
    languages, so the record reads the same after the definition changes.
    """

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="instrument_administrations"
    )
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="instrument_administrations"
    )
    instrument_code = models.CharField(_("instrumen"), max_length=40)
    instrument_version = models.CharField(_("versi instrumen"), max_length=20)
    answers = models.JSONField(_("jawaban"), default=dict)
    score = models.IntegerField(_("skor"))
    band = models.CharField(_("kategori"), max_length=40)
    band_label_id = models.CharField(max_length=200)
    band_label_en = models.CharField(max_length=200)
    flags = models.JSONField(_("tanda bahaya"), default=list, blank=True)
    administered_on = models.DateField(_("tanggal pengisian"))
    administered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diisi oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pengisian instrumen")
        verbose_name_plural = _("pengisian instrumen")
        ordering = ["-administered_on", "-id"]
        indexes = [
            models.Index(
                fields=["client", "instrument_code", "administered_on"],
                name="administration_client_code",
            ),
            models.Index(fields=["case", "administered_on"], name="administration_case_date"),
        ]

    def __str__(self) -> str:
        return f"{self.instrument_code} · {self.score} · {self.administered_on}"

    @property
    def band_label(self) -> str:
        return self.band_label_en if _english() else self.band_label_id

    def flag_labels(self) -> list[str]:
        key = "en" if _english() else "id"
        return [f.get(key) or f.get("code", "") for f in self.flags or []]


class SafetyAlert(VersionedRecord):
    """A safety flag raised by an administration, until someone records the action
    taken (instruments.FlagActions says what a flag does). Holds codes and ids; the
    action taken is the worker's own note, here only (never on the timeline)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="safety_alerts")
    administration = models.ForeignKey(
        InstrumentAdministration, on_delete=models.PROTECT, related_name="safety_alerts"
    )
    instrument_code = models.CharField(max_length=40)
    flag_code = models.CharField(max_length=40)
    raised_at = models.DateTimeField(auto_now_add=True)
    proposed_risk = models.CharField(max_length=10, blank=True, default="")
    risk_raised = models.BooleanField(default=False)
    task = models.ForeignKey(
        "cases.Task", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action_taken = models.TextField(_("tindakan yang diambil"), blank=True, validators=LONG_TEXT)
    action_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    action_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tanda bahaya")
        verbose_name_plural = _("tanda bahaya")
        ordering = ["-raised_at", "-id"]
        indexes = [
            models.Index(fields=["case", "action_at"], name="safety_alert_open"),
            # the open alerts oldest first, agency-wide (the admin's home card)
            models.Index(
                fields=["raised_at", "id"], name="safety_alert_open_raised",
                condition=Q(action_at__isnull=True, deleted_at__isnull=True),
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.instrument_code}:{self.flag_code} · {self.case_id}"

    @property
    def is_open(self) -> bool:
        return self.action_at is None

    @property
    def flag(self):
        from . import instruments

        instrument = instruments.get(self.instrument_code)
        return (
            next((f for f in instrument.flags if f.code == self.flag_code), None)
            if instrument
            else None
        )

    @property
    def instrument(self):
        from . import instruments

        return instruments.get(self.instrument_code)

    @property
    def label(self) -> str:
        flag = self.flag
        return str(flag.label) if flag else self.flag_code


def _english() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "").startswith("en")


# ---- ecomap ------------------------------------------------------------------------------


class EcomapSnapshot(HistoryModel):
    """A dated ecomap of a case: the centre and the systems around it, never changed.

    Editing the ecomap saves a new snapshot (`number` 1, 2, 3… per case), so two
    can be compared to see how the client's world changed.
    """

    # typed free text blanked when the client is anonymised (history_migrations.py)
    REDACTABLE = ("centre", "systems", "note")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="ecomaps")
    number = models.PositiveIntegerField(_("versi"))
    taken_on = models.DateField(_("tanggal"))
    centre = models.CharField(_("pusat"), max_length=200)
    systems = models.JSONField(_("sistem"), default=list)
    note = models.TextField(_("catatan"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ekomap")
        verbose_name_plural = _("ekomap")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="ecomap_number_per_case")
        ]

    def __str__(self) -> str:
        return f"{self.case_id} · {self.number}"

    def as_systems(self):
        from .ecomap import System

        return [System(**s) for s in self.systems]
