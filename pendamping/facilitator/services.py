"""Every write of the facilitator. Enrolment changes append a case event (codes and
ids only); programmes, sessions and attendance belong to the agency, not to a case."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping.accounts import access
from pendamping.accounts.models import Membership, Role
from pendamping.cases.models import Case
from pendamping.cases.services import event_append, require_open
from pendamping.clients.models import GroupMember
from pendamping.concurrency import save_versioned

from . import events, measures
from .access import require_session_work
from .models import (
    Attendance,
    AttendanceStatus,
    Enrolment,
    EnrolmentStatus,
    Kind,
    Programme,
    ProgrammeModule,
    Session,
    SessionStatus,
)

PROGRAMME_FIELDS = (
    "title", "kind", "objectives", "target_categories", "target_age_min", "target_age_max",
    "location", "capacity", "starts_on", "ends_on", "compliant_share", "partial_share",
    "measures", "briefing_days",
)  # fmt: skip
FACILITATOR_ROLES = (Role.WORKER, Role.SUPERVISOR)
TRANSITIONS = {
    SessionStatus.SCHEDULED: {SessionStatus.IN_PROGRESS, SessionStatus.COMPLETED,
                              SessionStatus.CANCELLED},
    SessionStatus.IN_PROGRESS: {SessionStatus.COMPLETED, SessionStatus.CANCELLED},
    SessionStatus.COMPLETED: set(),
    SessionStatus.CANCELLED: set(),
}  # fmt: skip


def _clean_programme(data: dict) -> dict:
    errors = {}
    clean = {k: data.get(k) for k in PROGRAMME_FIELDS}
    clean["title"] = (clean["title"] or "").strip()
    if not clean["title"]:
        errors["title"] = _("Tuliskan judul program.")
    if clean["kind"] not in Kind.values:
        errors["kind"] = _("Pilih jenis layanan.")
    for field in ("objectives", "location"):
        clean[field] = (clean[field] or "").strip()
    clean["target_categories"] = list(clean["target_categories"] or [])
    clean["measures"] = [str(c) for c in clean["measures"] or []]
    if any(measures.get(c) is None for c in clean["measures"]):
        errors["measures"] = _("Pilih ukuran dari daftar.")
    clean["briefing_days"] = 7 if clean["briefing_days"] is None else clean["briefing_days"]
    if not 0 <= int(clean["briefing_days"]) <= 365:
        errors["briefing_days"] = _("Isi antara 0 dan 365 hari.")
    if clean["capacity"] is None:
        clean["capacity"] = 20
    if int(clean["capacity"]) < 1:
        errors["capacity"] = _("Kapasitas paling sedikit 1 peserta.")
    start, end = clean["starts_on"], clean["ends_on"]
    if start is None or end is None:
        errors["ends_on"] = _("Isi tanggal mulai dan tanggal selesai.")
    elif end < start:
        errors["ends_on"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    low, high = clean["target_age_min"], clean["target_age_max"]
    if low is not None and high is not None and high < low:
        errors["target_age_max"] = _("Usia sampai tidak boleh lebih kecil dari usia dari.")
    for field, default in (("compliant_share", "0.80"), ("partial_share", "0.50")):
        value = Decimal(str(default if clean[field] is None else clean[field]))
        if not Decimal(0) <= value <= Decimal(1):
            errors[field] = _("Isi bagian antara 0 dan 1 (misalnya 0,80).")
        clean[field] = value
    if not errors and clean["partial_share"] > clean["compliant_share"]:
        errors["partial_share"] = _("Batas patuh sebagian tidak boleh di atas batas patuh.")
    if errors:
        raise ValidationError(errors)
    return clean


def _facilitators(actor, users) -> list:
    users = list(users or [])
    agency = access.agency_of(actor)
    ok = set(
        Membership.objects.filter(
            agency=agency, role__in=FACILITATOR_ROLES, user__in=users
        ).values_list("user_id", flat=True)
    )
    if any(u.pk not in ok for u in users):
        raise ValidationError(
            {"facilitators": _("Fasilitator harus pekerja sosial atau supervisor lembaga ini.")}
        )
    return users


def _sync_modules(programme: Programme, titles) -> None:
    titles = [t.strip() for t in titles if t and t.strip()]
    existing = {m.title: m for m in programme.modules.alive()}
    for position, title in enumerate(titles, start=1):
        module = existing.pop(title, None)
        if module is None:
            ProgrammeModule.objects.create(programme=programme, position=position, title=title)
        elif module.position != position:
            save_versioned(module, None, position=position)
    for module in existing.values():
        save_versioned(module, None, deleted_at=timezone.now())


@transaction.atomic
def programme_save(
    *, actor, data: dict, programme: Programme | None = None, expected_version: int | None = None
) -> Programme:
    """Create a programme of the actor's agency, or change one (a stale version is
    refused). ``data`` may hold ``facilitators`` (users) and ``modules`` (titles in order)."""
    access.require_write(actor)
    current = {} if programme is None else {f: getattr(programme, f) for f in PROGRAMME_FIELDS}
    clean = _clean_programme(current | {k: v for k, v in data.items() if k in PROGRAMME_FIELDS})
    facilitators = _facilitators(actor, data["facilitators"]) if "facilitators" in data else None
    if programme is None:
        programme = Programme.objects.create(
            agency=access.agency_of(actor), created_by=actor, **clean
        )
    else:
        changes = {k: v for k, v in clean.items() if v != current[k]}
        save_versioned(programme, expected_version, **changes)
    if facilitators is not None:
        programme.facilitators.set(facilitators)
    if "modules" in data:
        _sync_modules(programme, data["modules"])
    return programme


def _enrolment_event(enrolment: Enrolment, kind, actor) -> None:
    extra = {}
    if enrolment.member_id:  # on the group's case, naming the member
        extra = {"member": enrolment.member_id, "member_name": enrolment.member.full_name}
    event_append(
        enrolment.case,
        kind,
        actor,
        programme=enrolment.programme_id,
        enrolment=enrolment.pk,
        status=enrolment.status,
        **extra,
    )


@transaction.atomic
def enrol(*, actor, programme: Programme, case: Case) -> Enrolment | list[Enrolment]:
    """Enrol the client of an open case; on the waiting list when the programme is full.

    The case of a group client enrols each of its active members instead (a list)."""
    access.require_write(actor)
    require_open(case)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if programme.closed_at is not None:
        raise ValidationError(_("Program ini sudah ditutup."))
    if case.agency_id != programme.agency_id:
        raise ValidationError(_("Kasus dan program harus dari lembaga yang sama."))
    if case.client.kind == case.client.Kind.GROUP:
        return _enrol_members(actor, programme, case)
    if Enrolment.objects.alive().filter(programme=programme, case=case).exists():
        raise ValidationError(_("Klien ini sudah terdaftar di program ini."))
    taken = Enrolment.objects.alive().filter(programme=programme, status="enrolled").count()
    status = EnrolmentStatus.ENROLLED if taken < programme.capacity else EnrolmentStatus.WAITLISTED
    enrolment = Enrolment.objects.create(
        programme=programme, case=case, status=status, enrolled_by=actor
    )
    _enrolment_event(enrolment, events.ENROLLED, actor)
    return enrolment


def _enrol_members(actor, programme: Programme, case: Case) -> list[Enrolment]:
    """A group's case: one enrolment per active member not yet enrolled from it, each
    taking a place (or a place on the waiting list) and each an event on the case.
    The programme row is locked by the caller."""
    members = list(
        GroupMember.objects.filter(
            group_id=case.client_id, left_at__isnull=True, member__deleted_at__isnull=True
        )
        .select_related("member")
        .order_by("joined_at", "id")
    )
    if not members:
        raise ValidationError(
            _("Kelompok ini belum mempunyai anggota aktif: tambahkan anggotanya dulu.")
        )
    already = set(
        Enrolment.objects.alive()
        .filter(programme=programme, case=case, member__isnull=False)
        .values_list("member_id", flat=True)
    )
    todo = [m.member for m in members if m.member_id not in already]
    if not todo:
        raise ValidationError(_("Semua anggota kelompok ini sudah terdaftar di program ini."))
    taken = Enrolment.objects.alive().filter(programme=programme, status="enrolled").count()
    made = []
    for member in todo:
        status = (
            EnrolmentStatus.ENROLLED if taken < programme.capacity else EnrolmentStatus.WAITLISTED
        )
        taken += status == EnrolmentStatus.ENROLLED
        enrolment = Enrolment.objects.create(
            programme=programme, case=case, member=member, status=status, enrolled_by=actor
        )
        _enrolment_event(enrolment, events.ENROLLED, actor)
        made.append(enrolment)
    return made


@transaction.atomic
def enrolment_leave(
    *, actor, enrolment: Enrolment, reason: str, expected_version: int | None = None
) -> Enrolment:
    """The participant leaves (with a reason); the first on the waiting list moves up."""
    access.require_write(actor)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan keluar.")})
    if enrolment.status not in (EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITLISTED):
        raise ValidationError(_("Peserta ini sudah tidak aktif di program."))
    was_enrolled = enrolment.status == EnrolmentStatus.ENROLLED
    save_versioned(enrolment, expected_version, status=EnrolmentStatus.LEFT, reason=reason[:300])
    _enrolment_event(enrolment, events.ENROLMENT_CHANGED, actor)
    if was_enrolled:
        waiting = (
            Enrolment.objects.alive()
            .filter(programme_id=enrolment.programme_id, status=EnrolmentStatus.WAITLISTED)
            .select_related("case")
            .order_by("created_at", "id")
            .first()
        )
        if waiting is not None:
            save_versioned(waiting, None, status=EnrolmentStatus.ENROLLED)
            _enrolment_event(waiting, events.ENROLMENT_CHANGED, actor)
    return enrolment


@transaction.atomic
def session_schedule(
    *,
    actor,
    programme: Programme,
    starts_at: datetime,
    module=None,
    instructors=(),
    one_to_one: bool = False,
    makeup_for: Session | None = None,
) -> Session:
    access.require_write(actor)
    if programme.closed_at is not None:
        raise ValidationError(_("Program ini sudah ditutup."))
    if starts_at is None:
        raise ValidationError({"starts_at": _("Isi waktu mulai sesi.")})
    if module is not None and module.programme_id != programme.pk:
        raise ValidationError({"module": _("Modul ini bukan bagian dari program ini.")})
    if makeup_for is not None and makeup_for.programme_id != programme.pk:
        raise ValidationError({"makeup_for": _("Sesi yang diganti harus dari program ini.")})
    instructors = list(instructors or [])
    if any(i.agency_id != programme.agency_id for i in instructors):
        raise ValidationError({"instructors": _("Instruktur harus dari lembaga ini.")})
    session = Session.objects.create(
        programme=programme,
        starts_at=starts_at,
        module=module,
        one_to_one=one_to_one,
        makeup_for=makeup_for,
    )
    session.instructors.set(instructors)
    return session


@transaction.atomic
def session_set_status(
    *, actor, session: Session, status: str, reason: str = "", expected_version: int | None = None
) -> Session:
    access.require_write(actor)
    if status not in TRANSITIONS.get(session.status, set()):
        raise ValidationError({"status": _("Status sesi tidak dapat diubah ke sana.")})
    reason = " ".join((reason or "").split())
    if status == SessionStatus.CANCELLED and not reason:
        raise ValidationError({"reason": _("Tuliskan alasan sesi dibatalkan.")})
    changes = {"status": status}
    if status == SessionStatus.CANCELLED:
        changes["cancel_reason"] = reason[:300]
    save_versioned(session, expected_version, **changes)
    return session


@transaction.atomic
def attendance_record(*, actor, session: Session, statuses: dict) -> int:
    """Record a whole session's attendance at once: ``{enrolment_id: status}`` or
    ``{enrolment_id: {"status": ..., "reason": ..., "note": ...}}``. Answers how many
    rows were written; saving again rewrites them. The session's instructor may too."""
    require_session_work(actor, session)
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(_("Sesi yang dibatalkan tidak memiliki daftar hadir."))
    if session.programme.closed_at is not None:
        raise ValidationError(_("Program ini sudah ditutup: kelulusan peserta sudah dicatat."))
    entries = {}
    for key, value in statuses.items():
        entry = value if isinstance(value, dict) else {"status": value}
        if entry.get("status") not in AttendanceStatus.values:
            raise ValidationError(_("Pilih status kehadiran untuk setiap peserta."))
        entries[int(key)] = entry
    known = set(
        Enrolment.objects.alive()
        .filter(programme_id=session.programme_id, pk__in=entries)
        .exclude(status=EnrolmentStatus.WAITLISTED)
        .values_list("pk", flat=True)
    )
    if set(entries) - known:
        raise ValidationError(_("Sebagian peserta tidak terdaftar di program ini."))
    for enrolment_id, entry in entries.items():
        Attendance.objects.update_or_create(
            session=session,
            enrolment_id=enrolment_id,
            defaults={
                "status": entry["status"],
                "reason": (entry.get("reason") or "")[:300],
                "note": (entry.get("note") or "")[:300],
                "recorded_by": actor,
                "recorded_at": timezone.now(),
            },
        )
    return len(entries)
