"""The advocate over the API, through the registered scopes: complaints (intake,
assignment, co-signers, grouping, stages, decision, reopening), alternatives, the experts
directory, consultations, filings with outside bodies, feedback. Neither an anonymous
complainant's contact nor the status secret's hash ever leave."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from pendamping import schema_types as T
from pendamping.accounts import access
from pendamping.cases.access import cases_for
from pendamping.cases.models import Need, Urgency
from pendamping.clients.models import Region
from pendamping.pagination import Pagination

from . import finding, grouping, selectors, services
from .access import (
    alternatives_for,
    categories_for,
    complaints_for,
    cosigners_for,
    experts_for,
    feedback_for,
    filings_for,
)
from .models import (
    Alternative,
    AlternativeStatus,
    AnonymousContact,
    AwaitingOn,
    Body,
    Channel,
    ComplainantKind,
    Complaint,
    Consultation,
    CoSigner,
    Decision,
    Evidence,
    Expert,
    ExpertField,
    Feedback,
    Filing,
    Level,
    Sensitivity,
    Severity,
    SlaStatus,
    Stage,
    StageChange,
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
    assigned_worker_id: int | None
    collective_id: int | None
    version: int

    @staticmethod
    def resolve_sla_status(obj):
        return obj.sla_status()


# What the advocate's forms and models enforce, stated in the schema
# (pendamping/schema_types.py); left to the services: a stage that may follow the
# current one, a decision for the complaint's state, ids of one's own agency.
class CoSignerIn(Schema):
    name: T.of(CoSigner, "name")
    contact: T.of(CoSigner, "contact") = ""
    consent_given: bool
    consent_on: date | None = None


class CoSignerOut(Schema):
    id: int
    name: str
    contact: str
    consent_given: bool
    consent_on: date


class ComplaintIn(Schema):
    complainant_kind: ComplainantKind
    client_id: int | None = None
    complainant_name: T.of(Complaint, "complainant_name", required=False) = ""
    complainant_contact: T.of(Complaint, "complainant_contact", required=False) = ""
    group_name: T.of(Complaint, "group_name", required=False) = ""
    mandate: T.of(Complaint, "mandate", required=False) = ""
    mandate_on: date | None = None
    region_code: T.RegionCode | None = None
    channel: Channel
    category_id: int | None = None
    severity: Severity = Severity.MEDIUM
    sensitivity: Sensitivity = Sensitivity.STANDARD
    subject: T.of(Complaint, "subject")
    description: T.of(Complaint, "description")
    obstacles: T.of(Complaint, "obstacles") = ""
    wanted_resolution: T.of(Complaint, "wanted_resolution") = ""
    received_at: datetime | None = None
    # none: a worker's own intake is theirs; an admin's or supervisor's stays unassigned
    assigned_worker_id: int | None = None
    cosigners: list[CoSignerIn] = []
    # an anonymous complainant's contact: stored apart, never returned
    anonymous_contact: T.of(AnonymousContact, "channel", required=False) = ""


class ComplaintCreatedOut(ComplaintOut):
    # shown this once: the complainant's key to the public status page
    secret: str


class AssignIn(Schema):
    worker_id: int
    version: int


class GroupIn(Schema):
    member_id: int
    version: int  # the member's


class VersionIn(Schema):
    version: int


class SimilarOut(Schema):
    id: int
    tracking_code: str
    subject: str
    similarity: float


class EvidenceIn(Schema):
    label: T.of(Evidence, "label")
    # the file's bytes in base64 (judged by content; the name is not kept)
    content_base64: T.Base64


class EvidenceOut(Schema):
    id: int
    label: str
    content_type: str
    size: int
    uploaded_at: datetime
    url: str

    @staticmethod
    def resolve_url(obj):
        from django.urls import reverse

        return reverse("complaint_evidence_file", args=[obj.pk])


class LegalAidIn(Schema):
    description: T.of(Need, "description")
    urgency: Urgency = Urgency.MEDIUM


class LegalAidOut(Schema):
    need_id: int
    case_id: int
    # the broker's page of the need's matches (or the case page without a broker)
    url: str


class StageIn(Schema):
    to_stage: Stage
    reason: T.of(StageChange, "reason")
    awaiting_on: AwaitingOn | None = None
    version: int


class DecisionIn(Schema):
    decision: Decision
    reason: T.of(Complaint, "decision_reason", required=True)
    case_id: int | None = None
    version: int


class ReasonIn(Schema):
    reason: T.text(required=True)
    version: int


class AlternativeIn(Schema):
    title: T.of(Alternative, "title")
    benefits: T.of(Alternative, "benefits") = ""
    drawbacks: T.of(Alternative, "drawbacks") = ""
    feasibility: Level = Level.MEDIUM
    cost: T.of(Alternative, "cost") = ""
    risk: T.of(Alternative, "risk") = ""


class AlternativeOut(AlternativeIn):
    id: int
    status: str
    why_chosen: str
    result: str
    version: int


class AlternativeStatusIn(Schema):
    status: AlternativeStatus
    note: T.text() = ""
    version: int


class ExpertIn(Schema):
    name: T.of(Expert, "name")
    organisation: T.of(Expert, "organisation") = ""
    fields: list[ExpertField] = Field(min_length=1)
    region_code: T.RegionCode | None = None
    languages: T.of(Expert, "languages") = ""
    contact: T.of(Expert, "contact") = ""


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
    question: T.of(Consultation, "question")
    advice: T.of(Consultation, "advice") = ""


class ConsultationOut(ConsultationIn):
    id: int


class FilingIn(Schema):
    body: Body
    body_name: T.of(Filing, "body_name") = ""
    filed_on: date
    channel: T.of(Filing, "channel")
    their_number: T.of(Filing, "their_number") = ""


class FilingOut(FilingIn):
    id: int
    due: list[dict]

    @staticmethod
    def resolve_due(obj):
        from . import clock, limits

        agency = obj.complaint.agency_id
        return [{"step": s["step"], "due": s["due"].isoformat()}
                for s in limits.due_dates(obj.body, obj.filed_on, clock.agency_days_off(agency),
                                          limits.agency_table(agency))]  # fmt: skip


class FeedbackIn(Schema):
    satisfaction: int = Field(ge=1, le=5)
    comment: T.of(Feedback, "comment") = ""


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


def _rows_of(request, complaint_id: int, scope) -> list:
    """The rows hanging off one complaint the user may see, through the model's scope."""
    complaint = selectors.complaint(request.user, complaint_id)
    return list(scope(request.user).filter(complaint=complaint))


def _add(request, complaint_id: int, service, **data) -> Status:
    """A new row on a complaint the user may write to, by its service (201)."""
    complaint = _write(request, complaint_id)
    return Status(201, service(actor=request.user, complaint=complaint, **data))


@router.get("/complaints", response=list[ComplaintOut])
@paginate(Pagination)
def list_complaints(request, stage: Stage | None = None, sla: SlaStatus | None = None):
    return selectors.complaint_list(
        request.user, stage=stage.value if stage else "", sla=sla.value if sla else ""
    )


@router.post("/complaints", response={201: ComplaintCreatedOut})
def receive_complaint(request, payload: ComplaintIn):
    """Intake. The answer carries the status-page secret once; it is stored only as a
    hash."""
    from pendamping.clients.access import clients_for

    user = request.user
    access.require_write(user)
    data = payload.dict(exclude={"cosigners", "anonymous_contact", "client_id", "region_code",
                                 "category_id", "assigned_worker_id"})  # fmt: skip
    data |= {k: v.value for k, v in (("complainant_kind", payload.complainant_kind),
             ("channel", payload.channel), ("severity", payload.severity),
             ("sensitivity", payload.sensitivity))}  # fmt: skip
    if data.get("received_at") is None:
        data.pop("received_at")
    data["region"] = _region(payload.region_code)
    data["client"] = _pick(
        clients_for(user), payload.client_id, "client_id", _("Pilih klien yang mengadu.")
    )
    data["category"] = _pick(categories_for(user), payload.category_id, "category_id",
                             _("Pilih kategori pengaduan lembaga ini."))  # fmt: skip
    data["assigned_worker"] = _pick(
        access.assignable_workers(user), payload.assigned_worker_id, "assigned_worker_id",
        _("Pekerja sosial ini tidak dapat ditugaskan oleh Anda."),
    )  # fmt: skip
    complaint, secret = services.complaint_receive(
        actor=user, data=data, cosigners=[c.dict() for c in payload.cosigners],
        anonymous_contact=payload.anonymous_contact,
    )  # fmt: skip
    complaint.secret = secret
    return Status(201, complaint)


def _pick(qs, pk, field, message):
    if pk is None:
        return None
    row = qs.filter(pk=pk).first()
    if row is None:
        raise ValidationError({field: message})
    return row


@router.post("/complaints/{int:complaint_id}/assign", response=ComplaintOut)
def assign(request, complaint_id: int, payload: AssignIn):
    complaint = selectors.complaint(request.user, complaint_id)
    access.require_assign(request.user)
    worker = _pick(access.assignable_workers(request.user), payload.worker_id, "worker_id",
                   _("Pekerja sosial ini tidak dapat ditugaskan oleh Anda."))  # fmt: skip
    return services.complaint_assign(actor=request.user, complaint=complaint, worker=worker,
                                     expected_version=payload.version)  # fmt: skip


@router.get("/complaints/{int:complaint_id}/cosigners", response=list[CoSignerOut])
def list_cosigners(request, complaint_id: int):
    return _rows_of(request, complaint_id, cosigners_for)


@router.post("/complaints/{int:complaint_id}/cosigners", response={201: CoSignerOut})
def add_cosigner(request, complaint_id: int, payload: CoSignerIn):
    return _add(request, complaint_id, services.cosigner_add, data=payload.dict())


@router.get("/complaints/{int:complaint_id}/similar", response=list[SimilarOut])
def similar(request, complaint_id: int):
    """Open complaints to group with this one: same category and region, similar
    wording (grouping.py), best first."""
    complaint = selectors.complaint(request.user, complaint_id)
    return [{"id": c.pk, "tracking_code": c.tracking_code, "subject": c.subject,
             "similarity": score} for c, score in grouping.suggestions(request.user, complaint)]  # fmt: skip


@router.get("/complaints/{int:complaint_id}/members", response=list[ComplaintOut])
def list_members(request, complaint_id: int):
    complaint = selectors.complaint(request.user, complaint_id)
    return grouping.members(request.user, complaint)


@router.post("/complaints/{int:complaint_id}/members", response={201: ComplaintOut})
def group(request, complaint_id: int, payload: GroupIn):
    """Join complaint ``member_id`` to the collective complaint led by this one."""
    lead = _write(request, complaint_id)
    member = _pick(complaints_for(request.user), payload.member_id, "member_id",
                   _("Pilih pengaduan lain yang dapat Anda lihat."))  # fmt: skip
    return Status(201, grouping.complaint_group(actor=request.user, lead=lead, member=member,
                                                expected_version=payload.version))  # fmt: skip


@router.post("/complaints/{int:complaint_id}/ungroup", response=ComplaintOut)
def ungroup(request, complaint_id: int, payload: VersionIn):
    member = _write(request, complaint_id)
    return grouping.complaint_ungroup(actor=request.user, member=member,
                                      expected_version=payload.version)  # fmt: skip


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
    return _rows_of(request, complaint_id, alternatives_for)


@router.post("/complaints/{int:complaint_id}/alternatives", response={201: AlternativeOut})
def add_alternative(request, complaint_id: int, payload: AlternativeIn):
    data = payload.dict() | {"feasibility": payload.feasibility.value}
    return _add(request, complaint_id, finding.alternative_add, data=data)


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
    expert = experts_for(request.user).filter(pk=payload.expert_id).first()
    return _add(request, complaint_id, finding.consultation_add,
                data=payload.dict() | {"expert": expert})  # fmt: skip


@router.get("/complaints/{int:complaint_id}/filings", response=list[FilingOut])
def list_filings(request, complaint_id: int):
    return _rows_of(request, complaint_id, filings_for)


@router.post("/complaints/{int:complaint_id}/filings", response={201: FilingOut})
def add_filing(request, complaint_id: int, payload: FilingIn):
    data = payload.dict() | {"body": payload.body.value}
    return _add(request, complaint_id, finding.filing_add, data=data)


@router.get("/complaints/{int:complaint_id}/feedback", response=list[FeedbackOut])
def list_feedback(request, complaint_id: int):
    return _rows_of(request, complaint_id, feedback_for)


@router.post("/complaints/{int:complaint_id}/feedback", response={201: FeedbackOut})
def add_feedback(request, complaint_id: int, payload: FeedbackIn):
    return _add(request, complaint_id, finding.feedback_add,
                satisfaction=payload.satisfaction, comment=payload.comment)  # fmt: skip


@router.get("/complaints/{int:complaint_id}/evidence", response=list[EvidenceOut])
def list_evidence(request, complaint_id: int):
    """The evidence files; each is fetched from its ``url`` (the scoped page view)."""
    from .access import evidence_for

    return _rows_of(request, complaint_id, evidence_for)


@router.post("/complaints/{int:complaint_id}/evidence", response={201: EvidenceOut})
def add_evidence(request, complaint_id: int, payload: EvidenceIn):
    import base64
    import binascii

    from django.core.files.base import ContentFile

    from . import evidence

    complaint = _write(request, complaint_id)
    limit = evidence.max_bytes()
    if len(payload.content_base64) > (limit // 3 + 2) * 4:  # before decoding anything
        raise ValidationError({"content_base64": _("Berkas paling besar %(mb)s MB.")
                               % {"mb": round(limit / 2**20, 1)}})  # fmt: skip
    try:
        data = base64.b64decode(payload.content_base64, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError({"content_base64": _("Isi berkas bukan base64.")}) from None
    row = evidence.evidence_add(actor=request.user, complaint=complaint,
                                upload=ContentFile(data), label=payload.label)  # fmt: skip
    return Status(201, row)


@router.post("/complaints/{int:complaint_id}/legal-aid", response={201: LegalAidOut})
def refer_legal_aid(request, complaint_id: int, payload: LegalAidIn):
    """Legal aid through the broker: a legal-aid need on the complainant's case."""
    from . import legal_aid

    complaint = _write(request, complaint_id)
    need = legal_aid.refer(actor=request.user, complaint=complaint,
                           description=payload.description, urgency=payload.urgency.value)  # fmt: skip
    return Status(201, {"need_id": need.pk, "case_id": need.case_id,
                        "url": legal_aid.need_url(need.pk, need.case_id)})  # fmt: skip
