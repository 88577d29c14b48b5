"""The mediator's API, second part: what moves a mediation along (stage, close,
neutrality, reassignment, the supervisor's review), the consent of an existing party,
obstacles (list, status), ground rules (list), options, and the record of each
diversion level. The same services as the pages; a stale ``version`` is 409, invalid
input 422 with the field's message, as everywhere in the API."""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from pendamping import schema_types as T
from pendamping.accounts import access

from . import clocks, export, levels, services
from .access import mediation_or_404
from .api import MediationOut, PartyOut, _out
from .api import router as main
from .models import ConsentMethod, Level, LevelResult, ObstacleStatus, Outcome, Stage

router = Router(tags=["mediator"])
# a GET beside a POST of api.py on the same path goes on api.py's router (``main``):
# Django resolves a path once, to the first router that has it


class VersionIn(Schema):
    version: int


class StageIn(VersionIn):
    stage: Stage


class CloseIn(VersionIn):
    outcome: Outcome
    reason: T.line(300, required=True)


class NeutralityIn(VersionIn):
    conflict: bool = False
    note: T.line(300) = Field("", description="Required when conflict is true.")


class ReassignIn(VersionIn):
    mediator_id: int


class ConsentIn(VersionIn):
    method: ConsentMethod
    given_by: T.line(200) = ""
    recording_reference: T.line(300) = Field(
        "", description="Where the recording is kept: required when method is recorded."
    )


class ObstacleOut(Schema):
    id: int
    description: str
    channel: str
    who_acts: str
    status: str
    version: int


class ObstaclePatch(VersionIn):
    status: ObstacleStatus | None = None
    description: T.line(300) | None = None
    channel: T.line(300) | None = None
    who_acts: T.line(120) | None = None


class RuleAgreementOut(Schema):
    party_id: int
    agreed_on: date


class RuleOut(Schema):
    id: int
    text: str
    agreements: list[RuleAgreementOut]

    @staticmethod
    def resolve_agreements(obj):
        return list(obj.agreements.all())


class OptionIn(Schema):
    text: T.line(300, required=True)
    chosen: bool = False


class OptionOut(Schema):
    id: int
    text: str
    chosen: bool


class ClockOut(Schema):
    key: str
    days: int
    article: str
    started_on: date
    due_on: date
    stopped_on: date | None
    state: str


class LevelOut(Schema):
    id: int
    level: str
    started_on: date
    diversion_started_on: date | None
    agreement_reached_on: date | None
    agreement_sent_on: date | None
    result: str
    agreement: str
    ruling: str
    failure_reported_on: date | None
    followed_up_on: date | None
    version: int
    clocks: list[ClockOut] = []


class LevelIn(Schema):
    level: Level
    started_on: date


class LevelPatch(VersionIn):
    diversion_started_on: date | None = None
    agreement_reached_on: date | None = None
    agreement_sent_on: date | None = None
    result: LevelResult | None = None
    agreement: T.line(300) | None = None
    ruling: T.line(120) | None = None
    failure_reported_on: date | None = None
    followed_up_on: date | None = None


def _level_out(mediation, record) -> dict:
    out = {k: getattr(record, k) for k in LevelOut.model_fields if k != "clocks"}
    out["clocks"] = [
        {"key": c.clock.key, "days": c.clock.days, "article": c.clock.article,
         "started_on": c.started_on, "due_on": c.due_on, "stopped_on": c.stopped_on,
         "state": c.state}
        for c in clocks.level_clocks(mediation, record)
    ]  # fmt: skip
    return out


M = "/mediations/{int:mediation_id}"


@router.post(M + "/stage", response=MediationOut)
def set_stage(request, mediation_id: int, payload: StageIn):
    mediation = mediation_or_404(request.user, mediation_id)
    services.stage_set(actor=request.user, mediation=mediation, stage=str(payload.stage.value),
                       expected_version=payload.version)  # fmt: skip
    return _out(request.user, mediation)


@router.post(M + "/close", response=MediationOut)
def close(request, mediation_id: int, payload: CloseIn):
    mediation = mediation_or_404(request.user, mediation_id)
    services.mediation_close(actor=request.user, mediation=mediation,
                             outcome=str(payload.outcome.value), reason=payload.reason,
                             expected_version=payload.version)  # fmt: skip
    return _out(request.user, mediation)


@router.post(M + "/neutrality", response=MediationOut)
def declare_neutrality(request, mediation_id: int, payload: NeutralityIn):
    """The mediator's own declaration; a declared conflict stops the mediation until
    it is reassigned."""
    mediation = mediation_or_404(request.user, mediation_id)
    services.neutrality_declare(actor=request.user, mediation=mediation,
                                conflict=payload.conflict, note=payload.note,
                                expected_version=payload.version)  # fmt: skip
    return _out(request.user, mediation)


@router.post(M + "/reassign", response=MediationOut)
def reassign(request, mediation_id: int, payload: ReassignIn):
    """A supervisor or agency admin hands it to another worker of the agency."""
    user = request.user
    mediation = mediation_or_404(user, mediation_id, inside=False)
    if not access.can_assign(user):
        raise PermissionDenied(_("Hanya supervisor atau admin lembaga yang dapat mengalihkan."))
    mediator = (
        get_user_model()
        .objects.filter(pk=payload.mediator_id, membership__agency=access.agency_of(user),
                        is_active=True)
        .first()
    )  # fmt: skip
    if mediator is None:
        raise ValidationError({"mediator_id": _("Mediator harus pekerja sosial lembaga ini.")})
    services.mediation_reassign(actor=user, mediation=mediation, mediator=mediator,
                                expected_version=payload.version)  # fmt: skip
    return _out(user, mediation)


@router.post(M + "/agreement/review", response=MediationOut)
def review_agreement(request, mediation_id: int, payload: VersionIn):
    """The supervisor's review of a shuttle mediation's agreement, before signing."""
    mediation = mediation_or_404(request.user, mediation_id)
    services.agreement_review(actor=request.user, mediation=mediation,
                              expected_version=payload.version)  # fmt: skip
    return _out(request.user, mediation)


@router.post(M + "/parties/{int:party_id}/consent", response=PartyOut)
def party_consent(request, mediation_id: int, party_id: int, payload: ConsentIn):
    mediation = mediation_or_404(request.user, mediation_id)
    party = access.get_or_404(mediation.parties.alive(), pk=party_id)
    return services.party_consent(actor=request.user, party=party,
                                  method=str(payload.method.value), given_by=payload.given_by,
                                  recording_reference=payload.recording_reference,
                                  expected_version=payload.version)  # fmt: skip


@main.get(M + "/obstacles", response=list[ObstacleOut])
def list_obstacles(request, mediation_id: int):
    return list(mediation_or_404(request.user, mediation_id).obstacles.alive())


@router.patch(M + "/obstacles/{int:obstacle_id}", response=ObstacleOut)
def update_obstacle(request, mediation_id: int, obstacle_id: int, payload: ObstaclePatch):
    """The status (or the wording) of an obstacle; what is not sent stays."""
    mediation = mediation_or_404(request.user, mediation_id)
    obstacle = access.get_or_404(mediation.obstacles.alive(), pk=obstacle_id)
    data = {k: getattr(obstacle, k) for k in ("description", "channel", "who_acts", "status")}
    data |= payload.dict(exclude_none=True)
    data["status"] = str(ObstacleStatus(data["status"]).value)
    return services.obstacle_save(actor=request.user, mediation=mediation, data=data,
                                  obstacle=obstacle)  # fmt: skip


@main.get(M + "/ground-rules", response=list[RuleOut])
def list_rules(request, mediation_id: int):
    """Each rule with the parties who agreed to it and when."""
    mediation = mediation_or_404(request.user, mediation_id)
    return list(mediation.rules.alive().prefetch_related("agreements"))


@router.get(M + "/options", response=list[OptionOut])
def list_options(request, mediation_id: int):
    return list(mediation_or_404(request.user, mediation_id).options.alive())


@router.post(M + "/options", response={201: OptionOut})
def add_option(request, mediation_id: int, payload: OptionIn):
    mediation = mediation_or_404(request.user, mediation_id)
    option = services.option_add(actor=request.user, mediation=mediation, text=payload.text,
                                 chosen=payload.chosen)  # fmt: skip
    return Status(201, option)


@router.get(M + "/levels", response=list[LevelOut])
def list_levels(request, mediation_id: int):
    """A diversion's levels with each level's clocks (clocks.py)."""
    mediation = mediation_or_404(request.user, mediation_id)
    return [_level_out(mediation, lv) for lv in mediation.levels.alive()]


@router.post(M + "/levels", response={201: LevelOut})
def start_level(request, mediation_id: int, payload: LevelIn):
    mediation = mediation_or_404(request.user, mediation_id)
    record = levels.level_start(actor=request.user, mediation=mediation,
                                level=str(payload.level.value), started_on=payload.started_on)  # fmt: skip
    return Status(201, _level_out(mediation, record))


@router.patch(M + "/levels/{int:level_id}", response=LevelOut)
def update_level(request, mediation_id: int, level_id: int, payload: LevelPatch):
    """The level's dates, result and agreement; what is not sent stays."""
    mediation = mediation_or_404(request.user, mediation_id)
    record = access.get_or_404(mediation.levels.alive(), pk=level_id)
    record.mediation = mediation
    data = payload.dict(exclude_unset=True, exclude={"version"})
    if data.get("result") is not None:
        data["result"] = str(LevelResult(data["result"]).value)
    for key in ("result", "agreement", "ruling"):
        if key in data and data[key] is None:
            data[key] = ""
    levels.level_update(actor=request.user, record=record, data=data,
                        expected_version=payload.version)  # fmt: skip
    return _level_out(mediation, record)


@router.get(M + "/parties/{int:party_id}/export", response=dict)
def party_export(request, mediation_id: int, party_id: int):
    """The data-subject export of one party (mediator/export.py): for a client, every
    mediation of theirs the user sees inside; never another party's caucus notes,
    perceptions or personal data."""
    mediation = mediation_or_404(request.user, mediation_id)
    party = access.get_or_404(mediation.parties.alive(), pk=party_id)
    return export.subject_export(request.user, party)
