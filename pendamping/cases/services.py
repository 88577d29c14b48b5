"""Every write about cases, notes, tasks and needs. Each appends its CaseEvent."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping import plugins
from pendamping.accounts import access
from pendamping.concurrency import save_versioned
from pendamping.inbox.services import notify

from . import tallies
from .models import (
    Case,
    CaseCounter,
    CaseEvent,
    ClosureReason,
    Need,
    ProgressNote,
    RiskLevel,
    Stage,
    Task,
    Urgency,
)


def event_append(case: Case, kind, actor, *, progress_note=None, **data) -> CaseEvent:
    """Append one event to the case's timeline (every app's services call this).

    `kind` is a registered kind (an EventKind or its code) and `data` holds codes,
    numbers and ids, never translated text: the kind renders it when it is read.
    """
    code = str(kind)
    if plugins.registry.event_kind(code) is None:
        raise ValueError(f"Unregistered case event kind {code!r} (register it in events.py).")
    event = CaseEvent.objects.create(
        case=case, kind=code, actor=actor, note=progress_note, data=data
    )
    # the case's newest event, in the same transaction (the home's recent events)
    Case._base_manager.filter(pk=case.pk).update(last_event_at=event.at)
    case.last_event_at = event.at
    return event


def _next_number(agency_id: int, year: int) -> str:
    counter, _created = CaseCounter.objects.select_for_update().get_or_create(
        agency_id=agency_id, year=year
    )
    CaseCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db(fields=["last"])
    return f"{year}-{counter.last:06d}"


def _check_worker(actor, worker) -> None:
    if worker is None or not access.assignable_workers(actor).filter(pk=worker.pk).exists():
        raise ValidationError(
            {"assigned_worker": _("Pekerja sosial ini tidak dapat ditugaskan oleh Anda.")}
        )


@transaction.atomic
def case_open(
    *,
    actor,
    client,
    presenting_problem: str,
    risk_level: str = RiskLevel.MEDIUM,
    assigned_worker=None,
) -> Case:
    access.require_write(actor)
    if not (presenting_problem or "").strip():
        raise ValidationError({"presenting_problem": _("Jelaskan masalah yang dihadapi klien.")})
    if risk_level not in RiskLevel.values:
        raise ValidationError({"risk_level": _("Tingkat risiko tidak dikenal.")})
    worker = assigned_worker or actor
    _check_worker(actor, worker)
    # the client's row, locked: an anonymisation running now (which locks it too and
    # refuses while a case is open) either finishes first, and the write is refused
    # as the client's is, or waits for this case
    type(client)._base_manager.select_for_update().filter(pk=client.pk).values_list("pk").first()
    now = timezone.now()
    year = timezone.localtime(now).year
    case = Case.objects.create(
        agency_id=client.agency_id,
        client=client,
        number=_next_number(client.agency_id, year),
        presenting_problem=presenting_problem.strip(),
        risk_level=risk_level,
        assigned_worker=worker,
        opened_at=now,
        created_by=actor,
    )
    tallies.add(case, +1)
    # the worker only when someone else opened the case: the line already names the actor
    for_whom = {} if worker == actor else {"worker": str(worker)}
    event_append(case, CaseEvent.Kind.OPENED, actor, number=case.number, **for_whom)
    return case


@transaction.atomic
def case_update(
    *,
    actor,
    case: Case,
    expected_version: int,
    presenting_problem: str,
    risk_level: str,
    reason: str = "",
) -> Case:
    """Change the presenting problem or the risk; ``reason`` (optional) says why the
    risk changed, on the timeline (a safety flag's "raise the risk")."""
    access.require_write(actor)
    if not (presenting_problem or "").strip():
        raise ValidationError({"presenting_problem": _("Jelaskan masalah yang dihadapi klien.")})
    if risk_level not in RiskLevel.values:
        raise ValidationError({"risk_level": _("Tingkat risiko tidak dikenal.")})
    changes = {}
    if presenting_problem.strip() != case.presenting_problem:
        changes["presenting_problem"] = presenting_problem.strip()
    if risk_level != case.risk_level:
        changes["risk_level"] = risk_level
    old_risk = case.risk_level
    save_versioned(case, expected_version, **changes)
    if changes:
        event_append(
            case,
            CaseEvent.Kind.UPDATED,
            actor,
            fields=sorted(changes),
            **({"risk_from": old_risk, "risk_to": risk_level} if "risk_level" in changes else {}),
            **({"reason": reason.strip()} if reason.strip() and "risk_level" in changes else {}),
        )
    return case


@transaction.atomic
def case_assign(*, actor, case: Case, worker, expected_version: int) -> Case:
    access.require_assign(actor)
    _check_worker(actor, worker)
    if worker.pk == case.assigned_worker_id:
        return case
    previous, previous_id, was_counted = (
        str(case.assigned_worker),
        case.assigned_worker_id,
        tallies.counted(case),
    )
    save_versioned(case, expected_version, assigned_worker=worker)
    if was_counted:
        tallies.add(case, -1, worker_id=previous_id)
        tallies.add(case, +1)
    event_append(case, CaseEvent.Kind.ASSIGNED, actor, worker=str(worker), previous=previous)
    return case


@transaction.atomic
def case_move_stage(
    *, actor, case: Case, to_stage: str, expected_version: int, reason: str = ""
) -> Case:
    """Forward one stage at a time; back to any earlier stage with a reason."""
    access.require_write(actor)
    if not case.is_open:
        raise ValidationError(_("Kasus sudah ditutup. Buka kembali kasus sebelum mengubah tahap."))
    if to_stage not in Stage.values:
        raise ValidationError({"to_stage": _("Tahap tidak dikenal.")})
    current, target = Stage.order(case.stage), Stage.order(to_stage)
    reason = (reason or "").strip()
    if target == current:
        raise ValidationError({"to_stage": _("Kasus sudah berada di tahap ini.")})
    if target > current + 1:
        raise ValidationError(
            {
                "to_stage": _("Tahap hanya maju satu langkah: berikutnya adalah %(stage)s.")
                % {"stage": Stage(case.next_stage()).label}
            }
        )
    if target < current and not reason:
        raise ValidationError({"reason": _("Mundur ke tahap sebelumnya memerlukan alasan.")})
    from_stage, was_counted = case.stage, tallies.counted(case)
    save_versioned(case, expected_version, stage=to_stage)
    if was_counted:
        tallies.add(case, -1, stage=from_stage)
        tallies.add(case, +1)
    event_append(
        case,
        CaseEvent.Kind.STAGE_CHANGED,
        actor,
        from_stage=from_stage,
        to_stage=to_stage,
        direction="back" if target < current else "forward",
        reason=reason,
    )
    return case


@transaction.atomic
def case_close(*, actor, case: Case, reason: str, expected_version: int, note: str = "") -> Case:
    access.require_write(actor)
    if not case.can_close():
        raise ValidationError(_("Kasus sudah ditutup."))
    if reason not in ClosureReason.values:
        raise ValidationError({"reason": _("Pilih alasan penutupan.")})
    if reason == ClosureReason.OTHER and not (note or "").strip():
        raise ValidationError({"note": _("Jelaskan alasan penutupan.")})
    was_counted = tallies.counted(case)
    save_versioned(
        case,
        expected_version,
        closed_at=timezone.now(),
        closure_reason=reason,
        closure_note=note.strip(),
    )
    if was_counted:
        tallies.add(case, -1)
    event_append(case, CaseEvent.Kind.CLOSED, actor, reason=reason, note=note.strip())
    return case


@transaction.atomic
def case_reopen(*, actor, case: Case, reason: str, expected_version: int) -> Case:
    access.require_write(actor)
    if case.is_open:
        raise ValidationError(_("Kasus masih terbuka."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Membuka kembali kasus memerlukan alasan.")})
    save_versioned(case, expected_version, closed_at=None, closure_reason="", closure_note="")
    if tallies.counted(case):
        tallies.add(case, +1)
    event_append(case, CaseEvent.Kind.REOPENED, actor, reason=reason.strip())
    return case


@transaction.atomic
def case_delete(*, actor, case: Case) -> None:
    access.require_delete(actor)
    was_counted = tallies.counted(case)
    save_versioned(case, case.version, deleted_at=timezone.now())
    if was_counted:
        tallies.add(case, -1)
    event_append(case, CaseEvent.Kind.DELETED, actor)


def require_open(case: Case) -> None:
    if not case.is_open:
        raise ValidationError(_("Kasus sudah ditutup. Buka kembali kasus untuk menambah data."))


NOTE_FIELDS = ("kind", "practice_role", "confidentiality", "occurred_on", "body")


def _clean_note(note: ProgressNote) -> None:
    if note.occurred_on and note.occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": _("Tanggal kegiatan tidak boleh di masa depan.")})
    note.full_clean(exclude=["case", "author"])


@transaction.atomic
def note_add(*, actor, case: Case, data: dict) -> ProgressNote:
    access.require_write(actor)
    require_open(case)
    note = ProgressNote(
        case=case, author=actor, **{k: v for k, v in data.items() if k in NOTE_FIELDS}
    )
    _clean_note(note)
    note.save()
    event_append(
        case,
        CaseEvent.Kind.NOTE_ADDED,
        actor,
        progress_note=note,
        note_kind=note.kind,
        practice_role=note.practice_role,
        confidentiality=note.confidentiality,
    )
    return note


@transaction.atomic
def note_edit(*, actor, note: ProgressNote, data: dict, expected_version: int) -> ProgressNote:
    if not access.can_edit_note(actor, note):
        raise PermissionDenied(_("Hanya penulis catatan yang dapat mengubahnya."))
    changes = {k: v for k, v in data.items() if k in NOTE_FIELDS and v != getattr(note, k)}
    for k, v in changes.items():
        setattr(note, k, v)
    _clean_note(note)
    save_versioned(note, expected_version, **changes)
    if changes:
        event_append(
            note.case, CaseEvent.Kind.NOTE_EDITED, actor, progress_note=note, fields=sorted(changes)
        )
    return note


@transaction.atomic
def note_delete(*, actor, note: ProgressNote) -> None:
    if not access.can_edit_note(actor, note):
        raise PermissionDenied(_("Hanya penulis catatan yang dapat menghapusnya."))
    save_versioned(note, note.version, deleted_at=timezone.now())
    event_append(note.case, CaseEvent.Kind.NOTE_DELETED, actor, progress_note=note)


@transaction.atomic
def task_add(
    *, actor, case: Case, title: str, due_date, assignee=None, due_time=None, place: str = ""
) -> Task:
    access.require_write(actor)
    require_open(case)
    if not (title or "").strip():
        raise ValidationError({"title": _("Tuliskan tindak lanjutnya.")})
    if due_date is None:
        raise ValidationError({"due_date": _("Isi tenggat.")})
    assignee = assignee or actor
    if not access.assignable_workers(actor).filter(pk=assignee.pk).exists() and assignee != actor:
        raise ValidationError(
            {"assignee": _("Tindak lanjut ini tidak dapat ditugaskan ke orang itu.")}
        )
    task = Task(
        case=case, title=title.strip(), due_date=due_date, due_time=due_time,
        place=(place or "").strip(), assignee=assignee, created_by=actor,
    )  # fmt: skip
    task.full_clean(exclude=["case", "assignee", "created_by"])
    task.save()
    event_append(
        case,
        CaseEvent.Kind.TASK_ADDED,
        actor,
        task=task.pk,
        title=task.title,
        due_date=due_date.isoformat(),
        assignee=str(assignee),
    )
    notify(
        [assignee],
        "task_assigned",
        url=reverse("case_detail", kwargs={"pk": case.pk}),
        target=task,
        exclude=[actor],
        case=case.number,
        due=due_date.isoformat(),
    )
    return task


def tasks_overdue_notify(today=None) -> int:
    """Tell each assignee of an open task past its due date, once per task and due
    date (run daily: ``manage.py notify_overdue``). Returns how many were told."""
    today = today or timezone.localdate()
    tasks = (
        Task.objects.alive()
        .filter(
            done_at__isnull=True,
            due_date__lt=today,
            case__closed_at__isnull=True,
            case__deleted_at__isnull=True,
        )
        .select_related("case")
        .order_by("id")
    )
    told = 0
    for task in tasks.iterator(chunk_size=500):
        told += len(
            notify(
                [task.assignee_id],
                "task_overdue",
                url=reverse("case_detail", kwargs={"pk": task.case_id}),
                target=task,
                dedupe=f"task:{task.pk}:{task.due_date.isoformat()}",
                case=task.case.number,
                due=task.due_date.isoformat(),
            )
        )
    return told


@transaction.atomic
def task_set_done(*, actor, task: Task, done: bool, expected_version: int) -> Task:
    access.require_write(actor)
    if done == (task.done_at is not None):
        return task
    save_versioned(task, expected_version, done_at=timezone.now() if done else None)
    event_append(
        task.case,
        CaseEvent.Kind.TASK_DONE if done else CaseEvent.Kind.TASK_REOPENED,
        actor,
        task=task.pk,
        title=task.title,
    )
    return task


# ---- needs: casework that every role uses ------------------------------------------


def _need_event(need: Need, kind: str, actor, **data) -> None:
    event_append(
        need.case,
        kind,
        actor,
        need=need.pk,
        term=need.term.name_id,
        term_en=need.term.name_en,
        **data,
    )


def _need_changed(need: Need) -> None:
    """Tell the apps that follow needs (the broker's gap register) in this transaction."""
    plugins.emit("need_changed", need=need)


@transaction.atomic
def need_add(*, actor, case, term, description: str, urgency: str = Urgency.MEDIUM) -> Need:
    access.require_write(actor)
    require_open(case)
    if not (description or "").strip():
        raise ValidationError({"description": _("Jelaskan kebutuhan klien.")})
    if urgency not in Urgency.values:
        raise ValidationError({"urgency": _("Tingkat kemendesakan tidak dikenal.")})
    need = Need.objects.create(
        case=case, term=term, description=description.strip(), urgency=urgency, created_by=actor
    )
    _need_event(need, CaseEvent.Kind.NEED_ADDED, actor, urgency=urgency)
    _need_changed(need)
    return need


@transaction.atomic
def need_update(
    *, actor, need: Need, expected_version: int, term=None, description=None, urgency=None
) -> Need:
    access.require_write(actor)
    changes = {}
    if term is not None and term.pk != need.term_id:
        changes["term"] = term
    if description is not None:
        if not description.strip():
            raise ValidationError({"description": _("Jelaskan kebutuhan klien.")})
        if description.strip() != need.description:
            changes["description"] = description.strip()
    if urgency is not None and urgency != need.urgency:
        if urgency not in Urgency.values:
            raise ValidationError({"urgency": _("Tingkat kemendesakan tidak dikenal.")})
        changes["urgency"] = urgency
    save_versioned(need, expected_version, **changes)
    if changes:
        _need_event(need, CaseEvent.Kind.NEED_UPDATED, actor, fields=sorted(changes))
        _need_changed(need)
    return need


@transaction.atomic
def need_mark(*, actor, need: Need, status: str, expected_version=None, referral=None) -> Need:
    """Mark a need open, met or unmet. A completed referral marks its need met."""
    if referral is None:
        access.require_write(actor)
    if status not in Need.Status.values:
        raise ValidationError({"status": _("Status kebutuhan tidak dikenal.")})
    if status == need.status:
        return need
    save_versioned(need, expected_version, status=status)
    extra = {"referral": referral.number} if referral else {}
    _need_event(need, CaseEvent.Kind.NEED_UPDATED, actor, status=status, **extra)
    _need_changed(need)
    return need
