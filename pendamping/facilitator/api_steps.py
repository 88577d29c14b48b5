"""The four steps over the API: a session's briefing (each read logged, the
instructor's access window applies), the instructor's record with observations, a
participant's notes (typed, or a photo of the page as multipart/form-data, through
the same checks as the page) and the progress note. Mounted on the facilitator's router (api.py)."""

from datetime import date, datetime
from typing import Annotated, Literal

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status, UploadedFile

from pendamping import schema_types as T
from pendamping.accounts import access

from . import briefing as briefings
from . import indicators, measures, outcomes, selectors, steps
from .access import enrolments_for, require_briefing, require_session_work
from .models import (
    Indicator,
    InstructorRecord,
    Level,
    Observation,
    ParticipantNote,
    PeriodType,
    Phase,
    ProgressNote,
)

MeasureCode = T.line(40, required=True)  # MeasureScore.measure; the menu is the service's

router = Router(tags=["facilitator"])


class BriefingItem(Schema):
    key: str
    label: str
    value: str


class BriefingRow(Schema):
    number: int
    label: str
    withheld: bool
    items: list[BriefingItem]


class BriefingOut(Schema):
    session_id: int
    prepared: bool
    fields: list[str]
    open_until: date
    rows: list[BriefingRow]


class ObservationIn(Schema):
    attention: Level | None = None
    participation: Level | None = None
    difficulties: T.of(Observation, "difficulties") = ""


class DeliveryIn(Schema):
    topic: T.of(InstructorRecord, "topic")
    materials: T.of(InstructorRecord, "materials") = ""
    duration_minutes: int = Field(..., ge=1, le=1440)
    observations: dict[int, ObservationIn] = Field(
        {}, description="By enrolment id of the session's participants."
    )
    version: int | None = None


class ObservationOut(Schema):
    enrolment_id: int
    attention: str
    participation: str
    difficulties: str


class DeliveryOut(Schema):
    session_id: int
    topic: str
    materials: str
    duration_minutes: int
    version: int
    observations: list[ObservationOut]


class NoteIn(Schema):
    text: T.of(ParticipantNote, "text", required=True)


class NoteOut(Schema):
    id: int
    text: str
    photo_url: str | None = Field(description="The photo on the web (a logged-in session).")
    photo_api_path: str | None = Field(
        description="The photo over the API: GET it with the bearer token."
    )
    created_at: datetime


class ProgressIn(Schema):
    body: T.of(ProgressNote, "body")
    version: int | None = None


class ProgressOut(Schema):
    id: int
    session_id: int
    enrolment_id: int
    body: str
    version: int


def _participant(user, session_id, enrolment_id):
    session = selectors.session(user, session_id)
    enrolment = access.get_or_404(
        enrolments_for(user).filter(programme_id=session.programme_id).select_related("case"),
        pk=enrolment_id,
    )
    return session, enrolment


@router.get("/sessions/{int:session_id}/briefing", response=BriefingOut)
def get_briefing(request, session_id: int):
    """The briefing as the session's instructors get it (the read is logged)."""
    user = request.user
    session = selectors.session(user, session_id)
    require_briefing(user, session)
    context = briefings.context(user, session)
    briefing = context["briefing"]
    if briefing is not None:
        briefings.log_view(briefing, user, "api")
    return {
        "session_id": session.pk, "prepared": briefing is not None,
        "fields": list(briefing.fields) if briefing else [], "open_until": context["open_until"],
        "rows": context["rows"],
    }  # fmt: skip


def _delivery(session) -> dict | None:
    record = session.delivery if hasattr(session, "delivery") else None
    if record is None:
        return None
    return {
        "session_id": session.pk, "topic": record.topic, "materials": record.materials,
        "duration_minutes": record.duration_minutes, "version": record.version,
        "observations": [
            {"enrolment_id": o.enrolment_id, "attention": o.attention,
             "participation": o.participation, "difficulties": o.difficulties}
            for o in Observation.objects.filter(session=session).order_by("enrolment_id")
        ],
    }  # fmt: skip


@router.get("/sessions/{int:session_id}/delivery", response={200: DeliveryOut, 404: dict})
def get_delivery(request, session_id: int):
    """What the instructor recorded of the session (404 while nothing is)."""
    session = selectors.session(request.user, session_id)
    out = _delivery(session)
    if out is None:
        return Status(404, {"detail": _("Belum ada catatan instruktur untuk sesi ini.")})
    return out


@router.post("/sessions/{int:session_id}/delivery", response=DeliveryOut)
def save_delivery(request, session_id: int, payload: DeliveryIn):
    """Step 2, by the session's instructor or the agency's staff (saving again rewrites)."""
    user = request.user
    session = selectors.session(user, session_id)
    require_session_work(user, session)
    observations = {
        k: {"attention": v.attention.value if v.attention else "",
            "participation": v.participation.value if v.participation else "",
            "difficulties": v.difficulties}
        for k, v in payload.observations.items()
    }  # fmt: skip
    steps.delivery_save(
        actor=user, session=session, topic=payload.topic, materials=payload.materials,
        duration_minutes=payload.duration_minutes, observations=observations,
        expected_version=payload.version,
    )  # fmt: skip
    session.refresh_from_db()
    return _delivery(selectors.session(user, session_id))


def _note(n: ParticipantNote) -> dict:
    url = reverse("participant_note_photo", args=[n.pk]) if n.photo_name else None
    api_path = f"/participant-notes/{n.pk}/photo" if n.photo_name else None
    return {"id": n.pk, "text": n.text, "photo_url": url, "photo_api_path": api_path,
            "created_at": n.created_at}  # fmt: skip


@router.get(
    "/sessions/{int:session_id}/participants/{int:enrolment_id}/notes", response=list[NoteOut]
)
def list_notes(request, session_id: int, enrolment_id: int):
    session, enrolment = _participant(request.user, session_id, enrolment_id)
    notes = ParticipantNote.objects.alive().filter(session=session, enrolment=enrolment)
    return [_note(n) for n in notes]


@router.post(
    "/sessions/{int:session_id}/participants/{int:enrolment_id}/notes",
    response={201: NoteOut},
)
def add_note(request, session_id: int, enrolment_id: int, payload: NoteIn):
    """A participant's typed notes (a photo of the page is uploaded on the page)."""
    user = request.user
    session, enrolment = _participant(user, session_id, enrolment_id)
    access.require_write(user)
    note = steps.participant_note_add(
        actor=user, session=session, enrolment=enrolment, text=payload.text
    )
    return Status(201, _note(note))


@router.post(
    "/sessions/{int:session_id}/participants/{int:enrolment_id}/notes/photo",
    response={201: NoteOut},
)
def add_note_photo(
    request, session_id: int, enrolment_id: int, photo: File[UploadedFile],
    text: T.of(ParticipantNote, "text", required=False) = Form(""),  # noqa: B008  (ninja reads a form field from its default)
):  # fmt: skip
    """A photo of the participant's handwritten page (multipart/form-data: ``photo``,
    and ``text`` if any): JPEG, PNG or WebP judged by content, at most 5 MB and 40
    megapixels, stored without its EXIF data, served only to those who may see the
    participant."""
    user = request.user
    session, enrolment = _participant(user, session_id, enrolment_id)
    access.require_write(user)
    note = steps.participant_note_add(
        actor=user, session=session, enrolment=enrolment, text=text, photo=photo
    )
    return Status(201, _note(note))


@router.get("/participant-notes/{int:note_id}/photo")
def get_note_photo(request, note_id: int):
    """The photo itself (its content type), for those who may see the participant."""
    from .steps_views import photo_response

    return photo_response(request.user, note_id)


@router.post(
    "/sessions/{int:session_id}/participants/{int:enrolment_id}/progress",
    response=ProgressOut,
)
def save_progress(request, session_id: int, enrolment_id: int, payload: ProgressIn):
    """Step 4: the progress note (the case timeline gets its ids when first written)."""
    user = request.user
    session, enrolment = _participant(user, session_id, enrolment_id)
    access.require_write(user)
    note = steps.progress_note_save(
        actor=user, session=session, enrolment=enrolment, body=payload.body,
        expected_version=payload.version,
    )  # fmt: skip
    return ProgressNote.objects.get(pk=note.pk)


# ---- measures and gains ----------------------------------------------------------


class MeasureOut(Schema):
    code: str
    domain: str
    title: str
    maximum: int
    items: list[dict]


class ScoreIn(Schema):
    measure: MeasureCode
    phase: Phase
    answers: dict[str, T.line(40, required=True)] = Field(
        description="By item code: the chosen option value."
    )


class ScoreOut(Schema):
    id: int
    enrolment_id: int
    measure: str
    phase: str
    score: int
    maximum: int


class GainRow(Schema):
    enrolment_id: int
    measure: str
    maximum: int
    pre: int | None
    post: int | None
    gain: float | None


class DomainGain(Schema):
    domain: str
    participants: int
    gain: float | None


class GainsOut(Schema):
    programme_id: int
    gain: float | None
    domains: list[DomainGain]
    participants: list[GainRow]


@router.get("/measures", response=list[MeasureOut])
def list_measures(request):
    """The pre/post measures a programme may use (their items and answer options)."""
    return [
        {"code": m.code, "domain": m.domain, "title": str(m), "maximum": m.maximum,
         "items": [{"code": i["code"], "text": measures.tr(i["text"]),
                    "options": [v for v, _label in m.choices(i)]} for i in m.items]}
        for m in measures.all_measures().values()
    ]  # fmt: skip


@router.post("/enrolments/{int:enrolment_id}/scores", response=ScoreOut)
def record_score(request, enrolment_id: int, payload: ScoreIn):
    """Administer a measure to a participant, pre or post (saving again rewrites)."""
    user = request.user
    enrolment = access.get_or_404(enrolments_for(user).select_related("programme"),
                                  pk=enrolment_id)  # fmt: skip
    access.require_write(user)
    return outcomes.score_record(
        actor=user, enrolment=enrolment, measure=payload.measure,
        phase=str(payload.phase.value), answers=payload.answers,
    )  # fmt: skip


@router.get("/programmes/{int:programme_id}/gains", response=GainsOut)
def get_gains(request, programme_id: int):
    """Hake's gain per participant and measure, per domain and for the programme,
    over the participants you may see."""
    user = request.user
    programme = selectors.programme(user, programme_id)
    enrolments = list(enrolments_for(user).filter(programme=programme).exclude(status="waitlisted"))
    data = outcomes.programme_gains(user, programme, enrolments)
    return {
        "programme_id": programme.pk, "gain": data["programme_gain"],
        "domains": [{"domain": d["code"], "participants": d["n"], "gain": d["gain"]}
                    for d in data["domains"]],
        "participants": [{"enrolment_id": r["enrolment"].pk, "measure": r["measure"].code,
                          "maximum": r["maximum"], "pre": r["pre"], "post": r["post"],
                          "gain": r["gain"]} for r in data["rows"]],
    }  # fmt: skip


# ---- indicators --------------------------------------------------------------------


class IndicatorIn(Schema):
    name: T.of(Indicator, "name")
    numerator: Literal[tuple(indicators.MEASURES)] = Field(
        description="A code of the measure menu (see the indicator page)."
    )
    denominator: Literal[(*indicators.MEASURES, "")] = ""
    factor: float = Field(100, gt=0, lt=1_000_000)
    period_type: T.choice(PeriodType) = "month"
    targets: dict[str, Annotated[float, Field(gt=0, lt=1e9)]] = Field(
        {}, description="By DHIS2 period id: 202611, 2026Q4, 2026."
    )
    amber_from: float = Field(0.6, ge=0, le=9.99, description="not above green_from")
    green_from: float = Field(0.9, ge=0, le=9.99)


class IndicatorRow(Schema):
    period: str
    value: float | None
    target: float | None
    achievement: float | None
    colour: str | None
    colour_label: str = Field("", description="The colour's words, in the reader's language.")


class IndicatorOut(Schema):
    id: int
    name: str
    numerator: str
    denominator: str
    factor: float
    period_type: str
    version: int
    rows: list[IndicatorRow] = []


def _indicator_programme(request, programme_id):
    programme = selectors.programme(request.user, programme_id)
    if access.role_of(request.user) in access.NO_CASE_ROLES:  # counts of clients
        raise Http404
    return programme


@router.get("/programmes/{int:programme_id}/indicators", response=list[IndicatorOut])
def list_indicators(request, programme_id: int):
    """Each indicator with its value, target, achievement and colour per period."""
    programme = _indicator_programme(request, programme_id)
    out = []
    for block in indicators.achievement_table(programme):
        ind = block["indicator"]
        out.append({"id": ind.pk, "name": ind.name, "numerator": ind.numerator,
                    "denominator": ind.denominator, "factor": float(ind.factor),
                    "period_type": ind.period_type, "version": ind.version,
                    "rows": block["rows"]})  # fmt: skip
    return out


@router.post("/programmes/{int:programme_id}/indicators", response={201: IndicatorOut})
def create_indicator(request, programme_id: int, payload: IndicatorIn):
    programme = selectors.programme(request.user, programme_id)
    access.require_write(request.user)
    ind = indicators.indicator_save(actor=request.user, programme=programme, data=payload.dict())
    return Status(201, {"id": ind.pk, "name": ind.name, "numerator": ind.numerator,
                        "denominator": ind.denominator, "factor": float(ind.factor),
                        "period_type": ind.period_type, "version": ind.version})  # fmt: skip
