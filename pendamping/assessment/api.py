"""The assessment app over the API, through the registered scopes.

Mounted at the API root: every path is declared in full (/cases/{case_id}/…).
"""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from pendamping import schema_types as T
from pendamping.accounts import access
from pendamping.cases.access import case_or_404
from pendamping.cases.models import Need, Urgency
from pendamping.clients.access import clients_for, family_for
from pendamping.pagination import Pagination
from pendamping.taxonomy.models import TaxonomyTerm
from pendamping.web import require_valid

from . import ecomap, instruments, selectors, services
from .access import ecomaps_for
from .forms import (
    ITEM_PREFIX,
    MAX_NEEDS,
    AssessmentForm,
    ChecklistNeedsForm,
    InstrumentForm,
    identified_needs,
    needs_formset,
    needs_formset_data,
)

router = Router(tags=["assessment"])


def _instrument(code):
    instrument = instruments.get(code)
    if instrument is None:
        raise Http404
    return instrument


# ---- assessment versions ----------------------------------------------------------------


class AssessmentSummaryOut(Schema):
    id: int
    case_id: int
    number: int
    assessed_on: date
    created_by: str
    created_at: datetime
    need_count: int = 0

    @staticmethod
    def resolve_created_by(obj):
        return str(obj.created_by)


class AssessmentOut(Schema):
    id: int
    case_id: int
    number: int
    assessed_on: date
    identity: str
    referral_source: str
    presenting_problem: str
    history: str
    family: str
    health: str
    mental_status: str
    spiritual: str
    social_economic: str
    strengths: str
    summary: str
    recommendations: str
    created_by: str
    created_at: datetime
    need_ids: list[int]

    @staticmethod
    def resolve_created_by(obj):
        return str(obj.created_by)

    @staticmethod
    def resolve_need_ids(obj):
        return getattr(obj, "need_ids", [])


# What the assessment forms enforce, stated in the schema (pendamping/schema_types.py);
# left to them: a date not in the future, a term the taxonomy holds.
Section = T.text(20_000)  # AssessmentForm's sections
Urgent = T.choice(Urgency)


class IdentifiedNeedIn(Schema):
    term_code: T.line(60, required=True)  # TaxonomyTerm.code
    description: T.text(2000, required=True)
    urgency: Urgent = "medium"


class AssessmentIn(Schema):
    assessed_on: date | None = None
    identity: Section = ""
    referral_source: Section = ""
    presenting_problem: T.text(20_000, required=True)
    history: Section = ""
    family: Section = ""
    health: Section = ""
    mental_status: Section = ""
    spiritual: Section = ""
    social_economic: Section = ""
    strengths: Section = ""
    summary: T.text(20_000, required=True)
    recommendations: Section = ""
    needs: list[IdentifiedNeedIn] = Field([], max_length=MAX_NEEDS)
    based_on: int | None = Field(
        None,
        description="The latest version number the client knew of (0 for none); "
        "a newer version saved meanwhile answers 409.",
    )


def _require_valid_needs(formset) -> list[dict]:
    if not formset.is_valid():
        messages = [str(e) for e in formset.non_form_errors()]
        for n, errors in enumerate(formset.errors, start=1):
            for field, errs in errors.items():
                messages += [f"{n}. {field}: {e}" for e in errs]
        raise ValidationError({"needs": messages})
    return identified_needs(formset)


@router.get("/cases/{case_id}/assessments", response=list[AssessmentSummaryOut])
@paginate(Pagination)
def list_assessments(request, case_id: int):
    """The case's assessment versions, newest first."""
    return selectors.case_assessments(request.user, case_or_404(request.user, case_id))


@router.post("/cases/{case_id}/assessments", response={201: AssessmentOut})
def save_assessment(request, case_id: int, payload: AssessmentIn):
    """Save a new version; needs listed become needs of the case (matched by the broker)."""
    case = case_or_404(request.user, case_id)
    access.require_write(request.user)
    data = payload.model_dump(exclude={"needs"})
    data["assessed_on"] = (payload.assessed_on or timezone.localdate()).isoformat()
    if payload.based_on is None:
        data.pop("based_on")
    form = require_valid(AssessmentForm(data))
    codes = [n.term_code for n in payload.needs]
    terms = {t.code: t.pk for t in TaxonomyTerm.objects.filter(code__in=codes)}
    rows = [
        {
            "term": str(terms.get(n.term_code, n.term_code)),
            "description": n.description,
            "urgency": n.urgency,
        }
        for n in payload.needs
    ]
    needs = _require_valid_needs(needs_formset(needs_formset_data(rows)))
    assessment = services.assessment_save(
        actor=request.user,
        case=case,
        data=form.section_data(),
        needs=needs,
        based_on=form.cleaned_data.get("based_on"),
    )
    assessment.need_ids = list(
        Need.objects.filter(assessment_id=assessment.pk).values_list("pk", flat=True)
    )
    return Status(201, assessment)


@router.get("/cases/{case_id}/assessments/{int:number}", response=AssessmentOut)
def get_assessment(request, case_id: int, number: int):
    case = case_or_404(request.user, case_id)
    assessment = selectors.assessment_version(request.user, case, number)
    assessment.need_ids = list(
        selectors.assessment_needs(request.user, assessment).values_list("pk", flat=True)
    )
    return assessment


class SectionChangeOut(Schema):
    field: str
    changed: bool
    before: str
    after: str


class CompareOut(Schema):
    older: int
    newer: int
    sections: list[SectionChangeOut]


@router.get("/cases/{case_id}/assessments/{int:older}/compare/{int:newer}", response=CompareOut)
def compare_assessments(request, case_id: int, older: int, newer: int):
    """What changed, section by section, between two versions."""
    case = case_or_404(request.user, case_id)
    a = selectors.assessment_version(request.user, case, min(older, newer))
    b = selectors.assessment_version(request.user, case, max(older, newer))
    changes = selectors.compare_versions(a, b)
    return {
        "older": a.number,
        "newer": b.number,
        "sections": [
            {"field": c.field, "changed": c.changed, "before": c.before, "after": c.after}
            for c in changes
        ],
    }


# ---- instrument definitions ---------------------------------------------------------------


class TextOut(Schema):
    id: str
    en: str


class OptionOut(Schema):
    value: int
    label: TextOut


class ItemOut(Schema):
    code: str
    text: TextOut
    term: str | None
    options: list[OptionOut]


class BandOut(Schema):
    code: str
    min: int
    max: int
    label: TextOut


class FlagOut(Schema):
    code: str
    item: str
    min: int
    label: TextOut


class ScoringOut(Schema):
    rule: str
    value: int | None


class InstrumentOut(Schema):
    code: str
    version: str
    short_title: TextOut
    title: TextOut
    description: TextOut
    instructions: TextOut | None
    citations: list[str]
    scoring: ScoringOut
    score_min: int
    score_max: int
    items: list[ItemOut]
    bands: list[BandOut]
    flags: list[FlagOut]
    needs_value: int | None


@router.get("/instruments", response=list[InstrumentOut])
def list_instruments(request):
    """Every instrument definition, in Bahasa Indonesia and English."""
    return [i.as_dict() for i in instruments.all_instruments()]


@router.get("/instruments/{code}", response=InstrumentOut)
def get_instrument(request, code: str):
    return _instrument(code).as_dict()


# ---- administrations -------------------------------------------------------------------------


class RaisedFlagOut(Schema):
    code: str
    id: str
    en: str


class AdministrationOut(Schema):
    id: int
    case_id: int
    client_id: int
    instrument_code: str
    instrument_version: str
    answers: dict[str, int]
    score: int
    band: str
    band_label_id: str
    band_label_en: str
    flags: list[RaisedFlagOut]
    administered_on: date
    administered_by: str
    created_at: datetime

    @staticmethod
    def resolve_administered_by(obj):
        return str(obj.administered_by)


class AdministrationIn(Schema):
    answers: dict[str, int | None]
    administered_on: date | None = None


@router.get("/cases/{case_id}/instruments", response=list[AdministrationOut])
@paginate(Pagination)
def list_administrations(request, case_id: int):
    """The case's scored administrations, newest first."""
    return selectors.case_administrations(request.user, case_or_404(request.user, case_id))


@router.post("/cases/{case_id}/instruments/{code}", response={201: AdministrationOut})
def administer_instrument(request, case_id: int, code: str, payload: AdministrationIn):
    """Answers ({item code: value}) in, score and band out; raises safety flags."""
    case = case_or_404(request.user, case_id)
    access.require_write(request.user)
    instrument = _instrument(code)
    if set(payload.answers) - {i.code for i in instrument.items}:
        services.clean_answers(instrument, payload.answers)  # names the unknown items
    form = InstrumentForm(
        InstrumentForm.data_from(payload.answers, payload.administered_on), instrument=instrument
    )
    if not form.is_valid():  # errors keyed by item code, as the answers were sent
        raise ValidationError(
            {
                field.removeprefix(ITEM_PREFIX): [e["message"] for e in errors]
                for field, errors in form.errors.get_json_data().items()
            }
        )
    administration = services.instrument_administer(
        actor=request.user,
        case=case,
        instrument=instrument,
        answers=form.answers(),
        administered_on=form.cleaned_data["administered_on"],
    )
    return Status(201, administration)


@router.get("/administrations/{administration_id}", response=AdministrationOut)
def get_administration(request, administration_id: int):
    return selectors.administration(request.user, administration_id)


class ChecklistNeedsIn(Schema):
    items: list[T.line(40, required=True)] | None = Field(
        None, description="Item codes answered yes to turn into needs; all of them when absent."
    )
    urgency: Urgent = "medium"


class CreatedNeedOut(Schema):
    id: int
    term_id: UUID
    term_code: str
    description: str
    urgency: str
    status: str

    @staticmethod
    def resolve_term_code(obj):
        return obj.term.code


class ChecklistNeedsOut(Schema):
    created: list[CreatedNeedOut]
    skipped: list[str]


@router.post("/administrations/{administration_id}/needs", response={201: ChecklistNeedsOut})
def add_checklist_needs(request, administration_id: int, payload: ChecklistNeedsIn):
    """Turn a needs checklist's yes answers into needs of the case (already open: skipped)."""
    administration = selectors.administration(request.user, administration_id)
    access.require_write(request.user)
    instrument = instruments.get(administration.instrument_code)
    items = instrument.needs_for(administration.answers) if instrument else []
    chosen = payload.items if payload.items is not None else [i.code for i in items]
    form = require_valid(
        ChecklistNeedsForm({"items": chosen, "urgency": payload.urgency}, items=items)
    )
    created, skipped = services.checklist_needs_add(
        actor=request.user,
        administration=administration,
        items=form.cleaned_data["items"],
        urgency=form.cleaned_data["urgency"],
    )
    return Status(201, {"created": created, "skipped": skipped})


class ScoreOut(Schema):
    administration_id: int = Field(alias="id")
    case_id: int
    administered_on: date
    instrument_version: str
    score: int
    band: str
    band_label_id: str
    band_label_en: str
    flags: list[str]

    @staticmethod
    def resolve_flags(obj):
        return [f.get("code", "") for f in obj.flags or []]


@router.get("/clients/{client_id}/instruments/{code}/scores", response=list[ScoreOut])
@paginate(Pagination)
def client_scores(request, client_id: int, code: str):
    """One instrument's scores for a client over time, oldest first."""
    client = access.get_or_404(clients_for(request.user), pk=client_id)
    _instrument(code)
    return selectors.client_scores(request.user, client, code)


# ---- ecomap and genogram -------------------------------------------------------------------


class EcomapSystemIn(Schema):
    name: T.line(120, required=True)
    category: Literal[tuple(ecomap.CATEGORIES)] = "other"
    strength: Literal[tuple(ecomap.STRENGTHS)] = "moderate"
    stressful: bool = False
    flow: Literal[tuple(ecomap.FLOWS)] = "none"
    note: T.text(300) = ""


class EcomapIn(Schema):
    systems: list[EcomapSystemIn] = Field(max_length=40)  # the form's max_num
    centre: T.line(200) = ""
    note: T.text() = ""
    taken_on: date | None = None
    based_on: int | None = None  # the number you edited; a newer save is a 409 conflict


class EcomapOut(Schema):
    number: int
    taken_on: date
    centre: str
    systems: list[dict]
    note: str
    created_at: datetime


def _svg(svg: str) -> HttpResponse:
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


@router.get("/cases/{case_id}/ecomaps", response=list[EcomapOut])
def list_ecomaps(request, case_id: int):
    """Every saved snapshot of the case's ecomap, newest first."""
    case = case_or_404(request.user, case_id)
    return ecomaps_for(request.user).filter(case=case).order_by("-number")


@router.post("/cases/{case_id}/ecomaps", response={201: EcomapOut})
def save_ecomap(request, case_id: int, payload: EcomapIn):
    """Save the ecomap as a new snapshot (earlier ones are kept)."""
    case = case_or_404(request.user, case_id)
    snapshot = services.ecomap_save(
        actor=request.user,
        case=case,
        systems=[s.dict() for s in payload.systems],
        centre=payload.centre,
        note=payload.note,
        taken_on=payload.taken_on,
        based_on=payload.based_on,
    )
    return Status(201, snapshot)


@router.get("/cases/{case_id}/ecomap.svg", response={200: str})
def ecomap_svg(request, case_id: int, version: int | None = None):
    """The case's ecomap as SVG: the latest snapshot, or `version`; an empty map before any."""
    from .ecomap import draw

    case = case_or_404(request.user, case_id)
    snapshots = ecomaps_for(request.user).filter(case=case).order_by("-number")
    shown = snapshots.filter(number=version).first() if version else snapshots.first()
    if version and shown is None:
        raise Http404
    title = _("Ekomap %(case)s") % {"case": case.number}
    if shown is None:
        return _svg(draw(case.client.full_name, [], title=title))
    return _svg(draw(shown.centre, shown.as_systems(), title=title))


@router.get("/clients/{client_id}/genogram.svg", response={200: str})
def genogram_svg(request, client_id: int):
    """The client's genogram as SVG, drawn from the family members on record."""
    from .genogram import genogram_svg as draw

    client = access.get_or_404(clients_for(request.user), pk=client_id)
    members = family_for(request.user).filter(client=client).order_by("id")
    return _svg(draw(client, list(members)))
