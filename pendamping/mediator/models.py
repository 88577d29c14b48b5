"""The mediator: mediations between separated parties (GLOSSARY.md: Mediation).

A mediation belongs to an agency and its mediator (co-mediators possible); it
carries the safety and legal screening (``gate.py`` decides on it), the juvenile
diversion facts its clocks start from (``clocks.py``), its parties, sessions (a
caucus note is confidential to its party), ground rules, the two-sided perception
map, obstacles and channels, options and the agreement's terms. Editable rows are
versioned and soft-deleted; each compliance check of a term is an append-only row.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pendamping.history import AppendOnlyModel
from pendamping.records import VersionedRecord
from pendamping.text import LONG_TEXT, single_line


class Kind(models.TextChoices):
    FAMILY = "family", _("Keluarga")
    COUPLE = "couple", _("Pasangan")
    PARENT_CHILD = "parent_child", _("Orang tua dan anak")
    NEIGHBOURS = "neighbours", _("Tetangga")
    COMMUNITY = "community", _("Masyarakat")
    DIVERSION = "juvenile_diversion", _("Diversi anak")
    OTHER = "other", _("Lainnya")


class Stage(models.TextChoices):
    PREPARATION = "preparation", _("Persiapan")
    OPENING = "opening", _("Pembukaan")
    EXPLORING = "exploring", _("Penggalian")
    OPTIONS = "obstacles_options", _("Hambatan dan pilihan")
    AGREEMENT = "agreement", _("Kesepakatan")
    FOLLOW_UP = "follow_up", _("Tindak lanjut")


STAGE_ORDER = list(Stage.values)


class Outcome(models.TextChoices):
    FULL = "full_agreement", _("Sepakat seluruhnya")
    PARTIAL = "partial_agreement", _("Sepakat sebagian")
    NONE = "no_agreement", _("Tidak sepakat")
    NOT_HELD = "not_held", _("Tidak dapat dilaksanakan")
    WITHDRAWN = "withdrawn", _("Ditarik")


class Level(models.TextChoices):
    """Where a juvenile case stands (UU 11/2012 SPPA): each level has its own clocks."""

    INVESTIGATION = "investigation", _("Penyidikan")
    PROSECUTION = "prosecution", _("Penuntutan")
    COURT = "court", _("Pemeriksaan di pengadilan")


class Mediation(VersionedRecord):
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("mediator"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    co_mediators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("mediator pendamping"), blank=True,
        related_name="+",
    )  # fmt: skip
    kind = models.CharField(_("jenis mediasi"), max_length=24, choices=Kind.choices)
    issue = models.CharField(_("pokok masalah"), max_length=300, validators=[single_line])
    cases = models.ManyToManyField(
        "cases.Case", verbose_name=_("kasus terkait"), blank=True, related_name="mediations"
    )
    stage = models.CharField(
        _("tahap"), max_length=20, choices=Stage.choices, default=Stage.PREPARATION
    )
    # the safety and legal screening (gate.py)
    sexual_violence = models.BooleanField(_("melibatkan kekerasan seksual"), default=False)
    perpetrator_is_child = models.BooleanField(_("pelaku adalah anak"), default=False)
    violence_or_coercion = models.BooleanField(
        _("ada kekerasan atau paksaan di antara para pihak"), default=False
    )
    power_imbalance = models.BooleanField(_("ketimpangan kekuasaan yang nyata"), default=False)
    child_party = models.BooleanField(_("ada pihak yang masih anak"), default=False)
    shuttle_only = models.BooleanField(_("mediasi ulang-alik saja"), default=False)
    # juvenile diversion (UU 11/2012 SPPA; clocks.py)
    offence = models.CharField(
        _("dugaan tindak pidana"), max_length=200, blank=True, validators=[single_line]
    )
    max_sentence_months = models.PositiveSmallIntegerField(
        _("ancaman pidana maksimal (bulan)"), null=True, blank=True
    )
    repeat_offence = models.BooleanField(_("pengulangan tindak pidana"), default=False)
    social_report_requested_on = models.DateField(
        _("laporan sosial diminta pada"), null=True, blank=True
    )
    social_report_sent_on = models.DateField(
        _("laporan sosial diserahkan pada"), null=True, blank=True
    )
    # opening
    neutrality_declared_at = models.DateTimeField(_("pernyataan netral"), null=True, blank=True)
    conflict_of_interest = models.BooleanField(_("ada konflik kepentingan"), default=False)
    conflict_note = models.CharField(
        _("uraian konflik kepentingan"), max_length=300, blank=True, validators=[single_line]
    )
    boundaries_in = models.TextField(
        _("yang dibahas dalam mediasi ini"), blank=True, validators=LONG_TEXT
    )
    boundaries_out = models.TextField(
        _("yang tidak dibahas dalam mediasi ini"), blank=True, validators=LONG_TEXT
    )
    # agreement
    agreement_reached_on = models.DateField(_("kesepakatan dicapai pada"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ditinjau supervisor"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    reviewed_at = models.DateTimeField(_("ditinjau pada"), null=True, blank=True)
    signed_on = models.DateField(_("ditandatangani pada"), null=True, blank=True)
    # closure
    outcome = models.CharField(_("hasil"), max_length=20, choices=Outcome.choices, blank=True)
    closure_reason = models.CharField(
        _("alasan penutupan"), max_length=300, blank=True, validators=[single_line]
    )
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mediasi")
        verbose_name_plural = _("mediasi")
        ordering = ["-created_at", "-id"]
        constraints = [
            # the gate's one hard rule, kept by the database too (UU 12/2022 TPKS Art 23)
            models.CheckConstraint(
                condition=~Q(sexual_violence=True, perpetrator_is_child=False),
                name="mediation_no_sexual_violence_by_adult",
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | ~Q(outcome=""),
                name="mediation_closed_has_outcome",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "deleted_at", "created_at"], name="mediation_agency"),
            models.Index(fields=["mediator", "closed_at"], name="mediation_mediator"),
        ]

    def __str__(self) -> str:
        return self.issue

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def is_diversion(self) -> bool:
        return self.kind == Kind.DIVERSION

    @property
    def stage_index(self) -> int:
        return STAGE_ORDER.index(self.stage)

    @property
    def current_level(self):
        """The latest level of a diversion (``DiversionLevel``), or None."""
        levels = [lv for lv in self.levels.all() if lv.deleted_at is None]
        return levels[-1] if levels else None


class LevelResult(models.TextChoices):
    """How diversion ended at one level (UU 11/2012 SPPA Art 12, 13)."""

    AGREED = "agreed", _("Kesepakatan diversi dicapai")
    FAILED = "failed", _("Diversi gagal (tidak sepakat)")
    CARRIED_OUT = "carried_out", _("Kesepakatan dilaksanakan")
    NOT_CARRIED_OUT = "not_carried_out", _("Kesepakatan tidak dilaksanakan")


LEVEL_ORDER = list(Level.values)


class DiversionLevel(VersionedRecord):
    """Diversion at one level of a juvenile case (investigation, prosecution, court):
    the dates its clocks run from (clocks.py), its result and agreement. A failed
    diversion, or an agreement not carried out, sends the case on to the next level
    (SPPA Art 13), where diversion is attempted again."""

    mediation = models.ForeignKey(Mediation, on_delete=models.PROTECT, related_name="levels")
    level = models.CharField(_("tingkat pemeriksaan"), max_length=16, choices=Level.choices)
    started_on = models.DateField(_("tingkat ini dimulai pada"))
    diversion_started_on = models.DateField(_("diversi dimulai pada"), null=True, blank=True)
    agreement_reached_on = models.DateField(_("kesepakatan dicapai pada"), null=True, blank=True)
    agreement_sent_on = models.DateField(_("kesepakatan dikirim ke pengadilan pada"), null=True,
                                         blank=True)  # fmt: skip
    result = models.CharField(_("hasil diversi"), max_length=16, choices=LevelResult.choices,
                              blank=True)  # fmt: skip
    agreement = models.CharField(_("isi kesepakatan diversi (ringkas)"), max_length=300,
                                 blank=True, validators=[single_line])  # fmt: skip
    ruling = models.CharField(_("nomor penetapan pengadilan"), max_length=120, blank=True,
                              validators=[single_line])  # fmt: skip
    failure_reported_on = models.DateField(_("tidak dilaksanakannya kesepakatan dilaporkan pada"),
                                           null=True, blank=True)  # fmt: skip
    followed_up_on = models.DateField(_("laporan ditindaklanjuti pada"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tingkat diversi")
        verbose_name_plural = _("tingkat diversi")
        ordering = ["started_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mediation", "level"], condition=Q(deleted_at__isnull=True),
                name="mediation_level_once",
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.mediation_id} · {self.level}"


class RepresentativeRole(models.TextChoices):
    PARENT = "parent", _("Orang tua/wali")
    LAWYER = "lawyer", _("Pengacara/pendamping hukum")
    COMMUNITY_LEADER = "community_leader", _("Tokoh masyarakat")
    COMPANION = "companion", _("Pendamping lain")


class ConsentMethod(models.TextChoices):
    WRITTEN = "written", _("Tertulis")
    RECORDED = "recorded", _("Terekam")


class Party(VersionedRecord):
    """A party: a client of the agency (linked) or another person, whose name and
    contact are personal data under the same rules as a client's."""

    mediation = models.ForeignKey(Mediation, on_delete=models.PROTECT, related_name="parties")
    client = models.ForeignKey(
        "clients.Client", verbose_name=_("klien"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    name = models.CharField(_("nama"), max_length=200, validators=[single_line])
    relationship = models.CharField(
        _("hubungan dengan pihak lain"), max_length=120, blank=True, validators=[single_line]
    )
    contact = models.CharField(_("kontak"), max_length=120, blank=True, validators=[single_line])
    is_child = models.BooleanField(_("masih anak"), default=False)
    representative_name = models.CharField(
        _("nama wakil/pendamping"), max_length=200, blank=True, validators=[single_line]
    )
    representative_role = models.CharField(
        _("peran wakil/pendamping"), max_length=20, choices=RepresentativeRole.choices,
        blank=True,
    )  # fmt: skip
    consent_method = models.CharField(
        _("bentuk persetujuan"), max_length=10, choices=ConsentMethod.choices, blank=True
    )
    consent_given_by = models.CharField(
        _("persetujuan diberikan oleh"), max_length=200, blank=True, validators=[single_line]
    )
    # a recorded (audio/video) consent's proof: where the recording is kept (the archive,
    # folder or file number), as clients.Consent.recording_reference; the recording stays there
    consent_recording_reference = models.CharField(
        _("tempat rekaman disimpan"), max_length=300, blank=True, validators=[single_line]
    )
    consent_at = models.DateTimeField(_("persetujuan dicatat pada"), null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    consent_withdrawn_at = models.DateTimeField(_("persetujuan ditarik pada"), null=True,
                                                blank=True)  # fmt: skip
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("pihak")
        verbose_name_plural = _("para pihak")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["mediation", "deleted_at"], name="party_mediation")]

    def __str__(self) -> str:
        return self.name

    @property
    def has_consented(self) -> bool:
        return self.consent_at is not None and self.consent_withdrawn_at is None


class SessionKind(models.TextChoices):
    JOINT = "joint", _("Bersama")
    CAUCUS = "caucus", _("Kaukus (satu pihak)")
    SHUTTLE = "shuttle", _("Ulang-alik")
    PHONE = "phone", _("Telepon")
    VIDEO = "video", _("Video")


# the kinds that put the parties in one room (barred in shuttle mode)
JOINT_KINDS = (SessionKind.JOINT,)


class Session(VersionedRecord):
    mediation = models.ForeignKey(Mediation, on_delete=models.PROTECT, related_name="sessions")
    kind = models.CharField(_("jenis sesi"), max_length=10, choices=SessionKind.choices)
    held_on = models.DateField(_("tanggal"))
    caucus_party = models.ForeignKey(
        Party, verbose_name=_("pihak dalam kaukus"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="caucuses",
    )  # fmt: skip
    notes = models.TextField(_("catatan"), blank=True, validators=LONG_TEXT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("sesi mediasi")
        verbose_name_plural = _("sesi mediasi")
        ordering = ["held_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="caucus", caucus_party__isnull=False)
                | (~Q(kind="caucus") & Q(caucus_party__isnull=True)),
                name="mediation_session_caucus_has_one_party",
            )
        ]
        indexes = [models.Index(fields=["mediation", "held_on"], name="msession_mediation")]

    def __str__(self) -> str:
        return f"{self.mediation_id} · {self.held_on}"


class Presence(models.TextChoices):
    PRESENT = "present", _("Hadir")
    EXCUSED = "absent_with_reason", _("Tidak hadir dengan alasan")
    ABSENT = "absent_without_reason", _("Tidak hadir tanpa alasan")


class SessionAttendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="attendance")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="attendance")
    presence = models.CharField(_("kehadiran"), max_length=24, choices=Presence.choices)
    reason = models.CharField(_("alasan"), max_length=300, blank=True, validators=[single_line])

    class Meta:
        verbose_name = _("kehadiran sesi mediasi")
        verbose_name_plural = _("kehadiran sesi mediasi")
        constraints = [
            models.UniqueConstraint(fields=["session", "party"], name="mediation_presence_once")
        ]

    def __str__(self) -> str:
        return f"{self.session_id} · {self.party_id} · {self.presence}"


class GroundRule(VersionedRecord):
    mediation = models.ForeignKey(Mediation, on_delete=models.PROTECT, related_name="rules")
    text = models.CharField(_("aturan"), max_length=300, validators=[single_line])
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("aturan pelaksanaan")
        verbose_name_plural = _("aturan pelaksanaan")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text


class RuleAgreement(models.Model):
    """Which party agreed to a ground rule, and when."""

    rule = models.ForeignKey(GroundRule, on_delete=models.PROTECT, related_name="agreements")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    agreed_on = models.DateField(_("disetujui pada"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["rule", "party"], name="mediation_rule_agreed_once")
        ]

    def __str__(self) -> str:
        return f"{self.rule_id} · {self.party_id}"


class Issue(VersionedRecord):
    """A row of the two-sided perception map, with the mediator's note of common ground."""

    mediation = models.ForeignKey(Mediation, on_delete=models.PROTECT, related_name="issues")
    title = models.CharField(_("persoalan"), max_length=200, validators=[single_line])
    common_ground = models.TextField(_("titik temu"), blank=True, validators=LONG_TEXT)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("persoalan")
        verbose_name_plural = _("persoalan")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title


class Perception(VersionedRecord):
    """One party's side of one issue."""

    issue = models.ForeignKey(Issue, on_delete=models.PROTECT, related_name="perceptions")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="perceptions")
    position = models.TextField(_("posisi"), blank=True, validators=LONG_TEXT)
    interests = models.TextField(_("kepentingan"), blank=True, validators=LONG_TEXT)
    view_of_other = models.TextField(_("persepsi tentang pihak lain"), blank=True,
                                     validators=LONG_TEXT)  # fmt: skip
    feelings = models.TextField(_("perasaan"), blank=True, validators=LONG_TEXT)

    class Meta:
        verbose_name = _("persepsi")
        verbose_name_plural = _("persepsi")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "party"], condition=Q(deleted_at__isnull=True),
                name="mediation_perception_once",
            )
        ]  # fmt: skip


class ObstacleStatus(models.TextChoices):
    OPEN = "open", _("Belum diatasi")
    WORKING = "working", _("Sedang diupayakan")
    OVERCOME = "overcome", _("Teratasi")
    STUCK = "stuck", _("Tidak dapat diatasi")


class Obstacle(VersionedRecord):
    mediation = models.ForeignKey(Mediation, on_delete=models.PROTECT, related_name="obstacles")
    description = models.CharField(_("hambatan"), max_length=300, validators=[single_line])
    channel = models.CharField(_("jalan keluar"), max_length=300, blank=True,
                               validators=[single_line])  # fmt: skip
    who_acts = models.CharField(_("siapa yang bertindak"), max_length=120, blank=True,
                                validators=[single_line])  # fmt: skip
    status = models.CharField(_("status"), max_length=10, choices=ObstacleStatus.choices,
                              default=ObstacleStatus.OPEN)  # fmt: skip
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("hambatan")
        verbose_name_plural = _("hambatan")
        ordering = ["created_at", "id"]


class Option(VersionedRecord):
    mediation = models.ForeignKey(Mediation, on_delete=models.PROTECT, related_name="options")
    text = models.CharField(_("pilihan"), max_length=300, validators=[single_line])
    chosen = models.BooleanField(_("dipilih"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("pilihan penyelesaian")
        verbose_name_plural = _("pilihan penyelesaian")
        ordering = ["created_at", "id"]


class Compliance(models.TextChoices):
    COMPLIED = "complied", _("Dipatuhi")
    PARTLY = "partly", _("Dipatuhi sebagian")
    NOT = "not_complied", _("Tidak dipatuhi")


class Term(VersionedRecord):
    """A term of the agreement: who does what by when, and how it is checked; the
    follow-up task of the mediator until it is complied with."""

    mediation = models.ForeignKey(Mediation, on_delete=models.PROTECT, related_name="terms")
    text = models.CharField(_("isi kesepakatan"), max_length=300, validators=[single_line])
    responsible = models.ForeignKey(
        Party, verbose_name=_("pihak yang bertanggung jawab"), on_delete=models.PROTECT,
        related_name="terms",
    )  # fmt: skip
    due_on = models.DateField(_("batas waktu"))
    how_checked = models.CharField(_("cara memeriksa"), max_length=300, blank=True,
                                   validators=[single_line])  # fmt: skip
    compliance = models.CharField(_("kepatuhan"), max_length=14, choices=Compliance.choices,
                                  blank=True)  # fmt: skip
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("butir kesepakatan")
        verbose_name_plural = _("butir kesepakatan")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["mediation", "due_on"], name="term_mediation_due")]


class ComplianceCheck(AppendOnlyModel):
    """Each time the mediator checks a term: the history of its compliance."""

    # typed free text blanked when the client is anonymised (history_migrations.py)
    REDACTABLE = ("note",)
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="checks")
    compliance = models.CharField(_("kepatuhan"), max_length=14, choices=Compliance.choices)
    note = models.CharField(_("catatan"), max_length=300, blank=True, validators=[single_line])
    checked_on = models.DateField(_("diperiksa pada"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["checked_on", "id"]
