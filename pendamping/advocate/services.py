"""Every write about complaints: intake, stages, case links, decisions, reopening;
the agency's categories and days off. Each complaint change appends a StageChange
(append-only) and, where a case is linked, a case event (ids and codes only)."""

from __future__ import annotations

import datetime
import secrets

from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping.accounts import access
from pendamping.accounts.models import Role
from pendamping.cases.services import event_append
from pendamping.concurrency import save_versioned
from pendamping.inbox.services import notify

from . import clock, events
from .models import (
    AT_RISK_SHARE,
    CLOSED_STAGES,
    DEFAULT_SLA_HOURS,
    TRANSITIONS,
    AnonymousContact,
    AwaitingOn,
    Category,
    ComplainantKind,
    Complaint,
    ComplaintLog,
    CoSigner,
    Decision,
    LogKind,
    SlaUnit,
    Stage,
    StageChange,
)

# No 0/O, 1/I/L: codes are read out over the phone.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def _random(n: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(n))


def new_tracking_code() -> str:
    return f"ADU-{_random(4)}-{_random(4)}"


def normalise_code(code: str) -> str:
    return (code or "").strip().upper()


# ---- the clock ---------------------------------------------------------------------


def sla_times(
    category: Category | None, received_at: datetime.datetime, days_off=frozenset()
) -> tuple[datetime.datetime, datetime.datetime]:
    """(at risk from, deadline) of a complaint of ``category`` received then: hours are
    counted round the clock; working days end at the same local time on the n-th
    working day after receipt. Without a category: the default 72 hours."""
    if category is None:
        deadline = received_at + datetime.timedelta(hours=DEFAULT_SLA_HOURS)
    elif category.sla_unit == SlaUnit.WORKING_DAYS:
        local = timezone.localtime(received_at)
        day = clock.add_working_days(local.date(), category.sla_amount, days_off=days_off)
        deadline = local.replace(year=day.year, month=day.month, day=day.day)
    else:
        deadline = received_at + datetime.timedelta(hours=category.sla_amount)
    at_risk = received_at + (deadline - received_at) * (1 - AT_RISK_SHARE)
    return at_risk, deadline


def resumed_times(complaint: Complaint, now: datetime.datetime, days_off=frozenset()) -> dict:
    """The clock restarting after a pause (awaiting the complainant or another body):
    the changes that move the deadline and the at-risk time by the time lost. Hours
    (and no category): the wall-clock time paused. Working days: the working days
    after the day it paused up to and including the day it resumes (weekends,
    national holidays and the agency's days off are not lost time); the same local
    time of day. Nothing when the clock was not paused."""
    if complaint.paused_at is None:
        return {}
    category = complaint.category
    if category is not None and category.sla_unit == SlaUnit.WORKING_DAYS:
        paused = timezone.localtime(complaint.paused_at).date()
        lost = clock.working_days_between(paused, timezone.localtime(now).date(), days_off=days_off)

        def move(moment):
            local = timezone.localtime(moment)
            day = clock.add_working_days(local.date(), lost, days_off=days_off)
            return local.replace(year=day.year, month=day.month, day=day.day)
    else:
        gap = max(now - complaint.paused_at, datetime.timedelta(0))

        def move(moment):
            return moment + gap

    return {"paused_at": None, "deadline_at": move(complaint.deadline_at),
            "at_risk_at": move(complaint.at_risk_at)}  # fmt: skip


# ---- intake ------------------------------------------------------------------------


def _check_worker(actor, worker) -> None:
    if worker is None or not access.assignable_workers(actor).filter(pk=worker.pk).exists():
        raise ValidationError(
            {"assigned_worker": _("Pekerja sosial ini tidak dapat ditugaskan oleh Anda.")}
        )


def _check_complainant(kind: str, data: dict, cosigners: list[dict], contact: str) -> None:
    errors = {}
    if kind == ComplainantKind.INDIVIDUAL and data.get("client") is None:
        errors["client"] = _("Pilih klien yang mengadu.")
    if kind in (ComplainantKind.GROUP, ComplainantKind.COMMUNITY):
        if not (data.get("complainant_name") or "").strip():
            errors["complainant_name"] = _("Tuliskan nama perwakilan.")
        if not (data.get("group_name") or "").strip():
            errors["group_name"] = _("Tuliskan nama kelompok atau komunitas.")
    if kind == ComplainantKind.GROUP:
        if not (data.get("mandate") or "").strip() or not data.get("mandate_on"):
            errors["mandate"] = _("Catat mandat perwakilan kelompok dan tanggalnya.")
        if any(not c.get("consent_given") for c in cosigners):
            errors["cosigners"] = _("Setiap penanda tangan harus memberikan persetujuannya.")
    if kind != ComplainantKind.GROUP and cosigners:
        errors["cosigners"] = _("Penanda tangan hanya untuk pengaduan kelompok.")
    if kind != ComplainantKind.ANONYMOUS and contact:
        errors["anonymous_contact"] = _("Kontak terpisah hanya untuk pengadu anonim.")
    if errors:
        raise ValidationError(errors)


IDENTITY_FIELDS = ("client", "complainant_name", "complainant_contact", "group_name", "mandate")


@transaction.atomic
def complaint_receive(
    *,
    actor,
    data: dict,
    cosigners: list[dict] | None = None,
    anonymous_contact: str = "",
) -> tuple[Complaint, str]:
    """Record a complaint; returns it and the secret for the public status page,
    which is shown once and stored only as a hash."""
    access.require_write(actor)
    agency = access.agency_of(actor)
    cosigners = cosigners or []
    contact = (anonymous_contact or "").strip()
    kind = data.get("complainant_kind")
    if kind not in ComplainantKind.values:
        raise ValidationError({"complainant_kind": _("Jenis pengadu tidak dikenal.")})
    _check_complainant(kind, data, cosigners, contact)
    category = data.get("category")
    if category is not None and (category.agency_id != agency.pk or category.deleted_at):
        raise ValidationError({"category": _("Pilih kategori pengaduan lembaga ini.")})
    client = data.get("client")
    if client is not None and client.agency_id != agency.pk:
        raise ValidationError({"client": _("Pilih klien yang mengadu.")})
    worker = data.get("assigned_worker")
    if worker is None and access.role_of(actor) == Role.WORKER:
        worker = actor  # a worker's own intake is theirs; others may leave it unassigned
    if worker is not None:
        _check_worker(actor, worker)
    fields = {k: data.get(k) for k in (
        "client", "complainant_name", "complainant_contact", "group_name", "mandate",
        "mandate_on", "region", "channel", "severity", "sensitivity", "subject",
        "description", "obstacles", "wanted_resolution",
    ) if k in data}  # fmt: skip
    if kind == ComplainantKind.ANONYMOUS:
        # no identity at all, whatever the form sent
        fields.update(client=None, complainant_name="", complainant_contact="", group_name="",
                      mandate="", mandate_on=None)  # fmt: skip
    for key in ("complainant_name", "complainant_contact", "group_name", "mandate", "subject",
                "description", "obstacles", "wanted_resolution"):  # fmt: skip
        if fields.get(key) is None:
            fields[key] = ""
        fields[key] = fields[key].strip()
    received_at = data.get("received_at") or timezone.now()
    if received_at > timezone.now() + datetime.timedelta(minutes=5):
        raise ValidationError({"received_at": _("Waktu diterima tidak boleh di masa depan.")})
    at_risk_at, deadline_at = sla_times(category, received_at, clock.agency_days_off(agency.pk))
    secret = _random(10)
    complaint = Complaint(
        agency=agency, complainant_kind=kind, category=category, assigned_worker=worker,
        received_at=received_at, at_risk_at=at_risk_at, deadline_at=deadline_at,
        secret_hash=make_password(secret), tracking_code=new_tracking_code(), created_by=actor,
        **fields,
    )  # fmt: skip
    complaint.full_clean(exclude=["tracking_code", "secret_hash"])
    for _attempt in range(5):
        try:
            with transaction.atomic():
                complaint.save()
            break
        except IntegrityError:  # a tracking code drawn twice (31^8 codes): draw again
            complaint.pk = None
            complaint.tracking_code = new_tracking_code()
    else:  # pragma: no cover - five collisions in a row
        raise IntegrityError("could not draw a free tracking code")
    for c in cosigners:
        cosigner_add(actor=actor, complaint=complaint, data=c)
    if kind == ComplainantKind.ANONYMOUS and contact:
        row = AnonymousContact(complaint=complaint, channel=contact)
        row.full_clean(exclude=["complaint"])
        row.save()
    StageChange.objects.create(
        complaint=complaint, from_stage="", to_stage=Stage.NEW, reason=_("Pengaduan diterima"),
        actor=actor,
    )  # fmt: skip
    if worker is not None:
        _log(complaint, LogKind.ASSIGNED, actor, worker=worker)
        _tell_assigned(complaint, worker, actor)
    return complaint, secret


def _log(complaint: Complaint, kind: str, actor, *, worker=None, other=None) -> None:
    ComplaintLog.objects.create(complaint=complaint, kind=kind, worker=worker, other=other,
                                actor=actor)  # fmt: skip


def _tell_assigned(complaint: Complaint, worker, actor) -> None:
    # the worker it is given to, unless they took it themselves: the code, not the subject
    notify([worker], "complaint_assigned", url=reverse("complaint_detail", kwargs={"pk": complaint.pk}),
           target=complaint, exclude=[actor], code=complaint.tracking_code,
           deadline=complaint.deadline_at.isoformat())  # fmt: skip


@transaction.atomic
def complaint_assign(*, actor, complaint: Complaint, worker, expected_version: int) -> Complaint:
    """Give an open complaint to a worker (a supervisor within their team, an admin
    within the agency); logged, and the worker is told."""
    access.require_assign(actor)
    if not complaint.is_open:
        raise ValidationError({"worker": _("Pengaduan ini sudah ditutup.")})
    if worker is None or not access.assignable_workers(actor).filter(pk=worker.pk).exists():
        raise ValidationError({"worker": _("Pekerja sosial ini tidak dapat ditugaskan oleh Anda.")})
    if complaint.assigned_worker_id == worker.pk:
        return complaint
    save_versioned(complaint, expected_version, assigned_worker=worker)
    _log(complaint, LogKind.ASSIGNED, actor, worker=worker)
    _tell_assigned(complaint, worker, actor)
    return complaint


@transaction.atomic
def cosigner_add(*, actor, complaint: Complaint, data: dict) -> CoSigner:
    access.require_write(actor)
    if complaint.complainant_kind != ComplainantKind.GROUP:
        raise ValidationError({"cosigners": _("Penanda tangan hanya untuk pengaduan kelompok.")})
    if not data.get("consent_given"):
        raise ValidationError(
            {"consent_given": _("Setiap penanda tangan harus memberikan persetujuannya.")}
        )
    row = CoSigner(
        complaint=complaint,
        name=(data.get("name") or "").strip(),
        contact=(data.get("contact") or "").strip(),
        consent_given=True,
        consent_on=data.get("consent_on") or timezone.localdate(),
    )
    row.full_clean(exclude=["complaint"])
    row.save()
    return row


# ---- stages, case link, decision, reopening ----------------------------------------


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasannya.")})
    return reason


def _record(complaint: Complaint, actor, old: str, new: str, reason: str) -> None:
    StageChange.objects.create(
        complaint=complaint, from_stage=old, to_stage=new, reason=reason, actor=actor
    )
    if complaint.case_id:
        event_append(
            complaint.case, events.STAGE, actor, complaint=complaint.pk, **{"from": old, "to": new}
        )


@transaction.atomic
def complaint_move_stage(
    *,
    actor,
    complaint: Complaint,
    to_stage: str,
    reason: str,
    expected_version: int,
    awaiting_on: str = "",
) -> Complaint:
    access.require_write(actor)
    reason = _require_reason(reason)
    old = complaint.stage
    if to_stage not in TRANSITIONS.get(old, ()):
        raise ValidationError({"to_stage": _("Perpindahan tahap ini tidak diizinkan.")})
    if to_stage == Stage.AWAITING and awaiting_on not in AwaitingOn.values:
        raise ValidationError({"awaiting_on": _("Pilih siapa yang ditunggu.")})
    now = timezone.now()
    changes = {"stage": to_stage, "awaiting_on": awaiting_on if to_stage == Stage.AWAITING else ""}
    if to_stage == Stage.AWAITING:
        changes["paused_at"] = now  # the SLA clock stops while awaiting
    else:
        changes |= resumed_times(complaint, now, clock.agency_days_off(complaint.agency_id))
    if to_stage in CLOSED_STAGES:
        changes["closed_at"] = now
    save_versioned(complaint, expected_version, **changes)
    _record(complaint, actor, old, to_stage, reason)
    return complaint


@transaction.atomic
def complaint_link_case(*, actor, complaint: Complaint, case, expected_version: int) -> Complaint:
    """Link the complaint to a case the actor may see (the case's timeline then
    follows the complaint)."""
    from pendamping.cases.access import cases_for

    access.require_write(actor)
    if case is None or not cases_for(actor).filter(pk=case.pk).exists():
        raise ValidationError({"case": _("Pilih kasus yang dapat Anda lihat.")})
    if complaint.case_id == case.pk:
        return complaint
    save_versioned(complaint, expected_version, case=case)
    event_append(case, events.LINKED, actor, complaint=complaint.pk)
    return complaint


@transaction.atomic
def complaint_decide(
    *, actor, complaint: Complaint, decision: str, reason: str, expected_version: int, case=None
) -> Complaint:
    """Decide the complaint (GLOSSARY: Decision); it is then done. "Referred to a case"
    needs the case, which is linked."""
    access.require_write(actor)
    reason = _require_reason(reason)
    if not complaint.is_open:
        raise ValidationError({"decision": _("Pengaduan ini sudah ditutup.")})
    if decision not in Decision.values:
        raise ValidationError({"decision": _("Keputusan tidak dikenal.")})
    if decision == Decision.REFERRED_TO_CASE:
        if case is None and complaint.case_id is None:
            raise ValidationError({"case": _("Pilih kasus yang menjadi rujukan.")})
        if case is not None:
            complaint_link_case(
                actor=actor, complaint=complaint, case=case, expected_version=expected_version
            )
            expected_version = complaint.version
    old = complaint.stage
    now = timezone.now()
    resumed = resumed_times(complaint, now, clock.agency_days_off(complaint.agency_id))
    save_versioned(complaint, expected_version, decision=decision, decision_reason=reason,
                   decided_at=now, stage=Stage.DONE, closed_at=now, awaiting_on="",
                   **resumed)  # fmt: skip
    _record(complaint, actor, old, Stage.DONE, reason)
    if complaint.case_id:
        event_append(
            complaint.case, events.DECIDED, actor, complaint=complaint.pk, decision=decision
        )
    return complaint


@transaction.atomic
def complaint_reopen(
    *, actor, complaint: Complaint, reason: str, expected_version: int
) -> Complaint:
    """Reopen a closed complaint (also the complainant's appeal), with a reason; the
    decision is cleared and the SLA clock keeps its deadline."""
    access.require_write(actor)
    reason = _require_reason(reason)
    if complaint.is_open:
        raise ValidationError({"reason": _("Pengaduan ini masih terbuka.")})
    old = complaint.stage
    save_versioned(complaint, expected_version, stage=Stage.IN_PROGRESS, closed_at=None,
                   decision="", decision_reason="", decided_at=None)  # fmt: skip
    _record(complaint, actor, old, Stage.IN_PROGRESS, reason)
    return complaint


def require_visible_writer(actor, complaint: Complaint) -> None:
    from .access import complaints_for

    if not complaints_for(actor).filter(pk=complaint.pk).exists():
        raise PermissionDenied(_("Anda tidak dapat mengubah pengaduan ini."))
