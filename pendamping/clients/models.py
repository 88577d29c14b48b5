"""Clients, their family members and consent records; Kemendagri regions."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pendamping.accounts.models import Agency
from pendamping.history import AppendOnlyModel
from pendamping.records import SoftDeleted, VersionedRecord
from pendamping.text import single_line

from .choices import Bond, FamilySide, Relation, Religion, Sex, UnionStatus
from .nik import mask_nik


class Region(models.Model):
    """A Kemendagri region: province, regency/city, district or village."""

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("Provinsi")
        REGENCY = 2, _("Kabupaten/kota")
        DISTRICT = 3, _("Kecamatan")
        VILLAGE = 4, _("Desa/kelurahan")

    code = models.CharField(max_length=13, primary_key=True)
    name = models.CharField(max_length=120)
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["code"]
        indexes = [models.Index(fields=["parent", "name"])]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def level_of(code: str) -> int:
        return code.count(".") + 1

    @staticmethod
    def parent_code(code: str) -> str | None:
        return code.rsplit(".", 1)[0] if "." in code else None


class Client(VersionedRecord):
    """A person, family, group or community the agency serves (penerima manfaat)."""

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("Individu")
        FAMILY = "family", _("Keluarga")
        GROUP = "group", _("Kelompok")
        COMMUNITY = "community", _("Masyarakat")

    # no index of its own for agency and registered_by: the indexes in Meta that begin
    # with them serve the same lookups, and each index is paid for on every insert
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="clients", db_index=False
    )
    kind = models.CharField(_("jenis klien"), max_length=12, choices=Kind.choices)
    full_name = models.CharField(_("nama lengkap"), max_length=200, validators=[single_line])
    nickname = models.CharField(
        _("nama panggilan"), max_length=60, blank=True, validators=[single_line]
    )
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    kk_number = models.CharField(_("nomor KK"), max_length=16, blank=True)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices, blank=True)
    birth_date = models.DateField(_("tanggal lahir"), null=True, blank=True)
    estimated_age = models.PositiveSmallIntegerField(_("perkiraan usia"), null=True, blank=True)
    birth_place = models.CharField(
        _("tempat lahir"), max_length=100, blank=True, validators=[single_line]
    )
    address = models.CharField(_("alamat"), max_length=300, blank=True, validators=[single_line])
    region = models.ForeignKey(
        Region,
        verbose_name=_("wilayah"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # the Meta index "client_region": no varchar_pattern_ops copy
    )
    latitude = models.FloatField(
        _("lintang rumah"),
        null=True,
        blank=True,
        help_text=_("Titik rumah untuk mencari layanan terdekat, mis. -6.9147"),
    )
    longitude = models.FloatField(_("bujur rumah"), null=True, blank=True)
    phone = models.CharField(_("telepon"), max_length=20, blank=True, validators=[single_line])
    religion = models.CharField(
        _("agama"), max_length=12, choices=Religion.choices, blank=True, default=""
    )
    ppks_categories = models.JSONField(_("kategori PPKS"), default=list, blank=True)
    disabilities = models.JSONField(_("disabilitas"), default=list, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("klien")
        verbose_name_plural = _("klien")
        ordering = ["full_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "nik"],
                condition=Q(deleted_at__isnull=True) & ~Q(nik=""),
                name="client_unique_nik_per_agency",
            )
        ]
        indexes = [
            # NIK look-ups go through the partial unique index above (the search
            # excludes "" so that SQLite, too, sees its condition implied)
            models.Index(fields=["agency", "birth_date"], name="client_agency_birth"),
            models.Index(fields=["registered_by"], name="client_registered_by"),
            models.Index(fields=["region"], name="client_region"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def masked_nik(self) -> str:
        return mask_nik(self.nik)

    def age(self, today: date | None = None) -> int | None:
        if self.birth_date:
            today = today or timezone.localdate()
            b = self.birth_date
            return today.year - b.year - ((today.month, today.day) < (b.month, b.day))
        return self.estimated_age

    def ppks_labels(self) -> list[str]:
        from .choices import PPKS

        return [str(PPKS(c).label) for c in self.ppks_categories if c in PPKS.values]

    def disability_labels(self) -> list[str]:
        from .choices import Disability

        return [str(Disability(c).label) for c in self.disabilities if c in Disability.values]


class ClientNameIndex(models.Model):
    """The phonetic keys of a client's name, one row per client: the index behind
    tolerant name search (``selectors.search_clients``).

    ``keys`` holds every key of every name part (``names.name_keys``), separated by
    spaces. The database's full-text index looks them up (``NAME_FTS_TABLE``, migration
    ``0019_client_name_index``): on PostgreSQL a GIN index on their ``tsvector``
    (``name_vector``), on SQLite an FTS5 table kept in step by triggers; a search
    intersects the keys' posting lists there instead of probing a row per key.
    """

    client = models.OneToOneField(
        Client, on_delete=models.CASCADE, primary_key=True, related_name="name_index"
    )
    # the client's agency again, so that the scope is checked on this row; no constraint
    # in the database: the client's own foreign key already holds it to an agency, and a
    # second check per row costs an import (README, Performance). Written only from the
    # client (services, importer, bench).
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    keys = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.keys


NAME_FTS_TABLE = "clients_clientnameindex_fts"


def name_vector(prefix: str = ""):
    """The ``tsvector`` of the keys (PostgreSQL): the GIN index's expression and the
    search's, written once so that the planner finds the index."""
    from django.contrib.postgres.search import SearchVector

    return SearchVector(f"{prefix}keys", config="simple")


class FamilyMember(SoftDeleted):
    """A member of the client's family: the genogram's data."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="family")
    name = models.CharField(_("nama"), max_length=200, validators=[single_line])
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    birth_year = models.PositiveSmallIntegerField(_("tahun lahir"), null=True, blank=True)
    relation = models.CharField(_("hubungan dengan klien"), max_length=12, choices=Relation.choices)
    is_alive = models.BooleanField(_("masih hidup"), default=True)
    in_household = models.BooleanField(_("tinggal serumah"), default=False)
    side = models.CharField(
        _("pihak"), max_length=10, choices=FamilySide.choices, blank=True, default=""
    )
    union_status = models.CharField(
        _("status perkawinan"),
        max_length=10,
        choices=UnionStatus.choices,
        blank=True,
        default="",
        help_text=_(
            "Pasangan klien: perkawinan klien. Ayah/ibu: perkawinan orang tua. "
            "Kakek/nenek: perkawinan kakek-nenek."
        ),
    )
    bond = models.CharField(
        _("kedekatan dengan klien"), max_length=10, choices=Bond.choices, default=Bond.NORMAL
    )
    notes = models.CharField(_("catatan"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("anggota keluarga")
        verbose_name_plural = _("anggota keluarga")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Consent(models.Model):
    """Consent or another lawful basis for one purpose (UU 27/2022 PDP)."""

    class Purpose(models.TextChoices):
        CASE_MANAGEMENT = "case_management", _("Manajemen kasus")
        REFERRAL = "referral", _("Berbagi data untuk rujukan")
        DATA_SHARING = "data_sharing", _("Berbagi data dengan lembaga lain")
        REPORTING = "reporting", _("Pelaporan statistik")
        PHOTO = "photo", _("Foto dan dokumentasi")
        # briefings for a programme's instructors from outside the agency (facilitator)
        INSTRUCTORS = "instructors", _("Berbagi dengan instruktur program")

    class LawfulBasis(models.TextChoices):
        CONSENT = "consent", _("Persetujuan")
        CONTRACT = "contract", _("Perjanjian")
        LEGAL_OBLIGATION = "legal_obligation", _("Kewajiban hukum")
        VITAL_INTEREST = "vital_interest", _("Kepentingan vital")
        PUBLIC_TASK = "public_task", _("Tugas kepentingan umum")
        LEGITIMATE_INTEREST = "legitimate_interest", _("Kepentingan yang sah")

    class GivenBy(models.TextChoices):
        CLIENT = "client", _("Klien sendiri")
        GUARDIAN = "guardian", _("Orang tua/wali")

    class Method(models.TextChoices):
        WRITTEN = "written", _("Tertulis")
        RECORDED = "recorded", _("Terekam")
        VERBAL = "verbal", _("Lisan")

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("tujuan"), max_length=20, choices=Purpose.choices)
    lawful_basis = models.CharField(
        _("dasar pemrosesan"), max_length=20, choices=LawfulBasis.choices
    )
    given_by = models.CharField(_("diberikan oleh"), max_length=10, choices=GivenBy.choices)
    guardian_name = models.CharField(_("nama orang tua/wali"), max_length=200, blank=True)
    method = models.CharField(_("bentuk"), max_length=10, choices=Method.choices)
    # what the consent covers, from the fixed list (choices.DataCategory)
    data_categories = models.JSONField(_("kategori data"), default=list, blank=True)
    # the free text of consents recorded before the fixed list: kept and shown, never edited
    data_types = models.CharField(_("jenis data (catatan lama)"), max_length=300, blank=True)
    given_on = models.DateField(_("tanggal persetujuan diberikan"), null=True, blank=True)
    # a verbal consent's witness (proof); a written one's proof is the scanned form
    witness_name = models.CharField(
        _("nama saksi"), max_length=200, blank=True, validators=[single_line]
    )
    # a recorded (audio/video) consent's proof: where the recording is kept (the archive,
    # folder or tape), with the day it was made in given_on; the recording stays there
    recording_reference = models.CharField(
        _("tempat rekaman disimpan"), max_length=300, blank=True, validators=[single_line]
    )
    # the scanned form: a random name in CONSENT_UPLOAD_DIR, served by the scoped view only
    proof_file = models.CharField(max_length=64, blank=True)
    proof_content_type = models.CharField(max_length=40, blank=True)
    retention_until = models.DateField(_("disimpan sampai"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("dicatat pada"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("ditarik pada"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("persetujuan")
        verbose_name_plural = _("persetujuan")
        ordering = ["-recorded_at"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.client_id})"

    def category_labels(self) -> list[str]:
        from .choices import DataCategory

        return [str(DataCategory(c).label) for c in self.data_categories
                if c in DataCategory.values]  # fmt: skip

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return self.withdrawn_at is None and (
            self.retention_until is None or self.retention_until >= today
        )


class ImportRun(models.Model):
    """One bulk import of a client file, so an interrupted import resumes where it stopped.

    Identified by the agency and the file's SHA-256: importing the same file again
    continues after `committed_rows` instead of writing the first rows twice.
    Every change of status is also written to `ImportRunEvent` (append-only).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Dalam antrean")
        RUNNING = "running", _("Berjalan")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    file_sha256 = models.CharField(max_length=64)
    file_name = models.CharField(max_length=255)
    total_rows = models.PositiveIntegerField(default=0)
    committed_rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Set with every status change and committed chunk: a running import that has not
    # moved for a long time was stopped with its worker and may be resumed.
    updated_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    # The uploaded file while it waits for the worker: a private path outside every
    # served URL (settings.IMPORT_UPLOAD_DIR); emptied when the file is deleted.
    stored_path = models.CharField(max_length=500, blank=True)
    # The language of the person who queued the run: the worker writes the refusal
    # reasons in it (see importer.import_clients).
    language = models.CharField(max_length=10, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "file_sha256"], name="import_run_per_file")
        ]
        indexes = [models.Index(fields=["agency", "-started_at"], name="import_run_agency_recent")]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.committed_rows}/{self.total_rows})"

    @property
    def active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, self.committed_rows * 100 // self.total_rows)


class ImportRejection(models.Model):
    """One row of an import file that was refused, with why (written with its chunk)."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="rejections")
    row = models.PositiveIntegerField()  # line in the file, the header being row 1
    name = models.CharField(max_length=200, blank=True)
    reason = models.TextField()

    class Meta:
        ordering = ["row", "id"]
        indexes = [models.Index(fields=["run", "row"], name="import_rejection_run_row")]

    def __str__(self) -> str:
        return f"{self.row}: {self.reason}"


class ImportRunEvent(AppendOnlyModel):
    """The audit trail of an import: who did what to it when, with the counts then."""

    # typed free text blanked when the client is anonymised (history_migrations.py)
    REDACTABLE = ("file_name", "message")
    run = models.ForeignKey(ImportRun, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=ImportRun.Status.choices)
    file_name = models.CharField(max_length=255)
    total_rows = models.PositiveIntegerField(default=0)
    committed_rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.run_id} {self.status} {self.at:%Y-%m-%d %H:%M}"

    @classmethod
    def record(cls, run: ImportRun, *, actor, message: str = "") -> "ImportRunEvent":
        return cls.objects.create(
            run=run, actor=actor, status=run.status, file_name=run.file_name,
            total_rows=run.total_rows, committed_rows=run.committed_rows,
            created=run.created, rejected=run.rejected, message=message,
        )  # fmt: skip


class GroupMember(models.Model):
    """An individual client's membership of a group client (kelompok).

    Leaving sets ``left_at`` and keeps the row: the rows with who added and who ended
    each membership are the group's history. One active membership per member.
    """

    group = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(
        Client, verbose_name=_("anggota"), on_delete=models.CASCADE, related_name="groups"
    )
    role = models.CharField(
        _("peran dalam kelompok"), max_length=60, blank=True, validators=[single_line]
    )
    joined_at = models.DateTimeField(_("bergabung pada"), default=timezone.now)
    joined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    left_at = models.DateTimeField(_("keluar pada"), null=True, blank=True)
    left_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("anggota kelompok")
        verbose_name_plural = _("anggota kelompok")
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "member"],
                condition=Q(left_at__isnull=True),
                name="group_member_once_active",
            )
        ]

    def __str__(self) -> str:
        return f"{self.group_id} · {self.member_id}"

    @property
    def is_active(self) -> bool:
        return self.left_at is None
