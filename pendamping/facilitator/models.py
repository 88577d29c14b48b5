"""The facilitator: programmes (ATENSI services run in sessions), their curriculum,
instructors, enrolments of clients' cases, sessions and attendance.

Programmes, modules, instructors, enrolments and sessions are editable (versioned,
soft-deleted); an attendance row is one per session and participant, rewritten
when the attendance screen is saved again.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pendamping.history import AppendOnlyModel
from pendamping.records import VersionedRecord
from pendamping.text import LONG_TEXT, single_line


class Kind(models.TextChoices):
    PHYSICAL = "terapi_fisik", _("Terapi fisik")
    PSYCHOSOCIAL = "terapi_psikososial", _("Terapi psikososial")
    SPIRITUAL = "terapi_mental_spiritual", _("Terapi mental spiritual")
    VOCATIONAL = "pelatihan_vokasional", _("Pelatihan vokasional/keterampilan")
    SOCIAL = "bimbingan_sosial", _("Bimbingan sosial")
    FDS = "family_development_session", _("Family development session")
    OTHER = "other", _("Lainnya")


class Programme(VersionedRecord):
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("judul"), max_length=200)
    kind = models.CharField(_("jenis layanan"), max_length=40, choices=Kind.choices)
    objectives = models.TextField(_("tujuan program"), blank=True)
    target_categories = models.JSONField(_("kategori PPKS sasaran"), default=list, blank=True)
    target_age_min = models.PositiveSmallIntegerField(_("usia sasaran dari"), null=True, blank=True)
    target_age_max = models.PositiveSmallIntegerField(
        _("usia sasaran sampai"), null=True, blank=True
    )
    location = models.CharField(_("tempat"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("kapasitas peserta"), default=20)
    starts_on = models.DateField(_("tanggal mulai"))
    ends_on = models.DateField(_("tanggal selesai"))
    compliant_share = models.DecimalField(
        _("batas patuh"), max_digits=3, decimal_places=2, default=Decimal("0.80")
    )
    partial_share = models.DecimalField(
        _("batas patuh sebagian"), max_digits=3, decimal_places=2, default=Decimal("0.50")
    )
    measures = models.JSONField(_("ukuran pra dan pasca"), default=list, blank=True)
    briefing_days = models.PositiveSmallIntegerField(
        _("akses briefing instruktur (hari setelah sesi)"), default=7
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("fasilitator"), blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    # Set once, by completion.programme_close: each participant's completion is then final.
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="programme_dates_in_order"
            ),
            models.CheckConstraint(
                condition=Q(partial_share__gte=0)
                & Q(compliant_share__lte=1)
                & Q(partial_share__lte=models.F("compliant_share")),
                name="programme_shares_in_order",
            ),
        ]
        indexes = [models.Index(fields=["agency", "deleted_at", "starts_on"], name="prog_agency")]

    def __str__(self) -> str:
        return self.title


class ProgrammeModule(VersionedRecord):
    """A topic of the programme's curriculum, in order."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="modules")
    position = models.PositiveSmallIntegerField(_("urutan"), default=1)
    title = models.CharField(_("topik"), max_length=200)
    description = models.TextField(_("uraian"), blank=True)

    class Meta:
        verbose_name = _("modul program")
        verbose_name_plural = _("modul program")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class Instructor(VersionedRecord):
    """A user of the agency with the instructor role, or an external resource person."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    name = models.CharField(_("nama"), max_length=120)
    organisation = models.CharField(_("lembaga asal"), max_length=200, blank=True)
    expertise = models.CharField(_("keahlian"), max_length=200, blank=True)
    contact = models.CharField(_("kontak"), max_length=120, blank=True)
    # an external resource person's provider in the broker's directory: its key as text,
    # read through the registered scope (providers.py; the facilitator imports no broker)
    provider_id = models.CharField(_("penyedia di direktori layanan"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("instruktur")
        verbose_name_plural = _("instruktur")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Terdaftar")
    WAITLISTED = "waitlisted", _("Daftar tunggu")
    LEFT = "left", pgettext_lazy("enrolment status", "Keluar")
    COMPLETED = "completed", _("Selesai")
    PARTIAL = "partially_completed", _("Selesai sebagian")
    NOT_COMPLETED = "not_completed", _("Tidak selesai")


ACTIVE_STATUSES = (EnrolmentStatus.ENROLLED,)


class Enrolment(VersionedRecord):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="enrolments")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="enrolments")
    status = models.CharField(
        _("status"), max_length=24, choices=EnrolmentStatus.choices, default="enrolled"
    )
    reason = models.CharField(_("alasan keluar"), max_length=300, blank=True)
    # the member of a group client enrolled from the group's case (None: the case's client)
    member = models.ForeignKey(
        "clients.Client",
        verbose_name=_("anggota kelompok"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="member_enrolments",
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("peserta program")
        verbose_name_plural = _("peserta program")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "case"],
                condition=Q(deleted_at__isnull=True, member__isnull=True),
                name="enrolment_once_per_case",
            ),
            models.UniqueConstraint(
                fields=["programme", "case", "member"],
                condition=Q(deleted_at__isnull=True, member__isnull=False),
                name="enrolment_once_per_member",
            ),
        ]
        indexes = [models.Index(fields=["case", "status"], name="enrolment_case")]

    def __str__(self) -> str:
        return f"{self.programme_id} · {self.case_id}"

    @property
    def participant(self):
        """The person taking part: the group's member, else the case's client."""
        return self.member if self.member_id else self.case.client


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Dijadwalkan")
    IN_PROGRESS = "in_progress", _("Berlangsung")
    COMPLETED = "completed", _("Selesai")
    CANCELLED = "cancelled", _("Dibatalkan")


class Session(VersionedRecord):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="sessions")
    starts_at = models.DateTimeField(_("waktu mulai"))
    module = models.ForeignKey(
        ProgrammeModule,
        verbose_name=_("modul"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
    )
    instructors = models.ManyToManyField(
        Instructor, verbose_name=_("instruktur"), blank=True, related_name="sessions"
    )
    one_to_one = models.BooleanField(_("sesi perorangan"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=SessionStatus.choices, default="scheduled"
    )
    cancel_reason = models.CharField(_("alasan dibatalkan"), max_length=300, blank=True)
    makeup_for = models.ForeignKey(
        "self",
        verbose_name=_("pengganti sesi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="makeups",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sesi")
        verbose_name_plural = _("sesi")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""),
                name="session_cancel_has_reason",
            )
        ]
        indexes = [models.Index(fields=["programme", "starts_at"], name="session_prog_time")]

    def __str__(self) -> str:
        return f"{self.programme_id} · {self.starts_at:%Y-%m-%d %H:%M}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Hadir")
    LATE = "late", _("Terlambat")
    EXCUSED = "excused", _("Izin")
    ABSENT = "absent", _("Tidak hadir")
    NOT_TAKING_PART = "not_taking_part", _("Tidak ikut serta")


ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="attendance")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(_("kehadiran"), max_length=16, choices=AttendanceStatus.choices)
    reason = models.CharField(_("alasan izin"), max_length=300, blank=True)
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment"], name="attendance_once_per_session"
            )
        ]
        indexes = [models.Index(fields=["enrolment", "status"], name="attendance_enrolment")]

    def __str__(self) -> str:
        return f"{self.session_id} · {self.enrolment_id} · {self.status}"


# ---- the four steps -------------------------------------------------------------


class BriefingField(models.TextChoices):
    """What a briefing may tell the instructor about a participant: nothing else."""

    PREFERRED_NAME = "preferred_name", _("Nama panggilan")
    AGE = "age", _("Usia")
    LANGUAGE = "language", _("Bahasa sehari-hari")
    LITERACY = "literacy", _("Kemampuan baca tulis")
    ACCESSIBILITY = "accessibility", _("Kebutuhan aksesibilitas")
    # from the client's latest Barthel Index (assessment), only with the client's consent
    BARTHEL = "barthel", _("Kemandirian (pita Indeks Barthel)")
    FAITH = "faith", _("Keyakinan dan praktik ibadah")
    AVOID = "avoid", _("Hal yang perlu dihindari")
    NOTE = "note", _("Catatan untuk instruktur")


# The fields typed by the facilitator per participant (age and name come from the client).
BRIEFING_TYPED = ("language", "literacy", "accessibility", "faith", "avoid", "note")


class Briefing(VersionedRecord):
    """Step 1: what the instructors of one session need to know about its participants."""

    session = models.OneToOneField(Session, on_delete=models.PROTECT, related_name="briefing")
    fields = models.JSONField(_("yang disampaikan"), default=list)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("briefing instruktur")
        verbose_name_plural = _("briefing instruktur")

    def __str__(self) -> str:
        return f"{self.session_id}"


class BriefingEntry(models.Model):
    """One participant's lines of a briefing (rewritten when the briefing is saved)."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="entries")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="+")
    language = models.CharField(_("bahasa sehari-hari"), max_length=100, blank=True,
                                validators=[single_line])  # fmt: skip
    literacy = models.CharField(_("kemampuan baca tulis"), max_length=100, blank=True,
                                validators=[single_line])  # fmt: skip
    accessibility = models.CharField(_("kebutuhan aksesibilitas"), max_length=300, blank=True,
                                     validators=[single_line])  # fmt: skip
    faith = models.CharField(_("keyakinan dan praktik ibadah"), max_length=300, blank=True,
                             validators=[single_line])  # fmt: skip
    avoid = models.CharField(_("hal yang perlu dihindari"), max_length=300, blank=True,
                             validators=[single_line])  # fmt: skip
    note = models.CharField(_("catatan untuk instruktur"), max_length=500, blank=True,
                            validators=[single_line])  # fmt: skip

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["briefing", "enrolment"], name="briefing_entry_once")
        ]

    def __str__(self) -> str:
        return f"{self.briefing_id} · {self.enrolment_id}"


class BriefingView(AppendOnlyModel):
    """Who opened a briefing, when, and as what (append-only)."""

    class Format(models.TextChoices):
        PAGE = "page", _("Halaman")
        PDF = "pdf", _("PDF")
        API = "api", _("API")

    briefing = models.ForeignKey(Briefing, on_delete=models.PROTECT, related_name="views")
    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    viewed_at = models.DateTimeField(default=timezone.now)
    format = models.CharField(max_length=4, choices=Format.choices)

    class Meta:
        ordering = ["-viewed_at", "-id"]


class InstructorRecord(VersionedRecord):
    """Step 2: what the instructor conveyed in the session."""

    session = models.OneToOneField(Session, on_delete=models.PROTECT, related_name="delivery")
    topic = models.CharField(_("topik yang disampaikan"), max_length=200, validators=[single_line])
    materials = models.TextField(_("materi dan alat"), blank=True, validators=LONG_TEXT)
    duration_minutes = models.PositiveSmallIntegerField(_("durasi (menit)"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)


class Level(models.TextChoices):
    LOW = "low", _("Kurang")
    FAIR = "fair", _("Cukup")
    GOOD = "good", _("Baik")


class Observation(models.Model):
    """Step 2: the instructor's observation of one participant in one session."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="observations")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="+")
    attention = models.CharField(_("perhatian"), max_length=4, choices=Level.choices, blank=True)
    participation = models.CharField(
        _("keaktifan"), max_length=4, choices=Level.choices, blank=True
    )
    difficulties = models.CharField(_("kesulitan"), max_length=300, blank=True,
                                    validators=[single_line])  # fmt: skip
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "enrolment"], name="observation_once")
        ]

    def __str__(self) -> str:
        return f"{self.session_id} · {self.enrolment_id}"


class ParticipantNote(VersionedRecord):
    """Step 3: the participant's own notes of the session, typed or a photo of the page.
    The photo lives in the private upload folder, served only by the ``note_photo`` view."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="notes")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="notes")
    text = models.TextField(_("catatan peserta"), blank=True, validators=LONG_TEXT)
    photo_name = models.CharField(max_length=80, blank=True)
    photo_type = models.CharField(max_length=20, blank=True)
    photo_size = models.PositiveIntegerField(default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]


class ProgressNote(VersionedRecord):
    """Step 4: the facilitator's note of a participant's progress in a session. The
    case timeline gets an event with its ids; the text stays here."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="progress")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="progress")
    body = models.TextField(_("catatan perkembangan"), validators=LONG_TEXT)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment"],
                condition=Q(deleted_at__isnull=True),
                name="progress_once_per_session",
            )
        ]


# ---- knowledge, attitude and skills ----------------------------------------------


class Phase(models.TextChoices):
    PRE = "pre", _("Pra")
    POST = "post", _("Pasca")


class MeasureScore(models.Model):
    """A participant's answers to one of the programme's measures (measures.py), before
    or after; saving again rewrites it. The score and its maximum are stored."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="scores")
    measure = models.CharField(_("ukuran"), max_length=40)
    phase = models.CharField(_("tahap"), max_length=4, choices=Phase.choices)
    answers = models.JSONField(default=dict)
    score = models.PositiveIntegerField(_("skor"))
    maximum = models.PositiveIntegerField(_("skor maksimum"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "measure", "phase"], name="measure_score_once"
            ),
            models.CheckConstraint(
                condition=Q(score__lte=models.F("maximum")), name="measure_score_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} · {self.measure} · {self.phase}"


# ---- indicators with targets -------------------------------------------------------


class PeriodType(models.TextChoices):
    MONTH = "month", _("Bulanan")
    QUARTER = "quarter", _("Triwulanan")
    YEAR = "year", _("Tahunan")


class Indicator(VersionedRecord):
    """A programme indicator the DHIS2 way: numerator / denominator × factor, both from
    the fixed menu in indicators.py, per period, against a target per period; the
    colour is the share of the target reached (red below ``amber_from``, green from
    ``green_from``)."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="indicators")
    name = models.CharField(_("nama indikator"), max_length=200, validators=[single_line])
    numerator = models.CharField(_("pembilang"), max_length=30)
    denominator = models.CharField(_("penyebut"), max_length=30, blank=True)
    factor = models.DecimalField(_("faktor"), max_digits=8, decimal_places=2, default=100)
    period_type = models.CharField(
        _("jenis periode"), max_length=8, choices=PeriodType.choices, default="month"
    )
    targets = models.JSONField(_("target per periode"), default=dict, blank=True)
    amber_from = models.DecimalField(max_digits=3, decimal_places=2, default=Decimal("0.60"))
    green_from = models.DecimalField(max_digits=3, decimal_places=2, default=Decimal("0.90"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


# ---- completion at the programme's end ----------------------------------------------


class Completion(AppendOnlyModel):
    """A participant's completion, computed from attendance and the programme's rule
    when the programme is closed, with the numbers it was computed from and the rule
    as it was then (append-only: it reads the same after the rule changes)."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="completions")
    status = models.CharField(_("status"), max_length=24, choices=EnrolmentStatus.choices)
    held = models.PositiveIntegerField(_("sesi terlaksana"))
    attended = models.PositiveIntegerField(_("hadir"))
    made_up = models.PositiveIntegerField(_("diganti"))
    share = models.FloatField(_("bagian kehadiran"), null=True)
    compliant_share = models.DecimalField(max_digits=3, decimal_places=2)
    partial_share = models.DecimalField(max_digits=3, decimal_places=2)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("kelulusan peserta")
        verbose_name_plural = _("kelulusan peserta")
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.enrolment_id} · {self.status}"
