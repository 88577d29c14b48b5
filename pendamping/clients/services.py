"""Every write about clients, family members and consent."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pendamping import plugins, uploads
from pendamping.accounts import access
from pendamping.concurrency import save_versioned

from . import importer
from .models import Client, ClientNameIndex, Consent, FamilyMember, ImportRun, ImportRunEvent
from .nameindex import index_text
from .selectors import DuplicateReport, find_duplicates

CLIENT_FIELDS = (
    "kind",
    "full_name",
    "nickname",
    "nik",
    "kk_number",
    "sex",
    "birth_date",
    "estimated_age",
    "birth_place",
    "address",
    "region",
    "latitude",
    "longitude",
    "phone",
    "religion",
    "ppks_categories",
    "disabilities",
)


class DuplicateClientError(ValidationError):
    """The registration matches existing clients; `report` says which."""

    def __init__(self, report: DuplicateReport, message: str):
        super().__init__(message, code="duplicate")
        self.report = report


def _write_name_keys(client: Client, *, new: bool) -> None:
    """The client's row of the name index (one row per client, its keys in one column)."""
    keys = index_text(client.full_name)
    rows = ClientNameIndex.objects.filter(client=client)
    if new or not rows.update(keys=keys):
        ClientNameIndex.objects.create(client=client, agency_id=client.agency_id, keys=keys)


def _check_duplicates(actor, data: dict, *, exclude_pk=None, confirm_similar: bool) -> None:
    report = find_duplicates(
        actor,
        nik=data.get("nik") or "",
        full_name=data.get("full_name") or "",
        birth_date=data.get("birth_date"),
        exclude_pk=exclude_pk,
    )
    if report.nik_match:
        raise DuplicateClientError(
            report, _("NIK ini sudah terdaftar untuk klien lain di lembaga Anda.")
        )
    if (report.similar or report.similar_hidden) and not confirm_similar:
        raise DuplicateClientError(
            report,
            _(
                "Ada klien dengan nama mirip dan tanggal lahir yang sama. Periksa daftar "
                "di bawah; jika memang orang yang berbeda, centang konfirmasi dan simpan lagi."
            ),
        )


def _validate(data: dict) -> None:
    if (
        not data.get("birth_date")
        and data.get("estimated_age") is None
        and data.get("kind", Client.Kind.INDIVIDUAL) == Client.Kind.INDIVIDUAL
    ):
        raise ValidationError(
            {"birth_date": _("Isi tanggal lahir atau perkiraan usia.")}, code="required"
        )
    bd = data.get("birth_date")
    if bd and bd > timezone.localdate():
        raise ValidationError({"birth_date": _("Tanggal lahir tidak boleh di masa depan.")})


@transaction.atomic
def client_register(*, actor, data: dict, confirm_similar: bool = False) -> Client:
    access.require_write(actor)
    # a NIK already registered is the first thing to say: the rest may not matter
    _check_duplicates(actor, data, confirm_similar=confirm_similar)
    _validate(data)
    client = Client(
        agency=access.agency_of(actor),
        registered_by=actor,
        **{k: v for k, v in data.items() if k in CLIENT_FIELDS},
    )
    client.full_clean(exclude=["agency", "registered_by"], validate_unique=False)
    client.save()
    _write_name_keys(client, new=True)
    return client


@transaction.atomic
def client_update(
    *, actor, client: Client, data: dict, expected_version: int, confirm_similar: bool = False
) -> Client:
    access.require_write(actor)
    merged = {k: getattr(client, k) for k in CLIENT_FIELDS} | {
        k: v for k, v in data.items() if k in CLIENT_FIELDS
    }
    _validate(merged)
    changed_identity = any(
        merged[k] != getattr(client, k) for k in ("nik", "full_name", "birth_date")
    )
    if changed_identity:
        _check_duplicates(actor, merged, exclude_pk=client.pk, confirm_similar=confirm_similar)
    changes = {k: merged[k] for k in CLIENT_FIELDS if merged[k] != getattr(client, k)}
    for k, v in changes.items():
        setattr(client, k, v)
    client.full_clean(exclude=["agency", "registered_by"], validate_unique=False)
    save_versioned(client, expected_version, **changes)
    if "full_name" in changes:
        _write_name_keys(client, new=False)
    return client


@transaction.atomic
def client_delete(*, actor, client: Client) -> None:
    """Soft delete: the client and their cases vanish from every list."""
    access.require_delete(actor)
    now = timezone.now()
    save_versioned(client, client.version, deleted_at=now)
    plugins.emit("client_deleted", client=client)


@transaction.atomic
def family_member_add(*, actor, client: Client, data: dict) -> FamilyMember:
    access.require_write(actor)
    member = FamilyMember(client=client, **data)
    member.full_clean(exclude=["client"])
    member.save()
    return member


@transaction.atomic
def family_member_delete(*, actor, member: FamilyMember) -> None:
    access.require_write(actor)
    member.deleted_at = timezone.now()
    member.save(update_fields=["deleted_at"])


@transaction.atomic
def consent_record(
    *, actor, client: Client, data: dict, proof=None, confirm_repeat: bool = False
) -> Consent:
    """A consent (or another lawful basis) for one purpose and the data categories it
    covers, with its proof; see ``consent.py`` for the rules."""
    from . import consent as rules

    access.require_write(actor)
    consent = Consent(client=client, recorded_by=actor, **data)
    if consent.given_by == Consent.GivenBy.GUARDIAN and not consent.guardian_name:
        raise ValidationError(
            {"guardian_name": _("Isi nama orang tua/wali yang memberi persetujuan.")}
        )
    age = client.age()
    if (
        consent.lawful_basis == Consent.LawfulBasis.CONSENT
        and consent.given_by == Consent.GivenBy.CLIENT
        and age is not None
        and age < 18
    ):
        raise ValidationError(
            {"given_by": _("Klien anak: persetujuan harus diberikan oleh orang tua atau wali.")}
        )
    rules.check(consent, has_proof=proof is not None)
    consent.full_clean(exclude=["client", "recorded_by"])
    rules.check_repeat(consent, confirm_repeat=confirm_repeat)
    if proof is not None:
        data, consent.proof_content_type, ext = rules.clean_proof(proof)
        consent.proof_file = uploads.store_private_on_commit(rules.upload_dir(), data, ext)
    consent.save()
    return consent


@transaction.atomic
def consent_withdraw(*, actor, consent: Consent) -> Consent:
    access.require_write(actor)
    if consent.withdrawn_at:
        raise ValidationError(_("Persetujuan ini sudah ditarik."))
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = actor
    consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
    return consent


def consent_covers(client: Client, purpose: str, categories=()) -> bool:
    """Whether an active consent (or other lawful basis) covers `purpose` (and, when
    given, every one of the data `categories`)."""
    return any(
        c.is_active and set(categories) <= set(c.data_categories)
        for c in client.consents.filter(purpose=purpose)
    )


# ---- bulk import from the web page ---------------------------------------------------

# A running import that has committed nothing for this long lost its worker: the
# same file uploaded again resumes it.
IMPORT_STALE_AFTER = timedelta(minutes=15)


def _store_upload(upload) -> Path:
    """Write the upload to the private import folder under a random name (mode 0600)."""
    return uploads.store_upload(upload, settings.IMPORT_UPLOAD_DIR)


def import_start(*, actor, upload) -> tuple[ImportRun, bool]:
    """Check an uploaded client file and queue its import for the worker.

    Returns (run, queued). A file the agency already imported, or one being imported
    now, is not queued again (queued is False); one whose import failed or stopped
    is queued again and resumes after its last committed chunk. A file that is not
    a client list raises ValidationError and leaves nothing behind.
    """
    from .tasks import run_import

    access.require_manage_agency(actor)
    agency = access.agency_of(actor)
    path = _store_upload(upload)
    try:
        try:
            importer.check_file(path, upload.name)
        except importer.ImportFileError as e:
            raise ValidationError({"file": [str(e)]}) from None
        digest = importer.file_hash(path)
        with transaction.atomic():
            run = (
                ImportRun.objects.select_for_update()
                .filter(agency=agency, file_sha256=digest)
                .first()
            )
            if run is None:
                try:
                    with transaction.atomic():
                        run = ImportRun.objects.create(
                            agency=agency, file_sha256=digest, file_name=upload.name[:255],
                            started_by=actor, stored_path=str(path),
                            language=translation.get_language() or settings.LANGUAGE_CODE,
                        )  # fmt: skip
                except IntegrityError:  # the same file uploaded twice at once
                    path.unlink(missing_ok=True)
                    return ImportRun.objects.get(agency=agency, file_sha256=digest), False
            elif run.status == ImportRun.Status.DONE or (
                run.status == ImportRun.Status.RUNNING
                and run.updated_at > timezone.now() - IMPORT_STALE_AFTER
            ):
                path.unlink(missing_ok=True)
                return run, False
            else:  # failed, stopped, or queued without a worker: queue it again
                old = run.stored_path
                ImportRun.objects.filter(pk=run.pk).update(
                    status=ImportRun.Status.QUEUED, error="", stored_path=str(path),
                    finished_at=None, updated_at=timezone.now(),
                )  # fmt: skip
                run.refresh_from_db()
                if old and old != str(path):
                    transaction.on_commit(lambda: Path(old).unlink(missing_ok=True))
            ImportRunEvent.record(run, actor=actor)
            run_id, actor_id = run.pk, actor.pk
            transaction.on_commit(lambda: run_import.enqueue(run_id, actor_id))
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return run, True


# ---- members of a group client ---------------------------------------------------------


@transaction.atomic
def group_member_add(*, actor, group: Client, member: Client, role: str = ""):
    """Add an individual client of the same agency to a group client."""
    from .models import GroupMember

    access.require_write(actor)
    if group.kind != Client.Kind.GROUP:
        raise ValidationError(_("Hanya klien berjenis kelompok yang mempunyai anggota."))
    if member.kind != Client.Kind.INDIVIDUAL:
        raise ValidationError({"member": _("Anggota kelompok harus klien perorangan.")})
    if member.pk == group.pk or member.agency_id != group.agency_id or member.deleted_at:
        raise ValidationError({"member": _("Klien ini tidak dapat menjadi anggota kelompok.")})
    # lock the group: two adds of the same member at once must not both pass the check
    Client.objects.select_for_update().filter(pk=group.pk).first()
    if GroupMember.objects.filter(group=group, member=member, left_at__isnull=True).exists():
        raise ValidationError({"member": _("Klien ini sudah menjadi anggota kelompok.")})
    membership = GroupMember(group=group, member=member, role=role.strip(), joined_by=actor)
    membership.full_clean(exclude=["group", "member", "joined_by"], validate_constraints=False)
    membership.save()
    return membership


@transaction.atomic
def group_member_leave(*, actor, membership):
    """End a membership; the row stays as the group's history."""
    access.require_write(actor)
    if membership.left_at:
        raise ValidationError(_("Keanggotaan ini sudah berakhir."))
    membership.left_at = timezone.now()
    membership.left_by = actor
    membership.save(update_fields=["left_at", "left_by"])
    return membership
