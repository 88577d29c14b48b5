"""Cases through the ATENSI stages, progress notes, tasks and the case timeline."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pendamping import plugins
from pendamping.accounts.models import Agency
from pendamping.clients.models import Client
from pendamping.history import AppendOnlyModel
from pendamping.records import VersionedRecord
from pendamping.taxonomy.models import TaxonomyTerm
from pendamping.text import LONG_TEXT, choice_label, single_line


class Stage(models.TextChoices):
    """ATENSI case-management stages, in order."""

    PENDEKATAN_AWAL = "pendekatan_awal", _("Pendekatan awal")
    ASESMEN = "asesmen", _("Asesmen")
    RENCANA_INTERVENSI = "rencana_intervensi", _("Rencana intervensi")
    INTERVENSI = "intervensi", _("Intervensi")
    MONEV = "monev", _("Monitoring dan evaluasi")
    TERMINASI = "terminasi", _("Terminasi")
    BIMBINGAN_LANJUT = "bimbingan_lanjut", _("Bimbingan lanjut")

    @classmethod
    def order(cls, value: str) -> int:
        return cls.values.index(value)


class RiskLevel(models.TextChoices):
    LOW = "low", _("Rendah")
    MEDIUM = "medium", _("Sedang")
    HIGH = "high", _("Tinggi")
    CRITICAL = "critical", _("Kritis")


class ClosureReason(models.TextChoices):
    GOALS_MET = "goals_met", _("Tujuan tercapai")
    REFERRED = "referred", _("Dirujuk ke lembaga lain")
    CLIENT_WITHDREW = "client_withdrew", _("Klien mengundurkan diri")
    LOST_CONTACT = "lost_contact", _("Kehilangan kontak")
    MOVED = "moved", _("Klien pindah")
    DECEASED = "deceased", _("Klien meninggal dunia")
    OTHER = "other", _("Lainnya")


class Case(VersionedRecord):
    # db_index=False where an index of Meta.indexes begins with the key: the key's own
    # index would be a second copy (about 220 MB each at 10,000,000 cases, written on
    # every insert)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="cases", db_index=False
    )  # case_agency_stage
    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="cases", db_index=False
    )  # case_client
    number = models.CharField(_("nomor kasus"), max_length=20)
    presenting_problem = models.TextField(_("masalah yang dihadapi"))
    risk_level = models.CharField(
        _("tingkat risiko"), max_length=10, choices=RiskLevel.choices, default=RiskLevel.MEDIUM
    )
    assigned_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pekerja sosial"),
        on_delete=models.PROTECT,
        related_name="assigned_cases",
        db_index=False,  # case_worker_open
    )
    stage = models.CharField(
        _("tahap"), max_length=20, choices=Stage.choices, default=Stage.PENDEKATAN_AWAL
    )
    opened_at = models.DateTimeField(_("dibuka"), default=timezone.now)
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    closure_reason = models.CharField(
        _("alasan penutupan"), max_length=20, choices=ClosureReason.choices, blank=True
    )
    closure_note = models.TextField(_("catatan penutupan"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # when the newest event of its timeline happened (services.event_append keeps it):
    # a caseload's newest events are found from its cases along `case_last_event`
    last_event_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("kasus")
        verbose_name_plural = _("kasus")
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="case_number_per_agency")
        ]
        indexes = [
            models.Index(fields=["assigned_worker", "closed_at"], name="case_worker_open"),
            models.Index(fields=["agency", "stage"], name="case_agency_stage"),
            models.Index(fields=["client"], name="case_client"),
            models.Index(
                fields=["agency", "assigned_worker", "-last_event_at", "id"],
                name="case_last_event",
                condition=Q(deleted_at__isnull=True, last_event_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def can_close(self) -> bool:
        return self.is_open

    def next_stage(self) -> str | None:
        i = Stage.order(self.stage)
        return Stage.values[i + 1] if i + 1 < len(Stage.values) else None

    def earlier_stages(self) -> list[tuple[str, str]]:
        i = Stage.order(self.stage)
        return [(v, lbl) for v, lbl in Stage.choices[:i]]


class CaseCounter(models.Model):
    """The last case number given out per agency and year."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="case_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}: {self.last}"


class ProgressNote(VersionedRecord):
    class Kind(models.TextChoices):
        HOME_VISIT = "home_visit", _("Kunjungan rumah")
        PHONE = "phone", _("Telepon")
        OFFICE = "office", _("Pertemuan di kantor")
        CASE_CONFERENCE = "case_conference", _("Konferensi kasus")
        SUPERVISION = "supervision", _("Supervisi")

    class PracticeRole(models.TextChoices):
        BROKER = "broker", _("Perantara (broker)")
        FACILITATOR = "facilitator", _("Fasilitator")
        MEDIATOR = "mediator", _("Mediator")
        ADVOCATE = "advocate", _("Advokat")
        MOTIVATOR = "motivator", _("Motivator")
        GENERAL = "general", _("Umum")

    class Confidentiality(models.TextChoices):
        NORMAL = "normal", _("Biasa")
        RESTRICTED = "restricted", _("Terbatas (penulis dan supervisor)")

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="notes", db_index=False
    )  # note_case_date
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    practice_role = models.CharField(
        _("peran praktik"), max_length=12, choices=PracticeRole.choices, default="general"
    )
    confidentiality = models.CharField(
        _("kerahasiaan"), max_length=10, choices=Confidentiality.choices, default="normal"
    )
    occurred_on = models.DateField(_("tanggal kegiatan"), default=timezone.localdate)
    body = models.TextField(_("catatan"), validators=LONG_TEXT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("catatan perkembangan")
        verbose_name_plural = _("catatan perkembangan")
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["case", "occurred_on"], name="note_case_date")]

    def __str__(self) -> str:
        return f"{self.case} · {self.occurred_on}"

    # what Django's get_FOO_display shows, from the enum: Django's builds a dict of
    # every choice on each call, hashing (so translating) each lazy label, which was
    # 560 translations for the case page's 50 notes
    def get_kind_display(self) -> str:
        return choice_label(self.Kind, self.kind)

    def get_practice_role_display(self) -> str:
        return choice_label(self.PracticeRole, self.practice_role)


class Task(VersionedRecord):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="tasks")
    title = models.CharField(_("tindak lanjut"), max_length=200)
    due_date = models.DateField(_("tenggat"))
    # a planned visit or meeting: when in the day and where (the agenda shows both)
    due_time = models.TimeField(_("jam"), null=True, blank=True)
    place = models.CharField(_("tempat"), max_length=200, blank=True, validators=[single_line])
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penanggung jawab"),
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    done_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["assignee", "done_at", "due_date"], name="task_due")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.done_at is None and self.due_date < timezone.localdate()


class Urgency(models.TextChoices):
    LOW = "low", _("Rendah")
    MEDIUM = "medium", _("Sedang")
    HIGH = "high", _("Tinggi")
    URGENT = "urgent", _("Mendesak")


class Need(VersionedRecord):
    """What the client needs, named with a taxonomy term.

    Casework that every role uses: an assessment finds needs, the broker refers them,
    a programme or a complaint may answer them. Changes go through the need services,
    which emit the `need_changed` hook (the broker keeps its gap register with it).
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Terbuka")
        MET = "met", _("Terpenuhi")
        UNMET = "unmet", _("Tidak terpenuhi")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="needs")
    term = models.ForeignKey(
        TaxonomyTerm,
        verbose_name=_("jenis kebutuhan"),
        on_delete=models.PROTECT,
        related_name="needs",
    )
    description = models.TextField(_("uraian kebutuhan"))
    urgency = models.CharField(
        _("tingkat kemendesakan"), max_length=10, choices=Urgency.choices, default=Urgency.MEDIUM
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The assessment version that identified the need, if any. A plain id, not a
    # foreign key: casework does not depend on the assessment module (assessment
    # versions are append-only, so the id never dangles).
    assessment_id = models.BigIntegerField(_("dari asesmen"), null=True, blank=True, db_index=True)

    class Meta:
        # the table the assessment module created before needs became casework
        db_table = "assessment_need"
        verbose_name = _("kebutuhan")
        verbose_name_plural = _("kebutuhan")
        ordering = ["status", "-created_at", "-id"]
        indexes = [models.Index(fields=["case", "status"], name="need_case_status")]

    def __str__(self) -> str:
        return f"{self.term} · {self.description[:40]}"


class CaseEvent(AppendOnlyModel):
    """The append-only timeline of a case. Written by services only.

    Never updated or deleted: the model refuses both, and so does the database.
    `kind` is a code registered in pendamping/plugins.py; `data` holds codes and
    numbers that the kind renders in the reader's language when the timeline is read.
    """

    class Kind(models.TextChoices):
        """Casework's own kinds (`cases/events.py`); role modules register theirs."""

        OPENED = "opened", _("Kasus dibuka")
        STAGE_CHANGED = "stage_changed", _("Tahap berubah")
        UPDATED = "updated", _("Kasus diperbarui")
        ASSIGNED = "assigned", _("Pekerja sosial ditugaskan")
        NOTE_ADDED = "note_added", _("Catatan ditambahkan")
        NOTE_EDITED = "note_edited", _("Catatan diubah")
        NOTE_DELETED = "note_deleted", _("Catatan dihapus")
        TASK_ADDED = "task_added", _("Tindak lanjut ditambahkan")
        TASK_DONE = "task_done", _("Tindak lanjut selesai")
        TASK_REOPENED = "task_reopened", _("Tindak lanjut dibuka lagi")
        CLOSED = "closed", _("Kasus ditutup")
        REOPENED = "reopened", _("Kasus dibuka kembali")
        DELETED = "deleted", _("Kasus dihapus")
        NEED_ADDED = "need_added", _("Kebutuhan dicatat")
        NEED_UPDATED = "need_updated", _("Kebutuhan diperbarui")

    # typed free text blanked when the client is anonymised (history_migrations.py)
    REDACTABLE = ("data",)
    # the only keys of data the trigger lets go (migration 0013: every event kind's
    # free_text and the legacy "summary"; test_erasure_review checks they agree)
    REDACTABLE_KEYS = {"data": ("goal_text", "note", "reason", "summary", "title")}
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="events", db_index=False
    )  # event_case_at
    # a code registered in pendamping/plugins.py (no choices: a role adds its own)
    kind = models.CharField(max_length=40)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    data = models.JSONField(default=dict, blank=True)
    note = models.ForeignKey(
        ProgressNote, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("peristiwa kasus")
        verbose_name_plural = _("peristiwa kasus")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["case", "at"], name="event_case_at"),
            # the dashboard's recent events: newest first across the visible cases
            models.Index(fields=["at", "id"], name="event_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} · {self.kind}"

    @property
    def kind_label(self) -> str:
        return str(self._kind().label)

    def details(self) -> str:
        """One line saying what the event's data says, in the reader's language."""
        return self._kind().describe(self.data or {})

    def _kind(self):
        from .events import UNKNOWN

        return plugins.registry.event_kind(self.kind) or UNKNOWN


class OpenCaseTally(models.Model):
    """How many open cases each worker of an agency holds in each stage.

    Kept by the case services in the same transaction as the change they make (open,
    stage, assign, close, reopen, delete; a client's deletion through the
    ``client_deleted`` hook), so the dashboards count without reading the cases:
    ``pendamping/cases/tallies.py``, checked against a full recount by
    ``manage.py case_tallies``. Counts the cases that ``cases_for`` shows: open, not
    deleted, of a client not deleted.
    """

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "worker", "stage"], name="open_case_tally_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.worker_id}/{self.stage}: {self.n}"


class AgencyStageTally(models.Model):
    """How many open cases an agency has in each stage: the sums of its
    ``OpenCaseTally`` rows, kept beside them by ``tallies.add`` in the same transaction.

    The agency-wide dashboards (admin, auditor) read these few rows: summing the
    per-worker rows read 87,500 of them at 10,000,000 clients (289 ms). The price is
    one row per agency and stage that every change of a stage in the agency updates,
    so concurrent changes of the same stage in one agency wait for each other's
    commit (a row lock held for the rest of a short transaction).
    """

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "stage"], name="agency_stage_tally_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.stage}: {self.n}"
