"""Cases, notes, tasks and the timeline over the API, through the registered scopes."""

from datetime import date, datetime, time
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from pendamping import schema_types as T
from pendamping.accounts import access
from pendamping.clients.access import clients_for
from pendamping.pagination import Pagination
from pendamping.web import require_valid

from . import selectors, services
from .access import case_or_404, notes_for, tasks_for
from .forms import NoteForm
from .models import Case, ClosureReason, ProgressNote, RiskLevel, Stage, Task

router = Router(tags=["cases"])
notes_router = Router(tags=["cases"])
tasks_router = Router(tags=["cases"])


class CaseOut(Schema):
    id: int
    number: str
    client_id: int
    client_name: str = Field(alias="client.full_name")
    presenting_problem: str
    risk_level: str
    stage: str
    assigned_worker_id: int
    assigned_worker: str = Field(alias="assigned_worker.username")
    opened_at: datetime
    closed_at: datetime | None
    closure_reason: str
    closure_note: str
    version: int


# What the case forms enforce, stated in the schema (pendamping/schema_types.py); left to
# the services: a stage that may follow the current one, a reason for going back.
Reason = T.line(500)  # the stage and reopening forms' reason


class CaseIn(Schema):
    client_id: int
    presenting_problem: T.of(Case, "presenting_problem")
    risk_level: T.choice(RiskLevel) = RiskLevel.MEDIUM
    assigned_worker_id: int | None = None


class CasePatch(Schema):
    version: int
    presenting_problem: T.of(Case, "presenting_problem") | None = None
    risk_level: T.choice(RiskLevel) | None = None


class StageIn(Schema):
    to_stage: T.choice(Stage)
    reason: Reason = ""
    version: int


class AssignIn(Schema):
    worker_id: int
    version: int


class CloseIn(Schema):
    reason: T.choice(ClosureReason)
    note: T.text() = Field("", description="required when the reason is other")
    version: int


class ReopenIn(Schema):
    reason: T.line(500, required=True)
    version: int


def _worker(request, worker_id):
    worker = access.assignable_workers(request.user).filter(pk=worker_id).first()
    if worker is None:
        raise ValidationError(
            {"assigned_worker": _("Pekerja sosial ini tidak dapat ditugaskan oleh Anda.")}
        )
    return worker


@router.get("", response=list[CaseOut])
@paginate(Pagination)
def list_cases(
    request,
    stage: T.choice(Stage) | None = None,
    status: Literal["open", "closed", "all"] = "open",
    risk: T.choice(RiskLevel) | None = None,
    client_id: int | None = None,
    worker_id: int | None = None,
):
    """Visible cases. status: open (default), closed or all."""
    qs = selectors.caseload(request.user, stage=stage or "", status=status, risk=risk or "")
    if client_id:
        qs = qs.filter(client_id=client_id)
    if worker_id:
        qs = qs.filter(assigned_worker_id=worker_id)
    return qs


@router.post("", response={201: CaseOut})
def open_case(request, payload: CaseIn):
    client = access.get_or_404(clients_for(request.user), pk=payload.client_id)
    access.require_write(request.user)
    worker = _worker(request, payload.assigned_worker_id) if payload.assigned_worker_id else None
    case = services.case_open(
        actor=request.user,
        client=client,
        presenting_problem=payload.presenting_problem,
        risk_level=payload.risk_level,
        assigned_worker=worker,
    )
    return Status(201, case)


@router.get("/{int:case_id}", response=CaseOut)
def get_case(request, case_id: int):
    return case_or_404(request.user, case_id)


@router.patch("/{int:case_id}", response=CaseOut)
def update_case(request, case_id: int, payload: CasePatch):
    case = case_or_404(request.user, case_id)
    return services.case_update(
        actor=request.user,
        case=case,
        expected_version=payload.version,
        presenting_problem=payload.presenting_problem or case.presenting_problem,
        risk_level=payload.risk_level or case.risk_level,
    )


@router.delete("/{int:case_id}", response={204: None})
def delete_case(request, case_id: int):
    services.case_delete(actor=request.user, case=case_or_404(request.user, case_id))
    return Status(204, None)


@router.post("/{int:case_id}/stage", response=CaseOut)
def move_stage(request, case_id: int, payload: StageIn):
    return services.case_move_stage(
        actor=request.user,
        case=case_or_404(request.user, case_id),
        to_stage=payload.to_stage,
        reason=payload.reason,
        expected_version=payload.version,
    )


@router.post("/{int:case_id}/assign", response=CaseOut)
def assign(request, case_id: int, payload: AssignIn):
    case = case_or_404(request.user, case_id)
    access.require_assign(request.user)
    return services.case_assign(
        actor=request.user,
        case=case,
        worker=_worker(request, payload.worker_id),
        expected_version=payload.version,
    )


@router.post("/{int:case_id}/close", response=CaseOut)
def close(request, case_id: int, payload: CloseIn):
    return services.case_close(
        actor=request.user,
        case=case_or_404(request.user, case_id),
        reason=payload.reason,
        note=payload.note,
        expected_version=payload.version,
    )


@router.post("/{int:case_id}/reopen", response=CaseOut)
def reopen(request, case_id: int, payload: ReopenIn):
    return services.case_reopen(
        actor=request.user,
        case=case_or_404(request.user, case_id),
        reason=payload.reason,
        expected_version=payload.version,
    )


class EventOut(Schema):
    id: int
    kind: str
    actor: str = Field(alias="actor.username")
    at: datetime
    data: dict
    note_id: int | None


@router.get("/{int:case_id}/events", response=list[EventOut])
@paginate(Pagination)
def list_events(request, case_id: int):
    return selectors.timeline(request.user, case_or_404(request.user, case_id))


class NoteOut(Schema):
    id: int
    case_id: int
    author: str = Field(alias="author.username")
    kind: str
    practice_role: str
    confidentiality: str
    occurred_on: date
    body: str
    version: int
    created_at: datetime


# What the note form enforces (pendamping/schema_types.py); left to it: a date not in
# the future.
NoteKind = T.choice(ProgressNote.Kind)
PracticeRole = T.choice(ProgressNote.PracticeRole)
Confidentiality = T.choice(ProgressNote.Confidentiality)


class NoteIn(Schema):
    kind: NoteKind
    practice_role: PracticeRole = "general"
    confidentiality: Confidentiality = "normal"
    occurred_on: date | None = None
    body: T.text(required=True)


class NotePatch(Schema):
    version: int
    kind: NoteKind | None = None
    practice_role: PracticeRole | None = None
    confidentiality: Confidentiality | None = None
    occurred_on: date | None = None
    body: T.text(required=True) | None = None


def _note_data(values: dict) -> dict:
    form = NoteForm({k: v for k, v in values.items() if v is not None})
    require_valid(form)
    return {k: v for k, v in form.cleaned_data.items() if k != "version"}


@router.get("/{int:case_id}/notes", response=list[NoteOut])
@paginate(Pagination)
def list_notes(request, case_id: int):
    case = case_or_404(request.user, case_id)
    return notes_for(request.user).filter(case=case).select_related("author")


@router.post("/{int:case_id}/notes", response={201: NoteOut})
def add_note(request, case_id: int, payload: NoteIn):
    case = case_or_404(request.user, case_id)
    access.require_write(request.user)
    values = payload.dict()
    values["occurred_on"] = values["occurred_on"] or date.today()
    return Status(201, services.note_add(actor=request.user, case=case, data=_note_data(values)))


@notes_router.patch("/{int:note_id}", response=NoteOut)
def edit_note(request, note_id: int, payload: NotePatch):
    note = access.get_or_404(notes_for(request.user).select_related("case", "author"), pk=note_id)
    current = {
        f: getattr(note, f)
        for f in ("kind", "practice_role", "confidentiality", "occurred_on", "body")
    }
    data = _note_data(current | payload.dict(exclude_unset=True, exclude={"version"}))
    return services.note_edit(
        actor=request.user, note=note, data=data, expected_version=payload.version
    )


class TaskOut(Schema):
    id: int
    case_id: int
    title: str
    due_date: date
    assignee_id: int
    due_time: time | None
    place: str
    done_at: datetime | None
    is_overdue: bool
    version: int


class TaskIn(Schema):
    title: T.of(Task, "title")
    due_date: date
    due_time: time | None = None
    place: T.of(Task, "place") = ""
    assignee_id: int | None = None


class TaskPatch(Schema):
    done: bool
    version: int


@router.get("/{int:case_id}/tasks", response=list[TaskOut])
@paginate(Pagination)
def list_case_tasks(request, case_id: int):
    return tasks_for(request.user).filter(case=case_or_404(request.user, case_id))


@router.post("/{int:case_id}/tasks", response={201: TaskOut})
def add_task(request, case_id: int, payload: TaskIn):
    case = case_or_404(request.user, case_id)
    access.require_write(request.user)
    assignee = _worker(request, payload.assignee_id) if payload.assignee_id else None
    return Status(
        201,
        services.task_add(
            actor=request.user,
            case=case,
            title=payload.title,
            due_date=payload.due_date,
            assignee=assignee,
            due_time=payload.due_time,
            place=payload.place,
        ),
    )


@tasks_router.get("", response=list[TaskOut])
@paginate(Pagination)
def my_tasks(request, overdue: bool = False):
    """The tasks assigned to the caller that are not done, soonest first."""
    if overdue:
        return selectors.overdue_tasks(request.user)
    return tasks_for(request.user).filter(assignee=request.user, done_at__isnull=True)


@tasks_router.patch("/{int:task_id}", response=TaskOut)
def update_task(request, task_id: int, payload: TaskPatch):
    task = access.get_or_404(tasks_for(request.user).select_related("case"), pk=task_id)
    return services.task_set_done(
        actor=request.user, task=task, done=payload.done, expected_version=payload.version
    )
