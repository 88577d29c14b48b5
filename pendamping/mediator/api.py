"""The mediator over the API, through the same scopes and services as the pages.

``POST /mediations`` carries the screening; a mediation the gate bars is refused with
422 and a message naming the law, and nothing is saved. An admin or auditor reads a
mediation's existence and stage only (``issue`` is null for them) and gets 403 inside.
``GET /mediations/{id}/sessions?party_id=`` is one party's view: another party's
caucus keeps its date and kind, never its notes.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from pendamping import schema_types as T
from pendamping.accounts import access
from pendamping.cases.access import cases_for
from pendamping.clients.access import clients_for
from pendamping.pagination import Pagination

from . import selectors, services
from .access import can_see_inside, mediation_or_404, mediations_for
from .models import Compliance, ConsentMethod, Kind, Level, ObstacleStatus, Presence, SessionKind

router = Router(tags=["mediator"])


class ScreeningIn(Schema):
    sexual_violence: bool
    perpetrator_is_child: bool = False
    violence_or_coercion: bool
    power_imbalance: bool
    child_party: bool


class DiversionIn(Schema):
    offence: T.line(200) = ""
    max_sentence_months: int | None = Field(None, ge=0, le=1200)
    repeat_offence: bool = False
    level: Level | None = None
    level_started_on: date | None = None


class MediationIn(Schema):
    kind: Kind
    issue: T.line(300, required=True)
    screening: ScreeningIn
    diversion: DiversionIn | None = None
    case_ids: list[int] = []


class MediationOut(Schema):
    id: int
    kind: str
    stage: str
    outcome: str
    is_open: bool
    issue: str | None = Field(None, description="Null for those who may not see inside.")
    shuttle_only: bool | None = None
    version: int


class PartyIn(Schema):
    client_id: int | None = None
    name: T.line(200) = ""
    relationship: T.line(120) = ""
    contact: T.line(120) = ""
    is_child: bool = False
    representative_name: T.line(200) = ""
    consent_method: T.choice(ConsentMethod) | None = None
    consent_recording_reference: T.line(300) = Field(
        "", description="Where the recording is kept: required when consent_method is recorded."
    )


class PartyOut(Schema):
    id: int
    client_id: int | None
    name: str
    relationship: str
    is_child: bool
    representative_name: str
    consented: bool
    consent_method: str
    consent_recording_reference: str

    @staticmethod
    def resolve_consented(obj):
        return obj.has_consented


class AttendanceIn(Schema):
    party_id: int
    presence: Presence
    reason: T.line(300) = ""


class SessionIn(Schema):
    kind: SessionKind
    held_on: date
    caucus_party_id: int | None = None
    notes: T.text() = ""
    attendance: list[AttendanceIn] = []


class SessionOut(Schema):
    id: int
    kind: str
    held_on: date
    caucus_party_id: int | None
    notes: str | None = Field(None, description="Null in another party's view of a caucus.")


class IssueIn(Schema):
    title: T.line(200, required=True)


class PerceptionIn(Schema):
    issue_id: int
    party_id: int
    position: T.text() = ""
    interests: T.text() = ""
    view_of_other: T.text() = ""
    feelings: T.text() = ""


class PerceptionOut(Schema):
    issue_id: int
    issue: str
    party_id: int
    position: str
    interests: str
    view_of_other: str
    feelings: str


class ObstacleIn(Schema):
    description: T.line(300, required=True)
    channel: T.line(300) = ""
    who_acts: T.line(120) = ""
    status: ObstacleStatus = ObstacleStatus.OPEN


class RuleIn(Schema):
    text: T.line(300, required=True)
    agreed_by: list[int] = []
    agreed_on: date | None = None


class IdOut(Schema):
    id: int


class TermIn(Schema):
    text: T.line(300, required=True)
    responsible_party_id: int
    due_on: date
    how_checked: T.line(300) = ""


class TermOut(Schema):
    id: int
    text: str
    responsible_id: int
    due_on: date
    how_checked: str
    compliance: str


class SignIn(Schema):
    signed_on: date
    full: bool = True
    version: int


class ComplianceIn(Schema):
    compliance: Compliance
    note: T.line(300) = ""


def _out(user, mediation) -> dict:
    inside = can_see_inside(user, mediation)
    return {
        "id": mediation.pk, "kind": mediation.kind, "stage": mediation.stage,
        "outcome": mediation.outcome, "is_open": mediation.is_open,
        "issue": mediation.issue if inside else None,
        "shuttle_only": mediation.shuttle_only if inside else None,
        "version": mediation.version,
    }  # fmt: skip


def _party(mediation, pk, field="party_id"):
    party = mediation.parties.alive().filter(pk=pk).first()
    if party is None:
        raise ValidationError({field: _("Pihak ini bukan pihak mediasi ini.")})
    return party


@router.get("/mediations", response=list[MediationOut])
@paginate(Pagination)
def list_mediations(request):
    """Existence and stage for everyone who may know of them; the issue for those inside."""
    full = set(mediations_for(request.user, full=True).values_list("pk", flat=True))
    rows = mediations_for(request.user).order_by("-created_at", "-id")
    return [
        {"id": m.pk, "kind": m.kind, "stage": m.stage, "outcome": m.outcome,
         "is_open": m.is_open, "issue": m.issue if m.pk in full else None,
         "shuttle_only": m.shuttle_only if m.pk in full else None, "version": m.version}
        for m in rows
    ]  # fmt: skip


@router.post("/mediations", response={201: MediationOut})
def create_mediation(request, payload: MediationIn):
    """Screen and open a mediation: 422 naming the law when the gate bars it."""
    user = request.user
    access.require_write(user)
    data = {"kind": str(payload.kind.value), "issue": payload.issue} | payload.screening.dict()
    if payload.diversion is not None:
        diversion = payload.diversion.dict()
        diversion["level"] = str(diversion["level"].value) if diversion["level"] else ""
        data |= diversion
    cases = list(cases_for(user).filter(pk__in=payload.case_ids))
    if len(cases) != len(set(payload.case_ids)):
        raise ValidationError({"case_ids": _("Kasus tidak dikenal.")})
    mediation = services.mediation_open(actor=user, data=data, cases=cases)
    return Status(201, _out(user, mediation))


@router.get("/mediations/{int:mediation_id}", response=MediationOut)
def get_mediation(request, mediation_id: int):
    return _out(request.user, mediation_or_404(request.user, mediation_id, inside=False))


@router.get("/mediations/{int:mediation_id}/parties", response=list[PartyOut])
def list_parties(request, mediation_id: int):
    return list(mediation_or_404(request.user, mediation_id).parties.alive())


@router.post("/mediations/{int:mediation_id}/parties", response={201: PartyOut})
def add_party(request, mediation_id: int, payload: PartyIn):
    user = request.user
    mediation = mediation_or_404(user, mediation_id)
    client = None
    if payload.client_id is not None:
        client = clients_for(user).filter(pk=payload.client_id).first()
        if client is None:
            raise ValidationError({"client_id": _("Klien tidak dikenal.")})
    data = payload.dict(exclude={"client_id", "consent_method", "consent_recording_reference"})
    with transaction.atomic():  # a refused consent leaves no party behind
        party = services.party_add(actor=user, mediation=mediation, client=client, data=data)
        if payload.consent_method:
            services.party_consent(
                actor=user,
                party=party,
                method=payload.consent_method,
                recording_reference=payload.consent_recording_reference,
            )
    return Status(201, party)


@router.get("/mediations/{int:mediation_id}/sessions", response=list[SessionOut])
def list_sessions(request, mediation_id: int, party_id: int | None = None):
    """All notes for the mediator; with ``party_id``, that party's view."""
    mediation = mediation_or_404(request.user, mediation_id)
    party = _party(mediation, party_id) if party_id is not None else None
    return [
        {"id": s.pk, "kind": s.kind, "held_on": s.held_on, "caucus_party_id": s.caucus_party_id,
         "notes": None if s.hidden else s.notes}
        for s in selectors.sessions(mediation, party)
    ]  # fmt: skip


@router.post("/mediations/{int:mediation_id}/sessions", response={201: SessionOut})
def add_session(request, mediation_id: int, payload: SessionIn):
    user = request.user
    mediation = mediation_or_404(user, mediation_id)
    caucus = None
    if payload.caucus_party_id is not None:
        caucus = _party(mediation, payload.caucus_party_id, "caucus_party_id")
    session = services.session_record(
        actor=user, mediation=mediation, kind=str(payload.kind.value), held_on=payload.held_on,
        caucus_party=caucus, notes=payload.notes,
        attendance={a.party_id: (str(a.presence.value), a.reason) for a in payload.attendance},
    )  # fmt: skip
    return Status(201, {"id": session.pk, "kind": session.kind, "held_on": session.held_on,
                        "caucus_party_id": session.caucus_party_id, "notes": session.notes})  # fmt: skip


@router.post("/mediations/{int:mediation_id}/issues", response={201: IdOut})
def add_issue(request, mediation_id: int, payload: IssueIn):
    mediation = mediation_or_404(request.user, mediation_id)
    issue = services.issue_add(actor=request.user, mediation=mediation, title=payload.title)
    return Status(201, {"id": issue.pk})


@router.get("/mediations/{int:mediation_id}/perceptions", response=list[PerceptionOut])
def list_perceptions(request, mediation_id: int):
    """The two-sided map, one row per issue and party."""
    mediation = mediation_or_404(request.user, mediation_id)
    out = []
    for issue, cells in selectors.perception_map(mediation)["rows"]:
        for party, p in cells:
            if p is not None:
                out.append({"issue_id": issue.pk, "issue": issue.title, "party_id": party.pk,
                            "position": p.position, "interests": p.interests,
                            "view_of_other": p.view_of_other, "feelings": p.feelings})  # fmt: skip
    return out


@router.post("/mediations/{int:mediation_id}/perceptions", response=PerceptionOut)
def save_perception(request, mediation_id: int, payload: PerceptionIn):
    mediation = mediation_or_404(request.user, mediation_id)
    issue = mediation.issues.alive().filter(pk=payload.issue_id).first()
    if issue is None:
        raise ValidationError({"issue_id": _("Persoalan tidak dikenal.")})
    party = _party(mediation, payload.party_id)
    data = payload.dict(exclude={"issue_id", "party_id"})
    p = services.perception_save(actor=request.user, issue=issue, party=party, data=data)
    return {"issue_id": issue.pk, "issue": issue.title, "party_id": party.pk,
            "position": p.position, "interests": p.interests, "view_of_other": p.view_of_other,
            "feelings": p.feelings}  # fmt: skip


@router.post("/mediations/{int:mediation_id}/obstacles", response={201: IdOut})
def add_obstacle(request, mediation_id: int, payload: ObstacleIn):
    mediation = mediation_or_404(request.user, mediation_id)
    data = payload.dict() | {"status": str(payload.status.value)}
    obstacle = services.obstacle_save(actor=request.user, mediation=mediation, data=data)
    return Status(201, {"id": obstacle.pk})


@router.post("/mediations/{int:mediation_id}/ground-rules", response={201: IdOut})
def add_rule(request, mediation_id: int, payload: RuleIn):
    mediation = mediation_or_404(request.user, mediation_id)
    parties = [_party(mediation, pk, "agreed_by") for pk in payload.agreed_by]
    rule = services.rule_add(actor=request.user, mediation=mediation, text=payload.text,
                             agreed_by=parties, agreed_on=payload.agreed_on)  # fmt: skip
    return Status(201, {"id": rule.pk})


@router.get("/mediations/{int:mediation_id}/terms", response=list[TermOut])
def list_terms(request, mediation_id: int):
    return list(mediation_or_404(request.user, mediation_id).terms.alive())


@router.post("/mediations/{int:mediation_id}/terms", response={201: TermOut})
def add_term(request, mediation_id: int, payload: TermIn):
    mediation = mediation_or_404(request.user, mediation_id)
    party = _party(mediation, payload.responsible_party_id, "responsible_party_id")
    term = services.term_add(actor=request.user, mediation=mediation, text=payload.text,
                             responsible=party, due_on=payload.due_on,
                             how_checked=payload.how_checked)  # fmt: skip
    return Status(201, term)


@router.post("/mediations/{int:mediation_id}/agreement/sign", response=MediationOut)
def sign_agreement(request, mediation_id: int, payload: SignIn):
    mediation = mediation_or_404(request.user, mediation_id)
    services.agreement_sign(actor=request.user, mediation=mediation, signed_on=payload.signed_on,
                            full=payload.full, expected_version=payload.version)  # fmt: skip
    return _out(request.user, mediation)


@router.post("/mediations/{int:mediation_id}/terms/{int:term_id}/compliance", response=TermOut)
def check_term(request, mediation_id: int, term_id: int, payload: ComplianceIn):
    mediation = mediation_or_404(request.user, mediation_id)
    term = access.get_or_404(mediation.terms.alive(), pk=term_id)
    term.mediation = mediation
    services.term_check(actor=request.user, term=term, compliance=str(payload.compliance.value),
                        note=payload.note)  # fmt: skip
    return term


# the second half of the operations (api_actions.py) hangs off the same router
from .api_actions import router as _actions  # noqa: E402

router.add_router("", _actions)
