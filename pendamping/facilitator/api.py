"""The facilitator over the API, through the registered scopes: programmes, their
sessions, enrolments from a case, a session's attendance and compliance."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from pendamping import schema_types as T
from pendamping.accounts import access
from pendamping.cases.access import case_or_404
from pendamping.clients.choices import PPKS
from pendamping.pagination import Pagination

from . import completion, instructors, selectors, services
from .access import (
    enrolments_for,
    instructors_for,
    programmes_for,
    require_session_work,
    sessions_for,
)
from .models import (
    Attendance,
    AttendanceStatus,
    Completion,
    Instructor,
    Kind,
    Programme,
    SessionStatus,
)

# What the facilitator's forms enforce, stated in the schema (pendamping/schema_types.py);
# left to them: an end not before the start, ages in order, measures and facilitators
# the agency has.
Age = Annotated[int, Field(ge=0, le=130)]
Reason = T.line(300)

router = Router(tags=["facilitator"])


class ProgrammeOut(Schema):
    id: int
    title: str
    kind: str
    objectives: str
    target_categories: list[str]
    target_age_min: int | None
    target_age_max: int | None
    location: str
    capacity: int
    starts_on: date
    ends_on: date
    compliant_share: float
    partial_share: float
    modules: list[str]
    measures: list[str]
    briefing_days: int
    closed_at: datetime | None
    version: int

    @staticmethod
    def resolve_modules(obj):
        return [m.title for m in obj.modules.alive()]


class ProgrammeIn(Schema):
    title: T.of(Programme, "title")
    kind: Kind
    objectives: T.of(Programme, "objectives") = ""
    target_categories: T.choices(PPKS) = []
    target_age_min: Age | None = None
    target_age_max: Age | None = None
    location: T.of(Programme, "location") = ""
    capacity: int = Field(20, ge=1, le=32767)
    starts_on: date
    ends_on: date
    compliant_share: T.Share = Decimal("0.80")
    partial_share: T.Share = Decimal("0.50")
    facilitator_ids: list[int] = []
    modules: list[T.line(200, required=True)] = Field(
        [], max_length=100, description="Curriculum topics, in order."
    )
    measures: list[T.line(40, required=True)] = Field(
        [], max_length=50, description="Codes of the pre/post measures (GET /measures)."
    )
    briefing_days: int = Field(7, ge=0, le=365)


class SessionOut(Schema):
    id: int
    programme_id: int
    starts_at: datetime
    module_id: int | None
    one_to_one: bool
    status: str
    cancel_reason: str
    makeup_for_id: int | None
    version: int


class SessionIn(Schema):
    starts_at: datetime
    module_id: int | None = None
    instructor_ids: list[int] = []
    one_to_one: bool = False
    makeup_for_id: int | None = None


class InstructorOut(Schema):
    id: int
    name: str
    user_id: int | None
    organisation: str
    expertise: str
    contact: str
    provider_id: str = Field(description="A provider of the broker's directory, or empty.")
    provider_name: str | None = Field(description="Its name, when you may see it.")
    version: int

    @staticmethod
    def resolve_provider_name(obj):
        provider = getattr(obj, "provider", None)
        return provider[0] if provider else None


class InstructorIn(Schema):
    user_id: int | None = Field(None, description="A user of the agency with the instructor role.")
    name: T.of(Instructor, "name", required=False) = Field(
        "", description="Required for an external resource person."
    )
    organisation: T.of(Instructor, "organisation") = ""
    expertise: T.of(Instructor, "expertise") = ""
    contact: T.of(Instructor, "contact") = ""
    provider_id: T.of(Instructor, "provider_id") = Field("",
                             description="A provider of the directory you may see (GET "
                             "/hsds/organizations).")  # fmt: skip


class EnrolmentIn(Schema):
    programme_id: int


class EnrolmentOut(Schema):
    id: int
    programme_id: int
    case_id: int
    member_id: int | None = Field(
        None, description="The member of a group client enrolled from the group's case."
    )
    status: str
    reason: str
    version: int


class LeaveIn(Schema):
    reason: T.line(300, required=True) = Field(description="Why the participant leaves.")
    version: int = Field(description="The enrolment's version, as read (409 when stale).")


class SessionStatusIn(Schema):
    status: SessionStatus = Field(
        description="scheduled → in_progress → completed or cancelled; completed and "
        "cancelled are final."
    )
    reason: Reason = Field("", description="Required when cancelling.")
    version: int = Field(description="The session's version, as read (409 when stale).")


class AttendanceEntry(Schema):
    status: AttendanceStatus
    reason: T.of(Attendance, "reason") = ""
    note: T.of(Attendance, "note") = ""


class AttendanceIn(Schema):
    attendance: dict[int, AttendanceEntry] = Field(
        description="By enrolment id; ids of participants you may not see are skipped."
    )


class AttendanceOut(Schema):
    recorded: int
    skipped: list[int]


class ComplianceOut(Schema):
    enrolment_id: int
    case_id: int
    status: str
    held: int
    attended: int
    made_up: int
    share: float | None
    band: str | None


@router.get("/programmes", response=list[ProgrammeOut])
@paginate(Pagination)
def list_programmes(request):
    return programmes_for(request.user).prefetch_related("modules").order_by("-starts_on", "-id")


@router.post("/programmes", response={201: ProgrammeOut})
def create_programme(request, payload: ProgrammeIn):
    access.require_write(request.user)
    data = payload.dict(exclude={"facilitator_ids"})
    data["kind"] = str(payload.kind.value)
    users = get_user_model().objects.filter(pk__in=payload.facilitator_ids)
    if len(users) != len(set(payload.facilitator_ids)):
        raise ValidationError({"facilitator_ids": _("Fasilitator tidak dikenal.")})
    data["facilitators"] = list(users)
    programme = services.programme_save(actor=request.user, data=data)
    return Status(201, programme)


@router.get("/programmes/{int:programme_id}", response=ProgrammeOut)
def get_programme(request, programme_id: int):
    return selectors.programme(request.user, programme_id)


@router.get("/programmes/{int:programme_id}/sessions", response=list[SessionOut])
@paginate(Pagination)
def list_sessions(request, programme_id: int):
    programme = selectors.programme(request.user, programme_id)
    return sessions_for(request.user).filter(programme=programme)


@router.post("/programmes/{int:programme_id}/sessions", response={201: SessionOut})
def create_session(request, programme_id: int, payload: SessionIn):
    user = request.user
    programme = selectors.programme(user, programme_id)
    access.require_write(user)
    module = makeup_for = None
    if payload.module_id is not None:
        module = programme.modules.alive().filter(pk=payload.module_id).first()
        if module is None:
            raise ValidationError({"module_id": _("Modul ini bukan bagian dari program ini.")})
    if payload.makeup_for_id is not None:
        makeup_for = sessions_for(user).filter(pk=payload.makeup_for_id).first()
        if makeup_for is None:
            raise ValidationError({"makeup_for_id": _("Sesi yang diganti tidak dikenal.")})
    instructors = list(instructors_for(user).filter(pk__in=payload.instructor_ids))
    if len(instructors) != len(set(payload.instructor_ids)):
        raise ValidationError({"instructor_ids": _("Instruktur tidak dikenal.")})
    session = services.session_schedule(
        actor=user, programme=programme, starts_at=payload.starts_at, module=module,
        instructors=instructors, one_to_one=payload.one_to_one, makeup_for=makeup_for,
    )  # fmt: skip
    return Status(201, session)


@router.get("/instructors", response=list[InstructorOut])
@paginate(Pagination)
def list_instructors(request):
    """The agency's instructors (none for an instructor), with their directory provider."""
    qs = instructors_for(request.user).order_by("name", "id")
    return _LazyProviders(request.user, qs)


class _LazyProviders:
    """A queryset the paginator slices; each page gets its providers' names in one query."""

    def __init__(self, user, qs):
        self.user, self.qs = user, qs

    def __len__(self):
        return self.qs.count()

    def count(self):
        return self.qs.count()

    def __getitem__(self, item):
        return instructors.with_providers(self.user, self.qs[item])


@router.post("/instructors", response={201: InstructorOut})
def create_instructor(request, payload: InstructorIn):
    user = request.user
    access.require_write(user)
    member = None
    if payload.user_id is not None:
        member = get_user_model().objects.filter(pk=payload.user_id).first()
        if member is None:
            raise ValidationError(
                {"user_id": _("Pilih pengguna lembaga ini dengan peran instruktur.")}
            )
    data = payload.dict(exclude={"user_id", "provider_id"}) | {
        "user": member,
        "provider": payload.provider_id,
    }
    saved = instructors.instructor_save(actor=user, data=data)
    return Status(201, instructors.with_providers(user, [saved])[0])


@router.post("/cases/{int:case_id}/enrolments", response={201: EnrolmentOut | list[EnrolmentOut]})
def create_enrolment(request, case_id: int, payload: EnrolmentIn):
    """Enrol the case's client: one enrolment; for a group client, each active member
    not yet enrolled from the case (a list), on the waiting list once the programme is
    full. A group without active members is refused (422)."""
    user = request.user
    case = case_or_404(user, case_id)
    access.require_write(user)
    programme = programmes_for(user).filter(pk=payload.programme_id).first()
    if programme is None:
        raise ValidationError({"programme_id": _("Program tidak dikenal.")})
    return Status(201, services.enrol(actor=user, programme=programme, case=case))


@router.post("/enrolments/{int:enrolment_id}/leave", response=EnrolmentOut)
def leave_enrolment(request, enrolment_id: int, payload: LeaveIn):
    """The participant leaves the programme with a reason, as on the programme's page; the
    first on the waiting list moves up. Both changes are events on their cases."""
    user = request.user
    enrolment = access.get_or_404(enrolments_for(user).select_related("case"), pk=enrolment_id)
    access.require_write(user)
    return services.enrolment_leave(
        actor=user, enrolment=enrolment, reason=payload.reason, expected_version=payload.version
    )


@router.post("/sessions/{int:session_id}/status", response=SessionOut)
def set_session_status(request, session_id: int, payload: SessionStatusIn):
    """Move the session on, as on its page: in progress, completed, or cancelled with a
    reason."""
    user = request.user
    session = selectors.session(user, session_id)
    access.require_write(user)
    return services.session_set_status(
        actor=user, session=session, status=str(payload.status.value), reason=payload.reason,
        expected_version=payload.version,
    )  # fmt: skip


@router.post("/sessions/{int:session_id}/attendance", response=AttendanceOut)
def record_attendance(request, session_id: int, payload: AttendanceIn):
    """Record a session's attendance in one call (saving again rewrites it). The
    agency's writers, or the session's own instructor."""
    user = request.user
    session = selectors.session(user, session_id)
    require_session_work(user, session)
    visible = set(
        selectors.participant_enrolments(user, session)
        .filter(pk__in=payload.attendance)
        .values_list("pk", flat=True)
    )
    entries = {k: v.dict() for k, v in payload.attendance.items() if k in visible}
    for entry in entries.values():
        entry["status"] = str(entry["status"].value)
    recorded = services.attendance_record(actor=user, session=session, statuses=entries)
    return {"recorded": recorded, "skipped": sorted(set(payload.attendance) - visible)}


@router.get("/programmes/{int:programme_id}/compliance", response=list[ComplianceOut])
@paginate(Pagination)
def list_compliance(request, programme_id: int):
    """Each participant you may see: sessions held, attended, made up, share and band."""
    programme = selectors.programme(request.user, programme_id)
    rows = []
    for e in selectors.programme_enrolments(request.user, programme):
        c = e.compliance
        rows.append(
            {"enrolment_id": e.pk, "case_id": e.case_id, "status": e.status, "held": c.held,
             "attended": c.attended, "made_up": c.made_up, "share": c.share, "band": c.band}
        )  # fmt: skip
    return rows


class CloseIn(Schema):
    version: int = Field(description="The programme's version, as read.")


class CompletionOut(Schema):
    enrolment_id: int
    case_id: int
    status: str = Field(description="completed, partially_completed or not_completed.")
    held: int
    attended: int
    made_up: int
    share: float | None
    recorded_at: datetime

    @staticmethod
    def resolve_case_id(obj):
        return obj.enrolment.case_id


def _completions(user, programme):
    return (
        Completion.objects.filter(enrolment__in=enrolments_for(user).filter(programme=programme))
        .select_related("enrolment").order_by("recorded_at", "id")
    )  # fmt: skip


@router.post("/programmes/{int:programme_id}/close", response={201: list[CompletionOut]})
def close_programme(request, programme_id: int, payload: CloseIn):
    """Close the programme (once): each enrolled participant's completion is computed
    from attendance and the rule, recorded, and put on their case's timeline."""
    user = request.user
    programme = selectors.programme(user, programme_id)
    access.require_write(user)
    completion.programme_close(actor=user, programme=programme, expected_version=payload.version)
    return Status(201, list(_completions(user, programme)))


@router.get("/programmes/{int:programme_id}/completions", response=list[CompletionOut])
@paginate(Pagination)
def list_completions(request, programme_id: int):
    """The completions recorded when the programme was closed (participants you may see)."""
    programme = selectors.programme(request.user, programme_id)
    return _completions(request.user, programme)


from .api_steps import router as steps_router  # noqa: E402

router.add_router("", steps_router)
