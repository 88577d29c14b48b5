"""The advocate over the API, through the registered scopes: complaints (stages,
decision, reopening; intake is on the web page for now), alternatives, the experts
directory, consultations, filings with outside bodies, feedback. Neither an anonymous
complainant's contact nor the status secret's hash ever leave."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from pendamping.accounts import access
from pendamping.cases.access import cases_for
from pendamping.clients.models import Region
from pendamping.pagination import Pagination

from . import finding, selectors, services
from .access import (
    alternatives_for,
    experts_for,
    feedback_for,
    filings_for,
)
from .models import (
    AlternativeStatus,
    AwaitingOn,
    Body,
    Decision,
    ExpertField,
    Level,
    SlaStatus,
    Stage,
)

router = Router(tags=["advocate"])


class ComplaintOut(Schema):
    id: int
    tracking_code: str
    complainant_kind: str
    client_id: int | None
    complainant_name: str
    group_name: str
    channel: str
    category_id: int | None
    region_code: str | None = Field(None, alias="region_id")
    severity: str
    sensitivity: str
    subject: str
    description: str
    obstacles: str
    wanted_resolution: str
    stage: str
    awaiting_on: str
    received_at: datetime
    deadline_at: datetime
    sla_status: str
    flagged: bool
    decision: str
    case_id: int | None
    assigned_worker_id: int
    version: int

    @staticmethod
    def resolve_sla_status(obj):
        return obj.sla_status()


class StageIn(Schema):
    to_stage: Stage
    reason: str
    awaiting_on: AwaitingOn | None = None
    version: int


class DecisionIn(Schema):
    decision: Decision
    reason: str
    case_id: int | None = None
    version: int


class ReasonIn(Schema):
    reason: str
    version: int


class AlternativeIn(Schema):
    title: str
    benefits: str = ""
    drawbacks: str = ""
    feasibility: Level = Level.MEDIUM
    cost: str = ""
    risk: str = ""


class AlternativeOut(AlternativeIn):
    id: int
    status: str
    why_chosen: str
    result: str
    version: int


class AlternativeStatusIn(Schema):
    status: AlternativeStatus
    note: str = ""
    version: int


class ExpertIn(Schema):
    name: str
    organisation: str = ""
    fields: list[ExpertField]
    region_code: str | None = None
    languages: str = ""
    contact: str = ""


class ExpertOut(Schema):
    id: int
    name: str
    organisation: str
    fields: list[str]
    languages: str
    contact: str


class ConsultationIn(Schema):
    expert_id: int
    asked_on: date
    question: str
    advice: str = ""


class ConsultationOut(ConsultationIn):
    id: int


class FilingIn(Schema):
    body: Body
    body_name: str = ""
    filed_on: date
    channel: str
    their_number: str = ""


class FilingOut(FilingIn):
    id: int
    due: list[dict]

    @staticmethod
    def resolve_due(obj):
        from . import limits

        return [{"step": s["step"], "due": s["due"].isoformat()}
                for s in limits.due_dates(obj.body, obj.filed_on)]  # fmt: skip


class FeedbackIn(Schema):
    satisfaction: int = Field(ge=1, le=5)
    comment: str = ""


class FeedbackOut(FeedbackIn):
    id: int
    at: datetime


def _region(code):
    if not code:
        return None
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise ValidationError({"region_code": _("Wilayah tidak dikenal.")})
    return region


def _write(request, complaint_id):
    complaint = selectors.complaint(request.user, complaint_id)
    access.require_write(request.user)
    return complaint


@router.get("/complaints", response=list[ComplaintOut])
@paginate(Pagination)
def list_complaints(request, stage: Stage | None = None, sla: SlaStatus | None = None):
    return selectors.complaint_list(
        request.user, stage=stage.value if stage else "", sla=sla.value if sla else ""
    )


@router.get("/complaints/{int:complaint_id}", response=ComplaintOut)
def get_complaint(request, complaint_id: int):
    return selectors.complaint(request.user, complaint_id)


@router.post("/complaints/{int:complaint_id}/stage", response=ComplaintOut)
def move_stage(request, complaint_id: int, payload: StageIn):
    complaint = _write(request, complaint_id)
    return services.complaint_move_stage(
        actor=request.user, complaint=complaint, to_stage=payload.to_stage.value,
        reason=payload.reason, expected_version=payload.version,
        awaiting_on=payload.awaiting_on.value if payload.awaiting_on else "",
    )  # fmt: skip


@router.post("/complaints/{int:complaint_id}/decision", response=ComplaintOut)
def decide(request, complaint_id: int, payload: DecisionIn):
    complaint = _write(request, complaint_id)
    case = None
    if payload.case_id is not None:
        case = cases_for(request.user).filter(pk=payload.case_id).first()
        if case is None:
            raise ValidationError({"case_id": _("Pilih kasus yang dapat Anda lihat.")})
    return services.complaint_decide(
        actor=request.user, complaint=complaint, decision=payload.decision.value,
        reason=payload.reason, case=case, expected_version=payload.version,
    )  # fmt: skip


@router.post("/complaints/{int:complaint_id}/reopen", response=ComplaintOut)
def reopen(request, complaint_id: int, payload: ReasonIn):
    complaint = _write(request, complaint_id)
    return services.complaint_reopen(actor=request.user, complaint=complaint,
                                     reason=payload.reason, expected_version=payload.version)  # fmt: skip


@router.get("/complaints/{int:complaint_id}/alternatives", response=list[AlternativeOut])
def list_alternatives(request, complaint_id: int):
    complaint = selectors.complaint(request.user, complaint_id)
    return list(alternatives_for(request.user).filter(complaint=complaint))


@router.post("/complaints/{int:complaint_id}/alternatives", response={201: AlternativeOut})
def add_alternative(request, complaint_id: int, payload: AlternativeIn):
    complaint = _write(request, complaint_id)
    data = payload.dict() | {"feasibility": payload.feasibility.value}
    return Status(201, finding.alternative_add(actor=request.user, complaint=complaint, data=data))


@router.post("/alternatives/{int:alternative_id}/status", response=AlternativeOut)
def set_alternative_status(request, alternative_id: int, payload: AlternativeStatusIn):
    alternative = access.get_or_404(alternatives_for(request.user), pk=alternative_id)
    access.require_write(request.user)
    return finding.alternative_set_status(
        actor=request.user, alternative=alternative, status=payload.status.value,
        note=payload.note, expected_version=payload.version,
    )  # fmt: skip


@router.get("/experts", response=list[ExpertOut])
@paginate(Pagination)
def list_experts(request):
    return experts_for(request.user)


@router.post("/experts", response={201: ExpertOut})
def add_expert(request, payload: ExpertIn):
    access.require_write(request.user)
    data = payload.dict(exclude={"region_code"}) | {
        "fields": [f.value for f in payload.fields], "region": _region(payload.region_code)}  # fmt: skip
    return Status(201, finding.expert_save(actor=request.user, data=data))


@router.post("/complaints/{int:complaint_id}/consultations", response={201: ConsultationOut})
def add_consultation(request, complaint_id: int, payload: ConsultationIn):
    complaint = _write(request, complaint_id)
    data = payload.dict() | {
        "expert": experts_for(request.user).filter(pk=payload.expert_id).first()
    }
    return Status(201, finding.consultation_add(actor=request.user, complaint=complaint, data=data))


@router.get("/complaints/{int:complaint_id}/filings", response=list[FilingOut])
def list_filings(request, complaint_id: int):
    complaint = selectors.complaint(request.user, complaint_id)
    return list(filings_for(request.user).filter(complaint=complaint))


@router.post("/complaints/{int:complaint_id}/filings", response={201: FilingOut})
def add_filing(request, complaint_id: int, payload: FilingIn):
    complaint = _write(request, complaint_id)
    data = payload.dict() | {"body": payload.body.value}
    return Status(201, finding.filing_add(actor=request.user, complaint=complaint, data=data))


@router.get("/complaints/{int:complaint_id}/feedback", response=list[FeedbackOut])
def list_feedback(request, complaint_id: int):
    complaint = selectors.complaint(request.user, complaint_id)
    return list(feedback_for(request.user).filter(complaint=complaint))


@router.post("/complaints/{int:complaint_id}/feedback", response={201: FeedbackOut})
def add_feedback(request, complaint_id: int, payload: FeedbackIn):
    complaint = _write(request, complaint_id)
    return Status(201, finding.feedback_add(actor=request.user, complaint=complaint,
                                            satisfaction=payload.satisfaction,
                                            comment=payload.comment))  # fmt: skip
